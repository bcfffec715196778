/**
 * Matrix rows for /projects, /contact-companies and /contacts.
 *
 * Projects are entity content: the projects right at the project's client (entity-scope roles
 * reach ACME's; contacts' Entity Access reaches only the entity summary, not its projects).
 * Contacts and contact companies are firm-wide records: the contacts right at system scope
 * (Admin, Entities Admin); a contact user may read their own contact record and nothing more.
 */
import { addContact, addContactCompany } from "../../src/firm-setup/contact-service.js";
import { addProject } from "../../src/firm-setup/project-service.js";
import type { TestServer } from "../../src/test-support/server.js";
import type { ActorName, MatrixFixture } from "./actors.js";
import { A, ACME_ONLY_READERS, only, OUTSIDERS, SYSTEM_CONTENT_READERS, type MatrixRow } from "./rows.js";

let counter = 0;

/** Staff reaching ACME's content through an entity-scope role (directly or through a group). */
const ACME_STAFF_READERS: readonly ActorName[] = [
  "ownerEntity",
  "editorEntity",
  "viewerEntity",
  "staffGroupShare",
];
const PROJECT_EDITORS: readonly ActorName[] = [
  "admin",
  "entitiesAdmin",
  "ownerSystem",
  "editorSystem",
  "ownerEntity",
  "editorEntity",
];
const PROJECT_DELETERS: readonly ActorName[] = ["admin", "entitiesAdmin", "ownerSystem", "ownerEntity"];
const ACME_PROJECT_VIEWERS_ONLY: readonly ActorName[] = ["viewerSystem", "viewerEntity", "staffGroupShare"];
/** The contacts right (firm-wide records): Admin and Entities Admin. */
const CONTACT_ADMINS: readonly ActorName[] = ["admin", "entitiesAdmin"];

/** Every signed-in actor of alpha gets 404: the id is another firm's. */
const nobodyHere = only([], 200, { denied: 404 });

/** `ok` for `allowed`, 403 for `readOnly` (they may read the target), 404 for everyone else signed in. */
const onTarget =
  (allowed: readonly ActorName[], ok: number, readOnly: readonly ActorName[] = []) =>
  (actor: ActorName) => {
    if (OUTSIDERS.includes(actor)) return 401;
    if (allowed.includes(actor)) return ok;
    return readOnly.includes(actor) ? 403 : 404;
  };

const freshAcmeProject = async (server: TestServer, fx: MatrixFixture) =>
  (
    await addProject(server.deps.store.db, fx.scope, {
      client: fx.clients.acme,
      code: `FP${++counter}`,
      name: "Fresh project",
    })
  ).id;

const freshCompany = async (server: TestServer, fx: MatrixFixture) =>
  (await addContactCompany(server.deps.store.db, fx.scope, { name: `Fresh company ${++counter}` })).id;

const freshContact = async (server: TestServer, fx: MatrixFixture) =>
  (
    await addContact(server.deps.store.db, fx.scope, {
      firstName: "Fresh",
      lastName: `Contact ${++counter}`,
      clients: ["ACME"],
    })
  ).id;

