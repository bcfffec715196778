/**
 * `firmtime connector` as a process: the cloud's store and file store from the same settings as
 * `firmtime serve` (FIRMTIME_DATA_DIR / FIRMTIME_DATABASE_URL, FIRMTIME_S3_*), the QuickBooks app
 * from FIRMTIME_QBO_*, and the connector (connector.ts) polling every FIRMTIME_JOB_POLL_MS with
 * leases of FIRMTIME_JOB_LEASE_MS. Logs are JSON lines on stdout, as the server's are.
 */
import type { ServerConfig } from "../config/config.js";
import { openFileStore } from "../files/open-file-store.js";
import type { JobLogger } from "../jobs/job-runner.js";
import { openCloudStore } from "../server/cloud-store.js";
import type { Clock } from "../store/clock.js";
import { createConnector } from "./connector.js";
import { exportRunner } from "./export/run-export.js";
import { QBO_LIMITS } from "./qbo/qbo-limits.js";
import { qboTargetOpener } from "./qbo/open-qbo-target.js";

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

/** A JSON-lines logger at a level, with the fields pino writes (level, time, msg). */
export function jsonLogger(level: ServerConfig["logLevel"], write: (line: string) => void): JobLogger {
  const threshold = level === "silent" ? Infinity : LEVELS.indexOf(level);
  const at = (name: (typeof LEVELS)[number]) => (details: object, message: string) => {
    if (LEVELS.indexOf(name) < threshold) return;
    write(
      `${JSON.stringify({ level: name, time: new Date().toISOString(), component: "connector", ...details, msg: message })}\n`,
    );
  };
  return { info: at("info"), warn: at("warn"), error: at("error") };
}

export interface RunningConnector {
  stop(): Promise<void>;
}

export async function startConnectorProcess(
  config: ServerConfig,
  clock: Clock,
  write: (line: string) => void,
): Promise<RunningConnector> {
  const store = await openCloudStore(config);
  const files = await openFileStore(config);
  const connector = createConnector({
    store,
    clock,
    logger: jsonLogger(config.logLevel, write),
    openTarget: qboTargetOpener(config, {
      limits: { maxConcurrent: QBO_LIMITS.maxConcurrent, perMinute: config.qboRequestsPerMinute },
    }),
    runExport: exportRunner(files),
    publicUrl: config.publicUrl,
    pollMs: config.jobPollMs,
    leaseMs: Math.min(config.jobLeaseMs, 120_000),
  });
  connector.start();
  return {
    async stop() {
      await connector.stop();
      files.close?.();
      await store.close();
    },
  };
}
