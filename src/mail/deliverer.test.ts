import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../store/database.js";
import { movableClock } from "../test-support/server.js";
import { startTestSmtp, type TestSmtp } from "../test-support/smtp-server.js";
import { ENGINES, openTestStore } from "../test-support/stores.js";
import { createMailDeliverer, type DeliveryPolicy, type MailLogger } from "./deliverer.js";
import { enqueueMail } from "./enqueue.js";
import { findMailByEventKey, leaseDueMail } from "./outbox-store.js";
import { createSmtpTransport, mailDomain, type MailTransport } from "./smtp-transport.js";

const FIRM = "0190a000-0000-7000-8000-000000000001";

function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const log =
    (level: string) =>
    (_details: object, message: string): void =>
      void lines.push({ level, message });
  const logger: MailLogger = { info: log("info"), warn: log("warn"), error: log("error") };
  return { logger, lines };
}

/**
 * A transport whose process "dies" mid-send: its promise never settles, so nothing is ever
 * recorded. `reached` resolves once the send began (after sendFirst, if given, delivered).
 */
function dyingTransport(sendFirst?: MailTransport) {
  let began: () => void = () => {};
  const reached = new Promise<void>((resolve) => (began = resolve));
  const transport: MailTransport = {
    async send(mail) {
      if (sendFirst) await sendFirst.send(mail);
      began();
      await new Promise(() => {});
    },
    close: () => {},
  };
  return { transport, reached };
}

