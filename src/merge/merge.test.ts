import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUPERVISOR } from "../access/authorize.js";
import { createFirm } from "../firm-setup/firm-service.js";
import { openSqliteStore } from "../store/database.js";
import { SCHEMA_VERSION } from "../store/migrate.js";
import { expectRefusedUnchanged, snapshotStore } from "../test-support/seed.js";
import { pullChanges, pushChanges } from "./cloud-sync-service.js";
import { restoreConflict } from "./conflict-service.js";
import { formatHlc } from "./hlc.js";
import { startNewEpochs } from "./journal-store.js";
import { withAuthor } from "../store/author-context.js";
import type { WireChange } from "./sync-protocol.js";
import type { Actor } from "../access/authorize.js";
import type { UserAccount } from "../access/account-store.js";
import { addClient, deleteClient, editClient, getClient } from "../firm-setup/client-service.js";
import { setRate } from "../firm-setup/rate-service.js";
import { addContact } from "../firm-setup/contact-service.js";
import {
  addContactGroup,
  addContactGroupMember,
  listContactGroups,
  removeContactGroupMember,
} from "../access/contact-group-service.js";
import { addStaffGroup } from "../firm-setup/staff-group-service.js";
import { ensureBuiltInRoles, findRoleByName, insertAssignment } from "../access/access-store.js";
import { setEntryStatus } from "../time-expense/status-service.js";
import { addTimeEntry, editTimeEntry, getTimeEntry } from "../time-expense/time-entry-service.js";
import {
  directTransport,
  firmRecords,
  merge,
  openCloud,
  openDesktopCopy,
  steppingClock,
  type Replica,
} from "../test-support/merge.js";
import { seedPractice } from "../test-support/seed.js";
import { ENGINES } from "../test-support/stores.js";
import { listConflicts, listLog, updateSyncState } from "./journal-store.js";

/** HLCs follow the machine's clock: "later" means a few milliseconds later. */
const later = () => new Promise((resolve) => setTimeout(resolve, 5));

