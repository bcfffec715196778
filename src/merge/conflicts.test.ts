/**
 * The conflict log as a firm meets it (issue 10, item 5): integration records no conflict of its
 * own making, records born on two replicas do not conflict on their birth metadata, a conflict
 * resolved on one side is closed on the other, and the log names records as people know them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUPERVISOR, type Actor } from "../access/authorize.js";
import type { UserAccount } from "../access/account-store.js";
import { createCloudFirm } from "../access/firm-bootstrap.js";
import { addClient, editClient, getClient } from "../firm-setup/client-service.js";
import { createFirm, type FirmInput } from "../firm-setup/firm-service.js";
import { findFirm, type Firm } from "../firm-setup/firm-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { addStaffGroup, addStaffGroupMember, listStaffGroups } from "../firm-setup/staff-group-service.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { withAuthor } from "../store/author-context.js";
import { fixedClock, type Clock } from "../store/clock.js";
import { createFirmFile, type Engine, type Store } from "../store/database.js";
import { runCli } from "../test-support/cli.js";
import { directTransport, inProcessCloud } from "../test-support/merge.js";
import { ENGINES, openTestStore } from "../test-support/stores.js";
import { pushChanges } from "./cloud-sync-service.js";
import { resolutionRowId } from "./conflict-resolution.js";
import { dismissConflict, restoreConflict } from "./conflict-service.js";
import { mergeNow } from "./desktop-merge.js";
import { formatHlc } from "./hlc.js";
import { integrate } from "./integration-service.js";
import { listConflicts, listLog, type Conflict } from "./journal-store.js";
import { SCHEMA_VERSION } from "../store/migrate.js";

const ADMIN = "ada@harbor.test";
/** HLCs follow the machine's clock: "later" means a few milliseconds later. */
const later = () => new Promise((resolve) => setTimeout(resolve, 5));

const FILE_PROFILE: FirmInput = {
  name: "Harbor & Pine CPAs",
  currency: "CAD",
  timeIncrement: 15,
  fiscalYearStartMonth: 7,
  lockDate: "2025-12-31",
};

interface Pair {
  cloud: Store;
  cloudFirm: Firm;
  desktop: Store;
  desktopFirm: Firm;
  file: string;
  dispose(): Promise<void>;
}

/** A firm file with its Admin, a second staff member in a group, and a client. */
async function openFile(clock: Clock): Promise<{ store: Store; firm: Firm; dir: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), "firmtime-conflicts-"));
  const file = join(dir, "harbor.firm");
  const store = await createFirmFile(file);
  const firm = await createFirm(store.db, clock, FILE_PROFILE);
  const scope = { firm, clock, actor: "test" };
  await addStaff(store.db, scope, { staffNumber: "AA", firstName: "Ada", lastName: "Admin", email: ADMIN });
  await addStaff(store.db, scope, {
    staffNumber: "JD",
    firstName: "Jane",
    lastName: "Doe",
    email: "jane@harbor.test",
  });
  await addStaffGroup(store.db, scope, "Tax team");
  await addClient(store.db, scope, { code: "ACME", name: "Acme Ltd" });
  return { store, firm, dir, file };
}

async function openCloudFirm(engine: Engine, clock: Clock): Promise<{ store: Store; firm: Firm }> {
  const store = await openTestStore(engine);
  const { firm } = await createCloudFirm(store.db, clock, {
    name: "Harbor (cloud)",
    slug: "harbor",
    admin: { email: ADMIN, firstName: "Ada", lastName: "Admin" },
  });
  return { store, firm };
}

/** A firm file and a cloud firm, born in the order given, integrated. */
async function integratedPair(engine: Engine, older: "file" | "cloud"): Promise<Pair> {
  const fileClock = fixedClock("2025-03-01T09:00:00.000Z");
  const cloudClock = fixedClock("2026-06-15T12:00:00.000Z");
  let file: Awaited<ReturnType<typeof openFile>>;
  let cloud: Awaited<ReturnType<typeof openCloudFirm>>;
  if (older === "file") {
    file = await openFile(fileClock);
    await later();
    cloud = await openCloudFirm(engine, cloudClock);
  } else {
    cloud = await openCloudFirm(engine, cloudClock);
    await later();
    file = await openFile(fileClock);
  }
  const connection = inProcessCloud(cloud.store, cloud.firm.id, ADMIN, cloudClock);
  await integrate(file.store.db, file.firm.id, connection, await connection.state(0, ""), {
    clock: cloudClock,
  });
  return {
    cloud: cloud.store,
    cloudFirm: await findFirm(cloud.store.db, cloud.firm.id),
    desktop: file.store,
    desktopFirm: await findFirm(file.store.db, file.firm.id),
    file: file.file,
    dispose: async () => {
      await file.store.close();
      rmSync(file.dir, { recursive: true, force: true });
      await cloud.store.close();
    },
  };
}

