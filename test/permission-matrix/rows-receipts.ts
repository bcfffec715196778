/**
 * Matrix rows for an expense entry's receipts (/expense-entries/:id/receipts): whoever may read
 * the entry may list and download them (others get 404, as for the entry itself); whoever may
 * edit it may add and remove them (readers who may not edit get 403). Contacts hold no entry
 * right. Another firm's entry is not found for anyone.
 */
import { Readable } from "node:stream";
import { JPEG, PNG } from "../../src/test-support/receipts.js";
import type { TestServer } from "../../src/test-support/server.js";
import { addExpenseEntry } from "../../src/time-expense/expense-entry-service.js";
import { addReceipt } from "../../src/time-expense/receipt-service.js";
import type { ActorName, MatrixFixture } from "./actors.js";
import { EXPENSE_UNIT_RATE } from "./fixture-content.js";
import { A, only, OUTSIDERS, SYSTEM_CONTENT_READERS, type MatrixRow } from "./rows.js";

const SYSTEM_EDITORS: readonly ActorName[] = ["admin", "entitiesAdmin", "ownerSystem", "editorSystem"];
const ACME_STAFF_READERS: readonly ActorName[] = [
  "ownerEntity",
  "editorEntity",
  "viewerEntity",
  "staffGroupShare",
];
const ACME_EDITORS: readonly ActorName[] = ["ownerEntity", "editorEntity"];
const ACME_READERS = [...SYSTEM_CONTENT_READERS, ...ACME_STAFF_READERS];
const ACME_ENTRY_EDITORS = [...SYSTEM_EDITORS, ...ACME_EDITORS];
/** Who may read the admin's ACME entry without editing it: 403 when they try to change it. */
const ACME_READ_ONLY: readonly ActorName[] = ["viewerSystem", "viewerEntity", "staffGroupShare"];

const route = (method: string, suffix = "") =>
  `${method} /f/:firm/api/v1/expense-entries/:id/receipts${suffix}`;
const url = (entryId: string, suffix = "") => `${A}/expense-entries/${entryId}/receipts${suffix}`;
const UNKNOWN_RECEIPT = "01900000-0000-7000-8000-00000000abcd";

let counter = 0;

async function freshEntry(
  server: TestServer,
  fx: MatrixFixture,
  staff: ActorName,
  client: "acme" | "globex",
) {
  const entry = await addExpenseEntry(server.deps.store.db, fx.scope, {
    staff: fx.staffIds[staff]!,
    client: fx.clients[client],
    workCode: fx.content.expenseWorkCodeId,
    date: "2026-06-02",
    unitRate: EXPENSE_UNIT_RATE,
    description: `receipt row ${++counter}`,
  });
  return entry.id;
}

/** A receipt on the entry, stored as an upload would store it. */
async function freshReceipt(server: TestServer, fx: MatrixFixture, entryId: string) {
  const stored = await server.deps.files.put(Readable.from([JPEG]));
  const receipt = await addReceipt(server.deps.store.db, fx.scope, entryId, {
    ...stored,
    fileName: "matrix.jpg",
    mediaType: "image/jpeg",
  });
  return receipt.id;
}

const onEntry =
  (allowed: readonly ActorName[], ok: number, readOnly: readonly ActorName[]) => (actor: ActorName) => {
    if (OUTSIDERS.includes(actor)) return 401;
    if (allowed.includes(actor)) return ok;
    return readOnly.includes(actor) ? 403 : 404;
  };
const nobodyHere = only([], 200, { denied: 404 });
const upload = [{ fileName: "receipt.png", contentType: "image/png", bytes: PNG }];

export const RECEIPT_ROWS: MatrixRow[] = [
  {
    route: route("GET"),
    name: "the admin's entry on ACME",
    request: (fx) => ({ url: url(fx.content.expenses.adminOnAcme) }),
    expect: only(ACME_READERS, 200, { denied: 404 }),
  },
  {
    route: route("GET"),
    name: "staffNoShare's own on GLOBEX",
    request: (fx) => ({ url: url(fx.content.expenses.ownOfStaffNoShare) }),
    expect: only([...SYSTEM_CONTENT_READERS, "staffNoShare"], 200, { denied: 404 }),
  },
  {
    route: route("GET"),
    name: "another firm's entry",
    request: (fx) => ({ url: url(fx.content.otherFirm.expenseEntryId) }),
    expect: nobodyHere,
  },
  {
    route: route("POST"),
    name: "on an entry of the admin on ACME",
    request: async (fx, _actor, server) => ({
      url: url(await freshEntry(server, fx, "admin", "acme")),
      files: upload,
    }),
    expect: onEntry(ACME_ENTRY_EDITORS, 201, ACME_READ_ONLY),
  },
  {
    route: route("POST"),
    name: "on staffNoShare's own on GLOBEX",
    request: async (fx, _actor, server) => ({
      url: url(await freshEntry(server, fx, "staffNoShare", "globex")),
      files: upload,
    }),
    expect: onEntry([...SYSTEM_EDITORS, "staffNoShare"], 201, ["viewerSystem"]),
  },
  {
    route: route("POST"),
    name: "on another firm's entry",
    request: (fx) => ({ url: url(fx.content.otherFirm.expenseEntryId), files: upload }),
    expect: nobodyHere,
  },
  {
    route: route("GET", "/:receiptId/content"),
    name: "a receipt of the admin's entry on ACME",
    request: async (fx, _actor, server) => {
      const entry = fx.content.expenses.adminOnAcme;
      return { url: url(entry, `/${await freshReceipt(server, fx, entry)}/content`) };
    },
    expect: only(ACME_READERS, 200, { denied: 404 }),
  },
  {
    route: route("GET", "/:receiptId/content"),
    name: "a receipt of staffNoShare's own on GLOBEX",
    request: async (fx, _actor, server) => {
      const entry = fx.content.expenses.ownOfStaffNoShare;
      return { url: url(entry, `/${await freshReceipt(server, fx, entry)}/content`) };
    },
    expect: only([...SYSTEM_CONTENT_READERS, "staffNoShare"], 200, { denied: 404 }),
  },
  {
    route: route("GET", "/:receiptId/content"),
    name: "on another firm's entry",
    request: (fx) => ({ url: url(fx.content.otherFirm.expenseEntryId, `/${UNKNOWN_RECEIPT}/content`) }),
    expect: nobodyHere,
  },
  {
    route: route("DELETE", "/:receiptId"),
    name: "a receipt of an entry of the admin on ACME",
    request: async (fx, _actor, server) => {
      const entry = await freshEntry(server, fx, "admin", "acme");
      return { url: url(entry, `/${await freshReceipt(server, fx, entry)}`) };
    },
    expect: onEntry(ACME_ENTRY_EDITORS, 204, ACME_READ_ONLY),
  },
  {
    route: route("DELETE", "/:receiptId"),
    name: "a receipt of staffNoShare's own on GLOBEX",
    request: async (fx, _actor, server) => {
      const entry = await freshEntry(server, fx, "staffNoShare", "globex");
      return { url: url(entry, `/${await freshReceipt(server, fx, entry)}`) };
    },
    expect: onEntry([...SYSTEM_EDITORS, "staffNoShare"], 204, ["viewerSystem"]),
  },
  {
    route: route("DELETE", "/:receiptId"),
    name: "on another firm's entry",
    request: (fx) => ({ url: url(fx.content.otherFirm.expenseEntryId, `/${UNKNOWN_RECEIPT}`) }),
    expect: nobodyHere,
  },
];
