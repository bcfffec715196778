import { beforeAll, describe, expect, it } from "vitest";
import { ALWAYS } from "../domain/rates.js";
import { exactly, expectRefusedUnchanged, seedPractice, setLockDate } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { addTimeEntry } from "../time-expense/time-entry-service.js";
import { sql } from "kysely";
import { addClient } from "./client-service.js";
import { deleteRate, getRate, listRates, loadRateBook, loadRateBookFor, setRate } from "./rate-service.js";

describe.each(ENGINES)("rates on %s", (engine) => {
  const t = useTestFirm(engine);
  beforeAll(async () => {
    await seedPractice(t);
    // One rate per level, each taking over on a later date (TAX's default is 150.00 from ALWAYS).
    await setRate(t.store.db, t.scope, { staff: "JD", rate: 1_000_000, effectiveDate: "2026-02-01" });
    await setRate(t.store.db, t.scope, {
      staff: "JD",
      workCode: "TAX",
      rate: 1_200_000,
      effectiveDate: "2026-03-01",
    });
    await setRate(t.store.db, t.scope, { client: "ACME", rate: 1_300_000, effectiveDate: "2026-04-01" });
    await setRate(t.store.db, t.scope, {
      client: "ACME",
      workCode: "TAX",
      rate: 1_400_000,
      effectiveDate: "2026-05-01",
    });
    await setRate(t.store.db, t.scope, {
      client: "ACME",
      project: "AUDIT",
      rate: 1_600_000,
      effectiveDate: "2026-06-01",
    });
    await setRate(t.store.db, t.scope, {
      client: "ACME",
      project: "AUDIT",
      workCode: "TAX",
      rate: 1_700_000,
      effectiveDate: "2026-06-10",
    });
  });

  const price = async (
    date: string,
    overrides: { staff?: string; project?: string | null; workCode?: string } = {},
  ) => {
    const added = await addTimeEntry(t.store.db, t.scope, {
      staff: overrides.staff ?? "JD",
      client: "ACME",
      project: overrides.project === undefined ? "AUDIT" : overrides.project,
      workCode: overrides.workCode ?? "TAX",
      date,
      minutes: 60,
    });
    return { rate: added.rate, source: added.rateSource, amount: added.amount };
  };

  it("resolves one entry's rate from its own targets' rates exactly as from the whole firm's", async () => {
    const id = async (table: "staff" | "client" | "work_code" | "project", column: string, value: string) =>
      (
        await t.store.db
          .selectFrom(table)
          .select("id")
          .where(sql.ref(column), "=", value)
          .executeTakeFirstOrThrow()
      ).id;
    const firmId = t.scope.firm.id;
    const whole = await loadRateBook(t.store.db, firmId);
    const parties = {
      staff: [await id("staff", "staff_number", "JD"), await id("staff", "staff_number", "AB")],
      workCodes: [await id("work_code", "code", "TAX"), await id("work_code", "code", "ADMIN")],
      projects: [null, await id("project", "code", "AUDIT")],
    };
    const clientId = await id("client", "code", "ACME");
    let compared = 0;
    for (const staffId of parties.staff)
      for (const workCodeId of parties.workCodes)
        for (const projectId of parties.projects)
          for (const kind of ["time", "expense"] as const) {
            const query = { staffId, clientId, projectId, workCodeId, kind };
            const own = await loadRateBookFor(t.store.db, firmId, query);
            for (const date of ["2026-01-15", "2026-03-15", "2026-05-15", "2026-06-05", "2026-06-15"]) {
              expect(own.resolve({ ...query, date })).toEqual(whole.resolve({ ...query, date }));
              compared++;
            }
          }
    expect(compared).toBe(80);
    // And it reads the entry's targets only: another client's rates are not in it.
    await addClient(t.store.db, t.scope, { code: "OTHER", name: "Other Ltd" });
    await setRate(t.store.db, t.scope, { client: "OTHER", rate: 9_900_000, effectiveDate: "2026-01-01" });
    const otherId = await id("client", "code", "OTHER");
    const query = {
      staffId: parties.staff[0]!,
      clientId,
      projectId: null,
      workCodeId: parties.workCodes[0]!,
      kind: "time" as const,
    };
    const own = await loadRateBookFor(t.store.db, firmId, query);
    expect(own.resolve({ ...query, clientId: otherId, date: "2026-06-15" }).rate).not.toBe(9_900_000);
  });

  it("prices each entry by the most specific level effective on its date", async () => {
    expect(await price("2026-01-15")).toEqual({ rate: 1_500_000, source: "work_code", amount: 15_000 });
    expect(await price("2026-02-01")).toEqual({ rate: 1_000_000, source: "staff", amount: 10_000 });
    expect(await price("2026-03-15")).toEqual({ rate: 1_200_000, source: "staff_work_code", amount: 12_000 });
    expect(await price("2026-04-15")).toEqual({ rate: 1_300_000, source: "client", amount: 13_000 });
    expect(await price("2026-05-15")).toEqual({
      rate: 1_400_000,
      source: "client_work_code",
      amount: 14_000,
    });
    expect(await price("2026-06-05")).toEqual({ rate: 1_600_000, source: "project", amount: 16_000 });
    expect(await price("2026-06-10")).toEqual({
      rate: 1_700_000,
      source: "project_work_code",
      amount: 17_000,
    });
  });

  it("falls through levels that do not apply to the entry", async () => {
    expect(await price("2026-06-12", { project: null })).toEqual({
      rate: 1_400_000,
      source: "client_work_code",
      amount: 14_000,
    });
    expect(await price("2026-03-15", { staff: "AB" })).toEqual({
      rate: 1_500_000,
      source: "work_code",
      amount: 15_000,
    });
    expect(await price("2026-02-15", { workCode: "ADMIN" })).toEqual({
      rate: 1_000_000,
      source: "staff",
      amount: 10_000,
    });
    expect(await price("2026-02-15", { workCode: "ADMIN", staff: "AB" })).toEqual({
      rate: 0,
      source: "none",
      amount: 0,
    });
  });

  it("replaces the rate of a target on the same date rather than adding a second", async () => {
    const before = await listRates(t.store.db, t.scope, { staff: "JD" });
    const replaced = await setRate(t.store.db, t.scope, {
      staff: "jd",
      rate: 1_100_000,
      effectiveDate: "2026-02-01",
    });
    const after = await listRates(t.store.db, t.scope, { staff: "JD" });
    expect(after).toHaveLength(before.length);
    expect(after.find((rate) => rate.id === replaced.id)).toMatchObject({
      rate: 1_100_000,
      effectiveDate: "2026-02-01",
    });
  });

  it("dates a rate today unless told otherwise", async () => {
    const rate = await setRate(t.store.db, t.scope, { staff: "AB", rate: 900_000 });
    expect(rate).toMatchObject({
      scope: "staff",
      effectiveDate: "2026-06-15",
      workCodeId: null,
      rate: 900_000,
    });
  });

  it("refuses a target named ambiguously or not at all", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => setRate(t.store.db, t.scope, { staff: "JD", client: "ACME", rate: 1 }),
      {
        code: "VALIDATION",
        message: exactly("a rate belongs to one of staff, client or project, not several"),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => setRate(t.store.db, t.scope, { project: "AUDIT", rate: 1 }),
      {
        code: "VALIDATION",
        message: /names its client too/,
      },
    );
    await expectRefusedUnchanged(t.store.db, () => setRate(t.store.db, t.scope, { rate: 1 }), {
      code: "VALIDATION",
    });
    await expectRefusedUnchanged(t.store.db, () => setRate(t.store.db, t.scope, { staff: "ZZ", rate: 1 }), {
      code: "NOT_FOUND",
      message: exactly('staff "ZZ" does not exist'),
    });
    await expectRefusedUnchanged(
      t.store.db,
      () => setRate(t.store.db, t.scope, { client: "ACME", project: "NOPE", rate: 1 }),
      {
        code: "NOT_FOUND",
        message: exactly('project "ACME/NOPE" does not exist'),
      },
    );
    await expectRefusedUnchanged(t.store.db, () => setRate(t.store.db, t.scope, { staff: "JD", rate: 1.5 }), {
      code: "VALIDATION",
    });
    await expectRefusedUnchanged(
      t.store.db,
      () => setRate(t.store.db, t.scope, { staff: "JD", rate: 1, effectiveDate: "2026-02-30" }),
      {
        code: "VALIDATION",
      },
    );
  });

  it("lists rates as historical, current or future", async () => {
    await setRate(t.store.db, t.scope, { staff: "JD", rate: 1_250_000, effectiveDate: "2026-07-01" });
    await setLockDate(t, "2026-03-31");
    try {
      const timings = (await listRates(t.store.db, t.scope, { staff: "JD" })).map((rate) => [
        rate.effectiveDate,
        rate.workCodeId !== null,
        rate.timing,
      ]);
      expect(timings).toEqual([
        ["2026-02-01", false, "historical"],
        ["2026-07-01", false, "future"],
        ["2026-03-01", true, "historical"],
      ]);
      const project = await listRates(t.store.db, t.scope, { client: "ACME", project: "AUDIT" });
      expect(project.map((rate) => [rate.scope, rate.effectiveDate, rate.timing])).toEqual([
        ["project", "2026-06-01", "current"],
        ["project", "2026-06-10", "current"],
      ]);
      const tax = await listRates(t.store.db, t.scope, { workCode: "TAX" });
      expect(tax.map((rate) => rate.scope).sort()).toEqual(["client", "project", "staff", "work_code"]);
      expect(tax.find((rate) => rate.scope === "work_code")).toMatchObject({
        effectiveDate: ALWAYS,
        timing: "historical",
      });
    } finally {
      await setLockDate(t, null);
    }
  });

  it("names each rate's owner by its codes: staff, client, client/project, work code", async () => {
    const owners = (await listRates(t.store.db, t.scope, {})).map((rate) => [
      rate.scope,
      rate.staffNumber,
      rate.clientCode,
      rate.projectCode,
      rate.workCode,
    ]);
    expect(owners).toEqual(
      expect.arrayContaining([
        ["staff", "JD", null, null, null],
        ["staff", "JD", null, null, "TAX"],
        ["client", null, "ACME", null, null],
        ["client", null, "ACME", null, "TAX"],
        ["project", null, "ACME", "AUDIT", null],
        ["project", null, "ACME", "AUDIT", "TAX"],
        ["work_code", null, null, null, "TAX"],
      ]),
    );
    // Nothing else is named: a rate's row joins only its own owner.
    expect(owners.every(([scope, staff]) => (scope === "staff") === (staff !== null))).toBe(true);
    expect(owners.every(([scope, , , project]) => (scope === "project") === (project !== null))).toBe(true);
    const [one] = await listRates(t.store.db, t.scope, { client: "ACME", project: "AUDIT" });
    expect(await getRate(t.store.db, t.scope, one!.id)).toEqual(one);
  });

  it("refuses to set or delete a rate effective before the lock date", async () => {
    await setLockDate(t, "2026-03-31");
    try {
      await expectRefusedUnchanged(
        t.store.db,
        () => setRate(t.store.db, t.scope, { staff: "JD", rate: 1, effectiveDate: "2026-03-30" }),
        {
          code: "RATE_HISTORICAL",
          message: exactly(
            "rates effective before the lock date 2026-03-31 are historical and cannot be changed",
          ),
        },
      );
      // Replacing an existing historical row is refused the same way.
      await expectRefusedUnchanged(
        t.store.db,
        () => setRate(t.store.db, t.scope, { staff: "JD", rate: 1, effectiveDate: "2026-02-01" }),
        {
          code: "RATE_HISTORICAL",
        },
      );
      const historical = (await listRates(t.store.db, t.scope, { staff: "JD" })).find(
        (rate) => rate.effectiveDate === "2026-02-01",
      )!;
      await expectRefusedUnchanged(t.store.db, () => deleteRate(t.store.db, t.scope, historical.id), {
        code: "RATE_HISTORICAL",
      });
      // From the lock date on, rates can still change.
      expect(
        (await setRate(t.store.db, t.scope, { staff: "JD", rate: 1_050_000, effectiveDate: "2026-03-31" }))
          .effectiveDate,
      ).toBe("2026-03-31");
      const future = (await listRates(t.store.db, t.scope, { staff: "JD" })).find(
        (rate) => rate.effectiveDate === "2026-07-01",
      )!;
      expect((await deleteRate(t.store.db, t.scope, future.id)).id).toBe(future.id);
      expect(
        (await listRates(t.store.db, t.scope, { staff: "JD" })).some((rate) => rate.id === future.id),
      ).toBe(false);
    } finally {
      await setLockDate(t, null);
    }
  });

  it("names an unknown rate id", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => deleteRate(t.store.db, t.scope, "0190a5e2-0000-7000-8000-000000000000"),
      {
        code: "NOT_FOUND",
      },
    );
  });
});
