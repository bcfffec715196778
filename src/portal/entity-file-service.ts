/**
 * An entity's files: three kinds kept apart (firm-only, shared by the firm, uploaded by the
 * client), versions with who uploaded what and when, downloads authorized per file, and every
 * change and download in the entity's history. The rules are portal-access.ts's mayOnFile; a file
 * the caller may not read answers 404, as if it did not exist.
 */
import type { Actor } from "../access/authorize.js";
import type { Rights } from "../access/permissions.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import { hasUnsafeCharacters, UNSAFE_NAME_WORDS } from "../files/file-names.js";
import { findClient, type Client } from "../firm-setup/client-store.js";
import { findContact } from "../firm-setup/contact-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { isForeignKeyViolation, type Db } from "../store/database.js";
import type { PageRequest, RowPage } from "../store/list-query.js";
import type { EntityFileKind } from "../store/tables.js";
import { inTransaction } from "../store/transaction.js";
import { fileHasApproval, selectPendingApprovals } from "./approval-store.js";
import type { EventAudience } from "./entity-event-store.js";
import { recordEvent } from "./entity-events.js";
import {
  deleteEntityFile,
  findEntityFile,
  findVersion,
  insertEntityFile,
  insertNextVersion,
  selectFilePage,
  selectVersions,
  updateEntityFile,
  type EntityFile,
  type FileSort,
  type FileVersion,
} from "./entity-file-store.js";
import { selectUserNames } from "./entity-event-store.js";
import { CONTACT_VISIBLE_KINDS, mayOnFile, sideOf, type FileAction } from "./portal-access.js";
import { portalActorOf, type PortalActor } from "./portal-actor.js";
import { fileInRequests } from "./file-request-store.js";
import { folderInClient } from "./folder-service.js";

export interface StoredDocument {
  key: string;
  size: number;
  sha256: string;
  mediaType: string;
  fileName: string;
}

export interface VersionView {
  id: string;
  version: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: { id: string; name: string };
  uploadedAt: string;
  requestItemId: string | null;
}

export interface FileView {
  id: string;
  clientId: string;
  folderId: string | null;
  kind: EntityFileKind;
  name: string;
  createdAt: string;
  updatedAt: string;
  current: VersionView;
  /** Oldest first; only in a file's own answer. */
  versions?: VersionView[];
  you: { mayVersion: boolean; mayEdit: boolean; mayDelete: boolean };
}

/** Who sees a file's events among the contacts: nobody for a firm-only file. */
const audienceOf = (kind: EntityFileKind): EventAudience => (kind === "firm" ? "staff" : "entity");

async function clientFor(db: Db, scope: FirmScope, who: PortalActor, clientId: string): Promise<Client> {
  const client = await findClient(db, scope.firm.id, clientId);
  const readsSome =
    client &&
    [...CONTACT_VISIBLE_KINDS, "firm" as const].some((kind) =>
      mayOnFile(who.rights, "read", client.id, kind),
    );
  if (!client || client.id !== clientId || !readsSome || who.requestOnly !== null)
    throw notFound("client", clientId);
  return client;
}

/** The file if the caller may read it (else 404), checked for `action` (else 403). */
async function fileFor(
  db: Db,
  scope: FirmScope,
  who: PortalActor,
  fileId: string,
  action: FileAction = "read",
) {
  const file = await findEntityFile(db, scope.firm.id, fileId);
  if (!file || who.requestOnly !== null || !mayOnFile(who.rights, "read", file.clientId, file.kind))
    throw notFound("file", fileId);
  if (!mayOnFile(who.rights, action, file.clientId, file.kind))
    throw new AppError("FORBIDDEN", refusalWords(who, action, file), {
      permission: `files:${ACTION_LETTER[action]}`,
    });
  return file;
}

const ACTION_LETTER: Record<FileAction, string> = {
  read: "R",
  upload: "C",
  version: "E",
  edit: "E",
  delete: "D",
};

