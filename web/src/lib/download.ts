/**
 * Saving a file the server streams: the bytes are counted as they arrive (for a progress line;
 * a streamed report has no length to count towards), can be cancelled, and are handed to the
 * browser under the name the server gave (Content-Disposition).
 */

export interface DownloadProgress {
  received: number;
  /** The full length when the server said it; streamed files do not. */
  length: number | null;
}

/** filename="x.csv" or filename*=UTF-8''x.csv; `fallback` when there is neither. */
export function attachmentName(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)/i.exec(disposition);
  return plain?.[1] || plain?.[2] || fallback;
}

/** "12.3 MB", "840 KB", "95 bytes": a progress line's words (an approximation is all it is). */
export function byteText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Reads `body` to the end, reporting progress, then offers it to the person as `name`. */
export async function saveStream(
  body: ReadableStream<Uint8Array>,
  name: string,
  type: string,
  length: number | null,
  onProgress: (progress: DownloadProgress) => void,
): Promise<void> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress({ received, length });
  }
  const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type }));
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.rel = "noopener";
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has handed the file over; the browser keeps its own copy.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
