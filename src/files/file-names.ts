/** Names of uploaded files: shown to people, never used as a path. */

// Control characters and bidirectional overrides: they can make a name display as another.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_IN_NAMES = new RegExp(UNSAFE_CHARACTER.source, "g");

/** A name someone types (a rename, a folder) is refused with these rather than cleaned. */
export const hasUnsafeCharacters = (name: string): boolean => UNSAFE_CHARACTER.test(name);

export const UNSAFE_NAME_WORDS = "a name may not contain control characters or direction overrides";

/**
 * An uploader's file name, for display only: its last path segment (never a folder, `..` or an
 * absolute path), without control characters, 200 characters at most; `fallback` when nothing is left.
 */
export function displayFileName(given: string | undefined, fallback: string): string {
  const base = (given ?? "").split(/[/\\]/).at(-1)!.replace(UNSAFE_IN_NAMES, "").trim().slice(0, 200);
  return base === "." || base === ".." || !base ? fallback : base;
}
