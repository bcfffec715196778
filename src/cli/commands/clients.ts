/** `firmtime client ...` and `firmtime project ...`. */
import type { Command } from "commander";
import { formatHours } from "../../domain/duration.js";
import { formatAmount } from "../../domain/money.js";
import type { Client } from "../../firm-setup/client-store.js";
import type { Project } from "../../firm-setup/project-store.js";
import type { CommandContext } from "../context.js";
import { renderRecord, renderTable } from "../table.js";
import { amountOption, choiceOption, durationOption } from "./parse-options.js";

interface ClientOptions {
  name?: string;
  code?: string;
  status?: string;
  company?: string;
  partner?: string;
  manager?: string;
  address?: string;
  notes?: string;
}

const renderClient = (client: Client) =>
  renderRecord({
    code: client.code,
    name: client.name,
    status: client.status,
    address: client.address,
    notes: client.notes,
    id: client.id,
  });

const clientFields = (command: Command) =>
  command
    .option("--status <status>", "active or inactive")
    .option("--company <name>", "contact company")
    .option("--partner <staff>", "partner's staff number")
    .option("--manager <staff>", "manager's staff number")
    .option("--address <text>")
    .option("--notes <text>");

const clientInput = (options: ClientOptions) => ({
  name: options.name,
  status: choiceOption("status", options.status, ["active", "inactive"] as const),
  contactCompany: options.company,
  partner: options.partner,
  manager: options.manager,
  address: options.address,
  notes: options.notes,
});

export function registerClientCommands(program: Command, context: () => CommandContext): void {
  const client = program.command("client").description("clients (entities)");
  clientFields(
    client.command("add <code>").description("add a client").requiredOption("--name <name>"),
  ).action(async (code: string, options: ClientOptions) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const created = await backend.clients.add({
        ...clientInput(options),
        code,
        name: options.name!,
      });
      ctx.output(created, () => `Added client ${created.code}\n${renderClient(created)}`);
    });
  });
  client
    .command("list")
    .option("--status <status>", "active or inactive")
    .option("--search <text>", "code or name contains")
    .action(async (options: { status?: string; search?: string }) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const rows = await backend.clients.list({
          status: choiceOption("status", options.status, ["active", "inactive"] as const),
          search: options.search,
        });
        ctx.output(rows, () =>
          renderTable(
            [
              { header: "Code", value: (c: Client) => c.code },
              { header: "Name", value: (c) => c.name },
              { header: "Status", value: (c) => c.status },
            ],
            rows,
          ),
        );
      });
    });
  client.command("show <client>").action(async (ref: string) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const found = await backend.clients.get(ref);
      ctx.output(found, () => renderClient(found));
    });
  });
  clientFields(
    client.command("edit <client>").option("--code <code>", "new code").option("--name <name>"),
  ).action(async (ref: string, options: ClientOptions) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const updated = await backend.clients.edit(ref, { ...clientInput(options), code: options.code });
      ctx.output(updated, () => `Updated client ${updated.code}\n${renderClient(updated)}`);
    });
  });
  client.command("delete <client>").action(async (ref: string) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const deleted = await backend.clients.delete(ref);
      ctx.output({ deleted }, () => `Deleted client ${deleted.code}\n`);
    });
  });

  registerProjectCommands(program, context);
}

interface ProjectOptions {
  name?: string;
  code?: string;
  status?: string;
  budgetHours?: string;
  budgetFee?: string;
}

function registerProjectCommands(program: Command, context: () => CommandContext): void {
  const project = program.command("project").description("projects (jobs, engagements) of a client");
  const render = (p: Project, minorDigits: number) =>
    renderRecord({
      code: p.code,
      name: p.name,
      status: p.status,
      "budget hours": p.budgetMinutes === null ? "" : formatHours(p.budgetMinutes),
      "budget fee": p.budgetFee === null ? "" : formatAmount(p.budgetFee, minorDigits),
      id: p.id,
    });
  const budgets = (options: ProjectOptions, minorDigits: number) => ({
    budgetMinutes: durationOption("budget-hours", options.budgetHours?.replace(/^(\d+(\.\d+)?)$/, "$1h")),
    budgetFee: amountOption("budget-fee", options.budgetFee, minorDigits),
  });
  project
    .command("add <client> <code>")
    .requiredOption("--name <name>")
    .option("--budget-hours <hours>")
    .option("--budget-fee <amount>")
    .action(async (clientRef: string, code: string, options: ProjectOptions) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const { minorDigits } = backend.firm;
        const created = await backend.projects.add({
          client: clientRef,
          code,
          name: options.name!,
          ...budgets(options, minorDigits),
        });
        ctx.output(created, () => `Added project ${created.code}\n${render(created, minorDigits)}`);
      });
    });
  project
    .command("list")
    .option("--client <code>")
    .option("--status <status>", "open or closed")
    .action(async (options: { client?: string; status?: string }) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const rows = await backend.projects.list({
          client: options.client,
          status: choiceOption("status", options.status, ["open", "closed"] as const),
        });
        const clients = new Map((await backend.clients.list({})).map((c) => [c.id, c.code]));
        ctx.output(rows, () =>
          renderTable(
            [
              { header: "Client", value: (p: Project) => clients.get(p.clientId) ?? "" },
              { header: "Code", value: (p) => p.code },
              { header: "Name", value: (p) => p.name },
              { header: "Status", value: (p) => p.status },
            ],
            rows,
          ),
        );
      });
    });
  project.command("show <client> <code>").action(async (clientRef: string, code: string) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const found = await backend.projects.get(code, clientRef);
      ctx.output(found, () => render(found, backend.firm.minorDigits));
    });
  });
  project
    .command("edit <client> <code>")
    .option("--code <code>", "new code")
    .option("--name <name>")
    .option("--status <status>", "open or closed")
    .option("--budget-hours <hours>")
    .option("--budget-fee <amount>")
    .action(async (clientRef: string, code: string, options: ProjectOptions) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const { minorDigits } = backend.firm;
        const updated = await backend.projects.edit(code, clientRef, {
          code: options.code,
          name: options.name,
          status: choiceOption("status", options.status, ["open", "closed"] as const),
          ...budgets(options, minorDigits),
        });
        ctx.output(updated, () => `Updated project ${updated.code}\n${render(updated, minorDigits)}`);
      });
    });
  project.command("delete <client> <code>").action(async (clientRef: string, code: string) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const deleted = await backend.projects.delete(code, clientRef);
      ctx.output({ deleted }, () => `Deleted project ${deleted.code}\n`);
    });
  });
}
