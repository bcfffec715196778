/**
 * The server's configuration: one validated, frozen object built at start-up from flags and
 * FIRMTIME_* environment variables. A wrong setting stops start-up with a message naming it.
 */
import { z } from "zod";
import { invalid } from "../domain/errors.js";
import { DEFAULT_CONFIG } from "./config-defaults.js";

const configSchema = z
  .object({
    host: z.string().min(1),
    port: z.coerce.number().int().min(0).max(65_535),
    /** Folder for the embedded SQLite store (the default), or a postgres:// URL. */
    dataDir: z.string().min(1),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional(),
    /** The address people reach the server at, used in emailed links. */
    publicUrl: z.url(),
    sessionIdleMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    sessionAbsoluteHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    linkValidHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 14),
    bodyLimitBytes: z.coerce
      .number()
      .int()
      .min(1_024)
      .max(100 * 1_048_576),
    smtpUrl: z
      .string()
      .regex(/^smtps?:\/\//, "must be smtp:// or smtps://")
      .optional(),
    mailFrom: z.string().min(3),
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
    secureCookies: z.boolean(),
  })
  .strict();

export type ServerConfig = Readonly<z.infer<typeof configSchema>>;

export { DEFAULT_CONFIG };

const ENV_NAMES: Record<string, string> = {
  host: "FIRMTIME_HOST",
  port: "FIRMTIME_PORT",
  dataDir: "FIRMTIME_DATA_DIR",
  databaseUrl: "FIRMTIME_DATABASE_URL",
  publicUrl: "FIRMTIME_PUBLIC_URL",
  smtpUrl: "FIRMTIME_SMTP_URL",
  mailFrom: "FIRMTIME_MAIL_FROM",
  logLevel: "FIRMTIME_LOG_LEVEL",
  sessionIdleMinutes: "FIRMTIME_SESSION_IDLE_MINUTES",
  sessionAbsoluteHours: "FIRMTIME_SESSION_ABSOLUTE_HOURS",
};

/** Flags win over the environment, which wins over the defaults. */
export function loadConfig(
  flags: Record<string, unknown>,
  env: Record<string, string | undefined>,
): ServerConfig {
  const fromEnv: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES))
    if (env[name] !== undefined && env[name] !== "") fromEnv[key] = env[name];
  const merged: Record<string, unknown> = { ...DEFAULT_CONFIG, ...fromEnv };
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) merged[key] = value;
  merged.publicUrl ??= `http://${String(merged.host)}:${String(merged.port)}`;
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? "config");
    throw invalid(`configuration ${key}${ENV_NAMES[key] ? ` (${ENV_NAMES[key]})` : ""}: ${issue.message}`);
  }
  return Object.freeze(parsed.data);
}