describe.each(ENGINES)("mail delivery on %s", (engine) => {
  const clock = movableClock("2026-06-15T12:00:00Z");
  let store: Store;
  let smtp: TestSmtp;

  beforeAll(async () => {
    store = await openTestStore(engine);
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp?.stop();
    await store?.close();
  });

  const deliverer = (transport?: MailTransport, policy: Partial<DeliveryPolicy> = {}) => {
    const { logger, lines } = recordingLogger();
    const made = createMailDeliverer({
      store,
      clock,
      transport: transport ?? createSmtpTransport(smtp.url, "firmtime <no-reply@firm.test>"),
      logger,
      messageIdDomain: "firm.test",
      policy,
    });
    return Object.assign(made, { lines });
  };
  const queue = (eventKey: string, to: string) =>
    enqueueMail(store.db, clock, {
      firmId: FIRM,
      eventKey,
      to,
      subject: `About ${eventKey}`,
      text: `Hello ${to},\nthis is ${eventKey}.`,
    });
  const receivedBy = (to: string) => smtp.received.filter((mail) => mail.to.includes(to));

  it("sends a queued email with a Message-ID derived from its outbox row, and marks it sent", async () => {
    expect(await queue("welcome:1", "one@x.test")).toBe(true);
    expect(await deliverer().deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [mail] = receivedBy("one@x.test");
    expect(mail).toMatchObject({ subject: "About welcome:1", text: "Hello one@x.test,\nthis is welcome:1." });
    const row = (await findMailByEventKey(store.db, "welcome:1"))!;
    expect(row).toMatchObject({ status: "sent", attempts: 1, leaseUntil: null });
    expect(row.messageId).toBe(`<${row.id}@firm.test>`);
    expect(mail!.messageId).toBe(row.messageId);
  });

  it("queues one email per event: the same event enqueued twice sends one email", async () => {
    expect(await queue("invoice:7", "two@x.test")).toBe(true);
    expect(await queue("invoice:7", "two@x.test")).toBe(false);
    await deliverer().deliverDue();
    await deliverer().deliverDue();
    expect(receivedBy("two@x.test")).toHaveLength(1);
  });

  it("retries a refused email with backoff and delivers it once the SMTP server accepts", async () => {
    await queue("refused:1", "three@x.test");
    smtp.refuse = true;
    const sender = deliverer();
    expect(await sender.deliverDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const row = (await findMailByEventKey(store.db, "refused:1"))!;
    expect(row).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: "2026-06-15T12:00:30.000Z" });
    expect(row.lastError).toMatch(/try again later/);
    expect(sender.lines).toContainEqual({ level: "warn", message: "mail delivery failed; will retry" });
    smtp.refuse = false;
    expect(await sender.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock.advance(30_000);
    expect(await sender.deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(receivedBy("three@x.test")).toHaveLength(1);
  });

  it("retries while the SMTP server is down and delivers once it is back", async () => {
    await queue("down:1", "four@x.test");
    await smtp.stop();
    const sender = deliverer();
    expect((await sender.deliverDue()).retrying).toBe(1);
    clock.advance(30_000);
    expect((await sender.deliverDue()).retrying).toBe(1);
    const row = (await findMailByEventKey(store.db, "down:1"))!;
    expect(row.attempts).toBe(2);
    expect(Date.parse(row.nextAttemptAt) - clock.now().getTime()).toBe(120_000);
    await smtp.start();
    clock.advance(120_000);
    expect((await sender.deliverDue()).sent).toBe(1);
    expect(receivedBy("four@x.test")).toHaveLength(1);
  });

  it("marks an email failed and logs an error after the last attempt", async () => {
    await queue("hopeless:1", "five@x.test");
    smtp.refuse = true;
    const sender = deliverer(undefined, { maxAttempts: 2 });
    await sender.deliverDue();
    clock.advance(30_000);
    expect(await sender.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    smtp.refuse = false;
    clock.advance(24 * 3_600_000);
    expect((await sender.deliverDue()).sent).toBe(0);
    expect(await findMailByEventKey(store.db, "hopeless:1")).toMatchObject({ status: "failed", attempts: 2 });
    expect(sender.lines.some((line) => line.level === "error")).toBe(true);
    expect(receivedBy("five@x.test")).toHaveLength(0);
  });

  it("recovers a row whose sender died after leasing it, once the lease expires, and sends it once", async () => {
    await queue("crash:1", "six@x.test");
    const dying = dyingTransport();
    void deliverer(dying.transport).deliverDue();
    await dying.reached;
    const restarted = deliverer();
    expect((await restarted.deliverDue()).sent).toBe(0);
    clock.advance(5 * 60_000 + 1);
    expect((await restarted.deliverDue()).sent).toBe(1);
    expect(receivedBy("six@x.test")).toHaveLength(1);
  });

  it("re-sends with the same Message-ID when the sender died after the SMTP server accepted", async () => {
    await queue("crash:2", "seven@x.test");
    const dying = dyingTransport(createSmtpTransport(smtp.url, "a@firm.test"));
    void deliverer(dying.transport).deliverDue();
    await dying.reached;
    clock.advance(5 * 60_000 + 1);
    expect((await deliverer().deliverDue()).sent).toBe(1);
    const copies = receivedBy("seven@x.test");
    expect(copies).toHaveLength(2);
    expect(copies[0]!.messageId).toBe(copies[1]!.messageId);
  });

  it("never lets two deliverers send the same row: each email arrives once", async () => {
    for (let i = 0; i < 6; i++) await queue(`race:${i}`, `race${i}@x.test`);
    const reports = await Promise.all([deliverer().deliverDue(), deliverer().deliverDue()]);
    expect(reports[0].sent + reports[1].sent).toBe(6);
    for (let i = 0; i < 6; i++) expect(receivedBy(`race${i}@x.test`)).toHaveLength(1);
  });

  it("wakes at once on notify, without waiting for the poll", async () => {
    const sender = deliverer(undefined, { pollMs: 3_600_000 });
    sender.start();
    await queue("wake:1", "eight@x.test");
    sender.notify();
    await smtp.waitFor((mail) => mail.to.includes("eight@x.test"), 3_000);
    await sender.stop();
  });

  it("leases a due row to one caller only", async () => {
    await queue("lease:1", "nine@x.test");
    const now = clock.now().toISOString();
    const until = new Date(clock.now().getTime() + 60_000).toISOString();
    const first = await leaseDueMail(store.db, now, until, 100);
    expect(first.map((mail) => mail.eventKey)).toContain("lease:1");
    expect(await leaseDueMail(store.db, now, until, 100)).toEqual([]);
    clock.advance(60_000);
    expect((await deliverer().deliverDue()).sent).toBeGreaterThanOrEqual(1);
  });
});

describe("mail settings", () => {
  it("takes Message-ID domains from the From address", () => {
    expect(mailDomain("firmtime <no-reply@Smith.Example>")).toBe("smith.example");
    expect(mailDomain("ops@x.test")).toBe("x.test");
    expect(mailDomain("nobody")).toBe("firmtime.invalid");
  });
});
