/**
 * Matrix rows for an entity's files (/clients/:id/files, /files/:id): staff by their files
 * rights on ACME; ACME's contacts read what the firm shared and what the client uploaded (never
 * a firm-only file: 404), and its collaborator adds the client's own; everyone else gets 404.
 */
import { Readable } from "node:stream";
import { loadRights } from "../../src/access/access-store.js";
import { findUserById } from "../../src/access/account-store.js";
import type { Actor } from "../../src/access/authorize.js";
import { addFile, type FileView } from "../../src/portal/entity-file-service.js";
import { askApproval } from "../../src/portal/approval-service.js";
import { addFolder } from "../../src/portal/folder-service.js";
import { PDF } from "../../src/test-support/receipts.js";
import type { TestServer } from "../../src/test-support/server.js";
import type { EntityFileKind } from "../../src/store/tables.js";
import type { ActorName, MatrixFixture } from "./actors.js";
import {
  A,
  ACME_CONTACTS,
  OUTSIDERS,
  SYSTEM_CONTENT_READERS,
  type Expected,
  type MatrixRow,
} from "./rows.js";

/** Staff with files:R on ACME. */
const ACME_FILE_READERS: readonly ActorName[] = [
  ...SYSTEM_CONTENT_READERS,
  "ownerEntity",
  "editorEntity",
  "viewerEntity",
  "staffGroupShare",
];
/** Staff with files:C and files:E on ACME. */
const ACME_FILE_EDITORS: readonly ActorName[] = [
  "admin",
  "entitiesAdmin",
  "ownerSystem",
  "editorSystem",
  "ownerEntity",
  "editorEntity",
];
/** Staff with files:D on ACME. */
const ACME_FILE_DELETERS: readonly ActorName[] = ["admin", "entitiesAdmin", "ownerSystem", "ownerEntity"];

const route = (method: string, path: string) => `${method} /f/:firm/api/v1${path}`;

/** `ok` for `allowed`, 403 for the rest of `seeing`, 404 for everyone else; outsiders 401. */
const on =
  (allowed: readonly ActorName[], ok: number, seeing: readonly ActorName[]) =>
  (actor: ActorName): Expected => {
    if (OUTSIDERS.includes(actor)) return 401;
    if (allowed.includes(actor)) return ok;
    return seeing.includes(actor) ? 403 : 404;
  };

async function actorOf(server: TestServer, fx: MatrixFixture, name: ActorName): Promise<Actor> {
  const { db } = server.deps.store;
  const user = (await findUserById(db, fx.scope.firm.id, fx.userIds[name]!))!;
  return {
    kind: "user",
    user,
    rights: await loadRights(db, fx.scope.firm.id, user),
    sessionId: null,
    tokenId: null,
  };
}

const adminActor = (server: TestServer, fx: MatrixFixture) => actorOf(server, fx, "admin");

let counter = 0;
/** A new file of ACME: firm-only or shared by the admin, the client's own by its collaborator. */
async function freshFile(server: TestServer, fx: MatrixFixture, kind: EntityFileKind): Promise<FileView> {
  const stored = await server.deps.files.put(Readable.from([PDF]));
  const by = kind === "client" ? "contactCollaborator" : "admin";
  return addFile(server.deps.store.db, fx.scope, await actorOf(server, fx, by), fx.clients.acme, kind, {
    ...stored,
    mediaType: "application/pdf",
    fileName: `matrix ${++counter}.pdf`,
  });
}

/** The fixture's firm-only, shared and client files on ACME, made once per fixture before any write. */
type FixtureFiles = Record<EntityFileKind, FileView>;
const fixtures = new WeakMap<MatrixFixture, Promise<FixtureFiles>>();
const fixtureIds = new WeakMap<MatrixFixture, Record<EntityFileKind, string>>();
function fixtureFiles(server: TestServer, fx: MatrixFixture) {
  if (!fixtures.has(fx))
    fixtures.set(
      fx,
      (async () => {
        const files = {
          firm: await freshFile(server, fx, "firm"),
          shared: await freshFile(server, fx, "shared"),
          client: await freshFile(server, fx, "client"),
        };
        fixtureIds.set(fx, { firm: files.firm.id, shared: files.shared.id, client: files.client.id });
        return files;
      })(),
    );
  return fixtures.get(fx)!;
}

const upload = [{ fileName: "matrix.pdf", contentType: "application/pdf", bytes: PDF }];
const READERS_AND_CONTACTS = [...ACME_FILE_READERS, ...ACME_CONTACTS];

