/**
 * Contact companies named by a clients or contacts import. A name matches an existing company
 * ignoring case and spacing ("ACME  holdings" is "Acme Holdings"), so an import does not
 * create near-twins. A name that matches none is created by the import — once, spelled as on
 * the first good row naming it — and the summary lists it: firms' client lists name the
 * company inline rather than in a separate file, and refusing them would make the list
 * unimportable. Companies named only by bad rows are not created.
 */
import { requireText } from "../domain/fields.js";
import { addContactCompany, listContactCompanies } from "../firm-setup/contact-service.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";

/** A company as a row names it: the key it matches on and the name as written. */
export interface CompanyRef {
  key: string;
  name: string;
}

const companyKey = (name: string): string => name.trim().replace(/\s+/g, " ").toLowerCase();

/** Validates a cell naming a company (as the service validates a company name); null if empty. */
export function companyRef(text: string): CompanyRef | null {
  if (text === "") return null;
  const name = requireText(text, "contact company name");
  return { key: companyKey(name), name };
}

export class ContactCompanyNames {
  private constructor(private readonly existing: Map<string, string>) {}

  static async load(db: Db, scope: FirmScope): Promise<ContactCompanyNames> {
    const companies = await listContactCompanies(db, scope);
    return new ContactCompanyNames(
      new Map(companies.map((company) => [companyKey(company.name), company.id])),
    );
  }

  /** Companies the accepted rows name that do not exist yet, each once, as first spelled. */
  missing(refs: Iterable<CompanyRef | null>): string[] {
    const names = new Map<string, string>();
    for (const ref of refs) {
      if (ref && !this.existing.has(ref.key) && !names.has(ref.key)) names.set(ref.key, ref.name);
    }
    return [...names.values()];
  }

  /** Creates the missing companies and returns the id each key resolves to. */
  async create(
    tx: Db,
    scope: FirmScope,
    names: readonly string[],
  ): Promise<(ref: CompanyRef | null) => string | null> {
    const ids = new Map(this.existing);
    for (const name of names) ids.set(companyKey(name), (await addContactCompany(tx, scope, { name })).id);
    return (ref) => (ref ? (ids.get(ref.key) ?? null) : null);
  }
}
