/**
 * A file request's reminders: every N days, at most M times, while the client still owes an
 * answer; each planned reminder is a job on the durable job table, and a job that finds the plan
 * moved on (answered, closed, rescheduled, already sent) does nothing.
 */
import { findClient, type Client } from "../firm-setup/client-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { enqueueJob } from "../jobs/job-store.js";
import type { Db } from "../store/database.js";
import { recordEvent, SYSTEM_AUTHOR, type EventAuthor } from "./entity-events.js";
import {
  findRequest,
  selectRecipientIds,
  updateRequest,
  type FileRequestRecord,
} from "./file-request-store.js";
import { nextReminderAt } from "./request-lifecycle.js";
import { recipientsNow, replyToOf, type RequestDeps } from "./request-loading.js";
import { mailRecipients } from "./request-mail.js";

export async function sendReminder(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps,
  request: FileRequestRecord,
  author: EventAuthor,
  client: Client,
): Promise<void> {
  const recipients = await recipientsNow(db, scope.firm.id, {
    client,
    recipients: await selectRecipientIds(db, scope.firm.id, request.id),
  });
  const eventId = await recordEvent(db, scope, author, {
    clientId: client.id,
    kind: "request.reminded",
    audience: "request",
    requestId: request.id,
    summary:
      author.userId === null
        ? `A reminder went to ${recipients.length} recipient${recipients.length === 1 ? "" : "s"}`
        : `${author.name} sent a reminder`,
  });
  await mailRecipients(db, scope, deps, {
    request,
    client,
    eventId,
    recipients,
    replyTo: await replyToOf(db, scope.firm.id, request.createdBy),
    kind: "reminder",
    askedBy: author.name,
  });
}

/** The job kind of a planned reminder (portal-jobs.ts runs it). */
export const REMINDER_JOB = "file-request-reminder";

export interface ReminderPayload {
  requestId: string;
  /** Which scheduled reminder: 1, 2, ... up to the request's maximum. */
  n: number;
  dueAt: string;
}

/**
 * Queues the job for the request's next planned reminder, if one is planned, in the caller's
 * transaction. The key names the reminder's number and due time: a request rescheduled later
 * (an item returned) gets a new job, and a job that finds the plan moved on does nothing.
 */
export async function scheduleReminder(db: Db, scope: FirmScope, request: FileRequestRecord): Promise<void> {
  const dueAt = request.nextReminderAt;
  if (!dueAt) return;
  const payload: ReminderPayload = { requestId: request.id, n: request.remindersSent + 1, dueAt };
  await enqueueJob(db, scope.clock, {
    firmId: scope.firm.id,
    kind: REMINDER_JOB,
    key: `${REMINDER_JOB}:${request.id}:${payload.n}:${dueAt}`,
    runAt: new Date(dueAt),
    payload,
  });
}

/**
 * Sends the scheduled reminder number `n` due at `dueAt`, if it is still the one planned: a
 * request that was answered, closed, rescheduled or already reminded has moved on, and the job
 * does nothing. Then plans the next one.
 */
export async function sendScheduledReminder(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps,
  requestId: string,
  n: number,
  dueAt: string,
): Promise<boolean> {
  const request = await findRequest(db, scope.firm.id, requestId);
  if (!request || request.status !== "open") return false;
  if (request.remindersSent !== n - 1 || request.nextReminderAt !== dueAt) return false;
  const client = await findClient(db, scope.firm.id, request.clientId);
  if (!client) return false;
  await sendReminder(db, scope, deps, request, SYSTEM_AUTHOR, client);
  const now = scope.clock.now();
  const plan = { everyDays: request.remindEveryDays, max: request.remindMax, sent: n };
  // Every N days from when this one was due; after a long outage, N days from now (one
  // reminder, not a burst of the missed ones).
  const fromDue = nextReminderAt(plan, "open", new Date(dueAt));
  const next = fromDue && fromDue < now.toISOString() ? nextReminderAt(plan, "open", now) : fromDue;
  await updateRequest(
    db,
    scope.firm.id,
    requestId,
    { remindersSent: n, nextReminderAt: next },
    now.toISOString(),
  );
  await scheduleReminder(db, scope, { ...request, remindersSent: n, nextReminderAt: next });
  return true;
}
