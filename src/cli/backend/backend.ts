/**
 * What the record commands need from wherever the firm lives. A firm file answers through the
 * services directly (LocalBackend); a cloud through its HTTP API (CloudBackend). Both take
 * records by the codes people type (JD, ACME, AUD) and return the services' shapes, so a
 * command prints the same output either way.
 */
import type { EntryStatus } from "../../domain/entries.js";
import type { ClientInput, ClientPatch } from "../../firm-setup/client-service.js";
import type { Client, ClientFilter } from "../../firm-setup/client-store.js";
import type { ContactCompany } from "../../firm-setup/contact-company-store.js";
import type { ContactCompanyInput, ContactInput } from "../../firm-setup/contact-service.js";
import type { Contact } from "../../firm-setup/contact-store.js";
import type { FirmPatch } from "../../firm-setup/firm-service.js";
import type { Firm } from "../../firm-setup/firm-store.js";
import type { ProjectInput, ProjectPatch } from "../../firm-setup/project-service.js";
import type { Project } from "../../firm-setup/project-store.js";
import type { ListedRate, RateTargetRefs, SetRateInput } from "../../firm-setup/rate-service.js";
import type { Rate } from "../../firm-setup/rate-store.js";
import type { StaffInput, StaffPatch } from "../../firm-setup/staff-service.js";
import type { Staff } from "../../firm-setup/staff-store.js";
import type { WorkCodeInput, WorkCodePatch } from "../../firm-setup/work-code-service.js";
import type { WorkCode, WorkCodeFilter } from "../../firm-setup/work-code-store.js";
import type { ImportRequest, ImportResult } from "../../imports/import-service.js";
import type { ReportRequest } from "../../reports/report-service.js";
import type { Report, ReportType } from "../../reports/report.js";
import type { ExpenseEntry, TimeEntry } from "../../time-expense/entry-store.js";
import type { ExpenseEntryInput } from "../../time-expense/expense-entry-service.js";
import type { RepriceResult } from "../../time-expense/reprice-service.js";
import type { EntryListFilter, TimeEntryInput } from "../../time-expense/time-entry-service.js";
import type { EntryCodes } from "./entry-shapes.js";

export interface StaffBackend {
  add(input: StaffInput): Promise<Staff>;
  list(filter: { status?: "active" | "inactive"; group?: string }): Promise<Staff[]>;
  get(ref: string): Promise<Staff>;
  edit(ref: string, patch: StaffPatch): Promise<Staff>;
  delete(ref: string): Promise<Staff>;
  /** The staff groups, by name, with how many members each has. */
  groups(): Promise<GroupSummary[]>;
}

export interface GroupSummary {
  id: string;
  name: string;
  members: number;
}

export interface WorkCodesBackend {
  add(input: WorkCodeInput): Promise<WorkCode>;
  list(filter: WorkCodeFilter): Promise<WorkCode[]>;
  get(ref: string): Promise<WorkCode>;
  /** Changes a work code and, with `rate`, gives it a new default rate from a date (default today). */
  edit(ref: string, patch: WorkCodePatch, rate?: { rate: number; effectiveDate?: string }): Promise<WorkCode>;
  delete(ref: string): Promise<WorkCode>;
}

export interface RatesBackend {
  set(input: SetRateInput): Promise<Rate>;
  list(refs: RateTargetRefs): Promise<ListedRate[]>;
  get(id: string): Promise<ListedRate>;
  delete(id: string): Promise<Rate>;
}

export interface ClientsBackend {
  add(input: ClientInput): Promise<Client>;
  list(filter: ClientFilter): Promise<Client[]>;
  get(ref: string): Promise<Client>;
  edit(ref: string, patch: ClientPatch): Promise<Client>;
  delete(ref: string): Promise<Client>;
}

/** Projects are named by code within their client (or by id). */
export interface ProjectsBackend {
  add(input: ProjectInput): Promise<Project>;
  list(filter: { client?: string; status?: "open" | "closed" }): Promise<Project[]>;
  get(ref: string, clientRef: string): Promise<Project>;
  edit(ref: string, clientRef: string, patch: ProjectPatch): Promise<Project>;
  delete(ref: string, clientRef: string): Promise<Project>;
}

export interface CompaniesBackend {
  add(input: ContactCompanyInput): Promise<ContactCompany>;
  list(): Promise<ContactCompany[]>;
  get(ref: string): Promise<ContactCompany>;
  edit(ref: string, patch: Partial<ContactCompanyInput>): Promise<ContactCompany>;
  delete(ref: string): Promise<ContactCompany>;
}

export interface ContactsBackend {
  add(input: ContactInput): Promise<Contact>;
  list(filter: { client?: string; contactCompany?: string }): Promise<Contact[]>;
  /** By email or id. */
  get(ref: string): Promise<Contact>;
  edit(ref: string, patch: Partial<ContactInput>): Promise<Contact>;
  delete(ref: string): Promise<Contact>;
}

/** An entry as the commands show it: with the codes of the records it names. */
export type Shown<E> = E & EntryCodes;

/** The entries a list shows (filter.offset on, at most filter.limit), and how many the filter matches. */
export interface EntryListPage<E> {
  items: Shown<E>[];
  total: number;
}

export interface EntriesBackend<E, Input> {
  add(input: Input): Promise<Shown<E>>;
  list(filter: EntryListFilter): Promise<EntryListPage<E>>;
  get(id: string): Promise<Shown<E>>;
  edit(id: string, patch: Partial<Input>): Promise<Shown<E>>;
  delete(id: string): Promise<E>;
  /** Moves every entry to `status`, or none; returns how many moved. */
  setStatus(ids: string[], status: EntryStatus): Promise<number>;
}

export interface RepriceRange {
  from: string;
  to: string;
  staff?: string;
  client?: string;
  workCode?: string;
}

export interface Backend {
  firm: Firm;
  editFirm(patch: FirmPatch): Promise<Firm>;
  staff: StaffBackend;
  workCodes: WorkCodesBackend;
  rates: RatesBackend;
  clients: ClientsBackend;
  projects: ProjectsBackend;
  companies: CompaniesBackend;
  contacts: ContactsBackend;
  time: EntriesBackend<TimeEntry, TimeEntryInput>;
  expenses: EntriesBackend<ExpenseEntry, ExpenseEntryInput>;
  reprice(range: RepriceRange): Promise<RepriceResult>;
  report(type: ReportType, request: ReportRequest): Promise<Report>;
  importRecords(request: ImportRequest): Promise<ImportResult>;
}
