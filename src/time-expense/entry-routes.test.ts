import { describe, expect, it } from "vitest";
import { idsOf, usePractice, type Caller } from "../test-support/practice-server.js";
import { snapshotStore } from "../test-support/seed.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

describe.each(ENGINES)("time and expense entry routes on %s", (engine) => {
  const server = useTestServer(engine);
  const p = usePractice(server, "entries");

  /** Runs a request that must be refused with `status`, and checks that nothing changed. */
  async function refusedUnchanged(request: () => ReturnType<Caller["get"]>, status: number) {
    const before = await snapshotStore(server.deps.store.db);
    const response = await request();
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(await snapshotStore(server.deps.store.db)).toEqual(before);
    return response;
  }

  const sorted = (ids: string[]) => [...ids].sort();

  it("lists own entries, assigned clients' entries, or all, by who asks", async () => {
    const { janeAcme, janeBeta, alAcme, caraBeta } = p.time;
    const all = [janeAcme, janeBeta, alAcme, caraBeta];
    const expected = {
      admin: all,
      vera: all, // Viewer firm-wide
      ed: all, // Entities Admin: all entity content
      jane: [janeAcme, janeBeta], // own only
      al: [janeAcme, alAcme], // Editor on ACME (and his own is there)
      cara: [janeBeta, caraBeta], // manager of BETA
      connie: [], // a contact: no entries
    };
    for (const [who, ids] of Object.entries(expected)) {
      const response = await p.as[who as keyof typeof expected].get("/time-entries");
      expect(response.statusCode, who).toBe(200);
      expect(sorted(idsOf(response)), who).toEqual(sorted(ids));
      expect(response.json<{ total: number }>().total, who).toBe(ids.length);
    }
    expect(sorted(idsOf(await p.as.jane.get("/expense-entries")))).toEqual([p.expense.janeAcme]);
    expect(sorted(idsOf(await p.as.cara.get("/expense-entries")))).toEqual([p.expense.caraBeta]);
    expect(idsOf(await p.as.al.get("/expense-entries"))).toEqual([p.expense.janeAcme]);
  });

  it("filters, sorts and pages in SQL, counting only readable rows", async () => {
    const { janeAcme, janeBeta, alAcme, caraBeta } = p.time;
    const page1 = await p.as.admin.get("/time-entries?limit=2&sort=-date");
    expect(idsOf(page1)).toEqual([caraBeta, alAcme]);
    expect(page1.json()).toMatchObject({ total: 4, limit: 2, offset: 0 });
    expect(idsOf(await p.as.admin.get("/time-entries?limit=2&offset=2&sort=-date"))).toEqual([
      janeBeta,
      janeAcme,
    ]);
    expect(idsOf(await p.as.admin.get(`/time-entries?clientId=${p.clients.beta}`))).toEqual([
      janeBeta,
      caraBeta,
    ]);
    expect(idsOf(await p.as.admin.get(`/time-entries?staffId=${p.staff.jane}&from=2026-06-02`))).toEqual([
      janeBeta,
    ]);
    expect(idsOf(await p.as.admin.get("/time-entries?sort=amount&limit=1"))).toEqual([caraBeta]);
    // By staff member (last name, first name: Al, Cara, Jane Test), each one's entries by date.
    expect(idsOf(await p.as.admin.get("/time-entries?sort=staff"))).toEqual([
      alAcme,
      caraBeta,
      janeAcme,
      janeBeta,
    ]);
    expect(idsOf(await p.as.admin.get("/time-entries?sort=-staff&limit=2&offset=1"))).toEqual([
      janeAcme,
      caraBeta,
    ]);
    expect(idsOf(await p.as.cara.get("/expense-entries?sort=staff"))).toEqual([p.expense.caraBeta]);
    expect(idsOf(await p.as.admin.get("/expense-entries?sort=-staff"))).toEqual([
      p.expense.janeAcme,
      p.expense.caraBeta,
    ]);
    expect(idsOf(await p.as.admin.get("/time-entries?status=approved,billed"))).toEqual([]);
    expect(idsOf(await p.as.admin.get("/time-entries?billable=true"))).toHaveLength(4);
    // A filter never widens what the caller may read.
    const janeOnAcme = await p.as.jane.get(`/time-entries?clientId=${p.clients.acme}&limit=1`);
    expect(idsOf(janeOnAcme)).toEqual([janeAcme]);
    expect(janeOnAcme.json<{ total: number }>().total).toBe(1);
    expect(idsOf(await p.as.al.get(`/time-entries?staffId=${p.staff.jane}`))).toEqual([janeAcme]);
  });

  it("names each listed entry's staff member, for a reviewer who may not read staff records", async () => {
    // Al (Editor on ACME) reviews Jane's ACME work but may not open her staff record.
    expect((await p.as.al.get(`/staff/${p.staff.jane}`)).statusCode).toBeGreaterThanOrEqual(403);
    const listed = await p.as.al.get("/time-entries?sort=staff");
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json<{ items: { id: string; staffId: string; staff: unknown }[] }>().items;
    expect(items.map((entry) => [entry.id, entry.staff])).toEqual([
      [p.time.alAcme, { id: p.staff.al, staffNumber: "AB", firstName: "Al", lastName: "Test" }],
      [p.time.janeAcme, { id: p.staff.jane, staffNumber: "JD", firstName: "Jane", lastName: "Test" }],
    ]);
    const expenses = (await p.as.cara.get("/expense-entries")).json<{ items: { staff: unknown }[] }>();
    expect(expenses.items.map((entry) => entry.staff)).toEqual([
      { id: p.staff.cara, staffNumber: "CM", firstName: "Cara", lastName: "Test" },
    ]);
  });

  it("refuses list filters naming another firm's records, and unknown query fields", async () => {
    for (const query of [
      `clientId=${p.other.client}`,
      `staffId=${p.other.staff}`,
      `projectId=${p.other.project}`,
    ]) {
      const response = await p.as.admin.get(`/time-entries?${query}`);
      expect(response.statusCode, query).toBe(404);
    }
    expect((await p.as.admin.get("/time-entries?colour=red")).statusCode).toBe(400);
    expect((await p.as.admin.get("/time-entries?status=lost")).statusCode).toBe(400);
  });

  it("gets an entry the caller may read; others are 404, as if they did not exist", async () => {
    expect((await p.as.jane.get(`/time-entries/${p.time.janeAcme}`)).json()).toMatchObject({
      id: p.time.janeAcme,
      staffId: p.staff.jane,
      minutes: 60,
      rate: 1_500_000,
      amount: 15_000,
    });
    expect((await p.as.jane.get(`/time-entries/${p.time.alAcme}`)).statusCode).toBe(404);
    expect((await p.as.al.get(`/time-entries/${p.time.caraBeta}`)).statusCode).toBe(404);
    expect((await p.as.cara.get(`/time-entries/${p.time.janeBeta}`)).statusCode).toBe(200);
    expect((await p.as.connie.get(`/time-entries/${p.time.janeAcme}`)).statusCode).toBe(404);
    expect((await p.as.admin.get(`/time-entries/${p.other.timeEntry}`)).statusCode).toBe(404);
    expect((await p.as.jane.get(`/expense-entries/${p.expense.caraBeta}`)).statusCode).toBe(404);
  });

  it("creates one's own entry by default, and another's only with a create right on the client", async () => {
    const body = { clientId: p.clients.acme, workCodeId: p.workCodes.tax, date: "2026-06-10", minutes: 48 };
    const own = await p.as.jane.post("/time-entries", body);
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ staffId: p.staff.jane, minutes: 48, status: "draft", amount: 12_000 });
    // Own entries on any client, even one the caller has no role on.
    expect((await p.as.jane.post("/time-entries", { ...body, clientId: p.clients.beta })).statusCode).toBe(
      201,
    );

    await refusedUnchanged(() => p.as.jane.post("/time-entries", { ...body, staffId: p.staff.al }), 403);
    const forJane = await p.as.al.post("/time-entries", { ...body, staffId: p.staff.jane });
    expect(forJane.statusCode).toBe(201);
    expect(forJane.json()).toMatchObject({ staffId: p.staff.jane });
    await refusedUnchanged(
      () => p.as.al.post("/time-entries", { ...body, staffId: p.staff.jane, clientId: p.clients.beta }),
      403,
    );
    await refusedUnchanged(() => p.as.vera.post("/time-entries", { ...body, staffId: p.staff.jane }), 403);
    await refusedUnchanged(() => p.as.connie.post("/time-entries", body), 403);

    const expense = await p.as.cara.post("/expense-entries", {
      clientId: p.clients.beta,
      workCodeId: p.workCodes.mile,
      date: "2026-06-10",
      quantity: 2_000,
    });
    expect(expense.statusCode, expense.body).toBe(201);
    expect(expense.json()).toMatchObject({
      staffId: p.staff.cara,
      quantity: 2_000,
      unitRate: 5_800,
      amount: 116,
    });
    // Cara manages BETA: she may record an expense for Jane there.
    const forJaneExpense = await p.as.cara.post("/expense-entries", {
      staffId: p.staff.jane,
      clientId: p.clients.beta,
      workCodeId: p.workCodes.mile,
      date: "2026-06-10",
    });
    expect(forJaneExpense.statusCode).toBe(201);
  });

  it("refuses unknown fields and other firms' ids on create and change, changing nothing", async () => {
    const body = { clientId: p.clients.acme, workCodeId: p.workCodes.tax, date: "2026-06-10", minutes: 48 };
    await refusedUnchanged(() => p.as.admin.post("/time-entries", { ...body, rate: 1 }), 400);
    await refusedUnchanged(() => p.as.admin.post("/time-entries", { ...body, amount: 1 }), 400);
    await refusedUnchanged(
      () => p.as.admin.post("/time-entries", { ...body, clientId: p.other.client }),
      404,
    );
    await refusedUnchanged(() => p.as.admin.post("/time-entries", { ...body, staffId: p.other.staff }), 404);
    await refusedUnchanged(
      () => p.as.admin.post("/time-entries", { ...body, workCodeId: p.other.workCode }),
      404,
    );
    await refusedUnchanged(
      () => p.as.admin.post("/time-entries", { ...body, projectId: p.other.project }),
      404,
    );
    await refusedUnchanged(
      () => p.as.admin.patch(`/time-entries/${p.other.timeEntry}`, { minutes: 30 }),
      404,
    );
    await refusedUnchanged(
      () => p.as.admin.patch(`/time-entries/${p.time.alAcme}`, { status: "approved" }),
      400,
    );
    await refusedUnchanged(
      () => p.as.admin.patch(`/time-entries/${p.time.alAcme}`, { clientId: p.other.client }),
      404,
    );
    await refusedUnchanged(() => p.as.admin.delete(`/time-entries/${p.other.timeEntry}`), 404);
    await refusedUnchanged(
      () => p.as.admin.post("/expense-entries", { ...body, workCodeId: p.workCodes.mile, minutes: 5 }),
      400,
    );
    await refusedUnchanged(() => p.as.admin.post("/time-entries", { ...body, description: "a\u0000b" }), 400);
    const expense = { clientId: p.clients.acme, workCodeId: p.workCodes.mile, date: "2026-06-10" };
    await refusedUnchanged(
      () => p.as.admin.post("/expense-entries", { ...expense, surchargeBp: 2 ** 31 }),
      400,
    );
  });

  it("changes and deletes entries by the same rules: own, assigned, or refused", async () => {
    const { janeAcme, alAcme, caraBeta, janeBeta } = p.time;
    expect((await p.as.jane.patch(`/time-entries/${janeAcme}`, { description: "mine" })).statusCode).toBe(
      200,
    );
    await refusedUnchanged(() => p.as.jane.patch(`/time-entries/${alAcme}`, { description: "x" }), 404);
    await refusedUnchanged(() => p.as.vera.patch(`/time-entries/${alAcme}`, { description: "x" }), 403);
    // Moving one's entry to a colleague is assigning them work: refused without a role.
    await refusedUnchanged(() => p.as.jane.patch(`/time-entries/${janeBeta}`, { staffId: p.staff.al }), 403);
    // Al edits on ACME, but may not move an entry to BETA, where he has no role.
    expect((await p.as.al.patch(`/time-entries/${janeAcme}`, { minutes: 72 })).json()).toMatchObject({
      minutes: 72,
      amount: 18_000,
    });
    await refusedUnchanged(
      () => p.as.al.patch(`/time-entries/${janeAcme}`, { clientId: p.clients.beta }),
      403,
    );
    await refusedUnchanged(() => p.as.al.delete(`/time-entries/${caraBeta}`), 404);
    await refusedUnchanged(() => p.as.vera.delete(`/time-entries/${caraBeta}`), 403);
    // Editor grants create, read and edit, not delete: Al may not delete Jane's entry.
    await refusedUnchanged(() => p.as.al.delete(`/time-entries/${janeAcme}`), 403);

    const scratch = await p.as.jane.post("/time-entries", {
      clientId: p.clients.beta,
      workCodeId: p.workCodes.tax,
      date: "2026-06-11",
      minutes: 15,
    });
    const id = scratch.json<{ id: string }>().id;
    expect((await p.as.jane.delete(`/time-entries/${id}`)).statusCode).toBe(204);
    expect((await p.as.jane.get(`/time-entries/${id}`)).statusCode).toBe(404);
  });

  it("lets staff submit their own entries but approve only where a role or post makes them reviewer", async () => {
    const status = (caller: Caller, ids: string[], to: string) =>
      caller.post("/time-entries/status", { ids, status: to });
    const { alAcme, caraBeta, janeAcme } = p.time;
    expect((await status(p.as.jane, [janeAcme], "submitted")).json()).toEqual({ updated: 1 });
    await refusedUnchanged(() => status(p.as.jane, [janeAcme], "approved"), 403);
    // Cara manages BETA, not ACME: ACME's entries are not hers to see; BETA's she may approve.
    await refusedUnchanged(() => status(p.as.cara, [janeAcme], "approved"), 404);
    expect((await status(p.as.cara, [caraBeta], "submitted")).statusCode).toBe(200);
    expect((await status(p.as.cara, [caraBeta], "approved")).json()).toEqual({ updated: 1 });
    // Al (Editor on ACME) approves Jane's submitted entry; un-approving is reviewing too.
    expect((await status(p.as.al, [janeAcme], "approved")).statusCode).toBe(200);
    await refusedUnchanged(() => status(p.as.jane, [janeAcme], "submitted"), 403);
    expect((await status(p.as.al, [janeAcme], "submitted")).statusCode).toBe(200);

    // All or nothing: one entry Al may not read stops the whole batch.
    expect((await status(p.as.al, [alAcme], "submitted")).statusCode).toBe(200);
    await refusedUnchanged(() => status(p.as.al, [alAcme, caraBeta], "approved"), 404);
    await refusedUnchanged(() => status(p.as.admin, [alAcme, p.other.timeEntry], "approved"), 404);
    await refusedUnchanged(
      () =>
        p.as.admin.post("/time-entries/status", {
          ids: [alAcme, caraBeta],
          status: "draft",
          comment: "Wrong client",
        }),
      409,
    );
    expect((await p.as.al.get(`/time-entries/${alAcme}`)).json()).toMatchObject({ status: "submitted" });
    await refusedUnchanged(
      () => p.as.admin.post("/time-entries/status", { ids: [alAcme], status: "x" }),
      400,
    );
    await refusedUnchanged(
      () => p.as.admin.post("/time-entries/status", { ids: [alAcme], status: "approved", why: 1 }),
      400,
    );

    expect(
      (
        await p.as.cara.post("/expense-entries/status", { ids: [p.expense.caraBeta], status: "submitted" })
      ).json(),
    ).toEqual({ updated: 1 });
    await refusedUnchanged(
      () => p.as.jane.post("/expense-entries/status", { ids: [p.expense.janeAcme], status: "approved" }),
      403,
    );
  });

  it("reprices only with the firm-wide edit right", async () => {
    const body = { from: "2026-06-01", to: "2026-06-30" };
    await refusedUnchanged(() => p.as.jane.post("/reprice", body), 403);
    await refusedUnchanged(() => p.as.al.post("/reprice", body), 403);
    await refusedUnchanged(() => p.as.vera.post("/reprice", body), 403);
    await refusedUnchanged(() => p.as.admin.post("/reprice", { ...body, clientId: p.other.client }), 404);
    await refusedUnchanged(() => p.as.admin.post("/reprice", { ...body, force: true }), 400);
    const result = await p.as.admin.post("/reprice", body);
    expect(result.statusCode, result.body).toBe(200);
    expect(result.json()).toMatchObject({ from: "2026-06-01", to: "2026-06-30", changed: 0 });
    expect(result.json<{ examined: number }>().examined).toBeGreaterThan(4);
  });
});
