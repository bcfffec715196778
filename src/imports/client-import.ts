/**
 * Clients (entities): `Code, Name, Partner, Manager, Contact Company, Address, Notes`, optionally
 * Status. Partner and manager are staff numbers of staff who already exist (import staff
 * first); a contact company is named, and created when it does not exist (see
 * contact-companies.ts). Client codes are unique, within the file and against existing clients.
 */
import { notFound } from "../domain/errors.js";
import { normaliseCode, optionalText, requireText } from "../domain/fields.js";
import { addClient, listClients } from "../firm-setup/client-service.js";
import { listStaff } from "../firm-setup/staff-service.js";
import type { ColumnSpecs } from "./columns.js";
import { companyRef, ContactCompanyNames, type CompanyRef } from "./contact-companies.js";
import type { ImportKind } from "./import-kind.js";
import { checkRows, FirstLines, parseActiveStatus, writeEach, type RowCheck } from "./row-check.js";

const COLUMNS = {
  code: { header: "Code", required: true, aliases: ["Client Code"] },
  name: { header: "Name", required: true, aliases: ["Client Name"] },
  partner: { header: "Partner" },
  manager: { header: "Manager" },
  contactCompany: { header: "Contact Company", aliases: ["Company"] },
  address: { header: "Address" },
  notes: { header: "Notes", aliases: ["Note"] },
  status: { header: "Status" },
} as const satisfies ColumnSpecs<string>;

type Column = keyof typeof COLUMNS;

interface ClientRow {
  code: string;
  name: string;
  status: "active" | "inactive";
  partnerId: string | null;
  managerId: string | null;
  company: CompanyRef | null;
  address: string;
  notes: string;
}

/** Staff ids by staff number, for partner and manager. */
type StaffLookup = (text: string, what: string) => string;

// Field rules as addClient applies them (it applies them again when writing).
function checkClient(check: RowCheck<Column>, staffId: StaffLookup): ClientRow {
  return {
    code: check.parse("code", (text) => normaliseCode(text, "client code"), ""),
    name: check.parse("name", (text) => requireText(text, "client name"), ""),
    status: check.parse("status", parseActiveStatus, "active"),
    partnerId: check.parse("partner", (text) => staffId(text, "partner (staff)"), null),
    managerId: check.parse("manager", (text) => staffId(text, "manager (staff)"), null),
    company: check.parse("contactCompany", companyRef, null),
    address: check.take(() => optionalText(check.text("address"), "address", 500), ""),
    notes: check.take(() => optionalText(check.text("notes"), "notes", 4000), ""),
  };
}

export const clientImport: ImportKind<Column> = {
  noun: "clients",
  columns: COLUMNS,
  async plan(db, scope, rows, onProgress) {
    const staffIds = new Map((await listStaff(db, scope)).map((staff) => [staff.staffNumber, staff.id]));
    const staffId: StaffLookup = (text, what) => {
      const id = staffIds.get(text.trim().toUpperCase());
      if (id === undefined) throw notFound(what, text);
      return id;
    };
    const existing = new Set((await listClients(db, scope)).map((client) => client.code));
    const companies = await ContactCompanyNames.load(db, scope);
    const codes = new FirstLines();
    const { accepted, problems } = await checkRows(
      rows,
      COLUMNS,
      (check) => {
        const client = checkClient(check, staffId);
        const code = check.row.cells.code.toUpperCase();
        check.unique(
          code,
          codes,
          `client code ${code}`,
          existing.has(code) ? `client code ${code} already exists` : undefined,
        );
        return client;
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
          ({ partnerId, managerId, company, ...client }) =>
            addClient(tx, scope, {
              ...client,
              partner: partnerId,
              manager: managerId,
              contactCompany: companyId(company),
            }),
          progress,
        );
      },
    };
  },
};
