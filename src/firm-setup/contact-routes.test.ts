import { describe, expect, it } from "vitest";
import { findRoleByName, insertAssignment, insertRole } from "../access/access-store.js";
import { insertUser } from "../access/account-store.js";
import { hashPassword } from "../access/passwords.js";
import type { Grants } from "../access/permissions.js";
import { callerOf, idsOf, usePractice } from "../test-support/practice-server.js";
import { snapshotStore } from "../test-support/seed.js";
import { PASSWORD, signIn, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

describe.each(ENGINES)("contact and contact company routes on %s", (engine) => {
  const server = useTestServer(engine);
  const p = usePractice(server, "contacts");

  async function refusedUnchanged(request: () => ReturnType<typeof p.as.admin.get>, status: number) {
    const before = await snapshotStore(server.deps.store.db);
    const response = await request();
    expect(response.statusCode, response.body).toBe(status);
    expect(await snapshotStore(server.deps.store.db)).toEqual(before);
  }

  /** A user (neither staff nor contact) holding a custom role firm-wide, and optional more. */
  async function userWith(email: string, grants: Grants, more: { roleId: string; entityId: string }[] = []) {
    const { db } = server.deps.store;
    const now = server.deps.clock.now().toISOString();
    const roleId = await insertRole(db, p.firm.id, email, grants, now);
    const userId = await insertUser(
      db,
      {
        firmId: p.firm.id,
        email,
        status: "active",
        staffId: null,
        contactId: null,
        passwordHash: await hashPassword(PASSWORD),
      },
      now,
    );
    for (const grant of [{ roleId, entityId: null }, ...more]) {
      await insertAssignment(db, p.firm.id, {
        roleId: grant.roleId,
        principalKind: "user",
        principalId: userId,
        scope: grant.entityId ? "entity" : "system",
        entityId: grant.entityId,
        itemId: null,
        createdAt: now,
      });
    }
    return callerOf(server, "contacts", (await signIn(server, "contacts", email)).headers);
  }

  let companyId = "";
  let bobId = "";

  it("creates contact companies and contacts with the contacts right at system scope", async () => {
    const company = await p.as.ed.post("/contact-companies", { name: "Acme Group", address: "1 Road" });
    expect(company.statusCode, company.body).toBe(201);
    companyId = company.json<{ id: string }>().id;
    const bob = await p.as.ed.post("/contacts", {
      firstName: "Bob",
      lastName: "Builder",
      email: "bob@acme.test",
      workPhone: "555",
      contactCompanyId: companyId,
      clientIds: [p.clients.acme, p.clients.beta],
    });
    expect(bob.statusCode, bob.body).toBe(201);
    bobId = bob.json<{ id: string }>().id;
    expect(bob.json()).toMatchObject({
      email: "bob@acme.test",
      workPhone: "555",
      contactCompanyId: companyId,
      clientIds: [p.clients.acme, p.clients.beta].sort(),
    });
    for (const who of ["jane", "al", "vera", "connie"] as const) {
      await refusedUnchanged(() => p.as[who].post("/contacts", { firstName: "X", lastName: "Y" }), 403);
      await refusedUnchanged(() => p.as[who].post("/contact-companies", { name: "X" }), 403);
    }
  });

  it("refuses unknown fields and other firms' ids, changing nothing", async () => {
    await refusedUnchanged(
      () => p.as.admin.post("/contacts", { firstName: "X", lastName: "Y", role: "Admin" }),
      400,
    );
    await refusedUnchanged(
      () => p.as.admin.post("/contacts", { firstName: "X", lastName: "Y", clientIds: [p.other.client] }),
      404,
    );
    await refusedUnchanged(
      () => p.as.admin.patch(`/contacts/${bobId}`, { clientIds: [p.other.client] }),
      404,
    );
    await refusedUnchanged(
      () => p.as.admin.patch(`/contacts/${bobId}`, { contactCompanyId: p.other.client }),
      404,
    );
    await refusedUnchanged(() => p.as.admin.post("/contact-companies", { name: "X", vat: "1" }), 400);
    await refusedUnchanged(() => p.as.admin.delete(`/contacts/${p.other.client}`), 404);
  });

  it("lists all contacts for contacts:R, only themselves for a contact user, none for staff", async () => {
    const everyone = [bobId, p.contactId].sort();
    expect(idsOf(await p.as.admin.get("/contacts")).sort()).toEqual(everyone);
    expect(idsOf(await p.as.ed.get("/contacts")).sort()).toEqual(everyone);
    expect(idsOf(await p.as.connie.get("/contacts"))).toEqual([p.contactId]);
    expect(idsOf(await p.as.jane.get("/contacts"))).toEqual([]);
    expect(idsOf(await p.as.vera.get("/contacts"))).toEqual([]);
    expect(idsOf(await p.as.admin.get(`/contacts?clientId=${p.clients.beta}`))).toEqual([bobId]);
    expect(idsOf(await p.as.admin.get(`/contacts?contactCompanyId=${companyId}`))).toEqual([bobId]);
    expect((await p.as.admin.get(`/contacts?clientId=${p.other.client}`)).statusCode).toBe(404);
    expect(idsOf(await p.as.ed.get("/contact-companies"))).toEqual([companyId]);
    expect((await p.as.jane.get("/contact-companies")).statusCode).toBe(403);
  });

  it("lets a contact user read only their own record, with the clients they may see", async () => {
    const self = await p.as.connie.get(`/contacts/${p.contactId}`);
    expect(self.json()).toMatchObject({
      id: p.contactId,
      email: "connie@contacts.test",
      clientIds: [p.clients.acme],
    });
    expect((await p.as.connie.get(`/contacts/${bobId}`)).statusCode).toBe(404);
    expect((await p.as.jane.get(`/contacts/${bobId}`)).statusCode).toBe(404);
    await refusedUnchanged(() => p.as.connie.patch(`/contacts/${p.contactId}`, { lastName: "Changed" }), 403);
    expect((await p.as.jane.get(`/contact-companies/${companyId}`)).statusCode).toBe(404);
  });

  it("leaves out contact details and unreadable client links for a caller without those rights", async () => {
    const reader = await userWith("reader@contacts.test", { contacts: "R" });
    const bob = (await reader.get(`/contacts/${bobId}`)).json<Record<string, unknown>>();
    expect(bob).toMatchObject({ firstName: "Bob", clientIds: [] });
    expect(bob).not.toHaveProperty("email");
    expect(bob).not.toHaveProperty("workPhone");
    await refusedUnchanged(() => reader.patch(`/contacts/${bobId}`, { lastName: "X" }), 403);
  });

  it("keeps links to clients the editor cannot see when they replace the links", async () => {
    // Edits contacts firm-wide; reads ACME (Viewer there) but not BETA.
    const viewer = (await findRoleByName(server.deps.store.db, p.firm.id, "Viewer"))!;
    const editor = await userWith("editor@contacts.test", { contacts: "RE" }, [
      { roleId: viewer.id, entityId: p.clients.acme },
    ]);
    const seen = await editor.get(`/contacts/${bobId}`);
    expect(seen.json()).toMatchObject({ clientIds: [p.clients.acme] });
    const cleared = await editor.patch(`/contacts/${bobId}`, { clientIds: [] });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ clientIds: [] });
    expect((await p.as.admin.get(`/contacts/${bobId}`)).json()).toMatchObject({
      clientIds: [p.clients.beta],
    });
    await refusedUnchanged(() => editor.patch(`/contacts/${bobId}`, { clientIds: [p.clients.beta] }), 404);
    await refusedUnchanged(() => editor.patch(`/contacts/${bobId}`, { email: "new@acme.test" }), 403);
  });

  it("deletes contacts and companies: in use is 409, a contact with an account too", async () => {
    await refusedUnchanged(() => p.as.ed.delete(`/contact-companies/${companyId}`), 409);
    await refusedUnchanged(() => p.as.admin.delete(`/contacts/${p.contactId}`), 409);
    await refusedUnchanged(() => p.as.vera.delete(`/contacts/${bobId}`), 404);
    expect((await p.as.ed.delete(`/contacts/${bobId}`)).statusCode).toBe(204);
    expect((await p.as.ed.delete(`/contact-companies/${companyId}`)).statusCode).toBe(204);
    expect((await p.as.ed.get(`/contacts/${bobId}`)).statusCode).toBe(404);
  });
});
