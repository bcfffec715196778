import { beforeAll, describe, expect, it } from "vitest";
import { addContact } from "../firm-setup/contact-service.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { addStaffUser, useTestMail } from "../test-support/accounts.js";
import { movableClock, newCloudFirm, signIn, useTestServer, type SignedIn } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import { insertAssignment, insertRole } from "./access-store.js";

describe.each(ENGINES)("users over HTTP on %s", (engine) => {
  const clock = movableClock("2026-06-15T12:00:00Z");
  const server = useTestServer(engine, clock);
  useTestMail(server);
  const scope = (firm: Firm) => ({ firm, clock, actor: "test" });
  const send = (
    method: "POST" | "PATCH",
    url: string,
    payload: object,
    who: { headers: Record<string, string> },
  ) => server.app.inject({ method, url: `/f/acme/api/v1${url}`, payload, headers: who.headers });
  const get = (url: string, headers: Record<string, string>) =>
    server.app.inject({ url: `/f/acme/api/v1${url}`, headers });

  let firm: Firm;
  let admin: SignedIn;
  const ids = {} as Record<"plain" | "staffAdmin" | "entitiesAdmin" | "admin", string>;

  beforeAll(async () => {
    const created = await newCloudFirm(server, "acme");
    firm = created.firm;
    ids.admin = created.admin.id;
    await newCloudFirm(server, "other");
    ids.plain = (await addStaffUser(server, firm, { staffNumber: "PL", email: "plain@acme.test" })).userId;
    ids.staffAdmin = (
      await addStaffUser(server, firm, { staffNumber: "SA", email: "sa@acme.test", role: "Staff Admin" })
    ).userId;
    ids.entitiesAdmin = (
      await addStaffUser(server, firm, { staffNumber: "EA", email: "ea@acme.test", role: "Entities Admin" })
    ).userId;
  });

  const freshAdmin = async () => (admin = await signIn(server, "acme", "admin@acme.test"));

  it("lists every user for users:R and only one's own account otherwise", async () => {
    await freshAdmin();
    const all = (await get("/users", admin.headers)).json<{ items: { id: string }[]; total: number }>();
    expect(all.items.map((u) => u.id).sort()).toEqual(Object.values(ids).sort());
    const plain = await signIn(server, "acme", "plain@acme.test");
    const own = (await get("/users", plain.headers)).json<{ items: { id: string }[] }>();
    expect(own.items.map((u) => u.id)).toEqual([ids.plain]);
    expect((await get(`/users/${ids.plain}`, plain.headers)).statusCode).toBe(200);
    expect((await get(`/users/${ids.admin}`, plain.headers)).statusCode).toBe(404);
    expect((await get(`/users/${ids.admin}`, admin.headers)).json()).not.toHaveProperty("passwordHash");
  });

  it("lets Staff Admin invite staff and contacts, Entities Admin contacts, and nobody else", async () => {
    await freshAdmin();
    const staff = await addStaff(server.deps.store.db, scope(firm), {
      staffNumber: "NS",
      firstName: "New",
      lastName: "Staff",
      email: "ns@acme.test",
    });
    const contact = await addContact(server.deps.store.db, scope(firm), {
      firstName: "Cora",
      lastName: "Client",
      email: "cora@client.test",
    });
    const staffAdmin = await signIn(server, "acme", "sa@acme.test");
    const entitiesAdmin = await signIn(server, "acme", "ea@acme.test");
    const plain = await signIn(server, "acme", "plain@acme.test");

    expect((await send("POST", "/users", { staffId: staff.id }, plain)).statusCode).toBe(403);
    expect((await send("POST", "/users", { contactId: contact.id }, plain)).statusCode).toBe(403);
    expect((await send("POST", "/users", { staffId: staff.id }, entitiesAdmin)).statusCode).toBe(403);
    // A Staff Admin activates a contact as a portal user (portal.md), without any role.
    const other = await addContact(server.deps.store.db, scope(firm), {
      firstName: "Otis",
      lastName: "Client",
      email: "otis@client.test",
    });
    expect((await send("POST", "/users", { contactId: other.id }, staffAdmin)).statusCode).toBe(201);
    const staffUser = await send("POST", "/users", { staffId: staff.id }, staffAdmin);
    expect(staffUser.statusCode).toBe(201);
    const contactUser = await send("POST", "/users", { contactId: contact.id }, entitiesAdmin);
    expect(contactUser.statusCode).toBe(201);
    expect(contactUser.json()).toMatchObject({
      email: "cora@client.test",
      contactId: contact.id,
      staffId: null,
    });
    const twice = await send("POST", "/users", { staffId: staff.id }, admin);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: "DUPLICATE" });
  });

  it("finds staff accounts apart from contacts' portal accounts, and one contact's account", async () => {
    await freshAdmin();
    const contact = await addContact(server.deps.store.db, scope(firm), {
      firstName: "Pia",
      lastName: "Portal",
      email: "pia@client.test",
    });
    const invited = (await send("POST", "/users", { contactId: contact.id }, admin)).json<{ id: string }>();
    type Page = { items: { id: string; staffId: string | null; contactId: string | null }[] };
    const contacts = (await get("/users?kind=contact&limit=500", admin.headers)).json<Page>().items;
    expect(contacts.map((u) => u.id)).toContain(invited.id);
    expect(contacts.every((u) => u.contactId !== null && u.staffId === null)).toBe(true);
    const staff = (await get("/users?kind=staff&limit=500", admin.headers)).json<Page>().items;
    expect(staff.map((u) => u.id)).toContain(ids.plain);
    expect(staff.every((u) => u.staffId !== null && u.contactId === null)).toBe(true);
    const own = (await get(`/users?contactId=${contact.id}`, admin.headers)).json<Page>();
    expect(own.items.map((u) => u.id)).toEqual([invited.id]);
    // Without users:R the filters narrow one's own account only.
    const plain = await signIn(server, "acme", "plain@acme.test");
    expect((await get(`/users?contactId=${contact.id}`, plain.headers)).json<Page>().items).toEqual([]);
    expect((await get("/users?kind=robot", admin.headers)).statusCode).toBe(400);
  });

  it("refuses bad invitations: another firm's staff, no email, unknown or extra fields", async () => {
    await freshAdmin();
    const { firm: other } = await newCloudFirm(server, "elsewhere");
    const foreign = await addStaff(server.deps.store.db, scope(other), {
      staffNumber: "FX",
      firstName: "For",
      lastName: "Eign",
      email: "fx@elsewhere.test",
    });
    const noEmail = await addStaff(server.deps.store.db, scope(firm), {
      staffNumber: "NE",
      firstName: "No",
      lastName: "Email",
    });
    expect((await send("POST", "/users", { staffId: foreign.id }, admin)).statusCode).toBe(404);
    expect((await send("POST", "/users", { staffId: noEmail.id }, admin)).statusCode).toBe(400);
    const both = await send("POST", "/users", { staffId: noEmail.id, contactId: noEmail.id }, admin);
    expect(both.statusCode).toBe(400);
    const extra = await send("POST", "/users", { staffId: noEmail.id, status: "active" }, admin);
    expect(extra.statusCode).toBe(400);
  });

  it("disabling a user ends their session and API token on the very next request", async () => {
    await freshAdmin();
    const { userId } = await addStaffUser(server, firm, { staffNumber: "DU", email: "du@acme.test" });
    const victim = await signIn(server, "acme", "du@acme.test");
    const token = (await send("POST", "/auth/tokens", { name: "cli" }, victim)).json<{ token: string }>()
      .token;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await get("/auth/me", bearer)).statusCode).toBe(200);

    const disabled = await send("PATCH", `/users/${userId}`, { status: "disabled" }, admin);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ status: "disabled" });
    expect((await get("/auth/me", victim.headers)).statusCode).toBe(401);
    expect((await get("/auth/me", bearer)).statusCode).toBe(401);
    const login = await server.app.inject({
      method: "POST",
      url: "/f/acme/api/v1/auth/login",
      payload: { email: "du@acme.test", password: "correct horse battery staple" },
    });
    expect(login.statusCode).toBe(401);

    const enabled = await send("PATCH", `/users/${userId}`, { status: "active" }, admin);
    expect(enabled.json()).toMatchObject({ status: "active" });
    expect((await get("/auth/me", bearer)).statusCode).toBe(401);
    expect((await get("/auth/me", victim.headers)).statusCode).toBe(401);
    await signIn(server, "acme", "du@acme.test");
  });

  it("lets nobody change their own status or roles through /users", async () => {
    await freshAdmin();
    const self = await send("PATCH", `/users/${ids.admin}`, { status: "disabled" }, admin);
    expect(self.statusCode).toBe(403);
    const roles = await send("PATCH", `/users/${ids.plain}`, { status: "active", roles: ["Admin"] }, admin);
    expect(roles.statusCode).toBe(400);
    const plain = await signIn(server, "acme", "plain@acme.test");
    expect((await send("PATCH", `/users/${ids.plain}`, { status: "active" }, plain)).statusCode).toBe(403);
    expect((await send("PATCH", `/users/${ids.admin}`, { status: "disabled" }, plain)).statusCode).toBe(404);
    expect((await get(`/users/${ids.admin}`, admin.headers)).json()).toMatchObject({ status: "active" });
  });

  it("keeps the firm's last active Admin", async () => {
    await freshAdmin();
    const now = clock.now().toISOString();
    const roleId = await insertRole(server.deps.store.db, firm.id, "User manager", { users: "RE" }, now);
    const manager = await addStaffUser(server, firm, { staffNumber: "UM", email: "um@acme.test" });
    await insertAssignment(server.deps.store.db, firm.id, {
      roleId,
      principalKind: "user",
      principalId: manager.userId,
      scope: "system",
      entityId: null,
      itemId: null,
      createdAt: now,
    });
    const signedIn = await signIn(server, "acme", "um@acme.test");
    const refused = await send("PATCH", `/users/${ids.admin}`, { status: "disabled" }, signedIn);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "STATUS_TRANSITION" });
    expect((await send("PATCH", `/users/${ids.plain}`, { status: "disabled" }, signedIn)).statusCode).toBe(
      200,
    );
  });
});
