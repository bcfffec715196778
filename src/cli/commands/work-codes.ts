/** `firmtime workcode ...` and `firmtime rate ...`. */
import type { Command } from "commander";
import { invalid } from "../../domain/errors.js";
import { formatPercent, formatRate } from "../../domain/money.js";
import { ALWAYS } from "../../domain/rates.js";
import type { ListedRate } from "../../firm-setup/rate-service.js";
import type { WorkCode } from "../../firm-setup/work-code-store.js";
import type { Backend } from "../backend/backend.js";
import type { CommandContext } from "../context.js";
import { renderRecord, renderTable } from "../table.js";
import { billableOption, choiceOption, dateOption, percentOption, rateOption } from "./parse-options.js";

const KINDS = ["time", "expense"] as const;

const renderWorkCode = (code: WorkCode) =>
  renderRecord({
    code: code.code,
    name: code.name,
    kind: code.kind,
    billable: code.billable ? "B" : "NB",
    surcharge: `${formatPercent(code.surchargeBp)}%`,
    active: code.active ? "yes" : "no",
    "internal note": code.internalNote,
    id: code.id,
  });

interface WorkCodeOptions {
  name?: string;
  kind?: string;
  billable?: string;
  rate?: string;
  surcharge?: string;
  note?: string;
  code?: string;
  active?: boolean;
  from?: string;
}

/** Shows each work code with the default rate in force today. */
async function workCodeRows(backend: Backend, codes: WorkCode[]) {
  const rates = await backend.rates.list({});
  const current = new Map<string, ListedRate>();
  for (const rate of rates) {
    if (rate.scope === "work_code" && rate.timing !== "future" && rate.workCodeId)
      current.set(rate.workCodeId, rate);
  }
  return codes.map((code) => ({ ...code, rate: current.get(code.id)?.rate ?? null }));
}

export function registerWorkCodeCommands(program: Command, context: () => CommandContext): void {
  const workcode = program.command("workcode").description("work codes (time and expense)");
  workcode
    .command("add <code>")
    .description("add a work code")
    .requiredOption("--name <name>")
    .option("--kind <kind>", "time or expense", "time")
    .option("--billable <B|NB>", "billable (B) or not (NB)", "B")
    .option("--rate <rate>", "default rate per hour (time) or per unit (expense), e.g. 150.00")
    .option("--surcharge <percent>", "expense surcharge in percent, e.g. 15")
    .option("--note <text>", "internal note (never on reports or invoices)")
    .action(async (code: string, options: WorkCodeOptions) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const created = await backend.workCodes.add({
          code,
          name: options.name!,
          kind: choiceOption("kind", options.kind, KINDS)!,
          billable: billableOption("billable", options.billable),
          rate: rateOption("rate", options.rate),
          surchargeBp: percentOption("surcharge", options.surcharge),
          internalNote: options.note,
        });
        ctx.output(created, () => `Added work code ${created.code}\n${renderWorkCode(created)}`);
      });
    });
  workcode
    .command("list")
    .description("list work codes with today's default rate")
    .option("--kind <kind>", "time or expense")
    .option("--active", "only active codes")
    .action(async (options: { kind?: string; active?: boolean }) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const codes = await backend.workCodes.list({
          kind: choiceOption("kind", options.kind, KINDS),
          active: options.active ? true : undefined,
        });
        const rows = await workCodeRows(backend, codes);
        ctx.output(rows, () =>
          renderTable(
            [
              { header: "Code", value: (c: (typeof rows)[number]) => c.code },
              { header: "Kind", value: (c) => c.kind },
              { header: "B/NB", value: (c) => (c.billable ? "B" : "NB") },
              { header: "Name", value: (c) => c.name },
              { header: "Rate", value: (c) => (c.rate === null ? "" : formatRate(c.rate)), align: "right" },
              {
                header: "Surcharge",
                value: (c) => (c.surchargeBp ? `${formatPercent(c.surchargeBp)}%` : ""),
                align: "right",
              },
              { header: "Active", value: (c) => (c.active ? "yes" : "no") },
            ],
            rows,
          ),
        );
      });
    });
  workcode.command("show <code>").action(async (ref: string) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const found = await backend.workCodes.get(ref);
      const rates = await backend.rates.list({ workCode: found.code });
      const own = rates.filter((rate) => rate.scope === "work_code");
      ctx.output({ ...found, rates: own }, () => renderWorkCode(found) + renderRateTable(own));
    });
  });
  workcode
    .command("edit <code>")
    .description("change a work code; --rate adds a default rate effective --from (default today)")
    .option("--code <code>", "new code")
    .option("--name <name>")
    .option("--kind <kind>", "time or expense")
    .option("--billable <B|NB>")
    .option("--surcharge <percent>")
    .option("--note <text>")
    .option("--active", "make active")
    .option("--inactive", "make inactive")
    .option("--rate <rate>", "new default rate")
    .option("--from <date>", "effective date of --rate")
    .action(async (ref: string, options: WorkCodeOptions & { inactive?: boolean }) => {
      const ctx = context();
      if (options.active && options.inactive) throw invalid("--active and --inactive exclude each other");
      const rate = rateOption("rate", options.rate);
      if (options.from !== undefined && rate === undefined) throw invalid("--from goes with --rate");
      const effectiveDate = dateOption("from", options.from);
      await ctx.withBackend(async (backend) => {
        const patch = {
          code: options.code,
          name: options.name,
          kind: choiceOption("kind", options.kind, KINDS),
          billable: billableOption("billable", options.billable),
          surchargeBp: percentOption("surcharge", options.surcharge),
          internalNote: options.note,
          active: options.active ? true : options.inactive ? false : undefined,
        };
        const updated = await backend.workCodes.edit(
          ref,
          patch,
          rate === undefined ? undefined : { rate, effectiveDate },
        );
        ctx.output(updated, () => `Updated work code ${updated.code}\n${renderWorkCode(updated)}`);
      });
    });
  workcode.command("delete <code>").action(async (ref: string) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const deleted = await backend.workCodes.delete(ref);
      ctx.output({ deleted }, () => `Deleted work code ${deleted.code}\n`);
    });
  });

  registerRateCommands(program, context);
}

