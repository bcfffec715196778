/**
 * What every command gets: where to write, the clock, and how to open the firm file named by
 * --file (or FIRMTIME_FILE). Output is either human text or, with --json, one JSON document.
 */
import { userInfo } from "node:os";
import type { Command } from "commander";
import { AppError, invalid } from "../domain/errors.js";
import { findOnlyFirm } from "../firm-setup/firm-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { systemClock, type Clock } from "../store/clock.js";
import { withAuthor } from "../store/author-context.js";
import { openFirmFile, type Store } from "../store/database.js";
import type { Backend } from "./backend/backend.js";
import { cloudBackend } from "./backend/cloud-backend.js";
import { createCloudClient } from "./backend/cloud-client.js";
import { credentialFor, normaliseFirmUrl } from "./backend/credentials.js";
import { localBackend } from "./backend/local-backend.js";
import type { SecondFactor } from "./password-prompt.js";

/** How a file under commands/ adds its commands to the program (main.ts lists them all). */
export type Register = (program: Command, context: () => CommandContext) => void;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  clock: Clock;
  /** Whether stderr is a terminal (progress bars only then). */
  interactive: boolean;
  /** How the CLI reaches a cloud (tests may pass their own). */
  fetch?: typeof fetch;
  /** Standard input, for --password-stdin and imports from "-". */
  readStdin?: () => Promise<string>;
}

export const processIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  clock: systemClock,
  interactive: Boolean(process.stderr.isTTY),
});

export interface GlobalOptions {
  file?: string;
  cloud?: string;
  json?: boolean;
  /** The user to act as on a protected firm file. */
  as?: string;
  passwordStdin?: boolean;
}

export class CommandContext {
  constructor(
    readonly io: CliIo,
    readonly options: GlobalOptions,
  ) {}

  get json(): boolean {
    return Boolean(this.options.json);
  }

  get filePath(): string {
    const path = this.options.file ?? this.io.env.FIRMTIME_FILE;
    if (!path) throw invalid("no firm file: pass --file PATH (or set FIRMTIME_FILE)");
    return path;
  }

  get actor(): string {
    return this.io.env.FIRMTIME_USER ?? safeUserName();
  }

  /** Opens the firm file, runs the work, closes the file whatever happens. */
  async withFirm<T>(work: (store: Store, scope: FirmScope) => Promise<T>): Promise<T> {
    const store = await openFirmFile(this.filePath);
    try {
      const firm = await findOnlyFirm(store.db);
      // On an unprotected file the author is the desktop's user; a protected file's requests
      // name their signed-in user (auth-plugin.ts) within this.
      return await withAuthor(this.actor, () =>
        work(store, { firm, clock: this.io.clock, actor: this.actor }),
      );
    } finally {
      await store.close();
    }
  }

  /** The cloud firm URL from --cloud (or FIRMTIME_CLOUD), when the command should act on a cloud. */
  get cloudUrl(): string | undefined {
    if (this.options.file) return undefined;
    return this.options.cloud ?? this.io.env.FIRMTIME_CLOUD;
  }

  /** Runs the work against the firm file or, with --cloud, against the cloud as the signed-in user. */
  async withBackend<T>(work: (backend: Backend) => Promise<T>): Promise<T> {
    const cloudUrl = this.cloudUrl;
    if (cloudUrl) {
      const firmUrl = normaliseFirmUrl(cloudUrl);
      const credential = credentialFor(this.io.env, firmUrl);
      return work(await cloudBackend(createCloudClient(firmUrl, credential.token, this.io.fetch)));
    }
    return this.withFirm(async (store, scope) => {
      if (!scope.firm.protection) return work(localBackend(store.db, scope));
      const credentials = await this.fileCredentials();
      // Loaded only for protected files: it brings the whole HTTP app, which most commands never need.
      const { withProtectedFile } = await import("./backend/protected-file.js");
      return withProtectedFile(store, scope.firm, this.io.clock, credentials, async (client) =>
        work(await cloudBackend(client)),
      );
    });
  }

  /** Who signs in to a protected firm file: --as (or FIRMTIME_EMAIL), with FIRMTIME_PASSWORD, stdin or a prompt. */
  private async fileCredentials(): Promise<{
    email: string;
    password: string;
    secondFactor: () => Promise<SecondFactor>;
  }> {
    const email = this.options.as ?? this.io.env.FIRMTIME_EMAIL;
    if (!email)
      throw new AppError(
        "UNAUTHENTICATED",
        "this firm file is protected: sign in with --as EMAIL (password from FIRMTIME_PASSWORD or a prompt)",
      );
    const { password, secondFactor } = await import("./password-prompt.js");
    return {
      email,
      password: await password(this, this.options.passwordStdin),
      secondFactor: () => secondFactor(this, undefined),
    };
  }

  /** Prints `data` as JSON with --json, or the human rendering otherwise. */
  output(data: unknown, human: () => string): void {
    this.io.stdout(this.json ? JSON.stringify(data, null, 2) + "\n" : human());
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return "cli";
  }
}

/** Parses an option value with a domain parser, naming the option in the error. */
export function optionValue<T>(name: string, value: string, parse: (text: string) => T): T {
  try {
    return parse(value);
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError(error.code, `--${name}: ${error.message}`, error.details);
    throw error;
  }
}
