/** `firmtime company ...` (contact companies) and `firmtime contact ...`. */
import type { Command } from "commander";
import type { ContactCompany } from "../../firm-setup/contact-company-store.js";
import type { Contact } from "../../firm-setup/contact-store.js";
import type { CommandContext } from "../context.js";
import { renderRecord, renderTable } from "../table.js";
import { listOption } from "./parse-options.js";

const renderCompany = (company: ContactCompany) =>
  renderRecord({ name: company.name, address: company.address, id: company.id });

const renderContact = (contact: Contact) =>
  renderRecord({
    name: `${contact.firstName} ${contact.lastName}`,
    email: contact.email ?? "",
    "work phone": contact.workPhone,
    "mobile phone": contact.mobilePhone,
    clients: contact.clients.join(", "),
    id: contact.id,
  });

interface ContactOptions {
  first?: string;
  last?: string;
  email?: string;
  workPhone?: string;
  mobilePhone?: string;
  company?: string;
  clients?: string;
}

const contactFields = (command: Command) =>
  command
    .option("--email <email>")
    .option("--work-phone <phone>")
    .option("--mobile-phone <phone>")
    .option("--company <name>", "contact company")
    .option("--clients <codes>", "client codes separated by ~");

export function registerContactCommands(program: Command, context: () => CommandContext): void {
  const company = program.command("company").description("contact companies");
  company
    .command("add <name>")
    .option("--address <text>")
    .action(async (name: string, options: { address?: string }) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const created = await backend.companies.add({ name, address: options.address });
        ctx.output(created, () => `Added contact company ${created.name}\n${renderCompany(created)}`);
      });
    });
  company.command("list").action(async () => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const rows = await backend.companies.list();
      ctx.output(rows, () =>
        renderTable(
          [
            { header: "Name", value: (c: ContactCompany) => c.name },
            { header: "Address", value: (c) => c.address },
          ],
          rows,
        ),
      );
    });
  });
  company.command("show <company>").action(async (ref: string) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const found = await backend.companies.get(ref);
      ctx.output(found, () => renderCompany(found));
    });
  });
  company
    .command("edit <company>")
    .option("--name <name>")
    .option("--address <text>")
    .action(async (ref: string, options: { name?: string; address?: string }) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const updated = await backend.companies.edit(ref, options);
        ctx.output(updated, () => `Updated contact company ${updated.name}\n${renderCompany(updated)}`);
      });
    });
  company.command("delete <company>").action(async (ref: string) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const deleted = await backend.companies.delete(ref);
      ctx.output({ deleted }, () => `Deleted contact company ${deleted.name}\n`);
    });
  });

  const contact = program.command("contact").description("contacts at clients");
  contactFields(
    contact.command("add").requiredOption("--first <name>").requiredOption("--last <name>"),
  ).action(async (options: ContactOptions) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const created = await backend.contacts.add({
        firstName: options.first!,
        lastName: options.last!,
        email: options.email,
        workPhone: options.workPhone,
        mobilePhone: options.mobilePhone,
        contactCompany: options.company,
        clients: listOption(options.clients),
      });
      ctx.output(
        created,
        () => `Added contact ${created.firstName} ${created.lastName}\n${renderContact(created)}`,
      );
    });
  });
  contact
    .command("list")
    .option("--client <code>")
    .option("--company <name>")
    .action(async (options: { client?: string; company?: string }) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const rows = await backend.contacts.list({
          client: options.client,
          contactCompany: options.company,
        });
        ctx.output(rows, () =>
          renderTable(
            [
              { header: "Name", value: (c: Contact) => `${c.firstName} ${c.lastName}` },
              { header: "Email", value: (c) => c.email ?? "" },
              { header: "Clients", value: (c) => c.clients.join("~") },
              { header: "Id", value: (c) => c.id },
            ],
            rows,
          ),
        );
      });
    });
  contact
    .command("show <contact>")
    .description("by email or id")
    .action(async (ref: string) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const found = await backend.contacts.get(ref);
        ctx.output(found, () => renderContact(found));
      });
    });
  contactFields(contact.command("edit <contact>").option("--first <name>").option("--last <name>")).action(
    async (ref: string, options: ContactOptions) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const updated = await backend.contacts.edit(ref, {
          firstName: options.first,
          lastName: options.last,
          email: options.email,
          workPhone: options.workPhone,
          mobilePhone: options.mobilePhone,
          contactCompany: options.company,
          clients: listOption(options.clients),
        });
        ctx.output(updated, () => `Updated contact\n${renderContact(updated)}`);
      });
    },
  );
  contact.command("delete <contact>").action(async (ref: string) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const deleted = await backend.contacts.delete(ref);
      ctx.output({ deleted }, () => `Deleted contact ${deleted.firstName} ${deleted.lastName}\n`);
    });
  });
}
