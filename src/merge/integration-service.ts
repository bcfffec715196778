/**
 * Integration (merge.md, "Integration"): a desktop firm file joins a cloud firm once.
 *
 * 1. Every prerequisite is checked and every failure reported at once, each with its fix.
 * 2. The cloud firm is bound to the file (refused if bound to another), the file is linked and
 *    marked as integrating (by whom): from here on its identity is fixed, and until step 7 the
 *    integration is unfinished (status says so, merging is refused, running it again resumes).
 * 3. What the cloud does not take is settled on the desktop first, logged as warnings:
 *    expense work codes' negative rates and surcharges become zero.
 * 4. The file's journal is uploaded in batches (a resumed upload sends only what the cloud has
 *    not acknowledged) and the cloud's own records come down. Negative entries are held back
 *    (they stay on this desktop, with a warning), as at every merge (held-records.ts).
 * 5. Every active staff member with an email is invited to activate a cloud account.
 * 6. The file's permissions (custom roles, role assignments) go up, now that every staff member
 *    has a cloud account to be assigned to (permissions-upload.ts).
 * 7. The file is marked integrated: only now, with every step above done.
 */
import { checkCredentials } from "../access/login-service.js";
import { selectActiveAdminIds } from "../access/access-store.js";
import { AppError } from "../domain/errors.js";
import { ALWAYS } from "../domain/rates.js";
import { findFirm, type Firm } from "../firm-setup/firm-store.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { SCHEMA_VERSION } from "../store/migrate.js";
import { inTransaction } from "../store/transaction.js";
import {
  finishIntegrationCommand,
  mergeDuringIntegration,
  type MergeProgress,
  type MergeSummary,
  type SyncTransport,
} from "./desktop-merge.js";
import { linkDesktop } from "./desktop-link.js";
import { createHlcClock, formatHlc } from "./hlc.js";
import {
  appendChange,
  appendLog,
  integrationOf,
  lockSyncState,
  readSyncState,
  updateSyncState,
} from "./journal-store.js";
import type { BindRequest } from "./cloud-binding-service.js";
import type { CloudSyncState } from "./sync-client.js";
import { readPermissions } from "./permissions-upload.js";
import type { PermissionsAnswer, PermissionsUpload } from "./sync-protocol.js";

/** What integration needs of the cloud, signed in as the integrating Admin. */
export interface IntegrationCloud extends SyncTransport {
  firmUrl: string;
  slug: string;
  state(after: number, replica: string): Promise<CloudSyncState>;
  bind(request: BindRequest): Promise<CloudSyncState>;
  /** Sends a staff member an activation email; "already" if they are a user already. */
  inviteStaff(staffId: string): Promise<"invited" | "already">;
  uploadPermissions(fileId: string, upload: PermissionsUpload): Promise<PermissionsAnswer>;
}

export interface PrerequisiteFailure {
  problem: string;
  fix: string;
}

export interface IntegrationRequest {
  /** The desktop user running the integration (--as) and their file password. */
  desktopUser: { email: string; password: string } | null;
  /** The signed-in cloud, or why signing in failed. */
  cloud: IntegrationCloud | AppError;
}

