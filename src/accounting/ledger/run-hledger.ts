/**
 * Runs the real hledger (Debian's package, 1.25) on a journal file, without a shell: arguments
 * pass as they are, whatever a name holds.
 */
import { execFile } from "node:child_process";

export const HLEDGER = "/usr/bin/hledger";

/** hledger's stdout; throws with its stderr when it fails (a bad journal, a refused check). */
export function runHledger(args: readonly string[], journalPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      HLEDGER,
      ["-f", journalPath, ...args],
      // hledger reads files in the locale's encoding: without a UTF-8 locale a name like "Søn"
      // stops it with "invalid byte sequence". Journals are always UTF-8, so say so.
      { env: { ...process.env, LC_ALL: "C.UTF-8" }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`hledger ${args.join(" ")} failed: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      },
    );
  });
}
