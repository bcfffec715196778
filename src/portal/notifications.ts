/**
 * Telling people what happened in the portal: a notification row per event and person (what
 * they have and have not seen), and an email through the outbox, in the same transaction as the
 * change, so an email exists exactly when its change commits and goes once (one outbox row per
 * event and person: the event key).
 *
 * The firm chooses one email per event or a digest a few minutes later that leaves out what the
 * person already saw in the app (digest.ts). An ask — a new request, a reminder, an approval
 * asked for — always goes at once: it is the reason for the email, not news about it.
 */
import type { FirmScope } from "../firm-setup/scope.js";
import { enqueueMail } from "../mail/enqueue.js";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import { mailHtml, mailText, type PortalMail } from "./portal-mail.js";
import { readPortalSettings } from "./portal-settings.js";
import { planDigest } from "./digest.js";

export interface Notified {
  userId: string;
  email: string;
  name: string;
}

export interface Notification {
  eventId: string;
  recipients: readonly Notified[];
  compose: (recipient: Notified) => PortalMail | Promise<PortalMail>;
  /** Where replies go: the staff member concerned. */
  replyTo?: string | null;
  /** Sent at once whatever the firm's setting (an ask, not news). */
  immediate?: boolean;
}

export interface NotifyResult {
  /** Emails queued now (the rest wait for a digest). */
  mailed: number;
  /** People who now wait for a digest. */
  digest: string[];
}

export async function notify(db: Db, scope: FirmScope, notification: Notification): Promise<NotifyResult> {
  const settings = await readPortalSettings(db, scope.firm.id);
  const now = scope.clock.now().toISOString();
  const immediate = notification.immediate === true || settings.notificationMode === "each";
  const result: NotifyResult = { mailed: 0, digest: [] };
  const seen = new Set<string>();
  for (const recipient of notification.recipients) {
    if (seen.has(recipient.userId)) continue;
    seen.add(recipient.userId);
    await db
      .insertInto("portal_notification")
      .values({
        id: newId(),
        firm_id: scope.firm.id,
        user_id: recipient.userId,
        event_id: notification.eventId,
        created_at: now,
        seen_at: null,
        mailed_at: immediate ? now : null,
      })
      .onConflict((conflict) => conflict.columns(["firm_id", "user_id", "event_id"]).doNothing())
      .execute();
    if (!immediate) {
      await planDigest(db, scope, recipient.userId, settings.digestMinutes);
      result.digest.push(recipient.userId);
      continue;
    }
    const mail = await notification.compose(recipient);
    await enqueueMail(db, scope.clock, {
      firmId: scope.firm.id,
      eventKey: `portal:${notification.eventId}:${recipient.userId}`,
      to: recipient.email,
      subject: mail.subject,
      text: mailText(mail),
      html: mailHtml(mail),
      senderName: scope.firm.name,
      ...(notification.replyTo ? { replyTo: notification.replyTo } : {}),
    });
    result.mailed += 1;
  }
  return result;
}

/** Marks as seen what a person's notifications say about these events (they opened the page). */
export async function markSeen(
  db: Db,
  firmId: string,
  userId: string,
  eventIds: readonly string[],
  now: string,
): Promise<void> {
  if (eventIds.length === 0) return;
  await db
    .updateTable("portal_notification")
    .set({ seen_at: now })
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .where("event_id", "in", [...eventIds])
    .where("seen_at", "is", null)
    .execute();
}

/** Marks as seen everything a person was notified of about one request. */
export async function markRequestSeen(
  db: Db,
  firmId: string,
  userId: string,
  requestId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable("portal_notification")
    .set({ seen_at: now })
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .where("seen_at", "is", null)
    .where("event_id", "in", (eb) =>
      eb
        .selectFrom("entity_event")
        .select("id")
        .where("firm_id", "=", firmId)
        .where("request_id", "=", requestId),
    )
    .execute();
}
