import { describe, expect, it } from "vitest";
import { exactly, expectRefusedUnchanged } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { addClient, deleteClient, editClient, getClient, listClients } from "./client-service.js";
import { addContactCompany } from "./contact-service.js";
import { addStaff } from "./staff-service.js";

describe.each(ENGINES)("clients on %s", (engine) => {
  const t = useTestFirm(engine);

  it("adds a client with partner, manager and contact company, found by code in any case", async () => {
    await addStaff(t.store.db, t.scope, {
      staffNumber: "jd",
      firstName: "Jane",
      lastName: "Doe",
      email: "Jane@Firm.test",
    });
    await addContactCompany(t.store.db, t.scope, { name: "Acme Holdings" });
    const client = await addClient(t.store.db, t.scope, {
      code: "acme01",
      name: "Acme Ltd",
      partner: "JD",
      manager: "jd",
      contactCompany: "Acme Holdings",
    });
    expect(client.code).toBe("ACME01");
    expect(client.partnerId).toBe(client.managerId);
    expect((await getClient(t.store.db, t.scope, "Acme01")).id).toBe(client.id);
  });

  it("refuses a duplicate client code and leaves the list unchanged", async () => {
    const before = await listClients(t.store.db, t.scope);
    await expect(addClient(t.store.db, t.scope, { code: "ACME01", name: "Other" })).rejects.toMatchObject({
      code: "DUPLICATE",
      message: "client code ACME01 already exists",
    });
    expect(await listClients(t.store.db, t.scope)).toEqual(before);
  });

  it("refuses a duplicate client code in any case and writes nothing at all", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => addClient(t.store.db, t.scope, { code: " acme01 ", name: "Acme again", partner: "JD" }),
      {
        code: "DUPLICATE",
        message: exactly("client code ACME01 already exists"),
      },
    );
  });

  it("edits, refuses renaming onto another code, and deletes an unused client", async () => {
    await addClient(t.store.db, t.scope, { code: "BETA", name: "Beta" });
    const edited = await editClient(t.store.db, t.scope, "BETA", { name: "Beta Inc", status: "inactive" });
    expect(edited).toMatchObject({ name: "Beta Inc", status: "inactive" });
    await expect(editClient(t.store.db, t.scope, "BETA", { code: "ACME01" })).rejects.toMatchObject({
      code: "DUPLICATE",
    });
    await deleteClient(t.store.db, t.scope, "BETA");
    await expect(getClient(t.store.db, t.scope, "BETA")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("names an unknown partner clearly", async () => {
    await expect(
      addClient(t.store.db, t.scope, { code: "X1", name: "X", partner: "NOPE" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'partner (staff) "NOPE" does not exist',
    });
  });
});
