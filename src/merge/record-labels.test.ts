/** The merge logs name records as people know them, deleted ones too. */
import { beforeAll, describe, expect, it } from "vitest";
import { addContact } from "../firm-setup/contact-service.js";
import { addClient, deleteClient } from "../firm-setup/client-service.js";
import { setRate } from "../firm-setup/rate-service.js";
import { seedPractice } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { addTimeEntry } from "../time-expense/time-entry-service.js";
import { recordLabeler } from "./record-labels.js";

describe.each(ENGINES)("record labels on %s", (engine) => {
  const t = useTestFirm(engine);
  const ids: Record<string, string> = {};
  const idOf = async (table: "staff" | "project" | "work_code", column: string, value: string) =>
    (
      await t.store.db
        .selectFrom(table)
        .select("id")
        .where("firm_id", "=", t.scope.firm.id)
        .where(column as "id", "=", value)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    await seedPractice(t);
    const { db } = t.store;
    ids.contact = (
      await addContact(db, t.scope, { firstName: "Carla", lastName: "Client", email: "carla@acme.test" })
    ).id;
    ids.entry = (
      await addTimeEntry(db, t.scope, {
        staff: "JD",
        client: "ACME",
        workCode: "TAX",
        date: "2026-06-10",
        minutes: 60,
      })
    ).id;
    await setRate(db, t.scope, { staff: "JD", rate: 1_750_000, effectiveDate: "2026-01-01" });
    ids.rate = (
      await db.selectFrom("rate").select("id").where("scope", "=", "staff").executeTakeFirstOrThrow()
    ).id;
    ids.gone = (await addClient(db, t.scope, { code: "GONE", name: "Gone Ltd" })).id;
    await deleteClient(db, t.scope, "GONE");
  });

  it("by code, number, name and email; entries by staff, date and client; deleted ones from the journal", async () => {
    const labels = recordLabeler(t.store.db, t.scope.firm.id);
    expect(await labels.label("staff", await idOf("staff", "staff_number", "JD"))).toBe("staff JD");
    expect(await labels.label("work_code", await idOf("work_code", "code", "TAX"))).toBe("work code TAX");
    expect(await labels.label("project", await idOf("project", "code", "AUDIT"))).toBe("project ACME/AUDIT");
    expect(await labels.label("contact", ids.contact!)).toBe("contact Carla Client <carla@acme.test>");
    expect(await labels.label("time_entry", ids.entry!)).toBe(
      "time entry of staff JD on 2026-06-10 for client ACME",
    );
    expect(await labels.label("rate", ids.rate!)).toBe("rate of staff JD from 2026-01-01");
    expect(await labels.label("client", ids.gone!)).toBe("client GONE");
    expect(await labels.label("firm", "firm")).toBe("the firm's profile");
    // A record this replica never held is named by the values the caller has, or by its id.
    expect(await labels.label("client", "no-such-id", { code: "NEWCO" })).toBe("client NEWCO");
    expect(await labels.label("client", "no-such-id")).toBe("client no-such-id");
  });
});
