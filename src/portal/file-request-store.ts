/** Queries of file requests, their recipients, items and comments. */
import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import { col, orderFor, pageOf, readableBy, type PageRequest, type RowPage } from "../store/list-query.js";
import type {
  FileRequestCommentTable,
  FileRequestItemTable,
  FileRequestTable,
  RequestStatus,
} from "../store/tables.js";

export type { RequestStatus };
export type ItemAction = FileRequestItemTable["action"];

export interface FileRequestRecord {
  id: string;
  clientId: string;
  subject: string;
  description: string;
  emailMessage: string;
  status: RequestStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  respondedAt: string | null;
  closedAt: string | null;
  remindEveryDays: number | null;
  remindMax: number;
  remindersSent: number;
  nextReminderAt: string | null;
}

export interface RequestItemRecord {
  id: string;
  requestId: string;
  position: number;
  title: string;
  dueDate: string | null;
  action: ItemAction;
  fileId: string | null;
  status: RequestStatus;
  updatedAt: string;
  respondedAt: string | null;
  closedAt: string | null;
}

export interface ItemComment {
  id: string;
  itemId: string;
  authorId: string;
  body: string;
  createdAt: string;
}

const rowToRequest = (row: Selectable<FileRequestTable>): FileRequestRecord => ({
  id: row.id,
  clientId: row.client_id,
  subject: row.subject,
  description: row.description,
  emailMessage: row.email_message,
  status: row.status,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  respondedAt: row.responded_at,
  closedAt: row.closed_at,
  remindEveryDays: row.remind_every_days,
  remindMax: row.remind_max,
  remindersSent: row.reminders_sent,
  nextReminderAt: row.next_reminder_at,
});

const rowToItem = (row: Selectable<FileRequestItemTable>): RequestItemRecord => ({
  id: row.id,
  requestId: row.request_id,
  position: row.position,
  title: row.title,
  dueDate: row.due_date,
  action: row.action,
  fileId: row.file_id,
  status: row.status,
  updatedAt: row.updated_at,
  respondedAt: row.responded_at,
  closedAt: row.closed_at,
});

const rowToComment = (row: Selectable<FileRequestCommentTable>): ItemComment => ({
  id: row.id,
  itemId: row.item_id,
  authorId: row.author_id,
  body: row.body,
  createdAt: row.created_at,
});

export interface NewRequest {
  clientId: string;
  subject: string;
  description: string;
  emailMessage: string;
  createdBy: string;
  remindEveryDays: number | null;
  remindMax: number;
  nextReminderAt: string | null;
  recipients: readonly string[];
  items: readonly { title: string; dueDate: string | null; action: ItemAction; fileId: string | null }[];
}

export async function insertRequest(
  db: Db,
  firmId: string,
  request: NewRequest,
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("file_request")
    .values({
      id,
      firm_id: firmId,
      client_id: request.clientId,
      subject: request.subject,
      description: request.description,
      email_message: request.emailMessage,
      status: "open",
      created_by: request.createdBy,
      created_at: now,
      updated_at: now,
      responded_at: null,
      closed_at: null,
      remind_every_days: request.remindEveryDays,
      remind_max: request.remindMax,
      reminders_sent: 0,
      next_reminder_at: request.nextReminderAt,
    })
    .execute();
  await db
    .insertInto("file_request_recipient")
    .values(
      request.recipients.map((contactId) => ({
        firm_id: firmId,
        request_id: id,
        contact_id: contactId,
        created_at: now,
      })),
    )
    .execute();
  await db
    .insertInto("file_request_item")
    .values(
      request.items.map((item, index) => ({
        id: newId(),
        firm_id: firmId,
        request_id: id,
        position: index + 1,
        title: item.title,
        due_date: item.dueDate,
        action: item.action,
        file_id: item.fileId,
        status: "open" as const,
        updated_at: now,
        responded_at: null,
        closed_at: null,
      })),
    )
    .execute();
  return id;
}

export async function findRequest(
  db: Db,
  firmId: string,
  id: string,
): Promise<FileRequestRecord | undefined> {
  const row = await db
    .selectFrom("file_request")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && rowToRequest(row);
}

export async function selectItems(db: Db, firmId: string, requestId: string): Promise<RequestItemRecord[]> {
  const rows = await db
    .selectFrom("file_request_item")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("request_id", "=", requestId)
    .orderBy("position")
    .execute();
  return rows.map(rowToItem);
}

export async function selectRecipientIds(db: Db, firmId: string, requestId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("file_request_recipient")
    .select("contact_id")
    .where("firm_id", "=", firmId)
    .where("request_id", "=", requestId)
    .orderBy("created_at")
    .orderBy("contact_id")
    .execute();
  return rows.map((row) => row.contact_id);
}

export async function selectComments(
  db: Db,
  firmId: string,
  itemIds: readonly string[],
): Promise<ItemComment[]> {
  if (itemIds.length === 0) return [];
  const rows = await db
    .selectFrom("file_request_comment")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("item_id", "in", [...itemIds])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(rowToComment);
}

export async function insertComment(
  db: Db,
  firmId: string,
  comment: { itemId: string; authorId: string; body: string },
  now: string,
): Promise<ItemComment> {
  const id = newId();
  await db
    .insertInto("file_request_comment")
    .values({
      id,
      firm_id: firmId,
      item_id: comment.itemId,
      author_id: comment.authorId,
      body: comment.body,
      created_at: now,
    })
    .execute();
  return { id, ...comment, createdAt: now };
}

