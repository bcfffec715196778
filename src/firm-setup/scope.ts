/**
 * What every firm-scoped service call carries: the firm (its id, currency and rules), the
 * clock and the acting user's name (for audit). The database is passed separately, first,
 * so a caller can pass a transaction.
 */
import type { Clock } from "../store/clock.js";
import type { Firm } from "./firm-store.js";

export interface FirmScope {
  firm: Firm;
  clock: Clock;
  actor: string;
}

export const nowIso = (scope: FirmScope): string => scope.clock.now().toISOString();
