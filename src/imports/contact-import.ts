/**
 * Contacts: `First Name, Last Name, Email, Work Phone, Mobile Phone, Contact Company, Clients`,
 * clients as codes separated by `~` ("ACME~ACME2"), each an existing client. A contact company
 * that does not exist is created (see contact-companies.ts). Emails, when given, are unique.
 */
import { notFound } from "../domain/errors.js";
import { normaliseEmail, optionalText, requireText } from "../domain/fields.js";
import { listClients } from "../firm-setup/client-service.js";
import { addContact, listContacts } from "../firm-setup/contact-service.js";
import type { ColumnSpecs } from "./columns.js";
import { companyRef, ContactCompanyNames, type CompanyRef } from "./contact-companies.js";
import type { ImportKind } from "./import-kind.js";
import { checkRows, FirstLines, splitList, writeEach, type RowCheck } from "./row-check.js";

const COLUMNS = {
  firstName: { header: "First Name", required: true },
  lastName: { header: "Last Name", required: true },
  email: { header: "Email", aliases: ["E-mail", "Email Address"] },
  workPhone: { header: "Work Phone", aliases: ["Phone"] },
  mobilePhone: { header: "Mobile Phone", aliases: ["Mobile", "Cell Phone"] },
  contactCompany: { header: "Contact Company", aliases: ["Company"] },
  clients: { header: "Clients", aliases: ["Client", "Client Codes"] },
} as const satisfies ColumnSpecs<string>;

type Column = keyof typeof COLUMNS;

interface ContactRow {
  firstName: string;
  lastName: string;
  email: string | null;
  workPhone: string;
  mobilePhone: string;
  company: CompanyRef | null;
  clientIds: string[];
}

function clientIdOf(clientIds: Map<string, string>, code: string): string {
  const id = clientIds.get(code.toUpperCase());
  if (id === undefined) throw notFound("client", code);
  return id;
}

// Field rules as addContact applies them (it applies them again when writing).
function checkContact(check: RowCheck<Column>, clientIds: Map<string, string>): ContactRow {
  const contact = {
    firstName: check.parse("firstName", (text) => requireText(text, "first name", 60), ""),
    lastName: check.parse("lastName", (text) => requireText(text, "last name", 60), ""),
    email: check.parse("email", normaliseEmail, null),
    workPhone: check.take(() => optionalText(check.text("workPhone"), "work phone", 40), ""),
    mobilePhone: check.take(() => optionalText(check.text("mobilePhone"), "mobile phone", 40), ""),
    company: check.parse("contactCompany", companyRef, null),
  };
  // Every unknown client is a reason of its own, so one pass over the file finds them all.
  const ids = splitList(check.text("clients")).map((code) =>
    check.take(() => clientIdOf(clientIds, code), undefined),
  );
  return { ...contact, clientIds: [...new Set(ids.filter((id) => id !== undefined))] };
}

export const contactImport: ImportKind<Column> = {
  noun: "contacts",
  columns: COLUMNS,
  async plan(db, scope, rows, onProgress) {
    const clientIds = new Map((await listClients(db, scope)).map((client) => [client.code, client.id]));
    const existingEmails = new Set(
      (await listContacts(db, scope)).flatMap((contact) => (contact.email ? [contact.email] : [])),
    );
    const companies = await ContactCompanyNames.load(db, scope);
    const emails = new FirstLines();
    const { accepted, problems } = await checkRows(
      rows,
      COLUMNS,
      (check) => {
        const contact = checkContact(check, clientIds);
        const email = check.row.cells.email.toLowerCase();
        const taken = existingEmails.has(email) ? `contact email ${email} is already used` : undefined;
        check.unique(email, emails, `contact email ${email}`, taken);
        return contact;
      },
      onProgress,
    );
    const newCompanies = companies.missing(accepted.map(({ item }) => item.company));
    return {
      problems,
      accepted: accepted.length,
      contactCompaniesToCreate: newCompanies,
      async write(tx, progress) {
        const companyId = await companies.create(tx, scope, newCompanies);
        await writeEach(
          accepted,
          ({ company, clientIds: clients, ...contact }) =>
            addContact(tx, scope, { ...contact, contactCompany: companyId(company), clients }),
          progress,
        );
      },
    };
  },
};