describe.each(ENGINES)("merging a desktop with the cloud on %s", (engine) => {
  const clock = steppingClock();
  let cloud: Replica;
  let desktop: Replica & { dispose(): Promise<void> };
  let other: Replica & { dispose(): Promise<void> };
  const transport = () => directTransport(cloud.store, cloud.scope.firm.id, clock);

  beforeAll(async () => {
    cloud = await openCloud(engine, clock);
    await seedPractice({ store: cloud.store, scope: cloud.scope });
    desktop = await openDesktopCopy(cloud, clock);
    other = await openDesktopCopy(cloud, clock);
  });
  afterAll(async () => {
    await desktop.dispose();
    await other.dispose();
    await cloud.store.close();
  });

  it("a new desktop copy pulls every record of the cloud firm", async () => {
    const summary = await merge(desktop, transport());
    expect(summary.pulled).toBeGreaterThan(5);
    expect(await firmRecords(desktop)).toEqual(await firmRecords(cloud));
    expect(desktop.scope.firm.name).toBe("Harbor & Pine");
    await merge(other, transport());
    expect(await firmRecords(other)).toEqual(await firmRecords(cloud));
  });

  it("offline edits of different fields of one client both survive", async () => {
    await editClient(desktop.store.db, desktop.scope, "ACME", { name: "Acme Limited" });
    await editClient(cloud.store.db, cloud.scope, "ACME", { address: "1 Harbour Rd" });
    await merge(desktop, transport());
    await merge(other, transport());
    for (const replica of [cloud, desktop, other]) {
      const client = await getClient(replica.store.db, replica.scope, "ACME");
      expect(client).toMatchObject({ name: "Acme Limited", address: "1 Harbour Rd" });
    }
    expect(await listConflicts(desktop.store.db, desktop.scope.firm.id)).toEqual([]);
  });

  it("the later of two concurrent edits of one field wins and the other goes to the conflict log", async () => {
    await editClient(desktop.store.db, desktop.scope, "ACME", { notes: "desktop note" });
    await later();
    await editClient(cloud.store.db, cloud.scope, "ACME", { notes: "cloud note" });
    await merge(desktop, transport());
    await merge(other, transport());
    for (const replica of [cloud, desktop, other]) {
      expect((await getClient(replica.store.db, replica.scope, "ACME")).notes).toBe("cloud note");
    }
    const onDesktop = await listConflicts(desktop.store.db, desktop.scope.firm.id);
    expect(onDesktop).toMatchObject([
      { kind: "overwrite", field: "notes", lostValue: "desktop note", keptValue: "cloud note" },
    ]);
    const onCloud = await listConflicts(cloud.store.db, cloud.scope.firm.id);
    expect(onCloud).toMatchObject([
      { kind: "overwrite", field: "notes", lostValue: "desktop note", keptValue: "cloud note" },
    ]);
  });

  it("an edit made after seeing the other's value is no conflict", async () => {
    await editClient(cloud.store.db, cloud.scope, "ACME", { notes: "seen by all" });
    await merge(desktop, transport());
    await editClient(desktop.store.db, desktop.scope, "ACME", { notes: "desktop's answer" });
    await merge(desktop, transport());
    await merge(other, transport());
    expect((await getClient(cloud.store.db, cloud.scope, "ACME")).notes).toBe("desktop's answer");
    expect(await listConflicts(cloud.store.db, cloud.scope.firm.id)).toHaveLength(1);
    expect(await listConflicts(other.store.db, other.scope.firm.id)).toHaveLength(0);
  });

  it("an entry's amount follows the merged minutes and rate, never a merged amount", async () => {
    const entry = await addTimeEntry(cloud.store.db, cloud.scope, {
      staff: "JD",
      client: "ACME",
      workCode: "TAX",
      date: "2026-06-10",
      minutes: 60,
    });
    await merge(desktop, transport());
    await editTimeEntry(desktop.store.db, desktop.scope, entry.id, { minutes: 120 });
    // The cloud changes the rate of the entry (a reprice writes the rate field).
    await cloud.store.db
      .updateTable("time_entry")
      .set({ rate: 2_000_000, amount: 200_00 })
      .where("id", "=", entry.id)
      .execute();
    await merge(desktop, transport());
    await merge(other, transport());
    for (const replica of [cloud, desktop, other]) {
      const merged = await getTimeEntry(replica.store.db, replica.scope, entry.id);
      expect(merged).toMatchObject({ minutes: 120, rate: 2_000_000, amount: 400_00 });
    }
  });

  it("a reviewer's return comment reaches the desktop and goes when the entry is submitted again there", async () => {
    const entry = await addTimeEntry(cloud.store.db, cloud.scope, {
      staff: "JD",
      client: "ACME",
      workCode: "TAX",
      date: "2026-06-11",
      minutes: 30,
    });
    await setEntryStatus(cloud.store.db, cloud.scope, "time", [entry.id], "submitted");
    await setEntryStatus(
      cloud.store.db,
      cloud.scope,
      "time",
      [entry.id],
      "draft",
      undefined,
      "Which engagement?",
    );
    await merge(desktop, transport());
    expect(await getTimeEntry(desktop.store.db, desktop.scope, entry.id)).toMatchObject({
      status: "draft",
      reviewComment: "Which engagement?",
    });
    await setEntryStatus(desktop.store.db, desktop.scope, "time", [entry.id], "submitted");
    await merge(desktop, transport());
    await merge(other, transport());
    for (const replica of [cloud, desktop, other])
      expect(await getTimeEntry(replica.store.db, replica.scope, entry.id)).toMatchObject({
        status: "submitted",
        reviewComment: null,
      });
  });

  it("two clients made offline with one code are both kept, the later under a suffixed code", async () => {
    const mine = await addClient(desktop.store.db, desktop.scope, {
      code: "NEWCO",
      name: "New Co (desktop)",
    });
    const theirs = await addClient(other.store.db, other.scope, { code: "NEWCO", name: "New Co (other)" });
    await merge(desktop, transport());
    await merge(other, transport());
    await merge(desktop, transport());
    for (const replica of [cloud, desktop, other]) {
      expect((await getClient(replica.store.db, replica.scope, mine.id)).code).toBe("NEWCO");
      expect((await getClient(replica.store.db, replica.scope, theirs.id)).code).toBe("NEWCO-2");
    }
    expect(await listConflicts(cloud.store.db, cloud.scope.firm.id, "open")).toContainEqual(
      expect.objectContaining({ kind: "unique", field: "code", lostValue: "NEWCO", keptValue: "NEWCO-2" }),
    );
  });

  it("a deleted record never comes back, and the edit it met is logged", async () => {
    const client = await addClient(cloud.store.db, cloud.scope, { code: "GONE", name: "Gone Ltd" });
    await merge(desktop, transport());
    await merge(other, transport());
    await editClient(desktop.store.db, desktop.scope, "GONE", { name: "Gone Limited" });
    await deleteClient(other.store.db, other.scope, "GONE");
    await merge(other, transport());
    await merge(desktop, transport());
    await merge(other, transport());
    for (const replica of [cloud, desktop, other]) {
      await expect(getClient(replica.store.db, replica.scope, client.id)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    expect(await listConflicts(cloud.store.db, cloud.scope.firm.id)).toContainEqual(
      expect.objectContaining({ kind: "deleted", rowId: client.id }),
    );
  });

  it("a change its author may not make is refused, logged and reverted on the desktop", async () => {
    const staffOnly: Actor = {
      kind: "user",
      user: { id: "u1", email: "al@firm.test", staffId: null } as unknown as UserAccount,
      rights: {
        unrestricted: false,
        staffId: null,
        contactId: null,
        assignments: [],
        managedEntityIds: new Set(),
      },
      sessionId: null,
      tokenId: null,
    };
    await editClient(desktop.store.db, desktop.scope, "ACME", { name: "Hijacked" });
    const summary = await merge(desktop, directTransport(cloud.store, cloud.scope.firm.id, clock, staffOnly));
    expect(summary.refused).toBe(1);
    expect((await getClient(cloud.store.db, cloud.scope, "ACME")).name).toBe("Acme Limited");
    expect((await getClient(desktop.store.db, desktop.scope, "ACME")).name).toBe("Acme Limited");
    expect(await listLog(desktop.store.db, desktop.scope.firm.id, "error")).toMatchObject([
      { code: "FORBIDDEN", tbl: "client", data: { name: "Hijacked" } },
    ]);
  });

  it("a rate added offline reaches the cloud, and every replica ends identical", async () => {
    await setRate(desktop.store.db, desktop.scope, {
      staff: "JD",
      rate: 1_250_000,
      effectiveDate: "2026-01-01",
    });
    await merge(desktop, transport());
    await merge(other, transport());
    await merge(desktop, transport());
    const expected = await firmRecords(cloud);
    expect(await firmRecords(desktop)).toEqual(expected);
    expect(await firmRecords(other)).toEqual(expected);
  });

  it("contact groups and their members merge like the firm's other records", async () => {
    const contact = await addContact(desktop.store.db, desktop.scope, {
      firstName: "Carla",
      lastName: "Client",
      email: "carla@acme.test",
    });
    const group = await addContactGroup(desktop.store.db, desktop.scope, "Acme finance");
    await addContactGroupMember(desktop.store.db, desktop.scope, group.id, contact.id);
    await merge(desktop, transport());
    await merge(other, transport());
    for (const replica of [cloud, other])
      expect(await listContactGroups(replica.store.db, replica.scope)).toMatchObject([
        { id: group.id, name: "Acme finance", memberIds: [contact.id] },
      ]);
    await removeContactGroupMember(other.store.db, other.scope, group.id, contact.id);
    await merge(other, transport());
    await merge(desktop, transport());
    expect(await listContactGroups(desktop.store.db, desktop.scope)).toMatchObject([{ memberIds: [] }]);
  });

  it("a merge with nothing new pushes and pulls nothing", async () => {
    expect(await merge(desktop, transport())).toMatchObject({ pushed: 0, pulled: 0, refused: 0 });
  });
});

describe.each(ENGINES)("the merge protocol's guards on %s", (engine) => {
  const clock = steppingClock();
  let cloud: Replica;
  let desktop: Replica & { dispose(): Promise<void> };
  const transport = () => directTransport(cloud.store, cloud.scope.firm.id, clock);

  beforeAll(async () => {
    cloud = await openCloud(engine, clock);
    await seedPractice({ store: cloud.store, scope: cloud.scope });
    desktop = await openDesktopCopy(cloud, clock);
    await merge(desktop, transport());
  });
  afterAll(async () => {
    await desktop.dispose();
    await cloud.store.close();
  });

  const clientChange = (hlc: string, name: string): WireChange => ({
    hlc,
    tbl: "client",
    rowId: "0190f3a2-0000-7000-8000-00000000c1e7",
    op: "put",
    data: {
      id: "0190f3a2-0000-7000-8000-00000000c1e7",
      code: "PUSHED",
      name,
      status: "active",
      contact_company_id: null,
      partner_id: null,
      manager_id: null,
      address: "",
      notes: "",
      created_at: "2026-06-15T12:00:00.000Z",
    },
    seen: 0,
  });

  it("a batch sent twice is applied once and answered alike", async () => {
    const request = {
      schema: SCHEMA_VERSION,
      replica: "replayer",
      batchId: "replayer-batch-1",
      changes: [
        clientChange(formatHlc({ millis: Date.now(), counter: 0, replica: "replayer" }), "Pushed Ltd"),
      ],
    };
    const first = await pushChanges(cloud.store.db, cloud.scope.firm, SUPERVISOR, request, clock);
    const journal = await snapshotStore(cloud.store.db);
    const again = await pushChanges(cloud.store.db, cloud.scope.firm, SUPERVISOR, request, clock);
    expect(again.results).toEqual(first.results);
    expect(first.results[0]).toMatchObject({ status: "accepted" });
    const after = await snapshotStore(cloud.store.db);
    expect(after.sync_change).toEqual(journal.sync_change);
    expect(after.client).toEqual(journal.client);
  });

  it("a change timed minutes ahead of the cloud's clock refuses the batch and changes nothing", async () => {
    const ahead = formatHlc({ millis: Date.now() + 10 * 60_000, counter: 0, replica: "skewed" });
    await expectRefusedUnchanged(
      cloud.store.db,
      () =>
        pushChanges(
          cloud.store.db,
          cloud.scope.firm,
          SUPERVISOR,
          {
            schema: SCHEMA_VERSION,
            replica: "skewed",
            batchId: "skewed-1",
            changes: [clientChange(ahead, "Future Ltd")],
          },
          clock,
        ),
      { code: "CLOCK_SKEW", message: /ahead of this clock; check the clocks of both machines/ },
    );
  });

  it("a desktop at another schema is told to upgrade, on push and on pull", async () => {
    const old = { schema: "0002-access", replica: "old", batchId: "old-1", changes: [] };
    const pushed = pushChanges(cloud.store.db, cloud.scope.firm, SUPERVISOR, old, clock);
    await expect(pushed).rejects.toMatchObject({ code: "UPGRADE_REQUIRED" });
    await expect(pushed).rejects.toThrow(/upgrade firmtime on this desktop/);
    const pulled = pullChanges(cloud.store.db, cloud.scope.firm, {
      schema: "9999-future",
      replica: "new",
      after: 0,
      limit: 10,
      wait: 0,
    });
    await expect(pulled).rejects.toMatchObject({ code: "UPGRADE_REQUIRED" });
    await expect(pulled).rejects.toThrow(/upgrade firmtime on the cloud/);
  });

  it("a lost value restored from the conflict log reaches every replica", async () => {
    await editClient(desktop.store.db, desktop.scope, "ACME", { notes: "mine" });
    await later();
    await editClient(cloud.store.db, cloud.scope, "ACME", { notes: "theirs" });
    await merge(desktop, transport());
    const [conflict] = await listConflicts(desktop.store.db, desktop.scope.firm.id, "open");
    expect(conflict).toMatchObject({ field: "notes", lostValue: "mine" });
    await restoreConflict(desktop.store.db, desktop.scope.firm.id, conflict!.id, clock);
    await merge(desktop, transport());
    expect((await getClient(cloud.store.db, cloud.scope, "ACME")).notes).toBe("mine");
    expect((await getClient(desktop.store.db, desktop.scope, "ACME")).notes).toBe("mine");
    expect(await listConflicts(desktop.store.db, desktop.scope.firm.id, "open")).toEqual([]);
    await expect(
      restoreConflict(desktop.store.db, desktop.scope.firm.id, conflict!.id, clock),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });
});

describe.each(ENGINES)("who merges whose changes, on %s", (engine) => {
  const clock = steppingClock();
  let cloud: Replica;
  let desktop: Replica & { dispose(): Promise<void> };
  const transport = () => directTransport(cloud.store, cloud.scope.firm.id, clock);

  beforeAll(async () => {
    cloud = await openCloud(engine, clock);
    await seedPractice({ store: cloud.store, scope: cloud.scope });
    desktop = await openDesktopCopy(cloud, clock);
    await merge(desktop, transport());
  });
  afterAll(async () => {
    await desktop.dispose();
    await cloud.store.close();
  });

  it("every change records its author, and a conflict says whose value lost", async () => {
    await withAuthor("ada@firm.test", () =>
      editClient(desktop.store.db, desktop.scope, "ACME", { name: "Ada's name" }),
    );
    await later();
    await withAuthor("bo@firm.test", () =>
      editClient(cloud.store.db, cloud.scope, "ACME", { name: "Bo's name" }),
    );
    await merge(desktop, transport());
    expect(await listConflicts(desktop.store.db, desktop.scope.firm.id, "open")).toMatchObject([
      { field: "name", lostValue: "Ada's name", lostAuthor: "ada@firm.test", keptValue: "Bo's name" },
    ]);
    expect(await listConflicts(cloud.store.db, cloud.scope.firm.id, "open", "ada@firm.test")).toHaveLength(1);
    expect(await listConflicts(cloud.store.db, cloud.scope.firm.id, "open", "bo@firm.test")).toHaveLength(0);
  });

  it("without the Merge permission, a desktop holding a colleague's changes is not merged", async () => {
    await withAuthor("ada@firm.test", () =>
      editClient(desktop.store.db, desktop.scope, "ACME", { notes: "Ada's" }),
    );
    const asJane = {
      ...transport(),
      whoAmI: () => Promise.resolve({ email: "jane@firm.test", mayMergeForOthers: false }),
    };
    await expect(merge(desktop, asJane)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining(
        "(1 by ada@firm.test); they merge them, or a user with the Merge permission does",
      ) as unknown,
    });
    expect((await getClient(cloud.store.db, cloud.scope, "ACME")).notes).not.toBe("Ada's");
    const asAdmin = {
      ...transport(),
      whoAmI: () => Promise.resolve({ email: "jane@firm.test", mayMergeForOthers: true }),
    };
    expect((await merge(desktop, asAdmin)).pushed).toBe(1);
    expect((await getClient(cloud.store.db, cloud.scope, "ACME")).notes).toBe("Ada's");
  });

  it("the cloud refuses a colleague's change from a sender without the Merge permission", async () => {
    const jane: Actor = {
      kind: "user",
      user: { id: "u-jane", email: "jane@firm.test", staffId: null } as unknown as UserAccount,
      rights: {
        unrestricted: false,
        staffId: null,
        contactId: null,
        assignments: [{ grants: { entities: "CRED" }, scope: "system", entityId: null, itemId: null }],
        managedEntityIds: new Set(),
      },
      sessionId: null,
      tokenId: null,
    };
    const client = await getClient(cloud.store.db, cloud.scope, "ACME");
    const change = (author: string, counter: number): WireChange => ({
      hlc: formatHlc({ millis: Date.now(), counter, replica: "janes-desk" }),
      tbl: "client",
      rowId: client.id,
      op: "put",
      data: { notes: `by ${author}` },
      seen: null,
      author,
    });
    const answer = await pushChanges(
      cloud.store.db,
      cloud.scope.firm,
      jane,
      {
        schema: SCHEMA_VERSION,
        replica: "janes-desk",
        batchId: "janes-1",
        changes: [change("ada@firm.test", 0), change("jane@firm.test", 1)],
      },
      clock,
    );
    expect(answer.results.map((r) => [r.status, r.code])).toEqual([
      ["refused", "FORBIDDEN"],
      ["accepted", null],
    ]);
    expect((await getClient(cloud.store.db, cloud.scope, "ACME")).notes).toBe("by jane@firm.test");
  });
});

describe("a cloud restored from a backup (a new epoch)", () => {
  it("gets back from the desktop what it had acknowledged and lost", async () => {
    const clock = steppingClock();
    const dir = mkdtempSync(join(tmpdir(), "firmtime-epoch-"));
    const path = join(dir, "cloud.db");
    const store = await openSqliteStore(path);
    const firm = await createFirm(store.db, clock, {
      name: "Harbor & Pine",
      currency: "USD",
      slug: "harbor",
    });
    const cloud: Replica = { store, scope: { firm, clock, actor: "cloud" } };
    await seedPractice({ store: cloud.store, scope: cloud.scope });
    const desktop = await openDesktopCopy(cloud, clock);
    try {
      await merge(desktop, directTransport(cloud.store, firm.id, clock));
      await sql`VACUUM INTO ${join(dir, "backup.db")}`.execute(cloud.store.db);

      const acknowledged = await addClient(desktop.store.db, desktop.scope, {
        code: "AFTER",
        name: "After the backup",
      });
      expect((await merge(desktop, directTransport(cloud.store, firm.id, clock))).pushed).toBe(1);

      await cloud.store.close();
      copyFileSync(join(dir, "backup.db"), path);
      rmSync(`${path}-wal`, { force: true });
      rmSync(`${path}-shm`, { force: true });
      cloud.store = await openSqliteStore(path);
      await expect(getClient(cloud.store.db, cloud.scope, acknowledged.id)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await startNewEpochs(cloud.store.db);

      const summary = await merge(desktop, directTransport(cloud.store, firm.id, clock));
      expect(summary.epochChanged).toBe(true);
      expect((await getClient(cloud.store.db, cloud.scope, acknowledged.id)).code).toBe("AFTER");
      expect(await firmRecords(desktop)).toEqual(await firmRecords(cloud));
    } finally {
      await desktop.dispose();
      await cloud.store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(ENGINES)("the cloud re-validates a pushed change as its service would, on %s", (engine) => {
  const clock = steppingClock();
  let cloud: Replica;
  let desktop: Replica & { dispose(): Promise<void> };
  const transport = () => directTransport(cloud.store, cloud.scope.firm.id, clock);
  const idOf = async (table: "staff" | "client" | "work_code", column: string, value: string) =>
    (
      await cloud.store.db
        .selectFrom(table)
        .select("id")
        .where(sql.ref(column), "=", value)
        .executeTakeFirstOrThrow()
    ).id;
  const staffUser = (staffId: string, grants: Record<string, string> = {}): Actor => ({
    kind: "user",
    user: {
      id: `u-${staffId}`,
      email: `${staffId}@firm.test`,
      staffId,
      contactId: null,
    } as unknown as UserAccount,
    rights: {
      unrestricted: false,
      staffId,
      contactId: null,
      assignments: Object.keys(grants).length
        ? [{ grants, scope: "system", entityId: null, itemId: null }]
        : [],
      managedEntityIds: new Set(),
    },
    sessionId: null,
    tokenId: null,
  });
  let counter = 0;
  const push = async (actor: Actor, tbl: string, rowId: string, data: WireChange["data"]) => {
    const hlc = formatHlc({ millis: Date.now(), counter: counter++, replica: "crafted" });
    const answer = await pushChanges(
      cloud.store.db,
      cloud.scope.firm,
      actor,
      {
        schema: SCHEMA_VERSION,
        replica: "crafted",
        batchId: `crafted-${counter}`,
        changes: [{ hlc, tbl, rowId, op: "put", data, seen: null, author: null }],
      },
      clock,
    );
    return answer.results[0]!;
  };
  const entry = async (fields: Record<string, string | number | null>) => {
    const id = `0190f3a2-0000-7000-8000-${String(++counter).padStart(12, "0")}`;
    return {
      id,
      data: {
        id,
        staff_id: await idOf("staff", "staff_number", "JD"),
        client_id: await idOf("client", "code", "ACME"),
        project_id: null,
        work_code_id: await idOf("work_code", "code", "TAX"),
        entry_date: "2026-06-03",
        billable: 1,
        description: "",
        status: "draft",
        created_at: "2026-06-15T12:00:00.000Z",
        minutes: 60,
        rate: 1_500_000,
        rate_source: "work_code",
        ...fields,
      },
    };
  };

  beforeAll(async () => {
    cloud = await openCloud(engine, clock);
    await seedPractice({ store: cloud.store, scope: cloud.scope });
    await ensureBuiltInRoles(cloud.store.db, cloud.scope.firm.id, "2026-06-15T12:00:00.000Z");
    desktop = await openDesktopCopy(cloud, clock);
    await merge(desktop, transport());
  });
  afterAll(async () => {
    await desktop.dispose();
    await cloud.store.close();
  });

  it("an entry made offline for a client made inactive meanwhile is refused and logged", async () => {
    await addClient(cloud.store.db, cloud.scope, { code: "GONE", name: "Gone Ltd" });
    await merge(desktop, transport());
    await editClient(cloud.store.db, cloud.scope, "GONE", { status: "inactive" });
    const made = await addTimeEntry(desktop.store.db, desktop.scope, {
      staff: "JD",
      client: "GONE",
      workCode: "TAX",
      date: "2026-06-04",
      minutes: 30,
    });
    expect((await merge(desktop, transport())).refused).toBe(1);
    await expect(getTimeEntry(desktop.store.db, desktop.scope, made.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await listLog(desktop.store.db, desktop.scope.firm.id, "error")).toMatchObject([
      { code: "INACTIVE", tbl: "time_entry", rowId: made.id },
    ]);
  });

  it("an offline edit of an entry the cloud approved meanwhile is refused; the approved minutes stay", async () => {
    const made = await addTimeEntry(cloud.store.db, cloud.scope, {
      staff: "JD",
      client: "ACME",
      workCode: "TAX",
      date: "2026-06-05",
      minutes: 60,
    });
    await merge(desktop, transport());
    await setEntryStatus(cloud.store.db, cloud.scope, "time", [made.id], "submitted");
    await setEntryStatus(cloud.store.db, cloud.scope, "time", [made.id], "approved");
    await editTimeEntry(desktop.store.db, desktop.scope, made.id, { minutes: 600 });
    expect((await merge(desktop, transport())).refused).toBe(1);
    for (const replica of [cloud, desktop])
      expect(await getTimeEntry(replica.store.db, replica.scope, made.id)).toMatchObject({
        minutes: 60,
        status: "approved",
      });
    expect((await listLog(desktop.store.db, desktop.scope.firm.id, "error")).at(-1)).toMatchObject({
      code: "ENTRY_LOCKED",
    });
  });

  it("refuses entries the time service would refuse: wrong kind of work code, minutes off the increment", async () => {
    const mileage = await entry({ work_code_id: await idOf("work_code", "code", "MILE") });
    expect(await push(SUPERVISOR, "time_entry", mileage.id, mileage.data)).toMatchObject({
      status: "refused",
      code: "WORK_CODE_KIND_MISMATCH",
    });
    const odd = await entry({ minutes: 7 });
    expect(await push(SUPERVISOR, "time_entry", odd.id, odd.data)).toMatchObject({
      status: "refused",
      code: "VALIDATION",
      message: "7 minutes is not a multiple of the firm's 6-minute increment",
    });
    const fine = await entry({ minutes: 90 });
    expect(await push(SUPERVISOR, "time_entry", fine.id, fine.data)).toMatchObject({ status: "accepted" });
  });

  it("during the integration upload, a file's history is taken as it is: entries of clients inactive since, before the lock date", async () => {
    await addClient(cloud.store.db, cloud.scope, { code: "PAST", name: "Past Ltd" });
    await editClient(cloud.store.db, cloud.scope, "PAST", { status: "inactive" });
    const firmId = cloud.scope.firm.id;
    const locked = { ...cloud.scope, firm: { ...cloud.scope.firm, lockDate: "2026-12-31" } };
    const pushAs = async (data: Record<string, string | number | null>, id: string) => {
      const hlc = formatHlc({ millis: Date.now(), counter: counter++, replica: "history" });
      const answer = await pushChanges(
        cloud.store.db,
        locked.firm,
        SUPERVISOR,
        {
          schema: SCHEMA_VERSION,
          replica: "history",
          batchId: `history-${counter}`,
          changes: [{ hlc, tbl: "time_entry", rowId: id, op: "put", data, seen: null, author: null }],
        },
        clock,
      );
      return answer.results[0]!;
    };
    const past = await entry({ client_id: await idOf("client", "code", "PAST"), entry_date: "2024-03-01" });
    const later = await entry({ client_id: await idOf("client", "code", "PAST"), entry_date: "2024-03-02" });
    await updateSyncState(cloud.store.db, firmId, { boundFileId: "the-file", integratedAt: null });
    try {
      expect(await pushAs(past.data, past.id)).toMatchObject({ status: "accepted" });
      // Integrated: from now on a new entry meets today's rules.
      await updateSyncState(cloud.store.db, firmId, { integratedAt: "2026-06-15T12:00:00.000Z" });
      expect(await pushAs(later.data, later.id)).toMatchObject({
        status: "refused",
        code: "BEFORE_LOCK_DATE",
      });
    } finally {
      await updateSyncState(cloud.store.db, firmId, { boundFileId: null, integratedAt: null });
    }
  });

  it("a staff member cannot approve their own entry by pushing it approved", async () => {
    const jd = staffUser(await idOf("staff", "staff_number", "JD"));
    const approved = await entry({ status: "approved" });
    expect(await push(jd, "time_entry", approved.id, approved.data)).toMatchObject({
      status: "refused",
      code: "FORBIDDEN",
    });
    const draft = await entry({});
    expect(await push(jd, "time_entry", draft.id, draft.data)).toMatchObject({ status: "accepted" });
    expect(await push(jd, "time_entry", draft.id, { status: "billed" })).toMatchObject({
      status: "refused",
      code: "STATUS_TRANSITION",
    });
  });

  it("group membership is sharing: nobody joins a group themselves or fills one carrying roles they may not share", async () => {
    const ab = await idOf("staff", "staff_number", "AB");
    const jd = await idOf("staff", "staff_number", "JD");
    const staffAdmin = staffUser(ab, { staff: "CRED", staff_groups: "CRED" });
    const partners = await addStaffGroup(cloud.store.db, cloud.scope, "Partners");
    const admin = (await findRoleByName(cloud.store.db, cloud.scope.firm.id, "Admin"))!;
    await insertAssignment(cloud.store.db, cloud.scope.firm.id, {
      roleId: admin.id,
      principalKind: "staff_group",
      principalId: partners.id,
      scope: "system",
      entityId: null,
      itemId: null,
      createdAt: "2026-06-15T12:00:00.000Z",
    });
    const member = (staffId: string, groupId = partners.id) => ({
      group_id: groupId,
      staff_id: staffId,
      created_at: "2026-06-15T12:00:00.000Z",
    });
    expect(await push(staffAdmin, "staff_group_member", `${partners.id}:${ab}`, member(ab))).toMatchObject({
      status: "refused",
      code: "FORBIDDEN",
      message: "you may not change your own groups: they carry roles",
    });
    expect(await push(staffAdmin, "staff_group_member", `${partners.id}:${jd}`, member(jd))).toMatchObject({
      status: "refused",
      code: "FORBIDDEN",
      message: expect.stringContaining("group Partners carries roles you may not share") as unknown,
    });
    const plain = await addStaffGroup(cloud.store.db, cloud.scope, "Juniors");
    expect(
      await push(staffAdmin, "staff_group_member", `${plain.id}:${jd}`, member(jd, plain.id)),
    ).toMatchObject({ status: "accepted" });
  });
});
