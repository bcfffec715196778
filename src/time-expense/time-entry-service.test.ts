import { beforeAll, describe, expect, it } from "vitest";
import { addClient } from "../firm-setup/client-service.js";
import { editFirm } from "../firm-setup/firm-service.js";
import { addProject } from "../firm-setup/project-service.js";
import { editStaff } from "../firm-setup/staff-service.js";
import { editWorkCode } from "../firm-setup/work-code-service.js";
import { exactly, expectRefusedUnchanged, seedPractice, setLockDate } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { setEntryStatus } from "./status-service.js";
import {
  addTimeEntries,
  addTimeEntry,
  deleteTimeEntry,
  editTimeEntry,
  getTimeEntry,
  listTimeEntries,
  type TimeEntryInput,
} from "./time-entry-service.js";

const entry = (overrides: Partial<TimeEntryInput> = {}): TimeEntryInput => ({
  staff: "JD",
  client: "ACME",
  workCode: "TAX",
  date: "2026-06-01",
  minutes: 60,
  ...overrides,
});

describe.each(ENGINES)("time entries on %s", (engine) => {
  const t = useTestFirm(engine);
  beforeAll(() => seedPractice(t));

  it("records a draft entry priced by the work code's rate, billable as the work code says", async () => {
    const added = await addTimeEntry(t.store.db, t.scope, entry({ description: "  Return prep " }));
    expect(added).toMatchObject({
      minutes: 60,
      rate: 1_500_000,
      rateSource: "work_code",
      amount: 15_000,
      billable: true,
      status: "draft",
      date: "2026-06-01",
      description: "Return prep",
      projectId: null,
    });
    expect(await getTimeEntry(t.store.db, t.scope, added.id)).toEqual(added);
    const admin = await addTimeEntry(t.store.db, t.scope, entry({ workCode: "admin", minutes: 30 }));
    expect(admin).toMatchObject({ billable: false, rate: 0, rateSource: "none", amount: 0 });
    const overridden = await addTimeEntry(t.store.db, t.scope, entry({ billable: false, minutes: 6 }));
    expect(overridden).toMatchObject({ billable: false, amount: 1_500 });
  });

  it("rounds minutes up to the firm's 6-minute increment, negatives symmetrically", async () => {
    expect(t.scope.firm.timeIncrement).toBe(6);
    const cases: [number, number, number][] = [
      [1, 6, 1_500],
      [7, 12, 3_000],
      [12, 12, 3_000],
      [-7, -12, -3_000],
      [-1, -6, -1_500],
    ];
    for (const [given, minutes, amount] of cases) {
      expect(await addTimeEntry(t.store.db, t.scope, entry({ minutes: given }))).toMatchObject({
        minutes,
        amount,
      });
    }
  });

  it("refuses a zero, a fractional and a longer-than-a-day duration", async () => {
    await expectRefusedUnchanged(t.store.db, () => addTimeEntry(t.store.db, t.scope, entry({ minutes: 0 })), {
      code: "VALIDATION",
      message: exactly("an entry needs a non-zero duration"),
    });
    await expectRefusedUnchanged(
      t.store.db,
      () => addTimeEntry(t.store.db, t.scope, entry({ minutes: 1.5 })),
      {
        code: "VALIDATION",
        message: exactly("minutes must be a whole number"),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => addTimeEntry(t.store.db, t.scope, entry({ minutes: 1441 })),
      {
        code: "VALIDATION",
        message: exactly("an entry may not exceed 24 hours (1446 minutes given)"),
      },
    );
  });

  it("refuses an unknown work code and writes nothing", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => addTimeEntry(t.store.db, t.scope, entry({ workCode: "NOPE" })),
      {
        code: "NOT_FOUND",
        message: exactly('work code "NOPE" does not exist'),
      },
    );
  });

  it("refuses unknown staff, client and project", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => addTimeEntry(t.store.db, t.scope, entry({ staff: "ZZ" })),
      {
        code: "NOT_FOUND",
        message: exactly('staff "ZZ" does not exist'),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => addTimeEntry(t.store.db, t.scope, entry({ client: "NOBODY" })),
      {
        code: "NOT_FOUND",
        message: exactly('client "NOBODY" does not exist'),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => addTimeEntry(t.store.db, t.scope, entry({ project: "REVIEW" })),
      {
        code: "NOT_FOUND",
        message: exactly('project "ACME/REVIEW" does not exist'),
      },
    );
  });

  it("refuses a time entry on an expense work code", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => addTimeEntry(t.store.db, t.scope, entry({ workCode: "MILE" })),
      {
        code: "WORK_CODE_KIND_MISMATCH",
        message: exactly("work code MILE is an expense code; a time entry needs a time work code"),
      },
    );
  });

  it("refuses a project of another client", async () => {
    const other = await addClient(t.store.db, t.scope, { code: "BETA", name: "Beta" });
    const project = await addProject(t.store.db, t.scope, {
      client: "BETA",
      code: "BOOKS",
      name: "Bookkeeping",
    });
    await expectRefusedUnchanged(
      t.store.db,
      () => addTimeEntry(t.store.db, t.scope, entry({ project: project.id })),
      {
        code: "NOT_FOUND",
        message: exactly('project "ACME/' + project.id + '" does not exist'),
      },
    );
    expect(
      (await addTimeEntry(t.store.db, t.scope, entry({ client: other.id, project: "books" }))).projectId,
    ).toBe(project.id);
  });

  it("refuses entries dated on or before the lock date", async () => {
    await setLockDate(t, "2026-03-31");
    try {
      await expectRefusedUnchanged(
        t.store.db,
        () => addTimeEntry(t.store.db, t.scope, entry({ date: "2026-03-31" })),
        {
          code: "BEFORE_LOCK_DATE",
          message: exactly("2026-03-31 is on or before the firm's lock date 2026-03-31"),
        },
      );
      await expectRefusedUnchanged(
        t.store.db,
        () => addTimeEntry(t.store.db, t.scope, entry({ date: "2025-12-01" })),
        {
          code: "BEFORE_LOCK_DATE",
        },
      );
      expect((await addTimeEntry(t.store.db, t.scope, entry({ date: "2026-04-01" }))).date).toBe(
        "2026-04-01",
      );
    } finally {
      await setLockDate(t, null);
    }
  });

  it("keeps existing entries dated before the lock date out of reach of edit and delete", async () => {
    const old = await addTimeEntry(t.store.db, t.scope, entry({ date: "2026-02-10" }));
    const recent = await addTimeEntry(t.store.db, t.scope, entry({ date: "2026-05-10" }));
    await setLockDate(t, "2026-03-31");
    try {
      await expectRefusedUnchanged(
        t.store.db,
        () => editTimeEntry(t.store.db, t.scope, old.id, { minutes: 30 }),
        {
          code: "BEFORE_LOCK_DATE",
          message: exactly("2026-02-10 is on or before the firm's lock date 2026-03-31"),
        },
      );
      await expectRefusedUnchanged(t.store.db, () => deleteTimeEntry(t.store.db, t.scope, old.id), {
        code: "BEFORE_LOCK_DATE",
      });
      // Nor may an open entry be moved back into the locked period.
      await expectRefusedUnchanged(
        t.store.db,
        () => editTimeEntry(t.store.db, t.scope, recent.id, { date: "2026-03-31" }),
        {
          code: "BEFORE_LOCK_DATE",
        },
      );
    } finally {
      await setLockDate(t, null);
    }
  });

  it("refuses editing or deleting an approved entry", async () => {
    const added = await addTimeEntry(t.store.db, t.scope, entry({ date: "2026-06-02" }));
    await setEntryStatus(t.store.db, t.scope, "time", [added.id], "submitted");
    await setEntryStatus(t.store.db, t.scope, "time", [added.id], "approved");
    await expectRefusedUnchanged(
      t.store.db,
      () => editTimeEntry(t.store.db, t.scope, added.id, { minutes: 120 }),
      {
        code: "ENTRY_LOCKED",
        message: exactly(`entry ${added.id} is approved and can no longer be changed`),
      },
    );
    await expectRefusedUnchanged(t.store.db, () => deleteTimeEntry(t.store.db, t.scope, added.id), {
      code: "ENTRY_LOCKED",
    });
  });

  it("edits a draft: new minutes keep the snapshot rate, a new date or work code reprices", async () => {
    const added = await addTimeEntry(t.store.db, t.scope, entry({ date: "2026-06-03", minutes: 60 }));
    const longer = await editTimeEntry(t.store.db, t.scope, added.id, { minutes: 95, description: "more" });
    expect(longer).toMatchObject({
      id: added.id,
      minutes: 96,
      rate: 1_500_000,
      amount: 24_000,
      description: "more",
      status: "draft",
    });
    expect(longer.createdAt).toBe(added.createdAt);
    const admin = await editTimeEntry(t.store.db, t.scope, added.id, { workCode: "ADMIN" });
    // The new work code brings its rate and its billable flag.
    expect(admin).toMatchObject({ rate: 0, rateSource: "none", amount: 0, minutes: 96, billable: false });
    expect(await getTimeEntry(t.store.db, t.scope, added.id)).toEqual(admin);
  });

  it("keeps stored minutes on an unrelated edit after the firm's increment changed", async () => {
    const added = await addTimeEntry(t.store.db, t.scope, entry({ date: "2026-06-03", minutes: 6 }));
    t.scope.firm = await editFirm(t.store.db, t.scope.clock, t.scope.firm.id, { timeIncrement: 15 });
    try {
      const described = await editTimeEntry(t.store.db, t.scope, added.id, { description: "call" });
      expect(described).toMatchObject({ minutes: 6, amount: 1_500, description: "call" });
      const longer = await editTimeEntry(t.store.db, t.scope, added.id, { minutes: 20 });
      expect(longer).toMatchObject({ minutes: 30, amount: 7_500 });
      expect((await addTimeEntry(t.store.db, t.scope, entry({ minutes: 1 }))).minutes).toBe(15);
    } finally {
      t.scope.firm = await editFirm(t.store.db, t.scope.clock, t.scope.firm.id, { timeIncrement: 6 });
    }
  });

  it("clears the project when an edit moves the entry to another client", async () => {
    const added = await addTimeEntry(t.store.db, t.scope, entry({ project: "AUDIT", date: "2026-06-04" }));
    expect(added.projectId).not.toBeNull();
    const moved = await editTimeEntry(t.store.db, t.scope, added.id, { client: "BETA" });
    expect(moved.projectId).toBeNull();
  });

  it("deletes a draft entry", async () => {
    const added = await addTimeEntry(t.store.db, t.scope, entry({ date: "2026-06-05" }));
    expect((await deleteTimeEntry(t.store.db, t.scope, added.id)).id).toBe(added.id);
    await expect(getTimeEntry(t.store.db, t.scope, added.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: `time entry ${JSON.stringify(added.id)} does not exist`,
    });
  });

  it("lets inactive staff keep their history but record nothing after their inactive date", async () => {
    const kept = await addTimeEntry(t.store.db, t.scope, entry({ staff: "AB", date: "2026-05-20" }));
    await editStaff(t.store.db, t.scope, "AB", { status: "inactive", inactiveDate: "2026-05-31" });
    try {
      expect(await getTimeEntry(t.store.db, t.scope, kept.id)).toEqual(kept);
      expect((await listTimeEntries(t.store.db, t.scope, { staff: "AB" })).map((e) => e.id)).toEqual([
        kept.id,
      ]);
      await expectRefusedUnchanged(
        t.store.db,
        () => addTimeEntry(t.store.db, t.scope, entry({ staff: "AB", date: "2026-06-01" })),
        {
          code: "INACTIVE",
          message: exactly("staff AB is inactive since 2026-05-31"),
        },
      );
      // Late time for days they still worked is accepted.
      expect(
        (await addTimeEntry(t.store.db, t.scope, entry({ staff: "AB", date: "2026-05-30" }))).staffId,
      ).toBe(kept.staffId);
    } finally {
      await editStaff(t.store.db, t.scope, "AB", { status: "active" });
    }
  });

  it("refuses entries on an inactive work code", async () => {
    await editWorkCode(t.store.db, t.scope, "ADMIN", { active: false });
    try {
      await expectRefusedUnchanged(
        t.store.db,
        () => addTimeEntry(t.store.db, t.scope, entry({ workCode: "ADMIN" })),
        {
          code: "INACTIVE",
          message: exactly("work code ADMIN is inactive"),
        },
      );
    } finally {
      await editWorkCode(t.store.db, t.scope, "ADMIN", { active: true });
    }
  });

  it("writes a batch all-or-nothing, naming the bad entry", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () =>
        addTimeEntries(t.store.db, t.scope, [
          entry({ date: "2026-06-10" }),
          entry({ workCode: "NOPE" }),
          entry({ date: "2026-06-11" }),
        ]),
      { code: "NOT_FOUND", message: exactly('entry 2: work code "NOPE" does not exist') },
    );
    // A large batch (resolved from preloaded references) is just as all-or-nothing.
    const large = Array.from({ length: 120 }, (_, index) =>
      entry({ staff: index % 2 ? "jd" : "ab", date: "2026-06-12", project: "audit" }),
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => addTimeEntries(t.store.db, t.scope, [...large, entry({ workCode: "MILE" })]),
      {
        code: "WORK_CODE_KIND_MISMATCH",
        message: exactly("entry 121: work code MILE is an expense code; a time entry needs a time work code"),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => addTimeEntries(t.store.db, t.scope, [...large, entry({ client: "NOBODY" })]),
      {
        code: "NOT_FOUND",
        message: exactly('entry 121: client "NOBODY" does not exist'),
      },
    );
  });

  it("writes a large batch resolved from preloaded references, reporting progress", async () => {
    const progress: [number, number][] = [];
    const large = Array.from({ length: 120 }, (_, index) =>
      entry({
        staff: index % 2 ? "jd" : "ab",
        client: "acme",
        date: "2026-06-13",
        project: "audit",
        minutes: index + 1,
      }),
    );
    const written = await addTimeEntries(t.store.db, t.scope, large, (done, total) =>
      progress.push([done, total]),
    );
    expect(written).toHaveLength(120);
    expect(progress.at(-1)).toEqual([120, 120]);
    const listed = await listTimeEntries(t.store.db, t.scope, { from: "2026-06-13", to: "2026-06-13" });
    expect(listed).toHaveLength(120);
    expect(listed.every((e) => e.minutes % 6 === 0 && e.projectId === written[0]!.projectId)).toBe(true);
  });

  it("lists entries by staff, client, project, work code, status and dates", async () => {
    const all = await listTimeEntries(t.store.db, t.scope);
    expect(all.length).toBeGreaterThan(0);
    const dates = all.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    const byProject = await listTimeEntries(t.store.db, t.scope, { client: "ACME", project: "AUDIT" });
    expect(byProject.length).toBeGreaterThan(0);
    expect(byProject.every((e) => e.projectId === byProject[0]!.projectId)).toBe(true);
    const approved = await listTimeEntries(t.store.db, t.scope, { status: ["approved"] });
    expect(approved.map((e) => e.status)).toEqual(approved.map(() => "approved"));
    const nonBillable = await listTimeEntries(t.store.db, t.scope, { billable: false });
    expect(nonBillable.every((e) => !e.billable)).toBe(true);
    expect(await listTimeEntries(t.store.db, t.scope, { limit: 3 })).toHaveLength(3);
    await expect(listTimeEntries(t.store.db, t.scope, { workCode: "NOPE" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(listTimeEntries(t.store.db, t.scope, { project: "AUDIT" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });
});
