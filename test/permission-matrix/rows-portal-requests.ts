/**
 * Matrix rows for file requests (/file-requests): staff with Viewer rights on ACME run its
 * requests; ACME's two contacts are its recipients (the Entity Access one comments, the
 * Collaborator also uploads); everyone else gets 404, as if no request existed, and another
 * firm's users 401.
 */
import { Readable } from "node:stream";
import { loadRights } from "../../src/access/access-store.js";
import { findUserById } from "../../src/access/account-store.js";
import type { Actor } from "../../src/access/authorize.js";
import { issueRequestLink } from "../../src/access/request-link-service.js";
import { linkDepsOf } from "../../src/http/context.js";
import { createRequest, type RequestView } from "../../src/portal/file-request-service.js";
import { uploadToItem } from "../../src/portal/request-answers.js";
import { PDF } from "../../src/test-support/receipts.js";
import type { TestServer } from "../../src/test-support/server.js";
import type { ActorName, MatrixFixture } from "./actors.js";
import {
  A,
  ACME_CONTACTS,
  OUTSIDERS,
  SYSTEM_CONTENT_READERS,
  type Expected,
  type MatrixRow,
} from "./rows.js";

/** Staff with activities:R on ACME: Viewer and up, firm-wide or on ACME (directly or through a group). */
const ACME_RUNNERS: readonly ActorName[] = [
  ...SYSTEM_CONTENT_READERS,
  "ownerEntity",
  "editorEntity",
  "viewerEntity",
  "staffGroupShare",
];
/** Runners who may also file documents (files:C on ACME). */
const ACME_FILERS: readonly ActorName[] = [
  "admin",
  "entitiesAdmin",
  "ownerSystem",
  "editorSystem",
  "ownerEntity",
  "editorEntity",
];

const route = (method: string, path: string) => `${method} /f/:firm/api/v1${path}`;

/** `ok` for `allowed`, 403 for those who see the request but may not do this, 404 for the rest. */
const onRequest =
  (
    allowed: readonly ActorName[],
    ok: number,
    seeing: readonly ActorName[] = [...ACME_RUNNERS, ...ACME_CONTACTS],
  ) =>
  (actor: ActorName): Expected => {
    if (OUTSIDERS.includes(actor)) return 401;
    if (allowed.includes(actor)) return ok;
    return seeing.includes(actor) ? 403 : 404;
  };

async function adminActor(server: TestServer, fx: MatrixFixture): Promise<Actor> {
  const { db } = server.deps.store;
  const user = (await findUserById(db, fx.scope.firm.id, fx.userIds.admin!))!;
  return {
    kind: "user",
    user,
    rights: await loadRights(db, fx.scope.firm.id, user),
    sessionId: null,
    tokenId: null,
  };
}

let counter = 0;

/** A new request on ACME to both of its contacts, optionally with its first item answered. */
async function freshRequest(server: TestServer, fx: MatrixFixture, answered = false): Promise<RequestView> {
  const { db } = server.deps.store;
  const actor = await adminActor(server, fx);
  const deps = linkDepsOf(server.deps);
  const request = await createRequest(db, fx.scope, deps, actor, fx.clients.acme, {
    subject: `Matrix request ${++counter}`,
    description: "",
    emailMessage: "",
    recipients: [fx.content.contacts.ofEntity, fx.content.contacts.collaborator],
    items: [
      { title: "Statements", dueDate: null, action: "upload", fileId: null },
      { title: "Receipts", dueDate: null, action: "upload", fileId: null },
    ],
    reminders: { everyDays: 7, max: 2 },
  });
  if (!answered) return request;
  const stored = await server.deps.files.put(Readable.from([PDF]));
  return uploadToItem(
    db,
    fx.scope,
    { ...deps, publicUrl: server.deps.config.publicUrl },
    actor,
    request.id,
    request.items[0]!.id,
    {
      ...stored,
      mediaType: "application/pdf",
      fileName: "statements.pdf",
    },
  );
}

