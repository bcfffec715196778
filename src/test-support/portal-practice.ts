/**
 * A firm's portal for route tests: two clients (ACME, GLOBEX), staff who run ACME's requests or
 * not, and contacts of each kind — each a real user signed in through the real login — plus a
 * second firm whose ids must never work here. Made through the real services and stores.
 */
import { beforeAll } from "vitest";
import { findRoleByName, insertAssignment } from "../access/access-store.js";
import { insertUser } from "../access/account-store.js";
import { hashPassword } from "../access/passwords.js";
import type { BuiltInRoleName } from "../access/permissions.js";
import { addClient } from "../firm-setup/client-service.js";
import { addContact } from "../firm-setup/contact-service.js";
import type { Firm } from "../firm-setup/firm-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { callerOf, type Caller } from "./practice-server.js";
import { newCloudFirm, PASSWORD, signIn, type TestServer } from "./server.js";

export const PORTAL_PEOPLE = ["admin", "mia", "sam", "carla", "eve", "otto", "outsider"] as const;
export type PortalPerson = (typeof PORTAL_PEOPLE)[number];

export interface PortalPractice {
  firm: Firm;
  scope: FirmScope;
  /**
   * admin (Admin); mia (staff, Viewer on ACME: runs its requests); sam (staff, no share);
   * carla (contact, Entity Collaborator on ACME); eve (contact, Entity Access on ACME);
   * otto (contact, Entity Collaborator on GLOBEX); outsider (Admin of another firm).
   */
  as: Record<PortalPerson, Caller>;
  headers: Record<PortalPerson, Record<string, string>>;
  users: Record<PortalPerson, string>;
  contacts: { carla: string; eve: string; otto: string };
  clients: { acme: string; globex: string };
  other: { firm: Firm; clientId: string; contactId: string };
  emails: Record<PortalPerson, string>;
}

export function usePortalPractice(server: TestServer, slug: string): PortalPractice {
  const p = {} as PortalPractice;
  beforeAll(async () => {
    const { db } = server.deps.store;
    const clock = server.deps.clock;
    const cloud = await newCloudFirm(server, slug);
    const outside = await newCloudFirm(server, `${slug}-other`);
    p.firm = cloud.firm;
    p.scope = { firm: cloud.firm, clock, actor: "test" };
    const otherScope: FirmScope = { firm: outside.firm, clock, actor: "test" };
    const now = clock.now().toISOString();
    const passwordHash = await hashPassword(PASSWORD);
    const acme = await addClient(db, p.scope, { code: "ACME", name: "Acme Ltd" });
    const globex = await addClient(db, p.scope, { code: "GLOBEX", name: "Globex Corp" });
    p.clients = { acme: acme.id, globex: globex.id };
    const otherClient = await addClient(db, otherScope, { code: "ACME", name: "Other Acme" });
    const otherContact = await addContact(db, otherScope, {
      firstName: "Olga",
      lastName: "Other",
      email: `olga@${slug}-other.test`,
      clients: ["ACME"],
    });
    p.other = { firm: outside.firm, clientId: otherClient.id, contactId: otherContact.id };

    const assign = async (firmId: string, userId: string, role: BuiltInRoleName, entityId: string | null) =>
      insertAssignment(db, firmId, {
        roleId: (await findRoleByName(db, firmId, role))!.id,
        principalKind: "user",
        principalId: userId,
        scope: entityId ? "entity" : "system",
        entityId,
        itemId: null,
        createdAt: now,
      });
    const staffUser = async (number: string, first: string, email: string) => {
      const staff = await addStaff(db, p.scope, {
        staffNumber: number,
        firstName: first,
        lastName: "Staff",
        email,
      });
      return insertUser(
        db,
        { firmId: cloud.firm.id, email, status: "active", staffId: staff.id, contactId: null, passwordHash },
        now,
      );
    };
    const contactUser = async (first: string, email: string, clientCode: string) => {
      const contact = await addContact(db, p.scope, {
        firstName: first,
        lastName: "Client",
        email,
        clients: [clientCode],
      });
      const userId = await insertUser(
        db,
        {
          firmId: cloud.firm.id,
          email,
          status: "active",
          staffId: null,
          contactId: contact.id,
          passwordHash,
        },
        now,
      );
      return { contactId: contact.id, userId };
    };
    p.emails = {
      admin: `admin@${slug}.test`,
      mia: `mia@${slug}.test`,
      sam: `sam@${slug}.test`,
      carla: `carla@acme-${slug}.test`,
      eve: `eve@acme-${slug}.test`,
      otto: `otto@globex-${slug}.test`,
      outsider: `admin@${slug}-other.test`,
    };
    const mia = await staffUser("MIA", "Mia", p.emails.mia);
    await assign(cloud.firm.id, mia, "Viewer", acme.id);
    const sam = await staffUser("SAM", "Sam", p.emails.sam);
    const carla = await contactUser("Carla", p.emails.carla, "ACME");
    await assign(cloud.firm.id, carla.userId, "Contact – Entity Collaborator", acme.id);
    const eve = await contactUser("Eve", p.emails.eve, "ACME");
    await assign(cloud.firm.id, eve.userId, "Contact – Entity Access", acme.id);
    const otto = await contactUser("Otto", p.emails.otto, "GLOBEX");
    await assign(cloud.firm.id, otto.userId, "Contact – Entity Collaborator", globex.id);
    p.contacts = { carla: carla.contactId, eve: eve.contactId, otto: otto.contactId };
    p.users = {
      admin: cloud.admin.id,
      mia,
      sam,
      carla: carla.userId,
      eve: eve.userId,
      otto: otto.userId,
      outsider: outside.admin.id,
    };
    p.headers = {} as PortalPractice["headers"];
    p.as = {} as PortalPractice["as"];
    for (const person of PORTAL_PEOPLE) {
      const firmSlug = person === "outsider" ? `${slug}-other` : slug;
      p.headers[person] = (await signIn(server, firmSlug, p.emails[person])).headers;
      // Every caller addresses this firm's URL: the outsider's session is of another firm.
      p.as[person] = callerOf(server, slug, p.headers[person]);
    }
  });
  return p;
}
