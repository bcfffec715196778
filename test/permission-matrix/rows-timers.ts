/**
 * Matrix rows for /timers and /timesheet/submit-week.
 *
 * A timer is time being recorded: starting, stopping, switching or discarding another staff
 * member's timer takes what recording an entry for them takes (a create right on the client);
 * one's own needs none. Acting on a running timer the caller may not read is 404, as for an
 * entry. The list shows the running timers whose time the caller may read. Submitting a week
 * checks each draft as POST /time-entries/status does. Contacts have no staff record: they
 * start nothing and have no timer of their own.
 */
import { addTimeEntry } from "../../src/time-expense/time-entry-service.js";
import { startTimer } from "../../src/time-expense/timer-service.js";
import type { TestServer } from "../../src/test-support/server.js";
import type { ActorName, MatrixFixture } from "./actors.js";
import {
  A,
  anySignedIn,
  only,
  OUTSIDERS,
  STAFF_USERS,
  SYSTEM_CONTENT_READERS,
  type MatrixRow,
} from "./rows.js";

const SYSTEM_EDITORS: readonly ActorName[] = ["admin", "entitiesAdmin", "ownerSystem", "editorSystem"];
const ACME_STAFF_READERS: readonly ActorName[] = [
  "ownerEntity",
  "editorEntity",
  "viewerEntity",
  "staffGroupShare",
];
const ACME_EDITORS: readonly ActorName[] = ["ownerEntity", "editorEntity"];
const CONTACTS: readonly ActorName[] = ["contactOfEntity", "contactCollaborator", "contactOfOtherEntity"];
/** A contact names no staff member of their own: refused as recording time is. */
const CONTACT_NO_STAFF = 403;

const route = (method: string, suffix = "") => `${method} /f/:firm/api/v1/timers${suffix}`;
const SUBMIT_WEEK = "POST /f/:firm/api/v1/timesheet/submit-week";

/** The firm's running timers become exactly `running` (staff member and client each). */
async function runningTimers(
  server: TestServer,
  fx: MatrixFixture,
  running: [ActorName, "acme" | "globex"][],
): Promise<void> {
  const { db } = server.deps.store;
  await db.deleteFrom("timer").where("firm_id", "=", fx.scope.firm.id).execute();
  for (const [staff, client] of running)
    await startTimer(db, fx.scope, {
      staff: fx.staffIds[staff]!,
      client: fx.clients[client],
      workCode: fx.workCodeId,
    });
}

/** Everyone signed in but `allowed`: 403 if they may read the running timer, 404 if not. */
const onTimer =
  (allowed: readonly ActorName[], ok: number, readOnly: readonly ActorName[]) => (actor: ActorName) => {
    if (OUTSIDERS.includes(actor)) return 401;
    if (allowed.includes(actor)) return ok;
    return readOnly.includes(actor) ? 403 : 404;
  };

const nobodyHere = only([], 200, { denied: 404 });
const startBody = (fx: MatrixFixture, client: "acme" | "globex", staffId?: string) => ({
  ...(staffId ? { staffId } : {}),
  clientId: fx.clients[client],
  workCodeId: fx.workCodeId,
});

let week = 0;
/** A Monday of its own for each week-submitting request, so rows never share drafts. */
const freshWeek = () => {
  const monday = new Date(Date.UTC(2027, 0, 4 + 7 * week++));
  return monday.toISOString().slice(0, 10);
};

async function draftOn(server: TestServer, fx: MatrixFixture, staff: string, client: string, date: string) {
  await addTimeEntry(server.deps.store.db, fx.scope, {
    staff,
    client,
    workCode: fx.workCodeId,
    date,
    minutes: 30,
  });
}

