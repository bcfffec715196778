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
  /** How often the job runner looks for due jobs, in milliseconds. */
  jobPollMs: 10_000,
  /** How long a leased job belongs to its runner before another may take it: 5 minutes. */
  jobLeaseMs: 300_000,
  /** Intuit's QuickBooks Online API (production) and OAuth 2.0 endpoints. */
  qboApiUrl: "https://quickbooks.api.intuit.com/v3/company/",
  qboTokenUrl: "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
  qboAuthorizeUrl: "https://appcenter.intuit.com/connect/oauth2",
  /** Intuit's throttle per company: 500 requests a minute (and 10 at once). */
  qboRequestsPerMinute: 500,
  logLevel: "info",
  secureCookies: true,
} as const;
