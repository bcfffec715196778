/**
 * `firmtime serve`: the cloud server's life. Start: open the store the configuration names,
 * optionally seed the demo firm, build the app, listen, start background work, and tell the
 * operator where it is (and, on a store with no firm yet, how to create the first one).
 * Stop: stop accepting, finish in-flight requests, stop background work, close the store.
 *
 * The console (the `print` function) is for people; the structured log (pino, stdout by
 * default) is for machines. The setup token goes to the console only, never to the log.
 */
import type { FastifyBaseLogger } from "fastify";
import { seedDemoFirm, type DemoFirm } from "../demo/demo-firm.js";
import { invalid } from "../domain/errors.js";
import { selectFirms } from "../firm-setup/firm-store.js";
import { sweepFileDeletions } from "../files/file-deletion.js";
import { openFileStore } from "../files/open-file-store.js";
import { startJobRunner, type JobHandlers } from "../jobs/job-runner.js";
import { CONNECTOR_JOB_PREFIX } from "../jobs/job-store.js";
import { dkimSigningOf, startMail } from "../mail/start-mail.js";
import type { Clock } from "../store/clock.js";
import type { Store } from "../store/database.js";
import { buildApp, type App } from "./app.js";
import { describeStore, openCloudStore } from "./cloud-store.js";
import type { ServerConfig } from "../config/config.js";
import type { ServerDeps } from "../http/context.js";
import type { DesktopConnection } from "../merge/desktop-connection.js";
import { openSetupGate } from "./first-run.js";
import { jobHandlersOf } from "./job-handlers.js";
import { loggerOptions } from "./logging.js";
import { demoText, desktopFirmText, firmsText, firstRunText } from "./serve-console.js";
import { setupRoutes } from "./setup-routes.js";
import { registerQboReturnRoute } from "../accounting/accounting-routes.js";

/** Work that runs beside the HTTP server for its whole life, such as the mail deliverer. */
export interface BackgroundWork {
  /** Finishes what is under way and stops; the store is closed only after. */
  stop(): Promise<void>;
  /** Called through deps.notifyMail when an email is queued. */
  wake?(): void;
}

export type StartBackground = (
  deps: ServerDeps,
  log: FastifyBaseLogger,
) => BackgroundWork | Promise<BackgroundWork>;

/** Delivers the mail outbox over SMTP; woken at once when a request queues an email. */
const startMailDelivery: StartBackground = (deps, log) => {
  const mail = startMail({ ...deps, logger: log.child({ component: "mail" }) });
  return { wake: () => mail.notify(), stop: () => mail.stop() };
};

/**
 * Runs the job table with the handlers the capabilities provide (jobHandlersOf, when serving):
 * polls every FIRMTIME_JOB_POLL_MS and leases for FIRMTIME_JOB_LEASE_MS, per process; stop waits
 * for the jobs in flight. A request that queues work wakes it (deps.notifyMail wakes every
 * background worker), and a job done wakes the others, so the emails a reminder queued go now.
 */
export const jobRunnerStarter =
  (handlersOf: (deps: ServerDeps) => JobHandlers): StartBackground =>
  (deps, log) => {
    const runner = startJobRunner({
      store: deps.store,
      clock: deps.clock,
      handlers: handlersOf(deps),
      logger: log.child({ component: "jobs" }),
      policy: { pollMs: deps.config.jobPollMs, leaseMs: deps.config.jobLeaseMs },
      // The accounting connector's jobs wait for `firmtime connector`, which holds the connections.
      scope: { kindPrefix: CONNECTOR_JOB_PREFIX, include: false },
      afterDone: () => deps.notifyMail(),
    });
    return { wake: () => runner.wake(), stop: () => runner.stop() };
  };

/**
 * Removes the bytes of files whose records were deleted (file-deletion.ts): at start, for what a
 * crash or an unreachable bucket left queued, and every few minutes, for deletes that arrived by
 * merge. Requests that delete a file sweep at once; this is the safety net.
 */
export const startFileSweep: StartBackground = (deps, log) => {
  const sweepLog = log.child({ component: "files" });
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () =>
    (running = running
      .then(() => sweepFileDeletions(deps.store.db, deps.files, sweepLog))
      .catch((error: unknown) => sweepLog.warn({ err: error }, "file sweep failed; will retry")));
  void sweep();
  const timer = setInterval(() => void sweep(), FILE_SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      deps.files.close?.();
    },
  };
};

export const FILE_SWEEP_INTERVAL_MS = 5 * 60_000;

/** Background work started with every server, in order (and stopped in reverse, after the app). */
export const START_BACKGROUND: readonly StartBackground[] = [
  startMailDelivery,
  jobRunnerStarter(jobHandlersOf),
  startFileSweep,
];

