/**
 * Clients, their projects, contact companies and contacts on a cloud firm. The API names the
 * partner, manager, company and a contact's clients by id; these turn the codes and names
 * people give into ids, and a contact's client ids back into the codes the file shows.
 */
import type { ClientInput } from "../../firm-setup/client-service.js";
import type { Client } from "../../firm-setup/client-store.js";
import type { ContactCompany } from "../../firm-setup/contact-company-store.js";
import type { ContactInput } from "../../firm-setup/contact-service.js";
import type { Contact } from "../../firm-setup/contact-store.js";
import type { Project } from "../../firm-setup/project-store.js";
import { looksLikeId } from "../../store/unique.js";
import type { ClientsBackend, CompaniesBackend, ContactsBackend, ProjectsBackend } from "./backend.js";
import type { CloudClient } from "./cloud-client.js";
import { pages, pick, type CloudRefs } from "./cloud-refs.js";

/** A reference that may be cleared: undefined leaves it, null (or "") clears it, else its id. */
async function idOf(ref: string | null | undefined, find: (ref: string) => Promise<{ id: string }>) {
  if (ref === undefined) return undefined;
  return ref === null || ref.trim() === "" ? null : (await find(ref)).id;
}

export function cloudClients(cloud: CloudClient, refs: CloudRefs): ClientsBackend {
  // Looked up in the order the file's service looks them up, so the first unknown one is reported.
  const body = async (input: Partial<ClientInput>) => ({
    code: input.code,
    name: input.name,
    status: input.status,
    address: input.address,
    notes: input.notes,
    contactCompanyId: await idOf(input.contactCompany, refs.company),
    partnerId: await idOf(input.partner, (ref) => refs.staff(ref, "partner (staff)")),
    managerId: await idOf(input.manager, (ref) => refs.staff(ref, "manager (staff)")),
  });
  return {
    add: async (input) => cloud.request<Client>("POST", "/clients", await body(input)),
    list: (filter) => pages<Client>(cloud, "/clients", { status: filter.status, search: filter.search }),
    get: (ref) => refs.client(ref),
    async edit(ref, patch) {
      const current = await refs.client(ref);
      return cloud.request<Client>("PATCH", `/clients/${current.id}`, await body(patch));
    },
    async delete(ref) {
      const current = await refs.client(ref);
      await cloud.request("DELETE", `/clients/${current.id}`);
      return current;
    },
  };
}

export function cloudProjects(cloud: CloudClient, refs: CloudRefs): ProjectsBackend {
  // As getProject names a missing project: by the client as given.
  const find = async (ref: string, clientRef: string) =>
    refs.project(await refs.client(clientRef), ref, `${clientRef}/${ref}`);
  return {
    async add({ client, ...fields }) {
      const clientId = (await refs.client(client)).id;
      return cloud.request<Project>("POST", "/projects", { ...fields, clientId });
    },
    async list(filter) {
      const clientId = filter.client === undefined ? undefined : (await refs.client(filter.client)).id;
      return pages<Project>(cloud, "/projects", { clientId, status: filter.status });
    },
    get: find,
    async edit(ref, clientRef, patch) {
      const current = await find(ref, clientRef);
      return cloud.request<Project>("PATCH", `/projects/${current.id}`, patch);
    },
    async delete(ref, clientRef) {
      const current = await find(ref, clientRef);
      await cloud.request("DELETE", `/projects/${current.id}`);
      return current;
    },
  };
}

export function cloudCompanies(cloud: CloudClient, refs: CloudRefs): CompaniesBackend {
  return {
    add: (input) => cloud.request<ContactCompany>("POST", "/contact-companies", input),
    list: () => refs.companyList(),
    get: (ref) => refs.company(ref),
    async edit(ref, patch) {
      const current = await refs.company(ref);
      return cloud.request<ContactCompany>("PATCH", `/contact-companies/${current.id}`, patch);
    },
    async delete(ref) {
      const current = await refs.company(ref);
      await cloud.request("DELETE", `/contact-companies/${current.id}`);
      return current;
    },
  };
}

/** A contact as the API shows it: client ids, and contact details only with the right to read them. */
interface ContactView extends Omit<Contact, "clients" | "email" | "workPhone" | "mobilePhone"> {
  email?: string | null;
  workPhone?: string;
  mobilePhone?: string;
  clientIds: string[];
}

export function cloudContacts(cloud: CloudClient, refs: CloudRefs): ContactsBackend {
  /** The file's shape: client codes in code order, details empty when the caller may not read them. */
  async function toContact(view: ContactView): Promise<Contact> {
    const clients = await refs.clientList();
    const codes = view.clientIds.map((id) => clients.find((c) => c.id === id)?.code ?? id);
    return {
      id: view.id,
      firstName: view.firstName,
      lastName: view.lastName,
      email: view.email ?? null,
      workPhone: view.workPhone ?? "",
      mobilePhone: view.mobilePhone ?? "",
      contactCompanyId: view.contactCompanyId,
      clients: codes.sort(),
      createdAt: view.createdAt,
      updatedAt: view.updatedAt,
    };
  }
  const body = async (input: Partial<ContactInput>) => ({
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    workPhone: input.workPhone,
    mobilePhone: input.mobilePhone,
    contactCompanyId: await idOf(input.contactCompany, refs.company),
    clientIds: input.clients && (await clientIdsOf(input.clients)),
  });
  /** One by one, so the first unknown code is the one reported, as in the file. */
  async function clientIdsOf(codes: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const code of codes) ids.push((await refs.client(code)).id);
    return [...new Set(ids)];
  }
  const find = async (ref: string): Promise<ContactView> => {
    if (looksLikeId(ref)) return cloud.request<ContactView>("GET", `/contacts/${ref.trim()}`);
    const all = await pages<ContactView>(cloud, "/contacts");
    return pick(all, ref, (c) => c.email ?? "", "contact", { normalise: (key) => key.toLowerCase() });
  };
  return {
    add: async (input) => toContact(await cloud.request<ContactView>("POST", "/contacts", await body(input))),
    async list(filter) {
      const clientId = filter.client === undefined ? undefined : (await refs.client(filter.client)).id;
      const company = filter.contactCompany;
      const contactCompanyId = company === undefined ? undefined : (await refs.company(company)).id;
      const views = await pages<ContactView>(cloud, "/contacts", { clientId, contactCompanyId });
      return Promise.all(views.map(toContact));
    },
    get: async (ref) => toContact(await find(ref)),
    async edit(ref, patch) {
      const current = await find(ref);
      return toContact(
        await cloud.request<ContactView>("PATCH", `/contacts/${current.id}`, await body(patch)),
      );
    },
    async delete(ref) {
      const current = await toContact(await find(ref));
      await cloud.request("DELETE", `/contacts/${current.id}`);
      return current;
    },
  };
}
