import { describe, expect, it } from "vitest";
import { expectRefused, listIds, useAdminPractice } from "../test-support/admin-practice.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

interface StaffJson {
  id: string;
  staffNumber: string;
  lastName: string;
  status: string;
  inactiveDate: string | null;
  groups: string[];
}

describe.each(ENGINES)("staff routes on %s", (engine) => {
  const server = useTestServer(engine);
  const p = useAdminPractice(server, "crew");

  it("lets a Staff Admin create, read, change and delete a staff member", async () => {
    const group = await p.as.staffAdmin.post("/staff-groups", { name: "Tax" });
    expect(group.statusCode).toBe(201);
    const response = await p.as.staffAdmin.post("/staff", {
      staffNumber: "zz1",
      firstName: "Zed",
      lastName: "Zulu",
      email: "Zed@Crew.test",
      groups: ["Tax"],
    });
    expect(response.statusCode).toBe(201);
    const staff = response.json<StaffJson>();
    expect(staff).toMatchObject({
      staffNumber: "ZZ1",
      email: "zed@crew.test",
      status: "active",
      groups: ["Tax"],
    });

    expect((await p.as.staffAdmin.get(`/staff/${staff.id}`)).json()).toEqual(staff);
    const changed = await p.as.staffAdmin.patch(`/staff/${staff.id}`, { status: "inactive", groups: [] });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ status: "inactive", inactiveDate: "2026-06-15", groups: [] });

    expect((await p.as.staffAdmin.delete(`/staff/${staff.id}`)).statusCode).toBe(204);
    expect((await p.as.staffAdmin.get(`/staff/${staff.id}`)).statusCode).toBe(404);
  });

  it("lists staff paginated, filtered by status and group, and sorted", async () => {
    const all = await p.as.staffAdmin.get("/staff");
    expect(all.statusCode).toBe(200);
    const numbers = all.json<{ items: StaffJson[] }>().items.map((s) => s.staffNumber);
    expect(numbers).toEqual(["AA", "ED", "JA", "OL", "SE", "ST"]);

    const byName = await p.as.staffAdmin.get("/staff?sort=-lastName&limit=2&offset=1");
    expect(byName.json()).toMatchObject({ total: 6, limit: 2, offset: 1 });
    expect(byName.json<{ items: StaffJson[] }>().items.map((s) => s.lastName)).toEqual(["Test", "Test"]);

    const group = (await p.as.staffAdmin.post("/staff-groups", { name: "Partners" })).json<{ id: string }>();
    await p.as.admin.put(`/staff-groups/${group.id}/members/${p.staffIds.jane}`);
    expect(listIds(await p.as.staffAdmin.get(`/staff?groupId=${group.id}`))).toEqual([p.staffIds.jane]);

    await p.as.staffAdmin.patch(`/staff/${p.staffIds.editor}`, { status: "inactive" });
    expect(listIds(await p.as.staffAdmin.get("/staff?status=inactive"))).toEqual([p.staffIds.editor]);
    await p.as.staffAdmin.patch(`/staff/${p.staffIds.editor}`, { status: "active" });
  });

  it("shows a staff user without staff:R only their own record", async () => {
    expect(listIds(await p.as.jane.get("/staff"))).toEqual([p.staffIds.jane]);
    expect((await p.as.jane.get(`/staff/${p.staffIds.jane}`)).statusCode).toBe(200);
    expect((await p.as.jane.get(`/staff/${p.staffIds.admin}`)).statusCode).toBe(404);
    expect((await p.as.owner.get(`/staff/${p.staffIds.admin}`)).statusCode).toBe(404);
  });

  it("refuses contacts and users without staff rights, changing nothing", async () => {
    await expectRefused(server, 403, () => p.as.connie.get("/staff"));
    await expectRefused(server, 404, () => p.as.connie.get(`/staff/${p.staffIds.jane}`));
    await expectRefused(server, 403, () =>
      p.as.jane.post("/staff", { staffNumber: "NEW", firstName: "New", lastName: "Person" }),
    );
    await expectRefused(server, 403, () =>
      p.as.settingsAdmin.post("/staff", { staffNumber: "NEW", firstName: "N", lastName: "P" }),
    );
    // Own record: readable, but not editable without staff:E.
    const own = await expectRefused(server, 403, () =>
      p.as.jane.patch(`/staff/${p.staffIds.jane}`, { firstName: "J" }),
    );
    expect(own.json()).toMatchObject({ code: "FORBIDDEN", permission: "staff:E" });
    await expectRefused(server, 404, () => p.as.jane.patch(`/staff/${p.staffIds.admin}`, { firstName: "X" }));
    await expectRefused(server, 404, () => p.as.jane.delete(`/staff/${p.staffIds.admin}`));
  });

  it("answers 404 for another firm's staff and groups, changing nothing", async () => {
    const otherGroup = (await p.other.as.post("/staff-groups", { name: "Elsewhere" })).json<{ id: string }>();
    await expectRefused(server, 404, () => p.as.admin.get(`/staff/${p.other.staff}`));
    await expectRefused(server, 404, () =>
      p.as.admin.patch(`/staff/${p.other.staff}`, { firstName: "Hijack" }),
    );
    await expectRefused(server, 404, () => p.as.admin.delete(`/staff/${p.other.staff}`));
    await expectRefused(server, 404, () => p.as.admin.get(`/staff?groupId=${otherGroup.id}`));
    await expectRefused(server, 404, () =>
      p.as.admin.post("/staff", { staffNumber: "X1", firstName: "X", lastName: "Y", groups: ["Elsewhere"] }),
    );
  });

  it("refuses unknown fields (no rate or roles through a staff record) and bad values", async () => {
    const base = { staffNumber: "NEW", firstName: "New", lastName: "Person" };
    for (const body of [
      { ...base, rate: 1_000_000 },
      { ...base, roles: ["Admin"] },
      { ...base, id: "019a0000-0000-7000-8000-000000000000" },
      { ...base, status: "retired" },
      { ...base, staffNumber: "" },
      { ...base, email: "not an email" },
    ]) {
      const response = await expectRefused(server, 400, () => p.as.staffAdmin.post("/staff", body));
      expect(response.json()).toMatchObject({ code: "VALIDATION" });
    }
    await expectRefused(server, 400, () => p.as.admin.patch(`/staff/${p.staffIds.jane}`, { rate: 1 }));
    await expectRefused(server, 400, () =>
      p.as.admin.patch(`/staff/${p.staffIds.jane}`, { userId: p.userIds.admin }),
    );
    await expectRefused(server, 400, () => p.as.admin.get("/staff?sort=salary"));
    await expectRefused(server, 400, () => p.as.admin.get("/staff?unknown=1"));
  });

  it("never lets anyone change their own groups, and takes group names only of existing groups", async () => {
    const response = await expectRefused(server, 403, () =>
      p.as.staffAdmin.patch(`/staff/${p.staffIds.staffAdmin}`, { groups: ["Partners"] }),
    );
    expect(response.json()).toMatchObject({ code: "FORBIDDEN" });
    // Unchanged groups are not a change; other fields of one's own record are fine with staff:E.
    const own = await p.as.staffAdmin.patch(`/staff/${p.staffIds.staffAdmin}`, {
      lastName: "Admin",
      groups: [],
    });
    expect(own.statusCode).toBe(200);
    await expectRefused(server, 404, () =>
      p.as.staffAdmin.patch(`/staff/${p.staffIds.jane}`, { groups: ["Nope"] }),
    );
  });

  it("keeps staff with history or a user account, and staff numbers unique", async () => {
    const inUse = await expectRefused(server, 409, () => p.as.staffAdmin.delete(`/staff/${p.staffIds.jane}`));
    expect(inUse.json()).toMatchObject({ code: "IN_USE" });
    const duplicate = await expectRefused(server, 409, () =>
      p.as.staffAdmin.post("/staff", { staffNumber: "ja", firstName: "J", lastName: "A" }),
    );
    expect(duplicate.json()).toMatchObject({ code: "DUPLICATE" });
  });
});
