/**
 * The backend of a firm file: the services, on the file's store, as the built-in supervisor of
 * an unprotected file (no rights are checked; whoever can open the file may do anything).
 */
import {
  addClient,
  deleteClient,
  editClient,
  getClient,
  listClients,
} from "../../firm-setup/client-service.js";
import {
  addContact,
  addContactCompany,
  deleteContact,
  deleteContactCompany,
  editContact,
  editContactCompany,
  getContact,
  getContactCompany,
  listContactCompanies,
  listContacts,
} from "../../firm-setup/contact-service.js";
import { editFirm } from "../../firm-setup/firm-service.js";
import {
  addProject,
  deleteProject,
  editProject,
  getProject,
  listProjects,
} from "../../firm-setup/project-service.js";
import { deleteRate, getRate, listRates, setRate } from "../../firm-setup/rate-service.js";
import type { FirmScope } from "../../firm-setup/scope.js";
import {
  addStaff,
  deleteStaff,
  editStaff,
  getStaff,
  listGroups,
  listStaff,
} from "../../firm-setup/staff-service.js";
import {
  addWorkCode,
  deleteWorkCode,
  editWorkCode,
  getWorkCode,
  listWorkCodes,
} from "../../firm-setup/work-code-service.js";
import { importRecords } from "../../imports/import-service.js";
import { runReport } from "../../reports/report-service.js";
import type { Db } from "../../store/database.js";
import { inTransaction } from "../../store/transaction.js";
import type { EntryKind, ExpenseEntry, TimeEntry } from "../../time-expense/entry-store.js";
import {
  addExpenseEntry,
  deleteExpenseEntry,
  editExpenseEntry,
  getExpenseEntry,
  pageExpenseEntries,
} from "../../time-expense/expense-entry-service.js";
import { repriceEntries } from "../../time-expense/reprice-service.js";
import { setEntryStatus } from "../../time-expense/status-service.js";
import {
  addTimeEntry,
  deleteTimeEntry,
  editTimeEntry,
  getTimeEntry,
  pageTimeEntries,
  type EntryListFilter,
  type EntryPage,
} from "../../time-expense/time-entry-service.js";
import type { Backend, EntriesBackend, WorkCodesBackend } from "./backend.js";
import { codeLookup, entryShape, withCodes, type CodeOf } from "./entry-shapes.js";

/** Every staff number, client, work code and project code of the file, by id. */
async function fileCodes(db: Db, scope: FirmScope): Promise<CodeOf> {
  const [staff, clients, workCodes, projects] = await Promise.all([
    listStaff(db, scope),
    listClients(db, scope),
    listWorkCodes(db, scope),
    listProjects(db, scope),
  ]);
  return codeLookup([
    ...staff.map((s) => ({ id: s.id, code: s.staffNumber })),
    ...clients,
    ...workCodes,
    ...projects,
  ]);
}

function localWorkCodes(db: Db, scope: FirmScope): WorkCodesBackend {
  return {
    add: (input) => addWorkCode(db, scope, input),
    list: (filter) => listWorkCodes(db, scope, filter),
    get: (ref) => getWorkCode(db, scope, ref),
    // The new rate and the edit are one change: both or neither.
    edit: (ref, patch, rate) =>
      inTransaction(db, async (tx) => {
        const edited = await editWorkCode(tx, scope, ref, patch);
        if (rate) await setRate(tx, scope, { workCode: edited.id, ...rate });
        return edited;
      }),
    delete: (ref) => deleteWorkCode(db, scope, ref),
  };
}

/** One kind's entry services, on the file. */
interface EntryServices<E, Input> {
  add(db: Db, scope: FirmScope, input: Input): Promise<E>;
  page(db: Db, scope: FirmScope, filter: EntryListFilter): Promise<EntryPage<E>>;
  get(db: Db, scope: FirmScope, id: string): Promise<E>;
  edit(db: Db, scope: FirmScope, id: string, patch: Partial<Input>): Promise<E>;
  delete(db: Db, scope: FirmScope, id: string): Promise<E>;
}

