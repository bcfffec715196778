/**
 * Records as people know them, for the conflict and merge logs: a client by its code, a staff
 * member by their number, a project as CLIENT/PROJECT, a contact by name and email, an entry by
 * its staff member, date and client. A record deleted since (or refused, never stored) is named
 * from its journal, then from the values the caller holds; failing those, by table and id.
 */
import type { Db } from "../store/database.js";
import { foldRecord, recordValues, type FieldValue } from "./change.js";
import { RESOLUTION_TABLE } from "./conflict-resolution.js";
import { changesOfRows, readRecord } from "./journal-store.js";
import { syncedTable } from "./synced-tables.js";

type Values = Record<string, FieldValue>;

export interface RecordLabeler {
  /** "client ACME"; `known` are values of the record the caller holds (a refused change's). */
  label(tbl: string, rowId: string, known?: Values): Promise<string>;
}

const quoted = (value: FieldValue | undefined) => JSON.stringify(value ?? "");
const plain = (tbl: string) => tbl.replaceAll("_", " ");

export function recordLabeler(db: Db, firmId: string): RecordLabeler {
  const cache = new Map<string, Promise<Values | undefined>>();

  const valuesOf = (tbl: string, rowId: string): Promise<Values | undefined> => {
    const key = `${tbl}|${rowId}`;
    let values = cache.get(key);
    if (!values) cache.set(key, (values = readValues(db, firmId, tbl, rowId)));
    return values;
  };

  /** The label of a record another one refers to, or null when it names none. */
  const ref = async (tbl: string, id: FieldValue | undefined): Promise<string | null> =>
    typeof id === "string" && id !== "" ? label(tbl, id) : null;

  const label = async (tbl: string, rowId: string, known: Values = {}): Promise<string> => {
    const values = { ...known, ...(await valuesOf(tbl, rowId)) };
    const has = (...fields: string[]) => fields.every((field) => values[field] !== undefined);
    const [first = "", second = ""] = rowId.split(":");
    switch (tbl) {
      case "firm":
        return "the firm's profile";
      case "staff":
        if (has("staff_number")) return `staff ${String(values.staff_number)}`;
        break;
      case "client":
      case "work_code":
        if (has("code")) return `${plain(tbl)} ${String(values.code)}`;
        break;
      case "project":
        if (has("code", "client_id")) {
          const client = (await valuesOf("client", String(values.client_id)))?.code;
          return `project ${client === undefined ? "?" : String(client)}/${String(values.code)}`;
        }
        break;
      case "staff_group":
      case "contact_group":
      case "contact_company":
        if (has("name"))
          return `${tbl === "contact_company" ? "company" : plain(tbl)} ${quoted(values.name)}`;
        break;
      case "contact":
        if (has("first_name", "last_name")) {
          const name = `contact ${String(values.first_name)} ${String(values.last_name)}`;
          return typeof values.email === "string" ? `${name} <${values.email}>` : name;
        }
        break;
      case "staff_group_member":
        return `${await label("staff", second)} in ${await label("staff_group", first)}`;
      case "contact_group_member":
        return `${await label("contact", second)} in ${await label("contact_group", first)}`;
      case "contact_client":
        return `${await label("contact", first)} of ${await label("client", second)}`;
      case "rate":
        if (has("effective_date")) {
          // A project names its client already.
          const project = await ref("project", values.project_id);
          const targets = [
            await ref("staff", values.staff_id),
            project ?? (await ref("client", values.client_id)),
            await ref("work_code", values.work_code_id),
          ].filter((target) => target !== null);
          return `rate of ${targets.join(", ") || "the firm"} from ${String(values.effective_date)}`;
        }
        break;
      case "time_entry":
      case "expense_entry":
        if (has("entry_date")) {
          const staff = (await ref("staff", values.staff_id)) ?? "someone";
          const client = (await ref("client", values.client_id)) ?? "a client";
          return `${tbl === "time_entry" ? "time" : "expense"} entry of ${staff} on ${String(values.entry_date)} for ${client}`;
        }
        break;
      case RESOLUTION_TABLE: {
        const [conflictTbl = "", conflictRow = "", field = ""] = rowId.split("|");
        return `the conflict over ${await label(conflictTbl, conflictRow)} ${field === "*" ? "(deleted)" : field}`;
      }
    }
    return `${plain(tbl)} ${rowId}`;
  };

  return { label: (tbl, rowId, known) => label(tbl, rowId, known) };
}

/** A record's values: as stored, or as its journal last had them (a deleted record). */
async function readValues(db: Db, firmId: string, tbl: string, rowId: string): Promise<Values | undefined> {
  const table = syncedTable(tbl);
  if (!table) return undefined;
  const stored = await readRecord(db, firmId, table, rowId);
  if (stored) return stored;
  const history = (await changesOfRows(db, firmId, tbl, [rowId])).get(rowId) ?? [];
  const puts = history.filter((change) => change.op === "put");
  return puts.length > 0 ? recordValues(foldRecord(puts)) : undefined;
}
