/**
 * A real SMTP server for tests (the smtp-server package) on 127.0.0.1 and a free port. It
 * keeps every message it accepts, can be told to refuse messages, and can be stopped and
 * started again on the same port to play an SMTP server that is down for a while.
 */
import { SMTPServer } from "smtp-server";
import { freePort } from "./global-setup.js";

export interface ReceivedMail {
  to: string[];
  messageId: string;
  subject: string;
  /** The decoded text body. */
  text: string;
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

function headerOf(head: string, name: string): string {
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : "";
}

function decodeBody(body: string, encoding: string): string {
  if (encoding.toLowerCase() === "base64") return Buffer.from(body, "base64").toString("utf8");
  if (encoding.toLowerCase() !== "quoted-printable") return body;
  const latin1 = body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(latin1, "latin1").toString("utf8");
}

export function parseMessage(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4).replace(/\r\n$/, "");
  return {
    to,
    messageId: headerOf(head, "Message-ID"),
    subject: headerOf(head, "Subject"),
    text: decodeBody(body, headerOf(head, "Content-Transfer-Encoding")).replace(/\r\n/g, "\n"),
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
              smtp.received.push(parseMessage(Buffer.concat(chunks).toString("utf8"), to));
              callback();
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
