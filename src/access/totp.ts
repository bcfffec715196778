/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA-1, 6 digits, 30-second
 * steps, what every authenticator app speaks. Pure: no I/O, the time is always passed in.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const TOTP = { stepSeconds: 30, digits: 6, drift: 1 } as const;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding, as authenticator apps take secrets. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces and padding; undefined when a character is not base32. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A new random secret: 160 bits, the HMAC-SHA-1 key size RFC 4226 recommends. */
export const newTotpSecret = (): string => base32Encode(randomBytes(20));

/** RFC 4226: the HOTP value of a key at a counter, as a zero-padded string of `digits`. */
export function hotp(key: Uint8Array, counter: number, digits: number = TOTP.digits): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The time step a moment falls in. */
export const timeStep = (atMs: number): number => Math.floor(atMs / 1000 / TOTP.stepSeconds);

/** The code for a moment (what an authenticator app shows then). */
export function totpCode(secret: string, atMs: number, digits: number = TOTP.digits): string {
  const key = base32Decode(secret);
  if (!key) throw new RangeError("the TOTP secret is not base32");
  return hotp(key, timeStep(atMs), digits);
}

/**
 * The time step whose code `code` is, within ±1 step of `atMs` (clocks drift), and only for
 * steps after `after` (the last step accepted: a code is good once). Undefined if none.
 */
export function matchTotp(
  secret: string,
  code: string,
  atMs: number,
  after: number | null = null,
): number | undefined {
  const key = base32Decode(secret);
  const typed = code.replace(/\s/g, "");
  if (!key || !/^\d+$/.test(typed) || typed.length !== TOTP.digits) return undefined;
  const now = timeStep(atMs);
  let found: number | undefined;
  // Every candidate is computed and compared in constant time, whichever matches.
  for (let step = now - TOTP.drift; step <= now + TOTP.drift; step++) {
    const same = timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(typed));
    if (same && (after === null || step > after) && found === undefined) found = step;
  }
  return found;
}

/** The otpauth:// URI (Key Uri Format) an authenticator app reads from a QR code. */
export function otpauthUri(input: { issuer: string; account: string; secret: string }): string {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`;
  const query = new URLSearchParams({
    secret: input.secret,
    issuer: input.issuer,
    algorithm: "SHA1",
    digits: String(TOTP.digits),
    period: String(TOTP.stepSeconds),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}