export const FILE_ROWS: MatrixRow[] = [
  {
    route: route("GET", "/clients/:id/files"),
    name: "ACME's",
    request: async (fx, _actor, server) => {
      await fixtureFiles(server, fx);
      return { url: `${A}/clients/${fx.clients.acme}/files?limit=500` };
    },
    expect: (actor, fx) => {
      const status = on(READERS_AND_CONTACTS, 200, [])(actor);
      if (status !== 200) return status;
      const ids = fixtureIds.get(fx)!;
      return {
        status,
        ids: ACME_CONTACTS.includes(actor) ? [ids.shared, ids.client] : [ids.firm, ids.shared, ids.client],
      };
    },
  },
  {
    route: route("GET", "/clients/:id/files"),
    name: "another firm's client",
    request: (fx) => ({ url: `${A}/clients/${fx.otherFirm.clientId}/files` }),
    expect: on([], 200, []),
  },
  {
    route: route("POST", "/clients/:id/files"),
    name: "on ACME, of the default kind (firm-only for staff, the client's for a contact)",
    request: (fx) => ({ url: `${A}/clients/${fx.clients.acme}/files`, files: upload }),
    expect: on([...ACME_FILE_EDITORS, "contactCollaborator"], 201, READERS_AND_CONTACTS),
  },
  {
    route: route("POST", "/clients/:id/files"),
    name: "on ACME, shared by the form's kind field (a contact may not share: 400)",
    request: (fx) => ({
      url: `${A}/clients/${fx.clients.acme}/files`,
      fields: { kind: "shared" },
      files: upload,
    }),
    expect: (actor) =>
      actor === "contactCollaborator" ? 400 : on(ACME_FILE_EDITORS, 201, READERS_AND_CONTACTS)(actor),
  },
  {
    route: route("GET", "/files/:id"),
    name: "a shared file of ACME",
    request: async (fx, _actor, server) => ({
      url: `${A}/files/${(await fixtureFiles(server, fx)).shared.id}`,
    }),
    expect: on(READERS_AND_CONTACTS, 200, []),
  },
  {
    route: route("GET", "/files/:id"),
    name: "a firm-only file of ACME",
    request: async (fx, _actor, server) => ({
      url: `${A}/files/${(await fixtureFiles(server, fx)).firm.id}`,
    }),
    expect: on(ACME_FILE_READERS, 200, []),
  },
  {
    route: route("GET", "/files/:id"),
    name: "a file ACME's collaborator uploaded",
    request: async (fx, _actor, server) => ({
      url: `${A}/files/${(await fixtureFiles(server, fx)).client.id}`,
    }),
    expect: on(READERS_AND_CONTACTS, 200, []),
  },
  {
    route: route("POST", "/files/:id/versions"),
    name: "of a file ACME's collaborator uploaded",
    request: async (fx, _actor, server) => ({
      url: `${A}/files/${(await freshFile(server, fx, "client")).id}/versions`,
      files: upload,
    }),
    expect: on([...ACME_FILE_EDITORS, "contactCollaborator"], 201, READERS_AND_CONTACTS),
  },
  {
    route: route("PATCH", "/files/:id"),
    name: "rename a shared file of ACME (its contacts see it, and may not)",
    request: async (fx, _actor, server) => ({
      url: `${A}/files/${(await freshFile(server, fx, "shared")).id}`,
      payload: { name: "Renamed.pdf" },
    }),
    expect: on(ACME_FILE_EDITORS, 200, READERS_AND_CONTACTS),
  },
  {
    route: route("POST", "/files/:id/versions"),
    name: "of a shared file of ACME",
    request: async (fx, _actor, server) => ({
      url: `${A}/files/${(await freshFile(server, fx, "shared")).id}/versions`,
      files: upload,
    }),
    expect: on(ACME_FILE_EDITORS, 201, READERS_AND_CONTACTS),
  },
  {
    route: route("GET", "/files/:id/content"),
    name: "a shared file of ACME",
    request: async (fx, _actor, server) => ({
      url: `${A}/files/${(await fixtureFiles(server, fx)).shared.id}/content`,
    }),
    expect: on(READERS_AND_CONTACTS, 200, []),
  },
  {
    route: route("GET", "/files/:id/versions/:versionId/content"),
    name: "a firm-only file of ACME",
    request: async (fx, _actor, server) => {
      const { firm } = await fixtureFiles(server, fx);
      return { url: `${A}/files/${firm.id}/versions/${firm.current.id}/content` };
    },
    expect: on(ACME_FILE_READERS, 200, []),
  },
  {
    route: route("PATCH", "/files/:id"),
    name: "rename a firm-only file of ACME",
    request: async (fx, _actor, server) => ({
      url: `${A}/files/${(await freshFile(server, fx, "firm")).id}`,
      payload: { name: "Renamed.pdf" },
    }),
    expect: on(ACME_FILE_EDITORS, 200, ACME_FILE_READERS),
  },
  {
    route: route("DELETE", "/files/:id"),
    name: "a shared file of ACME",
    request: async (fx, _actor, server) => ({
      url: `${A}/files/${(await freshFile(server, fx, "shared")).id}`,
    }),
    expect: on(ACME_FILE_DELETERS, 204, READERS_AND_CONTACTS),
  },
];

/** A pending approval of a fresh shared file of ACME, asked of one of ACME's contacts. */
async function freshApproval(server: TestServer, fx: MatrixFixture, of: "ofEntity" | "collaborator") {
  const file = await freshFile(server, fx, "shared");
  const approval = await askApproval(
    server.deps.store.db,
    fx.scope,
    await adminActor(server, fx),
    file.id,
    { contactId: fx.content.contacts[of], message: "" },
    "http://127.0.0.1:8080/f/alpha",
  );
  return approval.id;
}
const approvals = new WeakMap<MatrixFixture, Promise<string>>();
const approvalIds = new WeakMap<MatrixFixture, string>();
function fixtureApproval(server: TestServer, fx: MatrixFixture) {
  if (!approvals.has(fx))
    approvals.set(
      fx,
      freshApproval(server, fx, "ofEntity").then((id) => {
        approvalIds.set(fx, id);
        return id;
      }),
    );
  return approvals.get(fx)!;
}

