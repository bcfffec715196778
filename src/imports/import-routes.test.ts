import { describe, expect, it } from "vitest";
import { insertAssignment, insertRole } from "../access/access-store.js";
import { insertUser } from "../access/account-store.js";
import { hashPassword } from "../access/passwords.js";
import { getWorkCode } from "../firm-setup/work-code-service.js";
import { callerOf, idsOf, usePractice, type Caller } from "../test-support/practice-server.js";
import { snapshotStore } from "../test-support/seed.js";
import { PASSWORD, signIn, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

const lines = (...rows: string[]) => rows.join("\n") + "\n";

describe.each(ENGINES)("import routes on %s", (engine) => {
  const server = useTestServer(engine);
  const p = usePractice(server, "imports");

  async function refusedUnchanged(request: () => ReturnType<Caller["get"]>, status: number) {
    const before = await snapshotStore(server.deps.store.db);
    const response = await request();
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(await snapshotStore(server.deps.store.db)).toEqual(before);
    return response;
  }

  /** A user whose only right is creating clients, firm-wide (not contacts). */
  async function clientCreator(): Promise<Caller> {
    const { db } = server.deps.store;
    const now = server.deps.clock.now().toISOString();
    const roleId = await insertRole(db, p.firm.id, "Client creator", { entities: "CR" }, now);
    const userId = await insertUser(
      db,
      {
        firmId: p.firm.id,
        email: "creator@imports.test",
        status: "active",
        staffId: null,
        contactId: null,
        passwordHash: await hashPassword(PASSWORD),
      },
      now,
    );
    await insertAssignment(db, p.firm.id, {
      roleId,
      principalKind: "user",
      principalId: userId,
      scope: "system",
      entityId: null,
      itemId: null,
      createdAt: now,
    });
    return callerOf(server, "imports", (await signIn(server, "imports", "creator@imports.test")).headers);
  }

  const workCodes = lines("Code,Type,Name,Rate", "AUD,B,Audit,150.00", "ADM,NB,Administration,");

  it("imports through HTTP with the CLI's summary; a dry run writes nothing", async () => {
    const before = await snapshotStore(server.deps.store.db);
    const dry = await p.as.admin.post("/imports/workcodes", { text: workCodes, dryRun: true });
    expect(dry.json()).toMatchObject({ kind: "workcodes", dryRun: true, rows: 2, created: 2, problems: [] });
    expect(await snapshotStore(server.deps.store.db)).toEqual(before);
    const done = await p.as.admin.post("/imports/workcodes", { text: workCodes });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ dryRun: false, rows: 2, created: 2, skipped: [] });
    expect(await getWorkCode(server.deps.store.db, p.scope, "AUD")).toMatchObject({ name: "Audit" });
  });

  it("imports time with the totals, and the entries appear in the lists", async () => {
    const text = lines(
      "Staff,Client,Work Code,Date,Duration",
      "JD,ACME,TAX,2026-06-05,1:30",
      "AB,BETA,TAX,2026-06-05,0:30",
    );
    const result = await p.as.ed.post("/imports/time", { text });
    expect(result.statusCode, result.body).toBe(200);
    expect(result.json()).toMatchObject({ created: 2, totals: { minutes: 120, amount: 30_000 } });
    const janes = await p.as.jane.get("/time-entries?from=2026-06-05&to=2026-06-05");
    expect(idsOf(janes)).toHaveLength(1);
  });

  it("reports every bad row with 422 and imports nothing, unless skipBad", async () => {
    const bad = lines("Code,Type,Name", "NEW1,B,New one", "AUD,B,Again", "NEW2,X,Bad type");
    const refused = await refusedUnchanged(() => p.as.admin.post("/imports/workcodes", { text: bad }), 422);
    expect(refused.json()).toMatchObject({
      code: "IMPORT_INVALID",
      rows: 3,
      problems: [
        { line: 3, reason: "work code AUD already exists" },
        { line: 4, reason: 'billable "X" must be B or NB' },
      ],
    });
    const skipped = await p.as.admin.post("/imports/workcodes", { text: bad, skipBad: true });
    expect(skipped.json()).toMatchObject({ created: 1, skipped: [{ line: 3 }, { line: 4 }] });
  });

  it("needs the kind's create right at system scope", async () => {
    const time = lines("Staff,Client,Work Code,Date,Duration", "JD,ACME,TAX,2026-06-06,1:00");
    await refusedUnchanged(() => p.as.jane.post("/imports/time", { text: time }), 403);
    await refusedUnchanged(() => p.as.al.post("/imports/time", { text: time }), 403);
    await refusedUnchanged(() => p.as.vera.post("/imports/expenses", { text: time }), 403);
    await refusedUnchanged(() => p.as.ed.post("/imports/workcodes", { text: workCodes }), 403);
    await refusedUnchanged(
      () => p.as.ed.post("/imports/staff", { text: "Number,First Name,Last Name\nZZ,Z,Z\n" }),
      403,
    );
    await refusedUnchanged(
      () => p.as.connie.post("/imports/contacts", { text: "First Name,Last Name\nA,B\n" }),
      403,
    );
    const clients = await p.as.ed.post("/imports/clients", { text: lines("Code,Name", "GAMMA,Gamma Ltd") });
    expect(clients.statusCode, clients.body).toBe(200);
  });

  it("creates contact companies from client rows only for a caller who may create contacts", async () => {
    const creator = await clientCreator();
    await refusedUnchanged(
      () =>
        creator.post("/imports/clients", { text: lines("Code,Name,Contact Company", "DELTA,Delta,NewCo") }),
      403,
    );
    const plain = await creator.post("/imports/clients", { text: lines("Code,Name", "DELTA,Delta") });
    expect(plain.json()).toMatchObject({ created: 1, contactCompaniesCreated: [] });
  });

  it("refuses unknown body fields, a missing text and an oversize body", async () => {
    await refusedUnchanged(
      () => p.as.admin.post("/imports/workcodes", { text: workCodes, force: true }),
      400,
    );
    await refusedUnchanged(() => p.as.admin.post("/imports/workcodes", { dryRun: true }), 400);
    await refusedUnchanged(() => p.as.admin.post("/imports/planets", { text: workCodes }), 404);
    const huge = "Code,Type,Name\n" + "X,B,".padEnd(2_000_000, "y");
    await refusedUnchanged(() => p.as.admin.post("/imports/workcodes", { text: huge }), 413);
  });
});
