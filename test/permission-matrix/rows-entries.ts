/**
 * Matrix rows for /time-entries, /expense-entries (the same rules, entry-access.ts) and /reprice.
 *
 * "Own vs all" (shared/design/access.md): a staff user may read, record, edit, delete and submit
 * their own entries on any client; a role reaches the entries of its clients (entity scope) or
 * all of them (system scope); approving is a review that ownership never grants. Contacts hold
 * no entry right at all. A caller who may not read an entry gets 404, one who may only read 403.
 */
import type { EntryStatus } from "../../src/domain/entries.js";
import { addExpenseEntry } from "../../src/time-expense/expense-entry-service.js";
import type { EntryKind } from "../../src/time-expense/entry-store.js";
import { setEntryStatus } from "../../src/time-expense/status-service.js";
import { addTimeEntry } from "../../src/time-expense/time-entry-service.js";
import type { TestServer } from "../../src/test-support/server.js";
import type { ActorName, MatrixFixture } from "./actors.js";
import { EXPENSE_UNIT_RATE } from "./fixture-content.js";
import { A, only, OUTSIDERS, STAFF_USERS, SYSTEM_CONTENT_READERS, type MatrixRow } from "./rows.js";

/** Edit (and create) right on every client's entries: a system-scope Admin, Entities Admin, Owner or Editor. */
const SYSTEM_EDITORS: readonly ActorName[] = ["admin", "entitiesAdmin", "ownerSystem", "editorSystem"];
const SYSTEM_DELETERS: readonly ActorName[] = ["admin", "entitiesAdmin", "ownerSystem"];
/** Staff reaching ACME's entries through an entity-scope role (directly or through a group). */
const ACME_STAFF_READERS: readonly ActorName[] = [
  "ownerEntity",
  "editorEntity",
  "viewerEntity",
  "staffGroupShare",
];
const ACME_EDITORS: readonly ActorName[] = ["ownerEntity", "editorEntity"];
const CONTACTS: readonly ActorName[] = ["contactOfEntity", "contactCollaborator", "contactOfOtherEntity"];

/**
 * What a contact gets for a new entry without a staffId: 400 ("staffId is required: you are not
 * a staff member"), as entry-routes.test.ts pins, though the rules (authorize.ts) would answer
 * 403: a contact may record nobody's entries. Reported to the lead; 403 if that changes.
 */
const CONTACT_NO_STAFF = 403;

const ACME_ENTRY_READERS = [...SYSTEM_CONTENT_READERS, ...ACME_STAFF_READERS];
const ACME_ENTRY_EDITORS = [...SYSTEM_EDITORS, ...ACME_EDITORS];

let counter = 0;

type Fixed = "ownOfStaffNoShare" | "adminOnAcme" | "adminOnGlobex";
const fixed = (fx: MatrixFixture, kind: EntryKind, which: Fixed) =>
  (kind === "time" ? fx.entries : fx.content.expenses)[which];
const otherFirmEntry = (fx: MatrixFixture, kind: EntryKind) =>
  kind === "time" ? fx.content.otherFirm.timeEntryId : fx.content.otherFirm.expenseEntryId;

/** Firm beta's record of the kind a filter or body field names. */
const otherFirmRef = (fx: MatrixFixture, kind: EntryKind, field: "staffId" | "projectId" | "workCodeId") => {
  const other = fx.content.otherFirm;
  if (field === "staffId") return other.staffId;
  if (field === "projectId") return other.projectId;
  return kind === "time" ? other.timeWorkCodeId : other.expenseWorkCodeId;
};

