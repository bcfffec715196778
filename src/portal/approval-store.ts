/** Queries of approvals (approval): a contact's decision on one version of a shared file. */
import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import { col, orderFor, pageOf, type PageRequest, type RowPage } from "../store/list-query.js";
import type { ApprovalTable } from "../store/tables.js";

export type ApprovalStatus = ApprovalTable["status"];

export interface Approval {
  id: string;
  clientId: string;
  fileId: string;
  versionId: string;
  sha256: string;
  contactId: string;
  message: string;
  requestedBy: string;
  requestedAt: string;
  status: ApprovalStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  decidedFrom: string | null;
}

const rowToApproval = (row: Selectable<ApprovalTable>): Approval => ({
  id: row.id,
  clientId: row.client_id,
  fileId: row.file_id,
  versionId: row.version_id,
  sha256: row.sha256,
  contactId: row.contact_id,
  message: row.message,
  requestedBy: row.requested_by,
  requestedAt: row.requested_at,
  status: row.status,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
  comment: row.decision_comment,
  decidedFrom: row.decided_from,
});

export async function findApproval(db: Db, firmId: string, id: string): Promise<Approval | undefined> {
  const row = await db
    .selectFrom("approval")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && rowToApproval(row);
}

export interface NewApproval {
  clientId: string;
  fileId: string;
  versionId: string;
  sha256: string;
  contactId: string;
  message: string;
  requestedBy: string;
}

export async function insertApproval(
  db: Db,
  firmId: string,
  approval: NewApproval,
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("approval")
    .values({
      id,
      firm_id: firmId,
      client_id: approval.clientId,
      file_id: approval.fileId,
      version_id: approval.versionId,
      sha256: approval.sha256,
      contact_id: approval.contactId,
      message: approval.message,
      requested_by: approval.requestedBy,
      requested_at: now,
      status: "pending",
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      decided_from: null,
    })
    .execute();
  return id;
}

export const APPROVAL_STATUSES = ["pending", "approved", "declined", "cancelled"] as const;
export const APPROVAL_SORTS = ["requestedAt"] as const;
export type ApprovalSort = (typeof APPROVAL_SORTS)[number];

export interface ApprovalFilter {
  clientId: string;
  /** Only those asked of this contact (what a contact sees). */
  contactId: string | null;
  fileId?: string | undefined;
  status?: ApprovalStatus | undefined;
}

/** A page of a client's approvals. */
export async function selectApprovalPage(
  db: Db,
  firmId: string,
  filter: ApprovalFilter,
  page: PageRequest<ApprovalSort>,
): Promise<RowPage<Approval>> {
  let query = db
    .selectFrom("approval")
    .where("firm_id", "=", firmId)
    .where("client_id", "=", filter.clientId);
  if (filter.contactId !== null) query = query.where("contact_id", "=", filter.contactId);
  if (filter.fileId !== undefined) query = query.where("file_id", "=", filter.fileId);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  return pageOf(
    query.selectAll(),
    page,
    orderFor(page.sort, { requestedAt: [col("requested_at")] }, col("id")),
    rowToApproval,
  );
}

/** The approvals of a file still waiting for their contact, oldest first. */
export async function selectPendingApprovals(db: Db, firmId: string, fileId: string): Promise<Approval[]> {
  const rows = await db
    .selectFrom("approval")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("file_id", "=", fileId)
    .where("status", "=", "pending")
    .orderBy("requested_at")
    .orderBy("id")
    .execute();
  return rows.map(rowToApproval);
}

/** Whether any approval, whatever its status, names the file. */
export async function fileHasApproval(db: Db, firmId: string, fileId: string): Promise<boolean> {
  const row = await db
    .selectFrom("approval")
    .select("id")
    .where("firm_id", "=", firmId)
    .where("file_id", "=", fileId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Ends a pending approval: decided by its contact, or cancelled by the firm. Only a pending row
 * changes (a decided one never does: the triggers of 0010 refuse it too); false when it was no
 * longer pending.
 */
export async function closeApproval(
  db: Db,
  firmId: string,
  id: string,
  close:
    | {
        status: "approved" | "declined";
        decidedBy: string;
        decidedAt: string;
        comment: string | null;
        from: string;
      }
    | { status: "cancelled" },
): Promise<boolean> {
  const result = await db
    .updateTable("approval")
    .set(
      close.status === "cancelled"
        ? { status: "cancelled" }
        : {
            status: close.status,
            decided_by: close.decidedBy,
            decided_at: close.decidedAt,
            decision_comment: close.comment,
            decided_from: close.from,
          },
    )
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
