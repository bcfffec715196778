import { describe, expect, it } from "vitest";
import { expectRefused, listIds, useAdminPractice } from "../test-support/admin-practice.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

interface GroupJson {
  id: string;
  name: string;
  memberIds: string[];
}

describe.each(ENGINES)("staff group routes on %s", (engine) => {
  const server = useTestServer(engine);
  const p = useAdminPractice(server, "groups");

  it("lets a Staff Admin create, rename, fill, empty and delete a group", async () => {
    const created = await p.as.staffAdmin.post("/staff-groups", { name: " Partners " });
    expect(created.statusCode).toBe(201);
    const group = created.json<GroupJson>();
    expect(group).toMatchObject({ name: "Partners", memberIds: [] });

    const renamed = await p.as.staffAdmin.patch(`/staff-groups/${group.id}`, { name: "Senior partners" });
    expect(renamed.json()).toMatchObject({ id: group.id, name: "Senior partners" });

    const added = await p.as.staffAdmin.put(`/staff-groups/${group.id}/members/${p.staffIds.jane}`);
    expect(added.statusCode).toBe(200);
    expect(added.json<GroupJson>().memberIds).toEqual([p.staffIds.jane]);
    // Adding again changes nothing.
    expect(
      (await p.as.staffAdmin.put(`/staff-groups/${group.id}/members/${p.staffIds.jane}`)).json(),
    ).toEqual(added.json());
    expect((await p.as.staffAdmin.get(`/staff/${p.staffIds.jane}`)).json()).toMatchObject({
      groups: ["Senior partners"],
    });

    expect(listIds(await p.as.staffAdmin.get("/staff-groups"))).toEqual([group.id]);
    expect((await p.as.staffAdmin.get(`/staff-groups/${group.id}`)).json()).toMatchObject({
      memberIds: [p.staffIds.jane],
    });

    expect(
      (await p.as.staffAdmin.delete(`/staff-groups/${group.id}/members/${p.staffIds.jane}`)).statusCode,
    ).toBe(204);
    expect((await p.as.staffAdmin.get(`/staff-groups/${group.id}`)).json()).toMatchObject({ memberIds: [] });
    expect((await p.as.staffAdmin.delete(`/staff-groups/${group.id}`)).statusCode).toBe(204);
    expect((await p.as.staffAdmin.get(`/staff-groups/${group.id}`)).statusCode).toBe(404);
  });

  it("refuses users without staff_groups rights, changing nothing", async () => {
    const group = (await p.as.admin.post("/staff-groups", { name: "Audit" })).json<GroupJson>();
    await expectRefused(server, 403, () => p.as.jane.get("/staff-groups"));
    await expectRefused(server, 403, () => p.as.connie.get("/staff-groups"));
    await expectRefused(server, 404, () => p.as.jane.get(`/staff-groups/${group.id}`));
    await expectRefused(server, 403, () => p.as.settingsAdmin.post("/staff-groups", { name: "Mine" }));
    await expectRefused(server, 404, () => p.as.jane.patch(`/staff-groups/${group.id}`, { name: "Mine" }));
    await expectRefused(server, 404, () => p.as.owner.delete(`/staff-groups/${group.id}`));
    await expectRefused(server, 404, () =>
      p.as.jane.put(`/staff-groups/${group.id}/members/${p.staffIds.jane}`),
    );
  });

  it("never lets anyone put themselves in a group or take themselves out (groups carry roles)", async () => {
    const group = (await p.as.admin.post("/staff-groups", { name: "Admins" })).json<GroupJson>();
    const response = await expectRefused(server, 403, () =>
      p.as.staffAdmin.put(`/staff-groups/${group.id}/members/${p.staffIds.staffAdmin}`),
    );
    expect(response.json()).toMatchObject({ code: "FORBIDDEN" });
    await p.as.admin.put(`/staff-groups/${group.id}/members/${p.staffIds.staffAdmin}`);
    await expectRefused(server, 403, () =>
      p.as.staffAdmin.delete(`/staff-groups/${group.id}/members/${p.staffIds.staffAdmin}`),
    );
  });

  it("keeps a group that carries roles until its assignments are removed", async () => {
    const group = (await p.as.admin.post("/staff-groups", { name: "Viewers" })).json<GroupJson>();
    const roles = (await p.as.admin.get("/roles")).json<{ items: { id: string; name: string }[] }>().items;
    const viewer = roles.find((role) => role.name === "Viewer")!;
    const assignment = await p.as.admin.post("/assignments", {
      roleId: viewer.id,
      principalKind: "staff_group",
      principalId: group.id,
      scope: "system",
    });
    expect(assignment.statusCode).toBe(201);
    const inUse = await expectRefused(server, 409, () => p.as.staffAdmin.delete(`/staff-groups/${group.id}`));
    expect(inUse.json()).toMatchObject({ code: "IN_USE" });
    await p.as.admin.delete(`/assignments/${assignment.json<{ id: string }>().id}`);
    expect((await p.as.staffAdmin.delete(`/staff-groups/${group.id}`)).statusCode).toBe(204);
  });

  it("answers 404 for another firm's groups and staff, changing nothing", async () => {
    const mine = (await p.as.admin.post("/staff-groups", { name: "Mine" })).json<GroupJson>();
    const theirs = (await p.other.as.post("/staff-groups", { name: "Theirs" })).json<GroupJson>();
    await expectRefused(server, 404, () => p.as.admin.get(`/staff-groups/${theirs.id}`));
    await expectRefused(server, 404, () => p.as.admin.patch(`/staff-groups/${theirs.id}`, { name: "Taken" }));
    await expectRefused(server, 404, () => p.as.admin.delete(`/staff-groups/${theirs.id}`));
    await expectRefused(server, 404, () =>
      p.as.admin.put(`/staff-groups/${theirs.id}/members/${p.staffIds.jane}`),
    );
    await expectRefused(server, 404, () =>
      p.as.admin.put(`/staff-groups/${mine.id}/members/${p.other.staff}`),
    );
    await expectRefused(server, 404, () =>
      p.as.admin.delete(`/staff-groups/${mine.id}/members/${p.other.staff}`),
    );
  });

  it("refuses unknown fields, bad names and duplicates, changing nothing", async () => {
    const group = (await p.as.admin.post("/staff-groups", { name: "Tax" })).json<GroupJson>();
    await expectRefused(server, 400, () => p.as.admin.post("/staff-groups", { name: "X", memberIds: [] }));
    await expectRefused(server, 400, () => p.as.admin.post("/staff-groups", { name: "   " }));
    await expectRefused(server, 400, () => p.as.admin.post("/staff-groups", { name: "a\u0000b" }));
    await expectRefused(server, 400, () =>
      p.as.admin.patch(`/staff-groups/${group.id}`, { name: "Y", id: group.id }),
    );
    await expectRefused(server, 400, () => p.as.admin.put(`/staff-groups/${group.id}/members/not-an-id`));
    const duplicate = await expectRefused(server, 409, () =>
      p.as.admin.post("/staff-groups", { name: "Tax" }),
    );
    expect(duplicate.json()).toMatchObject({ code: "DUPLICATE" });
  });
});
