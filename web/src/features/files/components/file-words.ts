/** How the three kinds of file, folders and versions read, for the firm's staff and for a contact. */
import { byteText } from "../../../lib/download";
import { formatDateTime } from "../../../lib/format";
import type { FileKind, FileVersion, Folder } from "../api/file-types";

/** The three kinds, kept apart on screen as on the server: what each is, in the staff's words. */
export const STAFF_KIND_WORDS: Record<FileKind, { tab: string; empty: string }> = {
  firm: { tab: "Firm only", empty: "No firm-only files here. The client never sees these." },
  shared: { tab: "Shared with the client", empty: "Nothing shared with the client here." },
  client: { tab: "From the client", empty: "The client has not sent a file here." },
};

/** What a contact sees: what the firm shared with them, and what their side sent. */
export const CONTACT_KIND_WORDS: Record<Exclude<FileKind, "firm">, { title: string; empty: string }> = {
  shared: { title: "Shared by the firm", empty: "The firm has not shared a file with you yet." },
  client: { title: "Sent to the firm", empty: "Nothing sent yet." },
};

/** "Taxes / 2026": a folder's place among its parents (a cycle cannot happen; the guard is cheap). */
export function folderPath(folders: readonly Folder[], folderId: string | null): string {
  const names: string[] = [];
  let current = folders.find((folder) => folder.id === folderId);
  while (current && names.length < 20) {
    names.unshift(current.name);
    const parentId = current.parentId;
    current = folders.find((folder) => folder.id === parentId);
  }
  return names.join(" / ");
}

/** Folders as options, each with its full path, in path order. */
export function folderOptions(folders: readonly Folder[]): { value: string; label: string }[] {
  return folders
    .map((folder) => ({ value: folder.id, label: folderPath(folders, folder.id) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** "Version 2 · 12 KB · uploaded by Ada Lovelace on 5 Dec 2026, 10:40". */
export function versionWords(version: FileVersion): string {
  return `Version ${version.version} · ${byteText(version.size)} · uploaded by ${version.uploadedBy.name} on ${formatDateTime(version.uploadedAt)}`;
}
