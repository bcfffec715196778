/** `firmtime time ...`, `firmtime expense ...` and `firmtime reprice`. */
import type { Command } from "commander";
import { todayIn } from "../../domain/dates.js";
import { formatHours } from "../../domain/duration.js";
import type { EntryStatus } from "../../domain/entries.js";
import { invalid } from "../../domain/errors.js";
import { formatAmount, formatPercent, formatQuantity, formatRate } from "../../domain/money.js";
import type { Firm } from "../../firm-setup/firm-store.js";
import type { ExpenseEntry, TimeEntry } from "../../time-expense/entry-store.js";
import type { EntryListFilter } from "../../time-expense/time-entry-service.js";
import type { Backend, EntryListPage, Shown } from "../backend/backend.js";
import type { CommandContext } from "../context.js";
import { renderRecord, renderTable } from "../table.js";
import {
  billableOption,
  dateOption,
  durationOption,
  positiveIntegerOption,
  quantityOption,
  percentOption,
  rateOption,
  statusListOption,
  statusOption,
  wholeNumberOption,
} from "./parse-options.js";

interface EntryOptions {
  staff?: string;
  client?: string;
  project?: string;
  workcode?: string;
  date?: string;
  duration?: string;
  billable?: string;
  description?: string;
  quantity?: string;
  unitRate?: string;
  surcharge?: string;
}

interface ListOptions {
  from?: string;
  to?: string;
  staff?: string;
  client?: string;
  project?: string;
  workcode?: string;
  status?: string;
  billable?: string;
  limit?: string;
  offset?: string;
  all?: boolean;
}

const listFilterOptions = (command: Command) =>
  command
    .option("--from <date>")
    .option("--to <date>")
    .option("--staff <number>")
    .option("--client <code>")
    .option("--project <code>", "with --client")
    .option("--workcode <code>")
    .option("--status <statuses>", "comma-separated: draft,submitted,approved,billed,transferred")
    .option("--billable <B|NB>");

/** How many entries a list shows unless told otherwise. */
const LIST_LIMIT = 1000;

function listFilter(options: ListOptions): EntryListFilter {
  if (options.all && options.offset !== undefined)
    throw invalid("--all shows every entry from the first: leave out --offset (or use --limit)");
  return {
    from: dateOption("from", options.from),
    to: dateOption("to", options.to),
    staff: options.staff,
    client: options.client,
    project: options.project,
    workCode: options.workcode,
    status: statusListOption("status", options.status),
    billable: billableOption("billable", options.billable),
    limit: options.all ? undefined : (positiveIntegerOption("limit", options.limit) ?? LIST_LIMIT),
    offset: wholeNumberOption("offset", options.offset) ?? 0,
  };
}

const listPaging = (command: Command) =>
  command
    .option("--limit <n>", `show at most n entries (default ${LIST_LIMIT.toLocaleString("en-US")})`)
    .option("--offset <n>", "skip the first n entries the filter matches (default 0)")
    .option("--all", "show every entry the filter matches");

const count = (n: number) => n.toLocaleString("en-US");

/**
 * When a list shows only part of what its filter matches: which ones, of how many, and how to
 * see the rest. Under the table as text; on stderr with --json, which stays a plain array.
 */
function pagingNote(noun: string, shown: number, offset: number, total: number): string | undefined {
  if (offset === 0 && shown >= total) return undefined;
  if (shown === 0) return `No ${noun} from --offset ${offset}: the filter matches ${count(total)}.\n`;
  const last = offset + shown;
  const next = last < total ? `; the next with --offset ${last}` : "";
  return `Showing ${noun} ${count(offset + 1)}-${count(last)} of ${count(total)}${next} (--limit n shows more at once, --all every one).\n`;
}

/** Prints a page of entries: the table (or JSON array), and the paging note when it is partial. */
function outputPage<E>(
  ctx: CommandContext,
  noun: string,
  filter: EntryListFilter,
  page: EntryListPage<E>,
  table: () => string,
): void {
  const note = pagingNote(noun, page.items.length, filter.offset ?? 0, page.total);
  ctx.output(page.items, () => table() + (note ?? ""));
  if (note && ctx.json) ctx.io.stderr(note);
}

const entryPlacement = (command: Command) =>
  command
    .option("--staff <number>")
    .option("--client <code>")
    .option("--project <code>")
    .option("--workcode <code>")
    .option("--date <date>", "YYYY-MM-DD (default today)")
    .option("--billable <B|NB>", "default: the work code's")
    .option("--description <text>");

