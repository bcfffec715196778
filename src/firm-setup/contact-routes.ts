/**
 * /contacts: the people at clients. The rules:
 * - Contacts are firm-wide records, not content of one client: reading, creating, changing and
 *   deleting them takes the contacts right at system scope (Admin, Entities Admin, or a custom
 *   role assigned firm-wide). A contact user may also read their own record, and nobody else's.
 * - Email and phone numbers are contact details: a response carries them only for a caller with
 *   contact_details:R (or the contact themselves); setting them takes contact_details:C / E.
 * - A contact's client links (clientIds) show only the clients the caller may read; linking a
 *   client takes reading it; links to clients the caller cannot see survive their edits.
 */
import { z } from "zod";
import { authorize, can, rightsOf, type Actor } from "../access/authorize.js";
import type { Action } from "../access/permissions.js";
import { scopeOf } from "../http/context.js";
import { firmParams, idParams, listOf, pageQuery, searchParam, sortParam } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import { getClient } from "./client-service.js";
import {
  addContact,
  deleteContact,
  editContact,
  getContact,
  getContactCompany,
  listContactPage,
  type ContactInput,
} from "./contact-service.js";
import { CONTACT_SORTS, selectContactClientIds, type Contact } from "./contact-store.js";
import type { FirmScope } from "./scope.js";

const contactSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable().optional().describe("present with contact_details:R"),
  workPhone: z.string().optional().describe("present with contact_details:R"),
  mobilePhone: z.string().optional().describe("present with contact_details:R"),
  contactCompanyId: z.string().nullable(),
  clientIds: z.array(z.string()).describe("the linked clients the caller may read"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

type ContactView = z.infer<typeof contactSchema>;

const contactBody = z
  .object({
    firstName: z.string().min(1).max(60),
    lastName: z.string().min(1).max(60),
    email: z.email().max(254).nullable().optional(),
    workPhone: z.string().max(40).optional(),
    mobilePhone: z.string().max(40).optional(),
    contactCompanyId: z.uuid().nullable().optional(),
    clientIds: z.array(z.uuid()).max(500).optional(),
  })
  .strict();

type ContactBody = Partial<z.infer<typeof contactBody>>;

const DETAIL_FIELDS = ["email", "workPhone", "mobilePhone"] as const;
const TAGS = ["contacts"];

const isSelf = (actor: Actor, contactId: string): boolean => rightsOf(actor).contactId === contactId;

const readsClient = (actor: Actor, clientId: string): boolean =>
  can(actor, "R", { object: "entities", entityId: clientId });

/** A contact as this caller may see it: details and client links trimmed to their rights. */
function viewOf(actor: Actor, contact: Contact, clientIds: readonly string[]): ContactView {
  const { clients: _codes, email, workPhone, mobilePhone, ...rest } = contact;
  const details = can(actor, "R", { object: "contact_details" }) || isSelf(actor, contact.id);
  return {
    ...rest,
    ...(details ? { email, workPhone, mobilePhone } : {}),
    clientIds: clientIds.filter((id) => readsClient(actor, id)),
  };
}

async function viewsOf(db: Db, scope: FirmScope, actor: Actor, contacts: Contact[]): Promise<ContactView[]> {
  const links = await selectContactClientIds(
    db,
    scope.firm.id,
    contacts.map((contact) => contact.id),
  );
  return contacts.map((contact) => viewOf(actor, contact, links.get(contact.id) ?? []));
}

/** A contact the caller may act on: 404 when it is not here or not theirs to read, 403 when only read. */
async function authorizedContact(db: Db, scope: FirmScope, actor: Actor, action: Action, id: string) {
  const contact = await getContact(db, scope, id);
  if (!isSelf(actor, contact.id)) {
    authorize(actor, action, { object: "contacts" }, { what: "contact", key: id });
  } else if (action !== "R") {
    // Their own record is not hidden from a contact, but reading it is all they may do.
    authorize(actor, action, { object: "contacts" });
  }
  return contact;
}

/** A company or clients named in a query or body: each must be here and readable (else 404). */
async function authorizeReferences(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  body: Pick<ContactBody, "contactCompanyId" | "clientIds">,
) {
  if (body.contactCompanyId) {
    await getContactCompany(db, scope, body.contactCompanyId);
    const hidden = { what: "contact company", key: body.contactCompanyId };
    authorize(actor, "R", { object: "contacts" }, hidden);
  }
  for (const clientId of body.clientIds ?? []) {
    await getClient(db, scope, clientId);
    authorize(actor, "R", { object: "entities", entityId: clientId }, { what: "client", key: clientId });
  }
}

/** Every field and id of a body: details need their own right, references must be readable. */
async function authorizeBody(db: Db, scope: FirmScope, actor: Actor, action: "C" | "E", body: ContactBody) {
  if (DETAIL_FIELDS.some((field) => body[field] !== undefined)) {
    authorize(actor, action, { object: "contact_details" });
  }
  await authorizeReferences(db, scope, actor, body);
}

const toInput = (body: ContactBody): Partial<ContactInput> => ({
  firstName: body.firstName,
  lastName: body.lastName,
  email: body.email,
  workPhone: body.workPhone,
  mobilePhone: body.mobilePhone,
  contactCompany: body.contactCompanyId,
  clients: body.clientIds,
});

/** The links an edit sets: those asked for, plus those to clients the caller cannot see. */
async function linksAfterEdit(db: Db, scope: FirmScope, actor: Actor, contactId: string, asked: string[]) {
  const current = (await selectContactClientIds(db, scope.firm.id, [contactId])).get(contactId) ?? [];
  return [...new Set([...asked, ...current.filter((id) => !readsClient(actor, id))])];
}

export const registerContactRoutes: RouteModule = (app, deps) => {
  app.get(
    "/contacts",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: TAGS,
        summary: "List contacts: all with contacts:R, else only the caller's own contact record",
        params: firmParams,
        querystring: pageQuery
          .extend({
            clientId: z.uuid().optional(),
            contactCompanyId: z.uuid().optional(),
            search: searchParam("first or last name, or email (with contact_details:R)"),
            sort: sortParam(CONTACT_SORTS, "name", {
              name: "last name, then first name, case-insensitive",
              firstName: "first name, then last name, case-insensitive",
              createdAt: "when it was added",
            }),
          })
          .strict(),
        response: { 200: listOf(contactSchema) },
      },
    },
    async (request) => {
      const { actor } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      const { clientId, contactCompanyId, search, sort, limit, offset } = request.query;
      const clientIds = clientId ? [clientId] : [];
      await authorizeReferences(deps.store.db, scope, actor, { contactCompanyId, clientIds });
      // Without contacts:R a caller reads their own contact record at most.
      const ownId = rightsOf(actor).contactId;
      const readable = can(actor, "R", { object: "contacts" }) ? "all" : ownId ? [ownId] : [];
      // An email is searched only by whoever may read emails, so a search reveals nothing more.
      const searchEmail = can(actor, "R", { object: "contact_details" }) || readable !== "all";
      const found = await listContactPage(
        deps.store.db,
        scope,
        { clientId, contactCompanyId, search, searchEmail, readable },
        { sort, limit, offset },
      );
      return { ...found, items: await viewsOf(deps.store.db, scope, actor, found.items), limit, offset };
    },
  );

  app.get(
    "/contacts/:id",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: TAGS,
        summary: "A contact: with contacts:R, or the caller's own contact record",
        params: idParams,
        response: { 200: contactSchema },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const contact = await authorizedContact(deps.store.db, scope, request.actor, "R", request.params.id);
      return (await viewsOf(deps.store.db, scope, request.actor, [contact]))[0]!;
    },
  );

  app.post(
    "/contacts",
    {
      config: { permission: "contacts:C" },
      schema: { tags: TAGS, params: firmParams, body: contactBody, response: { 201: contactSchema } },
    },
    async (request, reply) => {
      const { actor, body } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      const view = await inTransaction(deps.store.db, async (tx) => {
        authorize(actor, "C", { object: "contacts" });
        await authorizeBody(tx, scope, actor, "C", body);
        const { firstName, lastName } = body;
        const contact = await addContact(tx, scope, { ...toInput(body), firstName, lastName });
        return (await viewsOf(tx, scope, actor, [contact]))[0]!;
      });
      return reply.code(201).send(view);
    },
  );

  app.patch(
    "/contacts/:id",
    {
      config: { permission: "contacts:E" },
      schema: {
        tags: TAGS,
        summary: "Change a contact; clientIds replaces the links to clients the caller may read",
        params: idParams,
        body: contactBody.partial().strict(),
        response: { 200: contactSchema },
      },
    },
    async (request) => {
      const { actor, body } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      return inTransaction(deps.store.db, async (tx) => {
        const current = await authorizedContact(tx, scope, actor, "E", request.params.id);
        await authorizeBody(tx, scope, actor, "E", body);
        const clients =
          body.clientIds && (await linksAfterEdit(tx, scope, actor, current.id, body.clientIds));
        const contact = await editContact(tx, scope, current.id, { ...toInput(body), clients });
        return (await viewsOf(tx, scope, actor, [contact]))[0]!;
      });
    },
  );

  app.delete(
    "/contacts/:id",
    {
      config: { permission: "contacts:D" },
      schema: { tags: TAGS, params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      await inTransaction(deps.store.db, async (tx) => {
        const current = await authorizedContact(tx, scope, request.actor, "D", request.params.id);
        await deleteContact(tx, scope, current.id);
      });
      return reply.code(204).send(null);
    },
  );
};
