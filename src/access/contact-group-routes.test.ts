import { describe, expect, it } from "vitest";
import { expectRefused, listIds, useAdminPractice } from "../test-support/admin-practice.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

interface GroupJson {
  id: string;
  name: string;
  memberIds: string[];
}

describe.each(ENGINES)("contact group routes on %s", (engine) => {
  const server = useTestServer(engine);
  const p = useAdminPractice(server, "cgroups");

  it("lets the Admin create, rename, fill, empty and delete a contact group", async () => {
    const created = await p.as.admin.post("/contact-groups", { name: "Acme people" });
    expect(created.statusCode).toBe(201);
    const group = created.json<GroupJson>();
    expect(group).toMatchObject({ name: "Acme people", memberIds: [] });
    expect(
      (await p.as.admin.patch(`/contact-groups/${group.id}`, { name: "Acme staff" })).json(),
    ).toMatchObject({
      name: "Acme staff",
    });
    const added = await p.as.admin.put(`/contact-groups/${group.id}/members/${p.contactId}`);
    expect(added.statusCode).toBe(200);
    expect(added.json<GroupJson>().memberIds).toEqual([p.contactId]);
    expect(listIds(await p.as.admin.get("/contact-groups"))).toEqual([group.id]);
    expect((await p.as.admin.get(`/contact-groups/${group.id}`)).json()).toMatchObject({
      memberIds: [p.contactId],
    });
    expect((await p.as.admin.delete(`/contact-groups/${group.id}/members/${p.contactId}`)).statusCode).toBe(
      204,
    );
    expect((await p.as.admin.get(`/contact-groups/${group.id}`)).json()).toMatchObject({ memberIds: [] });
    expect((await p.as.admin.delete(`/contact-groups/${group.id}`)).statusCode).toBe(204);
    expect((await p.as.admin.get(`/contact-groups/${group.id}`)).statusCode).toBe(404);
  });

  it("refuses users without contact_groups rights, changing nothing", async () => {
    const group = (await p.as.admin.post("/contact-groups", { name: "Beta people" })).json<GroupJson>();
    for (const who of ["jane", "staffAdmin", "owner", "connie"] as const) {
      await expectRefused(server, 403, () => p.as[who].get("/contact-groups"));
      await expectRefused(server, 404, () => p.as[who].get(`/contact-groups/${group.id}`));
      await expectRefused(server, 403, () => p.as[who].post("/contact-groups", { name: "Mine" }));
      await expectRefused(server, 404, () =>
        p.as[who].patch(`/contact-groups/${group.id}`, { name: "Mine" }),
      );
      await expectRefused(server, 404, () => p.as[who].delete(`/contact-groups/${group.id}`));
      await expectRefused(server, 404, () =>
        p.as[who].put(`/contact-groups/${group.id}/members/${p.contactId}`),
      );
    }
  });

  it("keeps a group that carries roles until its assignments are removed", async () => {
    const group = (await p.as.admin.post("/contact-groups", { name: "Portal" })).json<GroupJson>();
    const roles = (await p.as.admin.get("/roles")).json<{ items: { id: string; name: string }[] }>().items;
    const assignment = await p.as.admin.post("/assignments", {
      roleId: roles.find((role) => role.name === "Contact – Entity Access")!.id,
      principalKind: "contact_group",
      principalId: group.id,
      scope: "entity",
      entityId: p.clients.acme,
    });
    expect(assignment.statusCode).toBe(201);
    const inUse = await expectRefused(server, 409, () => p.as.admin.delete(`/contact-groups/${group.id}`));
    expect(inUse.json()).toMatchObject({ code: "IN_USE" });
    await p.as.admin.delete(`/assignments/${assignment.json<{ id: string }>().id}`);
    expect((await p.as.admin.delete(`/contact-groups/${group.id}`)).statusCode).toBe(204);
  });

  it("answers 404 for another firm's groups and contacts, changing nothing", async () => {
    const mine = (await p.as.admin.post("/contact-groups", { name: "Mine" })).json<GroupJson>();
    const theirs = (await p.other.as.post("/contact-groups", { name: "Theirs" })).json<GroupJson>();
    await expectRefused(server, 404, () => p.as.admin.get(`/contact-groups/${theirs.id}`));
    await expectRefused(server, 404, () =>
      p.as.admin.patch(`/contact-groups/${theirs.id}`, { name: "Taken" }),
    );
    await expectRefused(server, 404, () => p.as.admin.delete(`/contact-groups/${theirs.id}`));
    await expectRefused(server, 404, () =>
      p.as.admin.put(`/contact-groups/${theirs.id}/members/${p.contactId}`),
    );
    await expectRefused(server, 404, () =>
      p.as.admin.put(`/contact-groups/${mine.id}/members/${p.other.contact}`),
    );
    await expectRefused(server, 404, () =>
      p.as.admin.delete(`/contact-groups/${mine.id}/members/${p.other.contact}`),
    );
  });

  it("refuses unknown fields, bad names and duplicates, changing nothing", async () => {
    const group = (await p.as.admin.post("/contact-groups", { name: "Clients" })).json<GroupJson>();
    await expectRefused(server, 400, () =>
      p.as.admin.post("/contact-groups", { name: "X", memberIds: [p.contactId] }),
    );
    await expectRefused(server, 400, () => p.as.admin.post("/contact-groups", { name: " " }));
    await expectRefused(server, 400, () => p.as.admin.post("/contact-groups", { name: "a\u0000b" }));
    await expectRefused(server, 400, () =>
      p.as.admin.patch(`/contact-groups/${group.id}`, { name: "Y", extra: 1 }),
    );
    await expectRefused(server, 400, () => p.as.admin.put(`/contact-groups/${group.id}/members/42`));
    const duplicate = await expectRefused(server, 409, () =>
      p.as.admin.post("/contact-groups", { name: "Clients" }),
    );
    expect(duplicate.json()).toMatchObject({ code: "DUPLICATE" });
  });
});
