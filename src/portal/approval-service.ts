/**
 * Approvals: staff ask a contact to approve one version of a shared file; the contact approves
 * or declines it with a comment. The record keeps the version's SHA-256 (what exactly was
 * approved), who decided, when, and from which address, and never changes once decided: the
 * service refuses, and the database's triggers (migration 0010) refuse whatever code tries.
 */
import type { Actor } from "../access/authorize.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import { findClient } from "../firm-setup/client-store.js";
import { findContact } from "../firm-setup/contact-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import type { PageRequest, RowPage } from "../store/list-query.js";
import { inTransaction } from "../store/transaction.js";
import {
  closeApproval,
  findApproval,
  insertApproval,
  selectApprovalPage,
  type Approval,
  type ApprovalSort,
  type ApprovalStatus,
} from "./approval-store.js";
import { recordEvent } from "./entity-events.js";
import { selectUserNames } from "./entity-event-store.js";
import { findEntityFile, findVersion, selectVersions } from "./entity-file-store.js";
import { notify } from "./notifications.js";
import { contactReaches, mayOnFile, sideOf } from "./portal-access.js";
import { portalActorOf, type PortalActor } from "./portal-actor.js";
import { contactsReaching, userContact } from "./portal-people.js";

export type { ApprovalStatus } from "./approval-store.js";

export interface ApprovalView {
  id: string;
  clientId: string;
  file: { id: string; name: string };
  /** The version asked about: what the contact approves, whatever is uploaded later. */
  version: { id: string; version: number; fileName: string; sha256: string };
  /** A newer version of the file exists than the one asked about. */
  newerVersion: boolean;
  contact: { id: string; name: string };
  message: string;
  requestedBy: { id: string; name: string };
  requestedAt: string;
  status: ApprovalStatus;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  comment: string | null;
  decidedFrom: string | null;
}

/** A contact's name as the firm knows them ("First Last"). */
const contactName = (contact: { firstName: string; lastName: string } | undefined) =>
  contact ? `${contact.firstName} ${contact.lastName}`.trim() : "";

async function viewOf(db: Db, firmId: string, approval: Approval): Promise<ApprovalView> {
  const file = await findEntityFile(db, firmId, approval.fileId);
  const version = await findVersion(db, firmId, approval.versionId);
  const contact = await findContact(db, firmId, approval.contactId);
  const names = await selectUserNames(db, firmId, [
    approval.requestedBy,
    ...(approval.decidedBy ? [approval.decidedBy] : []),
  ]);
  return {
    id: approval.id,
    clientId: approval.clientId,
    file: { id: approval.fileId, name: file?.name ?? "" },
    version: {
      id: approval.versionId,
      version: version?.version ?? 0,
      fileName: version?.fileName ?? "",
      sha256: approval.sha256,
    },
    newerVersion: (file?.versions ?? 0) > (version?.version ?? 0),
    contact: { id: approval.contactId, name: contactName(contact) },
    message: approval.message,
    requestedBy: { id: approval.requestedBy, name: names.get(approval.requestedBy) ?? "" },
    requestedAt: approval.requestedAt,
    status: approval.status,
    decidedBy: approval.decidedBy
      ? { id: approval.decidedBy, name: names.get(approval.decidedBy) ?? "" }
      : null,
    decidedAt: approval.decidedAt,
    comment: approval.comment,
    decidedFrom: approval.decidedFrom,
  };
}

/** The approval if the caller may see it: staff who read the client's files, or the contact asked. */
async function approvalFor(db: Db, firmId: string, who: PortalActor, id: string) {
  const approval = await findApproval(db, firmId, id);
  const hidden = () => notFound("approval", id);
  if (!approval || who.requestOnly !== null) throw hidden();
  if (sideOf(who.rights) === "contact") {
    if (who.rights.contactId !== approval.contactId || !contactReaches(who.rights, approval.clientId))
      throw hidden();
  } else if (!mayOnFile(who.rights, "read", approval.clientId, "shared")) throw hidden();
  return approval;
}

export async function askApproval(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  fileId: string,
  input: { contactId: string; message: string },
  appUrl: string,
): Promise<ApprovalView> {
  const firmId = scope.firm.id;
  const who = await portalActorOf(db, firmId, actor);
  const id = await inTransaction(db, async (tx) => {
    const file = await findEntityFile(tx, firmId, fileId);
    if (!file || who.requestOnly !== null || !mayOnFile(who.rights, "read", file.clientId, file.kind))
      throw notFound("file", fileId);
    if (sideOf(who.rights) === "contact" || !mayOnFile(who.rights, "edit", file.clientId, file.kind))
      throw new AppError("FORBIDDEN", "asking for an approval needs the edit right on the client's files", {
        permission: "files:E",
      });
    if (file.kind !== "shared")
      throw invalid(`${file.name} is not shared with the client: share it before asking for an approval`, {
        field: "fileId",
      });
    const contact = (await contactsReaching(tx, firmId, file.clientId)).find(
      (c) => c.contactId === input.contactId,
    );
    if (!contact)
      throw invalid("the contact has no portal access to this client: share the client with them first", {
        field: "contactId",
      });
    const version = (await selectVersions(tx, firmId, [file.id])).at(-1)!;
    const approvalId = await insertApproval(
      tx,
      firmId,
      {
        clientId: file.clientId,
        fileId: file.id,
        versionId: version.id,
        sha256: version.sha256,
        contactId: contact.contactId,
        message: input.message.trim(),
        requestedBy: who.userId,
      },
      scope.clock.now().toISOString(),
    );
    const eventId = await recordEvent(tx, scope, who, {
      clientId: file.clientId,
      kind: "approval.requested",
      audience: "contact",
      contactId: contact.contactId,
      fileId: file.id,
      summary: `${who.name} asked ${contact.name} to approve ${file.name} (version ${version.version})`,
      details: { approvalId, versionId: version.id, sha256: version.sha256 },
    });
    const client = await findClient(tx, firmId, file.clientId);
    await notify(tx, scope, {
      eventId,
      recipients: [contact],
      immediate: true,
      replyTo: (await userContact(tx, firmId, who.userId))?.email ?? null,
      compose: () => ({
        subject: `${scope.firm.name} asks you to approve ${file.name}`,
        paragraphs: [
          `Hello ${contact.name},`,
          `${who.name} at ${scope.firm.name} asks you to approve ${file.name}${client ? ` for ${client.name}` : ""}.`,
          ...(input.message.trim() ? [input.message.trim()] : []),
          "Sign in to read it, then approve it or decline it with a comment.",
        ],
        action: { label: "Open the document", url: `${appUrl}/approvals/${approvalId}` },
      }),
    });
    return approvalId;
  });
  return viewOf(db, firmId, (await findApproval(db, firmId, id))!);
}

