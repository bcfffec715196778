/**
 * The portal's job handlers: a file request's planned reminder and a person's digest, each run by
 * the durable job table in one transaction with the job's completion (so it goes once, whichever
 * server runs it).
 */
import type { LinkSettings } from "../access/link-service.js";
import { findFirm } from "../firm-setup/firm-store.js";
import type { JobHandlers } from "../jobs/job-runner.js";
import { DIGEST_JOB, sendDigest, type DigestPayload } from "./digest.js";
import { REMINDER_JOB, sendScheduledReminder, type ReminderPayload } from "./request-reminders.js";

/** `links` is read when a job runs: the server's public URL may be settled after start-up. */
export function portalJobHandlers(links: () => LinkSettings): JobHandlers {
  return {
    [DIGEST_JOB]: async (tx, job, { clock }) => {
      const firm = await findFirm(tx, job.firmId);
      await sendDigest(tx, { firm, clock, actor: "firmtime digest" }, links(), job.payload as DigestPayload);
    },
    [REMINDER_JOB]: async (tx, job, { clock }) => {
      const payload = job.payload as ReminderPayload;
      const firm = await findFirm(tx, job.firmId);
      await sendScheduledReminder(
        tx,
        { firm, clock, actor: "firmtime reminders" },
        { clock, links: links() },
        payload.requestId,
        payload.n,
        payload.dueAt,
      );
    },
  };
}
