import { beforeAll, describe, expect, it } from "vitest";
import { expectRefused, listIds, useAdminPractice } from "../test-support/admin-practice.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

interface RateJson {
  id: string;
  scope: string;
  rate: number;
  effectiveDate: string;
}

describe.each(ENGINES)("rate routes on %s", (engine) => {
  const server = useTestServer(engine);
  const p = useAdminPractice(server, "rates");
  const defaults: { tax: string; mile: string; other: string } = { tax: "", mile: "", other: "" };

  beforeAll(async () => {
    const listed = (await p.as.admin.get("/rates?scope=work_code")).json<{
      items: (RateJson & { workCodeId: string })[];
    }>();
    defaults.tax = listed.items.find((r) => r.workCodeId === p.workCodes.tax)!.id;
    defaults.mile = listed.items.find((r) => r.workCodeId === p.workCodes.mile)!.id;
    defaults.other = (await p.other.as.get("/rates")).json<{ items: RateJson[] }>().items[0]!.id;
  });

  it("lets a Staff Admin set, replace, read, list and delete a staff member's rate", async () => {
    const body = { staffId: p.staffIds.jane, effectiveDate: "2026-07-01", rate: 1_200_000 };
    const created = await p.as.staffAdmin.post("/rates", body);
    expect(created.statusCode).toBe(201);
    const rate = created.json<RateJson>();
    expect(rate).toMatchObject({
      scope: "staff",
      staffId: p.staffIds.jane,
      rate: 1_200_000,
      timing: "future",
    });

    const replaced = await p.as.staffAdmin.post("/rates", { ...body, rate: 1_250_000 });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ id: rate.id, rate: 1_250_000 });

    expect(listIds(await p.as.staffAdmin.get(`/rates?staffId=${p.staffIds.jane}`))).toEqual([rate.id]);
    expect((await p.as.staffAdmin.get(`/rates/${rate.id}`)).json()).toMatchObject({ rate: 1_250_000 });
    expect((await p.as.staffAdmin.delete(`/rates/${rate.id}`)).statusCode).toBe(204);
    expect((await p.as.staffAdmin.get(`/rates/${rate.id}`)).statusCode).toBe(404);
  });

  it("lets the Owner or Editor of a client set its overrides and a Settings Admin the work code defaults", async () => {
    const client = await p.as.owner.post("/rates", { clientId: p.clients.acme, rate: 1_100_000 });
    expect(client.statusCode).toBe(201);
    expect(client.json()).toMatchObject({
      scope: "client",
      clientId: p.clients.acme,
      effectiveDate: "2026-06-15",
    });
    const project = await p.as.editor.post("/rates", {
      projectId: p.project,
      workCodeId: p.workCodes.tax,
      rate: 1_300_000,
    });
    expect(project.statusCode).toBe(201);
    expect(project.json()).toMatchObject({
      scope: "project",
      projectId: p.project,
      workCodeId: p.workCodes.tax,
    });
    const workCode = await p.as.settingsAdmin.post("/rates", {
      workCodeId: p.workCodes.tax,
      effectiveDate: "2027-01-01",
      rate: 1_600_000,
    });
    expect(workCode.statusCode).toBe(201);
    expect(workCode.json()).toMatchObject({ scope: "work_code", timing: "future" });
    expect((await p.as.editor.delete(`/rates/${project.json<RateJson>().id}`)).statusCode).toBe(204);
  });

  it("lists only the rates each caller may read", async () => {
    const staffRate = (
      await p.as.staffAdmin.post("/rates", { staffId: p.staffIds.jane, rate: 900_000 })
    ).json<RateJson>();
    const betaRate = (
      await p.as.admin.post("/rates", { clientId: p.clients.beta, rate: 800_000 })
    ).json<RateJson>();
    const acmeRate = (await p.as.admin.get(`/rates?clientId=${p.clients.acme}`)).json<{ items: RateJson[] }>()
      .items[0]!;
    const allIds = listIds(await p.as.admin.get("/rates"));
    expect(allIds).toEqual(expect.arrayContaining([staffRate.id, betaRate.id, acmeRate.id, defaults.tax]));

    const janeSees = listIds(await p.as.jane.get("/rates"));
    expect(janeSees).toContain(defaults.tax);
    expect(janeSees).not.toContain(staffRate.id);
    expect(janeSees).not.toContain(acmeRate.id);

    const ownerSees = listIds(await p.as.owner.get("/rates"));
    expect(ownerSees).toContain(acmeRate.id);
    expect(ownerSees).not.toContain(betaRate.id);
    expect(ownerSees).not.toContain(staffRate.id);

    const staffAdminSees = listIds(await p.as.staffAdmin.get("/rates"));
    expect(staffAdminSees).toContain(staffRate.id);
    expect(staffAdminSees).not.toContain(acmeRate.id);

    // A portal contact sees no rates, not even their own client's.
    expect(listIds(await p.as.connie.get("/rates"))).toEqual([]);
    await expectRefused(server, 404, () => p.as.connie.get(`/rates/${acmeRate.id}`));
    await expectRefused(server, 404, () => p.as.owner.get(`/rates/${betaRate.id}`));
    await expectRefused(server, 404, () => p.as.jane.get(`/rates/${staffRate.id}`));
  });

  it("refuses rate changes without the owner's rights, changing nothing", async () => {
    await expectRefused(server, 403, () =>
      p.as.jane.post("/rates", { workCodeId: p.workCodes.tax, rate: 1 }),
    );
    await expectRefused(server, 403, () => p.as.jane.delete(`/rates/${defaults.tax}`));
    await expectRefused(server, 404, () => p.as.jane.post("/rates", { clientId: p.clients.acme, rate: 1 }));
    await expectRefused(server, 404, () => p.as.owner.post("/rates", { clientId: p.clients.beta, rate: 1 }));
    await expectRefused(server, 403, () => p.as.connie.post("/rates", { clientId: p.clients.acme, rate: 1 }));
    // Staff ids are checked like any other: who may not read staff does not learn they exist.
    await expectRefused(server, 404, () => p.as.owner.post("/rates", { staffId: p.staffIds.jane, rate: 1 }));
    await expectRefused(server, 404, () =>
      p.as.settingsAdmin.post("/rates", { staffId: p.staffIds.jane, rate: 1 }),
    );
    await expectRefused(server, 404, () =>
      p.as.staffAdmin.post("/rates", { clientId: p.clients.acme, rate: 1 }),
    );
  });

  it("never lets anyone but an Admin set or delete their own rate", async () => {
    const own = await expectRefused(server, 403, () =>
      p.as.staffAdmin.post("/rates", { staffId: p.staffIds.staffAdmin, rate: 5_000_000 }),
    );
    expect(own.json()).toMatchObject({ code: "FORBIDDEN" });
    const set = await p.as.staffAdmin.post("/rates", { staffId: p.staffIds.settingsAdmin, rate: 700_000 });
    expect(set.statusCode).toBe(201);
    // A sole practitioner must be able to set their own rate: the Admin may.
    expect((await p.as.admin.post("/rates", { staffId: p.staffIds.admin, rate: 2_000_000 })).statusCode).toBe(
      201,
    );
    const given = await p.as.admin.post("/rates", { staffId: p.staffIds.staffAdmin, rate: 1_000_000 });
    expect(given.statusCode).toBe(201);
    await expectRefused(server, 403, () => p.as.staffAdmin.delete(`/rates/${given.json<RateJson>().id}`));
  });

  it("answers 404 for ids of another firm in the query, the body and the path, changing nothing", async () => {
    await expectRefused(server, 404, () => p.as.admin.get(`/rates?staffId=${p.other.staff}`));
    await expectRefused(server, 404, () => p.as.admin.get(`/rates?clientId=${p.other.client}`));
    await expectRefused(server, 404, () => p.as.admin.get(`/rates?projectId=${p.other.project}`));
    await expectRefused(server, 404, () => p.as.admin.get(`/rates?workCodeId=${p.other.workCode}`));
    await expectRefused(server, 404, () => p.as.admin.post("/rates", { staffId: p.other.staff, rate: 1 }));
    await expectRefused(server, 404, () => p.as.admin.post("/rates", { clientId: p.other.client, rate: 1 }));
    await expectRefused(server, 404, () =>
      p.as.admin.post("/rates", { projectId: p.other.project, rate: 1 }),
    );
    await expectRefused(server, 404, () =>
      p.as.admin.post("/rates", { workCodeId: p.other.workCode, rate: 1 }),
    );
    await expectRefused(server, 404, () =>
      p.as.admin.post("/rates", { staffId: p.staffIds.jane, workCodeId: p.other.workCode, rate: 1 }),
    );
    await expectRefused(server, 404, () => p.as.admin.get(`/rates/${defaults.other}`));
    await expectRefused(server, 404, () => p.as.admin.delete(`/rates/${defaults.other}`));
  });

  it("refuses unknown fields, inexact money and ambiguous owners, changing nothing", async () => {
    for (const body of [
      { staffId: p.staffIds.jane, rate: 1, roleId: p.staffIds.jane },
      { staffId: p.staffIds.jane, rate: 150.5 },
      { staffId: p.staffIds.jane, rate: "150.00" },
      { staffId: p.staffIds.jane },
      { staffId: p.staffIds.jane, clientId: p.clients.acme, rate: 1 },
      { rate: 1 },
      { staffId: p.staffIds.jane, rate: -5 },
      { staffId: p.staffIds.jane, rate: 1, effectiveDate: "2026-13-01" },
      { staffId: "JD", rate: 1 },
    ]) {
      const response = await expectRefused(server, 400, () => p.as.admin.post("/rates", body));
      expect(response.json()).toMatchObject({ code: "VALIDATION" });
    }
    await expectRefused(server, 400, () => p.as.admin.get("/rates?owner=me"));
  });

  it("keeps rates before the lock date frozen", async () => {
    await p.as.admin.patch("/firm", { lockDate: "2026-05-31" });
    const response = await expectRefused(server, 409, () =>
      p.as.admin.post("/rates", { staffId: p.staffIds.jane, effectiveDate: "2026-01-01", rate: 1 }),
    );
    expect(response.json()).toMatchObject({ code: "RATE_HISTORICAL" });
    await expectRefused(server, 409, () => p.as.admin.delete(`/rates/${defaults.mile}`));
    await p.as.admin.patch("/firm", { lockDate: null });
  });
});
