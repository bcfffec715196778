/**
 * Where a command's password comes from: standard input with --password-stdin, else
 * FIRMTIME_PASSWORD, else a prompt on the terminal that does not echo what is typed.
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
