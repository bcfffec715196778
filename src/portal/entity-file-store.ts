/** Queries of an entity's files and their versions (entity_file, entity_file_version). */
import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import { col, lowerOf, orderFor, pageOf, type PageRequest, type RowPage } from "../store/list-query.js";
import type { EntityFileKind, EntityFileTable, EntityFileVersionTable } from "../store/tables.js";

export interface EntityFile {
  id: string;
  clientId: string;
  folderId: string | null;
  kind: EntityFileKind;
  name: string;
  versions: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface FileVersion {
  id: string;
  fileId: string;
  version: number;
  /** Where the bytes are in the file store; never leaves the server. */
  fileKey: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  requestItemId: string | null;
}

const rowToFile = (row: Selectable<EntityFileTable>): EntityFile => ({
  id: row.id,
  clientId: row.client_id,
  folderId: row.folder_id,
  kind: row.kind,
  name: row.name,
  versions: row.versions,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const rowToVersion = (row: Selectable<EntityFileVersionTable>): FileVersion => ({
  id: row.id,
  fileId: row.file_id,
  version: row.version,
  fileKey: row.file_key,
  fileName: row.file_name,
  mediaType: row.media_type,
  size: Number(row.size_bytes),
  sha256: row.sha256,
  uploadedBy: row.uploaded_by,
  uploadedAt: row.uploaded_at,
  requestItemId: row.request_item_id,
});

export interface NewEntityFile {
  clientId: string;
  folderId: string | null;
  kind: EntityFileKind;
  name: string;
  createdBy: string;
}

export async function insertEntityFile(
  db: Db,
  firmId: string,
  file: NewEntityFile,
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("entity_file")
    .values({
      id,
      firm_id: firmId,
      client_id: file.clientId,
      folder_id: file.folderId,
      kind: file.kind,
      name: file.name,
      versions: 0,
      created_by: file.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function findEntityFile(db: Db, firmId: string, id: string): Promise<EntityFile | undefined> {
  const row = await db
    .selectFrom("entity_file")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && rowToFile(row);
}

export interface NewVersion {
  fileKey: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  requestItemId: string | null;
}

/**
 * Adds the next version of a file and makes it the file's current one (the file keeps its name:
 * each version keeps the name it was uploaded with). The number comes from
 * the file row's own counter, bumped in the same statement: two uploads at once get 2 and 3
 * (and the unique (file, version) index refuses anything else).
 */
export async function insertNextVersion(
  db: Db,
  firmId: string,
  fileId: string,
  version: NewVersion,
  now: string,
): Promise<FileVersion> {
  const bumped = await db
    .updateTable("entity_file")
    .set((eb) => ({ versions: eb("versions", "+", 1), updated_at: now }))
    .where("firm_id", "=", firmId)
    .where("id", "=", fileId)
    .returning("versions")
    .executeTakeFirstOrThrow();
  const id = newId();
  await db
    .insertInto("entity_file_version")
    .values({
      id,
      firm_id: firmId,
      file_id: fileId,
      version: bumped.versions,
      file_key: version.fileKey,
      file_name: version.fileName,
      media_type: version.mediaType,
      size_bytes: version.size,
      sha256: version.sha256,
      uploaded_by: version.uploadedBy,
      uploaded_at: now,
      request_item_id: version.requestItemId,
    })
    .execute();
  return { id, fileId, version: bumped.versions, uploadedAt: now, ...version };
}

/** Versions of these files, oldest first. */
export async function selectVersions(
  db: Db,
  firmId: string,
  fileIds: readonly string[],
): Promise<FileVersion[]> {
  if (fileIds.length === 0) return [];
  const rows = await db
    .selectFrom("entity_file_version")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("file_id", "in", [...new Set(fileIds)])
    .orderBy("file_id")
    .orderBy("version")
    .execute();
  return rows.map(rowToVersion);
}

/** The versions uploaded in answer to these request items, oldest first. */
export async function selectItemVersions(
  db: Db,
  firmId: string,
  itemIds: readonly string[],
): Promise<FileVersion[]> {
  if (itemIds.length === 0) return [];
  const rows = await db
    .selectFrom("entity_file_version")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("request_item_id", "in", [...new Set(itemIds)])
    .orderBy("uploaded_at")
    .orderBy("id")
    .execute();
  return rows.map(rowToVersion);
}

export async function findVersion(db: Db, firmId: string, id: string): Promise<FileVersion | undefined> {
  const row = await db
    .selectFrom("entity_file_version")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && rowToVersion(row);
}

export const FILE_SORTS = ["name", "updatedAt"] as const;
export type FileSort = (typeof FILE_SORTS)[number];

/** A page of a client's files of the given kinds (none: no rows), optionally in one folder. */
export async function selectFilePage(
  db: Db,
  firmId: string,
  filter: { clientId: string; kinds: readonly EntityFileKind[]; folderId?: string | null | undefined },
  page: PageRequest<FileSort>,
): Promise<RowPage<EntityFile>> {
  let query = db
    .selectFrom("entity_file as f")
    .where("f.firm_id", "=", firmId)
    .where("f.client_id", "=", filter.clientId);
  query = filter.kinds.length
    ? query.where("f.kind", "in", [...filter.kinds])
    : query.where((eb) => eb.or([]));
  if (filter.folderId !== undefined)
    query =
      filter.folderId === null
        ? query.where("f.folder_id", "is", null)
        : query.where("f.folder_id", "=", filter.folderId);
  return pageOf(
    query.selectAll("f"),
    page,
    orderFor(page.sort, { name: [lowerOf("f.name")], updatedAt: [col("f.updated_at")] }, col("f.id")),
    rowToFile,
  );
}

export async function updateEntityFile(
  db: Db,
  firmId: string,
  id: string,
  change: { name?: string; kind?: EntityFileKind; folderId?: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable("entity_file")
    .set({
      updated_at: now,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.kind !== undefined ? { kind: change.kind } : {}),
      ...(change.folderId !== undefined ? { folder_id: change.folderId } : {}),
    })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

/** Deletes the file and (cascading) its versions; a trigger queues their bytes for removal. */
export async function deleteEntityFile(db: Db, firmId: string, id: string): Promise<void> {
  await db.deleteFrom("entity_file").where("firm_id", "=", firmId).where("id", "=", id).execute();
}
