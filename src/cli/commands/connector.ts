/**
 * `firmtime connector`: the accounting connector beside the cloud, until SIGINT or SIGTERM. It
 * reads the same settings as `firmtime serve` (the store, the file store) plus the QuickBooks
 * app (FIRMTIME_QBO_CLIENT_ID / _SECRET); several may run on one PostgreSQL database, each firm
 * served by one of them at a time.
 */
import type { Register } from "../context.js";
import { awaitStopSignal } from "./serve.js";

interface ConnectorFlags {
  data?: string;
  database?: string;
  publicUrl?: string;
  logLevel?: string;
}

export const registerConnectorCommands: Register = (program, context) => {
  program
    .command("connector")
    .description(
      "run the accounting connector (transfers to QuickBooks Online, IIF and hledger exports) until SIGINT or SIGTERM",
    )
    .option("--data <dir>", "the cloud's data folder (FIRMTIME_DATA_DIR)")
    .option("--database <url>", "the cloud's postgres:// URL (FIRMTIME_DATABASE_URL)")
    .option("--public-url <url>", "the cloud's address, for links in emails (FIRMTIME_PUBLIC_URL)")
    .option("--log-level <level>", "fatal, error, warn, info, debug, trace or silent (default info)")
    .action(async (flags: ConnectorFlags) => {
      const ctx = context();
      const { loadConfig } = await import("../../config/config.js");
      const config = loadConfig(
        {
          dataDir: flags.data,
          databaseUrl: flags.database,
          publicUrl: flags.publicUrl,
          logLevel: flags.logLevel,
        },
        ctx.io.env,
      );
      const stopSignal = awaitStopSignal();
      const { startConnectorProcess } = await import("../../accounting/connector-process.js");
      const connector = await startConnectorProcess(config, ctx.io.clock, ctx.io.stdout).catch(
        (error: unknown) => {
          stopSignal.dispose();
          throw error;
        },
      );
      ctx.io.stderr("firmtime connector running; Ctrl-C stops it.\n");
      const signal = await stopSignal.received;
      ctx.io.stderr(`${signal}: stopping the connector (the run in flight pauses and is queued again)...\n`);
      await connector.stop();
      ctx.io.stderr("connector stopped.\n");
    });
};