export const TIMER_ROWS: MatrixRow[] = [
  {
    route: route("GET"),
    name: "the admin's on ACME and staffNoShare's on GLOBEX running",
    request: async (fx, _actor, server) => {
      await runningTimers(server, fx, [
        ["admin", "acme"],
        ["staffNoShare", "globex"],
      ]);
      return { url: `${A}/timers` };
    },
    // Listed by whose timer it is: a timer's id changes every time it is started again.
    ids: (body) => (body as { items: { staffId: string }[] }).items.map((timer) => timer.staffId),
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
    route: route("GET", "/current"),
    name: "one's own (none, or the one running)",
    request: async (fx, _actor, server) => {
      await runningTimers(server, fx, [["staffNoShare", "globex"]]);
      return { url: `${A}/timers/current` };
    },
    expect: anySignedIn(200),
  },
  {
    route: route("POST"),
    name: "one's own, on ACME",
    request: async (fx, _actor, server) => {
      await runningTimers(server, fx, []);
      return { url: `${A}/timers`, payload: startBody(fx, "acme") };
    },
    expect: (actor) => (CONTACTS.includes(actor) ? CONTACT_NO_STAFF : only(STAFF_USERS, 201)(actor)),
  },
  {
    route: route("POST"),
    name: "staffNoShare's, on ACME",
    request: async (fx, _actor, server) => {
      await runningTimers(server, fx, []);
      return { url: `${A}/timers`, payload: startBody(fx, "acme", fx.staffIds.staffNoShare) };
    },
    expect: only([...SYSTEM_EDITORS, ...ACME_EDITORS, "staffNoShare"], 201),
  },
  {
    route: route("POST"),
    name: "on another firm's client",
    request: async (fx, _actor, server) => {
      await runningTimers(server, fx, []);
      return {
        url: `${A}/timers`,
        payload: { clientId: fx.otherFirm.clientId, workCodeId: fx.workCodeId },
      };
    },
    expect: (actor) => (CONTACTS.includes(actor) ? CONTACT_NO_STAFF : nobodyHere(actor)),
  },
  {
    route: route("POST"),
    name: "for another firm's staff member",
    request: async (fx, _actor, server) => {
      await runningTimers(server, fx, []);
      return { url: `${A}/timers`, payload: startBody(fx, "acme", fx.content.otherFirm.staffId) };
    },
    expect: nobodyHere,
  },
  ...(["stop", "discard"] as const).flatMap((action): MatrixRow[] => [
    {
      route: route("POST", `/${action}`),
      name: "one's own",
      request: async (fx, actor, server) => {
        await runningTimers(server, fx, fx.staffIds[actor] ? [[actor, "globex"]] : []);
        return { url: `${A}/timers/${action}`, payload: {} };
      },
      expect: (actor) => (CONTACTS.includes(actor) ? CONTACT_NO_STAFF : only(STAFF_USERS, 200)(actor)),
    },
    {
      route: route("POST", `/${action}`),
      name: "staffNoShare's, on GLOBEX",
      request: async (fx, _actor, server) => {
        await runningTimers(server, fx, [["staffNoShare", "globex"]]);
        return { url: `${A}/timers/${action}`, payload: { staffId: fx.staffIds.staffNoShare } };
      },
      expect: onTimer([...SYSTEM_EDITORS, "staffNoShare"], 200, ["viewerSystem"]),
    },
    {
      route: route("POST", `/${action}`),
      name: "another firm's staff member",
      request: async (fx, _actor, server) => {
        await runningTimers(server, fx, []);
        return { url: `${A}/timers/${action}`, payload: { staffId: fx.content.otherFirm.staffId } };
      },
      expect: nobodyHere,
    },
  ]),
  {
    route: route("POST", "/switch"),
    name: "staffNoShare's GLOBEX timer to ACME",
    request: async (fx, _actor, server) => {
      await runningTimers(server, fx, [["staffNoShare", "globex"]]);
      return { url: `${A}/timers/switch`, payload: startBody(fx, "acme", fx.staffIds.staffNoShare) };
    },
    // Both halves must be allowed: starting on ACME for them, and stopping their GLOBEX timer
    // (which ACME's editors may not even read).
    expect: (actor) => {
      if (OUTSIDERS.includes(actor)) return 401;
      if ([...SYSTEM_EDITORS, "staffNoShare"].includes(actor)) return 200;
      return ACME_EDITORS.includes(actor) ? 404 : 403;
    },
  },
  {
    route: route("POST", "/switch"),
    name: "one's own, to another firm's client",
    request: async (fx, actor, server) => {
      await runningTimers(server, fx, fx.staffIds[actor] ? [[actor, "acme"]] : []);
      return {
        url: `${A}/timers/switch`,
        payload: { clientId: fx.otherFirm.clientId, workCodeId: fx.workCodeId },
      };
    },
    expect: (actor) => (CONTACTS.includes(actor) ? CONTACT_NO_STAFF : nobodyHere(actor)),
  },
  {
    route: SUBMIT_WEEK,
    name: "one's own week",
    request: async (fx, actor, server) => {
      const monday = freshWeek();
      const staff = fx.staffIds[actor];
      if (staff) await draftOn(server, fx, staff, fx.clients.globex, monday);
      return { url: `${A}/timesheet/submit-week`, payload: { week: monday } };
    },
    expect: (actor) => (CONTACTS.includes(actor) ? CONTACT_NO_STAFF : only(STAFF_USERS, 200)(actor)),
  },
  {
    route: SUBMIT_WEEK,
    name: "staffNoShare's week with a draft on GLOBEX",
    request: async (fx, _actor, server) => {
      const monday = freshWeek();
      await draftOn(server, fx, fx.staffIds.staffNoShare!, fx.clients.globex, monday);
      return {
        url: `${A}/timesheet/submit-week`,
        payload: { staffId: fx.staffIds.staffNoShare, week: monday },
      };
    },
    expect: onTimer([...SYSTEM_EDITORS, "staffNoShare"], 200, ["viewerSystem"]),
  },
  {
    route: SUBMIT_WEEK,
    name: "another firm's staff member",
    request: (fx) => ({
      url: `${A}/timesheet/submit-week`,
      payload: { staffId: fx.content.otherFirm.staffId, week: "2026-06-03" },
    }),
    expect: nobodyHere,
  },
];
