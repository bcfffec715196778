import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../access/authorize.js";
import type { UserAccount } from "../access/account-store.js";
import { addClient, deleteClient, editClient, getClient } from "../firm-setup/client-service.js";
import { setRate } from "../firm-setup/rate-service.js";
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
import { listConflicts, listLog } from "./journal-store.js";

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

  it("a merge with nothing new pushes and pulls nothing", async () => {
    expect(await merge(desktop, transport())).toMatchObject({ pushed: 0, pulled: 0, refused: 0 });
  });
});
