/**
 * Receiving one uploaded file and sending one back, for every route that does (expense receipts,
 * an entity's files). An upload is multipart/form-data with one file; its type is detected from
 * its content (never its name or declared type), its size is limited while it streams, and its
 * bytes go to the file store under a generated key. Whatever goes wrong, nothing stays stored.
 */
import type { MultipartFile } from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FileTypeResult } from "file-type";
import type { Readable } from "node:stream";
import { AppError, invalid } from "../domain/errors.js";
import { detectFileType } from "../files/detect-type.js";
import type { FileStore, StoredFile } from "../files/file-store.js";
import { sendProblem } from "./problem.js";

/** An upload that could not be read as multipart/form-data (cut short, malformed). */
function malformedUpload(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) return error;
  const reason = error instanceof Error ? `: ${error.message}` : "";
  return invalid(`the upload is not a complete multipart/form-data body${reason}`);
}

export const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

export interface UploadRules {
  /** What the file is, in the route's words ("a receipt", "a document"). */
  what: string;
  limitBytes: number;
  /** The accepted media type for what the content was detected as; throws FILE_TYPE_NOT_ALLOWED. */
  accept: (detected: FileTypeResult | undefined) => string;
}

/** The text fields sent before the file, by name. */
export type UploadFields = Readonly<Record<string, string>>;

export interface ReceivedUpload extends StoredFile {
  mediaType: string;
  /** The uploader's name for the file, as sent: clean it before showing it. */
  givenName: string | undefined;
}

/** Answers 415 when the request is not multipart/form-data at all; undefined when it is. */
export function refuseUnlessMultipart(
  request: FastifyRequest,
  reply: FastifyReply,
  what: string,
): FastifyReply | undefined {
  if (request.isMultipart()) return undefined;
  return sendProblem(
    reply,
    request,
    "UNSUPPORTED_MEDIA_TYPE",
    415,
    `send ${what} as multipart/form-data, in a file field named file`,
  );
}

/** The text fields that came before the file part; a field sent twice is refused. */
function fieldsBefore(part: MultipartFile): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v) => v?.type === "field");
    if (values.length > 1) throw invalid(`send the field ${name} once`, { field: name });
    const field = values[0];
    if (field?.type === "field") fields[name] = String(field.value);
  }
  return fields;
}

/**
 * Reads the request's one file, checks it and stores it. The caller records it (in its own
 * transaction) and must remove `key` from the store if that fails. `beforeStore` sees the text
 * fields sent before the file (multipart keeps their order) before any of the file's bytes is
 * read: it refuses by throwing, and then nothing is stored.
 */
export async function receiveUpload(
  request: FastifyRequest,
  files: FileStore,
  rules: UploadRules,
  beforeStore?: (fields: UploadFields) => Promise<void>,
): Promise<ReceivedUpload> {
  if (!request.isMultipart()) throw invalid(`send ${rules.what} as multipart/form-data`);
  // A body that breaks off or is not well-formed multipart fails while it is read: that is the
  // client's doing (400), unlike a failure of the file store (500).
  let broken: Error | undefined;
  const part = await request
    .file({ limits: { fileSize: rules.limitBytes, files: 1, fields: 10, parts: 11 } })
    .catch((error: unknown) => {
      throw malformedUpload(error);
    });
  if (!part) throw invalid(`send ${rules.what} in a file field named file (multipart/form-data)`);
  part.file.once("error", (error) => (broken = error));
  if (beforeStore) {
    try {
      await beforeStore(fieldsBefore(part));
    } catch (error) {
      // Read the refused file to its end so the request completes and its answer gets through.
      await drain(part.file);
      throw error;
    }
  }
  const detected = await detectFileType(part.file).catch((error: unknown) => {
    throw malformedUpload(error);
  });
  let mediaType: string;
  try {
    // An empty file is of no type at all (415, as any unrecognised content), said plainly.
    if (detected.empty)
      throw new AppError("FILE_TYPE_NOT_ALLOWED", `the file is empty: send ${rules.what} with its content`);
    mediaType = rules.accept(detected.fileType);
  } catch (error) {
    await detected.discard().catch(() => undefined);
    throw error;
  }
  const stored = await files.put(detected.content).catch((error: unknown) => {
    throw broken ? malformedUpload(broken) : error;
  });
  if (part.file.truncated || broken) {
    await files.remove(stored.key);
    if (broken) throw malformedUpload(broken);
    throw new AppError("PAYLOAD_TOO_LARGE", `${rules.what} may be at most ${megabytes(rules.limitBytes)}`, {
      limitBytes: rules.limitBytes,
    });
  }
  return { ...stored, mediaType, givenName: part.filename };
}

async function drain(stream: Readable): Promise<void> {
  try {
    for await (const _chunk of stream) void _chunk;
  } catch {
    // A body cut short while it is thrown away: the refusal stands.
  }
}

/** `attachment` with an ASCII fallback name and the exact name in UTF-8 (RFC 6266 / 8187). */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Sends stored bytes as a download: typed as detected at upload, never sniffed, never rendered
 * in the app's origin (an uploaded file is somebody else's content).
 */
export function sendDownload(
  reply: FastifyReply,
  content: Readable,
  file: { mediaType: string; size: number; downloadName: string },
): FastifyReply {
  return reply
    .header("content-type", file.mediaType)
    .header("content-length", file.size)
    .header("content-disposition", attachment(file.downloadName))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .header("content-security-policy", "default-src 'none'; sandbox")
    .send(content);
}
