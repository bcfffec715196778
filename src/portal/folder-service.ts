/**
 * An entity's folders: staff with the files rights on the client make, rename, move and delete
 * them (only empty ones); contacts never manage folders and see only those that lead to a file
 * they may see (a folder's name can say more than the firm means to share).
 */
import type { Actor } from "../access/authorize.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import { hasUnsafeCharacters, UNSAFE_NAME_WORDS } from "../files/file-names.js";
import { findClient } from "../firm-setup/client-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { isForeignKeyViolation, type Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import { inTransaction } from "../store/transaction.js";
import { uniqueOrDuplicate } from "../store/unique.js";
import { recordEvent } from "./entity-events.js";
import {
  deleteFolder,
  findFolder,
  folderHasContent,
  insertFolder,
  selectFolderIdsHolding,
  selectFolders,
  updateFolder,
  type Folder,
} from "./folder-store.js";
import { CONTACT_VISIBLE_KINDS, mayOnFile, sideOf } from "./portal-access.js";
import { portalActorOf, type PortalActor } from "./portal-actor.js";

export type { Folder } from "./folder-store.js";

async function clientSeen(db: Db, scope: FirmScope, who: PortalActor, clientId: string) {
  const client = await findClient(db, scope.firm.id, clientId);
  const reads =
    client &&
    (["firm", ...CONTACT_VISIBLE_KINDS] as const).some((kind) =>
      mayOnFile(who.rights, "read", client.id, kind),
    );
  if (!client || client.id !== clientId || !reads || who.requestOnly !== null)
    throw notFound("client", clientId);
  return client;
}

function requireStaff(who: PortalActor, clientId: string, action: "upload" | "edit" | "delete"): void {
  if (sideOf(who.rights) === "contact" || !mayOnFile(who.rights, action, clientId, "firm"))
    throw new AppError("FORBIDDEN", "managing a client's folders needs the files rights on the client", {
      permission: `files:${action === "upload" ? "C" : action === "edit" ? "E" : "D"}`,
    });
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid("a folder needs a name", { field: "name" });
  if (hasUnsafeCharacters(trimmed)) throw invalid(UNSAFE_NAME_WORDS, { field: "name" });
  if (/[/\\\0]/.test(trimmed) || trimmed === "." || trimmed === "..")
    throw invalid("a folder's name may not contain / or \\, nor be . or ..", { field: "name" });
  return trimmed;
}

/** The client's folders the caller may see, flat, each naming its parent. */
export async function listFolders(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  clientId: string,
): Promise<Folder[]> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  const client = await clientSeen(db, scope, who, clientId);
  const folders = await selectFolders(db, scope.firm.id, client.id);
  if (sideOf(who.rights) !== "contact") return folders;
  const holding = await selectFolderIdsHolding(db, scope.firm.id, client.id, CONTACT_VISIBLE_KINDS);
  const byId = new Map(folders.map((folder) => [folder.id, folder]));
  const visible = new Set<string>();
  for (const held of holding) {
    for (let id: string | null = held; id && !visible.has(id); id = byId.get(id)?.parentId ?? null)
      visible.add(id);
  }
  return folders.filter((folder) => visible.has(folder.id));
}

async function folderOf(db: Db, scope: FirmScope, who: PortalActor, id: string): Promise<Folder> {
  const folder = await findFolder(db, scope.firm.id, id);
  if (!folder || who.requestOnly !== null || !mayOnFile(who.rights, "read", folder.clientId, "firm"))
    throw notFound("folder", id);
  return folder;
}

/** A folder of the client to put something in (400 when it is not one of the client's). */
export async function folderInClient(
  db: Db,
  firmId: string,
  clientId: string,
  folderId: string,
): Promise<Folder> {
  const folder = await findFolder(db, firmId, folderId);
  if (!folder || folder.clientId !== clientId)
    throw invalid("the folder is not one of this client's", { field: "folderId" });
  return folder;
}

