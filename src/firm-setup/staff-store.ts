import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import type { StaffTable } from "../store/tables.js";
import {
  col,
  containsText,
  lowerOf,
  orderFor,
  pageOf,
  readableBy,
  sameCode,
  type PageRequest,
  type ReadableIds,
  type RowPage,
} from "../store/list-query.js";
import { looksLikeId } from "../store/unique.js";

export interface Staff {
  id: string;
  staffNumber: string;
  firstName: string;
  lastName: string;
  email: string | null;
  status: "active" | "inactive";
  inactiveDate: string | null;
  groups: string[];
  createdAt: string;
  updatedAt: string;
}

export type StaffFields = Omit<Staff, "id" | "groups" | "createdAt" | "updatedAt">;

const staffRowToStaff = (row: Selectable<StaffTable>, groups: string[]): Staff => ({
  id: row.id,
  staffNumber: row.staff_number,
  firstName: row.first_name,
  lastName: row.last_name,
  email: row.email,
  status: row.status,
  inactiveDate: row.inactive_date,
  groups,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toRow = (fields: StaffFields) => ({
  staff_number: fields.staffNumber,
  first_name: fields.firstName,
  last_name: fields.lastName,
  email: fields.email,
  status: fields.status,
  inactive_date: fields.inactiveDate,
});

async function groupsOf(db: Db, firmId: string, staffIds: string[]): Promise<Map<string, string[]>> {
  const byStaff = new Map<string, string[]>();
  if (staffIds.length === 0) return byStaff;
  const rows = await db
    .selectFrom("staff_group_member as m")
    .innerJoin("staff_group as g", (join) =>
      join.onRef("g.id", "=", "m.group_id").onRef("g.firm_id", "=", "m.firm_id"),
    )
    .select(["m.staff_id", "g.name"])
    .where("m.firm_id", "=", firmId)
    .$if(staffIds.length <= 500, (q) => q.where("m.staff_id", "in", staffIds))
    .orderBy("g.name")
    .execute();
  for (const row of rows) {
    const list = byStaff.get(row.staff_id) ?? [];
    list.push(row.name);
    byStaff.set(row.staff_id, list);
  }
  return byStaff;
}

export async function insertStaff(db: Db, firmId: string, fields: StaffFields, now: string): Promise<string> {
  const id = newId();
  await db
    .insertInto("staff")
    .values({ id, firm_id: firmId, ...toRow(fields), created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function updateStaff(
  db: Db,
  firmId: string,
  id: string,
  fields: StaffFields,
  now: string,
): Promise<void> {
  await db
    .updateTable("staff")
    .set({ ...toRow(fields), updated_at: now })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

export async function deleteStaffRow(db: Db, firmId: string, id: string): Promise<void> {
  await db.deleteFrom("staff").where("firm_id", "=", firmId).where("id", "=", id).execute();
}

/** Finds staff by id or staff number. */
export async function findStaff(db: Db, firmId: string, ref: string): Promise<Staff | undefined> {
  const key = ref.trim();
  const row = await db
    .selectFrom("staff")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where(looksLikeId(key) ? "id" : "staff_number", "=", looksLikeId(key) ? key : key.toUpperCase())
    .executeTakeFirst();
  if (!row) return undefined;
  const groups = await groupsOf(db, firmId, [row.id]);
  return staffRowToStaff(row, groups.get(row.id) ?? []);
}

export async function findStaffByEmail(db: Db, firmId: string, email: string): Promise<Staff | undefined> {
  const row = await db
    .selectFrom("staff")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("email", "=", email)
    .executeTakeFirst();
  return row ? staffRowToStaff(row, []) : undefined;
}

export interface StaffFilter {
  status?: "active" | "inactive";
  /** A group's name. */
  group?: string;
  groupId?: string;
  /** Matches staff number, names or email, case-insensitively. */
  search?: string;
  /** Exactly this staff number, case-insensitively. */
  code?: string;
  /** Only these staff members (for a caller who may read only their own record). */
  readable?: ReadableIds;
}

function staffQuery(db: Db, firmId: string, filter: StaffFilter) {
  let query = db.selectFrom("staff").where("staff.firm_id", "=", firmId);
  const { readable, search } = filter;
  if (readable && readable !== "all") query = query.where((eb) => readableBy(eb, "staff.id", readable));
  if (filter.status) query = query.where("staff.status", "=", filter.status);
  if (filter.code) query = query.where("staff.staff_number", "=", sameCode(filter.code));
  if (search) {
    const columns = ["staff.staff_number", "staff.first_name", "staff.last_name", "staff.email"];
    query = query.where((eb) => containsText(eb, columns, search));
  }
  if (filter.group) {
    const group = filter.group;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("staff_group_member as m")
          .innerJoin("staff_group as g", (join) =>
            join.onRef("g.id", "=", "m.group_id").onRef("g.firm_id", "=", "m.firm_id"),
          )
          .select("m.staff_id")
          .whereRef("m.staff_id", "=", "staff.id")
          .whereRef("m.firm_id", "=", "staff.firm_id")
          .where("g.name", "=", group),
      ),
    );
  }
  if (filter.groupId) {
    const groupId = filter.groupId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("staff_group_member as m")
          .select("m.staff_id")
          .whereRef("m.staff_id", "=", "staff.id")
          .whereRef("m.firm_id", "=", "staff.firm_id")
          .where("m.group_id", "=", groupId),
      ),
    );
  }
  return query;
}

export async function selectStaff(db: Db, firmId: string, filter: StaffFilter = {}): Promise<Staff[]> {
  const rows = await staffQuery(db, firmId, filter)
    .selectAll("staff")
    .orderBy("staff.staff_number")
    .execute();
  const groups = await groupsOf(
    db,
    firmId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => staffRowToStaff(row, groups.get(row.id) ?? []));
}

export const STAFF_SORTS = ["staffNumber", "lastName", "firstName", "createdAt"] as const;
export type StaffSort = (typeof STAFF_SORTS)[number];

/** One page of the staff a filter matches, in SQL, with the page's members' groups. */
export async function selectStaffPage(
  db: Db,
  firmId: string,
  filter: StaffFilter,
  page: PageRequest<StaffSort>,
): Promise<RowPage<Staff>> {
  const order = orderFor(
    page.sort,
    {
      staffNumber: [col("staff.staff_number")],
      lastName: [lowerOf("staff.last_name"), lowerOf("staff.first_name")],
      firstName: [lowerOf("staff.first_name"), lowerOf("staff.last_name")],
      createdAt: [col("staff.created_at")],
    },
    col("staff.id"),
    ["staffNumber"],
  );
  const found = await pageOf(staffQuery(db, firmId, filter).selectAll("staff"), page, order, (row) => row);
  const groups = await groupsOf(
    db,
    firmId,
    found.items.map((row) => row.id),
  );
  return { ...found, items: found.items.map((row) => staffRowToStaff(row, groups.get(row.id) ?? [])) };
}

/** Who recorded an entry, as lists of entries name them: enough to tell who, nothing private. */
export interface StaffName {
  id: string;
  staffNumber: string;
  firstName: string;
  lastName: string;
}

/** The staff table's columns a StaffName is read from. */
export const STAFF_NAME_COLUMNS = ["id", "staff_number", "first_name", "last_name"] as const;

export const staffRowToName = (
  row: Pick<Selectable<StaffTable>, (typeof STAFF_NAME_COLUMNS)[number]>,
): StaffName => ({
  id: row.id,
  staffNumber: row.staff_number,
  firstName: row.first_name,
  lastName: row.last_name,
});

/** The number and name of each of `ids` (a page's staff: at most a page's worth of ids). */
export async function selectStaffNames(
  db: Db,
  firmId: string,
  ids: readonly string[],
): Promise<Map<string, StaffName>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("staff")
    .select(STAFF_NAME_COLUMNS)
    .where("firm_id", "=", firmId)
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, staffRowToName(row)]));
}

