/**
 * Merging a desktop firm file with its cloud:
 *   firmtime merge FILE            push and pull now
 *   firmtime status FILE           Offline / Online / Merge notification / Merge conflicts
 *   firmtime conflicts FILE        the conflict log; `conflicts [FILE] restore|dismiss ID`
 *   firmtime log FILE --warnings|--errors [--all]
 *   firmtime integrate FILE --cloud URL (see integrate.ts)
 * The cloud is reached with the token `firmtime login URL` keeps for the file's cloud. On a
 * protected file, what reads the file's data (status, log, conflicts) signs its user in first
 * (--as EMAIL), as every other command does.
 */
import { AppError, invalid } from "../../domain/errors.js";
import { findOnlyFirm } from "../../firm-setup/firm-store.js";
import type { MergeProgress, MergeSummary } from "../../merge/desktop-merge.js";
import type { MergeStatus } from "../../merge/merge-status.js";
import { parseHlc } from "../../merge/hlc.js";
import type { Conflict, LogEntry } from "../../merge/journal-store.js";
import type { RecordLabeler } from "../../merge/record-labels.js";
import { withAuthor } from "../../store/author-context.js";
import { openFirmFile, type Store } from "../../store/database.js";
import { createCloudClient } from "../backend/cloud-client.js";
import { credentialFor } from "../backend/credentials.js";
import type { CliIo, CommandContext } from "../context.js";
import type { Register } from "../context.js";

async function withFile<T>(path: string, work: (store: Store, firmId: string) => Promise<T>): Promise<T> {
  const store = await openFirmFile(path);
  try {
    return await work(store, (await findOnlyFirm(store.db)).id);
  } finally {
    await store.close();
  }
}

/** The HTTP transport to the file's cloud, signed in with the kept token. */
export async function cloudTransportFor(
  io: CliIo,
  cloudUrl: string,
  file?: { fileId: string; replica: string },
) {
  const { httpTransport } = await import("../../merge/sync-client.js");
  const credential = credentialFor(io.env, cloudUrl);
  return httpTransport(createCloudClient(cloudUrl, credential.token, io.fetch), file);
}

/** "push 40%" on a terminal while a long merge runs. */
export function mergeProgressLine(io: CliIo): { update: (p: MergeProgress) => void; clear: () => void } {
  let shown = "";
  const update = (progress: MergeProgress) => {
    if (!io.interactive) return;
    const line =
      progress.total !== null && progress.total > 0
        ? `${progress.phase === "push" ? "Uploading" : "Downloading"} ${progress.done}/${progress.total} changes (${Math.floor((progress.done * 100) / progress.total)}%)`
        : `${progress.phase === "push" ? "Uploading" : "Downloading"} ${progress.done} changes`;
    if (line !== shown) io.stderr(`\r\x1b[K${line}`);
    shown = line;
  };
  return { update, clear: () => void (shown && io.stderr("\r\x1b[K")) };
}

export const describeSummary = (summary: MergeSummary): string =>
  [
    `Merged: ${summary.pushed} change${summary.pushed === 1 ? "" : "s"} up, ${summary.pulled} down`,
    summary.refused ? `, ${summary.refused} refused by the cloud (firmtime log FILE --errors)` : "",
    summary.conflicts
      ? `, ${summary.conflicts} conflict${summary.conflicts === 1 ? "" : "s"} (firmtime conflicts FILE)`
      : "",
    summary.epochChanged
      ? ". The cloud was restored from a backup: everything was sent and fetched again"
      : "",
    ".\n",
  ].join("");

function describeStatus(status: MergeStatus, file: string): string {
  const lines = [`${status.state}${status.reason ? `: ${status.reason}` : ""}\n`];
  if (status.integration === "none") {
    lines.push(`  integrated:          no (nothing goes to a cloud until it is)\n`);
  } else {
    if (status.cloudUrl) lines.push(`  cloud:               ${status.cloudUrl}\n`);
    if (status.integration === "unfinished") lines.push(`  integrated:          unfinished\n`);
    lines.push(`  waiting to go up:    ${status.waitingUp ?? 0}\n`);
    lines.push(`  waiting to come down: ${status.waitingDown ?? "unknown while offline"}\n`);
  }
  lines.push(
    `  held on this desktop: ${status.held}${status.held ? ` negative ${status.held === 1 ? "entry" : "entries"} (firmtime log ${file} --warnings)` : ""}\n`,
  );
  lines.push(`  conflicts:           ${status.conflicts}\n`);
  lines.push(`  refusals:            ${status.refusals}\n`);
  lines.push(`  last merge:          ${status.lastMergeAt ?? "never"}\n`);
  return lines.join("");
}

const show = (value: unknown): string => (value === null ? "(empty)" : JSON.stringify(value));

/** Fields and their values: `name "Acme Ltd", minutes 90`. */
const showFields = (values: Record<string, unknown>): string =>
  Object.entries(values)
    .map(([field, value]) => `${field} ${show(value)}`)
    .join(", ");

/** When a change was made, from its HLC: "2026-06-15 12:00:00 UTC". */
const madeAt = (hlc: string): string =>
  `${new Date(parseHlc(hlc).millis).toISOString().slice(0, 19).replace("T", " ")} UTC`;

