/**
 * A file request's emails: to its recipients (an ask carries a link that signs them straight
 * into the request; the firm's detailed setting decides how much the email says) and to the staff
 * member who asked (when a contact answers or comments).
 */
import { issueRequestLink } from "../access/request-link-service.js";
import { findUserById } from "../access/account-store.js";
import type { Client } from "../firm-setup/client-store.js";
import type { Firm } from "../firm-setup/firm-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import { selectUserNames } from "./entity-event-store.js";
import { selectItems, type FileRequestRecord, type RequestItemRecord } from "./file-request-store.js";
import { notify, type Notified } from "./notifications.js";
import { userContact } from "./portal-people.js";
import { readPortalSettings } from "./portal-settings.js";
import type { PortalMail } from "./portal-mail.js";
import type { RequestDeps } from "./request-loading.js";

// ---------------------------------------------------------------------------------------------
// Emails to the recipients (asks carry a link that signs them straight into the request)

export type RecipientMailKind = "created" | "reminder" | "returned" | "commented" | "completed" | "cancelled";

export async function mailRecipients(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps,
  input: {
    request: FileRequestRecord;
    client: Client;
    eventId: string;
    recipients: readonly Notified[];
    replyTo: string | null;
    kind: RecipientMailKind;
    askedBy: string;
    note?: string;
  },
): Promise<void> {
  const settings = await readPortalSettings(db, scope.firm.id);
  const items = await selectItems(db, scope.firm.id, input.request.id);
  const asks = input.kind === "created" || input.kind === "reminder" || input.kind === "returned";
  await notify(db, scope, {
    eventId: input.eventId,
    recipients: input.recipients,
    replyTo: input.replyTo,
    immediate: asks,
    compose: async (recipient) => {
      const user = await findUserById(db, scope.firm.id, recipient.userId);
      const link = user ? await issueRequestLink(db, deps, scope.firm, user, input.request.id) : undefined;
      return recipientMail(scope.firm, settings.detailedNotifications, input, items, recipient, link);
    },
  });
}

const SUBJECTS: Record<RecipientMailKind, (firm: string, subject: string) => string> = {
  created: (firm, subject) => `${firm} asks you for documents: ${subject}`,
  reminder: (firm, subject) => `Reminder from ${firm}: ${subject}`,
  returned: (firm, subject) => `${firm} needs another look: ${subject}`,
  commented: (firm, subject) => `New comment from ${firm}: ${subject}`,
  completed: (firm, subject) => `${firm} has everything it asked for: ${subject}`,
  cancelled: (firm, subject) => `${firm} no longer needs: ${subject}`,
};

function recipientMail(
  firm: Firm,
  detailed: boolean,
  input: { request: FileRequestRecord; kind: RecipientMailKind; askedBy: string; note?: string },
  items: readonly RequestItemRecord[],
  recipient: Notified,
  link: { url: string; expiresAt: string } | undefined,
): PortalMail {
  const { request, kind } = input;
  const hello = `Hello ${recipient.name},`;
  const lead: Record<RecipientMailKind, string> = {
    created: `${input.askedBy} at ${firm.name} asks you for documents.`,
    reminder: `${firm.name} is still waiting for documents from you.`,
    returned: `${input.askedBy} at ${firm.name} looked at what you sent and needs another look at an item.`,
    commented: `${input.askedBy} at ${firm.name} added a comment.`,
    completed: `${firm.name} has received everything it asked for. Thank you.`,
    cancelled: `${firm.name} cancelled this request: there is nothing more to do.`,
  };
  const paragraphs = [hello, lead[kind]];
  if (detailed) {
    paragraphs.push(`Request: ${request.subject}`);
    if (request.description) paragraphs.push(request.description);
    if (kind === "created" && request.emailMessage) paragraphs.push(request.emailMessage);
    if (input.note) paragraphs.push(input.note);
    const waiting = items.filter((item) => item.status === "open");
    if (waiting.length && kind !== "completed" && kind !== "cancelled")
      paragraphs.push(
        [
          "Still to send:",
          ...waiting.map((item) => `- ${item.title}${item.dueDate ? ` (by ${item.dueDate})` : ""}`),
        ].join("\n"),
      );
  } else {
    paragraphs.push("Open the request to see the details.");
  }
  const closed = kind === "completed" || kind === "cancelled";
  return {
    subject: detailed ? SUBJECTS[kind](firm.name, request.subject) : SUBJECTS[kind](firm.name, "a request"),
    paragraphs,
    ...(link && !closed ? { action: { label: "Open the request", url: link.url } } : {}),
    footer: [
      link && !closed
        ? `The button signs you in to this request only. It works once, until ${link.expiresAt.slice(0, 16).replace("T", " ")} UTC; after that, sign in with your password.`
        : "",
      `You receive this because ${firm.name} shares documents with you through firmtime.`,
    ].filter(Boolean),
  };
}

/** The staff member who asked: told when a contact answers or comments. */
export async function mailRequester(
  db: Db,
  scope: FirmScope,
  input: { request: FileRequestRecord; client: Client; eventId: string; what: string; by: string },
  publicUrl: string,
): Promise<void> {
  const requester = await userContact(db, scope.firm.id, input.request.createdBy);
  if (!requester || requester.status !== "active") return;
  const names = await selectUserNames(db, scope.firm.id, [requester.userId]);
  const url = `${publicUrl.replace(/\/+$/, "")}/f/${encodeURIComponent(scope.firm.slug ?? "")}/requests/${input.request.id}`;
  await notify(db, scope, {
    eventId: input.eventId,
    recipients: [
      { userId: requester.userId, email: requester.email, name: names.get(requester.userId) ?? "" },
    ],
    compose: () => ({
      subject: `${input.client.name}: ${input.what} (${input.request.subject})`,
      paragraphs: [`${input.by} ${input.what} on "${input.request.subject}" for ${input.client.name}.`],
      action: { label: "Open the request", url },
    }),
  });
}
