/**
 * The server's configuration: one validated, frozen object built at start-up from flags and
 * FIRMTIME_* environment variables. A wrong setting stops start-up with a message naming it.
 */
import { isIP } from "node:net";
import { z } from "zod";
import { invalid } from "../domain/errors.js";
import { mailDomain } from "../mail/smtp-transport.js";
import { DEFAULT_CONFIG } from "./config-defaults.js";

/** A DNS name of letters, digits and dashes; all-numeric names are IPv4 addresses or mistakes. */
const HOST_NAME =
  /^(?=.{1,253}$)(?!\d+(\.\d+)*$)[a-z\d]([a-z\d-]{0,61}[a-z\d])?(\.[a-z\d]([a-z\d-]{0,61}[a-z\d])?)*$/i;

const PORT = "must be a whole number from 0 to 65535 (0: any free port)";
const UPLOAD_LIMIT = "must be a whole number of bytes from 1024 to 1073741824 (1 GiB)";
const JOB_POLL = "must be a whole number of milliseconds from 100 to 3600000 (1 hour)";
const JOB_LEASE = "must be a whole number of milliseconds from 1000 to 86400000 (1 day)";

/** A whole number given as a number or as digits (a flag or variable), within [min, max]. */
const wholeNumber = (min: number, max: number, message: string) =>
  z.preprocess(
    (value) => (typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );

const configSchema = z
  .object({
    host: z
      .string()
      .refine((host) => isIP(host) !== 0 || HOST_NAME.test(host), "is not an IP address or a host name"),
    port: z.preprocess(
      (value) => (typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
      z.number({ error: PORT }).int(PORT).min(0, PORT).max(65_535, PORT),
    ),
    /** Folder for the embedded SQLite store (the default), or a postgres:// URL. */
    dataDir: z.string().min(1),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional(),
    /** The address people reach the server at, used in emailed links; default http://HOST:PORT. */
    publicUrl: z.url({ error: "is not a URL (such as https://time.example.com)" }).optional(),
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
    uploadLimitBytes: wholeNumber(1_024, 1_073_741_824, UPLOAD_LIMIT),
    /** The job runner's poll and lease, per process (a test of killed workers uses short leases). */
    jobPollMs: wholeNumber(100, 3_600_000, JOB_POLL),
    jobLeaseMs: wholeNumber(1_000, 86_400_000, JOB_LEASE),
    /** Files go to this S3-compatible bucket instead of the data folder's files/ folder. */
    s3Bucket: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        "is not a bucket name (3-63 lower-case letters, digits, dots, dashes)",
      )
      .optional(),
    /** An S3-compatible server's address (MinIO, Ceph, R2...); none: AWS S3 itself. */
    s3Endpoint: z.url({ protocol: /^https?$/, error: "is not an http:// or https:// URL" }).optional(),
    s3Region: z.string().regex(/^[a-z0-9-]{1,40}$/, "is not a region name (such as us-east-1)"),
    /** Both or neither; neither: the AWS SDK's own chain (AWS_* variables, instance roles). */
    s3AccessKeyId: z.string().min(1).optional(),
    s3SecretAccessKey: z.string().min(1).optional(),
    smtpUrl: z
      .string()
      .regex(/^smtps?:\/\//, "must be smtp:// or smtps://")
      .optional(),
    mailFrom: z.string().min(3),
    /**
     * DKIM signing of every email (all three or none): the signing domain (the From address's or
     * a parent of it, so DMARC aligns), the selector whose TXT record publishes the public key,
     * and the PEM file of the private key (read once at start).
     */
    dkimDomain: z
      .string()
      .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, "is not a domain name")
      .optional(),
    dkimSelector: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/i, "is not a DKIM selector (letters, digits, . _ -)")
      .optional(),
    dkimKeyFile: z.string().min(1).optional(),
    /**
     * The firm-facing QuickBooks Online app (both or neither): without them firms cannot connect
     * QuickBooks Online, and the other targets (IIF, hledger) still work. The URLs are Intuit's
     * by default; tests point them at the QBO-compatible server on loopback.
     */
    qboClientId: z.string().min(1).optional(),
    qboClientSecret: z.string().min(1).optional(),
    qboApiUrl: z.url({ protocol: /^https?$/, error: "is not an http:// or https:// URL" }),
    qboTokenUrl: z.url({ protocol: /^https?$/, error: "is not an http:// or https:// URL" }),
    qboAuthorizeUrl: z.url({ protocol: /^https?$/, error: "is not an http:// or https:// URL" }),
    /** Requests a minute per company the connector allows itself (Intuit's limit: 500). */
    qboRequestsPerMinute: wholeNumber(1, 100_000, "must be a whole number of requests from 1 to 100000"),
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
    secureCookies: z.boolean(),
  })
  .strict()
  .superRefine((config, context) => {
    const needsBucket = (["s3Endpoint", "s3AccessKeyId", "s3SecretAccessKey"] as const).find(
      (key) => config[key] !== undefined,
    );
    if (needsBucket && config.s3Bucket === undefined)
      context.addIssue({
        code: "custom",
        path: [needsBucket],
        message: "is set but no bucket is (--s3-bucket or FIRMTIME_S3_BUCKET)",
      });
    const dkim = (["dkimDomain", "dkimSelector", "dkimKeyFile"] as const).filter(
      (key) => config[key] !== undefined,
    );
    if (dkim.length > 0 && dkim.length < 3)
      context.addIssue({
        code: "custom",
        path: [dkim[0]!],
        message:
          "needs the other two: set FIRMTIME_DKIM_DOMAIN, FIRMTIME_DKIM_SELECTOR and FIRMTIME_DKIM_KEY_FILE, or none",
      });
    if (config.dkimDomain !== undefined) {
      const from = mailDomain(config.mailFrom);
      const domain = config.dkimDomain.toLowerCase();
      if (from !== domain && !from.endsWith(`.${domain}`))
        context.addIssue({
          code: "custom",
          path: ["dkimDomain"],
          message: `must be the From address's domain (${from}) or a parent of it, or receivers' DMARC checks fail`,
        });
    }
    if ((config.qboClientId === undefined) !== (config.qboClientSecret === undefined)) {
      const given = config.qboClientId === undefined ? "qboClientSecret" : "qboClientId";
      context.addIssue({
        code: "custom",
        path: [given],
        message: "needs its pair: set both FIRMTIME_QBO_CLIENT_ID and FIRMTIME_QBO_CLIENT_SECRET, or neither",
      });
    }
    if ((config.s3AccessKeyId === undefined) !== (config.s3SecretAccessKey === undefined)) {
      const given = config.s3AccessKeyId === undefined ? "s3SecretAccessKey" : "s3AccessKeyId";
      context.addIssue({
        code: "custom",
        path: [given],
        message:
          "needs its pair: set both FIRMTIME_S3_ACCESS_KEY_ID and FIRMTIME_S3_SECRET_ACCESS_KEY, or neither",
      });
    }
  });

