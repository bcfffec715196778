import { beforeAll, describe, expect, it } from "vitest";
import { expectRefusedUnchanged, seedPractice } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { addTimeEntry, listTimeEntries } from "../time-expense/time-entry-service.js";
import { addClient, getClient, listClients } from "./client-service.js";
import { createFirm } from "./firm-service.js";
import type { FirmScope } from "./scope.js";
import { addStaff } from "./staff-service.js";
import { addWorkCode } from "./work-code-service.js";

/** One store may hold many firms (the cloud): codes are unique per firm, and ids never cross. */
describe.each(ENGINES)("two firms in one store on %s", (engine) => {
  const t = useTestFirm(engine);
  let other: FirmScope;

  beforeAll(async () => {
    await seedPractice(t);
    other = {
      ...t.scope,
      firm: await createFirm(t.store.db, t.scope.clock, { name: "Other & Co", currency: "CAD" }),
    };
    await addStaff(t.store.db, other, {
      staffNumber: "JD",
      firstName: "Jim",
      lastName: "Dale",
      email: "jane@firm.test",
    });
    await addWorkCode(t.store.db, other, { code: "TAX", kind: "time", name: "Tax", rate: 1_000_000 });
  });

  it("lets each firm use the same codes, numbers and emails", async () => {
    const acme = await addClient(t.store.db, other, { code: "ACME", name: "Another Acme" });
    expect((await getClient(t.store.db, other, "ACME")).id).toBe(acme.id);
    expect((await getClient(t.store.db, t.scope, "ACME")).id).not.toBe(acme.id);
    expect((await listClients(t.store.db, other)).map((c) => c.name)).toEqual(["Another Acme"]);
  });

  it("never resolves another firm's record by id", async () => {
    const theirs = await getClient(t.store.db, other, "ACME");
    await expectRefusedUnchanged(
      t.store.db,
      () =>
        addTimeEntry(t.store.db, t.scope, {
          staff: "JD",
          client: theirs.id,
          workCode: "TAX",
          date: "2026-06-01",
          minutes: 60,
        }),
      { code: "NOT_FOUND", message: `client "${theirs.id}" does not exist` },
    );
    const entry = await addTimeEntry(t.store.db, other, {
      staff: "JD",
      client: "ACME",
      workCode: "TAX",
      date: "2026-06-01",
      minutes: 60,
    });
    expect(entry.amount).toBe(10_000); // the other firm's own rate
    expect(await listTimeEntries(t.store.db, t.scope)).toEqual([]);
  });
});