export const PROJECT_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/projects",
    request: () => ({ url: `${A}/projects` }),
    expect: (actor, fx) => {
      if (OUTSIDERS.includes(actor)) return 401;
      const { acme, globex } = fx.content.projects;
      if (SYSTEM_CONTENT_READERS.includes(actor)) return { status: 200, ids: [acme, globex] };
      if (ACME_STAFF_READERS.includes(actor)) return { status: 200, ids: [acme] };
      return { status: 200, ids: [] };
    },
  },
  {
    route: "GET /f/:firm/api/v1/projects",
    name: "of ACME",
    request: (fx) => ({ url: `${A}/projects?clientId=${fx.clients.acme}` }),
    expect: (actor, fx) => {
      if (OUTSIDERS.includes(actor)) return 401;
      if ([...SYSTEM_CONTENT_READERS, ...ACME_STAFF_READERS].includes(actor))
        return { status: 200, ids: [fx.content.projects.acme] };
      return 404;
    },
  },
  {
    route: "GET /f/:firm/api/v1/projects",
    name: "of another firm's client",
    request: (fx) => ({ url: `${A}/projects?clientId=${fx.otherFirm.clientId}` }),
    expect: nobodyHere,
  },
  {
    route: "GET /f/:firm/api/v1/projects/:id",
    name: "ACME's project",
    request: (fx) => ({ url: `${A}/projects/${fx.content.projects.acme}` }),
    expect: only([...SYSTEM_CONTENT_READERS, ...ACME_STAFF_READERS], 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/projects/:id",
    name: "GLOBEX's project",
    request: (fx) => ({ url: `${A}/projects/${fx.content.projects.globex}` }),
    expect: only(SYSTEM_CONTENT_READERS, 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/projects/:id",
    name: "another firm's project",
    request: (fx) => ({ url: `${A}/projects/${fx.content.otherFirm.projectId}` }),
    expect: nobodyHere,
  },
  {
    route: "POST /f/:firm/api/v1/projects",
    name: "on ACME",
    request: (fx) => ({
      url: `${A}/projects`,
      payload: { clientId: fx.clients.acme, code: `NP${++counter}`, name: "New project" },
    }),
    expect: onTarget(PROJECT_EDITORS, 201, ACME_PROJECT_VIEWERS_ONLY),
  },
  {
    route: "POST /f/:firm/api/v1/projects",
    name: "on another firm's client",
    request: (fx) => ({
      url: `${A}/projects`,
      payload: { clientId: fx.otherFirm.clientId, code: `NP${++counter}`, name: "Not here" },
    }),
    expect: nobodyHere,
  },
  {
    route: "PATCH /f/:firm/api/v1/projects/:id",
    name: "a project on ACME",
    request: async (fx, actor, server) => ({
      url: `${A}/projects/${await freshAcmeProject(server, fx)}`,
      payload: { name: `Renamed by ${actor}` },
    }),
    expect: onTarget(PROJECT_EDITORS, 200, ACME_PROJECT_VIEWERS_ONLY),
  },
  {
    route: "PATCH /f/:firm/api/v1/projects/:id",
    name: "another firm's project",
    request: (fx) => ({
      url: `${A}/projects/${fx.content.otherFirm.projectId}`,
      payload: { name: "Not yours" },
    }),
    expect: nobodyHere,
  },
  {
    route: "DELETE /f/:firm/api/v1/projects/:id",
    name: "a project on ACME",
    request: async (fx, _actor, server) => ({ url: `${A}/projects/${await freshAcmeProject(server, fx)}` }),
    expect: onTarget(PROJECT_DELETERS, 204, [...ACME_PROJECT_VIEWERS_ONLY, "editorSystem", "editorEntity"]),
  },
  {
    route: "DELETE /f/:firm/api/v1/projects/:id",
    name: "another firm's project",
    request: (fx) => ({ url: `${A}/projects/${fx.content.otherFirm.projectId}` }),
    expect: nobodyHere,
  },
];

export const CONTACT_COMPANY_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/contact-companies",
    request: () => ({ url: `${A}/contact-companies` }),
    expect: (actor, fx) =>
      CONTACT_ADMINS.includes(actor)
        ? { status: 200, ids: [fx.content.contactCompanyId] }
        : only([], 200)(actor),
  },
  {
    route: "GET /f/:firm/api/v1/contact-companies/:id",
    request: (fx) => ({ url: `${A}/contact-companies/${fx.content.contactCompanyId}` }),
    expect: only(CONTACT_ADMINS, 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/contact-companies/:id",
    name: "another firm's company",
    request: (fx) => ({ url: `${A}/contact-companies/${fx.content.otherFirm.contactCompanyId}` }),
    expect: nobodyHere,
  },
  {
    route: "POST /f/:firm/api/v1/contact-companies",
    request: () => ({ url: `${A}/contact-companies`, payload: { name: `New company ${++counter}` } }),
    expect: only(CONTACT_ADMINS, 201),
  },
  {
    route: "PATCH /f/:firm/api/v1/contact-companies/:id",
    request: async (fx, actor, server) => ({
      url: `${A}/contact-companies/${await freshCompany(server, fx)}`,
      payload: { address: `set by ${actor}` },
    }),
    expect: only(CONTACT_ADMINS, 200, { denied: 404 }),
  },
  {
    route: "PATCH /f/:firm/api/v1/contact-companies/:id",
    name: "another firm's company",
    request: (fx) => ({
      url: `${A}/contact-companies/${fx.content.otherFirm.contactCompanyId}`,
      payload: { address: "not yours" },
    }),
    expect: nobodyHere,
  },
  {
    route: "DELETE /f/:firm/api/v1/contact-companies/:id",
    request: async (fx, _actor, server) => ({
      url: `${A}/contact-companies/${await freshCompany(server, fx)}`,
    }),
    expect: only(CONTACT_ADMINS, 204, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/contact-companies/:id",
    name: "another firm's company",
    request: (fx) => ({ url: `${A}/contact-companies/${fx.content.otherFirm.contactCompanyId}` }),
    expect: nobodyHere,
  },
];

export const CONTACT_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/contacts",
    request: () => ({ url: `${A}/contacts` }),
    expect: (actor, fx) => {
      if (OUTSIDERS.includes(actor)) return 401;
      const { ofEntity, collaborator, ofOtherEntity } = fx.content.contacts;
      if (CONTACT_ADMINS.includes(actor))
        return { status: 200, ids: [ofEntity, collaborator, ofOtherEntity] };
      if (actor === "contactOfEntity") return { status: 200, ids: [ofEntity] };
      if (actor === "contactCollaborator") return { status: 200, ids: [collaborator] };
      if (actor === "contactOfOtherEntity") return { status: 200, ids: [ofOtherEntity] };
      return { status: 200, ids: [] };
    },
  },
  {
    route: "GET /f/:firm/api/v1/contacts",
    name: "of ACME: the client filter takes reading ACME",
    request: (fx) => ({ url: `${A}/contacts?clientId=${fx.clients.acme}` }),
    expect: (actor, fx) => {
      if (OUTSIDERS.includes(actor)) return 401;
      const { ofEntity, collaborator } = fx.content.contacts;
      if (CONTACT_ADMINS.includes(actor)) return { status: 200, ids: [ofEntity, collaborator] };
      if (actor === "contactOfEntity") return { status: 200, ids: [ofEntity] };
      if (actor === "contactCollaborator") return { status: 200, ids: [collaborator] };
      if ([...SYSTEM_CONTENT_READERS, ...ACME_ONLY_READERS].includes(actor)) return { status: 200, ids: [] };
      return 404;
    },
  },
  {
    route: "GET /f/:firm/api/v1/contacts",
    name: "of a contact company",
    request: (fx) => ({ url: `${A}/contacts?contactCompanyId=${fx.content.contactCompanyId}` }),
    expect: (actor, fx) =>
      CONTACT_ADMINS.includes(actor)
        ? { status: 200, ids: [fx.content.contacts.ofEntity] }
        : nobodyHere(actor),
  },
  {
    route: "GET /f/:firm/api/v1/contacts",
    name: "of another firm's client",
    request: (fx) => ({ url: `${A}/contacts?clientId=${fx.otherFirm.clientId}` }),
    expect: nobodyHere,
  },
  {
    route: "GET /f/:firm/api/v1/contacts/:id",
    name: "contactOfEntity's record",
    request: (fx) => ({ url: `${A}/contacts/${fx.content.contacts.ofEntity}` }),
    expect: only([...CONTACT_ADMINS, "contactOfEntity"], 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/contacts/:id",
    name: "another firm's contact",
    request: (fx) => ({ url: `${A}/contacts/${fx.content.otherFirm.contactId}` }),
    expect: nobodyHere,
  },
  {
    route: "POST /f/:firm/api/v1/contacts",
    request: (fx) => ({
      url: `${A}/contacts`,
      payload: { firstName: "New", lastName: `Contact ${++counter}`, clientIds: [fx.clients.acme] },
    }),
    expect: only(CONTACT_ADMINS, 201),
  },
  {
    route: "POST /f/:firm/api/v1/contacts",
    name: "linked to another firm's client",
    request: (fx) => ({
      url: `${A}/contacts`,
      payload: { firstName: "New", lastName: `Contact ${++counter}`, clientIds: [fx.otherFirm.clientId] },
    }),
    expect: only([], 201, { hidden: CONTACT_ADMINS }),
  },
  {
    route: "POST /f/:firm/api/v1/contacts",
    name: "at another firm's company",
    request: (fx) => ({
      url: `${A}/contacts`,
      payload: {
        firstName: "New",
        lastName: `Contact ${++counter}`,
        contactCompanyId: fx.content.otherFirm.contactCompanyId,
      },
    }),
    expect: only([], 201, { hidden: CONTACT_ADMINS }),
  },
  {
    route: "PATCH /f/:firm/api/v1/contacts/:id",
    name: "a contact of ACME",
    request: async (fx, actor, server) => ({
      url: `${A}/contacts/${await freshContact(server, fx)}`,
      payload: { lastName: `Edited by ${actor}` },
    }),
    expect: only(CONTACT_ADMINS, 200, { denied: 404 }),
  },
  {
    route: "PATCH /f/:firm/api/v1/contacts/:id",
    name: "contactOfEntity's own record (unchanged)",
    request: (fx) => ({
      url: `${A}/contacts/${fx.content.contacts.ofEntity}`,
      payload: { lastName: "Contact" },
    }),
    // A contact may read their own record, not change it.
    expect: onTarget(CONTACT_ADMINS, 200, ["contactOfEntity"]),
  },
  {
    route: "PATCH /f/:firm/api/v1/contacts/:id",
    name: "another firm's contact",
    request: (fx) => ({
      url: `${A}/contacts/${fx.content.otherFirm.contactId}`,
      payload: { lastName: "Not yours" },
    }),
    expect: nobodyHere,
  },
  {
    route: "DELETE /f/:firm/api/v1/contacts/:id",
    name: "a contact of ACME",
    request: async (fx, _actor, server) => ({ url: `${A}/contacts/${await freshContact(server, fx)}` }),
    expect: only(CONTACT_ADMINS, 204, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/contacts/:id",
    name: "contactOfEntity's own record, which has an account",
    request: (fx) => ({ url: `${A}/contacts/${fx.content.contacts.ofEntity}` }),
    // Contact admins are refused by the record (IN_USE), the contact by the rules.
    expect: onTarget(CONTACT_ADMINS, 409, ["contactOfEntity"]),
  },
  {
    route: "DELETE /f/:firm/api/v1/contacts/:id",
    name: "another firm's contact",
    request: (fx) => ({ url: `${A}/contacts/${fx.content.otherFirm.contactId}` }),
    expect: nobodyHere,
  },
];
