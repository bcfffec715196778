/**
 * What a file is, by its first bytes (file-type's magic numbers), never by its name or declared
 * type. Reads a sample from the stream and hands back a stream of the whole file (sample first),
 * so the bytes can still be stored after the check.
 *
 * (file-type's own fileTypeStream never settles on an empty stream that has already ended, as a
 * multipart file part of zero bytes has; reading the sample ourselves has no such case.)
 */
import { fileTypeFromBuffer, type FileTypeResult } from "file-type";
import { Readable } from "node:stream";

/** file-type's default sample: enough for every format it knows. */
const SAMPLE_BYTES = 4_100;

export interface DetectedFile {
  /** undefined: no known format (text, HTML, an empty file...). */
  fileType: FileTypeResult | undefined;
  /** The file has no bytes at all. */
  empty: boolean;
  /** The whole file, from its first byte. Read it, or `discard()` it. */
  content: Readable;
  /** Reads the rest of the incoming stream and drops it (for a refused file). */
  discard(): Promise<void>;
}

export async function detectFileType(incoming: Readable): Promise<DetectedFile> {
  const iterator = incoming[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < SAMPLE_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  const sample = Buffer.concat(head);
  const rest = async function* () {
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  };
  return {
    fileType: sample.length ? await fileTypeFromBuffer(sample) : undefined,
    empty: sample.length === 0,
    content: Readable.from(
      (async function* () {
        if (sample.length) yield sample;
        yield* rest();
      })(),
      { objectMode: false },
    ),
    discard: async () => {
      for await (const _chunk of rest()) void _chunk;
    },
  };
}