function refusalWords(who: PortalActor, action: FileAction, file: EntityFile): string {
  if (sideOf(who.rights) === "contact") {
    if (action === "delete") return "files are the firm's record: ask the firm to remove one";
    if (file.kind === "shared")
      return "a file the firm shared changes only through a request that asks you to update or sign it";
    return "only the firm's collaborators on this client may add files";
  }
  return `you may not ${action === "version" ? "add versions of" : action} this client's files`;
}

async function viewsOf(
  db: Db,
  scope: FirmScope,
  who: PortalActor,
  files: readonly EntityFile[],
  withVersions: boolean,
) {
  const versions = await selectVersions(
    db,
    scope.firm.id,
    files.map((file) => file.id),
  );
  const names = await selectUserNames(
    db,
    scope.firm.id,
    versions.map((version) => version.uploadedBy),
  );
  const view = (version: FileVersion): VersionView => ({
    id: version.id,
    version: version.version,
    fileName: version.fileName,
    mediaType: version.mediaType,
    size: version.size,
    sha256: version.sha256,
    uploadedBy: { id: version.uploadedBy, name: names.get(version.uploadedBy) ?? "a former user" },
    uploadedAt: version.uploadedAt,
    requestItemId: version.requestItemId,
  });
  return files.map((file): FileView => {
    const own = versions.filter((version) => version.fileId === file.id);
    return {
      id: file.id,
      clientId: file.clientId,
      folderId: file.folderId,
      kind: file.kind,
      name: file.name,
      createdAt: file.createdAt,
      updatedAt: file.updatedAt,
      current: view(own.at(-1)!),
      ...(withVersions ? { versions: own.map(view) } : {}),
      you: {
        mayVersion: mayOnFile(who.rights, "version", file.clientId, file.kind),
        mayEdit: mayOnFile(who.rights, "edit", file.clientId, file.kind),
        mayDelete: mayOnFile(who.rights, "delete", file.clientId, file.kind),
      },
    };
  });
}

/** What the caller may do in a client's files as a whole, for a page to show only those buttons. */
export interface FileListRights {
  /** The kinds of file the caller may add to the client. */
  mayAdd: EntityFileKind[];
  /** Staff who may make, rename or move, and delete the client's folders (folder-service.ts). */
  folders: { create: boolean; edit: boolean; delete: boolean };
}

function fileListRights(rights: Rights, clientId: string): FileListRights {
  const staff = sideOf(rights) === "staff";
  return {
    mayAdd: (["firm", "shared", "client"] as const).filter((kind) =>
      mayOnFile(rights, "upload", clientId, kind),
    ),
    folders: {
      create: staff && mayOnFile(rights, "upload", clientId, "firm"),
      edit: staff && mayOnFile(rights, "edit", clientId, "firm"),
      delete: staff && mayOnFile(rights, "delete", clientId, "firm"),
    },
  };
}

export async function listFiles(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  clientId: string,
  filter: { kind?: EntityFileKind; folderId?: string | null },
  page: PageRequest<FileSort>,
): Promise<RowPage<FileView> & { you: FileListRights }> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  const client = await clientFor(db, scope, who, clientId);
  const kinds = (["firm", "shared", "client"] as const).filter(
    (kind) => mayOnFile(who.rights, "read", client.id, kind) && (!filter.kind || filter.kind === kind),
  );
  const found = await selectFilePage(
    db,
    scope.firm.id,
    { clientId: client.id, kinds, folderId: filter.folderId },
    page,
  );
  return {
    total: found.total,
    items: await viewsOf(db, scope, who, found.items, false),
    you: fileListRights(who.rights, client.id),
  };
}

export async function getFile(db: Db, scope: FirmScope, actor: Actor, fileId: string): Promise<FileView> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  const file = await fileFor(db, scope, who, fileId);
  return (await viewsOf(db, scope, who, [file], true))[0]!;
}

