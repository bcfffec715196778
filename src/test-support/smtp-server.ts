/**
 * A real SMTP server for tests (the smtp-server package) on 127.0.0.1 and a free port. It
 * keeps every message it accepts, can be told to refuse messages, and can be stopped and
 * started again on the same port to play an SMTP server that is down for a while.
 */
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "./global-setup.js";

export interface ReceivedMail {
  to: string[];
  messageId: string;
  subject: string;
  /** The decoded text body (of a multipart message, its text/plain part). */
  text: string;
  /** The HTML part, when there is one. */
  html: string | null;
  /** The From and Reply-To headers as sent. */
  from: string;
  replyTo: string;
  /** The message as it came over SMTP, for checks of its signature and headers. */
  raw: Buffer;
}

export interface TestSmtp {
  readonly url: string;
  readonly received: ReceivedMail[];
  /** While true, every message is refused with a temporary 451 error. */
  refuse: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The first received message matching, waiting for it up to timeoutMs. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
}

/** Reads a message as a mail client would (multipart, encodings, headers). */
export async function parseMessage(raw: Buffer, to: string[]): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw);
  const address = (value: AddressObject | AddressObject[] | undefined): string =>
    value ? (Array.isArray(value) ? value.map((v) => v.text).join(", ") : value.text) : "";
  return {
    to,
    messageId: parsed.messageId ? `<${parsed.messageId.replace(/^<|>$/g, "")}>` : "",
    subject: parsed.subject ?? "",
    text: (parsed.text ?? "").replace(/\r\n/g, "\n").replace(/\n$/, ""),
    html: typeof parsed.html === "string" ? parsed.html : null,
    from: address(parsed.from),
    replyTo: address(parsed.replyTo),
    raw,
  };
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const port = await freePort();
  let server: SMTPServer | undefined;
  const smtp: TestSmtp = {
    url: `smtp://127.0.0.1:${port}`,
    received: [],
    refuse: false,
    start: () =>
      new Promise((resolve) => {
        server = new SMTPServer({
          authOptional: true,
          disabledCommands: ["STARTTLS", "AUTH"],
          logger: false,
          // Tests stop and start it at will; do not wait for idle clients to leave.
          closeTimeout: 100,
          onData(stream, session, callback) {
            const chunks: Buffer[] = [];
            stream.on("data", (chunk: Buffer) => chunks.push(chunk));
            stream.on("end", () => {
              if (smtp.refuse) {
                callback(Object.assign(new Error("try again later"), { responseCode: 451 }));
                return;
              }
              const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
              parseMessage(Buffer.concat(chunks), to).then(
                (mail) => {
                  smtp.received.push(mail);
                  callback();
                },
                (error: Error) => callback(error),
              );
            });
          },
        });
        server.listen(port, "127.0.0.1", () => resolve());
      }),
    stop: () =>
      new Promise((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server = undefined;
      }),
    async waitFor(match, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = smtp.received.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error("no matching email arrived");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
  await smtp.start();
  return smtp;
}

/** The first link in a message's text that contains `path` (e.g. "/activate?token="). */
export function linkIn(mail: ReceivedMail, path: string): string {
  const link = mail.text.split(/\s+/).find((word) => word.startsWith("http") && word.includes(path));
  if (!link) throw new Error(`no ${path} link in: ${mail.text}`);
  return link;
}

export const tokenOf = (link: string): string => new URL(link).searchParams.get("token") ?? "";