export async function updateItemStatus(
  db: Db,
  firmId: string,
  itemId: string,
  change: { status: RequestStatus; respondedAt?: string | null; closedAt?: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable("file_request_item")
    .set({
      status: change.status,
      updated_at: now,
      ...(change.respondedAt !== undefined ? { responded_at: change.respondedAt } : {}),
      ...(change.closedAt !== undefined ? { closed_at: change.closedAt } : {}),
    })
    .where("firm_id", "=", firmId)
    .where("id", "=", itemId)
    .execute();
}

export type RequestChange = Partial<
  Pick<FileRequestRecord, "status" | "respondedAt" | "closedAt" | "remindersSent" | "nextReminderAt">
>;

export async function updateRequest(
  db: Db,
  firmId: string,
  id: string,
  change: RequestChange,
  now: string,
): Promise<void> {
  await db
    .updateTable("file_request")
    .set({
      updated_at: now,
      ...(change.status !== undefined ? { status: change.status } : {}),
      ...(change.respondedAt !== undefined ? { responded_at: change.respondedAt } : {}),
      ...(change.closedAt !== undefined ? { closed_at: change.closedAt } : {}),
      ...(change.remindersSent !== undefined ? { reminders_sent: change.remindersSent } : {}),
      ...(change.nextReminderAt !== undefined ? { next_reminder_at: change.nextReminderAt } : {}),
    })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

export const REQUEST_SORTS = ["createdAt", "updatedAt", "subject"] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];

export interface RequestFilter {
  /** Entities whose requests the caller sees in full (staff). */
  clientIds: "all" | ReadonlySet<string>;
  /** A contact sees only requests sent to them, on entities they reach. */
  recipient?: { contactId: string; clientIds: ReadonlySet<string> };
  clientId?: string;
  status?: readonly RequestStatus[];
  requestId?: string;
  /** Only requests this user asked. */
  createdBy?: string;
}

/** Counts of a request's items by status, for lists. */
export interface RequestSummary extends FileRequestRecord {
  items: { total: number; open: number; responded: number; completed: number };
}

export async function selectRequestPage(
  db: Db,
  firmId: string,
  filter: RequestFilter,
  page: PageRequest<RequestSort>,
): Promise<RowPage<RequestSummary>> {
  let query = db.selectFrom("file_request as r").where("r.firm_id", "=", firmId);
  if (filter.recipient) {
    const { contactId, clientIds } = filter.recipient;
    query = query
      .where((eb) => readableBy(eb, "r.client_id", clientIds))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("file_request_recipient as x")
            .select("x.request_id")
            .whereRef("x.firm_id", "=", "r.firm_id")
            .whereRef("x.request_id", "=", "r.id")
            .where("x.contact_id", "=", contactId),
        ),
      );
  } else if (filter.clientIds !== "all") {
    const ids = filter.clientIds;
    query = query.where((eb) => readableBy(eb, "r.client_id", ids));
  }
  if (filter.clientId) query = query.where("r.client_id", "=", filter.clientId);
  if (filter.status?.length) query = query.where("r.status", "in", [...filter.status]);
  if (filter.requestId) query = query.where("r.id", "=", filter.requestId);
  if (filter.createdBy) query = query.where("r.created_by", "=", filter.createdBy);
  const result = await pageOf(
    query.selectAll("r"),
    page,
    orderFor(
      page.sort,
      { createdAt: [col("r.created_at")], updatedAt: [col("r.updated_at")], subject: [col("r.subject")] },
      col("r.id"),
    ),
    rowToRequest,
  );
  const counts = await selectItemCounts(
    db,
    firmId,
    result.items.map((request) => request.id),
  );
  return {
    total: result.total,
    items: result.items.map((request) => ({
      ...request,
      items: counts.get(request.id) ?? { total: 0, open: 0, responded: 0, completed: 0 },
    })),
  };
}

async function selectItemCounts(db: Db, firmId: string, requestIds: readonly string[]) {
  const counts = new Map<string, RequestSummary["items"]>();
  if (requestIds.length === 0) return counts;
  const rows = await db
    .selectFrom("file_request_item")
    .select(["request_id", "status", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("firm_id", "=", firmId)
    .where("request_id", "in", [...requestIds])
    .groupBy(["request_id", "status"])
    .execute();
  for (const row of rows) {
    const entry = counts.get(row.request_id) ?? { total: 0, open: 0, responded: 0, completed: 0 };
    const n = Number(row.n);
    if (row.status !== "cancelled") entry.total += n;
    if (row.status === "open" || row.status === "responded" || row.status === "completed")
      entry[row.status] += n;
    counts.set(row.request_id, entry);
  }
  return counts;
}

/** Requests with a reminder due by `now` (open, reminders left), for the reminder job. */
export async function selectDueReminderRequests(
  db: Db,
  now: string,
  limit: number,
): Promise<{ firmId: string; id: string }[]> {
  const rows = await db
    .selectFrom("file_request")
    .select(["firm_id", "id"])
    .where("status", "=", "open")
    .where("next_reminder_at", "<=", now)
    .orderBy("next_reminder_at")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ firmId: row.firm_id, id: row.id }));
}

/** Whether a request item asks about the file, or a version of it answered one. */
export async function fileInRequests(db: Db, firmId: string, fileId: string): Promise<boolean> {
  const asked = await db
    .selectFrom("file_request_item")
    .select("id")
    .where("firm_id", "=", firmId)
    .where("file_id", "=", fileId)
    .executeTakeFirst();
  if (asked) return true;
  const answered = await db
    .selectFrom("entity_file_version")
    .select("id")
    .where("firm_id", "=", firmId)
    .where("file_id", "=", fileId)
    .where("request_item_id", "is not", null)
    .executeTakeFirst();
  return answered !== undefined;
}
