/**
 * Revocation takes effect on the very next request: a removed role, a removed group
 * membership, a disabled user. Rights are cached per caller only under the firm's access
 * version, which each of these changes raises (src/access/actor-cache.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { findRoleByName } from "../access/access-store.js";
import { addClient } from "../firm-setup/client-service.js";
import { addStaffUser } from "../test-support/accounts.js";
import { newCloudFirm, signIn, useTestServer, type SignedIn } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

describe.each(ENGINES)("revocation on %s", (engine) => {
  const server = useTestServer(engine);
  let admin: SignedIn;
  let jane: SignedIn;
  let janeToken: Record<string, string>;
  let ids: { acme: string; janeStaff: string; janeUser: string; viewerRole: string };
  const base = "/f/rev/api/v1";
  const as = (
    who: Record<string, string>,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
  ) =>
    server.app.inject({
      method,
      url: `${base}${url}`,
      headers: who,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  beforeAll(async () => {
    const { firm } = await newCloudFirm(server, "rev");
    const acme = await addClient(
      server.deps.store.db,
      { firm, clock: server.deps.clock, actor: "test" },
      { code: "ACME", name: "Acme" },
    );
    const user = await addStaffUser(server, firm, { staffNumber: "JANE", email: "jane@rev.test" });
    const viewer = (await findRoleByName(server.deps.store.db, firm.id, "Viewer"))!;
    ids = { acme: acme.id, janeStaff: user.staffId, janeUser: user.userId, viewerRole: viewer.id };
    admin = await signIn(server, "rev", "admin@rev.test");
    jane = await signIn(server, "rev", "jane@rev.test");
    const token = (await as(jane.headers, "POST", "/auth/tokens", { name: "script" })).json<{
      token: string;
    }>().token;
    janeToken = { authorization: `Bearer ${token}` };
  });

  it("a role removed stops working on the next request", async () => {
    expect((await as(jane.headers, "GET", `/clients/${ids.acme}`)).statusCode).toBe(404);
    const assignment = await as(admin.headers, "POST", "/assignments", {
      roleId: ids.viewerRole,
      principalKind: "user",
      principalId: ids.janeUser,
      scope: "entity",
      entityId: ids.acme,
    });
    expect(assignment.statusCode).toBe(201);
    expect((await as(jane.headers, "GET", `/clients/${ids.acme}`)).statusCode).toBe(200);
    expect(
      (await as(admin.headers, "DELETE", `/assignments/${assignment.json<{ id: string }>().id}`)).statusCode,
    ).toBe(204);
    expect((await as(jane.headers, "GET", `/clients/${ids.acme}`)).statusCode).toBe(404);
  });

  it("a group membership removed stops working on the next request", async () => {
    const group = (await as(admin.headers, "POST", "/staff-groups", { name: "Acme team" })).json<{
      id: string;
    }>();
    const shared = await as(admin.headers, "POST", "/assignments", {
      roleId: ids.viewerRole,
      principalKind: "staff_group",
      principalId: group.id,
      scope: "entity",
      entityId: ids.acme,
    });
    expect(shared.statusCode).toBe(201);
    expect(
      (await as(admin.headers, "PUT", `/staff-groups/${group.id}/members/${ids.janeStaff}`)).statusCode,
    ).toBeLessThan(300);
    expect((await as(janeToken, "GET", `/clients/${ids.acme}`)).statusCode).toBe(200);
    expect(
      (await as(admin.headers, "DELETE", `/staff-groups/${group.id}/members/${ids.janeStaff}`)).statusCode,
    ).toBeLessThan(300);
    expect((await as(janeToken, "GET", `/clients/${ids.acme}`)).statusCode).toBe(404);
  });

  it("a disabled user's session and token get 401 on the next request", async () => {
    expect((await as(jane.headers, "GET", "/auth/me")).statusCode).toBe(200);
    expect((await as(janeToken, "GET", "/auth/me")).statusCode).toBe(200);
    expect(
      (await as(admin.headers, "PATCH", `/users/${ids.janeUser}`, { status: "disabled" })).statusCode,
    ).toBe(200);
    expect((await as(jane.headers, "GET", "/auth/me")).statusCode).toBe(401);
    expect((await as(janeToken, "GET", "/auth/me")).statusCode).toBe(401);
  });
});
