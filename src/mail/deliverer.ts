/**
 * Delivers the outbox: leases due rows, sends each over the transport, records the outcome.
 * Woken at once after an enqueue (notify) and by a periodic poll, which also picks up retries
 * and rows whose sender died.
 *
 * Delivery is at least once, never lost: a row stays pending until the SMTP server accepted
 * it and that was recorded. The one window for a duplicate is a crash (or a lost database
 * connection, or a send outlasting the lease) after the SMTP server accepted the message and
 * before "sent" was written: the row's lease then expires and it is sent again. Its Message-ID
 * is derived from the outbox row id, so the repeat carries the same Message-ID as the first
 * copy; mail systems that deduplicate on Message-ID drop it, others show it twice. No SMTP
 * exchange can close that window completely; we keep it as small as one message.
 */
import type { Clock } from "../store/clock.js";
import type { Store } from "../store/database.js";
import {
  leaseDueMail,
  markMailFailed,
  markMailSent,
  scheduleMailRetry,
  type OutboxMail,
} from "./outbox-store.js";
import type { MailTransport } from "./smtp-transport.js";

/** The subset of pino's logger the deliverer uses (Fastify's app.log satisfies it). */
export interface MailLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface DeliveryPolicy {
  /** How long a leased row belongs to its sender; well above the transport's timeouts. */
  leaseMs: number;
  pollMs: number;
  batchSize: number;
  /** After this many attempts a row is marked failed and logged as an error. */
  maxAttempts: number;
  firstRetryMs: number;
  maxRetryMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  leaseMs: 5 * 60_000,
  pollMs: 15_000,
  batchSize: 20,
  maxAttempts: 10,
  firstRetryMs: 30_000,
  maxRetryMs: 2 * 3_600_000,
};

/** Exponential backoff: 30 s, 2 min, 8 min, 32 min, then every 2 h (about 11 h over 10 tries). */
export function retryDelayMs(policy: DeliveryPolicy, attempts: number): number {
  return Math.min(policy.firstRetryMs * 4 ** Math.max(0, attempts - 1), policy.maxRetryMs);
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** Plain functions, safe to pass around unbound (e.g. as ServerDeps.notifyMail). */
export interface MailDeliverer {
  /** Sends everything due now; resolves when no due row is left unleased. */
  deliverDue: () => Promise<DeliveryReport>;
  /** Asks for a delivery run soon; runs coalesce, so calling it often is cheap. */
  notify: () => void;
  start: () => void;
  /** Stops polling, waits for the current run, closes the transport. */
  stop: () => Promise<void>;
}

export interface MailDelivererDeps {
  store: Store;
  clock: Clock;
  transport: MailTransport;
  logger: MailLogger;
  /** The domain of deterministic Message-IDs: <outbox row id@domain>. */
  messageIdDomain: string;
  policy?: Partial<DeliveryPolicy>;
}

const describeError = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 1_000);

export function createMailDeliverer(deps: MailDelivererDeps): MailDeliverer {
  const policy = { ...DEFAULT_DELIVERY_POLICY, ...deps.policy };
  const { clock, logger } = deps;
  const db = deps.store.db;

  async function recordFailure(mail: OutboxMail & { leaseUntil: string }, error: unknown) {
    const reason = describeError(error);
    const where = { mailId: mail.id, eventKey: mail.eventKey, attempts: mail.attempts };
    if (mail.attempts >= policy.maxAttempts) {
      await markMailFailed(db, mail, reason);
      logger.error({ ...where, reason }, "mail delivery failed for good; no more attempts");
      return "failed" as const;
    }
    const next = new Date(clock.now().getTime() + retryDelayMs(policy, mail.attempts)).toISOString();
    await scheduleMailRetry(db, mail, next, reason);
    logger.warn({ ...where, reason, nextAttemptAt: next }, "mail delivery failed; will retry");
    return "retrying" as const;
  }

  async function deliverOne(mail: OutboxMail & { leaseUntil: string }) {
    const messageId = `<${mail.id}@${deps.messageIdDomain}>`;
    try {
      await deps.transport.send({
        messageId,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        replyTo: mail.replyTo,
        senderName: mail.senderName,
      });
    } catch (error) {
      return recordFailure(mail, error);
    }
    const recorded = await markMailSent(db, mail, messageId, clock.now().toISOString());
    // Never log the body or the recipient: bodies carry one-time links.
    if (!recorded) logger.warn({ mailId: mail.id }, "mail sent after its lease expired; it may go twice");
    else logger.info({ mailId: mail.id, eventKey: mail.eventKey }, "mail sent");
    return "sent" as const;
  }

  async function deliverDue(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
    for (;;) {
      const now = clock.now();
      const leaseUntil = new Date(now.getTime() + policy.leaseMs).toISOString();
      const batch = await leaseDueMail(db, now.toISOString(), leaseUntil, policy.batchSize);
      if (batch.length === 0) return report;
      for (const mail of batch) report[await deliverOne({ ...mail, leaseUntil })] += 1;
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let runAgain = false;
  let stopped = false;

  async function runUntilQuiet(): Promise<void> {
    do {
      runAgain = false;
      try {
        await deliverDue();
      } catch (error) {
        // A database hiccup: leased rows come back after their lease; the next poll retries.
        logger.error({ reason: describeError(error) }, "mail delivery run failed");
      }
    } while (runAgain && !stopped);
  }

  function notify(): void {
    if (stopped) return;
    if (running) {
      runAgain = true;
      return;
    }
    running = runUntilQuiet().finally(() => (running = undefined));
  }

  return {
    deliverDue,
    notify,
    start: () => {
      if (timer || stopped) return;
      timer = setInterval(notify, policy.pollMs);
      timer.unref();
      notify();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      deps.transport.close();
    },
  };
}
