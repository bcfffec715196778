import { describe, expect, it } from "vitest";
import { expectRefused, listIds, useAdminPractice } from "../test-support/admin-practice.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

interface RoleJson {
  id: string;
  name: string;
  builtIn: boolean;
  scopes: string[];
  grants: Record<string, string>;
}

describe.each(ENGINES)("role routes on %s", (engine) => {
  const server = useTestServer(engine);
  const p = useAdminPractice(server, "roles");
  const rolesOf = async () => (await p.as.admin.get("/roles?limit=500")).json<{ items: RoleJson[] }>().items;

  it("lets every staff user list and read roles, with their scopes and grants", async () => {
    const response = await p.as.jane.get("/roles?limit=500");
    expect(response.statusCode).toBe(200);
    const roles = response.json<{ items: RoleJson[] }>().items;
    expect(roles.map((role) => role.name)).toEqual(
      expect.arrayContaining(["Admin", "Owner", "Viewer", "Contact – Entity Access"]),
    );
    const owner = roles.find((role) => role.name === "Owner")!;
    expect(owner).toMatchObject({ builtIn: true, scopes: ["system", "entity", "item"] });
    expect(owner.grants.entities).toBe("CREDS");
    expect(roles.find((role) => role.name === "Admin")!.scopes).toEqual(["system"]);
    expect((await p.as.owner.get(`/roles/${owner.id}`)).json()).toEqual(owner);
  });

  it("hides roles from contacts", async () => {
    await expectRefused(server, 403, () => p.as.connie.get("/roles"));
    const [admin] = await rolesOf();
    await expectRefused(server, 404, () => p.as.connie.get(`/roles/${admin!.id}`));
  });

  it("lets the Admin create, change and delete a custom role, which takes effect on the next request", async () => {
    const created = await p.as.admin.post("/roles", { name: "Staff reader", grants: { staff: "R" } });
    expect(created.statusCode).toBe(201);
    const role = created.json<RoleJson>();
    expect(role).toMatchObject({
      builtIn: false,
      scopes: ["system", "entity", "item"],
      grants: { staff: "R" },
    });

    expect(listIds(await p.as.jane.get("/staff"))).toEqual([p.staffIds.jane]);
    const assignment = await p.as.admin.post("/assignments", {
      roleId: role.id,
      principalKind: "user",
      principalId: p.userIds.jane,
      scope: "system",
    });
    expect(assignment.statusCode).toBe(201);
    expect(listIds(await p.as.jane.get("/staff"))).toHaveLength(6);

    const changed = await p.as.admin.patch(`/roles/${role.id}`, {
      name: "Reader",
      grants: { work_codes: "R" },
    });
    expect(changed.json()).toMatchObject({ name: "Reader", grants: { work_codes: "R" } });
    expect(listIds(await p.as.jane.get("/staff"))).toEqual([p.staffIds.jane]);

    const inUse = await expectRefused(server, 409, () => p.as.admin.delete(`/roles/${role.id}`));
    expect(inUse.json()).toMatchObject({ code: "IN_USE" });
    await p.as.admin.delete(`/assignments/${assignment.json<{ id: string }>().id}`);
    expect((await p.as.admin.delete(`/roles/${role.id}`)).statusCode).toBe(204);
    expect((await p.as.admin.get(`/roles/${role.id}`)).statusCode).toBe(404);
  });

  it("never changes or deletes a built-in role", async () => {
    const viewer = (await rolesOf()).find((role) => role.name === "Viewer")!;
    await expectRefused(server, 403, () =>
      p.as.admin.patch(`/roles/${viewer.id}`, { grants: { staff: "CRED" } }),
    );
    await expectRefused(server, 403, () => p.as.admin.delete(`/roles/${viewer.id}`));
  });

  it("refuses role changes to everyone but holders of roles:C/E/D, changing nothing", async () => {
    const custom = (await p.as.admin.post("/roles", { name: "Custom", grants: {} })).json<RoleJson>();
    for (const who of ["staffAdmin", "settingsAdmin", "owner", "jane"] as const) {
      await expectRefused(server, 403, () =>
        p.as[who].post("/roles", { name: "Mine", grants: { roles: "CREDAS" } }),
      );
      await expectRefused(server, 403, () =>
        p.as[who].patch(`/roles/${custom.id}`, { grants: { roles: "A" } }),
      );
      await expectRefused(server, 403, () => p.as[who].delete(`/roles/${custom.id}`));
    }
    await expectRefused(server, 404, () => p.as.connie.delete(`/roles/${custom.id}`));
  });

  it("answers 404 for another firm's roles, changing nothing", async () => {
    const theirs = (await p.other.as.post("/roles", { name: "Theirs", grants: {} })).json<RoleJson>();
    await expectRefused(server, 404, () => p.as.admin.get(`/roles/${theirs.id}`));
    await expectRefused(server, 404, () => p.as.admin.patch(`/roles/${theirs.id}`, { name: "Mine" }));
    await expectRefused(server, 404, () => p.as.admin.delete(`/roles/${theirs.id}`));
  });

  it("refuses unknown fields, unknown objects and actions, and duplicate names, changing nothing", async () => {
    for (const body of [
      { name: "X", grants: {}, builtIn: true },
      { name: "X", grants: { nonsense: "R" } },
      { name: "X", grants: { staff: "RX" } },
      { name: "X", grants: { staff: 1 } },
      { name: "", grants: {} },
      { name: "a\u0000b", grants: {} },
      { name: "X" },
    ]) {
      const response = await expectRefused(server, 400, () => p.as.admin.post("/roles", body));
      expect(response.json()).toMatchObject({ code: "VALIDATION" });
    }
    const duplicate = await expectRefused(server, 409, () =>
      p.as.admin.post("/roles", { name: "admin", grants: {} }),
    );
    expect(duplicate.json()).toMatchObject({ code: "DUPLICATE" });
  });
});
