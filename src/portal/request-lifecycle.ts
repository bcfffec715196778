/**
 * The life of a file request and its items, as pure rules.
 *
 * An item goes open → responded (the client uploaded) → completed (staff accepted it), or is
 * returned (responded → open, with a comment saying why) or cancelled. The request's status
 * follows its items: open while any item waits for the client, responded once none does but some
 * wait for staff, completed once every item is completed or cancelled (at least one completed);
 * staff may also complete or cancel the whole request. A completed or cancelled request is
 * closed: nothing in it changes any more.
 */
import { AppError } from "../domain/errors.js";
import type { RequestStatus } from "../store/tables.js";

export type ItemMove = "respond" | "complete" | "return" | "cancel";

const FROM: Record<ItemMove, readonly RequestStatus[]> = {
  respond: ["open", "responded"],
  complete: ["open", "responded"],
  return: ["responded"],
  cancel: ["open", "responded"],
};

const TO: Record<ItemMove, RequestStatus> = {
  respond: "responded",
  complete: "completed",
  return: "open",
  cancel: "cancelled",
};

const WORDS: Record<ItemMove, string> = {
  respond: "answered",
  complete: "completed",
  return: "returned",
  cancel: "cancelled",
};

export const isClosed = (status: RequestStatus): boolean => status === "completed" || status === "cancelled";

/** The item's status after `move`, or STATUS_TRANSITION in words. */
export function moveItem(
  requestStatus: RequestStatus,
  item: { title: string; status: RequestStatus },
  move: ItemMove,
): RequestStatus {
  if (isClosed(requestStatus))
    throw new AppError("STATUS_TRANSITION", `the request is ${requestStatus}: its items no longer change`, {
      status: requestStatus,
    });
  if (!FROM[move].includes(item.status))
    throw new AppError(
      "STATUS_TRANSITION",
      `item "${item.title}" is ${item.status} and cannot be ${WORDS[move]}`,
      { status: item.status, move },
    );
  return TO[move];
}

/** The request's status from its items' (for a request that is not cancelled). */
export function requestStatusOf(items: readonly { status: RequestStatus }[]): RequestStatus {
  const live = items.filter((item) => item.status !== "cancelled");
  if (live.length === 0) return "cancelled";
  if (live.some((item) => item.status === "open")) return "open";
  if (live.some((item) => item.status === "responded")) return "responded";
  return "completed";
}

export interface ReminderPlan {
  everyDays: number | null;
  max: number;
  sent: number;
}

const DAY_MS = 86_400_000;

/**
 * When the next reminder is due: `everyDays` after `from` while reminders are left and the
 * request waits for the client (open); null otherwise.
 */
export function nextReminderAt(plan: ReminderPlan, status: RequestStatus, from: Date): string | null {
  if (status !== "open" || plan.everyDays === null || plan.sent >= plan.max) return null;
  return new Date(from.getTime() + plan.everyDays * DAY_MS).toISOString();
}
