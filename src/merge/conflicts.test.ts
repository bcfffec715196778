/**
 * The conflict log as a firm meets it (issue 10, item 5): integration records no conflict of its
 * own making, records born on two replicas do not conflict on their birth metadata, a conflict
 * resolved on one side is closed on the other, and the log names records as people know them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCloudFirm } from "../access/firm-bootstrap.js";
import { addClient } from "../firm-setup/client-service.js";
import { createFirm, type FirmInput } from "../firm-setup/firm-service.js";
import { findFirm, type Firm } from "../firm-setup/firm-store.js";
import { addStaffGroup } from "../firm-setup/staff-group-service.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { fixedClock, type Clock } from "../store/clock.js";
import { createFirmFile, type Engine, type Store } from "../store/database.js";
import { inProcessCloud } from "../test-support/merge.js";
import { ENGINES, openTestStore } from "../test-support/stores.js";
import { integrate } from "./integration-service.js";
import { listConflicts } from "./journal-store.js";

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
