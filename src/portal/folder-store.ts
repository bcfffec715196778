/** Queries of an entity's folders (entity_folder). */
import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import type { EntityFileKind, EntityFolderTable } from "../store/tables.js";

export interface Folder {
  id: string;
  clientId: string;
  parentId: string | null;
  name: string;
  createdAt: string;
  updatedAt: string;
}

const rowToFolder = (row: Selectable<EntityFolderTable>): Folder => ({
  id: row.id,
  clientId: row.client_id,
  parentId: row.parent_id,
  name: row.name,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** A client's folders, flat, by name. */
export async function selectFolders(db: Db, firmId: string, clientId: string): Promise<Folder[]> {
  const rows = await db
    .selectFrom("entity_folder")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("client_id", "=", clientId)
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map(rowToFolder);
}

export async function findFolder(db: Db, firmId: string, id: string): Promise<Folder | undefined> {
  const row = await db
    .selectFrom("entity_folder")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && rowToFolder(row);
}

/** The folders of a client that directly hold a file of one of these kinds. */
export async function selectFolderIdsHolding(
  db: Db,
  firmId: string,
  clientId: string,
  kinds: readonly EntityFileKind[],
): Promise<string[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom("entity_file")
    .select("folder_id")
    .distinct()
    .where("firm_id", "=", firmId)
    .where("client_id", "=", clientId)
    .where("kind", "in", [...kinds])
    .where("folder_id", "is not", null)
    .execute();
  return rows.flatMap((row) => (row.folder_id ? [row.folder_id] : []));
}

export interface NewFolder {
  id: string;
  clientId: string;
  parentId: string | null;
  name: string;
  createdBy: string;
}

export async function insertFolder(db: Db, firmId: string, folder: NewFolder, now: string): Promise<void> {
  await db
    .insertInto("entity_folder")
    .values({
      id: folder.id,
      firm_id: firmId,
      client_id: folder.clientId,
      parent_id: folder.parentId,
      name: folder.name,
      created_by: folder.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function updateFolder(
  db: Db,
  firmId: string,
  id: string,
  change: { name?: string; parentId?: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable("entity_folder")
    .set({
      updated_at: now,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.parentId !== undefined ? { parent_id: change.parentId } : {}),
    })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

/** Whether the folder holds a file or another folder. */
export async function folderHasContent(db: Db, firmId: string, id: string): Promise<boolean> {
  const file = await db
    .selectFrom("entity_file")
    .select("id")
    .where("firm_id", "=", firmId)
    .where("folder_id", "=", id)
    .executeTakeFirst();
  if (file) return true;
  const child = await db
    .selectFrom("entity_folder")
    .select("id")
    .where("firm_id", "=", firmId)
    .where("parent_id", "=", id)
    .executeTakeFirst();
  return child !== undefined;
}

export async function deleteFolder(db: Db, firmId: string, id: string): Promise<void> {
  await db.deleteFrom("entity_folder").where("firm_id", "=", firmId).where("id", "=", id).execute();
}