/** The entry services of one kind, returning entries with their codes. */
function localEntries<E extends TimeEntry | ExpenseEntry, Input>(
  db: Db,
  scope: FirmScope,
  kind: EntryKind,
  services: EntryServices<E, Input>,
): EntriesBackend<E, Input> {
  const shown = async (entry: E) => withCodes(entry, await fileCodes(db, scope));
  return {
    add: async (input) => shown(await services.add(db, scope, input)),
    async list(filter) {
      const code = await fileCodes(db, scope);
      const { items, total } = await services.page(db, scope, filter);
      return { items: items.map((entry) => withCodes(entry, code)), total };
    },
    get: async (id) => shown(await services.get(db, scope, id)),
    edit: async (id, patch) => shown(await services.edit(db, scope, id, patch)),
    delete: async (id) => entryShape(await services.delete(db, scope, id)),
    setStatus: (ids, status) => setEntryStatus(db, scope, kind, ids, status),
  };
}

export function localBackend(db: Db, scope: FirmScope): Backend {
  return {
    firm: scope.firm,
    editFirm: (patch) => editFirm(db, scope.clock, scope.firm.id, patch),
    staff: {
      add: (input) => addStaff(db, scope, input),
      list: (filter) => listStaff(db, scope, filter),
      get: (ref) => getStaff(db, scope, ref),
      edit: (ref, patch) => editStaff(db, scope, ref, patch),
      delete: (ref) => deleteStaff(db, scope, ref),
      groups: () => listGroups(db, scope),
    },
    workCodes: localWorkCodes(db, scope),
    rates: {
      set: (input) => setRate(db, scope, input),
      list: (refs) => listRates(db, scope, refs),
      get: (id) => getRate(db, scope, id),
      delete: (id) => deleteRate(db, scope, id),
    },
    clients: {
      add: (input) => addClient(db, scope, input),
      list: (filter) => listClients(db, scope, filter),
      get: (ref) => getClient(db, scope, ref),
      edit: (ref, patch) => editClient(db, scope, ref, patch),
      delete: (ref) => deleteClient(db, scope, ref),
    },
    projects: {
      add: (input) => addProject(db, scope, input),
      list: (filter) => listProjects(db, scope, filter),
      get: (ref, clientRef) => getProject(db, scope, ref, clientRef),
      edit: (ref, clientRef, patch) => editProject(db, scope, ref, clientRef, patch),
      delete: (ref, clientRef) => deleteProject(db, scope, ref, clientRef),
    },
    companies: {
      add: (input) => addContactCompany(db, scope, input),
      list: () => listContactCompanies(db, scope),
      get: (ref) => getContactCompany(db, scope, ref),
      edit: (ref, patch) => editContactCompany(db, scope, ref, patch),
      delete: (ref) => deleteContactCompany(db, scope, ref),
    },
    contacts: {
      add: (input) => addContact(db, scope, input),
      list: (filter) => listContacts(db, scope, filter),
      get: (ref) => getContact(db, scope, ref),
      edit: (ref, patch) => editContact(db, scope, ref, patch),
      delete: (ref) => deleteContact(db, scope, ref),
    },
    time: localEntries(db, scope, "time", {
      add: addTimeEntry,
      page: pageTimeEntries,
      get: getTimeEntry,
      edit: editTimeEntry,
      delete: deleteTimeEntry,
    }),
    expenses: localEntries(db, scope, "expense", {
      add: addExpenseEntry,
      page: pageExpenseEntries,
      get: getExpenseEntry,
      edit: editExpenseEntry,
      delete: deleteExpenseEntry,
    }),
    reprice: (range) => repriceEntries(db, scope, range),
    report: (type, request) => runReport(db, scope, type, request),
    importRecords: (request) => importRecords(db, scope, request),
  };
}
