/**
 * The journal while a merge applies (journal-store.ts, updateSyncState): rows written with the
 * firm's `applying` flag set are not journaled by the triggers (the merge journals them itself),
 * and the quiet ends exactly with the flag: later in the same transaction, and in the next
 * transaction on the same connection, whether the applying one committed or rolled back. On
 * PostgreSQL the triggers' condition reads a transaction-local setting the flag carries with it
 * (migration 0019), so these hold for the setting as much as for the flag.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { addClient } from "../firm-setup/client-service.js";
import type { Db } from "../store/database.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { updateSyncState } from "./journal-store.js";

describe.each(ENGINES)("the journal while a merge applies, on %s", (engine) => {
  const t = useTestFirm(engine);
  let renames = 0;

  /** Renames the client and answers how many journal rows the rename wrote. */
  async function rename(db: Db, clientId: string): Promise<number> {
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("sync_change")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("firm_id", "=", t.scope.firm.id)
            .where("row_id", "=", clientId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    renames += 1;
    await db
      .updateTable("client")
      .set({ name: `Renamed ${renames}` })
      .where("id", "=", clientId)
      .execute();
    return (await count()) - before;
  }

  it("journals nothing the merge writes while applying, and everything after, in one transaction", async () => {
    const client = await addClient(t.store.db, t.scope, { code: "QUIET1", name: "Quiet Ltd" });
    await t.store.db.transaction().execute(async (tx) => {
      expect(await rename(tx, client.id)).toBe(1);
      await updateSyncState(tx, t.scope.firm.id, { applying: true });
      expect(await rename(tx, client.id)).toBe(0);
      expect(await rename(tx, client.id)).toBe(0);
      await updateSyncState(tx, t.scope.firm.id, { applying: false });
      expect(await rename(tx, client.id)).toBe(1);
    });
  });

  it("ends the quiet with the transaction, committed or rolled back, on the same connection", async () => {
    const client = await addClient(t.store.db, t.scope, { code: "QUIET2", name: "Quiet Two Ltd" });
    await t.store.db.connection().execute(async (connection) => {
      // A merge that fails before it turns `applying` off: its transaction is rolled back.
      await expect(
        connection.transaction().execute(async (tx) => {
          await updateSyncState(tx, t.scope.firm.id, { applying: true });
          expect(await rename(tx, client.id)).toBe(0);
          throw new Error("the merge failed");
        }),
      ).rejects.toThrow("the merge failed");
      expect(await connection.transaction().execute((tx) => rename(tx, client.id))).toBe(1);

      // A merge that commits: the next write on the connection, outside any merge, is journaled.
      await connection.transaction().execute(async (tx) => {
        await updateSyncState(tx, t.scope.firm.id, { applying: true });
        expect(await rename(tx, client.id)).toBe(0);
        await updateSyncState(tx, t.scope.firm.id, { applying: false });
      });
      expect(await rename(connection, client.id)).toBe(1);
    });
    expect(await rename(t.store.db, client.id)).toBe(1);
  });

  // What makes the quiet cheap on PostgreSQL: no trigger function is called at all.
  it.runIf(engine === "postgres")(
    "skips every synced table's trigger but the firm's while applying",
    async () => {
      const triggers = await sql<{ table: string; definition: string }>`
      SELECT c.relname AS table, pg_get_triggerdef(t.oid) AS definition
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND t.tgname = 'sync_' || c.relname`.execute(t.store.db);
      const quiet = (definition: string) => definition.includes("current_setting('ftm.applying'");
      expect(triggers.rows.length).toBe(15);
      expect(triggers.rows.filter((row) => !quiet(row.definition)).map((row) => row.table)).toEqual(["firm"]);
    },
  );
});