export function registerEntryCommands(program: Command, context: () => CommandContext): void {
  registerTimeCommands(program, context);
  registerExpenseCommands(program, context);
  program
    .command("reprice")
    .description("re-resolve rates of open (draft/submitted) entries in a date range; audited")
    .requiredOption("--from <date>")
    .requiredOption("--to <date>")
    .option("--staff <number>")
    .option("--client <code>")
    .option("--workcode <code>")
    .action(
      async (options: { from: string; to: string; staff?: string; client?: string; workcode?: string }) => {
        const ctx = context();
        await ctx.withBackend(async (backend) => {
          const result = await backend.reprice({
            from: options.from,
            to: options.to,
            staff: options.staff,
            client: options.client,
            workCode: options.workcode,
          });
          const money = (amount: number) => formatAmount(amount, backend.firm.minorDigits);
          ctx.output(
            result,
            () =>
              `Repriced ${result.changed} of ${result.examined} entries from ${result.from} to ${result.to}` +
              ` (${result.skippedLocked} locked, left alone); open amount ${money(result.amountBefore)} -> ${money(result.amountAfter)}\n`,
          );
        });
      },
    );
}

/** The entries of one kind, wherever the firm lives. */
const entriesOf = (backend: Backend, kind: "time" | "expense") =>
  kind === "time" ? backend.time : backend.expenses;

function statusCommands(parent: Command, context: () => CommandContext, kind: "time" | "expense"): void {
  const move = async (status: EntryStatus, ids: string[]) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const count = await entriesOf(backend, kind).setStatus(ids, status);
      ctx.output(
        { status, count, ids },
        () => `${count} ${kind} ${count === 1 ? "entry" : "entries"} now ${status}\n`,
      );
    });
  };
  parent
    .command("status <status> <ids...>")
    .description("move entries to a status: draft, submitted, approved, billed, transferred")
    .action((status: string, ids: string[]) => move(statusOption("status", status), ids));
  for (const [verb, status] of [
    ["submit", "submitted"],
    ["approve", "approved"],
  ] as const) {
    parent
      .command(`${verb} <ids...>`)
      .description(`mark entries ${status}`)
      .action((ids: string[]) => move(status, ids));
  }
}

function registerTimeCommands(program: Command, context: () => CommandContext): void {
  const time = program.command("time").description("time entries");
  const render = (entry: Shown<TimeEntry>, firm: Firm) =>
    renderRecord({
      date: entry.date,
      staff: entry.staff,
      client: entry.client + (entry.project ? ` / ${entry.project}` : ""),
      "work code": entry.workCode,
      hours: formatHours(entry.minutes),
      rate: `${formatRate(entry.rate)} (${entry.rateSource.replaceAll("_", " ")})`,
      amount: formatAmount(entry.amount, firm.minorDigits),
      billable: entry.billable ? "B" : "NB",
      status: entry.status,
      description: entry.description,
      id: entry.id,
    });

  entryPlacement(
    time
      .command("add")
      .description("record time")
      .requiredOption("--duration <time>", '"90", "1.5h" or "1:30"'),
  ).action(async (options: EntryOptions) => {
    const ctx = context();
    for (const required of ["staff", "client", "workcode"] as const) {
      if (!options[required]) throw invalid(`--${required} is required`);
    }
    await ctx.withBackend(async (backend) => {
      const shown = await backend.time.add({
        staff: options.staff!,
        client: options.client!,
        project: options.project,
        workCode: options.workcode!,
        date: dateOption("date", options.date) ?? todayIn(ctx.io.clock.now()),
        minutes: durationOption("duration", options.duration)!,
        billable: billableOption("billable", options.billable),
        description: options.description,
      });
      ctx.output(shown, () => `Recorded time entry\n${render(shown, backend.firm)}`);
    });
  });
  listPaging(
    listFilterOptions(time.command("list").description("list time entries (1,000 unless --limit or --all)")),
  ).action(async (options: ListOptions) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const filter = listFilter(options);
      const page = await backend.time.list(filter);
      const rows = page.items;
      const money = (amount: number) => formatAmount(amount, backend.firm.minorDigits);
      outputPage(ctx, "time entries", filter, page, () =>
        renderTable(
          [
            { header: "Date", value: (e: (typeof rows)[number]) => e.date },
            { header: "Staff", value: (e) => e.staff },
            { header: "Client", value: (e) => e.client + (e.project ? `/${e.project}` : "") },
            { header: "Code", value: (e) => e.workCode },
            { header: "Hours", value: (e) => formatHours(e.minutes), align: "right" },
            { header: "Rate", value: (e) => formatRate(e.rate), align: "right" },
            { header: "Amount", value: (e) => money(e.amount), align: "right" },
            { header: "B/NB", value: (e) => (e.billable ? "B" : "NB") },
            { header: "Status", value: (e) => e.status },
            { header: "Id", value: (e) => e.id },
          ],
          rows,
        ),
      );
    });
  });
  time.command("show <id>").action(async (id: string) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const shown = await backend.time.get(id);
      ctx.output(shown, () => render(shown, backend.firm));
    });
  });
  entryPlacement(
    time.command("edit <id>").description("change a draft or submitted entry").option("--duration <time>"),
  ).action(async (id: string, options: EntryOptions) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const shown = await backend.time.edit(id, {
        staff: options.staff,
        client: options.client,
        project: options.project,
        workCode: options.workcode,
        date: dateOption("date", options.date),
        minutes: durationOption("duration", options.duration),
        billable: billableOption("billable", options.billable),
        description: options.description,
      });
      ctx.output(shown, () => `Updated time entry\n${render(shown, backend.firm)}`);
    });
  });
  time.command("delete <id>").action(async (id: string) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const deleted = await backend.time.delete(id);
      ctx.output({ deleted }, () => `Deleted time entry ${deleted.id}\n`);
    });
  });
  statusCommands(time, context, "time");
}

