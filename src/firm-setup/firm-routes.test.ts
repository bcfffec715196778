import { describe, expect, it } from "vitest";
import { expectRefused, useAdminPractice } from "../test-support/admin-practice.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

describe.each(ENGINES)("firm profile routes on %s", (engine) => {
  const server = useTestServer(engine);
  const p = useAdminPractice(server, "profile");

  it("lets every signed-in user, contacts included, read the profile", async () => {
    for (const who of ["admin", "jane", "connie"] as const) {
      const response = await p.as[who].get("/firm");
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: p.firm.id,
        slug: "profile",
        currency: "USD",
        timeIncrement: 6,
      });
    }
    expect((await server.app.inject("/f/profile/api/v1/firm")).statusCode).toBe(401);
  });

  it("lets a Settings Admin change the name, increment, lock date and fiscal year start", async () => {
    const response = await p.as.settingsAdmin.patch("/firm", {
      name: "Profile & Partners",
      timeIncrement: 15,
      lockDate: "2026-03-31",
      fiscalYearStartMonth: 4,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: "Profile & Partners",
      timeIncrement: 15,
      lockDate: "2026-03-31",
      fiscalYearStartMonth: 4,
      currency: "USD",
    });
    expect((await p.as.jane.get("/firm")).json()).toMatchObject({ lockDate: "2026-03-31" });
    const cleared = await p.as.admin.patch("/firm", { lockDate: null });
    expect(cleared.json()).toMatchObject({ lockDate: null, timeIncrement: 15 });
  });

  it("refuses settings changes to users without settings:E", async () => {
    for (const who of ["staffAdmin", "jane", "owner"] as const) {
      const response = await expectRefused(server, 403, () => p.as[who].patch("/firm", { name: "Mine now" }));
      expect(response.json()).toMatchObject({ code: "FORBIDDEN", permission: "settings:E" });
    }
    await expectRefused(server, 403, () => p.as.connie.patch("/firm", { name: "Mine now" }));
  });

  it("never changes the currency or the URL name, and refuses unknown fields and bad values", async () => {
    for (const body of [
      { currency: "EUR" },
      { slug: "elsewhere" },
      { name: "Ok", protection: false },
      { timeIncrement: 5 },
      { fiscalYearStartMonth: 13 },
      { lockDate: "31/03/2026" },
      { name: "" },
    ]) {
      const response = await expectRefused(server, 400, () => p.as.admin.patch("/firm", body));
      expect(response.json()).toMatchObject({ code: "VALIDATION" });
    }
  });

  it("keeps firms apart: the other firm's Admin session does not work on this firm's URL", async () => {
    const response = await server.app.inject({
      method: "PATCH",
      url: "/f/profile/api/v1/firm",
      headers: p.other.headers,
      payload: { name: "Taken" },
    });
    expect(response.statusCode).toBe(401);
    expect((await p.as.admin.get("/firm")).json()).toMatchObject({ name: "Profile & Partners" });
    expect((await p.other.as.get("/firm")).json()).toMatchObject({
      slug: "profile-other",
      name: "Firm profile-other",
    });
  });
});