/** A new draft entry (optionally moved on to `status`), for rows that change or delete one. */
async function freshEntry(
  server: TestServer,
  fx: MatrixFixture,
  kind: EntryKind,
  staff: ActorName,
  client: "acme" | "globex",
  status?: EntryStatus,
): Promise<string> {
  const { db } = server.deps.store;
  const party = {
    staff: fx.staffIds[staff]!,
    client: fx.clients[client],
    date: "2026-06-02",
    description: `fresh ${++counter}`,
  };
  const entry =
    kind === "time"
      ? await addTimeEntry(db, fx.scope, { ...party, workCode: fx.workCodeId, minutes: 30 })
      : await addExpenseEntry(db, fx.scope, {
          ...party,
          workCode: fx.content.expenseWorkCodeId,
          unitRate: EXPENSE_UNIT_RATE,
        });
  if (status) await setEntryStatus(db, fx.scope, kind, [entry.id], status);
  return entry.id;
}

/** The body of a new entry on `clientId` (the caller's own unless `staffId`). */
const newEntryBody = (fx: MatrixFixture, kind: EntryKind, clientId: string, staffId?: string) => ({
  ...(staffId ? { staffId } : {}),
  clientId,
  date: "2026-06-03",
  ...(kind === "time"
    ? { workCodeId: fx.workCodeId, minutes: 45 }
    : { workCodeId: fx.content.expenseWorkCodeId, quantity: 2000, unitRate: EXPENSE_UNIT_RATE }),
});

/** Every signed-in actor of alpha gets 404: the id is another firm's. */
const nobodyHere = only([], 200, { denied: 404 });

/** `ok` for `allowed`, 403 for `readOnly` (they may read the target), 404 for everyone else signed in. */
const onEntry =
  (allowed: readonly ActorName[], ok: number, readOnly: readonly ActorName[]) => (actor: ActorName) => {
    if (OUTSIDERS.includes(actor)) return 401;
    if (allowed.includes(actor)) return ok;
    return readOnly.includes(actor) ? 403 : 404;
  };