async function describeConflicts(labels: RecordLabeler, conflicts: readonly Conflict[]): Promise<string> {
  if (conflicts.length === 0) return "No conflicts.\n";
  const lines: string[] = [];
  for (const c of conflicts) {
    const record = await labels.label(c.tbl, c.rowId);
    const lost = `by ${c.lostAuthor ?? "an unknown author"} at ${madeAt(c.lostHlc)}`;
    const what =
      c.kind === "deleted"
        ? `the edit ${typeof c.lostValue === "string" ? showFields(JSON.parse(c.lostValue) as Record<string, unknown>) : show(c.lostValue)} made ${lost} met a delete`
        : c.kind === "unique"
          ? `${c.field} ${show(c.lostValue)} set ${lost} was taken; kept as ${show(c.keptValue)}`
          : `${c.field} ${show(c.lostValue)} set ${lost} lost to ${show(c.keptValue)}`;
    lines.push(`${c.id}  ${c.status.padEnd(9)} ${record}: ${what}\n`);
  }
  return lines.join("");
}

async function describeLog(labels: RecordLabeler, entries: readonly LogEntry[]): Promise<string> {
  if (entries.length === 0) return "The log is empty.\n";
  const lines: string[] = [];
  for (const e of entries) {
    const record = await labels.label(e.tbl, e.rowId, e.data);
    const closed = e.closedAt ? ` (closed ${e.closedAt})` : "";
    lines.push(`${e.at}  ${e.level.padEnd(7)} ${e.code}  ${record}: ${e.message}${closed}\n`);
    // What the cloud refused stays visible here (merge.md): the desktop holds the cloud's value now.
    if (e.level === "error" && Object.keys(e.data).length > 0)
      lines.push(`    refused: ${showFields(e.data)}\n`);
  }
  return lines.join("");
}

export const registerMergeCommands: Register = (program, context) => {
  program
    .command("merge [file]")
    .description("merge the firm file with its cloud now: send local changes, fetch the cloud's")
    .action(async (file: string | undefined) => {
      const ctx = context();
      const { mergeNow } = await import("../../merge/desktop-merge.js");
      const { integrationUnfinished } = await import("../../merge/desktop-merge.js");
      const { integrationOf, readSyncState } = await import("../../merge/journal-store.js");
      const path = fileOf(ctx, file);
      await withFile(path, async (store, firmId) => {
        const state = await readSyncState(store.db, firmId);
        if (!state.cloudUrl)
          throw new AppError(
            "NOT_INTEGRATED",
            "this file is not integrated with a cloud (firmtime integrate FILE --cloud URL)",
          );
        // Finishing takes the integrating Admin's cloud rights (invitations, permissions).
        if (integrationOf(state) === "unfinished") throw integrationUnfinished(state, path);
        const transport = await cloudTransportFor(ctx.io, state.cloudUrl, {
          fileId: state.fileId,
          replica: state.replicaId,
        });
        const progress = mergeProgressLine(ctx.io);
        try {
          const summary = await mergeNow(store.db, firmId, transport, {
            clock: ctx.io.clock,
            onProgress: progress.update,
          });
          progress.clear();
          ctx.output(summary, () => describeSummary(summary));
        } finally {
          progress.clear();
        }
      });
    });

  program
    .command("status [file]")
    .description("the file's merge state: Offline, Online, Merge notification or Merge conflicts")
    .option("--offline", "do not contact the cloud")
    .action(async (file: string | undefined, options: { offline?: boolean }) => {
      const ctx = context();
      const { mergeStatus } = await import("../../merge/merge-status.js");
      const path = fileOf(ctx, file);
      await withFile(path, async (store, firmId) => {
        await signInToFile(ctx, store, firmId, "see its merge status");
        const status = await mergeStatus(
          store.db,
          firmId,
          options.offline
            ? null
            : async (cursor, replica, fileId, claim) => {
                const { readSyncState } = await import("../../merge/journal-store.js");
                const { cloudUrl } = await readSyncState(store.db, firmId);
                return (await cloudTransportFor(ctx.io, cloudUrl!)).state(cursor, replica, fileId, claim);
              },
          path,
        );
        ctx.output(status, () => describeStatus(status, path));
      });
    });

  program
    .command("conflicts [args...]")
    .description(
      "the conflict log: conflicts [FILE]; conflicts [FILE] restore ID; conflicts [FILE] dismiss ID",
    )
    .option("--all", "include restored and dismissed conflicts")
    .action(async (args: string[], options: { all?: boolean }) => {
      const ctx = context();
      const actionAt = args.findIndex((a) => a === "restore" || a === "dismiss");
      const file = fileOf(ctx, actionAt === 0 ? undefined : args[0]);
      const service = await import("../../merge/conflict-service.js");
      const { listConflicts, getConflict } = await import("../../merge/journal-store.js");
      await withFile(file, async (store, firmId) => {
        const reader = await conflictReader(ctx, store, firmId);
        if (actionAt < 0) {
          if (args.length > 1)
            throw invalid(`unexpected ${args.slice(1).join(" ")}; use: conflicts FILE restore ID`);
          const conflicts = await listConflicts(
            store.db,
            firmId,
            options.all ? undefined : "open",
            reader.seesAll ? undefined : (reader.email ?? ""),
          );
          const { recordLabeler } = await import("../../merge/record-labels.js");
          const text = ctx.json ? "" : await describeConflicts(recordLabeler(store.db, firmId), conflicts);
          ctx.output({ items: conflicts }, () => text);
          return;
        }
        const id = args[actionAt + 1];
        if (!id || args.length > actionAt + 2)
          throw invalid(`name one conflict: conflicts ${args[actionAt]} ID`);
        const conflict = await getConflict(store.db, firmId, id);
        if (conflict && !reader.mayResolve && conflict.lostAuthor !== reader.email) {
          throw new AppError("FORBIDDEN", "resolving other people's conflicts needs the Merge permission", {
            permission: "merge:E",
          });
        }
        // The restored value and the resolution go up in the name of who resolved it.
        const resolved = await withAuthor(reader.email ?? ctx.actor, () =>
          args[actionAt] === "restore"
            ? service.restoreConflict(store.db, firmId, id, ctx.io.clock)
            : service.dismissConflict(store.db, firmId, id, ctx.io.clock),
        );
        const { recordLabeler } = await import("../../merge/record-labels.js");
        const record = await recordLabeler(store.db, firmId).label(resolved.tbl, resolved.rowId);
        ctx.output(resolved, () =>
          resolved.status === "restored"
            ? `Restored: ${record} ${resolved.field} is ${show(resolved.lostValue)} again; it goes to the cloud at the next merge.\n`
            : `Dismissed the conflict over ${record} ${resolved.field}; it closes on the cloud at the next merge.\n`,
        );
      });
    });

  program
    .command("log [file]")
    .description("the merge's warning and error logs")
    .option("--warnings", "only warnings (what integration left out or changed)")
    .option("--errors", "only errors (changes the cloud refused)")
    .option("--all", "include closed warnings (held entries that have gone up since)")
    .action(
      async (file: string | undefined, options: { warnings?: boolean; errors?: boolean; all?: boolean }) => {
        const ctx = context();
        if (options.warnings && options.errors)
          throw invalid("choose --warnings or --errors, or neither for both");
        const { listLog } = await import("../../merge/journal-store.js");
        await withFile(fileOf(ctx, file), async (store, firmId) => {
          const reader = await signInToFile(ctx, store, firmId, "see its merge log");
          if (reader && !reader.mayReadMerge) {
            throw new AppError("FORBIDDEN", "the merge log needs the Merge permission", {
              permission: "merge:R",
            });
          }
          const level = options.warnings ? "warning" : options.errors ? "error" : undefined;
          const entries = await listLog(store.db, firmId, level, { openOnly: !options.all });
          const { recordLabeler } = await import("../../merge/record-labels.js");
          const text = ctx.json ? "" : await describeLog(recordLabeler(store.db, firmId), entries);
          ctx.output({ items: entries }, () => text);
        });
      },
    );
};