export type ServerConfig = Readonly<z.infer<typeof configSchema> & { publicUrl: string }>;

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
  uploadLimitBytes: "FIRMTIME_UPLOAD_LIMIT",
  jobPollMs: "FIRMTIME_JOB_POLL_MS",
  jobLeaseMs: "FIRMTIME_JOB_LEASE_MS",
  s3Bucket: "FIRMTIME_S3_BUCKET",
  s3Endpoint: "FIRMTIME_S3_ENDPOINT",
  s3Region: "FIRMTIME_S3_REGION",
  s3AccessKeyId: "FIRMTIME_S3_ACCESS_KEY_ID",
  s3SecretAccessKey: "FIRMTIME_S3_SECRET_ACCESS_KEY",
  dkimDomain: "FIRMTIME_DKIM_DOMAIN",
  dkimSelector: "FIRMTIME_DKIM_SELECTOR",
  dkimKeyFile: "FIRMTIME_DKIM_KEY_FILE",
  qboClientId: "FIRMTIME_QBO_CLIENT_ID",
  qboClientSecret: "FIRMTIME_QBO_CLIENT_SECRET",
  qboApiUrl: "FIRMTIME_QBO_API_URL",
  qboTokenUrl: "FIRMTIME_QBO_TOKEN_URL",
  qboAuthorizeUrl: "FIRMTIME_QBO_AUTHORIZE_URL",
  qboRequestsPerMinute: "FIRMTIME_QBO_REQUESTS_PER_MINUTE",
};

/** The command-line flag of each setting that has one (serve, firm create, desktop). */
const FLAG_NAMES: Record<string, string> = {
  host: "--host",
  port: "--port",
  dataDir: "--data",
  databaseUrl: "--database",
  publicUrl: "--public-url",
  smtpUrl: "--smtp-url",
  logLevel: "--log-level",
  uploadLimitBytes: "--upload-limit",
  s3Bucket: "--s3-bucket",
  s3Endpoint: "--s3-endpoint",
  s3Region: "--s3-region",
};

/** Settings whose values may hold a password, and so never appear in a message. */
const SECRET_VALUED = new Set([
  "databaseUrl",
  "smtpUrl",
  "s3AccessKeyId",
  "s3SecretAccessKey",
  "qboClientSecret",
]);

/** The address of host:port as a URL (an IPv6 address goes in brackets). */
export const addressUrl = (host: string, port: number | string): string =>
  `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;

/**
 * Flags win over the environment, which wins over the defaults. A wrong setting is named as the
 * person gave it: the flag (`--port abc`) or the variable (`FIRMTIME_PORT=abc`).
 */
export function loadConfig(
  flags: Record<string, unknown>,
  env: Record<string, string | undefined>,
): ServerConfig {
  const given: Record<string, Given> = {};
  const merged: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const [key, name] of Object.entries(ENV_NAMES))
    if (env[name] !== undefined && env[name] !== "") {
      merged[key] = env[name];
      given[key] = { name, flag: false };
    }
  for (const [key, value] of Object.entries(flags))
    if (value !== undefined) {
      merged[key] = value;
      given[key] = { name: FLAG_NAMES[key] ?? key, flag: true };
    }
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? "");
    throw invalid(`${describeSetting(key, merged[key], given[key])}: ${issue.message}`);
  }
  const config = parsed.data;
  return Object.freeze({ ...config, publicUrl: config.publicUrl ?? addressUrl(config.host, config.port) });
}

interface Given {
  /** The flag (--port) or the variable (FIRMTIME_PORT) the setting came from. */
  name: string;
  flag: boolean;
}

/** `--port "abc"`, `FIRMTIME_PORT="abc"`, or `configuration port` for a built-in value. */
function describeSetting(key: string, value: unknown, given: Given | undefined): string {
  if (!given) return `configuration ${key}`;
  if (SECRET_VALUED.has(key)) return given.name;
  return `${given.name}${given.flag ? " " : "="}${JSON.stringify(String(value))}`;
}
