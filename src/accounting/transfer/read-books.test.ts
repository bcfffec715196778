/**
 * Reading the books at a run's start: every list the first time, then only what /cdc says
 * changed, applied to the copy in the store; whole again when the changes are too old to ask
 * for, when the connection points at another company, or after a disconnect. On both engines,
 * through the real npm clients against the QBO-compatible server.
 */
import { describe, expect, it } from "vitest";
import { systemClock } from "../../store/clock.js";
import { connectedQboTarget } from "../../test-support/qbo-server-target.js";
import { ENGINES, useTestFirm } from "../../test-support/stores.js";
import { deleteConnection } from "../accounting-store.js";
import { findBooksRead, saveBooksRead, selectBooksRecords } from "../books-mirror-store.js";
import type { AccountingTarget } from "../target.js";
import { CHANGES_MARGIN_MS, readBooks } from "./read-books.js";

describe.each(ENGINES)("reading the books [%s]", (engine) => {
  const t = useTestFirm(engine, {}, systemClock);
  const read = (target: AccountingTarget) => readBooks({ db: t.store.db, scope: t.scope, target });
  const names = (records: { kind: string; fullName: string; active: boolean }[]) =>
    records.map((record) => `${record.kind} ${record.fullName}${record.active ? "" : " (inactive)"}`).sort();

  it("reads every list the first time and only what changed after that", async () => {
    const { server, target } = await connectedQboTarget();
    const acme = server.seed("Customer", { DisplayName: "Acme Ltd" });
    server.seed("Customer", { DisplayName: "Audit 2026", Job: true, ParentRef: { value: acme.Id } });
    server.seed("Employee", { DisplayName: "Ann Lee", GivenName: "Ann", FamilyName: "Lee" });
    const audit = server.seed("Item", { Name: "Audit", Type: "Service" });
    server.seed("Item", { Name: "Widgets", Type: "Inventory" });

    const before = Date.now();
    const first = await read(target);
    expect(first.readWhole).toEqual(["employee", "vendor", "customer", "item"]);
    expect(names(first.records)).toEqual([
      "customer Acme Ltd",
      "customer Acme Ltd:Audit 2026",
      "employee Ann Lee",
      "item Audit",
    ]);
    expect(server.log.some((request) => request.path === "cdc")).toBe(false);
    const saved = await findBooksRead(t.store.db, t.scope.firm.id);
    expect(saved?.booksId).toBe(server.realmId);
    // The next read asks from before this one began, so nothing changed meanwhile is missed.
    expect(Date.parse(saved!.changesFrom)).toBeLessThanOrEqual(before - CHANGES_MARGIN_MS + 1000);

    // Someone works in QuickBooks: a rename, a new vendor, an inventory item, a deleted item.
    server.edit("Customer", acme.Id, { DisplayName: "Acme Limited" });
    server.seed("Vendor", { DisplayName: "Northwind Traders" });
    server.seed("Item", { Name: "Gadgets", Type: "Inventory" });
    server.remove("Item", audit.Id);
    const asked = server.log.length;
    const second = await read(target);
    expect(second.readWhole).toEqual([]);
    // One /cdc per list and no query: the lists are not read again.
    expect(server.log.slice(asked).map((request) => request.path)).toEqual(["cdc", "cdc", "cdc", "cdc"]);
    expect(names(second.records)).toEqual([
      "customer Acme Limited",
      "customer Acme Limited:Audit 2026",
      "employee Ann Lee",
      "vendor Northwind Traders",
    ]);
    expect(names(await selectBooksRecords(t.store.db, t.scope.firm.id))).toEqual(names(second.records));
  });

  it("reads a list whole again when its changes go back further than the books keep them", async () => {
    const { server, target } = await connectedQboTarget();
    server.seed("Customer", { DisplayName: "Acme Ltd" });
    await read(target);
    const monthsAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await saveBooksRead(t.store.db, t.scope.firm.id, { booksId: server.realmId, changesFrom: monthsAgo });
    server.seed("Customer", { DisplayName: "Bravo plc" });
    const asked = server.log.length;
    const again = await read(target);
    expect(again.readWhole).toEqual(["employee", "vendor", "customer", "item"]);
    expect(server.log.slice(asked).some((request) => request.path === "cdc")).toBe(false);
    expect(names(again.records)).toEqual(["customer Acme Ltd", "customer Bravo plc"]);
  });

  it("forgets one company's books when the firm connects another, and when it disconnects", async () => {
    const one = await connectedQboTarget();
    one.server.seed("Customer", { DisplayName: "Only in the first company" });
    await read(one.target);
    const other = await connectedQboTarget();
    other.server.seed("Vendor", { DisplayName: "Only in the second company" });
    const reading = await read(other.target);
    expect(reading.readWhole).toEqual(["employee", "vendor", "customer", "item"]);
    expect(names(reading.records)).toEqual(["vendor Only in the second company"]);

    await deleteConnection(t.store.db, t.scope.firm.id);
    expect(await selectBooksRecords(t.store.db, t.scope.firm.id)).toEqual([]);
    expect(await findBooksRead(t.store.db, t.scope.firm.id)).toBeUndefined();
  });

  it("leaves the last copy whole when a read fails part way", async () => {
    const { server, target } = await connectedQboTarget();
    server.seed("Customer", { DisplayName: "Acme Ltd" });
    await read(target);
    const copy = await selectBooksRecords(t.store.db, t.scope.firm.id);
    const saved = await findBooksRead(t.store.db, t.scope.firm.id);
    server.edit("Customer", server.records("Customer")[0]!.Id, { DisplayName: "Acme Limited" });
    // Every answer from here on is a server error: the reads after the first give up.
    server.inject({ kind: "server-error", count: 1_000 });
    await expect(read(target)).rejects.toMatchObject({ code: "transient" });
    expect(await selectBooksRecords(t.store.db, t.scope.firm.id)).toEqual(copy);
    expect(await findBooksRead(t.store.db, t.scope.firm.id)).toEqual(saved);
  });
});
