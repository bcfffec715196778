/**
 * Where uploaded files' bytes live: a small interface over a folder (the default) or an
 * S3-compatible bucket. It knows nothing of receipts, entries or firms: callers keep their own
 * metadata (who, what, for which record) in their tables and refer to a file by its key.
 *
 * Invariants every implementation keeps:
 * - keys are generated here, never taken from a caller or an uploader's file name;
 * - a file appears under its key only once all its bytes are stored (a crash or a failed upload
 *   leaves nothing under a real key);
 * - `remove` of a key that is already gone succeeds, so a retried deletion never fails.
 */
import { createHash } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import { AppError } from "../domain/errors.js";
import { newId } from "../store/ids.js";

export interface StoredFile {
  key: string;
  /** Bytes stored. */
  size: number;
  /** Lower-case hex SHA-256 of the bytes stored. */
  sha256: string;
}

export interface FileStore {
  /** Stores the stream's bytes under a new key. */
  put(body: Readable): Promise<StoredFile>;
  /** The bytes under `key`; NOT_FOUND when there are none. */
  open(key: string): Promise<Readable>;
  /** Removes the file under `key`, if there is one. */
  remove(key: string): Promise<void>;
  /** Where the files are, fit to print (no credentials). */
  readonly description: string;
  /** Lets go of connections, at shutdown. */
  close?(): void;
}

/** Keys are UUIDv7s: unique, time-ordered, and safe as a file or object name. */
export const newFileKey = (): string => newId();

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A key this store could have made; anything else (a path, `..`) names no file. */
export function checkedKey(key: string): string {
  if (!KEY.test(key)) throw fileNotFound(key);
  return key;
}

export const fileNotFound = (key: string): AppError =>
  new AppError("NOT_FOUND", `stored file ${JSON.stringify(key)} does not exist`, {
    what: "stored file",
    key,
  });

/** A pass-through that counts and hashes what flows through it; read `result()` once it ends. */
export function measuring(): Transform & { result(): { size: number; sha256: string } } {
  const hash = createHash("sha256");
  let size = 0;
  let digest: string | undefined;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  return Object.assign(transform, {
    result: () => ({ size, sha256: (digest ??= hash.digest("hex")) }),
  });
}
