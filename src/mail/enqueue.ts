/**
 * Queuing an email: a row in the outbox, written in the caller's transaction, so the email
 * exists exactly when the change that caused it commits. The deliverer sends it later.
 */
import { invalid } from "../domain/errors.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { insertMailOnce } from "./outbox-store.js";

export interface MailToQueue {
  firmId: string;
  /** Names the event the email reports, e.g. "activation:<link id>"; one email per event. */
  eventKey: string;
  to: string;
  subject: string;
  text: string;
  /** An HTML part with the same content as `text`. */
  html?: string;
  /** Where replies go, e.g. the staff member who asked for documents. */
  replyTo?: string;
  /** The name the email comes from (the firm's), before the server's From address. */
  senderName?: string;
}

/** Queues the email unless its event was queued before; true when this call queued it. */
export async function enqueueMail(db: Db, clock: Clock, mail: MailToQueue): Promise<boolean> {
  if (!mail.eventKey.trim()) throw invalid("an email needs an event key");
  // A header injection guard: recipients and subjects never carry line breaks.
  for (const line of [mail.to, mail.subject, mail.replyTo ?? "", mail.senderName ?? ""])
    if (/[\r\n]/.test(line))
      throw invalid("an email's recipient, subject, reply-to and sender name are single lines");
  return insertMailOnce(db, mail, clock.now().toISOString());
}
