/** The audit log: who did what to which records, for explicit bulk changes such as reprice. */
import type { Db } from "./database.js";
import { newId } from "./ids.js";

export interface AuditEvent {
  firmId: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

export async function appendAudit(db: Db, event: AuditEvent): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: newId(),
      firm_id: event.firmId,
      at: event.at,
      actor: event.actor,
      action: event.action,
      subject: event.subject,
      details: JSON.stringify(event.details),
    })
    .execute();
}

export async function listAudit(db: Db, firmId: string, action?: string): Promise<AuditEvent[]> {
  let query = db.selectFrom("audit_log").selectAll().where("firm_id", "=", firmId);
  if (action) query = query.where("action", "=", action);
  const rows = await query.orderBy("at").orderBy("id").execute();
  return rows.map((row) => ({
    firmId: row.firm_id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }));
}
