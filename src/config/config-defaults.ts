/** The server's defaults, apart from config.ts so the CLI can show them without loading zod. */
export const DEFAULT_CONFIG = {
  host: "127.0.0.1",
  port: 8080,
  dataDir: "./firmtime-data",
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  linkValidHours: 48,
  bodyLimitBytes: 1_048_576,
  /** The largest file one upload may carry (an expense receipt): 10 MiB. */
  uploadLimitBytes: 10_485_760,
  /** The region the S3 client signs for when --s3-bucket is set and --s3-region is not. */
  s3Region: "us-east-1",
  mailFrom: "firmtime <no-reply@localhost>",
  logLevel: "info",
  secureCookies: true,
} as const;
