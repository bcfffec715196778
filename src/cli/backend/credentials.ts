/**
 * Where `firmtime login` keeps API tokens: one per firm URL, in a file only the user can read
 * ($FIRMTIME_CONFIG_DIR, else $XDG_CONFIG_HOME/firmtime, else ~/.config/firmtime).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { AppError, invalid } from "../../domain/errors.js";

export interface CloudCredential {
  /** The firm's base URL, e.g. https://cloud.example/f/smith */
  firmUrl: string;
  email: string;
  tokenId: string;
  token: string;
}

function configDir(env: Record<string, string | undefined>): string {
  return env.FIRMTIME_CONFIG_DIR ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), "firmtime");
}

const credentialsFile = (env: Record<string, string | undefined>) => join(configDir(env), "credentials.json");

/** "https://host/f/slug/" or "https://host/f/slug/api/v1" -> "https://host/f/slug". */
export function normaliseFirmUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`${JSON.stringify(text)} is not a URL (e.g. https://cloud.example/f/yourfirm)`);
  }
  const match = /^(\/f\/[a-z0-9-]+)/.exec(url.pathname);
  if (!match || !/^https?:$/.test(url.protocol))
    throw invalid(`${text} is not a firm URL (it looks like https://cloud.example/f/yourfirm)`);
  return `${url.origin}${match[1]}`;
}

export function readCredentials(env: Record<string, string | undefined>): CloudCredential[] {
  const file = credentialsFile(env);
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, "utf8")) as CloudCredential[];
}

export function saveCredential(env: Record<string, string | undefined>, credential: CloudCredential): void {
  const dir = configDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const others = readCredentials(env).filter((c) => c.firmUrl !== credential.firmUrl);
  const file = credentialsFile(env);
  writeFileSync(file, JSON.stringify([...others, credential], null, 2) + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
}

export function removeCredential(
  env: Record<string, string | undefined>,
  firmUrl: string,
): CloudCredential | undefined {
  const all = readCredentials(env);
  const found = all.find((c) => c.firmUrl === firmUrl);
  if (found)
    writeFileSync(
      credentialsFile(env),
      JSON.stringify(
        all.filter((c) => c !== found),
        null,
        2,
      ) + "\n",
      { mode: 0o600 },
    );
  return found;
}

export function credentialFor(env: Record<string, string | undefined>, firmUrl: string): CloudCredential {
  const found = readCredentials(env).find((c) => c.firmUrl === firmUrl);
  if (!found)
    throw new AppError(
      "UNAUTHENTICATED",
      `not signed in to ${firmUrl}; run: firmtime login ${firmUrl} --email YOU`,
    );
  return found;
}