export async function getApproval(db: Db, scope: FirmScope, actor: Actor, id: string): Promise<ApprovalView> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  return viewOf(db, scope.firm.id, await approvalFor(db, scope.firm.id, who, id));
}

/** A page of a client's approvals: all for staff who read its files; a contact's own for a contact. */
export async function listApprovals(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  clientId: string,
  filter: { fileId?: string | undefined; status?: ApprovalStatus | undefined },
  page: PageRequest<ApprovalSort>,
): Promise<RowPage<ApprovalView>> {
  const firmId = scope.firm.id;
  const who = await portalActorOf(db, firmId, actor);
  const client = await findClient(db, firmId, clientId);
  const contact = sideOf(who.rights) === "contact";
  const sees =
    client &&
    (contact ? contactReaches(who.rights, client.id) : mayOnFile(who.rights, "read", client.id, "shared"));
  if (!client || client.id !== clientId || !sees || who.requestOnly !== null)
    throw notFound("client", clientId);
  const found = await selectApprovalPage(
    db,
    firmId,
    { clientId: client.id, contactId: contact ? who.rights.contactId : null, ...filter },
    page,
  );
  return {
    total: found.total,
    items: await Promise.all(found.items.map((approval) => viewOf(db, firmId, approval))),
  };
}

export async function decideApproval(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  id: string,
  input: { decision: "approved" | "declined"; comment: string; address: string },
): Promise<ApprovalView> {
  const firmId = scope.firm.id;
  const who = await portalActorOf(db, firmId, actor);
  const comment = input.comment.trim();
  if (input.decision === "declined" && !comment)
    throw invalid("say why you decline: a comment is needed", { field: "comment" });
  await inTransaction(db, async (tx) => {
    const row = await approvalFor(tx, firmId, who, id);
    if (sideOf(who.rights) !== "contact")
      throw new AppError("FORBIDDEN", "only the contact asked decides an approval", {
        permission: "files:R",
      });
    if (row.status !== "pending")
      throw new AppError("STATUS_TRANSITION", `this approval is ${row.status}: it cannot change`, {
        status: row.status,
      });
    const decided = await closeApproval(tx, firmId, id, {
      status: input.decision,
      decidedBy: who.userId,
      decidedAt: scope.clock.now().toISOString(),
      comment: comment || null,
      from: input.address,
    });
    if (!decided)
      throw new AppError("STATUS_TRANSITION", "this approval was decided meanwhile: it cannot change");
    const file = await findEntityFile(tx, firmId, row.fileId);
    const eventId = await recordEvent(tx, scope, who, {
      clientId: row.clientId,
      kind: input.decision === "approved" ? "approval.approved" : "approval.declined",
      audience: "contact",
      contactId: row.contactId,
      fileId: row.fileId,
      summary: `${who.name} ${input.decision} ${file?.name ?? "a file"}${comment ? `: ${comment}` : ""}`,
      details: { approvalId: id, sha256: row.sha256, address: input.address },
    });
    const requester = await userContact(tx, firmId, row.requestedBy);
    if (requester?.status === "active")
      await notify(tx, scope, {
        eventId,
        recipients: [{ userId: requester.userId, email: requester.email, name: "" }],
        compose: () => ({
          subject: `${who.name} ${input.decision} ${file?.name ?? "a file"}`,
          paragraphs: [
            `${who.name} ${input.decision} ${file?.name ?? "a file"}.`,
            ...(comment ? [comment] : []),
          ],
        }),
      });
  });
  return getApproval(db, scope, actor, id);
}

export async function cancelApproval(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  id: string,
): Promise<ApprovalView> {
  const firmId = scope.firm.id;
  const who = await portalActorOf(db, firmId, actor);
  await inTransaction(db, async (tx) => {
    const row = await approvalFor(tx, firmId, who, id);
    if (sideOf(who.rights) === "contact" || !mayOnFile(who.rights, "edit", row.clientId, "shared"))
      throw new AppError("FORBIDDEN", "cancelling an approval needs the edit right on the client's files", {
        permission: "files:E",
      });
    if (row.status !== "pending")
      throw new AppError("STATUS_TRANSITION", `this approval is ${row.status}: it cannot change`, {
        status: row.status,
      });
    if (!(await closeApproval(tx, firmId, id, { status: "cancelled" })))
      throw new AppError("STATUS_TRANSITION", "this approval was decided meanwhile: it cannot change");
    await recordEvent(tx, scope, who, {
      clientId: row.clientId,
      kind: "approval.cancelled",
      audience: "contact",
      contactId: row.contactId,
      fileId: row.fileId,
      summary: `${who.name} withdrew the request for approval`,
      details: { approvalId: id },
    });
  });
  return getApproval(db, scope, actor, id);
}