export async function addFolder(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  clientId: string,
  input: { name: string; parentId: string | null },
): Promise<Folder> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  const client = await clientSeen(db, scope, who, clientId);
  requireStaff(who, client.id, "upload");
  const name = checkName(input.name);
  const id = newId();
  await inTransaction(db, async (tx) => {
    if (input.parentId) await folderInClient(tx, scope.firm.id, client.id, input.parentId);
    const now = scope.clock.now().toISOString();
    await uniqueOrDuplicate(
      () =>
        insertFolder(
          tx,
          scope.firm.id,
          { id, clientId: client.id, parentId: input.parentId, name, createdBy: who.userId },
          now,
        ),
      `a folder named ${name} already exists there`,
    );
    await recordEvent(tx, scope, who, {
      clientId: client.id,
      kind: "folder.created",
      audience: "staff",
      summary: `${who.name} made the folder ${name}`,
      details: { folderId: id },
    });
  });
  return (await findFolder(db, scope.firm.id, id))!;
}

export async function editFolder(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  id: string,
  patch: { name?: string; parentId?: string | null },
): Promise<Folder> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  const folder = await folderOf(db, scope, who, id);
  requireStaff(who, folder.clientId, "edit");
  const name = patch.name !== undefined ? checkName(patch.name) : undefined;
  await inTransaction(db, async (tx) => {
    const parent = patch.parentId
      ? await folderInClient(tx, scope.firm.id, folder.clientId, patch.parentId)
      : null;
    if (parent) {
      // A folder cannot go inside itself or one of its own subfolders.
      const all = await selectFolders(tx, scope.firm.id, folder.clientId);
      const parentOf = new Map(all.map((f) => [f.id, f.parentId]));
      for (let at: string | null = parent.id; at; at = parentOf.get(at) ?? null)
        if (at === folder.id)
          throw invalid("a folder cannot go inside itself or its own subfolders", { field: "parentId" });
    }
    await uniqueOrDuplicate(
      () =>
        updateFolder(
          tx,
          scope.firm.id,
          id,
          {
            ...(name !== undefined ? { name } : {}),
            ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}),
          },
          scope.clock.now().toISOString(),
        ),
      `a folder named ${name ?? folder.name} already exists there`,
    );
    if (name && name !== folder.name)
      await recordEvent(tx, scope, who, {
        clientId: folder.clientId,
        kind: "folder.renamed",
        audience: "staff",
        summary: `${who.name} renamed the folder ${folder.name} to ${name}`,
        details: { folderId: id },
      });
    if (patch.parentId !== undefined && patch.parentId !== folder.parentId)
      await recordEvent(tx, scope, who, {
        clientId: folder.clientId,
        kind: "folder.moved",
        audience: "staff",
        summary: parent
          ? `${who.name} moved the folder ${name ?? folder.name} into ${parent.name}`
          : `${who.name} moved the folder ${name ?? folder.name} to the top level`,
        details: { folderId: id, from: folder.parentId, to: patch.parentId },
      });
  });
  return (await findFolder(db, scope.firm.id, id))!;
}

export async function removeFolder(db: Db, scope: FirmScope, actor: Actor, id: string): Promise<void> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  const folder = await folderOf(db, scope, who, id);
  requireStaff(who, folder.clientId, "delete");
  const notEmpty = () =>
    new AppError("IN_USE", `the folder ${folder.name} is not empty: move or delete what is in it first`);
  await inTransaction(db, async (tx) => {
    if (await folderHasContent(tx, scope.firm.id, id)) throw notEmpty();
    // Something put in it at this moment is not seen above: the database's references stop it.
    await deleteFolder(tx, scope.firm.id, id).catch((error: unknown) => {
      throw isForeignKeyViolation(error) ? notEmpty() : error;
    });
    await recordEvent(tx, scope, who, {
      clientId: folder.clientId,
      kind: "folder.deleted",
      audience: "staff",
      summary: `${who.name} deleted the folder ${folder.name}`,
      details: { folderId: id },
    });
  });
}
