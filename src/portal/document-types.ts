/**
 * What a client or the firm may put in an entity's files, by the type detected from the content
 * (never the name or the declared type), and the extension a download is saved with.
 */
import type { FileTypeResult } from "file-type";
import { AppError } from "../domain/errors.js";

export const DOCUMENT_TYPES: Readonly<Record<string, { ext: string; label: string }>> = {
  "application/pdf": { ext: "pdf", label: "PDF" },
  "image/jpeg": { ext: "jpg", label: "JPEG photo" },
  "image/png": { ext: "png", label: "PNG image" },
  "image/heic": { ext: "heic", label: "HEIC photo" },
  "image/heif": { ext: "heif", label: "HEIF photo" },
  "image/webp": { ext: "webp", label: "WebP image" },
  "image/tiff": { ext: "tif", label: "TIFF scan" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    ext: "docx",
    label: "Word document",
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    ext: "xlsx",
    label: "Excel workbook",
  },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
    ext: "pptx",
    label: "PowerPoint presentation",
  },
  "application/vnd.oasis.opendocument.text": { ext: "odt", label: "OpenDocument text" },
  "application/vnd.oasis.opendocument.spreadsheet": { ext: "ods", label: "OpenDocument spreadsheet" },
  "application/x-cfb": { ext: "doc", label: "older Word or Excel document" },
};

const ACCEPTED_WORDS =
  "a PDF, a photo or scan (JPEG, PNG, HEIC, WebP, TIFF) or an Office or OpenDocument file";

/** The media type of an accepted document, from what its bytes were detected as. */
export function acceptedDocumentType(detected: FileTypeResult | undefined): string {
  if (detected && detected.mime in DOCUMENT_TYPES) return detected.mime;
  throw new AppError(
    "FILE_TYPE_NOT_ALLOWED",
    `a document must be ${ACCEPTED_WORDS}; this file's content is ${detected ? detected.mime : "none of those"}`,
    { detected: detected?.mime ?? null, accepted: Object.keys(DOCUMENT_TYPES) },
  );
}

/** The name a download is saved under: the display name's stem with the detected type's extension. */
export function documentDownloadName(version: { fileName: string; mediaType: string }): string {
  const stem = version.fileName.replace(/\.[^.]*$/, "") || "document";
  return `${stem}.${DOCUMENT_TYPES[version.mediaType]?.ext ?? "bin"}`;
}
