/**
 * The `firmtime` command. Each capability registers its commands from its own file under
 * commands/. Errors a user can cause print one line and exit 1; usage errors exit 2.
 */
import { Command, CommanderError, type ParseOptionsResult } from "commander";
import { isAppError } from "../domain/errors.js";
import { CommandContext, processIo, type CliIo, type GlobalOptions, type Register } from "./context.js";
import { registerEntryCommands } from "./commands/entries.js";
import { registerCloudFirmCommands } from "./commands/cloud-firm.js";
import { registerFirmCommands } from "./commands/firm.js";
import { registerGenerateCommands } from "./commands/generate.js";
import { registerImportCommands } from "./commands/import.js";
import { registerLoginCommands } from "./commands/login.js";
import { registerProtectionCommands } from "./commands/protection.js";
import { registerRecordCommands } from "./commands/records.js";
import { registerReportCommands } from "./commands/report.js";
import { registerDesktopCommands } from "./commands/desktop.js";
import { registerIntegrateCommands } from "./commands/integrate.js";
import { registerMergeCommands } from "./commands/merge.js";
import { registerServeCommands } from "./commands/serve.js";
import { registerAccountingCommands } from "./commands/accounting.js";
import { registerConnectorCommands } from "./commands/connector.js";

const REGISTRATIONS: Register[] = [
  registerLoginCommands,
  registerProtectionCommands,
  registerFirmCommands,
  // After registerFirmCommands: adds `firm create` to its `firm` command.
  registerCloudFirmCommands,
  registerRecordCommands,
  registerEntryCommands,
  registerReportCommands,
  registerImportCommands,
  registerServeCommands,
  registerMergeCommands,
  registerIntegrateCommands,
  registerDesktopCommands,
  registerGenerateCommands,
  registerAccountingCommands,
  registerConnectorCommands,
];

/**
 * Commander checks a command's required options before its unknown ones, so a mistyped
 * `--duraton` was reported as a missing `--duration`. Here a command without subcommands reports
 * an unknown option as soon as its options are parsed, before the required ones are checked.
 */
class FirmtimeCommand extends Command {
  override createCommand(name?: string): Command {
    return new FirmtimeCommand(name);
  }

  override parseOptions(argv: string[]): ParseOptionsResult {
    const parsed = super.parseOptions(argv);
    // The first unknown argument starts the unknown ones; help flags land there too and win.
    const [first] = parsed.unknown;
    if (this.commands.length === 0 && first?.startsWith("-") && !parsed.unknown.some(isHelpFlag)) {
      // Commander's own report, with its "did you mean" suggestion (not in its typings, but the
      // method it calls for this after the required options); the plain message otherwise.
      (this as unknown as { unknownOption?: (flag: string) => never }).unknownOption?.(first);
      this.error(`error: unknown option '${first}'`, { code: "commander.unknownOption" });
    }
    return parsed;
  }
}

const isHelpFlag = (arg: string) => arg === "-h" || arg === "--help";

/** Commander's message as one line: "unknown option '--x'; did you mean --y?". */
const oneLine = (message: string): string =>
  message
    .replace(/^error: /, "")
    .replace(/\n\(Did you mean (.+)\?\)$/, "; did you mean $1?")
    .replace(/\s*\n\s*/g, " ");

export function buildProgram(io: CliIo): { program: Command; context: () => CommandContext } {
  const program = new FirmtimeCommand("firmtime")
    .description("Time & billing and practice management for accounting firms")
    .option("-f, --file <path>", "the firm file (default: $FIRMTIME_FILE)")
    .option(
      "--cloud <url>",
      "act on a cloud firm instead, e.g. https://cloud.example/f/smith (default: $FIRMTIME_CLOUD)",
    )
    .option("--json", "print JSON instead of text")
    .option("--as <email>", "on a protected firm file: the user to act as (default: $FIRMTIME_EMAIL)")
    .option("--password-stdin", "read the password for --as from standard input")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} });
  const context = () => new CommandContext(io, program.opts<GlobalOptions>());
  for (const register of REGISTRATIONS) register(program, context);
  // Subcommands inherit the error handling, and accept the global options after their name too.
  program.commands.forEach(function configure(command: Command) {
    command
      .exitOverride()
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} });
    command.commands.forEach(configure);
  });
  return { program, context };
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const { program } = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.exitCode === 0
      )
        return 0;
      io.stderr(`firmtime: ${oneLine(error.message)}\n`);
      return 2;
    }
    if (isAppError(error)) {
      io.stderr(`firmtime: ${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`firmtime: internal error: ${message}\n`);
    return 70;
  }
}
