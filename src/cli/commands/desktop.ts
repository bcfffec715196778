/**
 * `firmtime desktop FILE`: the firm file as a local app. The same HTTP API the cloud serves,
 * on the file, on 127.0.0.1 only; users sign in with their file accounts (protection is on).
 * An integrated file merges in the background while online: a local change reaches the cloud
 * within about a second, cloud changes arrive by long poll. Runs until SIGINT or SIGTERM.
 */
import { dirname } from "node:path";
import { AppError } from "../../domain/errors.js";
import { findOnlyFirm } from "../../firm-setup/firm-store.js";
import { openFirmFile } from "../../store/database.js";
import type { Register } from "../context.js";
import { cloudTransportFor, describeSummary } from "./merge.js";
import { awaitStopSignal } from "./serve.js";

export const registerDesktopCommands: Register = (program, context) => {
  program
    .command("desktop [file]")
    .description("run the firm file as a local app on 127.0.0.1, merging with its cloud in the background")
    .option("--port <number>", "port; 0 takes any free port", "8090")
    .option("--offline", "work offline: do not merge")
    .action(async (file: string | undefined, flags: { port: string; offline?: boolean }) => {
      const ctx = context();
      const path = file ?? ctx.filePath;
      const store = await openFirmFile(path);
      const print = ctx.io.stderr;
      const stopSignal = awaitStopSignal();
      try {
        const firm = await findOnlyFirm(store.db);
        if (!firm.protection) {
          throw new AppError(
            "PREREQUISITES",
            "the local app signs users in: turn protection on first (firmtime protection on --admin STAFF)",
          );
        }
        const { loadConfig } = await import("../../config/config.js");
        const { serveStore, startFileSweep } = await import("../../server/serve.js");
        const { integrationOf, readSyncState } = await import("../../merge/journal-store.js");
        const { integrationUnfinished } = await import("../../merge/desktop-merge.js");
        const { startBackgroundMerge } = await import("../../merge/background-merge.js");
        const state = await readSyncState(store.db, firm.id);
        // An interrupted integration is finished by `firmtime integrate`, never by merging.
        const unfinished = integrationOf(state) === "unfinished";
        const cloudUrl = unfinished ? null : state.cloudUrl;
        const config = loadConfig(
          { host: "127.0.0.1", port: flags.port, dataDir: dirname(path), logLevel: "warn" },
          {},
        );
        const server = await serveStore(
          {
            config,
            publicUrlGiven: false,
            demo: false,
            clock: ctx.io.clock,
            print,
            storeDescription: `firm file ${path}`,
            role: "desktop",
            startBackground:
              cloudUrl && !flags.offline
                ? [
                    startFileSweep,
                    (deps) =>
                      startBackgroundMerge({
                        db: deps.store.db,
                        firmId: firm.id,
                        connect: () =>
                          cloudTransportFor(ctx.io, cloudUrl, {
                            fileId: state.fileId,
                            replica: state.replicaId,
                          }),
                        clock: ctx.io.clock,
                        log: {
                          online: () => print(`Online: merging with ${cloudUrl}\n`),
                          offline: (reason) => print(`Offline: ${reason}\n`),
                          merged: (summary) => print(describeSummary(summary)),
                        },
                      }),
                  ]
                : [startFileSweep],
          },
          store,
        );
        print(
          unfinished
            ? `Desktop file ${path}: working offline, not merging: ${integrationUnfinished(state, path).message}.\n`
            : cloudUrl
              ? flags.offline
                ? `Working offline by choice: changes wait for firmtime merge ${path}.\n`
                : `Desktop file ${path}: merging with ${cloudUrl} in the background.\n`
              : `Desktop file ${path} is not integrated with a cloud: working offline.\n`,
        );
        const signal = await stopSignal.received;
        print(`${signal}: stopping...\n`);
        await server.stop();
        print("firmtime desktop stopped.\n");
      } catch (error) {
        stopSignal.dispose();
        await store.close().catch(() => undefined);
        throw error;
      }
    });
};
