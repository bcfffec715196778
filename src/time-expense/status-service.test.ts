import { beforeAll, describe, expect, it } from "vitest";
import { exactly, expectRefusedUnchanged, seedPractice, setLockDate } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { addExpenseEntry, getExpenseEntry } from "./expense-entry-service.js";
import { setEntryStatus } from "./status-service.js";
import { addTimeEntry, getTimeEntry, type TimeEntryInput } from "./time-entry-service.js";

const entry = (date: string): TimeEntryInput => ({
  staff: "JD",
  client: "ACME",
  workCode: "TAX",
  date,
  minutes: 30,
});

describe.each(ENGINES)("entry status on %s", (engine) => {
  const t = useTestFirm(engine);
  beforeAll(() => seedPractice(t));

  const statuses = async (ids: string[]) =>
    Promise.all(ids.map(async (id) => (await getTimeEntry(t.store.db, t.scope, id)).status));
  const addMany = async (count: number, date = "2026-06-01") => {
    const ids: string[] = [];
    for (let index = 0; index < count; index++)
      ids.push((await addTimeEntry(t.store.db, t.scope, entry(date))).id);
    return ids;
  };

  it("moves several entries draft -> submitted -> approved -> billed", async () => {
    const ids = await addMany(3);
    expect(await setEntryStatus(t.store.db, t.scope, "time", ids, "submitted")).toBe(3);
    expect(await statuses(ids)).toEqual(["submitted", "submitted", "submitted"]);
    expect(await setEntryStatus(t.store.db, t.scope, "time", [...ids, ` ${ids[0]!} `], "approved")).toBe(3);
    expect(await setEntryStatus(t.store.db, t.scope, "time", ids, "billed")).toBe(3);
    expect(await statuses(ids)).toEqual(["billed", "billed", "billed"]);
  });

  it("lets approved work go back to submitted and submitted back to draft", async () => {
    const [id] = await addMany(1);
    await setEntryStatus(t.store.db, t.scope, "time", [id!], "submitted");
    await setEntryStatus(t.store.db, t.scope, "time", [id!], "approved");
    await setEntryStatus(t.store.db, t.scope, "time", [id!], "submitted");
    await setEntryStatus(t.store.db, t.scope, "time", [id!], "draft");
    expect(await statuses([id!])).toEqual(["draft"]);
  });

  it("changes none of several entries when one may not make the step", async () => {
    const ids = await addMany(3);
    await setEntryStatus(t.store.db, t.scope, "time", [ids[1]!], "submitted");
    // Approving needs every entry submitted; ids[0] and ids[2] are drafts.
    await expectRefusedUnchanged(
      t.store.db,
      () => setEntryStatus(t.store.db, t.scope, "time", [ids[1]!, ids[0]!, ids[2]!], "approved"),
      {
        code: "STATUS_TRANSITION",
        message: exactly(
          `entry ${ids[0]!}: an entry that is draft cannot become approved (it can become submitted)`,
        ),
      },
    );
    expect(await statuses(ids)).toEqual(["draft", "submitted", "draft"]);
  });

  it("changes nothing when one id does not exist", async () => {
    const ids = await addMany(2);
    const missing = "0190a5e2-0000-7000-8000-000000000000";
    await expectRefusedUnchanged(
      t.store.db,
      () => setEntryStatus(t.store.db, t.scope, "time", [...ids, missing], "submitted"),
      {
        code: "NOT_FOUND",
        message: exactly(`time entry "${missing}" does not exist`),
      },
    );
    // A time entry's id is not an expense entry's.
    await expectRefusedUnchanged(
      t.store.db,
      () => setEntryStatus(t.store.db, t.scope, "expense", ids, "submitted"),
      {
        code: "NOT_FOUND",
      },
    );
  });

  it("treats billed and transferred as final", async () => {
    const [billed, transferred] = await addMany(2);
    for (const status of ["submitted", "approved"] as const) {
      await setEntryStatus(t.store.db, t.scope, "time", [billed!, transferred!], status);
    }
    await setEntryStatus(t.store.db, t.scope, "time", [billed!], "billed");
    await setEntryStatus(t.store.db, t.scope, "time", [transferred!], "transferred");
    await expectRefusedUnchanged(
      t.store.db,
      () => setEntryStatus(t.store.db, t.scope, "time", [billed!], "approved"),
      {
        code: "STATUS_TRANSITION",
        message: exactly("an entry that is billed cannot become approved (it is final)"),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => setEntryStatus(t.store.db, t.scope, "time", [transferred!], "billed"),
      {
        code: "STATUS_TRANSITION",
      },
    );
  });

  it("on or before the lock date allows only billing or transferring approved work", async () => {
    const [approved, submitted] = await addMany(2, "2026-03-15");
    await setEntryStatus(t.store.db, t.scope, "time", [approved!, submitted!], "submitted");
    await setEntryStatus(t.store.db, t.scope, "time", [approved!], "approved");
    await setLockDate(t, "2026-03-31");
    try {
      await expectRefusedUnchanged(
        t.store.db,
        () => setEntryStatus(t.store.db, t.scope, "time", [submitted!], "approved"),
        {
          code: "BEFORE_LOCK_DATE",
          message: exactly("2026-03-15 is on or before the firm's lock date 2026-03-31"),
        },
      );
      await expectRefusedUnchanged(
        t.store.db,
        () => setEntryStatus(t.store.db, t.scope, "time", [approved!], "submitted"),
        {
          code: "BEFORE_LOCK_DATE",
        },
      );
      expect(await setEntryStatus(t.store.db, t.scope, "time", [approved!], "billed")).toBe(1);
      expect(await statuses([approved!, submitted!])).toEqual(["billed", "submitted"]);
    } finally {
      await setLockDate(t, null);
    }
  });

  it("moves expense entries the same way", async () => {
    const expense = await addExpenseEntry(t.store.db, t.scope, {
      staff: "JD",
      client: "ACME",
      workCode: "MILE",
      date: "2026-06-01",
      quantity: 10_000,
    });
    await setEntryStatus(t.store.db, t.scope, "expense", [expense.id], "submitted");
    expect((await getExpenseEntry(t.store.db, t.scope, expense.id)).status).toBe("submitted");
    await expectRefusedUnchanged(
      t.store.db,
      () => setEntryStatus(t.store.db, t.scope, "expense", [expense.id], "billed"),
      {
        code: "STATUS_TRANSITION",
      },
    );
  });
});
