/** Staff running a file request: accepting, returning or cancelling items, closing it, reminding now. */
import type { Actor } from "../access/authorize.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import { recordEvent } from "./entity-events.js";
import {
  findRequest,
  insertComment,
  selectItems,
  updateItemStatus,
  updateRequest,
  type RequestStatus,
} from "./file-request-store.js";
import { isClosed, moveItem, type ItemMove } from "./request-lifecycle.js";
import { loadRequest, recipientsNow, replyToOf, type Loaded, type RequestDeps } from "./request-loading.js";
import { getRequest, type RequestView } from "./file-request-service.js";
import { mailRecipients, type RecipientMailKind } from "./request-mail.js";
import { sendReminder } from "./request-reminders.js";
import { followItems } from "./request-answers.js";

// ---------------------------------------------------------------------------------------------
// Staff: accepting, returning, cancelling items; closing the request; reminders

function requireStaff(loaded: Loaded): void {
  if (loaded.standing !== "staff")
    throw new AppError("FORBIDDEN", "only the firm's staff complete, return or cancel a request's items", {
      permission: "activities:R",
    });
}

export async function moveRequestItem(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps,
  actor: Actor,
  requestId: string,
  itemId: string,
  move: Exclude<ItemMove, "respond">,
  comment: string | undefined,
): Promise<RequestView> {
  const firmId = scope.firm.id;
  const note = comment?.trim() ?? "";
  if (move === "return" && !note)
    throw invalid("say what is missing: a returned item needs a comment", { field: "comment" });
  await inTransaction(db, async (tx) => {
    const loaded = await loadRequest(tx, firmId, actor, requestId);
    requireStaff(loaded);
    const items = await selectItems(tx, firmId, requestId);
    const item = items.find((candidate) => candidate.id === itemId);
    if (!item) throw notFound("request item", itemId);
    const status = moveItem(loaded.request.status, item, move);
    const now = scope.clock.now().toISOString();
    await updateItemStatus(
      tx,
      firmId,
      item.id,
      { status, closedAt: status === "completed" || status === "cancelled" ? now : null },
      now,
    );
    if (note) await insertComment(tx, firmId, { itemId, authorId: loaded.who.userId, body: note }, now);
    const kind =
      move === "complete" ? "item.completed" : move === "return" ? "item.returned" : "item.cancelled";
    const words = move === "complete" ? "accepted" : move === "return" ? "returned" : "cancelled";
    const eventId = await recordEvent(tx, scope, loaded.who, {
      clientId: loaded.client.id,
      kind,
      audience: "request",
      requestId,
      summary: `${loaded.who.name} ${words} "${item.title}"`,
      details: { itemId, ...(note ? { comment: note } : {}) },
    });
    const after = items.map((other) => (other.id === item.id ? { ...other, status } : other));
    const requestStatus = await followItems(tx, scope, loaded, after, loaded.who);
    const mailKind: RecipientMailKind | null =
      move === "return" ? "returned" : requestStatus === "completed" ? "completed" : null;
    if (mailKind)
      await mailRecipients(tx, scope, deps, {
        request: (await findRequest(tx, firmId, requestId))!,
        client: loaded.client,
        eventId,
        recipients: await recipientsNow(tx, firmId, loaded),
        replyTo: await replyToOf(tx, firmId, loaded.who.userId),
        kind: mailKind,
        askedBy: loaded.who.name,
        ...(move === "return" ? { note: `"${item.title}": ${note}` } : {}),
      });
  });
  return getRequest(db, scope, actor, requestId);
}

/**
 * Completes the whole request (every item not cancelled becomes completed) or cancels it.
 * Either closes it: no more answers, comments or reminders.
 */
export async function closeRequest(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps,
  actor: Actor,
  requestId: string,
  how: "complete" | "cancel",
): Promise<RequestView> {
  const firmId = scope.firm.id;
  await inTransaction(db, async (tx) => {
    const loaded = await loadRequest(tx, firmId, actor, requestId);
    requireStaff(loaded);
    const { request } = loaded;
    if (isClosed(request.status))
      throw new AppError("STATUS_TRANSITION", `the request is already ${request.status}`, {
        status: request.status,
      });
    const now = scope.clock.now().toISOString();
    const target: RequestStatus = how === "complete" ? "completed" : "cancelled";
    for (const item of await selectItems(tx, firmId, requestId)) {
      if (isClosed(item.status)) continue;
      await updateItemStatus(tx, firmId, item.id, { status: target, closedAt: now }, now);
    }
    await updateRequest(tx, firmId, requestId, { status: target, closedAt: now, nextReminderAt: null }, now);
    const eventId = await recordEvent(tx, scope, loaded.who, {
      clientId: loaded.client.id,
      kind: how === "complete" ? "request.completed" : "request.cancelled",
      audience: "request",
      requestId,
      summary: `${loaded.who.name} ${how === "complete" ? "completed" : "cancelled"} "${request.subject}"`,
    });
    await mailRecipients(tx, scope, deps, {
      request: (await findRequest(tx, firmId, requestId))!,
      client: loaded.client,
      eventId,
      recipients: await recipientsNow(tx, firmId, loaded),
      replyTo: await replyToOf(tx, firmId, loaded.who.userId),
      kind: how === "complete" ? "completed" : "cancelled",
      askedBy: loaded.who.name,
    });
  });
  return getRequest(db, scope, actor, requestId);
}

/** "Remind now": a reminder outside the schedule (it does not use up the scheduled ones). */
export async function remindNow(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps,
  actor: Actor,
  requestId: string,
): Promise<RequestView> {
  const firmId = scope.firm.id;
  await inTransaction(db, async (tx) => {
    const loaded = await loadRequest(tx, firmId, actor, requestId);
    requireStaff(loaded);
    if (loaded.request.status !== "open")
      throw new AppError(
        "STATUS_TRANSITION",
        `the request is ${loaded.request.status}: reminders go only while the client still owes an answer`,
        { status: loaded.request.status },
      );
    await sendReminder(tx, scope, deps, loaded.request, loaded.who, loaded.client);
  });
  return getRequest(db, scope, actor, requestId);
}
