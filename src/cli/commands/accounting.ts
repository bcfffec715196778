/**
 * `firmtime accounting ...`: the accounting connector from the command line, on a cloud (as the
 * signed-in user, through the same API routes as the web app). Nothing here talks to the books:
 * `transfer`, `import`, `readiness` and `export` queue a run for `firmtime connector`, and with
 * --wait follow it until it ends (Ctrl-C stops following, not the run). --json everywhere.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { AppError, invalid } from "../../domain/errors.js";
import { createCloudClient, type CloudClient } from "../backend/cloud-client.js";
import { credentialFor, normaliseFirmUrl } from "../backend/credentials.js";
import type { CommandContext, Register } from "../context.js";
import { choiceOption } from "./parse-options.js";

/** One of `choices`, or a one-line error naming the option. */
const choose = <T extends string>(value: string, choices: readonly T[], option: string): T =>
  choiceOption(option.replace(/^--/, ""), value, choices)!;

interface Run {
  id: string;
  kind: string;
  target: string;
  requestedBy: { id: string; email: string } | null;
  requestedAt: string;
  finishedAt: string | null;
  status: "queued" | "running" | "done" | "failed" | "refused";
  phase: string | null;
  progress: { done: number; total: number };
  summary: Record<string, number> | null;
  error: string | null;
  fileName: string | null;
}

interface RunItem {
  seq: number;
  phase: string;
  outcome: string;
  name: string;
  message: string;
  localId: string | null;
  externalId: string | null;
}

function cloudOf(ctx: CommandContext): CloudClient {
  const cloudUrl = ctx.cloudUrl;
  if (!cloudUrl)
    throw invalid(
      "accounting commands act on a cloud: pass --cloud URL (or set FIRMTIME_CLOUD), after `firmtime login URL`",
    );
  const firmUrl = normaliseFirmUrl(cloudUrl);
  return createCloudClient(firmUrl, credentialFor(ctx.io.env, firmUrl).token, ctx.io.fetch);
}

const describeRun = (run: Run): string => {
  const who = run.requestedBy ? ` by ${run.requestedBy.email}` : "";
  const progress =
    run.status === "running" && run.progress.total > 0
      ? ` (${run.phase ?? ""} ${run.progress.done}/${run.progress.total})`
      : run.status === "running" && run.phase
        ? ` (${run.phase})`
        : "";
  const counts = run.summary
    ? Object.entries(run.summary)
        .map(([key, count]) => `${key.replace(".", " ")} ${count}`)
        .join(", ")
    : "";
  return [
    `${run.id}  ${run.kind} (${run.target})  ${run.status}${progress}  asked ${run.requestedAt}${who}`,
    counts ? `  ${counts}` : "",
    run.error ? `  ${run.error}` : "",
    run.fileName ? `  file: ${run.fileName}` : "",
  ]
    .filter(Boolean)
    .join("\n");
};

