/**
 * The portal around requests over HTTP, on both engines: the history records who shared the
 * client with whom (for staff only), and the firm's portal settings are read by staff and
 * changed only with settings:E.
 */
import { describe, expect, it } from "vitest";
import { findRoleByName } from "../access/access-store.js";
import { usePortalPractice } from "../test-support/portal-practice.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

describe.each(ENGINES)("the portal around requests on %s", (engine) => {
  const server = useTestServer(engine);
  const p = usePortalPractice(server, "portal");

  it("records shares and their removal in the client's history, for staff only", async () => {
    const role = (await findRoleByName(server.deps.store.db, p.firm.id, "Contact – Entity Access"))!;
    const shared = await p.as.admin.post("/assignments", {
      roleId: role.id,
      principalKind: "user",
      principalId: p.users.otto,
      scope: "entity",
      entityId: p.clients.acme,
    });
    expect(shared.statusCode, shared.body).toBe(201);
    expect((await p.as.admin.delete(`/assignments/${shared.json<{ id: string }>().id}`)).statusCode).toBe(
      204,
    );
    type History = { items: { kind: string; summary: string }[] };
    const staffView = (await p.as.mia.get(`/clients/${p.clients.acme}/activity`)).json<History>();
    expect(staffView.items.filter((e) => e.kind.startsWith("share.")).map((e) => e.summary)).toEqual([
      "Ada Admin gave Otto Client the Contact – Entity Access role",
      "Ada Admin took the Contact – Entity Access role from Otto Client",
    ]);
    const contactView = (await p.as.carla.get(`/clients/${p.clients.acme}/activity`)).json<History>();
    expect(contactView.items.filter((e) => e.kind.startsWith("share."))).toEqual([]);
  });

  it("lets staff read the portal settings and only settings:E change them, refusing bad ones", async () => {
    expect((await p.as.mia.get("/portal-settings")).json()).toEqual({
      detailedNotifications: true,
      notificationMode: "each",
      digestMinutes: 10,
    });
    expect((await p.as.carla.get("/portal-settings")).statusCode).toBe(403);
    const change = { detailedNotifications: false, notificationMode: "digest", digestMinutes: 15 };
    expect((await p.as.mia.put("/portal-settings", change)).statusCode).toBe(403);
    expect((await p.as.admin.put("/portal-settings", { ...change, digestMinutes: 0 })).statusCode).toBe(400);
    expect((await p.as.admin.put("/portal-settings", change)).json()).toEqual(change);
    expect((await p.as.mia.get("/portal-settings")).json()).toEqual(change);
  });
});
