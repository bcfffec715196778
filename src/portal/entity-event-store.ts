/** Queries of an entity's activity history (entity_event) and of the names it shows. */
import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import type { EntityEventTable } from "../store/tables.js";

export type EventAudience = EntityEventTable["audience"];

export interface EntityEvent {
  id: string;
  clientId: string;
  at: string;
  actorId: string | null;
  actorName: string;
  kind: string;
  audience: EventAudience;
  requestId: string | null;
  fileId: string | null;
  contactId: string | null;
  summary: string;
  details: Record<string, unknown>;
}

export type NewEntityEvent = Omit<EntityEvent, "id">;

const rowToEvent = (row: Selectable<EntityEventTable>): EntityEvent => ({
  id: row.id,
  clientId: row.client_id,
  at: row.at,
  actorId: row.actor_id,
  actorName: row.actor_name,
  kind: row.kind,
  audience: row.audience,
  requestId: row.request_id,
  fileId: row.file_id,
  contactId: row.contact_id,
  summary: row.summary,
  details: JSON.parse(row.details) as Record<string, unknown>,
});

export async function insertEvent(db: Db, firmId: string, event: NewEntityEvent): Promise<string> {
  const id = newId();
  await db
    .insertInto("entity_event")
    .values({
      id,
      firm_id: firmId,
      client_id: event.clientId,
      at: event.at,
      actor_id: event.actorId,
      actor_name: event.actorName,
      kind: event.kind,
      audience: event.audience,
      request_id: event.requestId,
      file_id: event.fileId,
      contact_id: event.contactId,
      summary: event.summary,
      details: JSON.stringify(event.details),
    })
    .execute();
  return id;
}

/** What of the history a reader sees: all of it (staff), or a contact's part. */
export type EventReader = { kind: "staff" } | { kind: "contact"; contactId: string };

export interface EventPage {
  items: EntityEvent[];
  total: number;
}

/**
 * An entity's history in order (oldest first by default). A contact sees events meant for every
 * contact of the entity, those of requests sent to them, and those addressed to them; never
 * staff-only events. The request filter is evaluated now, so a contact removed from a request's
 * recipients no longer sees it.
 */
export async function selectEventPage(
  db: Db,
  firmId: string,
  clientId: string,
  reader: EventReader,
  page: { limit: number; offset: number; newestFirst: boolean; requestId?: string; fileId?: string },
): Promise<EventPage> {
  let query = db
    .selectFrom("entity_event as e")
    .where("e.firm_id", "=", firmId)
    .where("e.client_id", "=", clientId);
  if (page.requestId) query = query.where("e.request_id", "=", page.requestId);
  if (page.fileId) query = query.where("e.file_id", "=", page.fileId);
  if (reader.kind === "contact") {
    const contactId = reader.contactId;
    query = query.where((eb) =>
      eb.or([
        eb("e.audience", "=", "entity"),
        eb.and([eb("e.audience", "=", "contact"), eb("e.contact_id", "=", contactId)]),
        eb.and([
          eb("e.audience", "=", "request"),
          eb.exists(
            eb
              .selectFrom("file_request_recipient as r")
              .select("r.request_id")
              .whereRef("r.firm_id", "=", "e.firm_id")
              .whereRef("r.request_id", "=", "e.request_id")
              .where("r.contact_id", "=", contactId),
          ),
        ]),
      ]),
    );
  }
  const { total } = await query
    .select((eb) => eb.fn.countAll<number | string>().as("total"))
    .executeTakeFirstOrThrow();
  const direction = page.newestFirst ? "desc" : "asc";
  const rows = await query
    .selectAll("e")
    .orderBy("e.at", direction)
    .orderBy("e.id", direction)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { items: rows.map(rowToEvent), total: Number(total) };
}

/** The names people know a user by: the staff member's or contact's, else the email. */
export async function selectUserNames(
  db: Db,
  firmId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (userIds.length === 0) return names;
  const rows = await db
    .selectFrom("user_account as u")
    .leftJoin("staff as s", (join) =>
      join.onRef("s.id", "=", "u.staff_id").onRef("s.firm_id", "=", "u.firm_id"),
    )
    .leftJoin("contact as c", (join) =>
      join.onRef("c.id", "=", "u.contact_id").onRef("c.firm_id", "=", "u.firm_id"),
    )
    .select([
      "u.id",
      "u.email",
      "s.first_name as sf",
      "s.last_name as sl",
      "c.first_name as cf",
      "c.last_name as cl",
    ])
    .where("u.firm_id", "=", firmId)
    .where("u.id", "in", [...new Set(userIds)])
    .execute();
  for (const row of rows) {
    const person =
      row.sf !== null ? `${row.sf} ${row.sl ?? ""}` : row.cf !== null ? `${row.cf} ${row.cl ?? ""}` : "";
    names.set(row.id, person.trim() || row.email);
  }
  return names;
}