function registerExpenseCommands(program: Command, context: () => CommandContext): void {
  const expense = program.command("expense").description("expense entries");
  const render = (entry: Shown<ExpenseEntry>, firm: Firm) =>
    renderRecord({
      date: entry.date,
      staff: entry.staff,
      client: entry.client + (entry.project ? ` / ${entry.project}` : ""),
      "work code": entry.workCode,
      quantity: formatQuantity(entry.quantity),
      "unit rate": `${formatRate(entry.unitRate)} (${entry.rateSource.replaceAll("_", " ")})`,
      surcharge: `${formatPercent(entry.surchargeBp)}%`,
      amount: formatAmount(entry.amount, firm.minorDigits),
      billable: entry.billable ? "B" : "NB",
      status: entry.status,
      description: entry.description,
      id: entry.id,
    });
  const amounts = (command: Command) =>
    command
      .option("--quantity <n>", "units, e.g. 1 or 42.5 (default 1)")
      .option("--unit-rate <rate>", "cost per unit; default: the resolved rate")
      .option("--surcharge <percent>", "default: the work code's");

  amounts(entryPlacement(expense.command("add").description("record an expense"))).action(
    async (options: EntryOptions) => {
      const ctx = context();
      for (const required of ["staff", "client", "workcode"] as const) {
        if (!options[required]) throw invalid(`--${required} is required`);
      }
      await ctx.withBackend(async (backend) => {
        const shown = await backend.expenses.add({
          staff: options.staff!,
          client: options.client!,
          project: options.project,
          workCode: options.workcode!,
          date: dateOption("date", options.date) ?? todayIn(ctx.io.clock.now()),
          quantity: quantityOption("quantity", options.quantity),
          unitRate: rateOption("unit-rate", options.unitRate),
          surchargeBp: percentOption("surcharge", options.surcharge),
          billable: billableOption("billable", options.billable),
          description: options.description,
        });
        ctx.output(shown, () => `Recorded expense entry\n${render(shown, backend.firm)}`);
      });
    },
  );
  listPaging(
    listFilterOptions(
      expense.command("list").description("list expense entries (1,000 unless --limit or --all)"),
    ),
  ).action(async (options: ListOptions) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const filter = listFilter(options);
      const page = await backend.expenses.list(filter);
      const rows = page.items;
      const money = (amount: number) => formatAmount(amount, backend.firm.minorDigits);
      outputPage(ctx, "expense entries", filter, page, () =>
        renderTable(
          [
            { header: "Date", value: (e: (typeof rows)[number]) => e.date },
            { header: "Staff", value: (e) => e.staff },
            { header: "Client", value: (e) => e.client + (e.project ? `/${e.project}` : "") },
            { header: "Code", value: (e) => e.workCode },
            { header: "Qty", value: (e) => formatQuantity(e.quantity), align: "right" },
            { header: "Unit rate", value: (e) => formatRate(e.unitRate), align: "right" },
            { header: "Amount", value: (e) => money(e.amount), align: "right" },
            { header: "B/NB", value: (e) => (e.billable ? "B" : "NB") },
            { header: "Status", value: (e) => e.status },
            { header: "Id", value: (e) => e.id },
          ],
          rows,
        ),
      );
    });
  });
  expense.command("show <id>").action(async (id: string) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const shown = await backend.expenses.get(id);
      ctx.output(shown, () => render(shown, backend.firm));
    });
  });
  amounts(
    entryPlacement(expense.command("edit <id>").description("change a draft or submitted expense")),
  ).action(async (id: string, options: EntryOptions) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const shown = await backend.expenses.edit(id, {
        staff: options.staff,
        client: options.client,
        project: options.project,
        workCode: options.workcode,
        date: dateOption("date", options.date),
        quantity: quantityOption("quantity", options.quantity),
        unitRate: rateOption("unit-rate", options.unitRate),
        surchargeBp: percentOption("surcharge", options.surcharge),
        billable: billableOption("billable", options.billable),
        description: options.description,
      });
      ctx.output(shown, () => `Updated expense entry\n${render(shown, backend.firm)}`);
    });
  });
  expense.command("delete <id>").action(async (id: string) => {
    const ctx = context();
    await ctx.withBackend(async (backend) => {
      const deleted = await backend.expenses.delete(id);
      ctx.output({ deleted }, () => `Deleted expense entry ${deleted.id}\n`);
    });
  });
  statusCommands(expense, context, "expense");
}