export async function checkPrerequisites(
  db: Db,
  firm: Firm,
  request: IntegrationRequest,
): Promise<{ failures: PrerequisiteFailure[]; cloudState: CloudSyncState | null }> {
  const failures: PrerequisiteFailure[] = [];
  const fail = (problem: string, fix: string) => failures.push({ problem, fix });
  const state = await readSyncState(db, firm.id);

  if (!firm.protection) {
    fail("protection is off in this firm file", "turn it on: firmtime protection on --admin STAFF_NUMBER");
  }
  if (!request.desktopUser) {
    fail(
      "integration is run by a firm administrator, not the built-in supervisor",
      "sign in to the file as its Admin: --as EMAIL (password from FIRMTIME_PASSWORD or a prompt)",
    );
  } else if (firm.protection) {
    try {
      const user = await checkCredentials(
        db,
        firm.id,
        request.desktopUser.email,
        request.desktopUser.password,
      );
      if (!(await selectActiveAdminIds(db, firm.id)).has(user.id)) {
        fail(
          `${user.email} is not an Admin of this firm file`,
          "run it as a user holding the Admin role in the file",
        );
      }
    } catch {
      fail("the email or the password for this firm file is wrong", "check --as EMAIL and the file password");
    }
  }
  await checkPeople(db, firm.id, fail);
  const progress = integrationOf(state);
  if (progress === "finished") {
    fail(
      `this file is already integrated with ${state.cloudUrl ?? "a cloud"}`,
      "merge it instead: firmtime merge FILE",
    );
  } else if (
    progress === "unfinished" &&
    !(request.cloud instanceof AppError) &&
    state.cloudUrl !== request.cloud.firmUrl
  ) {
    fail(
      `this file's integration with ${state.cloudUrl} is unfinished`,
      `finish it: ${finishIntegrationCommand(state)}`,
    );
  }

  let cloudState: CloudSyncState | null = null;
  if (request.cloud instanceof AppError) {
    const code = request.cloud.code;
    fail(
      code === "UNAUTHENTICATED"
        ? `the cloud did not accept ${request.desktopUser?.email ?? "your email"} and that password`
        : `cannot use the cloud: ${request.cloud.message}`,
      code === "UNAUTHENTICATED"
        ? "use the email of an Admin of the cloud firm (the same as in the file) and its cloud password (FIRMTIME_CLOUD_PASSWORD or the prompt)"
        : "check the cloud URL (https://HOST/f/FIRM) and the network",
    );
  } else {
    try {
      cloudState = await request.cloud.state(0, state.replicaId);
      if (cloudState.schema !== SCHEMA_VERSION) {
        fail(
          `the cloud is at schema ${cloudState.schema} and this file at ${SCHEMA_VERSION}`,
          "upgrade firmtime where it is older",
        );
      }
      if (cloudState.boundFileId && cloudState.boundFileId !== state.fileId) {
        fail(
          "the cloud firm is already bound to another firm file",
          "integrate into a new cloud firm (firmtime firm create on the cloud)",
        );
      }
    } catch (error) {
      const forbidden = (error as { code?: unknown }).code === "FORBIDDEN";
      fail(
        forbidden
          ? "your cloud account is not an Admin of the cloud firm"
          : `the cloud did not answer: ${(error as Error).message}`,
        forbidden
          ? "integrate as a user holding the Admin role on the cloud firm"
          : "check the cloud URL and the network",
      );
    }
  }
  return { failures, cloudState };
}

/** Every staff member and contact has a first name, a last name and an email no one else has. */
async function checkPeople(db: Db, firmId: string, fail: (problem: string, fix: string) => void) {
  const people = [
    ...(
      await db
        .selectFrom("staff")
        .select(["staff_number as key", "first_name", "last_name", "email"])
        .where("firm_id", "=", firmId)
        .execute()
    ).map((p) => ({ ...p, what: `staff member ${p.key}`, fix: `firmtime staff edit ${p.key}` })),
    ...(
      await db
        .selectFrom("contact")
        .select(["id as key", "first_name", "last_name", "email"])
        .where("firm_id", "=", firmId)
        .execute()
    ).map((p) => ({
      ...p,
      what: `contact ${p.first_name} ${p.last_name} (${p.key})`,
      fix: `firmtime contact edit ${p.key}`,
    })),
  ];
  const owners = new Map<string, string[]>();
  for (const person of people) {
    const missing: [string, string][] = [];
    if (!person.first_name.trim()) missing.push(["first name", "--first NAME"]);
    if (!person.last_name.trim()) missing.push(["last name", "--last NAME"]);
    if (!person.email) missing.push(["email", "--email EMAIL"]);
    if (missing.length) {
      fail(
        `${person.what} has no ${missing.map(([what]) => what).join(" and no ")}`,
        `${person.fix} ${missing.map(([, option]) => option).join(" ")}`,
      );
    }
    if (person.email) owners.set(person.email, [...(owners.get(person.email) ?? []), person.what]);
  }
  for (const [email, who] of owners) {
    if (who.length > 1)
      fail(`${who.join(" and ")} share the email ${email}`, "give each of them their own email");
  }
}