/** Checks, before a byte is read, that the caller may add a file of `kind` to the client. */
export async function checkFileUpload(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  clientId: string,
  kind: EntityFileKind | undefined,
): Promise<EntityFileKind> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  const client = await clientFor(db, scope, who, clientId);
  const contact = sideOf(who.rights) === "contact";
  const resolved: EntityFileKind = contact ? "client" : (kind ?? "firm");
  if (contact && kind && kind !== "client")
    throw invalid("a contact's files are always the client's own (kind client)", { field: "kind" });
  if (!contact && resolved === "client")
    throw invalid("staff file firm-only or shared documents; client files come from the client's contacts", {
      field: "kind",
    });
  if (!mayOnFile(who.rights, "upload", client.id, resolved))
    throw new AppError(
      "FORBIDDEN",
      contact
        ? "only the firm's collaborators on this client may add files"
        : "you may not add files to this client",
      { permission: "files:C" },
    );
  return resolved;
}

export async function addFile(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  clientId: string,
  kind: EntityFileKind,
  document: StoredDocument,
  folderId: string | null = null,
): Promise<FileView> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  const fileId = await inTransaction(db, async (tx) => {
    await checkFileUpload(tx, scope, actor, clientId, kind);
    if (folderId) await folderInClient(tx, scope.firm.id, clientId, folderId);
    const now = scope.clock.now().toISOString();
    const id = await insertEntityFile(
      tx,
      scope.firm.id,
      { clientId, folderId, kind, name: document.fileName, createdBy: who.userId },
      now,
    );
    await insertNextVersion(tx, scope.firm.id, id, versionOf(document, who), now);
    await recordEvent(tx, scope, who, {
      clientId,
      kind: "file.uploaded",
      audience: audienceOf(kind),
      fileId: id,
      summary: `${who.name} uploaded ${document.fileName}${kind === "shared" ? " and shared it" : ""}`,
      details: { kind, sha256: document.sha256, size: document.size },
    });
    return id;
  });
  return getFile(db, scope, actor, fileId);
}

const versionOf = (document: StoredDocument, who: PortalActor) => ({
  fileKey: document.key,
  fileName: document.fileName,
  mediaType: document.mediaType,
  size: document.size,
  sha256: document.sha256,
  uploadedBy: who.userId,
  requestItemId: null,
});

export async function checkVersionUpload(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  fileId: string,
): Promise<void> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  await fileFor(db, scope, who, fileId, "version");
}

export async function addVersion(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  fileId: string,
  document: StoredDocument,
): Promise<FileView> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  await inTransaction(db, async (tx) => {
    const file = await fileFor(tx, scope, who, fileId, "version");
    const stored = await insertNextVersion(
      tx,
      scope.firm.id,
      file.id,
      versionOf(document, who),
      scope.clock.now().toISOString(),
    );
    await recordEvent(tx, scope, who, {
      clientId: file.clientId,
      kind: "file.version",
      audience: audienceOf(file.kind),
      fileId: file.id,
      summary: `${who.name} uploaded version ${stored.version} of ${file.name}: ${document.fileName}`,
      details: { version: stored.version, sha256: document.sha256, size: document.size },
    });
  });
  return getFile(db, scope, actor, fileId);
}

/** A version to download (the current one by default), recorded in the history. */
export async function openVersion(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  fileId: string,
  versionId: string | undefined,
): Promise<FileVersion> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  return inTransaction(db, async (tx) => {
    const file = await fileFor(tx, scope, who, fileId);
    const version = versionId
      ? await findVersion(tx, scope.firm.id, versionId)
      : (await selectVersions(tx, scope.firm.id, [file.id])).at(-1);
    if (!version || version.fileId !== file.id) throw notFound("file version", versionId ?? "");
    await recordEvent(tx, scope, who, {
      clientId: file.clientId,
      kind: "file.downloaded",
      audience: audienceOf(file.kind),
      fileId: file.id,
      summary: `${who.name} downloaded ${version.fileName} (version ${version.version})`,
      details: { versionId: version.id },
    });
    return version;
  });
}