export const APPROVAL_ROWS: MatrixRow[] = [
  {
    route: route("POST", "/files/:id/approvals"),
    name: "of a shared file of ACME, asking ACME's Entity Access contact",
    request: async (fx, _actor, server) => ({
      url: `${A}/files/${(await freshFile(server, fx, "shared")).id}/approvals`,
      payload: { contactId: fx.content.contacts.ofEntity },
    }),
    expect: on(ACME_FILE_EDITORS, 201, READERS_AND_CONTACTS),
  },
  {
    route: route("GET", "/clients/:id/approvals"),
    name: "ACME's",
    request: async (fx, _actor, server) => {
      await fixtureApproval(server, fx);
      return { url: `${A}/clients/${fx.clients.acme}/approvals` };
    },
    expect: (actor, fx) => {
      const status = on(READERS_AND_CONTACTS, 200, [])(actor);
      if (status !== 200) return status;
      return { status, ids: actor === "contactCollaborator" ? [] : [approvalIds.get(fx)!] };
    },
  },
  {
    route: route("GET", "/approvals/:id"),
    name: "one asked of ACME's Entity Access contact",
    request: async (fx, _actor, server) => ({ url: `${A}/approvals/${await fixtureApproval(server, fx)}` }),
    expect: on([...ACME_FILE_READERS, "contactOfEntity"], 200, []),
  },
  {
    route: route("POST", "/approvals/:id/decision"),
    name: "one asked of ACME's collaborator",
    request: async (fx, _actor, server) => ({
      url: `${A}/approvals/${await freshApproval(server, fx, "collaborator")}/decision`,
      payload: { decision: "approved" },
    }),
    expect: on(["contactCollaborator"], 200, ACME_FILE_READERS),
  },
  {
    route: route("POST", "/approvals/:id/cancel"),
    name: "one asked of ACME's Entity Access contact",
    request: async (fx, _actor, server) => ({
      url: `${A}/approvals/${await freshApproval(server, fx, "ofEntity")}/cancel`,
      payload: {},
    }),
    expect: on(ACME_FILE_EDITORS, 200, [...ACME_FILE_READERS, "contactOfEntity"]),
  },
];

async function freshFolder(server: TestServer, fx: MatrixFixture): Promise<string> {
  const folder = await addFolder(
    server.deps.store.db,
    fx.scope,
    await adminActor(server, fx),
    fx.clients.acme,
    {
      name: `Folder ${++counter}`,
      parentId: null,
    },
  );
  return folder.id;
}

export const FOLDER_ROWS: MatrixRow[] = [
  {
    route: route("GET", "/clients/:id/folders"),
    name: "ACME's (its one folder holds a firm-only file: contacts see none)",
    request: async (fx, _actor, server) => {
      if (!folderIds.has(fx)) {
        const id = await freshFolder(server, fx);
        folderIds.set(fx, id);
        const stored = await server.deps.files.put(Readable.from([PDF]));
        await addFile(
          server.deps.store.db,
          fx.scope,
          await adminActor(server, fx),
          fx.clients.acme,
          "firm",
          {
            ...stored,
            mediaType: "application/pdf",
            fileName: "in a folder.pdf",
          },
          id,
        );
      }
      return { url: `${A}/clients/${fx.clients.acme}/folders` };
    },
    expect: (actor, fx) => {
      const status = on(READERS_AND_CONTACTS, 200, [])(actor);
      if (status !== 200) return status;
      return { status, ids: ACME_CONTACTS.includes(actor) ? [] : [folderIds.get(fx)!] };
    },
  },
  {
    route: route("POST", "/clients/:id/folders"),
    name: "on ACME",
    request: (fx, actor) => ({
      url: `${A}/clients/${fx.clients.acme}/folders`,
      payload: { name: `By ${actor} ${++counter}` },
    }),
    expect: on(ACME_FILE_EDITORS, 201, READERS_AND_CONTACTS),
  },
  {
    route: route("PATCH", "/folders/:id"),
    name: "rename one of ACME's",
    request: async (fx, _actor, server) => ({
      url: `${A}/folders/${await freshFolder(server, fx)}`,
      payload: { name: `Renamed ${++counter}` },
    }),
    expect: on(ACME_FILE_EDITORS, 200, ACME_FILE_READERS),
  },
  {
    route: route("DELETE", "/folders/:id"),
    name: "an empty one of ACME's",
    request: async (fx, _actor, server) => ({ url: `${A}/folders/${await freshFolder(server, fx)}` }),
    expect: on(ACME_FILE_DELETERS, 204, ACME_FILE_READERS),
  },
];

const folderIds = new WeakMap<MatrixFixture, string>();
