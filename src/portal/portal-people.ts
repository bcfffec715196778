/**
 * The people of an entity's portal: the contacts who reach it (the only ones a request may be
 * sent to), with what they may do there, and the users the portal emails.
 */
import { loadRights } from "../access/access-store.js";
import type { Db } from "../store/database.js";
import { contactCollaborates, contactReaches } from "./portal-access.js";

export interface PortalContact {
  contactId: string;
  userId: string;
  email: string;
  name: string;
  /** An invited contact has not chosen a password yet; a request link still lets them in. */
  status: "invited" | "active";
  role: "access" | "collaborator";
}

/**
 * Contacts with a usable account who reach the entity now, through a role given to them or to
 * a contact group they are in. Evaluated with the same rights as their requests, so the list
 * and the check agree.
 */
export async function contactsReaching(db: Db, firmId: string, clientId: string): Promise<PortalContact[]> {
  const principals = await db
    .selectFrom("role_assignment")
    .select(["principal_kind", "principal_id"])
    .where("firm_id", "=", firmId)
    .where("entity_id", "=", clientId)
    .where("principal_kind", "in", ["user", "contact_group"])
    .execute();
  const userIds = principals.filter((p) => p.principal_kind === "user").map((p) => p.principal_id);
  const groupIds = principals.filter((p) => p.principal_kind === "contact_group").map((p) => p.principal_id);
  if (userIds.length === 0 && groupIds.length === 0) return [];
  const candidates = await db
    .selectFrom("user_account as u")
    .innerJoin("contact as c", (join) =>
      join.onRef("c.id", "=", "u.contact_id").onRef("c.firm_id", "=", "u.firm_id"),
    )
    .select(["u.id", "u.email", "u.status", "u.staff_id", "u.contact_id", "c.first_name", "c.last_name"])
    .where("u.firm_id", "=", firmId)
    .where("u.status", "in", ["invited", "active"])
    .where((eb) => {
      const reached = [];
      if (userIds.length) reached.push(eb("u.id", "in", userIds));
      if (groupIds.length)
        reached.push(
          eb(
            "u.contact_id",
            "in",
            eb
              .selectFrom("contact_group_member")
              .select("contact_id")
              .where("firm_id", "=", firmId)
              .where("group_id", "in", groupIds),
          ),
        );
      return eb.or(reached);
    })
    .orderBy("c.last_name")
    .orderBy("c.first_name")
    .orderBy("u.id")
    .execute();
  const contacts: PortalContact[] = [];
  for (const row of candidates) {
    const rights = await loadRights(db, firmId, {
      id: row.id,
      staffId: row.staff_id,
      contactId: row.contact_id,
    });
    if (!contactReaches(rights, clientId)) continue;
    contacts.push({
      contactId: row.contact_id!,
      userId: row.id,
      email: row.email,
      name: `${row.first_name} ${row.last_name}`.trim() || row.email,
      status: row.status as "invited" | "active",
      role: contactCollaborates(rights, clientId) ? "collaborator" : "access",
    });
  }
  return contacts;
}

/** A user's email and name, for emails to staff. */
export async function userContact(
  db: Db,
  firmId: string,
  userId: string,
): Promise<{ userId: string; email: string; status: string } | undefined> {
  const row = await db
    .selectFrom("user_account")
    .select(["id", "email", "status"])
    .where("firm_id", "=", firmId)
    .where("id", "=", userId)
    .executeTakeFirst();
  return row && { userId: row.id, email: row.email, status: row.status };
}
