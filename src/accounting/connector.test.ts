/**
 * The connector end to end on a small firm, on both engines, against the QBO-compatible server
 * through the real clients: phase 1 links a same-name customer that differs in case and spacing
 * and reports (never creates) a client whose name a vendor has; phase 3 posts each ready entry
 * once, lists the waiting one with its missing counterpart and skips the negative one; a second
 * run posts nothing; a requester who lost the right is refused when the run starts; a refused
 * grant puts the firm in "reconnect"; exports write an IIF file and a journal once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ensureBuiltInRoles,
  findRoleByName,
  insertAssignment,
  deleteAssignment,
} from "../access/access-store.js";
import { insertUser } from "../access/account-store.js";
import { addClient } from "../firm-setup/client-service.js";
import { addProject } from "../firm-setup/project-service.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import { folderFileStore } from "../files/folder-file-store.js";
import { selectOutbox } from "../mail/outbox-store.js";
import { startQboServer, type QboServer } from "../test-support/qbo-server.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { setEntryStatus } from "../time-expense/status-service.js";
import { addExpenseEntry } from "../time-expense/expense-entry-service.js";
import { addTimeEntry } from "../time-expense/time-entry-service.js";
import { findTimeEntry } from "../time-expense/entry-store.js";
import { editSettings, requestRun } from "./accounting-service.js";
import {
  beginConnect,
  completeConnect,
  findConnection,
  findRun,
  selectRunItems,
  setExpenseAccount,
  setWorkerKind,
} from "./accounting-store.js";
import { createConnector } from "./connector.js";
import { exportRunner } from "./export/run-export.js";
import { parseIif, iifText, iifTimeActivities } from "./iif/iif.js";
import { qboTargetOpener } from "./qbo/open-qbo-target.js";
import { TokenSeal } from "./qbo/token-seal.js";
import { tempDir } from "../test-support/temp-dir.js";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe.each(ENGINES)("firmtime connector [%s]", (engine) => {
  const t = useTestFirm(engine);
  let qbo: QboServer;
  let userId: string;
  let assignmentId: string;
  const ids = {} as Record<string, string>;
  const files = folderFileStore(tempDir("connector-files"));

  const connector = () =>
    createConnector({
      store: t.store,
      clock: t.scope.clock,
      logger: quiet,
      openTarget: qboTargetOpener(
        {
          qboClientId: qbo.clientId,
          qboClientSecret: qbo.clientSecret,
          qboApiUrl: qbo.apiUrl,
          qboTokenUrl: qbo.tokenUrl,
          qboAuthorizeUrl: qbo.authorizeUrl,
        },
        { retryBaseMs: 5 },
      ),
      runExport: exportRunner(files),
      publicUrl: "http://127.0.0.1:9",
      leaseMs: 5_000,
      retryMs: 1,
    });

  /** Asks for a run as the Admin and lets one connector round perform it. */
  const perform = async (kind: "transfer" | "readiness" | "export", format?: "iif" | "hledger") => {
    const { run } = await requestRun(t.store.db, t.scope.clock, t.scope.firm.id, userId, { kind, format });
    await connector().runDue();
    return (await findRun(t.store.db, t.scope.firm.id, run.id))!;
  };
  const items = (runId: string) => selectRunItems(t.store.db, t.scope.firm.id, runId, { limit: 1000 });

  beforeAll(async () => {
    const { db } = t.store;
    const scope = t.scope;
    const firmId = scope.firm.id;
    const now = scope.clock.now().toISOString();
    // QuickBooks Online keeps rates to two decimals: one entry's rate of four comes back rounded.
    qbo = await startQboServer({ realmId: `realm-${engine}`, rateDecimals: 2 });
    await ensureBuiltInRoles(db, firmId, now);
    const admin = await addStaff(db, scope, {
      staffNumber: "ADM",
      firstName: "Ada",
      lastName: "Admin",
      email: "ada@firm.test",
    });
    userId = await insertUser(
      db,
      {
        firmId,
        email: "ada@firm.test",
        status: "active",
        staffId: admin.id,
        contactId: null,
        passwordHash: null,
      },
      now,
    );
    const role = (await findRoleByName(db, firmId, "Admin"))!;
    assignmentId = await insertAssignment(db, firmId, {
      roleId: role.id,
      principalKind: "user",
      principalId: userId,
      scope: "system",
      entityId: null,
      itemId: null,
      createdAt: t.scope.clock.now().toISOString(),
    });
    const mia = await addStaff(db, scope, { staffNumber: "MIA", firstName: "Mia", lastName: "Chen" });
    const contractor = await addStaff(db, scope, {
      staffNumber: "CON",
      firstName: "Carl",
      lastName: "Contract",
    });
    await setWorkerKind(db, firmId, contractor.id, "vendor");
    const acme = await addClient(db, scope, { code: "ACME", name: "Acme  Ltd" });
    const initech = await addClient(db, scope, { code: "INIT", name: "Initech" });
    const audit = await addProject(db, scope, { client: acme.id, code: "AUD", name: "Audit 2026" });
    const tax = await addWorkCode(db, scope, {
      code: "TAX",
      kind: "time",
      name: "Tax return",
      rate: 1_500_000,
    });
    const review = await addWorkCode(db, scope, {
      code: "REV",
      kind: "time",
      name: "Review",
      rate: 1_337_525,
    });
    const travel = await addWorkCode(db, scope, {
      code: "TRV",
      kind: "expense",
      name: "Travel",
      rate: 5_000,
    });
    // The books already hold the customer as "ACME LTD" and a vendor named Initech.
    qbo.seed("Customer", { DisplayName: "ACME LTD" });
    qbo.seed("Vendor", { DisplayName: "Initech" });
    await setExpenseAccount(
      db,
      firmId,
      travel.id,
      qbo.records("Account").find((a) => a.Name === "Travel")!.Id,
    );
    const add = (staff: string, client: string, minutes: number, project: string | null = null) =>
      addTimeEntry(db, scope, {
        staff,
        client,
        project,
        workCode: tax.id,
        date: "2026-06-01",
        minutes,
        description: "work",
      });
    const entries = [
      await add(mia.id, acme.id, 90),
      await add(mia.id, acme.id, 30, audit.id),
      await add(contractor.id, acme.id, 120),
      await add(mia.id, initech.id, 60), // Initech cannot be created: it waits
      await add(mia.id, acme.id, -30), // an adjustment: skipped
      await addTimeEntry(db, scope, {
        staff: mia.id,
        client: acme.id,
        project: null,
        workCode: review.id,
        date: "2026-06-03",
        minutes: 60,
        description: "review at 133.7525 an hour",
      }),
    ];
    ids.ready = entries[0]!.id;
    ids.onJob = entries[1]!.id;
    ids.waiting = entries[3]!.id;
    ids.negative = entries[4]!.id;
    const expense = await addExpenseEntry(db, scope, {
      staff: mia.id,
      client: acme.id,
      workCode: travel.id,
      date: "2026-06-02",
      quantity: 42_000,
    });
    for (const entry of entries) await setEntryStatus(db, scope, "time", [entry.id], "submitted");
    await setEntryStatus(
      db,
      scope,
      "time",
      entries.map((entry) => entry.id),
      "approved",
    );
    await setEntryStatus(db, scope, "expense", [expense.id], "submitted");
    await setEntryStatus(db, scope, "expense", [expense.id], "approved");
    const issued = qbo.issueTokens();
    await beginConnect(db, firmId, "state", now, now);
    await completeConnect(
      db,
      firmId,
      qbo.realmId,
      {
        accessToken: issued.accessToken,
        accessExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        refreshToken: issued.refreshToken,
        refreshExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
      userId,
      now,
    );
    await editSettings(db, scope.clock, firmId, userId, { schedule: "off" });
  });
  afterAll(async () => {
    await qbo?.close();
  });

  it("links by name, reports a duplicate name, posts ready entries once and says what waits", async () => {
    const run = await perform("transfer");
    expect(run).toMatchObject({ status: "done", error: null });
    const found = await items(run.id);
    const byOutcome = (phase: string, outcome: string) =>
      found.filter((item) => item.phase === phase && item.outcome === outcome);
    expect(byOutcome("lists", "linked").map((item) => item.name)).toEqual(["Acme Ltd"]);
    const duplicates = byOutcome("lists", "duplicate");
    expect(duplicates.map((item) => item.name)).toEqual(["Initech"]);
    expect(duplicates[0]!.message).toContain('vendor "Initech"');
    expect(
      qbo
        .records("Customer")
        .map((c) => c.FullyQualifiedName)
        .sort(),
    ).toEqual(["ACME LTD", "ACME LTD:Audit 2026"]);
    expect(
      qbo
        .records("Vendor")
        .map((v) => v.DisplayName)
        .sort(),
    ).toEqual(["Carl Contract", "Initech"]);
    expect(byOutcome("time", "posted")).toHaveLength(3);
    expect(byOutcome("expense", "posted")).toHaveLength(1);
    expect(byOutcome("expense", "posted")[0]!.name).toBe("Expense of 2026-06-02, Mia Chen for Acme  Ltd");
    // Posted, but stored at another rate: listed on its own, for someone to correct in the books.
    expect(byOutcome("time", "posted_differs")).toEqual([
      expect.objectContaining({
        name: "Time entry of 2026-06-03, Mia Chen for Acme  Ltd",
        message:
          "posted, but QuickBooks Online stored the rate 133.75, not 133.7525: correct it in the books",
      }),
    ]);
    const waiting = byOutcome("time", "waiting");
    expect(waiting.map((item) => item.localId)).toEqual([ids.waiting]);
    expect(waiting[0]!.name).toBe("Time entry of 2026-06-01, Mia Chen for Initech");
    expect(waiting[0]!.message).toContain("no customer in the books");
    expect(byOutcome("time", "skipped")).toEqual([expect.objectContaining({ localId: ids.negative })]);
    expect(qbo.records("TimeActivity")).toHaveLength(4);
    expect(qbo.records("Purchase")).toHaveLength(1);
    const onJob = qbo
      .records("TimeActivity")
      .find((activity) => activity.Hours === 0 && activity.Minutes === 30);
    const job = qbo.records("Customer").find((customer) => customer.Job === true)!;
    expect(onJob).toMatchObject({ CustomerRef: { value: job.Id } });
    expect((await findTimeEntry(t.store.db, t.scope.firm.id, ids.ready!))!.status).toBe("transferred");
    expect((await findTimeEntry(t.store.db, t.scope.firm.id, ids.waiting!))!.status).toBe("approved");
    // The person who asked is told.
    expect(
      (await selectOutbox(t.store.db)).some((mail) => mail.subject === "Transfer to the books finished"),
    ).toBe(true);
  });

  it("posts nothing the second time", async () => {
    const run = await perform("transfer");
    expect(run.status).toBe("done");
    expect(run.summary?.["time.posted"]).toBeUndefined();
    expect(qbo.records("TimeActivity")).toHaveLength(4);
  });

  it("writes an IIF file and a journal once each", async () => {
    const iif = await perform("export", "iif");
    expect(iif).toMatchObject({ status: "done" });
    const text = iifText(new Uint8Array(await new Response(await files.open(iif.file!.key)).arrayBuffer()));
    // The three entries still approved (waiting, skipped ones) are the IIF's: transferred ones are not.
    expect(
      iifTimeActivities(parseIif(text))
        .map((row) => row.minutes)
        .sort(),
    ).toEqual([60]);
    const again = await perform("export", "iif");
    expect(again.summary?.["time.exported"]).toBeUndefined();
    const journal = await perform("export", "hledger");
    expect(journal.file?.name).toMatch(/\.journal$/);
  });

  it("refuses the run of someone whose right was taken away after asking", async () => {
    const { run } = await requestRun(t.store.db, t.scope.clock, t.scope.firm.id, userId, {
      kind: "readiness",
    });
    await deleteAssignment(t.store.db, t.scope.firm.id, assignmentId);
    await connector().runDue();
    expect(await findRun(t.store.db, t.scope.firm.id, run.id)).toMatchObject({
      status: "refused",
      error: "the person who asked may no longer transfer to the books",
    });
    const role = (await findRoleByName(t.store.db, t.scope.firm.id, "Admin"))!;
    assignmentId = await insertAssignment(t.store.db, t.scope.firm.id, {
      roleId: role.id,
      principalKind: "user",
      principalId: userId,
      scope: "system",
      entityId: null,
      itemId: null,
      createdAt: t.scope.clock.now().toISOString(),
    });
  });

  it("starts the nightly transfer from the night after connecting, then once a night", async () => {
    const { db } = t.store;
    const firmId = t.scope.firm.id;
    const scheduled = async () =>
      (
        await db
          .selectFrom("accounting_run")
          .select("id")
          .where("firm_id", "=", firmId)
          .where("scheduled", "=", 1)
          .execute()
      ).length;
    await editSettings(db, t.scope.clock, firmId, userId, { schedule: "nightly", scheduleHour: 0 });
    await connector().runDue(); // connected today after 00:00: nothing yet
    expect(await scheduled()).toBe(0);
    const connection = (await findConnection(db, firmId))!;
    await completeConnect(db, firmId, qbo.realmId, connection.tokens!, userId, "2026-06-14T09:00:00.000Z");
    await connector().runDue();
    await connector().runDue();
    expect(await scheduled()).toBe(1);
    await editSettings(db, t.scope.clock, firmId, userId, { schedule: "off" });
  });

  it("asks for a new connection when the stored tokens do not open (the app secret changed)", async () => {
    const { db } = t.store;
    const firmId = t.scope.firm.id;
    const connection = (await findConnection(db, firmId))!;
    // Sealed under another app secret, as after FIRMTIME_QBO_CLIENT_SECRET was changed.
    const foreign = new TokenSeal("the previous app secret").sealTokens(firmId, {
      ...connection.tokens!,
      accessToken: "at-old",
      refreshToken: "rt-old",
    });
    await completeConnect(db, firmId, qbo.realmId, foreign, userId, t.scope.clock.now().toISOString());
    const asked = qbo.log.length;
    const run = await perform("readiness");
    expect(run).toMatchObject({ status: "failed" });
    expect(run.error).toMatch(/connect again/);
    expect(qbo.log).toHaveLength(asked);
    expect((await findConnection(db, firmId))?.state).toBe("reconnect");
    // Connected again, as an Admin would: the tokens work (the next test refuses them for its own reason).
    const issued = qbo.issueTokens();
    const seal = new TokenSeal(qbo.clientSecret);
    await completeConnect(
      db,
      firmId,
      qbo.realmId,
      seal.sealTokens(firmId, {
        accessToken: issued.accessToken,
        accessExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        refreshToken: issued.refreshToken,
        refreshExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
      userId,
      t.scope.clock.now().toISOString(),
    );
    expect(await perform("readiness")).toMatchObject({ status: "done" });
  });

  it("puts the firm in reconnect when QuickBooks refuses the grant, and tells its Admins", async () => {
    qbo.expireAccessTokens();
    qbo.inject({ kind: "invalid-grant" });
    const run = await perform("readiness");
    expect(run).toMatchObject({ status: "failed" });
    expect((await findConnection(t.store.db, t.scope.firm.id))?.state).toBe("reconnect");
    expect(
      (await selectOutbox(t.store.db)).some(
        (mail) => mail.subject === "QuickBooks Online needs to be connected again",
      ),
    ).toBe(true);
  });
});