/** Whose a rate is, by code: staff JD, client ACME, project ACME/P1, or the work code AUD. */
function rateOwner(rate: ListedRate): string {
  switch (rate.scope) {
    case "staff":
      return rate.staffNumber ?? "";
    case "client":
      return rate.clientCode ?? "";
    case "project":
      return `${rate.clientCode ?? ""}/${rate.projectCode ?? ""}`;
    case "work_code":
      return rate.workCode ?? "";
  }
}

function renderRateTable(rates: ListedRate[]): string {
  return renderTable(
    [
      {
        header: "Level",
        value: (r: ListedRate) =>
          r.scope.replace("_", " ") + (r.workCodeId && r.scope !== "work_code" ? " × work code" : ""),
      },
      { header: "Owner", value: rateOwner },
      { header: "Work code", value: (r) => (r.scope === "work_code" ? "" : (r.workCode ?? "")) },
      { header: "Effective", value: (r) => (r.effectiveDate === ALWAYS ? "always" : r.effectiveDate) },
      { header: "Rate", value: (r) => formatRate(r.rate), align: "right" },
      { header: "Timing", value: (r) => r.timing },
      { header: "Id", value: (r) => r.id },
    ],
    rates,
  );
}

interface RateOptions {
  staff?: string;
  client?: string;
  project?: string;
  workcode?: string;
  rate?: string;
  from?: string;
}

const targetOptions = (command: Command) =>
  command
    .option("--staff <number>", "a staff member's rate")
    .option("--client <code>", "a client override")
    .option("--project <code>", "a project override (with --client)")
    .option("--workcode <code>", "for one work code (alone: the work code's default rate)");

function registerRateCommands(program: Command, context: () => CommandContext): void {
  const rate = program.command("rate").description("effective-dated rates");
  targetOptions(
    rate
      .command("set")
      .description("set a rate effective from a date (default today); the same date again replaces it")
      .requiredOption("--rate <rate>", "per hour or per unit, e.g. 150 or 13.125"),
  )
    .option("--from <date>", "effective date")
    .action(async (options: RateOptions) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const saved = await backend.rates.set({
          staff: options.staff,
          client: options.client,
          project: options.project,
          workCode: options.workcode,
          rate: rateOption("rate", options.rate)!,
          effectiveDate: dateOption("from", options.from),
        });
        ctx.output(
          saved,
          () =>
            `Rate ${formatRate(saved.rate)} effective ${saved.effectiveDate} (${saved.scope.replace("_", " ")})\n`,
        );
      });
    });
  targetOptions(
    rate.command("list").description("list rates with their timing (historical, current, future)"),
  ).action(async (options: RateOptions) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const rates = await backend.rates.list({
        staff: options.staff,
        client: options.client,
        project: options.project,
        workCode: options.workcode,
      });
      ctx.output(rates, () => renderRateTable(rates));
    });
  });
  rate
    .command("show <id>")
    .description("show one rate row")
    .action(async (id: string) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const found = await backend.rates.get(id);
        ctx.output(found, () => renderRateTable([found]));
      });
    });
  rate
    .command("delete <id>")
    .description("delete a rate row (not a historical one)")
    .action(async (id: string) => {
      const ctx = context();
      await ctx.withBackend(async (backend) => {
        const deleted = await backend.rates.delete(id);
        ctx.output({ deleted }, () => `Deleted rate ${deleted.id}\n`);
      });
    });
}