export interface ServeOptions {
  config: ServerConfig;
  /** Whether the public URL was configured; if not it follows the address actually bound (--port 0). */
  publicUrlGiven: boolean;
  demo: boolean;
  clock: Clock;
  /** The console, for people. */
  print: (text: string) => void;
  /** Where the structured log goes (default stdout). */
  logStream?: NodeJS.WritableStream;
  startBackground?: readonly StartBackground[];
  /** What the banner says is served (default: the configured store). */
  storeDescription?: string;
  /**
   * The cloud (the default) offers first-run setup and tells how to add firms; a desktop serves
   * its firm file's one firm, and tells only where it is and how to sign in.
   */
  role?: "cloud" | "desktop";
  /** The desktop's connection to its cloud, for the routes that show and steer it. */
  desktop?: DesktopConnection;
}

export interface RunningServer {
  /** The address the server listens on, e.g. http://127.0.0.1:8080. */
  url: string;
  app: App;
  deps: ServerDeps;
  /** Idempotent; resolves when everything is closed. */
  stop(): Promise<void>;
}

/** How long in-flight requests get to finish at shutdown before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const store = await openCloudStore(options.config, { backgroundCheckpoints: true });
  try {
    if (options.demo) options.print("Seeding the demo firm...\n");
    const demo = options.demo ? await seedDemoFirm(store.db, options.clock) : undefined;
    return await listen(options, store, demo);
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Serves a store opened by the caller (a desktop firm file); the store is closed at stop. */
export function serveStore(options: ServeOptions, store: Store): Promise<RunningServer> {
  return listen(options, store, undefined);
}

async function listen(
  options: ServeOptions,
  store: Store,
  demo: DemoFirm | undefined,
): Promise<RunningServer> {
  const { config, clock, print } = options;
  // Settings that need a file read are checked before the port opens, as the others are.
  dkimSigningOf(config);
  const served = options.storeDescription ?? describeStore(config);
  const firms = await selectFirms(store.db);
  const desktop = options.role === "desktop";
  const setup =
    firms.length === 0 && !desktop ? openSetupGate(clock, config.linkValidHours * 3_600_000) : undefined;
  const background: BackgroundWork[] = [];
  const deps: ServerDeps = {
    store,
    clock,
    config,
    notifyMail: () => background.forEach((work) => work.wake?.()),
    files: await openFileStore(config),
    ...(options.desktop && { desktop: options.desktop }),
  };
  const onSetup = (url: string, admin: { email: string; staffNumber: string }) =>
    print(`First firm created: ${url}, with its Admin ${admin.email} (staff member ${admin.staffNumber})\n`);
  const app = await buildApp(
    deps,
    loggerOptions(config.logLevel, options.logStream),
    [setupRoutes(setup?.gate, onSetup), registerQboReturnRoute],
    { homeFirmSlug: desktop ? (firms[0]?.slug ?? null) : null },
  );
  const url = await bind(app, config);
  // With --port 0 the port is known only now. No request has been handled yet (they arrive on
  // later turns of the event loop), so every handler sees the one public URL.
  if (!options.publicUrlGiven) deps.config = Object.freeze({ ...config, publicUrl: url });
  await startBackground(options.startBackground ?? START_BACKGROUND, deps, app, background);
  app.log.info({ url, store: served, firms: firms.length }, "firmtime serving");
  // One write, so the console never shows half a banner.
  print(
    [
      `firmtime is serving at ${url} (${served}); API docs at ${url}/api/docs\n`,
      demo ? demoText(demo, deps.config.publicUrl) : "",
      desktop
        ? desktopFirmText(firms, deps.config.publicUrl)
        : setup
          ? firstRunText(deps.config, setup)
          : firmsText(firms, deps.config),
      "Stop with Ctrl-C (or SIGTERM).\n",
    ].join(""),
  );
  return { url, app, deps, stop: stopper(app, background, store) };
}

/** Starts each in turn; if one fails, those started stop and the app closes before the error goes on. */
async function startBackground(
  starts: readonly StartBackground[],
  deps: ServerDeps,
  app: App,
  running: BackgroundWork[],
): Promise<void> {
  try {
    for (const start of starts) running.push(await start(deps, app.log));
  } catch (error) {
    await app.close();
    for (const work of [...running].reverse()) await work.stop();
    throw error;
  }
}

async function bind(app: App, config: ServerConfig): Promise<string> {
  try {
    return await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : "");
    throw invalid(`cannot listen on ${config.host}:${config.port} (${reason})`);
  }
}

function stopper(app: App, background: BackgroundWork[], store: Store): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    app.log.info("shutting down: finishing in-flight requests");
    // A keep-alive connection whose request finishes during close() would hold it open until
    // the client leaves: close connections as they fall idle. Requests still running after the
    // grace period lose their connections.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
    const cut = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    try {
      await app.close();
    } finally {
      clearInterval(sweep);
      clearTimeout(cut);
    }
    for (const work of [...background].reverse()) await work.stop();
    await store.close();
    app.log.info("stopped");
  };
  return () => (stopping ??= stop());
}
