/**
 * A firm's Admin pushing changes that name another firm's records (merge.md: every reference a
 * pushed change holds names a record of the same firm). Over real HTTP, for every synced table
 * and every reference column, in random batches (fast-check): a reference to another firm's
 * record, a delete of another firm's id, and a new record reusing another firm's id are each
 * refused with a stable code, never a 5xx, and leave both firms' records and journals as they
 * were. The other firm then deletes everything it has without a foreign-key error.
 */
import fc from "fast-check";
import { sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { beforeAll, describe, expect, it } from "vitest";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import { SCHEMA_VERSION } from "../store/migrate.js";
import { seedEveryRecord } from "../test-support/every-record.js";
import { newCloudFirm, signIn, useTestServer, type SignedIn } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import { formatHlc } from "./hlc.js";
import type { PushAnswer, WireChange } from "./sync-protocol.js";
import { rowIdOf, SYNCED_TABLES, type SyncedTable } from "./synced-tables.js";

type Row = Record<string, string | number | null>;

type Attack =
  | { kind: "refer"; table: SyncedTable; column: string }
  | { kind: "edit"; table: SyncedTable; column: string }
  | { kind: "delete"; table: SyncedTable }
  | { kind: "reuse"; table: SyncedTable };

const EXPECTED_CODE = {
  refer: "REFERENCE",
  edit: "REFERENCE",
  delete: "NOT_FOUND",
  reuse: "ID_TAKEN",
} as const;

const withRefs = SYNCED_TABLES.filter((t) => Object.keys(t.references ?? {}).length > 0);
const ATTACKS: Attack[] = [
  ...withRefs.flatMap((table) =>
    Object.keys(table.references!).map((column) => ({ kind: "refer" as const, table, column })),
  ),
  ...withRefs
    .filter((t) => t.idColumns.length === 1)
    .flatMap((table) =>
      Object.keys(table.references!).map((column) => ({ kind: "edit" as const, table, column })),
    ),
  ...SYNCED_TABLES.filter((t) => t.idColumns.length > 0).map((table) => ({ kind: "delete" as const, table })),
  ...SYNCED_TABLES.filter((t) => t.idColumns.length === 1).map((table) => ({
    kind: "reuse" as const,
    table,
  })),
];

/** Every record and journal row of every firm, minus the logs a refusal writes. */
async function snapshot(db: Db) {
  const tables: Record<string, unknown[]> = {};
  for (const table of [
    ...SYNCED_TABLES.map((t) => t.name),
    "sync_change",
    "user_account",
    "role_assignment",
  ]) {
    const rows = await sql<Row>`SELECT * FROM ${sql.table(table)}`.execute(db);
    tables[table] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return tables;
}

describe.each(ENGINES)("pushes naming another firm's records, on %s", (engine) => {
  const server = useTestServer(engine);
  let alpha: FirmScope;
  let beta: FirmScope;
  let admin: SignedIn;
  let betaMembers: number;
  const first = async (firmId: string, table: SyncedTable): Promise<Row> => {
    const rows = await sql<Row>`SELECT * FROM ${sql.table(table.name)} WHERE firm_id = ${firmId}
      ORDER BY ${sql.ref(table.idColumns[0] ?? "firm_id")}`.execute(server.deps.store.db);
    expect(rows.rows.length, `a ${table.name} record`).toBeGreaterThan(0);
    return rows.rows[0]!;
  };
  const fieldsOf = (table: SyncedTable, row: Row): Row =>
    Object.fromEntries(Object.keys(table.fields).map((field) => [field, row[field] ?? null]));

  beforeAll(async () => {
    const { db } = server.deps.store;
    const clock = server.deps.clock;
    for (const slug of ["alpha", "beta"]) {
      const { firm } = await newCloudFirm(server, slug);
      const scope = { firm, clock, actor: "test" };
      await seedEveryRecord(db, scope, slug.toUpperCase().slice(0, 2));
      if (slug === "alpha") alpha = scope;
      else beta = scope;
    }
    admin = await signIn(server, "alpha", "admin@alpha.test");
    betaMembers = await members(beta.firm.id);
  });

  const members = async (firmId: string) => {
    const { db } = server.deps.store;
    let n = 0;
    for (const table of ["staff_group_member", "contact_group_member", "contact_client"]) {
      const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}
        WHERE firm_id = ${firmId}`.execute(db);
      n += Number(rows.rows[0]!.n);
    }
    return n;
  };

  let counter = 0;
  const hlc = () => formatHlc({ millis: Date.now(), counter: counter++ % 60_000, replica: "intruder" });

  /** The change an attack pushes, built from alpha's and beta's real records. */
  async function changeOf(attack: Attack): Promise<WireChange> {
    const { table } = attack;
    const base = { hlc: hlc(), tbl: table.name, seen: null } as const;
    const theirs = await first(beta.firm.id, table);
    if (attack.kind === "delete") return { ...base, rowId: rowIdOf(table, theirs), op: "delete", data: {} };
    const ours = fieldsOf(table, await first(alpha.firm.id, table));
    if (attack.kind === "edit") {
      const parent = SYNCED_TABLES.find((t) => t.name === table.references![attack.column])!;
      const foreign = await first(beta.firm.id, parent);
      return { ...base, rowId: rowIdOf(table, ours), op: "put", data: { [attack.column]: foreign.id! } };
    }
    const data: Row = { ...ours };
    if (attack.kind === "refer") {
      const parent = SYNCED_TABLES.find((t) => t.name === table.references![attack.column])!;
      data[attack.column] = (await first(beta.firm.id, parent)).id!;
      if (table.idColumns.length === 1) data.id = uuidv7();
    } else {
      data.id = theirs.id!;
    }
    return { ...base, rowId: rowIdOf(table, data), op: "put", data };
  }

  it("refuses each with a stable code and changes nothing of either firm", async () => {
    const { db } = server.deps.store;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...ATTACKS), { minLength: 1, maxLength: 4 }),
        async (attacks) => {
          const changes = [];
          for (const attack of attacks) changes.push(await changeOf(attack));
          const before = await snapshot(db);
          const response = await server.app.inject({
            method: "POST",
            url: "/f/alpha/api/v1/sync/push",
            headers: admin.headers,
            payload: { schema: SCHEMA_VERSION, replica: "intruder", batchId: uuidv7(), changes },
          });
          expect(response.statusCode, response.body).toBe(200);
          const answer = response.json<PushAnswer>();
          expect(
            answer.results.map((r) => `${r.tbl} ${r.status} ${r.code}`),
            JSON.stringify(answer.results.map((r) => r.message)),
          ).toEqual(attacks.map((a) => `${a.table.name} refused ${EXPECTED_CODE[a.kind]}`));
          // Nothing says which firm holds an id.
          for (const result of answer.results) expect(result.message).not.toMatch(/beta|Firm BE/i);
          expect(await snapshot(db)).toEqual(before);
        },
      ),
      { numRuns: 40 },
    );
    expect(await members(beta.firm.id)).toBe(betaMembers);
  });

  it("takes an uploaded assignment whose id another firm uses under a new id, telling nothing", async () => {
    const { db } = server.deps.store;
    const theirs = await sql<Row>`SELECT * FROM role_assignment WHERE firm_id = ${beta.firm.id}`.execute(db);
    const group = await first(
      alpha.firm.id,
      SYNCED_TABLES.find((t) => t.name === "staff_group")!,
    );
    const fileId = "0123456789abcdef0123456789abcdef";
    const bound = await server.app.inject({
      method: "POST",
      url: "/f/alpha/api/v1/sync/bind",
      headers: admin.headers,
      payload: { fileId },
    });
    expect(bound.statusCode, bound.body).toBe(200);
    const upload = (id: string) =>
      server.app.inject({
        method: "POST",
        url: "/f/alpha/api/v1/sync/permissions",
        headers: admin.headers,
        payload: {
          fileId,
          roles: [],
          assignments: [
            {
              id,
              role: "Viewer",
              principal: { kind: "staff_group", id: group.id },
              scope: "system",
              entityId: null,
              itemId: null,
              createdAt: "2026-06-01T09:00:00.000Z",
            },
          ],
        },
      });
    const response = await upload(String(theirs.rows[0]!.id));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ assignments: { created: 1, already: 0 }, refused: [] });
    const again = await upload(String(theirs.rows[0]!.id));
    expect(again.json()).toMatchObject({ assignments: { created: 0, already: 1 }, refused: [] });
    const after = await sql<Row>`SELECT * FROM role_assignment WHERE firm_id = ${beta.firm.id}`.execute(db);
    expect(after.rows).toEqual(theirs.rows);
    const ours = await sql<Row>`SELECT id FROM role_assignment WHERE firm_id = ${alpha.firm.id}
      AND principal_id = ${group.id}`.execute(db);
    expect(ours.rows).toHaveLength(1);
    expect(ours.rows[0]!.id).not.toBe(theirs.rows[0]!.id);
  });

  it("leaves the other firm free to delete every record it has", async () => {
    const { db } = server.deps.store;
    const alphaBefore = await snapshot(db);
    const order = [
      "time_entry",
      "expense_entry",
      "rate",
      "contact_client",
      "contact_group_member",
      "staff_group_member",
      "project",
      "session",
      "api_token",
      "one_time_link",
      "role_assignment",
      "user_account",
      "contact",
      "client",
      "contact_company",
      "staff_group",
      "contact_group",
      "work_code",
      "staff",
    ];
    for (const table of order) {
      await sql`DELETE FROM ${sql.table(table)} WHERE firm_id = ${beta.firm.id}`.execute(db);
    }
    // Alpha's records are all still there, and the journal holds beta's deletes only.
    const after = await snapshot(db);
    for (const table of order.filter((t) => t in alphaBefore)) {
      const alphaRows = (rows: unknown[]) => rows.filter((r) => String(r).includes(alpha.firm.id));
      expect(alphaRows(after[table]!)).toEqual(alphaRows(alphaBefore[table]!));
    }
  });

  it("numbers each firm's changes on its own: another firm's writes never move its head", async () => {
    const state = async () =>
      (
        await server.app.inject({
          method: "GET",
          url: "/f/alpha/api/v1/sync/state",
          headers: admin.headers,
        })
      ).json<{ head: number }>().head;
    const head = await state();
    const { db } = server.deps.store;
    const journaled = await sql<{ n: number }>`SELECT count(*) AS n FROM sync_change
      WHERE firm_id = ${alpha.firm.id}`.execute(db);
    expect(head).toBe(Number(journaled.rows[0]!.n));
    await sql`UPDATE client SET name = 'Beta renamed' WHERE firm_id = ${beta.firm.id}`.execute(db);
    await sql`INSERT INTO staff_group (id, firm_id, name, created_at, updated_at)
      VALUES (${uuidv7()}, ${beta.firm.id}, 'Another beta team', '2026-06-15T12:00:00Z', '2026-06-15T12:00:00Z')`.execute(
      db,
    );
    expect(await state()).toBe(head);
  });
});
