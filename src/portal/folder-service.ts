/**
 * An entity's folders: staff with the files rights on the client make, rename, move and delete
 * them (only empty ones); contacts never manage folders and see only those that lead to a file
 * they may see (a folder's name can say more than the firm means to share).
 */
import type { Actor } from "../access/authorize.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import { findClient } from "../firm-setup/client-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import { inTransaction } from "../store/transaction.js";
import { uniqueOrDuplicate } from "../store/unique.js";
import { recordEvent } from "./entity-events.js";
import { CONTACT_VISIBLE_KINDS, mayOnFile, sideOf } from "./portal-access.js";
import { portalActorOf, type PortalActor } from "./portal-actor.js";

export interface Folder {
  id: string;
  clientId: string;
  parentId: string | null;
  name: string;
  createdAt: string;
  updatedAt: string;
}

async function selectFolders(db: Db, firmId: string, clientId: string): Promise<Folder[]> {
  const rows = await db
    .selectFrom("entity_folder")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("client_id", "=", clientId)
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    clientId: row.client_id,
    parentId: row.parent_id,
    name: row.name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

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
  const holding = await db
    .selectFrom("entity_file")
    .select("folder_id")
    .distinct()
    .where("firm_id", "=", scope.firm.id)
    .where("client_id", "=", client.id)
    .where("kind", "in", [...CONTACT_VISIBLE_KINDS])
    .where("folder_id", "is not", null)
    .execute();
  const byId = new Map(folders.map((folder) => [folder.id, folder]));
  const visible = new Set<string>();
  for (const { folder_id } of holding) {
    for (let id: string | null = folder_id; id && !visible.has(id); id = byId.get(id)?.parentId ?? null)
      visible.add(id);
  }
  return folders.filter((folder) => visible.has(folder.id));
}

async function folderOf(db: Db, scope: FirmScope, who: PortalActor, id: string) {
  const row = await db
    .selectFrom("entity_folder")
    .selectAll()
    .where("firm_id", "=", scope.firm.id)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row || who.requestOnly !== null || !mayOnFile(who.rights, "read", row.client_id, "firm"))
    throw notFound("folder", id);
  return row;
}

/** A folder of the client to put something in (404 when it is not one of the client's). */
export async function folderInClient(
  db: Db,
  firmId: string,
  clientId: string,
  folderId: string,
): Promise<void> {
  const row = await db
    .selectFrom("entity_folder")
    .select("id")
    .where("firm_id", "=", firmId)
    .where("client_id", "=", clientId)
    .where("id", "=", folderId)
    .executeTakeFirst();
  if (!row) throw invalid("the folder is not one of this client's", { field: "folderId" });
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
        tx
          .insertInto("entity_folder")
          .values({
            id,
            firm_id: scope.firm.id,
            client_id: client.id,
            parent_id: input.parentId,
            name,
            created_by: who.userId,
            created_at: now,
            updated_at: now,
          })
          .execute(),
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
  return (await selectFolders(db, scope.firm.id, client.id)).find((folder) => folder.id === id)!;
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
  requireStaff(who, folder.client_id, "edit");
  const name = patch.name !== undefined ? checkName(patch.name) : undefined;
  await inTransaction(db, async (tx) => {
    if (patch.parentId) {
      await folderInClient(tx, scope.firm.id, folder.client_id, patch.parentId);
      // A folder cannot go inside itself or one of its own subfolders.
      const all = await selectFolders(tx, scope.firm.id, folder.client_id);
      const parentOf = new Map(all.map((f) => [f.id, f.parentId]));
      for (let at: string | null = patch.parentId; at; at = parentOf.get(at) ?? null)
        if (at === folder.id)
          throw invalid("a folder cannot go inside itself or its own subfolders", { field: "parentId" });
    }
    await uniqueOrDuplicate(
      () =>
        tx
          .updateTable("entity_folder")
          .set({
            updated_at: scope.clock.now().toISOString(),
            ...(name !== undefined ? { name } : {}),
            ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
          })
          .where("firm_id", "=", scope.firm.id)
          .where("id", "=", id)
          .execute(),
      `a folder named ${name ?? folder.name} already exists there`,
    );
    if (name && name !== folder.name)
      await recordEvent(tx, scope, who, {
        clientId: folder.client_id,
        kind: "folder.renamed",
        audience: "staff",
        summary: `${who.name} renamed the folder ${folder.name} to ${name}`,
        details: { folderId: id },
      });
  });
  return (await selectFolders(db, scope.firm.id, folder.client_id)).find((f) => f.id === id)!;
}

export async function removeFolder(db: Db, scope: FirmScope, actor: Actor, id: string): Promise<void> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  const folder = await folderOf(db, scope, who, id);
  requireStaff(who, folder.client_id, "delete");
  await inTransaction(db, async (tx) => {
    const file = await tx
      .selectFrom("entity_file")
      .select("id")
      .where("firm_id", "=", scope.firm.id)
      .where("folder_id", "=", id)
      .executeTakeFirst();
    const child = await tx
      .selectFrom("entity_folder")
      .select("id")
      .where("firm_id", "=", scope.firm.id)
      .where("parent_id", "=", id)
      .executeTakeFirst();
    if (file || child)
      throw new AppError(
        "IN_USE",
        `the folder ${folder.name} is not empty: move or delete what is in it first`,
      );
    await tx.deleteFrom("entity_folder").where("firm_id", "=", scope.firm.id).where("id", "=", id).execute();
    await recordEvent(tx, scope, who, {
      clientId: folder.client_id,
      kind: "folder.deleted",
      audience: "staff",
      summary: `${who.name} deleted the folder ${folder.name}`,
      details: { folderId: id },
    });
  });
}
