/**
 * The bytes of an IIF file. QuickBooks Desktop reads IIF in the Windows ANSI code page
 * (Windows-1252 on US and Western European systems), not UTF-8: "José" written as UTF-8 imports
 * as "JosÃ©", a new, different employee. So the file is encoded to Windows-1252.
 *
 * A character Windows-1252 lacks is written without its accents when that leaves one it has
 * ("Dvořák" → "Dvorak"), else as "?". Deterministic, so the same batch is the same bytes;
 * such a name then differs from firmtime's, which the connector's readiness check would show.
 */

// Windows-1252's 0x80–0x9F, where it differs from ISO-8859-1 (0x81, 0x8D, 0x8F, 0x90, 0x9D unused).
const HIGH_BYTES = new Map<string, number>(
  [..."€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"].map((char, at) => [
    char,
    [
      0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e, 0x91, 0x92, 0x93, 0x94,
      0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9e, 0x9f,
    ][at]!,
  ]),
);

function byteOf(char: string): number | undefined {
  const code = char.codePointAt(0)!;
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  return HIGH_BYTES.get(char);
}

/** Windows-1252 bytes of IIF text (as written by writeIif and its kin). */
export function iifBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text.normalize("NFC")) {
    const byte = byteOf(char);
    if (byte !== undefined) {
      bytes.push(byte);
      continue;
    }
    const plain = [...char.normalize("NFD").replace(/\p{M}+/gu, "")].map(byteOf);
    if (plain.length > 0 && plain.every((each) => each !== undefined)) bytes.push(...plain);
    else bytes.push(0x3f); // "?"
  }
  return Buffer.from(bytes);
}

/** IIF text from Windows-1252 bytes (QuickBooks' own exports, or ours read back). */
export function iifText(bytes: Uint8Array): string {
  const chars = new Map([...HIGH_BYTES].map(([char, byte]) => [byte, char]));
  return [...bytes].map((byte) => chars.get(byte) ?? String.fromCharCode(byte)).join("");
}
