import { beforeAll, describe, expect, it } from "vitest";
import { exactly, expectRefusedUnchanged } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { addClient, deleteClient, editClient } from "./client-service.js";
import {
  addContact,
  addContactCompany,
  deleteContact,
  deleteContactCompany,
  editContact,
  editContactCompany,
  getContact,
  listContactCompanies,
  listContacts,
} from "./contact-service.js";

describe.each(ENGINES)("contacts on %s", (engine) => {
  const t = useTestFirm(engine);
  beforeAll(async () => {
    await addClient(t.store.db, t.scope, { code: "ACME", name: "Acme Ltd" });
    await addClient(t.store.db, t.scope, { code: "BETA", name: "Beta Inc" });
    await addContactCompany(t.store.db, t.scope, { name: "Acme Holdings", address: "1 Main St" });
  });

  it("adds a contact linked to a company and clients", async () => {
    const contact = await addContact(t.store.db, t.scope, {
      firstName: "Carla",
      lastName: "Owens",
      email: "Carla@Acme.TEST",
      workPhone: " 555-0100 ",
      contactCompany: "Acme Holdings",
      clients: ["beta", "ACME", "acme"],
    });
    expect(contact).toMatchObject({
      email: "carla@acme.test",
      workPhone: "555-0100",
      clients: ["ACME", "BETA"],
    });
    expect(await getContact(t.store.db, t.scope, "CARLA@acme.test")).toEqual(contact);
  });

  it("refuses a contact email already used, in any case", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () =>
        addContact(t.store.db, t.scope, {
          firstName: "Carl",
          lastName: "Other",
          email: "carla@ACME.test",
          clients: ["ACME"],
        }),
      { code: "DUPLICATE", message: exactly("contact email carla@acme.test is already used") },
    );
    const other = await addContact(t.store.db, t.scope, {
      firstName: "Dan",
      lastName: "Brown",
      email: "dan@beta.test",
      clients: ["BETA"],
    });
    await expectRefusedUnchanged(
      t.store.db,
      () => editContact(t.store.db, t.scope, other.id, { email: "Carla@acme.test" }),
      {
        code: "DUPLICATE",
      },
    );
    // Contacts without an email do not collide.
    await addContact(t.store.db, t.scope, { firstName: "No", lastName: "Mail" });
    await addContact(t.store.db, t.scope, { firstName: "No", lastName: "Mail", email: "" });
  });

  it("refuses an unknown client or company and writes nothing", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => addContact(t.store.db, t.scope, { firstName: "A", lastName: "B", clients: ["ACME", "NOBODY"] }),
      {
        code: "NOT_FOUND",
        message: exactly('client "NOBODY" does not exist'),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => addContact(t.store.db, t.scope, { firstName: "A", lastName: "B", contactCompany: "Nope Co" }),
      {
        code: "NOT_FOUND",
        message: exactly('contact company "Nope Co" does not exist'),
      },
    );
  });

  it("lists contacts by client and company, and replaces client links on edit", async () => {
    expect((await listContacts(t.store.db, t.scope, { client: "ACME" })).map((c) => c.firstName)).toEqual([
      "Carla",
    ]);
    expect((await listContacts(t.store.db, t.scope, { client: "BETA" })).map((c) => c.firstName)).toEqual([
      "Dan",
      "Carla",
    ]);
    expect(
      (await listContacts(t.store.db, t.scope, { contactCompany: "Acme Holdings" })).map((c) => c.firstName),
    ).toEqual(["Carla"]);
    const carla = await editContact(t.store.db, t.scope, "carla@acme.test", { clients: ["BETA"] });
    expect(carla.clients).toEqual(["BETA"]);
    expect(await listContacts(t.store.db, t.scope, { client: "ACME" })).toEqual([]);
    // An edit that does not name clients keeps them; null clears the company.
    const renamed = await editContact(t.store.db, t.scope, carla.id, {
      lastName: "Owens-Hart",
      contactCompany: null,
    });
    expect(renamed).toMatchObject({ lastName: "Owens-Hart", clients: ["BETA"], contactCompanyId: null });
    await expect(listContacts(t.store.db, t.scope, { client: "NOBODY" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("drops a deleted client's links but keeps the contact", async () => {
    await addClient(t.store.db, t.scope, { code: "GONE", name: "Gone Ltd" });
    const contact = await addContact(t.store.db, t.scope, {
      firstName: "Eve",
      lastName: "Gone",
      clients: ["GONE", "ACME"],
    });
    await deleteClient(t.store.db, t.scope, "GONE");
    expect((await getContact(t.store.db, t.scope, contact.id)).clients).toEqual(["ACME"]);
    await deleteContact(t.store.db, t.scope, contact.id);
    await expect(getContact(t.store.db, t.scope, contact.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps contact company names unique and refuses deleting a company in use", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => addContactCompany(t.store.db, t.scope, { name: "Acme Holdings" }),
      {
        code: "DUPLICATE",
        message: exactly('contact company "Acme Holdings" already exists'),
      },
    );
    await editClient(t.store.db, t.scope, "ACME", { contactCompany: "Acme Holdings" });
    await expectRefusedUnchanged(
      t.store.db,
      () => deleteContactCompany(t.store.db, t.scope, "Acme Holdings"),
      {
        code: "IN_USE",
        message: exactly('contact company "Acme Holdings" still has contacts or clients'),
      },
    );
    const spare = await addContactCompany(t.store.db, t.scope, { name: "Spare Co" });
    await expectRefusedUnchanged(
      t.store.db,
      () => editContactCompany(t.store.db, t.scope, spare.id, { name: "Acme Holdings" }),
      {
        code: "DUPLICATE",
      },
    );
    await deleteContactCompany(t.store.db, t.scope, "Spare Co");
    expect((await listContactCompanies(t.store.db, t.scope)).map((c) => c.name)).toEqual(["Acme Holdings"]);
  });
});
