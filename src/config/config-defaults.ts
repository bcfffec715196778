/** The server's defaults, apart from config.ts so the CLI can show them without loading zod. */
export const DEFAULT_CONFIG = {
  host: "127.0.0.1",
  port: 8080,
  dataDir: "./firmtime-data",
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  linkValidHours: 48,
  bodyLimitBytes: 1_048_576,
  mailFrom: "firmtime <no-reply@localhost>",
  logLevel: "info",
  secureCookies: true,
} as const;
