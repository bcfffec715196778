/** Random tokens for sessions, API tokens and one-time links; only their SHA-256 is stored. */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const newSecret = (bytes = 32): string => randomBytes(bytes).toString("base64url");

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
