/**
 * A firm's server in the test's own process, on a clock the test moves: for browser tests of
 * what happens days later (a request's reminders). The other browser tests run the built
 * `firmtime serve` as a child process (firm-server.ts).
 */
import { Writable } from "node:stream";
import { loadConfig } from "../../src/config/config.js";
import { startServer, type RunningServer } from "../../src/server/serve.js";
import type { Clock } from "../../src/store/clock.js";
import { startTestSmtp } from "../../src/test-support/smtp-server.js";
import { ADMIN_PASSWORD, createFirm, type FirmSite } from "./firm-server.js";

export interface InProcessFirmServer extends FirmSite {
  data: string;
  url: string;
  slug: string;
  admin: { email: string; password: string };
  /** The server in this process: its deps (clock, store) and notifyMail, which wakes its job runner. */
  running: RunningServer;
  stop(): Promise<void>;
}

/**
 * `firmtime serve` started in the test's own process, as the serve command starts it, on a clock
 * the test moves (scheduled work such as reminders comes due when the test says), with the job
 * runner polling every `jobPollMs`.
 */
export async function startFirmServerOnClock(
  slug: string,
  clock: Clock,
  { jobPollMs = 200 }: { jobPollMs?: number } = {},
): Promise<InProcessFirmServer> {
  const data = await createFirm(slug);
  const smtp = await startTestSmtp();
  const config = loadConfig(
    { dataDir: data, port: 0, smtpUrl: smtp.url, logLevel: "warn" },
    { FIRMTIME_JOB_POLL_MS: String(jobPollMs) },
  );
  let log = "";
  const running = await startServer({
    config,
    publicUrlGiven: false,
    demo: false,
    clock,
    print: () => {},
    logStream: new Writable({
      write: (chunk: Buffer, _encoding, done) => done(void (log += chunk.toString())),
    }),
  });
  return {
    data,
    smtp,
    url: running.url,
    slug,
    firmUrl: `${running.url}/f/${slug}`,
    admin: { email: "ada@smith.example", password: ADMIN_PASSWORD },
    running,
    stop: async () => {
      await running.stop();
      await smtp.stop();
      if (log.includes('"level":50') || log.includes('"level":60')) console.error(log);
    },
  };
}