export async function editFile(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  fileId: string,
  patch: { name?: string; kind?: "firm" | "shared"; folderId?: string | null },
): Promise<FileView> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  await inTransaction(db, async (tx) => {
    const file = await fileFor(tx, scope, who, fileId, "edit");
    const name = patch.name?.trim();
    if (patch.name !== undefined && !name) throw invalid("a file needs a name", { field: "name" });
    if (name && hasUnsafeCharacters(name)) throw invalid(UNSAFE_NAME_WORDS, { field: "name" });
    if (patch.kind && file.kind === "client")
      throw invalid("a file the client uploaded stays the client's", { field: "kind" });
    if (patch.kind === "firm" && file.kind === "shared") await refuseWhileAwaitingApproval(tx, scope, file);
    const folder = patch.folderId
      ? await folderInClient(tx, scope.firm.id, file.clientId, patch.folderId)
      : null;
    // Only what differs changes: asking for what the file already is changes nothing at all.
    const renamed = name !== undefined && name !== file.name;
    const moved = patch.folderId !== undefined && patch.folderId !== file.folderId;
    const rekinded = patch.kind !== undefined && patch.kind !== file.kind;
    if (!renamed && !moved && !rekinded) return;
    await updateEntityFile(
      tx,
      scope.firm.id,
      file.id,
      {
        ...(renamed ? { name } : {}),
        ...(rekinded ? { kind: patch.kind } : {}),
        ...(moved ? { folderId: patch.folderId } : {}),
      },
      scope.clock.now().toISOString(),
    );
    if (renamed)
      await recordEvent(tx, scope, who, {
        clientId: file.clientId,
        kind: "file.renamed",
        audience: audienceOf(patch.kind ?? file.kind),
        fileId: file.id,
        summary: `${who.name} renamed ${file.name} to ${name}`,
      });
    if (moved)
      await recordEvent(tx, scope, who, {
        clientId: file.clientId,
        kind: "file.moved",
        audience: audienceOf(patch.kind ?? file.kind),
        fileId: file.id,
        summary: folder
          ? `${who.name} moved ${name ?? file.name} into ${folder.name}`
          : `${who.name} moved ${name ?? file.name} out of its folder`,
        details: { from: file.folderId, to: patch.folderId },
      });
    if (rekinded)
      await recordEvent(tx, scope, who, {
        clientId: file.clientId,
        kind: patch.kind === "shared" ? "file.shared" : "file.unshared",
        audience: "entity",
        fileId: file.id,
        summary:
          patch.kind === "shared"
            ? `${who.name} shared ${name ?? file.name} with the client`
            : `${who.name} stopped sharing ${name ?? file.name} with the client`,
      });
  });
  return getFile(db, scope, actor, fileId);
}

/**
 * A shared file a contact is asked to approve stays shared until they decide or the firm
 * withdraws the request: they decide on what they can read.
 */
async function refuseWhileAwaitingApproval(db: Db, scope: FirmScope, file: EntityFile): Promise<void> {
  const pending = (await selectPendingApprovals(db, scope.firm.id, file.id))[0];
  if (!pending) return;
  const contact = await findContact(db, scope.firm.id, pending.contactId);
  const name = contact ? `${contact.firstName} ${contact.lastName}`.trim() : "a contact";
  throw new AppError(
    "IN_USE",
    `${file.name} is waiting for ${name}'s approval: withdraw the request before you stop sharing it`,
    { approvalId: pending.id },
  );
}

export async function removeFile(db: Db, scope: FirmScope, actor: Actor, fileId: string): Promise<void> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  await inTransaction(db, async (tx) => {
    const file = await fileFor(tx, scope, who, fileId, "delete");
    const pinned = await fileHasApproval(tx, scope.firm.id, file.id);
    if (pinned || (await fileInRequests(tx, scope.firm.id, file.id)))
      throw new AppError(
        "IN_USE",
        `${file.name} is part of ${pinned ? "an approval" : "a file request"}: it stays as the record of it`,
      );
    // An approval or a request item asked at this moment is not seen above: the database's
    // references stop the delete, said in the same words.
    await deleteEntityFile(tx, scope.firm.id, file.id).catch((error: unknown) => {
      if (isForeignKeyViolation(error))
        throw new AppError(
          "IN_USE",
          `${file.name} is part of an approval or a file request: it stays as the record of it`,
        );
      throw error;
    });
    await recordEvent(tx, scope, who, {
      clientId: file.clientId,
      kind: "file.deleted",
      audience: audienceOf(file.kind),
      fileId: file.id,
      summary: `${who.name} deleted ${file.name}`,
    });
  });
}
