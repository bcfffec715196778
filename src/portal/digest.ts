/**
 * Digest emails: with the firm's digest setting, news (not asks) waits a few minutes and goes
 * as one email per person, leaving out what they already saw in the app.
 *
 * Time is cut into windows of the firm's digest length; the first news of a person in a window
 * plans one digest job for the window's end (its key names the person and the window, so more
 * news in the same window plans nothing new). The job mails what the person has not seen yet and
 * marks everything of theirs up to then as mailed, in one transaction with the job: a digest goes
 * once, and a crash before the commit leaves it to run again whole.
 */
import { findUserById } from "../access/account-store.js";
import { issueRequestLink } from "../access/request-link-service.js";
import type { LinkSettings } from "../access/link-service.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { enqueueJob } from "../jobs/job-store.js";
import { enqueueMail } from "../mail/enqueue.js";
import type { Db } from "../store/database.js";
import { mailHtml, mailText, type PortalMail } from "./portal-mail.js";

export const DIGEST_JOB = "portal-digest";

export interface DigestPayload {
  userId: string;
  /** The window's end: news created before it goes in this digest. */
  until: string;
}

/** Plans the digest of the window `now` falls in, unless it is planned already. */
export async function planDigest(db: Db, scope: FirmScope, userId: string, minutes: number): Promise<void> {
  const windowMs = minutes * 60_000;
  const now = scope.clock.now().getTime();
  const until = new Date((Math.floor(now / windowMs) + 1) * windowMs).toISOString();
  const payload: DigestPayload = { userId, until };
  await enqueueJob(db, scope.clock, {
    firmId: scope.firm.id,
    kind: DIGEST_JOB,
    key: `${DIGEST_JOB}:${userId}:${until}`,
    runAt: new Date(until),
    payload,
  });
}

interface DigestLine {
  summary: string;
  at: string;
  requestId: string | null;
  subject: string | null;
}

/** Sends one person's digest for a window: what they have not seen, if anything. */
export async function sendDigest(
  db: Db,
  scope: FirmScope,
  links: LinkSettings,
  payload: DigestPayload,
): Promise<boolean> {
  const firmId = scope.firm.id;
  const user = await findUserById(db, firmId, payload.userId);
  const waiting = await db
    .selectFrom("portal_notification as n")
    .innerJoin("entity_event as e", (join) =>
      join.onRef("e.id", "=", "n.event_id").onRef("e.firm_id", "=", "n.firm_id"),
    )
    .leftJoin("file_request as r", (join) =>
      join.onRef("r.id", "=", "e.request_id").onRef("r.firm_id", "=", "e.firm_id"),
    )
    .select(["n.id", "n.seen_at", "e.summary", "e.at", "e.request_id", "r.subject"])
    .where("n.firm_id", "=", firmId)
    .where("n.user_id", "=", payload.userId)
    .where("n.mailed_at", "is", null)
    .where("n.created_at", "<", payload.until)
    .orderBy("e.at")
    .orderBy("e.id")
    .execute();
  if (waiting.length === 0) return false;
  const now = scope.clock.now().toISOString();
  await db
    .updateTable("portal_notification")
    .set({ mailed_at: now })
    .where("firm_id", "=", firmId)
    .where(
      "id",
      "in",
      waiting.map((row) => row.id),
    )
    .execute();
  const unseen: DigestLine[] = waiting
    .filter((row) => row.seen_at === null)
    .map((row) => ({ summary: row.summary, at: row.at, requestId: row.request_id, subject: row.subject }));
  // Everything was seen in the app meanwhile, or the person can no longer sign in: no email.
  if (unseen.length === 0 || !user || user.status === "disabled") return false;
  const mail = await digestMail(db, scope, links, user, unseen);
  await enqueueMail(db, scope.clock, {
    firmId,
    eventKey: `${DIGEST_JOB}:${payload.userId}:${payload.until}`,
    to: user.email,
    subject: mail.subject,
    text: mailText(mail),
    html: mailHtml(mail),
    senderName: scope.firm.name,
  });
  return true;
}

async function digestMail(
  db: Db,
  scope: FirmScope,
  links: LinkSettings,
  user: NonNullable<Awaited<ReturnType<typeof findUserById>>>,
  lines: readonly DigestLine[],
): Promise<PortalMail> {
  const base = `${links.publicUrl.replace(/\/+$/, "")}/f/${encodeURIComponent(scope.firm.slug ?? "")}`;
  const requests = [
    ...new Map(lines.filter((l) => l.requestId).map((l) => [l.requestId!, l.subject ?? ""])).entries(),
  ];
  const paragraphs = [
    `Here is what happened at ${scope.firm.name} since you last looked:`,
    lines.map((line) => `- ${line.summary}`).join("\n"),
  ];
  // A contact gets a link into each request concerned (single-use, like a request email's);
  // staff open the app.
  if (user.contactId !== null && requests.length > 0) {
    const opened: string[] = [];
    for (const [requestId, subject] of requests.slice(0, 5)) {
      const link = await issueRequestLink(db, { clock: scope.clock, links }, scope.firm, user, requestId);
      opened.push(`${subject}: ${link.url}`);
    }
    paragraphs.push(["Open a request:", ...opened].join("\n"));
    return {
      subject: `${scope.firm.name}: ${lines.length} update${lines.length === 1 ? "" : "s"}`,
      paragraphs,
      footer: ["Each link signs you in to its request once; after that, sign in with your password."],
    };
  }
  return {
    subject: `${scope.firm.name}: ${lines.length} update${lines.length === 1 ? "" : "s"}`,
    paragraphs,
    action: { label: "Open firmtime", url: `${base}/` },
  };
}
