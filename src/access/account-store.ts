/** Queries for user accounts, sessions and API tokens. */
import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import {
  col,
  containsText,
  orderFor,
  pageOf,
  readableBy,
  type PageRequest,
  type ReadableIds,
  type RowPage,
} from "../store/list-query.js";
import type { UserAccountTable } from "../store/tables.js";

export interface UserAccount {
  id: string;
  firmId: string;
  email: string;
  status: "invited" | "active" | "disabled";
  staffId: string | null;
  contactId: string | null;
  passwordHash: string | null;
  createdAt: string;
  updatedAt: string;
}

const rowToUser = (row: Selectable<UserAccountTable>): UserAccount => ({
  id: row.id,
  firmId: row.firm_id,
  email: row.email,
  status: row.status,
  staffId: row.staff_id,
  contactId: row.contact_id,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function insertUser(
  db: Db,
  user: Omit<UserAccount, "id" | "createdAt" | "updatedAt">,
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("user_account")
    .values({
      id,
      firm_id: user.firmId,
      email: user.email,
      password_hash: user.passwordHash,
      status: user.status,
      staff_id: user.staffId,
      contact_id: user.contactId,
      password_changed_at: user.passwordHash ? now : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function findUserById(db: Db, firmId: string, id: string): Promise<UserAccount | undefined> {
  const row = await db
    .selectFrom("user_account")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? rowToUser(row) : undefined;
}

export async function findUserByEmail(
  db: Db,
  firmId: string,
  email: string,
): Promise<UserAccount | undefined> {
  const row = await db
    .selectFrom("user_account")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? rowToUser(row) : undefined;
}

/** The account of a staff member or a contact, if they have one. */
export async function findUserOfPerson(
  db: Db,
  firmId: string,
  person: { staffId: string } | { contactId: string },
): Promise<UserAccount | undefined> {
  const query = db.selectFrom("user_account").selectAll().where("firm_id", "=", firmId);
  const row = await (
    "staffId" in person
      ? query.where("staff_id", "=", person.staffId)
      : query.where("contact_id", "=", person.contactId)
  ).executeTakeFirst();
  return row ? rowToUser(row) : undefined;
}

export async function selectUsers(db: Db, firmId: string): Promise<UserAccount[]> {
  return (
    await db.selectFrom("user_account").selectAll().where("firm_id", "=", firmId).orderBy("email").execute()
  ).map(rowToUser);
}

export interface UserFilter {
  status?: UserAccount["status"];
  /** Matches the email, case-insensitively. */
  search?: string;
  /** Staff members' accounts, or contacts' (portal users). */
  kind?: "staff" | "contact";
  /** The account of this contact (a contact has one at most). */
  contactId?: string;
  /** Only these accounts (a caller without users:R reads their own). */
  readable?: ReadableIds;
}

export const USER_SORTS = ["email", "createdAt"] as const;
export type UserSort = (typeof USER_SORTS)[number];

/** One page of the accounts a filter matches, in SQL; ties broken by id. */
export function selectUserPage(
  db: Db,
  firmId: string,
  filter: UserFilter,
  page: PageRequest<UserSort>,
): Promise<RowPage<UserAccount>> {
  let query = db.selectFrom("user_account").selectAll().where("firm_id", "=", firmId);
  const { readable, search } = filter;
  if (readable && readable !== "all") query = query.where((eb) => readableBy(eb, "id", readable));
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.kind === "staff") query = query.where("staff_id", "is not", null);
  if (filter.kind === "contact") query = query.where("contact_id", "is not", null);
  if (filter.contactId) query = query.where("contact_id", "=", filter.contactId);
  if (search) query = query.where((eb) => containsText(eb, ["email"], search));
  const order = orderFor(page.sort, { email: [col("email")], createdAt: [col("created_at")] }, col("id"), [
    "email",
  ]);
  return pageOf(query, page, order, rowToUser);
}

export async function updateUser(
  db: Db,
  firmId: string,
  id: string,
  changes: { status?: UserAccount["status"]; passwordHash?: string },
  now: string,
): Promise<void> {
  await db
    .updateTable("user_account")
    .set({
      ...(changes.status ? { status: changes.status } : {}),
      ...(changes.passwordHash ? { password_hash: changes.passwordHash, password_changed_at: now } : {}),
      updated_at: now,
    })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

export interface SessionRow {
  id: string;
  firmId: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
  /** A session opened by a request email's link reaches that file request only. */
  requestId?: string | null;
}

export async function insertSession(db: Db, session: SessionRow): Promise<void> {
  await db
    .insertInto("session")
    .values({
      id: session.id,
      firm_id: session.firmId,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
      revoked_at: null,
      // Written only when set: a store at an older schema (before 0010) has no such column.
      ...(session.requestId ? { request_id: session.requestId } : {}),
    })
    .execute();
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const row = await db.selectFrom("session").selectAll().where("id", "=", id).executeTakeFirst();
  return row
    ? {
        id: row.id,
        firmId: row.firm_id,
        userId: row.user_id,
        csrfToken: row.csrf_token,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
        revokedAt: row.revoked_at,
        requestId: row.request_id,
      }
    : undefined;
}

export async function touchSession(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable("session").set({ last_seen_at: now }).where("id", "=", id).execute();
}

export async function revokeSessions(
  db: Db,
  filter: { id?: string; userId?: string; exceptId?: string | null },
  now: string,
): Promise<void> {
  let query = db.updateTable("session").set({ revoked_at: now }).where("revoked_at", "is", null);
  if (filter.id) query = query.where("id", "=", filter.id);
  if (filter.userId) query = query.where("user_id", "=", filter.userId);
  if (filter.exceptId) query = query.where("id", "!=", filter.exceptId);
  await query.execute();
}

export interface ApiTokenRow {
  id: string;
  firmId: string;
  userId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function insertApiToken(db: Db, token: ApiTokenRow & { tokenHash: string }): Promise<void> {
  await db
    .insertInto("api_token")
    .values({
      id: token.id,
      firm_id: token.firmId,
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      created_at: token.createdAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenRow | undefined> {
  const row = await db
    .selectFrom("api_token")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        firmId: row.firm_id,
        userId: row.user_id,
        name: row.name,
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at,
        revokedAt: row.revoked_at,
      }
    : undefined;
}

export async function selectApiTokens(db: Db, firmId: string, userId: string): Promise<ApiTokenRow[]> {
  const rows = await db
    .selectFrom("api_token")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    firmId: row.firm_id,
    userId: row.user_id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }));
}

export async function revokeApiToken(
  db: Db,
  firmId: string,
  userId: string,
  id: string,
  now: string,
): Promise<number> {
  const result = await db
    .updateTable("api_token")
    .set({ revoked_at: now })
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function touchApiToken(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable("api_token").set({ last_used_at: now }).where("id", "=", id).execute();
}

/** Revokes every API token of a user, e.g. when the user is disabled. */
export async function revokeApiTokensOf(db: Db, firmId: string, userId: string, now: string): Promise<void> {
  await db
    .updateTable("api_token")
    .set({ revoked_at: now })
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
}
