/**
 * `firmtime desktop FILE`: the firm file as a local app. The same HTTP API and web app the cloud
 * serves, on the file, on 127.0.0.1 only; users sign in with their file accounts. An unprotected
 * file starts too: its first-run page turns protection on. An integrated file merges in the
 * background while online (a local change reaches the cloud within about a second, cloud
 * changes arrive by long poll), and the app shows the connection state as it changes.
 * Runs until SIGINT or SIGTERM.
 */
import { dirname } from "node:path";
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
      const store = await openFirmFile(path, { backgroundCheckpoints: true });
      const print = ctx.io.stderr;
      const stopSignal = awaitStopSignal();
      let stopConnection = async () => {};
      try {
        const { giveDesktopAddress } = await import("../../access/protection-service.js");
        const found = await findOnlyFirm(store.db);
        // Unprotected, the firm gets the address protection would give it, for the first-run page.
        const firm = found.protection ? found : await giveDesktopAddress(store.db, ctx.io.clock);
        const { loadConfig } = await import("../../config/config.js");
        const { serveStore, startFileSweep } = await import("../../server/serve.js");
        const { integrationOf, readSyncState } = await import("../../merge/journal-store.js");
        const { integrationUnfinished } = await import("../../merge/desktop-merge.js");
        const { startDesktopConnection } = await import("../../merge/desktop-connection.js");
        const state = await readSyncState(store.db, firm.id);
        const unfinished = integrationOf(state) === "unfinished";
        const cloudUrl = unfinished ? null : state.cloudUrl;
        const transport = () =>
          cloudTransportFor(ctx.io, state.cloudUrl!, { fileId: state.fileId, replica: state.replicaId });
        const connection = await startDesktopConnection({
          db: store.db,
          firmId: firm.id,
          clock: ctx.io.clock,
          file: path,
          connect: transport,
          reachCloud: async (cursor, replica, fileId, claim) =>
            (await transport()).state(cursor, replica, fileId, claim),
          workingOffline: flags.offline === true,
          log: {
            online: () => print(`Online: merging with ${cloudUrl}\n`),
            offline: (reason) => print(`Offline: ${reason}\n`),
            merged: (summary) => print(describeSummary(summary)),
          },
        });
        stopConnection = () => connection.stop();
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
            desktop: connection,
            startBackground: [startFileSweep, () => ({ stop: () => connection.stop() })],
          },
          store,
        );
        print(
          !firm.protection
            ? `The file is not protected yet: open ${server.url}/ to choose its Admin and password (or run firmtime protection on --admin STAFF).\n`
            : "",
        );
        print(
          unfinished
            ? `Desktop file ${path}: working offline, not merging: ${integrationUnfinished(state, path).message}.\n`
            : cloudUrl
              ? flags.offline || state.workingOffline
                ? `Working offline by choice: changes wait until it is turned off on the connection page (${server.url}/f/${firm.slug}/connection) or for firmtime merge ${path}.\n`
                : `Desktop file ${path}: merging with ${cloudUrl} in the background.\n`
              : `Desktop file ${path} is not integrated with a cloud: working offline.\n`,
        );
        const signal = await stopSignal.received;
        print(`${signal}: stopping...\n`);
        await server.stop();
        print("firmtime desktop stopped.\n");
      } catch (error) {
        stopSignal.dispose();
        await stopConnection().catch(() => undefined);
        await store.close().catch(() => undefined);
        throw error;
      }
    });
};
