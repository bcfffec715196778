/**
 * Times merges with nothing to do, as the merge scenario does (in-process `mergeNow` on an
 * integrated desktop file against its cloud over HTTP), but on a pair made once and kept, so a
 * change to the no-op path is measured in seconds rather than after a whole upload:
 *
 *   FIRMTIME_CONFIG_DIR=DIR node dist/bench/noop-merge-timing.js FILE FIRM_URL [ROUNDS]
 *
 * DIR is the config folder `firmtime integrate` kept the token in. One merge first (it may still
 * have something to do), then the merge scenario's untimed warm-up (NOOP_WARM_UP_MERGES); the
 * figure is then the median, min and max of ROUNDS (NOOP_TIMED_MERGES unless given).
 */
import { createCloudClient } from "../cli/backend/cloud-client.js";
import { credentialFor } from "../cli/backend/credentials.js";
import { findOnlyFirm } from "../firm-setup/firm-store.js";
import { mergeNow } from "../merge/desktop-merge.js";
import { httpTransport } from "../merge/sync-client.js";
import { systemClock } from "../store/clock.js";
import { openFirmFile } from "../store/database.js";
import { measure } from "./harness.js";
import { NOOP_TIMED_MERGES, NOOP_WARM_UP_MERGES } from "./merge-scenario.js";

const [file, firmUrl, roundsText = String(NOOP_TIMED_MERGES)] = process.argv.slice(2);
if (!file || !firmUrl) {
  process.stderr.write("usage: node dist/bench/noop-merge-timing.js FILE FIRM_URL [ROUNDS]\n");
  process.exit(2);
}
const store = await openFirmFile(file);
try {
  const firm = await findOnlyFirm(store.db);
  const transport = httpTransport(createCloudClient(firmUrl, credentialFor(process.env, firmUrl).token));
  const merge = async () => {
    const started = process.hrtime.bigint();
    const summary = await mergeNow(store.db, firm.id, transport, { clock: systemClock });
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, summary };
  };
  const warmUp = await merge();
  process.stdout.write(`first merge: ${warmUp.ms.toFixed(2)} ms ${JSON.stringify(warmUp.summary)}\n`);
  for (let warm = 0; warm < NOOP_WARM_UP_MERGES; warm++) await merge();
  const figure = await measure(Number(roundsText), async () => {
    const { ms, summary } = await merge();
    if (summary.pushed + summary.pulled + summary.refused > 0)
      throw new Error(`not a no-op merge: ${JSON.stringify(summary)}`);
    return ms;
  });
  const f = (ms: number) => ms.toFixed(2);
  process.stdout.write(
    `no-op merge: median ${f(figure.median)} ms, min ${f(figure.min)}, max ${f(figure.max)} (${figure.runs} rounds)\n`,
  );
} finally {
  await store.close();
}
