import { beforeAll, describe, expect, it } from "vitest";
import { expectRefused, listIds, useAdminPractice } from "../test-support/admin-practice.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

interface AssignmentJson {
  id: string;
  roleName: string;
  principalId: string;
  scope: string;
}

describe.each(ENGINES)("assignment (sharing) routes on %s", (engine) => {
  const server = useTestServer(engine);
  const p = useAdminPractice(server, "share");
  const roles: Record<string, string> = {};
  let otherRole = "";

  beforeAll(async () => {
    const listed = (await p.as.admin.get("/roles")).json<{ items: { id: string; name: string }[] }>().items;
    for (const role of listed) roles[role.name] = role.id;
    otherRole = (await p.other.as.get("/roles")).json<{ items: { id: string }[] }>().items[0]!.id;
  });

  const give = (
    roleName: string,
    principalId: string,
    where: object = { scope: "system" },
    kind = "user",
  ) => ({
    roleId: roles[roleName],
    principalKind: kind,
    principalId,
    ...where,
  });
  const onAcme = { scope: "entity", entityId: "" };
  const acme = () => ({ ...onAcme, entityId: p.clients.acme });

  it("lets the Admin assign and remove a system-scope role, effective on the next request", async () => {
    expect((await p.as.jane.get("/work-codes")).statusCode).toBe(200);
    expect((await p.as.jane.post("/work-codes", { code: "NEW", kind: "time", name: "New" })).statusCode).toBe(
      403,
    );
    const created = await p.as.admin.post("/assignments", give("Settings Admin", p.userIds.jane));
    expect(created.statusCode).toBe(201);
    const assignment = created.json<AssignmentJson>();
    expect(assignment).toMatchObject({ roleName: "Settings Admin", principalKind: "user", scope: "system" });
    expect(listIds(await p.as.admin.get(`/assignments?principalId=${p.userIds.jane}`))).toEqual([
      assignment.id,
    ]);
    expect(listIds(await p.as.admin.get("/assignments?limit=500"))).toContain(assignment.id);

    expect((await p.as.jane.patch("/firm", { name: "Jane & Co" })).statusCode).toBe(200);
    expect((await p.as.admin.delete(`/assignments/${assignment.id}`)).statusCode).toBe(204);
    expect((await p.as.jane.patch("/firm", { name: "Jane & Co" })).statusCode).toBe(403);
  });

  it("lets an entity Owner share the roles they hold there (Share-own), and nothing more", async () => {
    const shared = await p.as.owner.post("/assignments", give("Owner", p.userIds.jane, acme()));
    expect(shared.statusCode).toBe(201);
    expect((await p.as.jane.get(`/clients/${p.clients.acme}`)).statusCode).toBe(200);

    const item = await p.as.owner.post(
      "/assignments",
      give("Owner", p.userIds.staffAdmin, { scope: "item", entityId: p.clients.acme, itemId: p.project }),
    );
    expect(item.statusCode).toBe(201);
    expect(item.json()).toMatchObject({ scope: "item", itemId: p.project, entityId: p.clients.acme });

    const notHeld = await expectRefused(server, 403, () =>
      p.as.owner.post("/assignments", give("Viewer", p.userIds.settingsAdmin, acme())),
    );
    expect(notHeld.json()).toMatchObject({ code: "FORBIDDEN" });
    await expectRefused(server, 404, () =>
      p.as.owner.post(
        "/assignments",
        give("Owner", p.userIds.jane, { scope: "entity", entityId: p.clients.beta }),
      ),
    );
    await expectRefused(server, 403, () => p.as.owner.post("/assignments", give("Owner", p.userIds.jane)));

    const onEntity = listIds(await p.as.owner.get(`/assignments?entityId=${p.clients.acme}`));
    expect(onEntity).toEqual(
      expect.arrayContaining([shared.json<AssignmentJson>().id, item.json<AssignmentJson>().id]),
    );
    await expectRefused(server, 403, () => p.as.owner.get("/assignments"));
    expect((await p.as.owner.delete(`/assignments/${item.json<AssignmentJson>().id}`)).statusCode).toBe(204);
  });

  it("refuses sharing to users without Share rights, changing nothing", async () => {
    await expectRefused(server, 403, () =>
      p.as.editor.post("/assignments", give("Editor", p.userIds.jane, acme())),
    );
    await expectRefused(server, 403, () => p.as.editor.get(`/assignments?entityId=${p.clients.acme}`));
    await expectRefused(server, 404, () =>
      p.as.staffAdmin.post("/assignments", give("Viewer", p.userIds.jane, acme())),
    );
    await expectRefused(server, 403, () =>
      p.as.staffAdmin.post("/assignments", give("Viewer", p.userIds.jane)),
    );
    await expectRefused(server, 403, () =>
      p.as.connie.post("/assignments", give("Viewer", p.userIds.jane, acme())),
    );
    await expectRefused(server, 403, () => p.as.jane.get("/assignments"));
    const adminOwn = (await p.as.admin.get(`/assignments?principalId=${p.userIds.admin}`)).json<{
      items: AssignmentJson[];
    }>().items[0]!;
    await expectRefused(server, 404, () => p.as.jane.delete(`/assignments/${adminOwn.id}`));
    await expectRefused(server, 404, () => p.as.staffAdmin.delete(`/assignments/${adminOwn.id}`));
  });

  it("never lets anyone change their own roles, directly or through a group", async () => {
    await expectRefused(server, 403, () =>
      p.as.owner.post("/assignments", give("Owner", p.userIds.owner, acme())),
    );
    await expectRefused(server, 403, () => p.as.admin.post("/assignments", give("Viewer", p.userIds.admin)));
    const group = (await p.as.admin.post("/staff-groups", { name: "Has the admin" })).json<{ id: string }>();
    await p.as.staffAdmin.put(`/staff-groups/${group.id}/members/${p.staffIds.admin}`);
    await expectRefused(server, 403, () =>
      p.as.admin.post("/assignments", give("Viewer", group.id, { scope: "system" }, "staff_group")),
    );
    const adminOwn = (await p.as.admin.get(`/assignments?principalId=${p.userIds.admin}`)).json<{
      items: AssignmentJson[];
    }>().items[0]!;
    await expectRefused(server, 403, () => p.as.admin.delete(`/assignments/${adminOwn.id}`));
  });

  it("keeps at least one Admin", async () => {
    const sharer = (await p.as.admin.post("/roles", { name: "Sharer", grants: { roles: "RA" } })).json<{
      id: string;
    }>();
    const given = await p.as.admin.post("/assignments", {
      roleId: sharer.id,
      principalKind: "user",
      principalId: p.userIds.staffAdmin,
      scope: "system",
    });
    expect(given.statusCode).toBe(201);
    const adminOwn = (await p.as.admin.get(`/assignments?principalId=${p.userIds.admin}`)).json<{
      items: AssignmentJson[];
    }>().items[0]!;
    const last = await expectRefused(server, 409, () =>
      p.as.staffAdmin.delete(`/assignments/${adminOwn.id}`),
    );
    expect(last.json()).toMatchObject({ code: "IN_USE" });
    await p.as.admin.delete(`/assignments/${given.json<AssignmentJson>().id}`);
  });

  it("shares with groups, and gives contacts only entity roles", async () => {
    const staffGroup = (await p.as.admin.post("/staff-groups", { name: "Acme team" })).json<{ id: string }>();
    await p.as.admin.put(`/staff-groups/${staffGroup.id}/members/${p.staffIds.settingsAdmin}`);
    expect((await p.as.settingsAdmin.get(`/clients/${p.clients.acme}`)).statusCode).toBe(404);
    const viaGroup = await p.as.admin.post(
      "/assignments",
      give("Viewer", staffGroup.id, acme(), "staff_group"),
    );
    expect(viaGroup.statusCode).toBe(201);
    expect((await p.as.settingsAdmin.get(`/clients/${p.clients.acme}`)).statusCode).toBe(200);
    await p.as.admin.delete(`/staff-groups/${staffGroup.id}/members/${p.staffIds.settingsAdmin}`);
    expect((await p.as.settingsAdmin.get(`/clients/${p.clients.acme}`)).statusCode).toBe(404);

    const contacts = (await p.as.admin.post("/contact-groups", { name: "Acme people" })).json<{
      id: string;
    }>();
    const portal = await p.as.admin.post(
      "/assignments",
      give("Contact – Entity Collaborator", contacts.id, acme(), "contact_group"),
    );
    expect(portal.statusCode).toBe(201);
    await expectRefused(server, 400, () =>
      p.as.admin.post("/assignments", give("Viewer", contacts.id, { scope: "system" }, "contact_group")),
    );
    await expectRefused(server, 400, () => p.as.admin.post("/assignments", give("Viewer", p.userIds.connie)));
    await expectRefused(server, 400, () =>
      p.as.admin.post("/assignments", give("Contact – Entity Access", p.userIds.jane, acme())),
    );
    await expectRefused(server, 400, () =>
      p.as.admin.post("/assignments", give("Admin", p.userIds.jane, acme())),
    );
    const duplicate = await expectRefused(server, 409, () =>
      p.as.admin.post("/assignments", give("Viewer", staffGroup.id, acme(), "staff_group")),
    );
    expect(duplicate.json()).toMatchObject({ code: "DUPLICATE" });
  });

  it("answers 404 for every id of another firm, changing nothing", async () => {
    const theirs = (await p.other.as.get("/assignments")).json<{ items: AssignmentJson[] }>().items[0]!;
    await expectRefused(server, 404, () =>
      p.as.admin.post("/assignments", { ...give("Viewer", p.userIds.jane), roleId: otherRole }),
    );
    await expectRefused(server, 404, () => p.as.admin.post("/assignments", give("Viewer", p.other.userId)));
    await expectRefused(server, 404, () =>
      p.as.admin.post(
        "/assignments",
        give("Viewer", p.userIds.jane, { scope: "entity", entityId: p.other.client }),
      ),
    );
    await expectRefused(server, 404, () =>
      p.as.admin.post(
        "/assignments",
        give("Viewer", p.userIds.jane, { scope: "item", entityId: p.clients.acme, itemId: p.other.project }),
      ),
    );
    await expectRefused(server, 404, () => p.as.admin.delete(`/assignments/${theirs.id}`));
    await expectRefused(server, 404, () => p.as.admin.get(`/assignments?entityId=${p.other.client}`));
    await expectRefused(server, 404, () => p.as.admin.get(`/assignments?principalId=${p.other.userId}`));
  });

  it("refuses unknown fields and inconsistent scopes, changing nothing", async () => {
    for (const body of [
      { ...give("Viewer", p.userIds.jane), grants: { roles: "A" } },
      { ...give("Viewer", p.userIds.jane), principalKind: "contact" },
      { ...give("Viewer", p.userIds.jane), scope: "planet" },
      give("Viewer", p.userIds.jane, { scope: "system", entityId: p.clients.acme }),
      give("Viewer", p.userIds.jane, { scope: "entity" }),
      give("Viewer", p.userIds.jane, { scope: "item", entityId: p.clients.acme }),
      { ...give("Viewer", p.userIds.jane), roleId: "Viewer" },
    ]) {
      const response = await expectRefused(server, 400, () => p.as.admin.post("/assignments", body));
      expect(response.json()).toMatchObject({ code: "VALIDATION" });
    }
    await expectRefused(server, 400, () => p.as.admin.get("/assignments?role=Admin"));
  });
});