export interface IntegrationSummary {
  merge: MergeSummary;
  /** Records that reached the cloud, per kind. */
  merged: Record<string, number>;
  warnings: number;
  errors: number;
  invited: number;
  /** Custom roles and role assignments the cloud holds from the file, and those it refused. */
  permissions: { roles: number; assignments: number; refused: number };
}

export async function integrate(
  db: Db,
  firmId: string,
  cloud: IntegrationCloud,
  cloudState: CloudSyncState,
  options: {
    clock: Clock;
    /** The email of the Admin running it, named in the command that finishes it if interrupted. */
    by?: string;
    onProgress?: (progress: MergeProgress) => void;
  },
): Promise<IntegrationSummary> {
  const state = await readSyncState(db, firmId);
  const staff = (
    await db
      .selectFrom("staff")
      .select(["id", "email", "staff_number", "status"])
      .where("firm_id", "=", firmId)
      .execute()
  ).map((s) => ({ id: s.id, email: s.email, staffNumber: s.staff_number, active: s.status === "active" }));
  await cloud.bind({
    fileId: state.fileId,
    staff: staff.map(({ id, email, staffNumber }) => ({ id, email, staffNumber })),
    finish: false,
  });
  await inTransaction(db, async (tx) => {
    const locked = await lockSyncState(tx, firmId);
    await linkDesktop(tx, firmId, {
      cloudUrl: cloud.firmUrl,
      cloudSlug: cloud.slug,
      cloudReplica: cloudState.cloudReplica,
      epoch: cloudState.epoch,
    });
    // A resumed integration keeps the name of the Admin who started it.
    if (locked.integratingAs === null || locked.integratingAs === "") {
      await updateSyncState(tx, firmId, { integratingAs: options.by?.toLowerCase() ?? "" });
    }
  });
  await settleWhatTheCloudDoesNotTake(db, firmId, options.clock);
  const merge = await mergeDuringIntegration(db, firmId, cloud, {
    clock: options.clock,
    onProgress: options.onProgress,
  });

  await cloud.bind({ fileId: state.fileId, staff: [], finish: true });
  let invited = 0;
  // Staff who have left keep their history but get no account: the cloud refuses to invite them.
  const invitable = staff.filter((member) => member.email !== null && member.active);
  for (const member of invitable) if ((await cloud.inviteStaff(member.id)) === "invited") invited++;

  const permissions = await cloud.uploadPermissions(state.fileId, await readPermissions(db, firmId));
  await logRefusedPermissions(db, firmId, permissions, options.clock);

  await updateSyncState(db, firmId, { integratedAt: options.clock.now().toISOString() });
  const merged = await db
    .selectFrom("sync_change")
    .select(["tbl", (eb) => eb.fn.count<number>("row_id").distinct().as("n")])
    .where("firm_id", "=", firmId)
    .where("replica", "=", state.replicaId)
    .where("cloud_seq", ">", 0)
    .groupBy("tbl")
    .execute();
  const logCount = async (level: "warning" | "error") =>
    Number(
      (
        await db
          .selectFrom("sync_log")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("firm_id", "=", firmId)
          .where("level", "=", level)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    merge,
    merged: Object.fromEntries(merged.map((row) => [row.tbl, Number(row.n)])),
    warnings: await logCount("warning"),
    errors: await logCount("error"),
    invited,
    permissions: {
      roles: permissions.roles.created + permissions.roles.updated + permissions.roles.unchanged,
      assignments: permissions.assignments.created + permissions.assignments.already,
      refused: permissions.refused.length,
    },
  };
}

/** What the cloud refused of the file's permissions goes to this file's error log too. */
async function logRefusedPermissions(db: Db, firmId: string, answer: PermissionsAnswer, clock: Clock) {
  const at = clock.now().toISOString();
  const logged = new Set(
    (
      await db
        .selectFrom("sync_log")
        .select("row_id")
        .where("firm_id", "=", firmId)
        .where("tbl", "=", "permissions")
        .execute()
    ).map((row) => row.row_id),
  );
  for (const refusal of answer.refused) {
    if (logged.has(refusal.what)) continue; // a resumed integration logged it already
    await appendLog(db, firmId, {
      at,
      level: "error",
      code: refusal.code,
      tbl: "permissions",
      rowId: refusal.what,
      hlc: null,
      message: `the cloud refused ${refusal.what}: ${refusal.message}`,
      data: {},
    });
  }
}

/**
 * Before the first upload, in one transaction (a resumed integration finds nothing left to do):
 * the firm's profile is journaled afresh, whole and with its creation date, as a birth newer
 * than the cloud firm's (change.ts, isBirth): the cloud keeps the file's profile as it is, and
 * neither side logs a conflict for a profile nobody edited against the other;
 * expense work codes' negative rates and surcharges become 0.
 */
async function settleWhatTheCloudDoesNotTake(db: Db, firmId: string, clock: Clock): Promise<void> {
  const at = clock.now().toISOString();
  await inTransaction(db, async (tx) => {
    const state = await lockSyncState(tx, firmId);
    const firm = await findFirm(tx, firmId);
    const hlcClock = createHlcClock(state.replicaId, Date.now, { last: state.clock });
    const hlc = formatHlc(hlcClock.tick());
    await updateSyncState(tx, firmId, { clock: hlcClock.last() });
    await appendChange(tx, firmId, {
      hlc,
      tbl: "firm",
      rowId: "firm",
      op: "put",
      data: {
        name: firm.name,
        currency: firm.currency,
        minor_digits: firm.minorDigits,
        time_increment: firm.timeIncrement,
        lock_date: firm.lockDate,
        fiscal_year_start_month: firm.fiscalYearStartMonth,
        created_at: firm.createdAt,
      },
      seen: state.cursor,
      cloudSeq: null,
    });

    const surcharged = await tx
      .selectFrom("work_code")
      .select(["id", "code", "surcharge_bp"])
      .where("firm_id", "=", firmId)
      .where("kind", "=", "expense")
      .where("surcharge_bp", "<", 0)
      .execute();
    for (const code of surcharged) {
      await tx
        .updateTable("work_code")
        .set({ surcharge_bp: 0, updated_at: at })
        .where("id", "=", code.id)
        .execute();
      await appendLog(tx, firmId, {
        at,
        level: "warning",
        code: "NEGATIVE_SURCHARGE_ZEROED",
        tbl: "work_code",
        rowId: code.id,
        hlc: null,
        message: `expense work code ${code.code} had a negative surcharge (${code.surcharge_bp} basis points); it is merged as 0`,
        data: { surcharge_bp: code.surcharge_bp },
      });
    }
    const negativeRates = await tx
      .selectFrom("rate")
      .innerJoin("work_code", (join) =>
        join.onRef("work_code.id", "=", "rate.work_code_id").onRef("work_code.firm_id", "=", "rate.firm_id"),
      )
      .select(["rate.id", "rate.rate", "rate.effective_date", "work_code.code"])
      .where("rate.firm_id", "=", firmId)
      .where("work_code.kind", "=", "expense")
      .where("rate.rate", "<", 0)
      .execute();
    for (const rate of negativeRates) {
      await tx.updateTable("rate").set({ rate: 0, updated_at: at }).where("id", "=", rate.id).execute();
      await appendLog(tx, firmId, {
        at,
        level: "warning",
        code: "NEGATIVE_RATE_ZEROED",
        tbl: "rate",
        rowId: rate.id,
        hlc: null,
        // The work code's own rate applies from ALWAYS, a placeholder no one should read as a date.
        message: `expense work code ${rate.code} had a negative rate${rate.effective_date === ALWAYS ? "" : ` from ${rate.effective_date}`} (${rate.rate}); it is merged as 0`,
        data: {
          rate: rate.rate,
          effective_date: rate.effective_date === ALWAYS ? null : rate.effective_date,
        },
      });
    }
  });
}