function entryRows(kind: EntryKind): MatrixRow[] {
  const path = kind === "time" ? "/time-entries" : "/expense-entries";
  const route = (method: string, suffix = "") => `${method} /f/:firm/api/v1${path}${suffix}`;
  const url = (suffix = "") => `${A}${path}${suffix}`;
  const statusChange = (ids: string[], status: EntryStatus) => ({
    url: url("/status"),
    payload: { ids, status },
  });

  return [
    {
      route: route("GET"),
      request: () => ({ url: url() }),
      expect: (actor, fx) => {
        if (OUTSIDERS.includes(actor)) return 401;
        const all = (["ownOfStaffNoShare", "adminOnAcme", "adminOnGlobex"] as const).map((which) =>
          fixed(fx, kind, which),
        );
        if (SYSTEM_CONTENT_READERS.includes(actor)) return { status: 200, ids: all };
        if (ACME_STAFF_READERS.includes(actor)) return { status: 200, ids: [fixed(fx, kind, "adminOnAcme")] };
        if (actor === "staffNoShare") return { status: 200, ids: [fixed(fx, kind, "ownOfStaffNoShare")] };
        // Settings / Staff Admins have no entry right and no entries of their own; contacts none.
        return { status: 200, ids: [] };
      },
    },
    {
      route: route("GET"),
      name: "filtered to GLOBEX: the filter only narrows what the caller may read",
      request: (fx) => ({ url: url(`?clientId=${fx.clients.globex}`) }),
      expect: (actor, fx) => {
        if (OUTSIDERS.includes(actor)) return 401;
        if (SYSTEM_CONTENT_READERS.includes(actor))
          return {
            status: 200,
            ids: [fixed(fx, kind, "ownOfStaffNoShare"), fixed(fx, kind, "adminOnGlobex")],
          };
        if (actor === "staffNoShare") return { status: 200, ids: [fixed(fx, kind, "ownOfStaffNoShare")] };
        return { status: 200, ids: [] };
      },
    },
    {
      route: route("GET"),
      name: "filtered to another firm's client",
      request: (fx) => ({ url: url(`?clientId=${fx.otherFirm.clientId}`) }),
      // Contacts can read no entry at all, so their list is empty before any id is looked up.
      expect: (actor) => (CONTACTS.includes(actor) ? { status: 200, ids: [] } : nobodyHere(actor)),
    },
    ...(["staffId", "projectId", "workCodeId"] as const).map((filter): MatrixRow => ({
      route: route("GET"),
      name: `filtered by another firm's ${filter}`,
      request: (fx) => ({ url: url(`?${filter}=${otherFirmRef(fx, kind, filter)}`) }),
      expect: (actor) => (CONTACTS.includes(actor) ? { status: 200, ids: [] } : nobodyHere(actor)),
    })),
    {
      route: route("GET", "/:id"),
      name: "the admin's entry on ACME",
      request: (fx) => ({ url: url(`/${fixed(fx, kind, "adminOnAcme")}`) }),
      expect: only(ACME_ENTRY_READERS, 200, { denied: 404 }),
    },
    {
      route: route("GET", "/:id"),
      name: "staffNoShare's own entry on GLOBEX",
      request: (fx) => ({ url: url(`/${fixed(fx, kind, "ownOfStaffNoShare")}`) }),
      expect: only([...SYSTEM_CONTENT_READERS, "staffNoShare"], 200, { denied: 404 }),
    },
    {
      route: route("GET", "/:id"),
      name: "another firm's entry",
      request: (fx) => ({ url: url(`/${otherFirmEntry(fx, kind)}`) }),
      expect: nobodyHere,
    },
    {
      route: route("POST"),
      name: "one's own, on ACME",
      request: (fx) => ({ url: url(), payload: newEntryBody(fx, kind, fx.clients.acme) }),
      // Every staff user records their own time. A contact has no staff record and no entry right,
      // and is refused: only staff members record entries (see CONTACT_NO_STAFF).
      expect: (actor) => (CONTACTS.includes(actor) ? CONTACT_NO_STAFF : only(STAFF_USERS, 201)(actor)),
    },
    {
      route: route("POST"),
      name: "staffNoShare's, on ACME",
      request: (fx) => ({
        url: url(),
        payload: newEntryBody(fx, kind, fx.clients.acme, fx.staffIds.staffNoShare),
      }),
      expect: only([...ACME_ENTRY_EDITORS, "staffNoShare"], 201),
    },
    {
      route: route("POST"),
      name: "on another firm's client",
      request: (fx) => ({ url: url(), payload: newEntryBody(fx, kind, fx.otherFirm.clientId) }),
      expect: (actor) => (CONTACTS.includes(actor) ? CONTACT_NO_STAFF : nobodyHere(actor)),
    },
    {
      route: route("POST"),
      name: "for another firm's staff member",
      request: (fx) => ({
        url: url(),
        payload: newEntryBody(fx, kind, fx.clients.acme, fx.content.otherFirm.staffId),
      }),
      expect: nobodyHere,
    },
    ...(["projectId", "workCodeId"] as const).map((field): MatrixRow => ({
      route: route("POST"),
      name: `one's own on ACME, naming another firm's ${field}`,
      request: (fx) => ({
        url: url(),
        payload: { ...newEntryBody(fx, kind, fx.clients.acme), [field]: otherFirmRef(fx, kind, field) },
      }),
      expect: (actor) => (CONTACTS.includes(actor) ? CONTACT_NO_STAFF : nobodyHere(actor)),
    })),
    {
      route: route("PATCH", "/:id"),
      name: "an entry of the admin on ACME",
      request: async (fx, actor, server) => ({
        url: url(`/${await freshEntry(server, fx, kind, "admin", "acme")}`),
        payload: { description: `edited by ${actor}` },
      }),
      expect: onEntry(ACME_ENTRY_EDITORS, 200, ["viewerSystem", "viewerEntity", "staffGroupShare"]),
    },
    {
      route: route("PATCH", "/:id"),
      name: "staffNoShare's own on GLOBEX",
      request: async (fx, actor, server) => ({
        url: url(`/${await freshEntry(server, fx, kind, "staffNoShare", "globex")}`),
        payload: { description: `edited by ${actor}` },
      }),
      expect: onEntry([...SYSTEM_EDITORS, "staffNoShare"], 200, ["viewerSystem"]),
    },
    {
      route: route("PATCH", "/:id"),
      name: "staffNoShare's own, handed to the admin",
      request: async (fx, _actor, server) => ({
        url: url(`/${await freshEntry(server, fx, kind, "staffNoShare", "globex")}`),
        payload: { staffId: fx.staffIds.admin },
      }),
      // Editing one's own entry does not extend to putting work on a colleague.
      expect: onEntry(SYSTEM_EDITORS, 200, ["viewerSystem", "staffNoShare"]),
    },
    {
      route: route("PATCH", "/:id"),
      name: "an ACME entry moved to GLOBEX",
      request: async (fx, _actor, server) => ({
        url: url(`/${await freshEntry(server, fx, kind, "admin", "acme")}`),
        payload: { clientId: fx.clients.globex },
      }),
      // ACME's editors may edit it, but not place it on a client they do not reach.
      expect: onEntry(SYSTEM_EDITORS, 200, [
        ...ACME_EDITORS,
        "viewerSystem",
        "viewerEntity",
        "staffGroupShare",
      ]),
    },
    {
      route: route("PATCH", "/:id"),
      name: "an ACME entry put on another firm's project",
      request: async (fx, _actor, server) => ({
        url: url(`/${await freshEntry(server, fx, kind, "admin", "acme")}`),
        payload: { projectId: fx.content.otherFirm.projectId },
      }),
      expect: onEntry([], 200, ["viewerSystem", "viewerEntity", "staffGroupShare"]),
    },
    {
      route: route("PATCH", "/:id"),
      name: "another firm's entry",
      request: (fx) => ({ url: url(`/${otherFirmEntry(fx, kind)}`), payload: { description: "not yours" } }),
      expect: nobodyHere,
    },
    {
      route: route("DELETE", "/:id"),
      name: "an entry of the admin on ACME",
      request: async (fx, _actor, server) => ({
        url: url(`/${await freshEntry(server, fx, kind, "admin", "acme")}`),
      }),
      expect: onEntry([...SYSTEM_DELETERS, "ownerEntity"], 204, [
        "editorSystem",
        "viewerSystem",
        "editorEntity",
        "viewerEntity",
        "staffGroupShare",
      ]),
    },
    {
      route: route("DELETE", "/:id"),
      name: "staffNoShare's own on GLOBEX",
      request: async (fx, _actor, server) => ({
        url: url(`/${await freshEntry(server, fx, kind, "staffNoShare", "globex")}`),
      }),
      expect: onEntry([...SYSTEM_DELETERS, "staffNoShare"], 204, ["editorSystem", "viewerSystem"]),
    },
    {
      route: route("DELETE", "/:id"),
      name: "another firm's entry",
      request: (fx) => ({ url: url(`/${otherFirmEntry(fx, kind)}`) }),
      expect: nobodyHere,
    },
    {
      route: route("POST", "/status"),
      name: "submit an entry of the admin on ACME",
      request: async (fx, _actor, server) =>
        statusChange([await freshEntry(server, fx, kind, "admin", "acme")], "submitted"),
      expect: onEntry(ACME_ENTRY_EDITORS, 200, ["viewerSystem", "viewerEntity", "staffGroupShare"]),
    },
    {
      route: route("POST", "/status"),
      name: "submit staffNoShare's own on GLOBEX",
      request: async (fx, _actor, server) =>
        statusChange([await freshEntry(server, fx, kind, "staffNoShare", "globex")], "submitted"),
      expect: onEntry([...SYSTEM_EDITORS, "staffNoShare"], 200, ["viewerSystem"]),
    },
    {
      route: route("POST", "/status"),
      name: "approve staffNoShare's own submitted entry",
      request: async (fx, _actor, server) =>
        statusChange([await freshEntry(server, fx, kind, "staffNoShare", "globex", "submitted")], "approved"),
      // Nobody approves their own work unless a role makes them a reviewer on the client.
      expect: onEntry(SYSTEM_EDITORS, 200, ["viewerSystem", "staffNoShare"]),
    },
    {
      route: route("POST", "/status"),
      name: "approve a submitted entry on ACME",
      request: async (fx, _actor, server) =>
        statusChange([await freshEntry(server, fx, kind, "admin", "acme", "submitted")], "approved"),
      expect: onEntry(ACME_ENTRY_EDITORS, 200, ["viewerSystem", "viewerEntity", "staffGroupShare"]),
    },
    {
      route: route("POST", "/status"),
      name: "a batch of one's own on ACME and the admin's on GLOBEX",
      request: async (fx, actor, server) => {
        // Contacts have no staff record, so no entry of their own.
        const own = fx.staffIds[actor] ? [await freshEntry(server, fx, kind, actor, "acme")] : [];
        return statusChange([...own, await freshEntry(server, fx, kind, "admin", "globex")], "submitted");
      },
      expect: onEntry(SYSTEM_EDITORS, 200, ["viewerSystem"]),
    },
    {
      route: route("POST", "/status"),
      name: "another firm's entry",
      request: (fx) => statusChange([otherFirmEntry(fx, kind)], "submitted"),
      expect: nobodyHere,
    },
  ];
}

