import { beforeAll, describe, expect, it } from "vitest";
import { exactly, expectRefusedUnchanged, seedPractice } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { addTimeEntry } from "../time-expense/time-entry-service.js";
import { addClient } from "./client-service.js";
import { addStaff, deleteStaff, editStaff, getStaff, listGroups, listStaff } from "./staff-service.js";

describe.each(ENGINES)("staff on %s", (engine) => {
  const t = useTestFirm(engine);
  beforeAll(() => seedPractice(t));

  it("adds staff with a normalised number, email and groups", async () => {
    const staff = await addStaff(t.store.db, t.scope, {
      staffNumber: " mk01 ",
      firstName: "Mary",
      lastName: "King",
      email: " Mary.King@Firm.TEST ",
      groups: ["Tax", "Audit", "Tax", " "],
    });
    expect(staff).toMatchObject({
      staffNumber: "MK01",
      email: "mary.king@firm.test",
      status: "active",
      inactiveDate: null,
      groups: ["Audit", "Tax"],
    });
    expect(await getStaff(t.store.db, t.scope, "mk01")).toEqual(staff);
    expect(await getStaff(t.store.db, t.scope, staff.id)).toEqual(staff);
  });

  it("refuses a duplicate staff number and writes nothing", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => addStaff(t.store.db, t.scope, { staffNumber: "jd", firstName: "John", lastName: "Dee" }),
      {
        code: "DUPLICATE",
        message: exactly("staff number JD is already used"),
      },
    );
  });

  it("refuses a duplicate email in any case and writes nothing", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () =>
        addStaff(t.store.db, t.scope, {
          staffNumber: "JD2",
          firstName: "John",
          lastName: "Dee",
          email: "JANE@firm.test",
          groups: ["New"],
        }),
      { code: "DUPLICATE", message: exactly("email jane@firm.test is already used by staff JD") },
    );
  });

  it("refuses editing onto another member's number or email", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => editStaff(t.store.db, t.scope, "AB", { staffNumber: "JD" }),
      {
        code: "DUPLICATE",
        message: exactly("staff number JD is already used"),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => editStaff(t.store.db, t.scope, "AB", { email: "jane@firm.test" }),
      {
        code: "DUPLICATE",
      },
    );
    // Keeping one's own number and email is no conflict; several staff may have no email.
    expect(
      (await editStaff(t.store.db, t.scope, "JD", { staffNumber: "jd", email: "Jane@firm.test" })).email,
    ).toBe("jane@firm.test");
    await addStaff(t.store.db, t.scope, { staffNumber: "NOMAIL1", firstName: "No", lastName: "Mail" });
    await addStaff(t.store.db, t.scope, {
      staffNumber: "NOMAIL2",
      firstName: "No",
      lastName: "Mail",
      email: "",
    });
  });

  it.each([
    [{ staffNumber: "TOOLONG0001" }, 'staff number "TOOLONG0001" is longer than 10 characters'],
    [{ staffNumber: "A*B" }, 'staff number "A*B" may not contain spaces or any of * ? " ~ ,'],
    [{ firstName: " " }, "first name is required"],
    [{ email: "not-an-email" }, 'email "not-an-email" is not an email address'],
    [
      { status: "active" as const, inactiveDate: "2026-01-01" },
      "an active staff member has no inactive date",
    ],
    [
      { status: "inactive" as const, inactiveDate: "2026-02-30" },
      'inactive date "2026-02-30" is not a date (YYYY-MM-DD)',
    ],
  ])("refuses invalid staff %j", async (patch, message) => {
    await expectRefusedUnchanged(
      t.store.db,
      () =>
        addStaff(t.store.db, t.scope, {
          staffNumber: "NEW1",
          firstName: "New",
          lastName: "Person",
          ...patch,
        }),
      { code: "VALIDATION", message: exactly(message) },
    );
  });

  it("keeps groups, lists members by group and replaces groups on edit", async () => {
    await editStaff(t.store.db, t.scope, "JD", { groups: ["Tax", "Partners"] });
    expect((await listStaff(t.store.db, t.scope, { group: "Tax" })).map((s) => s.staffNumber)).toEqual([
      "JD",
      "MK01",
    ]);
    expect(await listGroups(t.store.db, t.scope)).toEqual([
      expect.objectContaining({ name: "Audit", members: 1 }),
      expect.objectContaining({ name: "Partners", members: 1 }),
      expect.objectContaining({ name: "Tax", members: 2 }),
    ]);
    const edited = await editStaff(t.store.db, t.scope, "MK01", { groups: ["Audit"] });
    expect(edited.groups).toEqual(["Audit"]);
    expect((await listStaff(t.store.db, t.scope, { group: "Tax" })).map((s) => s.staffNumber)).toEqual([
      "JD",
    ]);
    // An edit that does not name groups keeps them.
    expect((await editStaff(t.store.db, t.scope, "MK01", { lastName: "Kingsley" })).groups).toEqual([
      "Audit",
    ]);
  });

  it("makes staff inactive (dated today unless told), keeps their entries, and reactivates them", async () => {
    const entry = await addTimeEntry(t.store.db, t.scope, {
      staff: "MK01",
      client: "ACME",
      workCode: "TAX",
      date: "2026-06-01",
      minutes: 60,
    });
    const inactive = await editStaff(t.store.db, t.scope, "MK01", { status: "inactive" });
    expect(inactive).toMatchObject({ status: "inactive", inactiveDate: "2026-06-15" });
    expect((await listStaff(t.store.db, t.scope, { status: "inactive" })).map((s) => s.staffNumber)).toEqual([
      "MK01",
    ]);
    expect(
      (await listStaff(t.store.db, t.scope, { status: "active" })).map((s) => s.staffNumber),
    ).not.toContain("MK01");
    await expectRefusedUnchanged(
      t.store.db,
      () =>
        addTimeEntry(t.store.db, t.scope, {
          staff: "MK01",
          client: "ACME",
          workCode: "TAX",
          date: "2026-06-16",
          minutes: 60,
        }),
      { code: "INACTIVE", message: exactly("staff MK01 is inactive since 2026-06-15") },
    );
    await expectRefusedUnchanged(t.store.db, () => deleteStaff(t.store.db, t.scope, "MK01"), {
      code: "IN_USE",
      message: exactly(
        "staff MK01 has entries, rates, clients or a user account; make them inactive instead",
      ),
    });
    expect(entry.staffId).toBe(inactive.id);
    const active = await editStaff(t.store.db, t.scope, "MK01", { status: "active" });
    expect(active).toMatchObject({ status: "active", inactiveDate: null });
  });

  it("dates staff added as inactive today unless told, so their history can still be recorded", async () => {
    const leaver = await addStaff(t.store.db, t.scope, {
      staffNumber: "LEFT",
      firstName: "Left",
      lastName: "Early",
      status: "inactive",
    });
    expect(leaver).toMatchObject({ status: "inactive", inactiveDate: "2026-06-15" });
    const entry = await addTimeEntry(t.store.db, t.scope, {
      staff: "LEFT",
      client: "ACME",
      workCode: "TAX",
      date: "2026-01-10",
      minutes: 60,
    });
    expect(entry.staffId).toBe(leaver.id);
    const dated = await addStaff(t.store.db, t.scope, {
      staffNumber: "LEFT2",
      firstName: "Left",
      lastName: "Later",
      status: "inactive",
      inactiveDate: "2025-12-31",
    });
    expect(dated.inactiveDate).toBe("2025-12-31");
  });

  it("deletes unused staff, and refuses staff who are a client's partner or manager", async () => {
    await addStaff(t.store.db, t.scope, {
      staffNumber: "TEMP",
      firstName: "Temp",
      lastName: "Worker",
      groups: ["Temps"],
    });
    expect((await deleteStaff(t.store.db, t.scope, "temp")).staffNumber).toBe("TEMP");
    await expect(getStaff(t.store.db, t.scope, "TEMP")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'staff "TEMP" does not exist',
    });
    await addStaff(t.store.db, t.scope, { staffNumber: "MGR", firstName: "Man", lastName: "Ager" });
    await addClient(t.store.db, t.scope, { code: "MANAGED", name: "Managed Ltd", manager: "MGR" });
    await expectRefusedUnchanged(t.store.db, () => deleteStaff(t.store.db, t.scope, "MGR"), {
      code: "IN_USE",
    });
  });
});
