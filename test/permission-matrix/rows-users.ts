/** Matrix rows for user accounts (/users) and the account flows under /auth. */
import { addContact } from "../../src/firm-setup/contact-service.js";
import { addStaff } from "../../src/firm-setup/staff-service.js";
import { insertUser } from "../../src/access/account-store.js";
import { ACTORS, type ActorName } from "./actors.js";
import { A, only, OUTSIDERS, type MatrixRow } from "./rows.js";

let counter = 0;
const SIGNED_IN = ACTORS.filter((actor) => !OUTSIDERS.includes(actor));
const BOGUS_TOKEN = "x".repeat(43);

export const USER_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/users",
    request: () => ({ url: `${A}/users` }),
    expect: (actor, fx) => {
      if (OUTSIDERS.includes(actor)) return 401;
      if (actor === "admin") return { status: 200, ids: Object.values(fx.userIds) };
      return { status: 200, ids: [fx.userIds[actor]!] };
    },
  },
  {
    route: "GET /f/:firm/api/v1/users/:id",
    name: "viewerSystem's account",
    request: (fx) => ({ url: `${A}/users/${fx.userIds.viewerSystem}` }),
    expect: only(["admin", "viewerSystem"], 200, { denied: 404 }),
  },
  {
    route: "POST /f/:firm/api/v1/users",
    name: "invite a new staff member",
    request: async (fx, _actor, server) => {
      const staff = await addStaff(server.deps.store.db, fx.scope, {
        staffNumber: `INV${++counter}`,
        firstName: "New",
        lastName: "Hire",
        email: `hire${counter}@alpha.test`,
      });
      return { url: `${A}/users`, payload: { staffId: staff.id } };
    },
    expect: only(["admin", "staffAdmin"], 201),
  },
  {
    route: "POST /f/:firm/api/v1/users",
    name: "invite a new contact",
    request: async (fx, _actor, server) => {
      const contact = await addContact(server.deps.store.db, fx.scope, {
        firstName: "New",
        lastName: "Contact",
        email: `contact${++counter}@client.test`,
        clients: ["ACME"],
      });
      return { url: `${A}/users`, payload: { contactId: contact.id } };
    },
    // Staff Admins activate contacts as portal users too (portal.md).
    expect: only(["admin", "entitiesAdmin", "staffAdmin"], 201),
  },
  {
    route: "POST /f/:firm/api/v1/users/:id/invitation",
    name: "resend to an invited staff member",
    request: async (fx, _actor, server) => {
      const { db } = server.deps.store;
      const staff = await addStaff(db, fx.scope, {
        staffNumber: `RS${++counter}`,
        firstName: "Re",
        lastName: "Send",
        email: `resend${counter}@alpha.test`,
      });
      const now = server.deps.clock.now().toISOString();
      const id = await insertUser(
        db,
        {
          firmId: fx.scope.firm.id,
          email: staff.email!,
          status: "invited",
          staffId: staff.id,
          contactId: null,
          passwordHash: null,
        },
        now,
      );
      return { url: `${A}/users/${id}/invitation` };
    },
    expect: (actor: ActorName) => {
      if (OUTSIDERS.includes(actor)) return 401;
      if (actor === "admin" || actor === "staffAdmin") return 202;
      // Entities Admin may invite contacts, so they learn the account exists but may not touch it.
      return actor === "entitiesAdmin" ? 404 : 403;
    },
  },
  {
    route: "PATCH /f/:firm/api/v1/users/:id",
    name: "staffNoShare's account",
    request: (fx) => ({ url: `${A}/users/${fx.userIds.staffNoShare}`, payload: { status: "active" } }),
    // Nobody changes the status of their own account.
    expect: (actor) => (actor === "staffNoShare" ? 403 : only(["admin"], 200, { denied: 404 })(actor)),
  },
  {
    route: "POST /f/:firm/api/v1/auth/activate",
    request: () => ({
      url: `${A}/auth/activate`,
      payload: { token: BOGUS_TOKEN, password: "a brand new password" },
    }),
    expect: () => 410,
  },
  {
    route: "POST /f/:firm/api/v1/auth/password-reset",
    request: (_fx, actor) => ({
      url: `${A}/auth/password-reset`,
      payload: { email: `${actor.toLowerCase()}@alpha.test` },
    }),
    expect: () => 202,
  },
  {
    route: "POST /f/:firm/api/v1/auth/password-reset/confirm",
    request: () => ({
      url: `${A}/auth/password-reset/confirm`,
      payload: { token: BOGUS_TOKEN, password: "a brand new password" },
    }),
    expect: () => 410,
  },
  {
    route: "POST /f/:firm/api/v1/auth/password",
    name: "with a wrong current password",
    request: () => ({
      url: `${A}/auth/password`,
      payload: { currentPassword: "not the password", newPassword: "a brand new password" },
    }),
    expect: only(SIGNED_IN, 400),
  },
];
