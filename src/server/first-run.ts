/**
 * First run: a server whose store holds no firm yet offers a one-time setup token on its console,
 * with which the newcomer creates the first firm and its Admin (POST /setup).
 *
 * The token is random (256 bits), kept only in this process's memory and only as its SHA-256;
 * it expires, serves once, and dies with the process (a restart prints a new one). It never
 * reaches the store or the log. Once any firm exists, setup is closed for good: more firms are
 * made with `firmtime firm create` by whoever can reach the store.
 */
import { createCloudFirm, type CloudFirmInput } from "../access/firm-bootstrap.js";
import { newSecret, sameSecret, sha256 } from "../access/secrets.js";
import { AppError } from "../domain/errors.js";
import { selectFirms } from "../firm-setup/firm-store.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";

export interface SetupGate {
  readonly expiresAt: Date;
  /**
   * Runs `work` if `token` is this gate's, unexpired and unused. The token is spent only when
   * the work succeeds: a refused input (a short password, a taken URL name) can be corrected
   * and sent again. While one attempt runs, others are refused.
   */
  use<T>(token: string, work: () => Promise<T>): Promise<T>;
}

export const SETUP_REFUSED = "the setup token is wrong, expired or already used";

export function openSetupGate(clock: Clock, validMs: number): { gate: SetupGate; token: string } {
  const token = newSecret();
  const tokenHash = sha256(token);
  const expiresAt = new Date(clock.now().getTime() + validMs);
  let state: "open" | "busy" | "spent" = "open";
  const gate: SetupGate = {
    expiresAt,
    async use(candidate, work) {
      const valid = sameSecret(sha256(candidate), tokenHash) && clock.now() < expiresAt;
      if (!valid || state !== "open") throw new AppError("LINK_INVALID", SETUP_REFUSED);
      state = "busy";
      try {
        const result = await work();
        state = "spent";
        return result;
      } finally {
        if (state === "busy") state = "open";
      }
    },
  };
  return { gate, token };
}

export async function hasAnyFirm(db: Db): Promise<boolean> {
  return (await selectFirms(db)).length > 0;
}

export const SETUP_CLOSED =
  "setup is closed: this server already has a firm (create more with firmtime firm create)";

/** The first firm and its Admin, refused once any firm exists (checked in the same transaction). */
export async function createFirstFirm(db: Db, clock: Clock, input: CloudFirmInput) {
  return inTransaction(db, async (tx) => {
    if (await hasAnyFirm(tx)) throw new AppError("LINK_INVALID", SETUP_CLOSED);
    return createCloudFirm(tx, clock, input);
  });
}
