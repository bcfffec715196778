import { beforeAll, describe, expect, it } from "vitest";
import { exactly, expectRefusedUnchanged, seedPractice } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { addTimeEntry } from "../time-expense/time-entry-service.js";
import { addClient, deleteClient } from "./client-service.js";
import { addProject, deleteProject, editProject, getProject, listProjects } from "./project-service.js";
import { listRates, setRate } from "./rate-service.js";

describe.each(ENGINES)("projects on %s", (engine) => {
  const t = useTestFirm(engine);
  beforeAll(async () => {
    await seedPractice(t);
    await addClient(t.store.db, t.scope, { code: "BETA", name: "Beta Inc" });
  });

  it("adds a project with budgets, found by code within its client", async () => {
    const project = await addProject(t.store.db, t.scope, {
      client: "beta",
      code: "audit",
      name: "Beta audit",
      budgetMinutes: 6_000,
      budgetFee: 1_500_000,
    });
    expect(project).toMatchObject({
      code: "AUDIT",
      status: "open",
      budgetMinutes: 6_000,
      budgetFee: 1_500_000,
    });
    expect(await getProject(t.store.db, t.scope, "Audit", "BETA")).toEqual(project);
    expect(await getProject(t.store.db, t.scope, project.id)).toEqual(project);
    // The same code under ACME is another project.
    expect((await getProject(t.store.db, t.scope, "AUDIT", "ACME")).id).not.toBe(project.id);
    expect((await listProjects(t.store.db, t.scope, { client: "BETA" })).map((p) => p.code)).toEqual([
      "AUDIT",
    ]);
    await expect(getProject(t.store.db, t.scope, "AUDIT")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'project "AUDIT" does not exist',
    });
    // An id with the wrong client is not that client's project (nor editable through it).
    await expect(getProject(t.store.db, t.scope, project.id, "ACME")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expectRefusedUnchanged(
      t.store.db,
      () => editProject(t.store.db, t.scope, project.id, "ACME", { name: "Hijacked" }),
      {
        code: "NOT_FOUND",
        message: exactly(`project "ACME/${project.id}" does not exist`),
      },
    );
  });

  it("refuses a code already used within the same client", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => addProject(t.store.db, t.scope, { client: "ACME", code: "audit", name: "Again" }),
      {
        code: "DUPLICATE",
        message: exactly("client ACME already has a project AUDIT"),
      },
    );
    await addProject(t.store.db, t.scope, { client: "ACME", code: "TAX2026", name: "2026 returns" });
    await expectRefusedUnchanged(
      t.store.db,
      () => editProject(t.store.db, t.scope, "TAX2026", "ACME", { code: "AUDIT" }),
      {
        code: "DUPLICATE",
        message: exactly("the client already has a project AUDIT"),
      },
    );
  });

  it("refuses invalid input and an unknown client", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => addProject(t.store.db, t.scope, { client: "ACME", code: "X", name: "X", budgetFee: -1 }),
      {
        code: "VALIDATION",
        message: exactly("budget fee must be zero or more"),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => addProject(t.store.db, t.scope, { client: "NOBODY", code: "X", name: "X" }),
      {
        code: "NOT_FOUND",
        message: exactly('client "NOBODY" does not exist'),
      },
    );
  });

  it("prices entries on a project by its own rate overrides", async () => {
    await setRate(t.store.db, t.scope, {
      client: "BETA",
      project: "AUDIT",
      rate: 2_000_000,
      effectiveDate: "2026-01-01",
    });
    await setRate(t.store.db, t.scope, {
      client: "BETA",
      project: "AUDIT",
      workCode: "TAX",
      rate: 2_500_000,
      effectiveDate: "2026-05-01",
    });
    const entry = (project: string | null, date: string, workCode = "TAX") =>
      addTimeEntry(t.store.db, t.scope, {
        staff: "JD",
        client: "BETA",
        project,
        workCode,
        date,
        minutes: 60,
      });
    expect(await entry("AUDIT", "2026-04-30")).toMatchObject({ rateSource: "project", amount: 20_000 });
    expect(await entry("AUDIT", "2026-05-01")).toMatchObject({
      rateSource: "project_work_code",
      amount: 25_000,
    });
    expect(await entry("AUDIT", "2026-05-01", "ADMIN")).toMatchObject({
      rateSource: "project",
      amount: 20_000,
    });
    expect(await entry(null, "2026-05-01")).toMatchObject({ rateSource: "work_code", amount: 15_000 });
    // ACME's project of the same code has no overrides.
    const acme = await addTimeEntry(t.store.db, t.scope, {
      staff: "JD",
      client: "ACME",
      project: "AUDIT",
      workCode: "TAX",
      date: "2026-05-01",
      minutes: 60,
    });
    expect(acme).toMatchObject({ rateSource: "work_code", amount: 15_000 });
  });

  it("refuses entries on a closed project", async () => {
    await editProject(t.store.db, t.scope, "TAX2026", "ACME", { status: "closed" });
    await expectRefusedUnchanged(
      t.store.db,
      () =>
        addTimeEntry(t.store.db, t.scope, {
          staff: "JD",
          client: "ACME",
          project: "TAX2026",
          workCode: "TAX",
          date: "2026-06-01",
          minutes: 60,
        }),
      { code: "INACTIVE", message: exactly("project ACME/TAX2026 is closed") },
    );
    expect((await listProjects(t.store.db, t.scope, { status: "closed" })).map((p) => p.code)).toEqual([
      "TAX2026",
    ]);
  });

  it("deletes an unused project with its rates, and refuses one in use", async () => {
    const temp = await addProject(t.store.db, t.scope, { client: "BETA", code: "TEMP", name: "Temporary" });
    await setRate(t.store.db, t.scope, {
      client: "BETA",
      project: "TEMP",
      rate: 1,
      effectiveDate: "2026-01-01",
    });
    await deleteProject(t.store.db, t.scope, "TEMP", "BETA");
    expect(
      (await listRates(t.store.db, t.scope, { workCode: undefined })).some(
        (rate) => rate.projectId === temp.id,
      ),
    ).toBe(false);
    await expectRefusedUnchanged(t.store.db, () => deleteProject(t.store.db, t.scope, "AUDIT", "BETA"), {
      code: "IN_USE",
      message: exactly("project AUDIT has entries; close it instead"),
    });
  });

  it("refuses deleting a client that has projects or entries", async () => {
    await expectRefusedUnchanged(t.store.db, () => deleteClient(t.store.db, t.scope, "BETA"), {
      code: "IN_USE",
      message: exactly("client BETA has projects, entries or portal files and requests; make it inactive instead"),
    });
  });
});