const REPRICE = "POST /f/:firm/api/v1/reprice";

export const ENTRY_ROWS: MatrixRow[] = [
  ...entryRows("time"),
  ...entryRows("expense"),
  {
    route: "GET /f/:firm/api/v1/entry-staff",
    name: "the authors of the fixture's entries (the admin's on ACME and GLOBEX, staffNoShare's on GLOBEX)",
    // The fixture's day: other rows add their entries on other days.
    request: () => ({ url: `${A}/entry-staff?from=2026-06-01&to=2026-06-01` }),
    // Named only where the caller may read the entry: a reviewer of ACME learns the admin's name.
    expect: (actor, fx) => {
      if (OUTSIDERS.includes(actor)) return 401;
      const admin = fx.staffIds.admin!;
      const staffNoShare = fx.staffIds.staffNoShare!;
      if (SYSTEM_CONTENT_READERS.includes(actor)) return { status: 200, ids: [admin, staffNoShare] };
      if (ACME_STAFF_READERS.includes(actor)) return { status: 200, ids: [admin] };
      if (actor === "staffNoShare") return { status: 200, ids: [staffNoShare] };
      return { status: 200, ids: [] };
    },
  },
  {
    route: REPRICE,
    name: "the fixture's month",
    request: () => ({ url: `${A}/reprice`, payload: { from: "2026-06-01", to: "2026-06-30" } }),
    // It rewrites entries across the firm: the edit right on both kinds at system scope.
    expect: only(SYSTEM_EDITORS, 200),
  },
  {
    route: REPRICE,
    name: "another firm's client",
    request: (fx) => ({
      url: `${A}/reprice`,
      payload: { from: "2026-06-01", to: "2026-06-30", clientId: fx.otherFirm.clientId },
    }),
    expect: only([], 200, { denied: 403, hidden: SYSTEM_EDITORS }),
  },
  {
    route: REPRICE,
    name: "another firm's work code",
    request: (fx) => ({
      url: `${A}/reprice`,
      payload: { from: "2026-06-01", to: "2026-06-30", workCodeId: fx.content.otherFirm.timeWorkCodeId },
    }),
    expect: only([], 200, { denied: 403, hidden: SYSTEM_EDITORS }),
  },
  {
    route: REPRICE,
    name: "another firm's project",
    request: (fx) => ({
      url: `${A}/reprice`,
      payload: { from: "2026-06-01", to: "2026-06-30", projectId: fx.content.otherFirm.projectId },
    }),
    expect: only([], 200, { denied: 403, hidden: SYSTEM_EDITORS }),
  },
];
