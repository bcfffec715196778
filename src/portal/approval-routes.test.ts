/**
 * Approvals over HTTP on both engines: a contact approves exactly the version they were asked
 * about, the record keeps its SHA-256, who, when and from where, and nothing changes it after.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { usePortalPractice, type PortalPerson } from "../test-support/portal-practice.js";
import { JPEG, multipartBody, PDF } from "../test-support/receipts.js";
import { movableClock, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import type { ApprovalView } from "./approval-service.js";
import { insertApproval } from "./approval-store.js";
import type { FileView } from "./entity-file-service.js";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe.each(ENGINES)("approvals on %s", (engine) => {
  const clock = movableClock("2026-06-15T12:00:00Z");
  const server = useTestServer(engine, clock);
  const p = usePortalPractice(server, "approvals");

  const upload = async (
    who: PortalPerson,
    path: string,
    bytes: Buffer,
    name: string,
    type = "application/pdf",
  ) => {
    const body = multipartBody([{ fileName: name, contentType: type, bytes }]);
    const response = await server.app.inject({
      method: "POST",
      url: `/f/approvals/api/v1${path}`,
      headers: { ...p.headers[who], ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<FileView>();
  };

  it("keeps the version asked about, its SHA-256, who decided, when and from where, and never changes afterwards", async () => {
    const letter = await upload(
      "admin",
      `/clients/${p.clients.acme}/files?kind=shared`,
      PDF,
      "Engagement letter.pdf",
    );
    const asked = await p.as.admin.post(`/files/${letter.id}/approvals`, {
      contactId: p.contacts.carla,
      message: "Please approve the engagement letter.",
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const approval = asked.json<ApprovalView>();
    expect(approval).toMatchObject({
      status: "pending",
      version: { version: 1, sha256: sha256(PDF) },
      contact: { name: "Carla Client" },
      requestedBy: { name: "Ada Admin" },
    });
    // A newer version uploaded meanwhile: the approval still names what Carla was shown.
    await upload("admin", `/files/${letter.id}/versions`, JPEG, "Letter v2.jpg", "image/jpeg");
    const path = `/approvals/${approval.id}`;
    expect((await p.as.carla.get(path)).json<ApprovalView>()).toMatchObject({
      newerVersion: true,
      version: { version: 1 },
    });

    // It waits on Carla's home, and on nobody else's.
    type Waiting = { approvals: { id: string; fileName: string; clientName: string; message: string }[] };
    expect((await p.as.carla.get("/portal/waiting")).json<Waiting>().approvals).toEqual([
      expect.objectContaining({
        id: approval.id,
        fileName: "Engagement letter.pdf",
        clientName: "Acme Ltd",
        message: "Please approve the engagement letter.",
      }),
    ]);
    expect((await p.as.eve.get("/portal/waiting")).json<Waiting>().approvals).toEqual([]);
    expect((await p.as.mia.get("/portal/waiting")).json<Waiting>().approvals).toEqual([]);

    // Only Carla decides; Eve does not even see it; staff see it but do not decide.
    expect((await p.as.eve.get(path)).statusCode).toBe(404);
    expect((await p.as.eve.post(`${path}/decision`, { decision: "approved" })).statusCode).toBe(404);
    expect((await p.as.mia.post(`${path}/decision`, { decision: "approved" })).statusCode).toBe(403);
    expect((await p.as.carla.post(`${path}/decision`, { decision: "declined" })).statusCode).toBe(400);
    const decided = await p.as.carla.post(`${path}/decision`, {
      decision: "approved",
      comment: "Looks right.",
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json<ApprovalView>()).toMatchObject({
      status: "approved",
      decidedBy: { name: "Carla Client" },
      decidedAt: "2026-06-15T12:00:00.000Z",
      comment: "Looks right.",
      decidedFrom: "127.0.0.1",
      version: { sha256: sha256(PDF) },
    });
    // Decided: no second decision, no cancel, and not even the database itself changes it.
    expect(
      (await p.as.carla.post(`${path}/decision`, { decision: "declined", comment: "No" })).statusCode,
    ).toBe(409);
    expect((await p.as.admin.post(`${path}/cancel`, {})).statusCode).toBe(409);
    const db = server.deps.store.db;
    await expect(
      sql`UPDATE approval SET decision_comment = 'forged' WHERE id = ${approval.id}`.execute(db),
    ).rejects.toThrow(/a decided approval cannot change/);
    await expect(sql`DELETE FROM approval WHERE id = ${approval.id}`.execute(db)).rejects.toThrow(
      /a decided approval cannot change/,
    );
    const history = (await p.as.carla.get(`/clients/${p.clients.acme}/activity`)).json<{
      items: { summary: string }[];
    }>();
    expect(history.items.map((e) => e.summary)).toContain(
      "Carla Client approved Engagement letter.pdf: Looks right.",
    );
    // The file it names stays.
    expect((await p.as.admin.delete(`/files/${letter.id}`)).statusCode).toBe(409);
  });

  it("keeps a file shared while its approval is pending: the contact decides on what they can see", async () => {
    const letter = await upload("admin", `/clients/${p.clients.acme}/files?kind=shared`, PDF, "Letter.pdf");
    const asked = (
      await p.as.admin.post(`/files/${letter.id}/approvals`, { contactId: p.contacts.carla })
    ).json<ApprovalView>();
    const refused = await p.as.admin.patch(`/files/${letter.id}`, { kind: "firm", name: "Hidden.pdf" });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json<{ code: string; detail: string }>()).toMatchObject({
      code: "IN_USE",
      detail:
        "Letter.pdf is waiting for Carla Client's approval: withdraw the request before you stop sharing it",
    });
    expect((await p.as.carla.get(`/files/${letter.id}`)).json<FileView>()).toMatchObject({
      kind: "shared",
      name: "Letter.pdf",
    });
    // Once the request is withdrawn, the firm may take the file back.
    expect((await p.as.admin.post(`/approvals/${asked.id}/cancel`, {})).statusCode).toBe(200);
    expect((await p.as.admin.patch(`/files/${letter.id}`, { kind: "firm" })).statusCode).toBe(200);
    expect((await p.as.carla.get(`/files/${letter.id}`)).statusCode).toBe(404);
  });

  it("keeps a file an approval asked at the same moment names: the database's reference, said as IN_USE", async () => {
    const letter = await upload("admin", `/clients/${p.clients.acme}/files?kind=shared`, PDF, "Racing.pdf");
    const db = server.deps.store.db;
    // Another request asks for an approval of the file and has not committed when the delete
    // looks for approvals: only the database's reference can stop the delete.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked!: () => void;
    const inserted = new Promise<void>((resolve) => (asked = resolve));
    const asking = db.transaction().execute(async (tx) => {
      await insertApproval(
        tx,
        p.firm.id,
        {
          clientId: p.clients.acme,
          fileId: letter.id,
          versionId: letter.current.id,
          sha256: letter.current.sha256,
          contactId: p.contacts.carla,
          message: "",
          requestedBy: p.users.admin,
        },
        "2026-06-15T12:00:00.000Z",
      );
      asked();
      await held;
    });
    await inserted;
    const deleting = p.as.admin.delete(`/files/${letter.id}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await asking;
    const refused = await deleting;
    expect(refused.statusCode, refused.body).toBe(409);
    const problem = refused.json<{ code: string; detail: string }>();
    expect(problem.code).toBe("IN_USE");
    expect(problem.detail).toMatch(/^Racing\.pdf is part of an approval/);
    expect((await p.as.admin.get(`/files/${letter.id}`)).statusCode).toBe(200);
  });

  it("asks only about shared files and only contacts who reach the client; staff withdraw a pending one", async () => {
    const memo = await upload("admin", `/clients/${p.clients.acme}/files`, PDF, "Memo.pdf");
    expect(
      (await p.as.admin.post(`/files/${memo.id}/approvals`, { contactId: p.contacts.carla })).statusCode,
    ).toBe(400);
    const letter = await upload("admin", `/clients/${p.clients.acme}/files?kind=shared`, PDF, "Letter.pdf");
    expect(
      (await p.as.admin.post(`/files/${letter.id}/approvals`, { contactId: p.contacts.otto })).statusCode,
    ).toBe(400);
    expect(
      (await p.as.mia.post(`/files/${letter.id}/approvals`, { contactId: p.contacts.eve })).statusCode,
    ).toBe(403);
    expect(
      (await p.as.carla.post(`/files/${letter.id}/approvals`, { contactId: p.contacts.eve })).statusCode,
    ).toBe(403);
    const asked = (
      await p.as.admin.post(`/files/${letter.id}/approvals`, { contactId: p.contacts.eve })
    ).json<ApprovalView>();
    const eveSees = (await p.as.eve.get(`/clients/${p.clients.acme}/approvals`)).json<{
      items: ApprovalView[];
    }>();
    expect(eveSees.items.map((a) => a.id)).toEqual([asked.id]);
    const withdrawn = await p.as.admin.post(`/approvals/${asked.id}/cancel`, {});
    expect(withdrawn.json<ApprovalView>().status).toBe("cancelled");
    expect(
      (await p.as.eve.post(`/approvals/${asked.id}/decision`, { decision: "approved" })).statusCode,
    ).toBe(409);
  });

  it("lists a client's approvals a page at a time, newest first, by file and status; a contact only their own", async () => {
    const letter = await upload("admin", `/clients/${p.clients.acme}/files?kind=shared`, PDF, "Paged.pdf");
    const ask = async (contactId: string) => {
      clock.advance(60_000);
      const response = await p.as.admin.post(`/files/${letter.id}/approvals`, { contactId });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<ApprovalView>().id;
    };
    const first = await ask(p.contacts.carla);
    const second = await ask(p.contacts.eve);
    const third = await ask(p.contacts.carla);
    expect((await p.as.carla.post(`/approvals/${first}/decision`, { decision: "approved" })).statusCode).toBe(
      200,
    );
    type Page = { items: ApprovalView[]; total: number; limit: number; offset: number };
    const page = async (who: PortalPerson, query: string) => {
      const response = await p.as[who].get(
        `/clients/${p.clients.acme}/approvals?fileId=${letter.id}${query}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<Page>();
      return { total: body.total, ids: body.items.map((item) => item.id) };
    };
    expect(await page("mia", "")).toEqual({ total: 3, ids: [third, second, first] });
    expect(await page("mia", "&limit=1&offset=1")).toEqual({ total: 3, ids: [second] });
    expect(await page("mia", "&status=pending")).toEqual({ total: 2, ids: [third, second] });
    expect(await page("mia", "&sort=requestedAt")).toEqual({ total: 3, ids: [first, second, third] });
    expect(await page("carla", "")).toEqual({ total: 2, ids: [third, first] });
    expect(await page("eve", "&status=approved")).toEqual({ total: 0, ids: [] });
    const bad = await p.as.mia.get(`/clients/${p.clients.acme}/approvals?status=maybe`);
    expect(bad.statusCode).toBe(400);
  });
});
