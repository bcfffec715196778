/**
 * Queries for the mail outbox. Rows move pending -> sent, or pending -> failed after the last
 * attempt. A row being sent carries a lease (lease_until); the lease value doubles as the
 * holder's token, so only the holder of the current lease may record the outcome.
 */
import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import type { MailOutboxTable } from "../store/tables.js";

export interface OutboxMail {
  id: string;
  firmId: string;
  eventKey: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  replyTo: string | null;
  senderName: string | null;
  status: MailOutboxTable["status"];
  attempts: number;
  nextAttemptAt: string;
  leaseUntil: string | null;
  lastError: string | null;
  messageId: string | null;
  createdAt: string;
  sentAt: string | null;
}

const rowToMail = (row: Selectable<MailOutboxTable>): OutboxMail => ({
  id: row.id,
  firmId: row.firm_id,
  eventKey: row.event_key,
  to: row.recipient,
  subject: row.subject,
  text: row.body_text,
  html: row.body_html,
  replyTo: row.reply_to,
  senderName: row.sender_name,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  leaseUntil: row.lease_until,
  lastError: row.last_error,
  messageId: row.message_id,
  createdAt: row.created_at,
  sentAt: row.sent_at,
});

/** Inserts a pending mail unless its event is already queued; true when this call queued it. */
export async function insertMailOnce(
  db: Db,
  mail: {
    firmId: string;
    eventKey: string;
    to: string;
    subject: string;
    text: string;
    html?: string | undefined;
    replyTo?: string | undefined;
    senderName?: string | undefined;
  },
  now: string,
): Promise<boolean> {
  const result = await db
    .insertInto("mail_outbox")
    .values({
      id: newId(),
      firm_id: mail.firmId,
      event_key: mail.eventKey,
      recipient: mail.to,
      subject: mail.subject,
      body_text: mail.text,
      // Written only when set: a store at an older schema (before 0010) has no such columns.
      ...(mail.html ? { body_html: mail.html } : {}),
      ...(mail.replyTo ? { reply_to: mail.replyTo } : {}),
      ...(mail.senderName ? { sender_name: mail.senderName } : {}),
      status: "pending",
      attempts: 0,
      next_attempt_at: now,
      lease_until: null,
      last_error: null,
      message_id: null,
      created_at: now,
      sent_at: null,
    })
    // ON CONFLICT DO NOTHING on both engines: the second enqueue of an event is a no-op
    // without aborting the caller's transaction (PostgreSQL would abort it on a raised error).
    .onConflict((conflict) => conflict.column("event_key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Leases up to `limit` due rows until `leaseUntil`. Each row is taken with a compare-and-set
 * UPDATE whose WHERE repeats the "due and not leased" test: on PostgreSQL a concurrent UPDATE
 * of the same row waits for the first and then re-checks the WHERE against the committed row,
 * so exactly one process wins each row (the same guarantee as FOR UPDATE SKIP LOCKED, and it
 * also holds on SQLite). Attempts are counted at lease time, so a message that crashes its
 * sender every time still runs out of attempts.
 */
export async function leaseDueMail(
  db: Db,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<OutboxMail[]> {
  const candidates = await db
    .selectFrom("mail_outbox")
    .select("id")
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", now)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", now)]))
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  const leased: OutboxMail[] = [];
  for (const { id } of candidates) {
    const row = await db
      .updateTable("mail_outbox")
      .set((eb) => ({ lease_until: leaseUntil, attempts: eb("attempts", "+", 1) }))
      .where("id", "=", id)
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", now)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", now)]))
      .returningAll()
      .executeTakeFirst();
    if (row) leased.push(rowToMail(row));
  }
  return leased;
}

/** Records the outcome of a send; false when the lease was lost to another process meanwhile. */
async function finishLeased(
  db: Db,
  mail: { id: string; leaseUntil: string },
  changes: Partial<
    Pick<Selectable<MailOutboxTable>, "status" | "next_attempt_at" | "last_error" | "message_id" | "sent_at">
  >,
): Promise<boolean> {
  const result = await db
    .updateTable("mail_outbox")
    .set({ ...changes, lease_until: null })
    .where("id", "=", mail.id)
    .where("lease_until", "=", mail.leaseUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const markMailSent = (
  db: Db,
  mail: { id: string; leaseUntil: string },
  messageId: string,
  sentAt: string,
): Promise<boolean> =>
  finishLeased(db, mail, { status: "sent", message_id: messageId, sent_at: sentAt, last_error: null });

export const scheduleMailRetry = (
  db: Db,
  mail: { id: string; leaseUntil: string },
  nextAttemptAt: string,
  error: string,
): Promise<boolean> => finishLeased(db, mail, { next_attempt_at: nextAttemptAt, last_error: error });

export const markMailFailed = (
  db: Db,
  mail: { id: string; leaseUntil: string },
  error: string,
): Promise<boolean> => finishLeased(db, mail, { status: "failed", last_error: error });

export async function findMailByEventKey(db: Db, eventKey: string): Promise<OutboxMail | undefined> {
  const row = await db
    .selectFrom("mail_outbox")
    .selectAll()
    .where("event_key", "=", eventKey)
    .executeTakeFirst();
  return row ? rowToMail(row) : undefined;
}

export async function selectOutbox(
  db: Db,
  filter: { firmId?: string; status?: OutboxMail["status"] } = {},
): Promise<OutboxMail[]> {
  let query = db.selectFrom("mail_outbox").selectAll();
  if (filter.firmId) query = query.where("firm_id", "=", filter.firmId);
  if (filter.status) query = query.where("status", "=", filter.status);
  return (await query.orderBy("created_at").orderBy("id").execute()).map(rowToMail);
}
