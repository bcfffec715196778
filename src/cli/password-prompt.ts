/**
 * Where a command's password comes from: standard input with --password-stdin, else
 * FIRMTIME_PASSWORD, else a prompt on the terminal that does not echo what is typed. And the
 * second factor of an account with two-factor sign-in: --code, else FIRMTIME_CODE, else a prompt.
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { invalid } from "../domain/errors.js";

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}

/** Asks on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  process.stderr.write(question);
  const reader = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    reader.question("", (answer) => {
      reader.close();
      process.stderr.write("\n");
      resolve(answer);
    });
  });
}

/** What the prompt reads: a command's environment and, in tests, its standard input. */
interface PasswordSource {
  io: { env: Record<string, string | undefined>; readStdin?: () => Promise<string> };
}

export async function password(ctx: PasswordSource, fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) return (await (ctx.io.readStdin ?? readAllStdin)()).replace(/\r?\n$/, "");
  if (ctx.io.env.FIRMTIME_PASSWORD) return ctx.io.env.FIRMTIME_PASSWORD;
  if (!process.stdin.isTTY) throw invalid("no password: pass --password-stdin or set FIRMTIME_PASSWORD");
  return promptHidden("Password: ");
}

/** A code from the authenticator app (6 digits) or, anything else, a recovery code. */
export type SecondFactor = { code: string } | { recoveryCode: string };

export async function secondFactor(ctx: PasswordSource, given: string | undefined): Promise<SecondFactor> {
  const text = (
    given ??
    ctx.io.env.FIRMTIME_CODE ??
    (process.stdin.isTTY ? await promptHidden("Two-factor code (or a recovery code): ") : "")
  ).trim();
  if (!text)
    throw invalid("this account signs in with a two-factor code: pass --code CODE or set FIRMTIME_CODE");
  return /^\d{3} ?\d{3}$/.test(text) ? { code: text.replace(" ", "") } : { recoveryCode: text };
}
