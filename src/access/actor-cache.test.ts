/**
 * A server keeps each caller's rights between requests (actor-cache.ts), and every change to who
 * may do what still takes effect on the very next request: on the server that made it and on
 * another server sharing the database. The changes below are written straight into the tables,
 * as an import, a merge or a hand-typed statement would, to show the invalidation lives in the
 * database (migration 0015's triggers) and not in any one service.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRoleByName, insertAssignment } from "./access-store.js";
import { insertUser } from "./account-store.js";
import { ActorCache, accessVersionOf } from "./actor-cache.js";
import type { Actor } from "./authorize.js";
import { hashPassword } from "./passwords.js";
import { addClient } from "../firm-setup/client-service.js";
import { addContact } from "../firm-setup/contact-service.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { buildApp } from "../server/app.js";
import { newId } from "../store/ids.js";
import { addStaffUser } from "../test-support/accounts.js";
import {
  movableClock,
  newCloudFirm,
  PASSWORD,
  signIn,
  useTestServer,
  type SignedIn,
} from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

describe("the actor cache", () => {
  const entry = (firmId: string, version: number) => ({
    firmId,
    version,
    actor: { kind: "anonymous" } as Actor,
    csrfToken: null,
    session: null,
    lastUsedAt: null,
  });

  it("answers only for the firm and the access version an entry was made under", () => {
    const cache = new ActorCache();
    cache.set("h", entry("firm-a", 3));
    expect(cache.get("h", "firm-a", 3)).toBeDefined();
    expect(cache.get("h", "firm-b", 3)).toBeUndefined();
    // A stale entry is dropped, not kept beside the new one.
    expect(cache.get("h", "firm-a", 4)).toBeUndefined();
    expect(cache.get("h", "firm-a", 3)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("forgets the oldest entry beyond its capacity", () => {
    const cache = new ActorCache(2);
    cache.set("one", entry("f", 1));
    cache.set("two", entry("f", 1));
    cache.set("three", entry("f", 1));
    expect(cache.size).toBe(2);
    expect(cache.get("one", "f", 1)).toBeUndefined();
    expect(cache.get("three", "f", 1)).toBeDefined();
  });
});

describe.each(ENGINES)("cached callers on %s", (engine) => {
  const clock = movableClock("2026-06-15T12:00:00Z");
  const server = useTestServer(engine, clock);
  /** A second server on the same database: it hears of changes only through the database. */
  let other: FastifyInstance;
  let firm: Firm;
  let jane: SignedIn;
  let janeToken: Record<string, string>;
  let carla: SignedIn;
  let ids: {
    acme: string;
    janeStaff: string;
    janeUser: string;
    carlaContact: string;
    viewer: string;
    contactAccess: string;
  };
  const base = "/f/cache/api/v1";
  const db = () => server.deps.store.db;

  /** The status each server answers `who` with, after a first request has cached the caller. */
  async function statuses(who: Record<string, string>, url: string): Promise<[number, number]> {
    const answers = await Promise.all(
      [server.app, other].map((app) => app.inject({ method: "GET", url: `${base}${url}`, headers: who })),
    );
    return [answers[0]!.statusCode, answers[1]!.statusCode];
  }
  /** The same status twice on both servers: the second request is served from the cache. */
  async function expectBoth(who: Record<string, string>, url: string, status: number) {
    expect(await statuses(who, url)).toEqual([status, status]);
    expect(await statuses(who, url)).toEqual([status, status]);
  }
  /** A change written straight into the database must raise the firm's access version. */
  async function change(write: () => Promise<unknown>) {
    const before = await accessVersionOf(db(), firm.id);
    await write();
    expect(await accessVersionOf(db(), firm.id)).toBeGreaterThan(before);
  }
  const assign = (
    roleId: string,
    principalKind: "user" | "staff_group" | "contact_group",
    principalId: string,
  ) =>
    insertAssignment(db(), firm.id, {
      roleId,
      principalKind,
      principalId,
      scope: "entity",
      entityId: ids.acme,
      itemId: null,
      createdAt: server.deps.clock.now().toISOString(),
    });

  beforeAll(async () => {
    other = await buildApp(server.deps, false);
    ({ firm } = await newCloudFirm(server, "cache"));
    const scope = { firm, clock: server.deps.clock, actor: "test" };
    const acme = await addClient(db(), scope, { code: "ACME", name: "Acme" });
    const user = await addStaffUser(server, firm, { staffNumber: "JANE", email: "jane@cache.test" });
    const contact = await addContact(db(), scope, {
      firstName: "Carla",
      lastName: "Client",
      email: "carla@acme.test",
      clients: ["ACME"],
    });
    await insertUser(
      db(),
      {
        firmId: firm.id,
        email: "carla@acme.test",
        status: "active",
        staffId: null,
        contactId: contact.id,
        passwordHash: await hashPassword(PASSWORD),
      },
      server.deps.clock.now().toISOString(),
    );
    ids = {
      acme: acme.id,
      janeStaff: user.staffId,
      janeUser: user.userId,
      carlaContact: contact.id,
      viewer: (await findRoleByName(db(), firm.id, "Viewer"))!.id,
      contactAccess: (await findRoleByName(db(), firm.id, "Contact – Entity Access"))!.id,
    };
    jane = await signIn(server, "cache", "jane@cache.test");
    carla = await signIn(server, "cache", "carla@acme.test");
    const made = await server.app.inject({
      method: "POST",
      url: `${base}/auth/tokens`,
      headers: jane.headers,
      payload: { name: "script" },
    });
    janeToken = { authorization: `Bearer ${made.json<{ token: string }>().token}` };
  });
  afterAll(() => other?.close());

  it("reads no session, account or rights row for a caller it has seen under this version", async () => {
    await expectBoth(jane.headers, "/auth/me", 200);
    await expectBoth(janeToken, "/auth/me", 200);
    const version = await accessVersionOf(db(), firm.id);
    // Seen again ("last seen", "last used") is not a change of access.
    clock.advance(5 * 60_000);
    await expectBoth(jane.headers, "/auth/me", 200);
    await expectBoth(janeToken, "/auth/me", 200);
    expect(await accessVersionOf(db(), firm.id)).toBe(version);
  });

  it("a role given or taken away", async () => {
    await expectBoth(jane.headers, `/clients/${ids.acme}`, 404);
    let assignment = "";
    await change(async () => (assignment = await assign(ids.viewer, "user", ids.janeUser)));
    await expectBoth(jane.headers, `/clients/${ids.acme}`, 200);
    await expectBoth(janeToken, `/clients/${ids.acme}`, 200);
    await change(() => db().deleteFrom("role_assignment").where("id", "=", assignment).execute());
    await expectBoth(jane.headers, `/clients/${ids.acme}`, 404);
    await expectBoth(janeToken, `/clients/${ids.acme}`, 404);
  });

  it("a role's grants edited", async () => {
    const role = newId();
    const now = server.deps.clock.now().toISOString();
    await db()
      .insertInto("role")
      .values({
        id: role,
        firm_id: firm.id,
        name: "Reader",
        built_in: 0,
        grants: '{"entities":"R"}',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const assignment = await assign(role, "user", ids.janeUser);
    await expectBoth(jane.headers, `/clients/${ids.acme}`, 200);
    await change(() => db().updateTable("role").set({ grants: "{}" }).where("id", "=", role).execute());
    await expectBoth(jane.headers, `/clients/${ids.acme}`, 404);
    await db().deleteFrom("role_assignment").where("id", "=", assignment).execute();
  });

  it("a staff group's member added or removed", async () => {
    const group = newId();
    const now = server.deps.clock.now().toISOString();
    await db()
      .insertInto("staff_group")
      .values({ id: group, firm_id: firm.id, name: "Acme team", created_at: now, updated_at: now })
      .execute();
    await assign(ids.viewer, "staff_group", group);
    await expectBoth(jane.headers, `/clients/${ids.acme}`, 404);
    const member = () =>
      db()
        .deleteFrom("staff_group_member")
        .where("group_id", "=", group)
        .where("staff_id", "=", ids.janeStaff);
    await change(() =>
      db()
        .insertInto("staff_group_member")
        .values({ firm_id: firm.id, group_id: group, staff_id: ids.janeStaff, created_at: now })
        .execute(),
    );
    await expectBoth(jane.headers, `/clients/${ids.acme}`, 200);
    await change(() => member().execute());
    await expectBoth(jane.headers, `/clients/${ids.acme}`, 404);
  });

  it("a contact group's member added or removed", async () => {
    const group = newId();
    const now = server.deps.clock.now().toISOString();
    await db()
      .insertInto("contact_group")
      .values({ id: group, firm_id: firm.id, name: "Acme owners", created_at: now, updated_at: now })
      .execute();
    await assign(ids.contactAccess, "contact_group", group);
    await expectBoth(carla.headers, `/clients/${ids.acme}/files`, 404);
    await change(() =>
      db()
        .insertInto("contact_group_member")
        .values({ firm_id: firm.id, group_id: group, contact_id: ids.carlaContact, created_at: now })
        .execute(),
    );
    await expectBoth(carla.headers, `/clients/${ids.acme}/files`, 200);
    await change(() => db().deleteFrom("contact_group_member").where("group_id", "=", group).execute());
    await expectBoth(carla.headers, `/clients/${ids.acme}/files`, 404);
  });

  it("a client's partner or manager changed", async () => {
    const client = () => db().updateTable("client").where("id", "=", ids.acme);
    await expectBoth(jane.headers, `/clients/${ids.acme}`, 404);
    await change(() => client().set({ partner_id: ids.janeStaff }).execute());
    await expectBoth(jane.headers, `/clients/${ids.acme}`, 200);
    await change(() => client().set({ partner_id: null, manager_id: ids.janeStaff }).execute());
    await expectBoth(jane.headers, `/clients/${ids.acme}`, 200);
    await change(() => client().set({ manager_id: null }).execute());
    await expectBoth(jane.headers, `/clients/${ids.acme}`, 404);
  });

  it("a user disabled, then enabled again", async () => {
    const account = () => db().updateTable("user_account").where("id", "=", ids.janeUser);
    await expectBoth(jane.headers, "/auth/me", 200);
    await change(() => account().set({ status: "disabled" }).execute());
    await expectBoth(jane.headers, "/auth/me", 401);
    await expectBoth(janeToken, "/auth/me", 401);
    await change(() => account().set({ status: "active" }).execute());
    await expectBoth(jane.headers, "/auth/me", 200);
  });

  it("never takes a cached session's cookie for a bearer token", async () => {
    const session = await signIn(server, "cache", "jane@cache.test");
    await expectBoth(session.headers, "/auth/me", 200);
    await expectBoth({ authorization: `Bearer ${session.cookie}` }, "/auth/me", 401);
  });

  it("a token revoked, and a session ended", async () => {
    const now = server.deps.clock.now().toISOString();
    const second = await signIn(server, "cache", "jane@cache.test");
    await expectBoth(janeToken, "/auth/me", 200);
    await expectBoth(second.headers, "/auth/me", 200);
    await change(() =>
      db().updateTable("api_token").set({ revoked_at: now }).where("user_id", "=", ids.janeUser).execute(),
    );
    await expectBoth(janeToken, "/auth/me", 401);
    await expectBoth(second.headers, "/auth/me", 200);
    await change(() =>
      db()
        .updateTable("session")
        .set({ revoked_at: now })
        .where("user_id", "=", ids.janeUser)
        .where("revoked_at", "is", null)
        .execute(),
    );
    await expectBoth(second.headers, "/auth/me", 401);
    await expectBoth(jane.headers, "/auth/me", 401);
  });

  it("keeps another firm's callers apart: a change in one firm leaves the other's version alone", async () => {
    const { firm: outside } = await newCloudFirm(server, "cache-other");
    const before = await accessVersionOf(db(), outside.id);
    await change(() =>
      db().updateTable("client").set({ partner_id: ids.janeStaff }).where("id", "=", ids.acme).execute(),
    );
    expect(await accessVersionOf(db(), outside.id)).toBe(before);
  });
});
