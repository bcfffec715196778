import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestStore } from "../test-support/stores.js";
import { withStatementCache, type Engine, type Store } from "./database.js";
import { insertMany, rowCounts, VALUES_PER_STATEMENT } from "./multi-row.js";

describe.each<Engine>(["sqlite", "postgres"])("insertMany [%s]", (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(engine);
    await sql`CREATE TABLE probe (id TEXT PRIMARY KEY, "quoted ""name""" TEXT, n INTEGER, note TEXT)`.execute(
      store.db,
    );
  });
  afterAll(() => store.close());

  const columns = ["id", 'quoted "name"', "n", "note"];
  const rows = (from: number, count: number, note: string) =>
    Array.from({ length: count }, (_, i) => ({
      id: `r${from + i}`,
      'quoted "name"': `name ${from + i}`,
      n: from + i,
      note,
    }));
  const stored = async () =>
    (
      await sql<{ id: string; n: number; note: string | null; name: string }>`
      SELECT id, "quoted ""name""" AS name, n, note FROM probe ORDER BY n`.execute(store.db)
    ).rows;

  it("inserts every row with its values, more rows than one statement takes, undefined as NULL", async () => {
    const many = 2 * (VALUES_PER_STATEMENT / columns.length) + 87;
    const given = rows(0, many, "first");
    given[3]!.note = undefined as unknown as string;
    await insertMany(store.db, { table: "probe", columns }, given, (row, c) => row[c as keyof typeof row]);
    const found = await stored();
    expect(found).toHaveLength(many);
    expect(found[0]).toEqual({ id: "r0", name: "name 0", n: 0, note: "first" });
    expect(found[3]!.note).toBeNull();
    expect(found[many - 1]).toEqual({
      id: `r${many - 1}`,
      name: `name ${many - 1}`,
      n: many - 1,
      note: "first",
    });
    // The same shape again (its text is kept), then other row counts.
    await insertMany(
      store.db,
      { table: "probe", columns },
      rows(100_000, many, "again"),
      (row, c) => row[c as keyof typeof row],
    );
    await insertMany(
      store.db,
      { table: "probe", columns },
      rows(200_000, 3, "three"),
      (row, c) => row[c as keyof typeof row],
    );
    expect(await stored()).toHaveLength(2 * many + 3);
  });

  it("upserts: sets only the columns asked, on rows that exist, and inserts the others", async () => {
    await insertMany(
      store.db,
      { table: "probe", columns, upsert: { key: "id", set: ["note"] } },
      [
        { id: "r1", 'quoted "name"': "changed", n: 1, note: "upserted" },
        { id: "new", 'quoted "name"': "new one", n: -1, note: "inserted" },
      ],
      (row, c) => row[c as keyof typeof row],
    );
    const found = await stored();
    expect(found.find((row) => row.id === "r1")).toEqual({
      id: "r1",
      name: "name 1",
      n: 1,
      note: "upserted",
    });
    expect(found.find((row) => row.id === "new")).toEqual({
      id: "new",
      name: "new one",
      n: -1,
      note: "inserted",
    });
  });

  it("inserts nothing for no rows, and a failing statement changes nothing in its transaction", async () => {
    const before = (await stored()).length;
    await insertMany(store.db, { table: "probe", columns }, [], () => null);
    await expect(
      store.db.transaction().execute(async (tx) => {
        await insertMany(
          tx,
          { table: "probe", columns },
          rows(300_000, 5, "x"),
          (row, c) => row[c as keyof typeof row],
        );
        // r0 exists: the primary key refuses it.
        await insertMany(
          tx,
          { table: "probe", columns },
          rows(0, 1, "dup"),
          (row, c) => row[c as keyof typeof row],
        );
      }),
    ).rejects.toThrow();
    expect(await stored()).toHaveLength(before);
  });
});

describe("rowCounts", () => {
  it("covers every row with a few repeating counts, the largest first, none over the most", () => {
    for (const most of [1, 3, 64, 470, 1_000])
      for (const total of [0, 1, 5, 63, 64, 65, 469, 470, 471, 999, 1_000, 4_321]) {
        const counts = rowCounts(total, most);
        expect(counts.reduce((sum, count) => sum + count, 0)).toBe(total);
        expect(counts.every((count) => count <= most && [most, 64, 16, 4, 1].includes(count))).toBe(true);
        expect([...counts].sort((a, b) => b - a)).toEqual(counts);
      }
    expect(rowCounts(1_000, 470)).toEqual([470, 470, 16, 16, 16, 4, 4, 4]);
  });
});

describe("the statement cache", () => {
  it("holds statements up to a budget of SQL text, the oldest leaving first, and never one too large", () => {
    const connection = new BetterSqlite3(":memory:");
    const cache = withStatementCache(connection, { count: 100, sqlChars: 4_000 });
    const select = (n: number) => `SELECT ${Array.from({ length: n }, (_, i) => i).join(", ")}`;
    const first = cache.prepare(select(100));
    expect(cache.prepare(select(100))).toBe(first);
    for (let n = 101; n < 140; n++) cache.prepare(select(n));
    const held = cache.held();
    expect(held.sqlChars).toBeLessThanOrEqual(4_000);
    expect(held.count).toBeGreaterThan(1);
    // The first was the oldest: gone, so preparing it again makes a new statement.
    expect(cache.prepare(select(100))).not.toBe(first);
    // Over a quarter of the budget: prepared, used, not kept.
    const large = select(400);
    expect(large.length).toBeGreaterThan(1_000);
    const before = cache.held();
    expect(cache.prepare(large).raw().get()).toHaveLength(400);
    expect(cache.held()).toEqual(before);
    expect(cache.prepare(large)).not.toBe(cache.prepare(large));
    connection.close();
  });

  it("still keeps up to its count of small statements", () => {
    const connection = new BetterSqlite3(":memory:");
    const cache = withStatementCache(connection, { count: 10, sqlChars: 1_000_000 });
    for (let n = 0; n < 25; n++) cache.prepare(`SELECT ${n}`);
    expect(cache.held().count).toBe(10);
    connection.close();
  });
});
