/**
 * `firmtime serve`: the cloud. Settings come from flags, then FIRMTIME_* variables, then the
 * defaults, and are validated before anything starts. Runs until SIGINT or SIGTERM, then shuts
 * down gracefully and exits 0; a second signal during shutdown ends the process at once.
 */
import { DEFAULT_CONFIG } from "../../config/config-defaults.js";
import type { Register } from "../context.js";

interface ServeFlags {
  host?: string;
  port?: string;
  data?: string;
  database?: string;
  publicUrl?: string;
  smtpUrl?: string;
  logLevel?: string;
  uploadLimit?: string;
  s3Bucket?: string;
  s3Endpoint?: string;
  s3Region?: string;
  demo?: boolean;
}

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * Listens for the first SIGINT or SIGTERM from now on (a signal during start-up stops the server
 * as soon as it is up). At the first, the handlers go, so a second signal gets Node's default:
 * the process ends at once.
 */
export function awaitStopSignal(): { received: Promise<NodeJS.Signals>; dispose(): void } {
  let dispose = () => {};
  const received = new Promise<NodeJS.Signals>((resolve) => {
    const handlers = SIGNALS.map((signal) => [signal, () => (dispose(), resolve(signal))] as const);
    dispose = () => handlers.forEach(([name, handler]) => process.off(name, handler));
    handlers.forEach(([name, handler]) => process.on(name, handler));
  });
  return { received, dispose };
}

export const registerServeCommands: Register = (program, context) => {
  program
    .command("serve")
    .description("run the cloud server (HTTP API for many firms) until SIGINT or SIGTERM")
    .option("--host <address>", `address to listen on (default ${DEFAULT_CONFIG.host}; FIRMTIME_HOST)`)
    .option("--port <number>", `port; 0 takes any free port (default ${DEFAULT_CONFIG.port}; FIRMTIME_PORT)`)
    .option(
      "--data <dir>",
      `data folder of the embedded SQLite store, created if missing (default ${DEFAULT_CONFIG.dataDir}; FIRMTIME_DATA_DIR)`,
    )
    .option("--database <url>", "a postgres:// URL: PostgreSQL instead of SQLite (FIRMTIME_DATABASE_URL)")
    .option("--public-url <url>", "the address people reach the server at, for links (FIRMTIME_PUBLIC_URL)")
    .option("--smtp-url <url>", "smtp:// or smtps:// server for outgoing mail (FIRMTIME_SMTP_URL)")
    .option(
      "--log-level <level>",
      `fatal, error, warn, info, debug, trace or silent (default ${DEFAULT_CONFIG.logLevel})`,
    )
    .option(
      "--upload-limit <bytes>",
      `largest file one upload may carry, e.g. a receipt (default ${DEFAULT_CONFIG.uploadLimitBytes}; FIRMTIME_UPLOAD_LIMIT)`,
    )
    .option("--s3-bucket <name>", "keep uploaded files in this S3-compatible bucket (FIRMTIME_S3_BUCKET)")
    .option("--s3-endpoint <url>", "an S3-compatible server's address; none: AWS S3 (FIRMTIME_S3_ENDPOINT)")
    .option(
      "--s3-region <region>",
      `the bucket's region (default ${DEFAULT_CONFIG.s3Region}; FIRMTIME_S3_REGION)`,
    )
    .option("--demo", "add the demo firm Harbor & Pine CPAs (once) and print how to sign in")
    .action(async (flags: ServeFlags) => {
      const ctx = context();
      const env = ctx.io.env;
      const { loadConfig } = await import("../../config/config.js");
      const config = loadConfig(
        {
          host: flags.host,
          port: flags.port,
          dataDir: flags.data,
          databaseUrl: flags.database,
          publicUrl: flags.publicUrl,
          smtpUrl: flags.smtpUrl,
          logLevel: flags.logLevel,
          uploadLimitBytes: flags.uploadLimit,
          s3Bucket: flags.s3Bucket,
          s3Endpoint: flags.s3Endpoint,
          s3Region: flags.s3Region,
        },
        env,
      );
      const stopSignal = awaitStopSignal();
      // The HTTP stack loads only when serving, so other commands start fast.
      const { startServer } = await import("../../server/serve.js");
      const server = await startServer({
        config,
        publicUrlGiven: Boolean(flags.publicUrl ?? env.FIRMTIME_PUBLIC_URL),
        demo: Boolean(flags.demo),
        clock: ctx.io.clock,
        print: ctx.io.stderr,
      }).catch((error: unknown) => {
        stopSignal.dispose();
        throw error;
      });
      const signal = await stopSignal.received;
      ctx.io.stderr(`${signal}: shutting down (finishing requests in flight)...\n`);
      await server.stop();
      ctx.io.stderr("firmtime stopped.\n");
    });
};