const profileOf = ({ id: _id, slug: _slug, protection: _p, updatedAt: _u, ...profile }: Firm) => profile;

describe.each(ENGINES)("integration records no conflict of its own making, on %s", (engine) => {
  it.each(["file", "cloud"] as const)(
    "when the %s was born first: no conflict on either side, and the cloud takes the file's profile as it is",
    async (older) => {
      const pair = await integratedPair(engine, older);
      try {
        expect(await listConflicts(pair.desktop.db, pair.desktopFirm.id)).toEqual([]);
        expect(await listConflicts(pair.cloud.db, pair.cloudFirm.id)).toEqual([]);
        expect(profileOf(pair.cloudFirm)).toEqual(profileOf(pair.desktopFirm));
        expect(pair.desktopFirm).toMatchObject({
          name: "Harbor & Pine CPAs",
          createdAt: "2025-03-01T09:00:00.000Z",
        });
      } finally {
        await pair.dispose();
      }
    },
  );
});

/** Jane, a staff user of the cloud firm without the Merge permission. */
const jane: Actor = {
  kind: "user",
  user: { id: "jane", email: "jane@harbor.test", staffId: "jd" } as unknown as UserAccount,
  rights: {
    unrestricted: false,
    staffId: "jd",
    contactId: null,
    assignments: [],
    managedEntityIds: new Set(),
  },
  sessionId: null,
  tokenId: null,
};

