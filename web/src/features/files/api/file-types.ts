/**
 * An entity's files as the server describes them (src/portal/entity-file-routes.ts and
 * folder-routes.ts), and the cache keys every files query sits under, so that any change reads
 * the lists, the file and the history again: what the pages show is always the server's word.
 */
import type { paths } from "../../../api/schema";

type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer R } } } }
  ? R
  : T extends { responses: { 201: { content: { "application/json": infer R } } } }
    ? R
    : never;

export type EntityFile = Ok<paths["/files/{id}"]["get"]>;
export type FileVersion = EntityFile["current"];
export type FileKind = EntityFile["kind"];
export type FilePage = Ok<paths["/clients/{id}/files"]["get"]>;
export type Folder = Ok<paths["/clients/{id}/folders"]["get"]>["items"][number];
export type ActivityPage = Ok<paths["/clients/{id}/activity"]["get"]>;
export type ActivityEvent = ActivityPage["items"][number];
export type PortalContact = Ok<paths["/clients/{id}/portal-contacts"]["get"]>["items"][number];
export type Approval = Ok<paths["/files/{id}/approvals"]["post"]>;
export type ClientRecord = Ok<paths["/clients/{id}"]["get"]>;

/** A folder filter: "all" (every file), "root" (those in no folder), or one folder's id. */
export type FolderFilter = string;

export const filesKeys = {
  all: ["files"] as const,
  list: (clientId: string, query: object) => ["files", "list", clientId, query] as const,
  one: (fileId: string) => ["files", "one", fileId] as const,
  folders: (clientId: string) => ["files", "folders", clientId] as const,
  // The requests pages (features/requests) read the history under ["activity", …] too.
  activity: (clientId: string, query: object) => ["activity", clientId, "files", query] as const,
};
