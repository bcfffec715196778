/**
 * SQLite's WAL checkpoints, off the event loop, for the long-running servers (`firmtime serve`
 * on SQLite, `firmtime desktop`).
 *
 * By default the connection whose COMMIT takes the WAL past 1,000 pages checkpoints it there
 * and then: it copies the pages into the database and syncs both files. better-sqlite3 is
 * synchronous, so the server answers nothing meanwhile; on the desktop, under the single-entry
 * benchmark, one COMMIT in about 80 took 100–130 ms that way, and COMMIT averaged 1.1 ms where
 * it takes 0.18 ms without. Here one worker thread, with a connection of its own to each file,
 * runs PASSIVE checkpoints every CHECKPOINT_INTERVAL_MS: they wait for no lock, and the
 * server's readers and its writer go on meanwhile (a checkpoint copies only what no reader
 * still needs; the next one copies the rest). The server's own connection keeps an automatic
 * checkpoint, at BACKSTOP_PAGES, for a WAL the worker could not keep small.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export const CHECKPOINT_INTERVAL_MS = 200;
/** The server connection's own automatic checkpoint while the worker does them (32 MB of 4 KB pages). */
export const BACKSTOP_PAGES = 8_000;

// CommonJS, evaluated as the worker's script: it needs nothing but better-sqlite3.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const files = new Map();
parentPort.on("message", (message) => {
  if (message.type === "open") {
    try {
      files.set(message.id, new Database(message.path, { fileMustExist: true }));
      parentPort.postMessage({ type: "opened", id: message.id });
    } catch (error) {
      parentPort.postMessage({ type: "opened", id: message.id, error: String(error) });
    }
  } else if (message.type === "close") {
    files.get(message.id)?.close();
    files.delete(message.id);
    parentPort.postMessage({ type: "closed", id: message.id });
  }
});
setInterval(() => {
  for (const connection of files.values()) {
    try {
      connection.pragma("wal_checkpoint(PASSIVE)");
    } catch {
      // A full disk, an I/O error: nothing to tell the server, whose own backstop checkpoint
      // runs (and meets the same trouble, where it is reported) should this one keep failing.
    }
  }
}, workerData.intervalMs);
`;

interface WorkerAnswer {
  type: "opened" | "closed";
  id: number;
  error?: string;
}

let worker: Worker | null = null;
let registered = 0;
let nextId = 1;
const waiting = new Map<number, (answer: WorkerAnswer) => void>();

function checkpointWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      intervalMs: CHECKPOINT_INTERVAL_MS,
    },
  });
  started.on("message", (answer: WorkerAnswer) => {
    const resolve = waiting.get(answer.id);
    if (resolve) {
      waiting.delete(answer.id);
      if (waiting.size === 0) started.unref();
      resolve(answer);
    }
  });
  // Should the worker die, the connections' backstop checkpoints keep every WAL bounded.
  started.on("error", () => undefined);
  started.on("exit", () => {
    if (worker === started) worker = null;
    for (const [id, resolve] of waiting)
      resolve({ type: "closed", id, error: "the checkpoint worker stopped" });
    waiting.clear();
  });
  worker = started;
  return started;
}

/**
 * Asks the worker to open or close a file. The worker keeps the process alive only while an
 * answer is awaited (a process awaiting nothing else would otherwise exit meanwhile), never
 * between: the last file closed stops it, and so does the process exiting.
 */
function ask(message: { type: "open"; path: string } | { type: "close" }, id: number): Promise<WorkerAnswer> {
  const target = checkpointWorker();
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    target.ref();
    target.postMessage({ ...message, id });
  });
}

export interface BackgroundCheckpoints {
  /** Closes the worker's connection to the file: call it before closing the server's own. */
  stop(): Promise<void>;
}

/**
 * Checkpoints the SQLite file at `path` (open in WAL mode) from the worker thread until
 * stopped. Resolves once the worker has the file open; rejects if it cannot open it.
 */
export async function checkpointInBackground(path: string): Promise<BackgroundCheckpoints> {
  const id = nextId++;
  registered++;
  const opened = await ask({ type: "open", path }, id);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (worker) await ask({ type: "close" }, id);
    if (--registered === 0 && worker) {
      const ending = worker;
      worker = null;
      await ending.terminate();
    }
  };
  if (opened.error) {
    await stop();
    throw new Error(`could not checkpoint ${path} in the background: ${opened.error}`);
  }
  return { stop };
}