describe.each(ENGINES)("after integration, on %s", (engine) => {
  const clock = fixedClock("2026-06-16T09:00:00.000Z");
  let pair: Pair;
  let desktop: FirmScope;
  let cloud: FirmScope;
  const merge = (actor: Actor = SUPERVISOR) =>
    mergeNow(pair.desktop.db, desktop.firm.id, directTransport(pair.cloud, cloud.firm.id, clock, actor), {
      clock,
    });
  const conflictsOn = (side: "desktop" | "cloud") =>
    side === "desktop"
      ? listConflicts(pair.desktop.db, desktop.firm.id)
      : listConflicts(pair.cloud.db, cloud.firm.id);
  /** Ada edits a client field on the desktop; a moment later someone edits it on the cloud. */
  async function concurrentEdit(field: "notes" | "address", mine: string, theirs: string) {
    await withAuthor(ADMIN, () => editClient(pair.desktop.db, desktop, "ACME", { [field]: mine }));
    await later();
    await withAuthor("bo@harbor.test", () => editClient(pair.cloud.db, cloud, "ACME", { [field]: theirs }));
    await merge();
  }
  const conflictOver = (conflicts: Conflict[], field: string) => conflicts.find((c) => c.field === field)!;

  beforeAll(async () => {
    pair = await integratedPair(engine, "file");
    desktop = { firm: pair.desktopFirm, clock, actor: "desktop" };
    cloud = { firm: pair.cloudFirm, clock, actor: "cloud" };
  });
  afterAll(async () => {
    await pair?.dispose();
  });

  it("one staff member put in one group on both sides while apart is no conflict", async () => {
    const group = (await listStaffGroups(pair.desktop.db, desktop))[0]!;
    const staffId = async (db: Store["db"]) =>
      (await db.selectFrom("staff").select("id").where("staff_number", "=", "JD").executeTakeFirstOrThrow())
        .id;
    await addStaffGroupMember(pair.desktop.db, desktop, group.id, await staffId(pair.desktop.db));
    await later();
    await addStaffGroupMember(pair.cloud.db, cloud, group.id, await staffId(pair.cloud.db));
    await merge();
    expect(await conflictsOn("desktop")).toEqual([]);
    expect(await conflictsOn("cloud")).toEqual([]);
    const members = async (db: Store["db"], firmId: string) =>
      (await db.selectFrom("staff_group_member").select("staff_id").where("firm_id", "=", firmId).execute())
        .length;
    expect(await members(pair.desktop.db, desktop.firm.id)).toBe(1);
    expect(await members(pair.cloud.db, cloud.firm.id)).toBe(1);
  });

  it("a conflict dismissed on the desktop closes on the cloud at the next merge", async () => {
    await concurrentEdit("notes", "desktop note", "cloud note");
    const mine = conflictOver(await conflictsOn("desktop"), "notes");
    expect(mine).toMatchObject({ status: "open", lostValue: "desktop note", lostAuthor: ADMIN });
    expect(conflictOver(await conflictsOn("cloud"), "notes")).toMatchObject({ status: "open" });

    const dismissed = await dismissConflict(pair.desktop.db, desktop.firm.id, mine.id, clock);
    await merge();
    expect(conflictOver(await conflictsOn("cloud"), "notes")).toMatchObject({
      status: "dismissed",
      resolvedAt: dismissed.resolvedAt,
    });
    expect(conflictOver(await conflictsOn("desktop"), "notes")).toMatchObject({ status: "dismissed" });
    // Nothing more to send or fetch: the resolution was acknowledged once.
    expect(await merge()).toMatchObject({ pushed: 0, pulled: 0 });
  });

  it("a conflict restored on the cloud brings the value back and closes on the desktop", async () => {
    await concurrentEdit("address", "1 Desk St", "2 Cloud Rd");
    const theirs = conflictOver(await conflictsOn("cloud"), "address");
    await restoreConflict(pair.cloud.db, cloud.firm.id, theirs.id, clock);
    await merge();
    expect((await getClient(pair.desktop.db, desktop, "ACME")).address).toBe("1 Desk St");
    expect(conflictOver(await conflictsOn("desktop"), "address")).toMatchObject({
      status: "restored",
      resolvedAt: "2026-06-16T09:00:00.000Z",
    });
  });

  it("the cloud refuses to close a colleague's conflict for a user without the Merge permission; it reopens on the desktop", async () => {
    await concurrentEdit("notes", "desktop again", "cloud again");
    const mine = conflictOver(
      (await conflictsOn("desktop")).filter((c) => c.status === "open"),
      "notes",
    );
    await withAuthor("jane@harbor.test", () =>
      dismissConflict(pair.desktop.db, desktop.firm.id, mine.id, clock),
    );
    const summary = await merge(jane);
    expect(summary.refused).toBe(1);
    const open = (c: Conflict) => c.lostHlc === mine.lostHlc;
    expect((await conflictsOn("cloud")).find(open)).toMatchObject({ status: "open" });
    expect((await conflictsOn("desktop")).find(open)).toMatchObject({ status: "open", resolvedAt: null });
    expect(await listLog(pair.desktop.db, desktop.firm.id, "error")).toContainEqual(
      expect.objectContaining({ code: "FORBIDDEN", tbl: "sync_conflict" }),
    );
  });

  it("a resolution pushed to another firm closes nothing in this one", async () => {
    const target = (await conflictsOn("cloud")).find((c) => c.status === "open")!;
    const { firm: other } = await createCloudFirm(pair.cloud.db, clock, {
      name: "Other firm",
      slug: "other",
      admin: { email: "otto@other.test", firstName: "Otto", lastName: "Other" },
    });
    const answer = await pushChanges(
      pair.cloud.db,
      other,
      SUPERVISOR,
      {
        schema: SCHEMA_VERSION,
        replica: "intruder",
        batchId: "intruder-1",
        changes: [
          {
            hlc: formatHlc({ millis: Date.now(), counter: 0, replica: "intruder" }),
            tbl: "sync_conflict",
            rowId: resolutionRowId(target),
            op: "put",
            data: { status: "dismissed", resolved_at: "2026-06-16T09:00:00.000Z" },
            seen: 0,
          },
        ],
      },
      clock,
    );
    expect(answer.results[0]).toMatchObject({ status: "accepted" });
    expect((await conflictsOn("cloud")).find((c) => c.id === target.id)).toMatchObject({ status: "open" });
  });

  it("`conflicts` names the record by its code and says who wrote the lost value and when", async () => {
    const conflict = (await conflictsOn("desktop")).find((c) => c.status === "open")!;
    const result = await runCli(["conflicts", pair.file]);
    expect(result.stderr).toBe("");
    const when = `${new Date(Number(conflict.lostHlc.slice(0, 15))).toISOString().slice(0, 19).replace("T", " ")} UTC`;
    expect(result.stdout).toBe(
      `${conflict.id}  open      client ACME: notes "desktop again" set by ${ADMIN} at ${when} lost to "cloud again"\n`,
    );
    const client = await getClient(pair.desktop.db, desktop, "ACME");
    expect(result.stdout).not.toContain(client.id);
  });

  it("`log --errors` shows the values the cloud refused, and names their records", async () => {
    await withAuthor("jane@harbor.test", () =>
      editClient(pair.desktop.db, desktop, "ACME", { name: "Acme (Jane's)" }),
    );
    expect(await merge(jane)).toMatchObject({ refused: 1 });
    const result = await runCli(["log", pair.file, "--errors"]);
    expect(result.stderr).toBe("");
    const lines = result.stdout.split("\n");
    const refusal = lines.findIndex((line) => line.includes("FORBIDDEN  client ACME:"));
    expect(refusal).toBeGreaterThanOrEqual(0);
    expect(lines[refusal + 1]).toBe(`    refused: name "Acme (Jane's)"`);
    expect(result.stdout).toContain(`FORBIDDEN  the conflict over client ACME notes:`);
    expect(result.stdout).toContain(
      `    refused: status "dismissed", resolved_at "2026-06-16T09:00:00.000Z"`,
    );
  });
});
