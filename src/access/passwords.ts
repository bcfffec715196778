/** Passwords are hashed with argon2id (OWASP's recommended parameters: 19 MiB, 2 passes). */
import { hash, verify } from "@node-rs/argon2";
import { invalid } from "../domain/errors.js";

// algorithm 2 is Argon2id (the package exports it as a const enum, which isolated modules cannot read).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing, verified against when the account is unknown, so both paths cost the same. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("firmtime-no-such-account");
  return dummyHash;
}

/** OWASP ASVS: at least 12 characters, at most 128; no composition rules. */
export function checkNewPassword(password: string): string {
  if (typeof password !== "string" || password.length < 12)
    throw invalid("a password needs at least 12 characters");
  if (password.length > 128) throw invalid("a password may have at most 128 characters");
  return password;
}
