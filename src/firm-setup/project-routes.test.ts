import { describe, expect, it } from "vitest";
import { findRoleByName, insertAssignment } from "../access/access-store.js";
import { findUserByEmail } from "../access/account-store.js";
import { idsOf, usePractice } from "../test-support/practice-server.js";
import { snapshotStore } from "../test-support/seed.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import { addProject } from "./project-service.js";

describe.each(ENGINES)("project routes on %s", (engine) => {
  const server = useTestServer(engine);
  const p = usePractice(server, "projects");

  async function refusedUnchanged(request: () => ReturnType<typeof p.as.admin.get>, status: number) {
    const before = await snapshotStore(server.deps.store.db);
    const response = await request();
    expect(response.statusCode, response.body).toBe(status);
    expect(await snapshotStore(server.deps.store.db)).toEqual(before);
  }

  it("creates a project where the caller holds projects:C on the client", async () => {
    const created = await p.as.cara.post("/projects", {
      clientId: p.clients.beta,
      code: "vat",
      name: "VAT returns",
      budgetMinutes: 600,
      budgetFee: 150_000,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      clientId: p.clients.beta,
      code: "VAT",
      status: "open",
      budgetFee: 150_000,
    });
    await refusedUnchanged(
      () => p.as.al.post("/projects", { clientId: p.clients.beta, code: "X", name: "X" }),
      404,
    );
    await refusedUnchanged(
      () => p.as.vera.post("/projects", { clientId: p.clients.acme, code: "X", name: "X" }),
      403,
    );
    await refusedUnchanged(
      () => p.as.jane.post("/projects", { clientId: p.clients.acme, code: "X", name: "X" }),
      404,
    );
    await refusedUnchanged(
      () => p.as.admin.post("/projects", { clientId: p.other.client, code: "X", name: "X" }),
      404,
    );
    await refusedUnchanged(
      () => p.as.admin.post("/projects", { clientId: p.clients.acme, code: "X", name: "X", firmId: "x" }),
      400,
    );
  });

  it("lists only the projects of clients the caller may read them at", async () => {
    const all = idsOf(await p.as.admin.get("/projects"));
    expect(all).toHaveLength(2);
    expect(idsOf(await p.as.vera.get("/projects"))).toEqual(all);
    expect(idsOf(await p.as.al.get("/projects"))).toEqual([p.project]);
    const cara = await p.as.cara.get("/projects");
    expect(cara.json<{ items: { clientId: string }[] }>().items.map((item) => item.clientId)).toEqual([
      p.clients.beta,
    ]);
    expect(idsOf(await p.as.jane.get("/projects"))).toEqual([]);
    expect(idsOf(await p.as.connie.get("/projects"))).toEqual([]);
    expect(idsOf(await p.as.admin.get(`/projects?clientId=${p.clients.acme}&status=open`))).toEqual([
      p.project,
    ]);
    expect((await p.as.al.get(`/projects?clientId=${p.clients.beta}`)).statusCode).toBe(404);
    expect((await p.as.admin.get(`/projects?clientId=${p.other.client}`)).statusCode).toBe(404);
  });

  it("gets, changes and deletes by the right at the project's client", async () => {
    expect((await p.as.al.get(`/projects/${p.project}`)).json()).toMatchObject({ code: "AUDIT" });
    expect((await p.as.cara.get(`/projects/${p.project}`)).statusCode).toBe(404);
    expect((await p.as.admin.get(`/projects/${p.other.project}`)).statusCode).toBe(404);
    expect((await p.as.al.patch(`/projects/${p.project}`, { status: "closed" })).json()).toMatchObject({
      status: "closed",
    });
    await refusedUnchanged(() => p.as.vera.patch(`/projects/${p.project}`, { name: "x" }), 403);
    await refusedUnchanged(() => p.as.al.patch(`/projects/${p.project}`, { clientId: p.clients.beta }), 400);
    await refusedUnchanged(() => p.as.admin.patch(`/projects/${p.other.project}`, { name: "x" }), 404);
    // Editor may not delete; the admin may, once no entry uses the project.
    await refusedUnchanged(() => p.as.al.delete(`/projects/${p.project}`), 403);
    await refusedUnchanged(() => p.as.admin.delete(`/projects/${p.other.project}`), 404);
    expect((await p.as.admin.delete(`/projects/${p.project}`)).statusCode).toBe(204);
    expect((await p.as.admin.get(`/projects/${p.project}`)).statusCode).toBe(404);
  });
  it("reaches a project through a role assigned on the project itself (item scope)", async () => {
    const { db } = server.deps.store;
    const now = server.deps.clock.now().toISOString();
    const item = await addProject(db, p.scope, { client: p.clients.acme, code: "ITEM", name: "Shared job" });
    const sibling = await addProject(db, p.scope, {
      client: p.clients.acme,
      code: "SIBLING",
      name: "Not shared",
    });
    const jane = await findUserByEmail(db, p.firm.id, `jane@projects.test`);
    await insertAssignment(db, p.firm.id, {
      roleId: (await findRoleByName(db, p.firm.id, "Editor"))!.id,
      principalKind: "user",
      principalId: jane!.id,
      scope: "item",
      entityId: p.clients.acme,
      itemId: item.id,
      createdAt: now,
    });
    expect((await p.as.jane.get(`/projects/${item.id}`)).statusCode).toBe(200);
    expect(idsOf(await p.as.jane.get("/projects"))).toEqual([item.id]);
    expect(idsOf(await p.as.jane.get(`/projects?clientId=${p.clients.acme}`))).toEqual([item.id]);
    expect(idsOf(await p.as.jane.get(`/projects?clientId=${p.clients.acme}&status=closed`))).toEqual([]);
    expect((await p.as.jane.patch(`/projects/${item.id}`, { name: "Renamed" })).statusCode).toBe(200);
    await refusedUnchanged(() => p.as.jane.delete(`/projects/${item.id}`), 403);
    // The role is on that project only: not its siblings, not the client's other projects.
    await refusedUnchanged(() => p.as.jane.patch(`/projects/${sibling.id}`, { name: "x" }), 404);
    await refusedUnchanged(
      () => p.as.jane.post("/projects", { clientId: p.clients.acme, code: "X", name: "X" }),
      404,
    );
    expect((await p.as.jane.get(`/projects?clientId=${p.clients.beta}`)).statusCode).toBe(404);
  });
});