/**
 * On a protected file, the user reading its data signs in (--as EMAIL, the file password from
 * FIRMTIME_PASSWORD or a prompt), as for every other command; null on an unprotected file.
 */
async function signInToFile(
  ctx: CommandContext,
  store: Store,
  firmId: string,
  purpose: string,
): Promise<{ email: string; mayReadMerge: boolean; mayEditMerge: boolean } | null> {
  const firm = await findOnlyFirm(store.db);
  if (!firm.protection) return null;
  const email = ctx.options.as ?? ctx.io.env.FIRMTIME_EMAIL;
  if (!email) {
    throw new AppError(
      "UNAUTHENTICATED",
      `this firm file is protected: sign in with --as EMAIL to ${purpose}`,
    );
  }
  const { password } = await import("../password-prompt.js");
  const { checkCredentials } = await import("../../access/login-service.js");
  const { loadRights } = await import("../../access/access-store.js");
  const { allows } = await import("../../access/permissions.js");
  const user = await checkCredentials(
    store.db,
    firmId,
    email,
    await password(ctx, ctx.options.passwordStdin),
  );
  const rights = await loadRights(store.db, firmId, user);
  return {
    email: user.email,
    mayReadMerge: allows(rights, "R", { object: "merge" }),
    mayEditMerge: allows(rights, "E", { object: "merge" }),
  };
}

/**
 * Who reads the conflict log: on a protected file the signed-in user (--as), who sees every
 * conflict with the Merge permission and otherwise those where their own value lost.
 */
async function conflictReader(
  ctx: CommandContext,
  store: Store,
  firmId: string,
): Promise<{ email: string | null; seesAll: boolean; mayResolve: boolean }> {
  const reader = await signInToFile(ctx, store, firmId, "see its conflicts");
  if (!reader) return { email: null, seesAll: true, mayResolve: true };
  return { email: reader.email, seesAll: reader.mayReadMerge, mayResolve: reader.mayEditMerge };
}

function fileOf(ctx: CommandContext, file: string | undefined): string {
  return file ?? ctx.filePath;
}
