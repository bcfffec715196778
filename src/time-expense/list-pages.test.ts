/**
 * Every order's pages, put together, are the whole list in that order.
 *
 * A list's total is counted once while nothing changes (count-cache.ts), on both engines, and
 * is right again on the very next request after any kind of write: through the API, through
 * the services' triggers by a statement typed by hand, and by a merge writing with the firm's
 * `applying` flag set (no journal trigger runs then, so only migration 0017's round tells).
 * Each caller's total is their own: a staff member who sees only their own entries never gets
 * the Admin's total.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { addClient } from "../firm-setup/client-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import { addStaffUser } from "../test-support/accounts.js";
import { QueryLog } from "../test-support/query-log.js";
import { newCloudFirm, signIn, useTestServer, type SignedIn } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

describe.each(ENGINES)("list pages and totals on %s", (engine) => {
  const log = new QueryLog();
  log.recording = true;
  const counts = () => log.statements.filter((statement) => /count\(\*\)/i.test(statement)).length;
  const server = useTestServer(engine, undefined, {}, { watchDb: (db) => (log.db = db.withPlugin(log)) });
  const base = "/f/totals/api/v1";
  const month = "/time-entries?from=2026-06-01&to=2026-06-30&limit=2";
  let firmId: string;
  let admin: SignedIn;
  let mia: SignedIn;
  let miaStaffId: string;
  let entry: { clientId: string; workCodeId: string; minutes: number };

  beforeAll(async () => {
    const { firm } = await newCloudFirm(server, "totals");
    firmId = firm.id;
    const scope = { firm, clock: server.deps.clock, actor: "test" };
    const { db } = server.deps.store;
    const client = await addClient(db, scope, { code: "ACME", name: "Acme" });
    const workCode = await addWorkCode(db, scope, { code: "AUD", name: "Audit", kind: "time", rate: 10_000 });
    entry = { clientId: client.id, workCodeId: workCode.id, minutes: 60 };
    miaStaffId = (await addStaffUser(server, firm, { staffNumber: "MIA", email: "mia@totals.test" })).staffId;
    admin = await signIn(server, "totals", "admin@totals.test");
    mia = await signIn(server, "totals", "mia@totals.test");
    for (const day of ["2026-06-02", "2026-06-03", "2026-06-04"]) await record(admin, { date: day });
    await record(admin, { date: "2026-06-05", staffId: miaStaffId });
  });

  async function record(who: SignedIn, fields: { date: string; staffId?: string }): Promise<string> {
    const answer = await server.app.inject({
      method: "POST",
      url: `${base}/time-entries`,
      headers: who.headers,
      payload: { ...entry, ...fields },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json<{ id: string }>().id;
  }

  /** The month's total as `who` reads it, and how many counts the server ran for it. */
  async function total(who: SignedIn, page = 0): Promise<{ total: number; counted: number }> {
    const before = counts();
    const answer = await server.app.inject({
      url: `${base}${month}&offset=${page * 2}`,
      headers: who.headers,
    });
    expect(answer.statusCode, answer.body).toBe(200);
    return { total: answer.json<{ total: number }>().total, counted: counts() - before };
  }

  it("counts a filter once while nothing changes, for every page", async () => {
    const first = await total(admin);
    expect(first.total).toBe(4);
    expect(await total(admin, 1)).toEqual({ total: 4, counted: 0 });
    expect(await total(admin, 0)).toEqual({ total: 4, counted: 0 });
  });

  it("gives each caller the total of what they may see", async () => {
    await total(admin);
    expect((await total(mia)).total).toBe(1);
    expect((await total(admin)).total).toBe(4);
  });

  it("counts again after an entry is recorded through the API", async () => {
    const before = (await total(admin)).total;
    await record(mia, { date: "2026-06-08" });
    expect(await total(admin)).toEqual({ total: before + 1, counted: 1 });
    expect((await total(mia)).total).toBe(2);
  });

  it("counts again after a statement typed by hand (the journal's triggers)", async () => {
    const before = (await total(admin)).total;
    const { db } = server.deps.store;
    const victim = await record(admin, { date: "2026-06-09" });
    expect((await total(admin)).total).toBe(before + 1);
    await sql`DELETE FROM time_entry WHERE firm_id = ${firmId} AND id = ${victim}`.execute(db);
    expect((await total(admin)).total).toBe(before);
  });

  it("counts again after a merge wrote with the applying flag set (no journal trigger ran)", async () => {
    const victim = await record(admin, { date: "2026-06-10" });
    const before = (await total(admin)).total;
    const { db } = server.deps.store;
    const lastSeq = async () =>
      Number(
        (
          await db
            .selectFrom("sync_state")
            .select("last_seq")
            .where("firm_id", "=", firmId)
            .executeTakeFirstOrThrow()
        ).last_seq,
      );
    const seqBefore = await lastSeq();
    // As a desktop rebuilding a record after a refused change: the row goes, no change is journaled.
    await db.transaction().execute(async (tx) => {
      await tx.updateTable("sync_state").set({ applying: 1 }).where("firm_id", "=", firmId).execute();
      await sql`DELETE FROM time_entry WHERE firm_id = ${firmId} AND id = ${victim}`.execute(tx);
      await tx.updateTable("sync_state").set({ applying: 0 }).where("firm_id", "=", firmId).execute();
    });
    expect(await lastSeq(), "the write took no sequence number").toBe(seqBefore);
    expect(await total(admin)).toEqual({ total: before - 1, counted: 1 });
  });

  it("puts every order's pages together into the whole list in that order", async () => {
    for (const [i, day] of ["2026-06-11", "2026-06-11", "2026-06-12", "2026-06-02"].entries())
      await record(i % 2 ? admin : mia, { date: day });
    for (const sort of ["date", "-date", "amount", "-amount", "created", "-created", "staff", "-staff"]) {
      const url = `${base}/time-entries?from=2026-06-01&to=2026-06-30&sort=${sort}`;
      const whole = await server.app.inject({ url: `${url}&limit=500`, headers: admin.headers });
      const ids = whole.json<{ items: { id: string }[] }>().items.map((e) => e.id);
      expect(ids.length).toBeGreaterThan(6);
      const paged: string[] = [];
      for (let offset = 0; offset < ids.length; offset += 3) {
        const page = await server.app.inject({
          url: `${url}&limit=3&offset=${offset}`,
          headers: admin.headers,
        });
        paged.push(...page.json<{ items: { id: string }[] }>().items.map((e) => e.id));
      }
      expect(paged, sort).toEqual(ids);
    }
  });
});