const FINISHED = new Set(["done", "failed", "refused"]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Follows a run until it ends, showing its phase on stderr; Ctrl-C stops following only. */
async function waitFor(ctx: CommandContext, cloud: CloudClient, run: Run, pollMs: number): Promise<Run> {
  let current = run;
  let shown = "";
  let interrupted = false;
  const onInterrupt = () => (interrupted = true);
  process.once("SIGINT", onInterrupt);
  try {
    while (!FINISHED.has(current.status)) {
      if (interrupted) {
        ctx.io.stderr(`stopped following; the run goes on: firmtime accounting run ${current.id}\n`);
        return current;
      }
      const line = `${current.status} ${current.phase ?? ""} ${current.progress.done}/${current.progress.total}`;
      if (line !== shown) ctx.io.stderr(`${line}\n`);
      shown = line;
      await sleep(pollMs);
      current = await cloud.request<Run>("GET", `/accounting/runs/${current.id}`);
    }
    return current;
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}

interface AskOptions {
  wait?: boolean;
  pollMs?: string;
  format?: string;
  again?: boolean;
  out?: string;
}

async function ask(ctx: CommandContext, kind: string, options: AskOptions) {
  const cloud = cloudOf(ctx);
  const body = {
    kind,
    ...(options.format !== undefined && {
      format: choose(options.format, ["iif", "hledger"], "--format"),
    }),
    ...(options.again && { again: true }),
  };
  let run = await cloud.request<Run>("POST", "/accounting/runs", body);
  if (options.wait) {
    const pollMs = Number(options.pollMs ?? "1000");
    if (!Number.isInteger(pollMs) || pollMs < 100)
      throw invalid("--poll-ms is a whole number of milliseconds from 100");
    run = await waitFor(ctx, cloud, run, pollMs);
    if (options.out && run.status === "done" && run.fileName) {
      const text = await fetchFile(cloud, run.id);
      writeFileSync(options.out, text);
    }
  }
  ctx.output(run, () => `${describeRun(run)}\n`);
  if (run.status === "failed" || run.status === "refused")
    throw new AppError(
      run.status === "refused" ? "FORBIDDEN" : "PREREQUISITES",
      `the ${kind} ${run.status}: ${run.error ?? ""}`,
    );
}

/** The export file's text: the API answers it as an attachment, not JSON. */
const fetchFile = (cloud: CloudClient, runId: string): Promise<string> =>
  cloud.requestText("GET", `/accounting/runs/${runId}/file`);

export const registerAccountingCommands: Register = (program: Command, context) => {
  const accounting = program
    .command("accounting")
    .description(
      "transfer lists, time and expenses to the books (QuickBooks Online, IIF, hledger) through the connector",
    );

  accounting
    .command("status")
    .description("the firm's accounting settings, connection and mappings")
    .action(async () => {
      const ctx = context();
      const status = await cloudOf(ctx).request<{
        settings: {
          target: string;
          relationship: string;
          leads: Record<string, string>;
          schedule: string;
          scheduleHour: number;
        };
        connection: { state: string; realmId: string | null; lastError: string | null };
        vendorStaffIds: string[];
      }>("GET", "/accounting");
      ctx.output(status, () =>
        [
          `target: ${status.settings.target}  relationship: ${status.settings.relationship}`,
          `leads: ${Object.entries(status.settings.leads)
            .map(([list, side]) => `${list} ${side}`)
            .join(", ")}`,
          `schedule: ${status.settings.schedule === "nightly" ? `nightly at ${status.settings.scheduleHour}:00 UTC` : "off"}`,
          `connection: ${status.connection.state}${status.connection.realmId ? ` (company ${status.connection.realmId})` : ""}${
            status.connection.lastError ? ` — ${status.connection.lastError}` : ""
          }`,
          `vendors among staff: ${status.vendorStaffIds.length}`,
          "",
        ].join("\n"),
      );
    });

  accounting
    .command("settings")
    .description("change the accounting settings (only the options given)")
    .option("--target <target>", "qbo, iif or hledger")
    .option(
      "--relationship <relationship>",
      "jobs (project → job, work code → item) or items (project → item)",
    )
    .option("--employees-lead <side>", "firmtime or accounting")
    .option("--customers-lead <side>", "firmtime or accounting")
    .option("--vendors-lead <side>", "firmtime or accounting")
    .option("--expense-account <id>", "the books' default expense account id ('none' to clear)")
    .option("--schedule <schedule>", "nightly or off")
    .option("--schedule-hour <hour>", "the nightly run's hour, 0-23 UTC")
    .action(async (options: Record<string, string | undefined>) => {
      const ctx = context();
      const sides = ["firmtime", "accounting"] as const;
      const leads = Object.fromEntries(
        (["employees", "customers", "vendors"] as const)
          .filter((list) => options[`${list}Lead`] !== undefined)
          .map((list) => [list, choose(options[`${list}Lead`]!, sides, `--${list}-lead`)]),
      );
      const hour = options.scheduleHour;
      if (hour !== undefined && !/^\d{1,2}$/.test(hour))
        throw invalid("--schedule-hour is a whole number from 0 to 23");
      const body = {
        ...(options.target !== undefined && {
          target: choose(options.target, ["qbo", "iif", "hledger"], "--target"),
        }),
        ...(options.relationship !== undefined && {
          relationship: choose(options.relationship, ["jobs", "items"], "--relationship"),
        }),
        ...(Object.keys(leads).length > 0 && { leads }),
        ...(options.expenseAccount !== undefined && {
          expenseAccountId: options.expenseAccount === "none" ? null : options.expenseAccount,
        }),
        ...(options.schedule !== undefined && {
          schedule: choose(options.schedule, ["nightly", "off"], "--schedule"),
        }),
        ...(hour !== undefined && { scheduleHour: Number(hour) }),
      };
      const settings = await cloudOf(ctx).request<unknown>("PATCH", "/accounting/settings", body);
      ctx.output(settings, () => "settings saved\n");
    });

  accounting
    .command("worker <staffId> <kind>")
    .description("a staff member is an employee or a vendor (contractor) in the books")
    .action(async (staffId: string, kind: string) => {
      const ctx = context();
      const chosen = choose(kind, ["employee", "vendor"], "kind");
      await cloudOf(ctx).request("PUT", `/accounting/workers/${encodeURIComponent(staffId)}`, {
        kind: chosen,
      });
      ctx.output({ staffId, kind: chosen }, () => `staff member ${staffId} is a ${chosen} in the books\n`);
    });

  accounting
    .command("expense-account <workCodeId> <accountId>")
    .description("the books' expense account for an expense work code ('default' for the default account)")
    .action(async (workCodeId: string, accountId: string) => {
      const ctx = context();
      const value = accountId === "default" ? null : accountId;
      await cloudOf(ctx).request("PUT", `/accounting/expense-accounts/${encodeURIComponent(workCodeId)}`, {
        accountId: value,
      });
      ctx.output({ workCodeId, accountId: value }, () => "expense account saved\n");
    });

  accounting
    .command("links")
    .description("the links between firmtime's records and the books' records")
    .action(async () => {
      const ctx = context();
      const { items } = await cloudOf(ctx).request<{
        items: {
          localKind: string;
          localId: string;
          externalKind: string;
          externalId: string;
          localName: string;
          externalName: string;
        }[];
      }>("GET", "/accounting/links");
      ctx.output(items, () =>
        items.length === 0
          ? "nothing is linked yet\n"
          : items
              .map(
                (link) =>
                  `${link.localKind} ${link.localName} (${link.localId}) ↔ ${link.externalKind} ${link.externalName} (${link.externalId})\n`,
              )
              .join(""),
      );
    });

  accounting
    .command("unlink <localKind> <id>")
    .description("unlink a staff member, client, project or work_code from its record in the books")
    .action(async (localKind: string, id: string) => {
      const ctx = context();
      const kind = choose(localKind, ["staff", "client", "project", "work_code"], "kind");
      await cloudOf(ctx).request("DELETE", `/accounting/links/${kind}/${encodeURIComponent(id)}`);
      ctx.output({ unlinked: { localKind: kind, id } }, () => "unlinked\n");
    });

  const runCommand = (name: string, kind: string, description: string) =>
    accounting
      .command(name)
      .description(description)
      .option("--wait", "follow the run until it ends, showing its progress")
      .option("--poll-ms <ms>", "how often --wait asks (default 1000)");

  runCommand(
    "transfer",
    "transfer",
    "transfer now: lists, jobs and items, then approved time and expenses",
  ).action((options: AskOptions) => ask(context(), "transfer", options));
  runCommand("import", "import", "import now: lists, jobs and items only, in the directions set").action(
    (options: AskOptions) => ask(context(), "import", options),
  );
  runCommand("readiness", "readiness", "check whether the two systems' lists agree (changes nothing)").action(
    (options: AskOptions) => ask(context(), "readiness", options),
  );
  runCommand("export", "export", "write approved time and expenses to an IIF file or an hledger journal")
    .requiredOption("--format <format>", "iif or hledger")
    .option("--again", "include entries exported before")
    .option("--out <file>", "with --wait: save the file here")
    .action((options: AskOptions) => ask(context(), "export", options));

  accounting
    .command("runs")
    .description("the firm's runs, newest first")
    .option("--limit <n>", "how many (default 20)", "20")
    .action(async (options: { limit: string }) => {
      const ctx = context();
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200)
        throw invalid("--limit is a whole number from 1 to 200");
      const { items } = await cloudOf(ctx).request<{ items: Run[] }>(
        "GET",
        `/accounting/runs?limit=${limit}`,
      );
      ctx.output(items, () =>
        items.length ? items.map((run) => `${describeRun(run)}\n`).join("") : "no runs yet\n",
      );
    });

  accounting
    .command("run <id>")
    .description("one run, and with --items what it moved, refused or left waiting, and why")
    .option("--items", "list the run's items")
    .option("--outcome <outcome>", "only items with this outcome (posted, waiting, duplicate, ...)")
    .action(async (id: string, options: { items?: boolean; outcome?: string }) => {
      const ctx = context();
      const cloud = cloudOf(ctx);
      const run = await cloud.request<Run>("GET", `/accounting/runs/${encodeURIComponent(id)}`);
      const items: RunItem[] = [];
      if (options.items || options.outcome) {
        let after: number | undefined;
        for (;;) {
          const query = new URLSearchParams({ limit: "1000" });
          if (after !== undefined) query.set("after", String(after));
          if (options.outcome) query.set("outcome", options.outcome);
          const page = await cloud.request<{ items: RunItem[] }>(
            "GET",
            `/accounting/runs/${run.id}/items?${query.toString()}`,
          );
          items.push(...page.items);
          if (page.items.length < 1000) break;
          after = page.items.at(-1)!.seq;
        }
      }
      ctx.output(options.items || options.outcome ? { run, items } : run, () =>
        [
          `${describeRun(run)}\n`,
          ...items.map((item) => `  ${item.phase} ${item.outcome}  ${item.name}: ${item.message}\n`),
        ].join(""),
      );
    });
};
