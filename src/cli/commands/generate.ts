/**
 * `firmtime generate FILE --scale S|M|L --seed N [--admin-password-stdin]`: a new firm file
 * holding a deterministic synthetic firm, for benchmarks (src/generate/).
 */
import type { SingleBar } from "cli-progress";
import { AppError, invalid } from "../../domain/errors.js";
import { isScale, MAX_SEED, SCALES, type Scale } from "../../generate/firm-shape.js";
import type { CommandContext } from "../context.js";
import { optionValue } from "../context.js";
import type { Register } from "../context.js";
import { password } from "../password-prompt.js";
import { awaitStopSignal } from "./serve.js";

const count = (n: number): string => n.toLocaleString("en-US");

const scaleLines = (): string =>
  Object.entries(SCALES)
    .map(
      ([name, size]) =>
        `  ${name}  ${count(size.staff).padStart(4)} staff, ${count(size.clients).padStart(6)} clients, ` +
        `${count(size.timeEntries).padStart(9)} time entries, ${count(size.expenseEntries).padStart(7)} expenses`,
    )
    .join("\n");

const help = () => `
Scales (four years of history, 2022-2025; expenses are a tenth of the time entries):
${scaleLines()}
On 2 cores: S about 3 s, M about a minute (a 1.9 GB file), L about 7 minutes (9.5 GB).

The firm: staff in groups (S1 is the managing partner), clients with partner and manager (a few
large ones carry most of the hours; client FIRM takes internal time; inactive clients closed
before the history starts), time and expense work codes, rates
with history (staff, work-code and client rates, several effective dates each), and entries on
workdays in 6-minute steps with about 1 % negative adjustments, priced by the product's own rate
resolution and rounding. Old work is billed, recent work draft or submitted; no lock date.

The same scale and seed give the same records, ids included, on every machine; the file's own
replica id and journal clock differ. Two files of one seed share record ids, so integrate at
most one of them into a cloud.

Every record is journaled as if typed in, so the file can be integrated. With
--admin-password-stdin, protection is on and S1 is an Admin with that password; the command
prints S1's email. Then create the cloud firm with that email and run
  firmtime integrate FILE --cloud URL --as EMAIL

Nothing is left behind when generation fails or is interrupted (Ctrl-C): the file is written
under a hidden name beside FILE (.FILE.PID.generating) and named FILE only once complete.

Example:
  echo "a long admin password" | firmtime generate bench-m.firm --scale M --seed 1 --admin-password-stdin
`;

function parseScale(text: string): Scale {
  const scale = text.trim().toUpperCase();
  if (!isScale(scale)) throw invalid(`--scale: ${JSON.stringify(text)} is not a scale: S, M or L`);
  return scale;
}

function parseSeed(text: string): number {
  return optionValue("seed", text, (value) => {
    const trimmed = value.trim();
    if (!/^\d+$/.test(trimmed) || Number(trimmed) > MAX_SEED)
      throw invalid(`${JSON.stringify(value)} is not a whole number from 0 to ${MAX_SEED}`);
    return Number(trimmed);
  });
}

/** A progress bar on a terminal (cli-progress); nothing otherwise. */
async function progressBar(
  ctx: CommandContext,
): Promise<{ update(done: number, total: number): void; stop(): void }> {
  if (!ctx.io.interactive) return { update: () => {}, stop: () => {} };
  const { default: progress } = await import("cli-progress");
  let bar: SingleBar | undefined;
  return {
    update(done, total) {
      if (!bar) {
        bar = new progress.SingleBar(
          {
            stream: process.stderr,
            format: "Generating {bar} {percentage}% | {value}/{total} records | {eta_formatted} left",
            hideCursor: true,
            clearOnComplete: true,
            etaBuffer: 20,
          },
          progress.Presets.shades_classic,
        );
        bar.start(total, done);
      } else bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}

export const registerGenerateCommands: Register = (program, context) => {
  program
    .command("generate <file>")
    .description(
      "create a firm file holding a synthetic firm for benchmarks (S, M or L; same seed, same firm)",
    )
    .requiredOption("--scale <scale>", "S, M or L")
    .requiredOption("--seed <n>", `the random seed, a whole number from 0 to ${MAX_SEED}`)
    .option(
      "--admin-password-stdin",
      "turn protection on, staff S1 an Admin with the password read from standard input",
    )
    .addHelpText("after", help)
    .action(async (file: string, options: { scale: string; seed: string; adminPasswordStdin?: boolean }) => {
      const ctx = context();
      const scale = parseScale(options.scale);
      const seed = parseSeed(options.seed);
      const { existsSync } = await import("node:fs");
      if (existsSync(file))
        throw new AppError("FILE_EXISTS", `${file} already exists; generate only creates new firm files`);
      const adminPassword = options.adminPasswordStdin ? await password(ctx, true) : undefined;
      const { generateFirmFile } = await import("../../generate/generate-firm.js");

      const abort = new AbortController();
      const stop = awaitStopSignal();
      void stop.received.then(() => abort.abort());
      const bar = await progressBar(ctx);
      const started = performance.now();
      try {
        const firm = await generateFirmFile(file, {
          scale,
          seed,
          adminPassword,
          signal: abort.signal,
          onProgress: (done, total) => bar.update(done, total),
        });
        bar.stop();
        const seconds = (performance.now() - started) / 1000;
        const records = firm.timeEntries + firm.expenseEntries;
        ctx.output({ file, scale, seed, ...firm, protection: adminPassword !== undefined, seconds }, () =>
          [
            `Created ${file}: synthetic firm, scale ${scale}, seed ${seed}\n`,
            `  ${count(firm.staff)} staff, ${count(firm.clients)} clients, ${count(firm.timeEntries)} time entries, ${count(firm.expenseEntries)} expense entries\n`,
            adminPassword !== undefined
              ? `  protection on; Admin: ${firm.adminEmail} (staff S1)\n`
              : `  protection off (to integrate: --admin-password-stdin, or firmtime protection on --admin S1)\n`,
            `  in ${seconds.toFixed(1)} s (${count(Math.round(records / seconds))} entries/s)\n`,
          ].join(""),
        );
      } catch (error) {
        bar.stop();
        if (abort.signal.aborted) throw invalid(`interrupted: ${file} was not created`);
        throw error;
      } finally {
        stop.dispose();
      }
    });
};
