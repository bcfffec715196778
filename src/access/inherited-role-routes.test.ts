import { beforeAll, describe, expect, it } from "vitest";
import { useAdminPractice } from "../test-support/admin-practice.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

interface InheritedJson {
  userId: string;
  roleName: string;
  source: string;
  scope: string;
  groupName: string | null;
  assignmentId: string | null;
}

describe.each(ENGINES)("inherited roles on a client (GET /assignments/inherited) on %s", (engine) => {
  const server = useTestServer(engine);
  const p = useAdminPractice(server, "inherit");
  const roles: Record<string, string> = {};

  beforeAll(async () => {
    const listed = (await p.as.admin.get("/roles")).json<{ items: { id: string; name: string }[] }>().items;
    for (const role of listed) roles[role.name] = role.id;
  });

  const inheritedOnAcme = async () => {
    const response = await p.as.admin.get(`/assignments/inherited?entityId=${p.clients.acme}`);
    expect(response.statusCode, response.body).toBe(200);
    return response
      .json<{ items: InheritedJson[] }>()
      .items.map((row) => `${row.userId} ${row.roleName} ${row.source} ${row.scope} ${row.groupName ?? "-"}`);
  };

  it("names every role reaching the client that is not granted there directly, and where it comes from", async () => {
    const team = (await p.as.admin.post("/staff-groups", { name: "Tax team" })).json<{ id: string }>();
    expect((await p.as.admin.put(`/staff-groups/${team.id}/members/${p.staffIds.jane}`)).statusCode).toBe(
      200,
    );
    const onAcme = await p.as.admin.post("/assignments", {
      roleId: roles.Viewer,
      principalKind: "staff_group",
      principalId: team.id,
      scope: "entity",
      entityId: p.clients.acme,
    });
    expect(onAcme.statusCode, onAcme.body).toBe(201);
    const seniors = (await p.as.admin.post("/staff-groups", { name: "Seniors" })).json<{ id: string }>();
    await p.as.admin.put(`/staff-groups/${seniors.id}/members/${p.staffIds.settingsAdmin}`);
    const firmWide = await p.as.admin.post("/assignments", {
      roleId: roles.Editor,
      principalKind: "staff_group",
      principalId: seniors.id,
      scope: "system",
    });
    expect(firmWide.statusCode, firmWide.body).toBe(201);
    const partner = await p.as.admin.patch(`/clients/${p.clients.acme}`, {
      partnerId: p.staffIds.staffAdmin,
    });
    expect(partner.statusCode, partner.body).toBe(200);

    // Direct grants on ACME (the Owner, the Editor, the contact) are not inherited; roles that
    // reach no client content (Staff Admin, Settings Admin) are not listed at all.
    expect((await inheritedOnAcme()).sort()).toEqual(
      [
        `${p.userIds.admin} Admin firm-wide system -`,
        `${p.userIds.jane} Viewer group entity Tax team`,
        `${p.userIds.settingsAdmin} Editor firm-wide system Seniors`,
        `${p.userIds.staffAdmin} Editor partner entity -`,
      ].sort(),
    );
    const rows = (await p.as.admin.get(`/assignments/inherited?entityId=${p.clients.acme}`)).json<{
      items: InheritedJson[];
    }>().items;
    expect(rows.find((row) => row.source === "group")?.assignmentId).toBe(onAcme.json<{ id: string }>().id);
    expect(rows.find((row) => row.source === "partner")?.assignmentId).toBeNull();

    // Leaving the group takes the inherited role away at once; a disabled user holds nothing.
    await p.as.admin.delete(`/staff-groups/${team.id}/members/${p.staffIds.jane}`);
    expect(
      (await p.as.admin.patch(`/users/${p.userIds.settingsAdmin}`, { status: "disabled" })).statusCode,
    ).toBe(200);
    expect((await inheritedOnAcme()).sort()).toEqual(
      [
        `${p.userIds.admin} Admin firm-wide system -`,
        `${p.userIds.staffAdmin} Editor partner entity -`,
      ].sort(),
    );
  });

  it("answers whoever may share the client, and no one else", async () => {
    const url = `/assignments/inherited?entityId=${p.clients.acme}`;
    expect((await p.as.owner.get(url)).statusCode).toBe(200);
    expect((await p.as.editor.get(url)).statusCode).toBe(403);
    expect((await p.as.jane.get(url)).statusCode).toBe(404);
    expect((await p.as.owner.get(`/assignments/inherited?entityId=${p.clients.beta}`)).statusCode).toBe(404);
    expect((await p.as.admin.get(`/assignments/inherited?entityId=${p.other.client}`)).statusCode).toBe(404);
    const missing = await p.as.admin.get("/assignments/inherited");
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: "VALIDATION" });
  });
});