/** Replaces a staff member's groups, creating groups that do not exist yet. */
export async function setStaffGroups(
  db: Db,
  firmId: string,
  staffId: string,
  names: string[],
  now: string,
): Promise<void> {
  await db
    .deleteFrom("staff_group_member")
    .where("firm_id", "=", firmId)
    .where("staff_id", "=", staffId)
    .execute();
  for (const name of names) {
    const groupId = await ensureGroup(db, firmId, name, now);
    await db
      .insertInto("staff_group_member")
      .values({ firm_id: firmId, group_id: groupId, staff_id: staffId, created_at: now })
      .execute();
  }
}

export async function ensureGroup(db: Db, firmId: string, name: string, now: string): Promise<string> {
  const existing = await db
    .selectFrom("staff_group")
    .select("id")
    .where("firm_id", "=", firmId)
    .where("name", "=", name)
    .executeTakeFirst();
  if (existing) return existing.id;
  const id = newId();
  await db
    .insertInto("staff_group")
    .values({ id, firm_id: firmId, name, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function selectGroups(
  db: Db,
  firmId: string,
): Promise<{ id: string; name: string; members: number }[]> {
  const rows = await db
    .selectFrom("staff_group as g")
    .leftJoin("staff_group_member as m", (join) =>
      join.onRef("m.group_id", "=", "g.id").onRef("m.firm_id", "=", "g.firm_id"),
    )
    .select(["g.id", "g.name", (eb) => eb.fn.count<number>("m.staff_id").as("members")])
    .where("g.firm_id", "=", firmId)
    .groupBy(["g.id", "g.name"])
    .orderBy("g.name")
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, members: Number(row.members) }));
}

export async function staffUsage(db: Db, firmId: string, staffId: string): Promise<number> {
  const [time, expense, rates, clients, users] = await Promise.all([
    db
      .selectFrom("time_entry")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("firm_id", "=", firmId)
      .where("staff_id", "=", staffId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("expense_entry")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("firm_id", "=", firmId)
      .where("staff_id", "=", staffId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("rate")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("firm_id", "=", firmId)
      .where("staff_id", "=", staffId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("client")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("firm_id", "=", firmId)
      .where((eb) => eb.or([eb("partner_id", "=", staffId), eb("manager_id", "=", staffId)]))
      .executeTakeFirstOrThrow(),
    // A staff member who can sign in keeps their record: their account (and its sessions and
    // audit trail) refers to it; disable the account and make them inactive instead.
    db
      .selectFrom("user_account")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("firm_id", "=", firmId)
      .where("staff_id", "=", staffId)
      .executeTakeFirstOrThrow(),
  ]);
  return Number(time.n) + Number(expense.n) + Number(rates.n) + Number(clients.n) + Number(users.n);
}