const shared = new WeakMap<MatrixFixture, Promise<RequestView>>();
const sharedIds = new WeakMap<MatrixFixture, string>();
/** The fixture's one request that reads see (made once per fixture, before any write row runs). */
const theRequest = (server: TestServer, fx: MatrixFixture) => {
  if (!shared.has(fx))
    shared.set(
      fx,
      freshRequest(server, fx).then((request) => {
        sharedIds.set(fx, request.id);
        return request;
      }),
    );
  return shared.get(fx)!;
};
const theRequestId = (fx: MatrixFixture) => sharedIds.get(fx) ?? "not made yet";

const upload = [{ fileName: "statement.pdf", contentType: "application/pdf", bytes: PDF }];

export const FILE_REQUEST_ROWS: MatrixRow[] = [
  {
    route: route("POST", "/auth/request-link"),
    name: "a made-up token",
    request: () => ({
      url: `${A}/auth/request-link`,
      payload: { token: "0123456789abcdef0123456789abcdef" },
    }),
    expect: () => 410,
  },
  {
    route: route("POST", "/auth/request-link"),
    name: "a fresh link of the collaborator's (the token alone decides, whoever sends it)",
    request: async (fx, _actor, server) => {
      const { db } = server.deps.store;
      const request = await theRequest(server, fx);
      const user = (await findUserById(db, fx.scope.firm.id, fx.userIds.contactCollaborator!))!;
      const link = await issueRequestLink(db, linkDepsOf(server.deps), fx.scope.firm, user, request.id);
      return {
        url: `${A}/auth/request-link`,
        payload: { token: new URL(link.url).searchParams.get("token") },
      };
    },
    expect: () => 200,
  },
  {
    route: route("GET", "/file-requests"),
    request: async (fx, _actor, server) => {
      await theRequest(server, fx);
      return { url: `${A}/file-requests?limit=500` };
    },
    expect: (actor, fx) => {
      if (OUTSIDERS.includes(actor)) return 401;
      const sees = [...ACME_RUNNERS, ...ACME_CONTACTS].includes(actor);
      return { status: 200, ids: sees ? [theRequestId(fx)] : [] };
    },
  },
  {
    route: route("GET", "/file-requests"),
    name: "ACME's, open or responded",
    request: async (fx, _actor, server) => {
      await theRequest(server, fx);
      return { url: `${A}/file-requests?clientId=${fx.clients.acme}&status=open,responded` };
    },
    expect: (actor, fx) => {
      if (OUTSIDERS.includes(actor)) return 401;
      if ([...ACME_RUNNERS, ...ACME_CONTACTS].includes(actor))
        return { status: 200, ids: [theRequestId(fx)] };
      return 404;
    },
  },
  {
    route: route("GET", "/file-requests"),
    name: "another firm's client",
    request: (fx) => ({ url: `${A}/file-requests?clientId=${fx.otherFirm.clientId}` }),
    expect: onRequest([], 200, []),
  },
  {
    route: route("POST", "/clients/:id/file-requests"),
    name: "on ACME, to its collaborator",
    request: (fx) => ({
      url: `${A}/clients/${fx.clients.acme}/file-requests`,
      payload: {
        subject: "Matrix ask",
        recipients: [fx.content.contacts.collaborator],
        items: [{ title: "W-2" }],
      },
    }),
    expect: onRequest(ACME_RUNNERS, 201, [...ACME_RUNNERS, ...ACME_CONTACTS]),
  },
  {
    route: route("POST", "/clients/:id/file-requests"),
    name: "on another firm's client",
    request: (fx) => ({
      url: `${A}/clients/${fx.otherFirm.clientId}/file-requests`,
      payload: {
        subject: "Matrix ask",
        recipients: [fx.content.contacts.collaborator],
        items: [{ title: "W-2" }],
      },
    }),
    expect: onRequest([], 201, []),
  },
  {
    route: route("GET", "/file-requests/:id"),
    request: async (fx, _actor, server) => ({
      url: `${A}/file-requests/${(await theRequest(server, fx)).id}`,
    }),
    expect: onRequest([...ACME_RUNNERS, ...ACME_CONTACTS], 200),
  },
  {
    route: route("POST", "/file-requests/:id/items/:itemId/uploads"),
    request: async (fx, _actor, server) => {
      const request = await freshRequest(server, fx);
      return { url: `${A}/file-requests/${request.id}/items/${request.items[0]!.id}/uploads`, files: upload };
    },
    expect: onRequest([...ACME_FILERS, "contactCollaborator"], 201),
  },
  {
    route: route("POST", "/file-requests/:id/items/:itemId/comments"),
    request: async (fx, _actor, server) => {
      const request = await theRequest(server, fx);
      return {
        url: `${A}/file-requests/${request.id}/items/${request.items[1]!.id}/comments`,
        payload: { body: "ok" },
      };
    },
    expect: onRequest([...ACME_RUNNERS, ...ACME_CONTACTS], 201),
  },
  ...(["complete", "cancel"] as const).map((move): MatrixRow => ({
    route: route("POST", `/file-requests/:id/items/:itemId/${move}`),
    request: async (fx, _actor, server) => {
      const request = await freshRequest(server, fx);
      return { url: `${A}/file-requests/${request.id}/items/${request.items[0]!.id}/${move}`, payload: {} };
    },
    expect: onRequest(ACME_RUNNERS, 200),
  })),
  {
    route: route("POST", "/file-requests/:id/items/:itemId/return"),
    name: "an answered item",
    request: async (fx, _actor, server) => {
      const request = await freshRequest(server, fx, true);
      return {
        url: `${A}/file-requests/${request.id}/items/${request.items[0]!.id}/return`,
        payload: { comment: "Page 2 is missing." },
      };
    },
    expect: onRequest(ACME_RUNNERS, 200),
  },
  ...(["complete", "cancel", "remind"] as const).map((how): MatrixRow => ({
    route: route("POST", `/file-requests/:id/${how}`),
    request: async (fx, _actor, server) => ({
      url: `${A}/file-requests/${(await freshRequest(server, fx)).id}/${how}`,
      payload: {},
    }),
    expect: onRequest(ACME_RUNNERS, 200),
  })),
  {
    route: route("GET", "/clients/:id/portal-contacts"),
    name: "ACME's",
    request: (fx) => ({ url: `${A}/clients/${fx.clients.acme}/portal-contacts` }),
    expect: (actor, fx) => {
      const status = onRequest(ACME_RUNNERS, 200)(actor);
      if (status !== 200) return status;
      return { status, ids: [fx.content.contacts.ofEntity, fx.content.contacts.collaborator] };
    },
    ids: (body) => (body as { items: { contactId: string }[] }).items.map((item) => item.contactId),
  },
  {
    route: route("GET", "/clients/:id/portal-contacts"),
    name: "another firm's client",
    request: (fx) => ({ url: `${A}/clients/${fx.otherFirm.clientId}/portal-contacts` }),
    expect: onRequest([], 200, []),
  },
  {
    route: route("GET", "/clients/:id/activity"),
    name: "ACME's",
    request: async (fx, _actor, server) => {
      await theRequest(server, fx);
      return { url: `${A}/clients/${fx.clients.acme}/activity` };
    },
    expect: onRequest([...ACME_RUNNERS, ...ACME_CONTACTS], 200),
  },
  {
    route: route("GET", "/clients/:id/activity"),
    name: "another firm's client",
    request: (fx) => ({ url: `${A}/clients/${fx.otherFirm.clientId}/activity` }),
    expect: onRequest([], 200, []),
  },
  {
    route: route("GET", "/portal/waiting"),
    request: async (fx, _actor, server) => {
      await theRequest(server, fx);
      return { url: `${A}/portal/waiting` };
    },
    expect: (actor, fx) => {
      if (OUTSIDERS.includes(actor)) return 401;
      return { status: 200, ids: ACME_CONTACTS.includes(actor) ? [theRequestId(fx)] : [] };
    },
    ids: (body) => (body as { requests: { id: string }[] }).requests.map((request) => request.id),
  },
  {
    route: route("GET", "/portal-settings"),
    request: () => ({ url: `${A}/portal-settings` }),
    expect: (actor) => {
      if (OUTSIDERS.includes(actor)) return 401;
      return actor.startsWith("contact") ? 403 : 200;
    },
  },
  {
    route: route("PUT", "/portal-settings"),
    request: () => ({
      url: `${A}/portal-settings`,
      payload: { detailedNotifications: true, notificationMode: "each", digestMinutes: 10 },
    }),
    expect: (actor) => {
      if (OUTSIDERS.includes(actor)) return 401;
      return ["admin", "settingsAdmin"].includes(actor) ? 200 : 403;
    },
  },
];
