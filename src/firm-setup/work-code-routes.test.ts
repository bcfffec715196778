import { describe, expect, it } from "vitest";
import { expectRefused, listIds, useAdminPractice } from "../test-support/admin-practice.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

interface WorkCodeJson {
  id: string;
  code: string;
  kind: string;
  active: boolean;
}

describe.each(ENGINES)("work code routes on %s", (engine) => {
  const server = useTestServer(engine);
  const p = useAdminPractice(server, "codes");

  it("lets a Settings Admin create a work code with its default rate, change it and delete it", async () => {
    const created = await p.as.settingsAdmin.post("/work-codes", {
      code: "bk",
      kind: "time",
      name: "Bookkeeping",
      billable: true,
      rate: 950_000,
    });
    expect(created.statusCode).toBe(201);
    const workCode = created.json<WorkCodeJson>();
    expect(workCode).toMatchObject({
      code: "BK",
      kind: "time",
      billable: true,
      active: true,
      surchargeBp: 0,
    });
    const rates = await p.as.settingsAdmin.get(`/rates?workCodeId=${workCode.id}&scope=work_code`);
    expect(rates.json()).toMatchObject({
      items: [{ scope: "work_code", rate: 950_000, effectiveDate: "0001-01-01" }],
    });

    const changed = await p.as.settingsAdmin.patch(`/work-codes/${workCode.id}`, {
      name: "Books",
      active: false,
    });
    expect(changed.json()).toMatchObject({ name: "Books", active: false });
    expect((await p.as.settingsAdmin.get(`/work-codes/${workCode.id}`)).json()).toEqual(changed.json());

    expect((await p.as.settingsAdmin.delete(`/work-codes/${workCode.id}`)).statusCode).toBe(204);
    expect((await p.as.settingsAdmin.get(`/work-codes/${workCode.id}`)).statusCode).toBe(404);
    expect((await p.as.settingsAdmin.get(`/rates?scope=work_code`)).json<{ total: number }>().total).toBe(2);
  });

  it("lets every staff user list and read work codes, filtered by kind and active", async () => {
    expect(listIds(await p.as.jane.get("/work-codes"))).toEqual([p.workCodes.mile, p.workCodes.tax]);
    expect(listIds(await p.as.owner.get("/work-codes?kind=expense"))).toEqual([p.workCodes.mile]);
    expect(listIds(await p.as.jane.get("/work-codes?active=false"))).toEqual([]);
    expect((await p.as.jane.get(`/work-codes/${p.workCodes.tax}`)).json()).toMatchObject({ code: "TAX" });
    expect((await p.as.jane.get("/work-codes?limit=1&offset=1")).json()).toMatchObject({
      total: 2,
      items: [{ code: "TAX" }],
    });
  });

  it("refuses contacts and users without work_codes rights, changing nothing", async () => {
    await expectRefused(server, 403, () => p.as.connie.get("/work-codes"));
    await expectRefused(server, 404, () => p.as.connie.get(`/work-codes/${p.workCodes.tax}`));
    for (const who of ["jane", "staffAdmin", "owner"] as const) {
      await expectRefused(server, 403, () =>
        p.as[who].post("/work-codes", { code: "X", kind: "time", name: "X" }),
      );
      await expectRefused(server, 403, () =>
        p.as[who].patch(`/work-codes/${p.workCodes.tax}`, { name: "Mine" }),
      );
      await expectRefused(server, 403, () => p.as[who].delete(`/work-codes/${p.workCodes.tax}`));
    }
  });

  it("answers 404 for another firm's work codes, changing nothing", async () => {
    await expectRefused(server, 404, () => p.as.admin.get(`/work-codes/${p.other.workCode}`));
    await expectRefused(server, 404, () =>
      p.as.admin.patch(`/work-codes/${p.other.workCode}`, { name: "Taken" }),
    );
    await expectRefused(server, 404, () => p.as.admin.delete(`/work-codes/${p.other.workCode}`));
  });

  it("refuses unknown fields and bad values, changing nothing", async () => {
    for (const body of [
      { code: "X", kind: "time", name: "X", id: p.workCodes.tax },
      { code: "X", kind: "travel", name: "X" },
      { code: "X", kind: "time", name: "X", rate: 1.5 },
      { code: "X", kind: "time", name: "X", rate: "100.00" },
      { code: "X", kind: "time", name: "X", surchargeBp: 500 },
      { code: "X", kind: "time", name: "X", rate: -1 },
      { code: "TAX", kind: "time", name: "" },
    ]) {
      await expectRefused(server, 400, () => p.as.admin.post("/work-codes", body));
    }
    // Rates change at /rates, never through the work code itself.
    await expectRefused(server, 400, () => p.as.admin.patch(`/work-codes/${p.workCodes.tax}`, { rate: 1 }));
    await expectRefused(server, 400, () => p.as.admin.get("/work-codes?active=maybe"));
    const duplicate = await expectRefused(server, 409, () =>
      p.as.admin.post("/work-codes", { code: "tax", kind: "time", name: "Again" }),
    );
    expect(duplicate.json()).toMatchObject({ code: "DUPLICATE" });
  });
});
