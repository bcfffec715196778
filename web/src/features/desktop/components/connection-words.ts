/** How each connection state looks and reads: colours dark enough for white words (WCAG AA). */
import type { ConnectionStatus } from "../api/connection-state";

export const STATE_COLOURS: Record<ConnectionStatus["state"], string> = {
  Online: "#1b6e2f",
  Offline: "#495057",
  "Merge notification": "#1864ab",
  "Merge conflicts": "#b02525",
};

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The counts behind the state, in a few words: "3 waiting to go up, 1 conflict". */
export function countsInWords(status: ConnectionStatus): string {
  const parts: string[] = [];
  if (status.waitingUp) parts.push(`${plural(status.waitingUp, "change", "changes")} to send`);
  if (status.waitingDown) parts.push(`${plural(status.waitingDown, "change", "changes")} to fetch`);
  if (status.conflicts) parts.push(plural(status.conflicts, "conflict", "conflicts"));
  if (status.refusals) parts.push(plural(status.refusals, "refusal", "refusals"));
  if (status.held) parts.push(`${plural(status.held, "entry", "entries")} held`);
  return parts.join(", ");
}
