/**
 * Integration and merging as a firm does it, end to end: a desktop firm file with staff,
 * clients, rates and entries (one negative) is integrated with a real `firmtime serve` cloud
 * (SQLite and PostgreSQL); activation emails arrive over SMTP; a staff member activates and
 * goes online; the desktop edits a client offline while the cloud edits it too; after the
 * merge, the values, one conflict-log entry and the warning log are as the firm expects.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../store/database.js";
import { runCli, type CliResult } from "../test-support/cli.js";
import {
  newPostgresDatabase,
  runFirmtime,
  startServe,
  type ServeProcess,
} from "../test-support/serve-process.js";
import { linkIn, startTestSmtp, tokenOf, type TestSmtp } from "../test-support/smtp-server.js";
import { ENGINES } from "../test-support/stores.js";
import { findRoleByName, insertAssignment } from "../access/access-store.js";
import { insertUser } from "../access/account-store.js";
import { addContactGroup, addContactGroupMember } from "../access/contact-group-service.js";
import { createRole } from "../access/role-service.js";
import { credentialFor } from "../cli/backend/credentials.js";
import { addContact } from "../firm-setup/contact-service.js";
import { findOnlyFirm } from "../firm-setup/firm-store.js";
import { addStaffGroup, addStaffGroupMember } from "../firm-setup/staff-group-service.js";
import { systemClock } from "../store/clock.js";
import { openFirmFile } from "../store/database.js";

const PASSWORD = "correct horse battery staple";
const JANE_PASSWORD = "jane's own long password";
const tmp = mkdtempSync(join(tmpdir(), "firmtime-integrate-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ok = (result: CliResult): CliResult => {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result;
};
const json = <T>(result: CliResult): T => JSON.parse(ok(result).stdout) as T;

/** Polls until `check` holds (a background merge is asynchronous), failing after `timeoutMs`. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(ENGINES)("integrating a desktop firm file with a cloud on %s", (engine: Engine) => {
  let smtp: TestSmtp;
  let serve: ServeProcess;
  let firmUrl: string;
  const dir = join(tmp, engine);
  const file = join(dir, "harbor.firm");
  const ada = { FIRMTIME_CONFIG_DIR: join(dir, "ada"), FIRMTIME_PASSWORD: PASSWORD };
  const jane = { FIRMTIME_CONFIG_DIR: join(dir, "jane") };
  const bo = { FIRMTIME_CONFIG_DIR: join(dir, "bo") };
  const onFile = (args: string[], env: Record<string, string> = ada) =>
    runCli(["--file", file, "--json", ...args], env);
  const onCloud = (args: string[]) => runCli(["--cloud", firmUrl, "--json", ...args], ada);

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    smtp = await startTestSmtp();
    const where =
      engine === "sqlite"
        ? ["--data", join(dir, "cloud")]
        : ["--database", await newPostgresDatabase("ft_integrate")];
    ok(
      await runCli([
        "firm",
        "create",
        ...where,
        "--name",
        "Harbor & Pine (cloud)",
        "--slug",
        "harbor",
        "--admin-email",
        "ada@harbor.test",
        "--admin-first",
        "Ada",
        "--admin-last",
        "Admin",
        "--admin-password",
        PASSWORD,
      ]),
    );
    serve = await startServe([...where, "--port", "0", "--smtp-url", smtp.url]);
    firmUrl = `${serve.url}/f/harbor`;

    ok(await runCli(["init", file, "--firm", "Harbor & Pine CPAs"]));
    for (const step of [
      ["staff", "add", "AA", "--first", "Ada", "--last", "Admin", "--email", "ada@harbor.test"],
      ["staff", "add", "JD", "--first", "Jane", "--last", "Doe", "--email", "jane@harbor.test"],
      ["staff", "add", "BK", "--first", "Bo", "--last", "King", "--email", "bo@harbor.test"],
      // Left the firm: their history merges, but they get no cloud account.
      ["staff", "add", "OL", "--first", "Olga", "--last", "Left", "--email", "olga@harbor.test"],
      ["staff", "edit", "OL", "--status", "inactive", "--inactive-date", "2026-01-01"],
      ["workcode", "add", "TAX", "--name", "Tax preparation", "--rate", "150"],
      [
        "workcode",
        "add",
        "PRINT",
        "--name",
        "Printing",
        "--kind",
        "expense",
        "--rate",
        "0.25",
        "--surcharge",
        "-5",
      ],
      ["workcode", "add", "REFUND", "--name", "Refund", "--kind", "expense", "--rate=-1"],
      ["client", "add", "ACME", "--name", "Acme Ltd", "--partner", "JD"],
      ["rate", "set", "--staff", "JD", "--rate", "175", "--from", "2026-01-01"],
      [
        "time",
        "add",
        "--staff",
        "JD",
        "--client",
        "ACME",
        "--workcode",
        "TAX",
        "--date",
        "2026-06-01",
        "--duration",
        "1:30",
      ],
      [
        "time",
        "add",
        "--staff",
        "JD",
        "--client",
        "ACME",
        "--workcode",
        "TAX",
        "--date",
        "2026-06-02",
        "--duration=-30",
        "--description",
        "write-down",
      ],
    ]) {
      ok(await runCli(["--file", file, ...step]));
    }
  });
  afterAll(async () => {
    await serve?.stop();
    await smtp?.stop();
  });

  it("refuses while prerequisites are unmet, listing every one with its fix and changing nothing", async () => {
    const result = await runCli(["integrate", file, "--cloud", firmUrl, "--as", "ada@harbor.test"], ada);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("protection is off in this firm file");
    expect(result.stderr).toContain("fix: turn it on: firmtime protection on --admin STAFF_NUMBER");
    expect(result.stderr).toMatch(/firmtime: 1 prerequisite is not met; nothing was changed/);
    expect(json<unknown[]>(await onCloud(["client", "list"]))).toEqual([]);
  });

  /**
   * The file's permissions as a firm sets them up: a custom role given to a staff group, Jane
   * as Editor of ACME, a contact group with the contact role on ACME, and one assignment the
   * cloud cannot take (a portal contact who has no cloud account).
   */
  async function setUpPermissions(): Promise<void> {
    const store = await openFirmFile(file);
    try {
      const firm = await findOnlyFirm(store.db);
      const scope = { firm, clock: systemClock, actor: "test" };
      const db = store.db;
      const staffId = async (number: string) =>
        (
          await db
            .selectFrom("staff")
            .select("id")
            .where("staff_number", "=", number)
            .executeTakeFirstOrThrow()
        ).id;
      const acme = (await db.selectFrom("client").select("id").executeTakeFirstOrThrow()).id;
      const role = async (name: string) => (await findRoleByName(db, firm.id, name))!.id;
      const assign = (
        roleId: string,
        kind: "user" | "staff_group" | "contact_group",
        principalId: string,
        entityId: string | null,
      ) =>
        insertAssignment(db, firm.id, {
          roleId,
          principalKind: kind,
          principalId,
          scope: entityId ? "entity" : "system",
          entityId,
          itemId: null,
          createdAt: "2026-06-01T09:00:00.000Z",
        });
      const reviewer = await createRole(db, scope, {
        name: "Reviewer",
        grants: { time_entries: "RE", reports: "R" },
      });
      const taxTeam = await addStaffGroup(db, scope, "Tax team");
      await addStaffGroupMember(db, scope, taxTeam.id, await staffId("BK"));
      await assign(reviewer.id, "staff_group", taxTeam.id, null);
      const janeUser = await insertUser(
        db,
        {
          firmId: firm.id,
          email: "jane@harbor.test",
          status: "invited",
          staffId: await staffId("JD"),
          contactId: null,
          passwordHash: null,
        },
        "2026-06-01T09:00:00.000Z",
      );
      await assign(await role("Editor"), "user", janeUser, acme);
      const carla = await addContact(db, scope, {
        firstName: "Carla",
        lastName: "Client",
        email: "carla@acme.test",
        clients: ["ACME"],
      });
      const finance = await addContactGroup(db, scope, "Acme finance");
      await addContactGroupMember(db, scope, finance.id, carla.id);
      await assign(await role("Contact – Entity Access"), "contact_group", finance.id, acme);
      const carlaUser = await insertUser(
        db,
        {
          firmId: firm.id,
          email: "carla@acme.test",
          status: "invited",
          staffId: null,
          contactId: carla.id,
          passwordHash: null,
        },
        "2026-06-01T09:00:00.000Z",
      );
      await assign(await role("Contact – Entity Collaborator"), "user", carlaUser, acme);
    } finally {
      await store.close();
    }
  }

  it("uploads the file, logs what it left out, and invites every staff member", async () => {
    ok(await runCli(["--file", file, "protection", "on", "--admin", "AA"], ada));
    await setUpPermissions();
    const summary = json<{
      merged: Record<string, number>;
      warnings: number;
      invited: number;
      permissions: { roles: number; assignments: number; refused: number };
    }>(await runCli(["integrate", file, "--cloud", firmUrl, "--as", "ada@harbor.test", "--json"], ada));
    expect(summary.merged).toMatchObject({ client: 1, staff: 4, time_entry: 1, work_code: 3 });
    // Jane and Bo; Ada is the cloud's Admin already, and Olga has left.
    expect(summary.invited).toBe(2);
    const clients = json<{ code: string; name: string }[]>(await onCloud(["client", "list"]));
    expect(clients.map((c) => c.code)).toEqual(["ACME"]);
    const entries = json<unknown[]>(await onCloud(["time", "list", "--all"]));
    expect(entries).toHaveLength(1); // the negative write-down stays on the desktop

    const warnings = json<{ items: { code: string; message: string }[] }>(
      await onFile(["log", file, "--warnings", "--as", "ada@harbor.test"]),
    ).items;
    expect(warnings.map((w) => w.code).sort()).toEqual([
      "NEGATIVE_ENTRY_NOT_MERGED",
      "NEGATIVE_RATE_ZEROED",
      "NEGATIVE_SURCHARGE_ZEROED",
    ]);
    // The work code's own rate has no start date: the message shows none (no placeholder date).
    expect(warnings.find((w) => w.code === "NEGATIVE_RATE_ZEROED")?.message).toBe(
      "expense work code REFUND had a negative rate (-10000); it is merged as 0",
    );

    // The file's permissions arrived: the custom role, and every assignment the cloud could take.
    const errors = json<{ items: { code: string; message: string }[] }>(
      await onFile(["log", file, "--errors", "--as", "ada@harbor.test"]),
    ).items;
    expect(errors).toEqual([
      expect.objectContaining({
        code: "NOT_FOUND",
        message: expect.stringContaining("no cloud account has the email carla@acme.test") as unknown,
      }),
    ]);
    expect(summary.permissions).toEqual({ roles: 1, assignments: 4, refused: 1 });
    const api = async <T>(path: string) => {
      const response = await fetch(`${firmUrl}/api/v1${path}`, {
        headers: { authorization: `Bearer ${credentialFor(ada, firmUrl).token}` },
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: T[] }).items;
    };
    const roles = await api<{ name: string; grants: Record<string, string> }>("/roles");
    expect(roles.find((r) => r.name === "Reviewer")?.grants).toEqual({ time_entries: "RE", reports: "R" });
    const assignments = await api<{ roleName: string; principalKind: string; scope: string }>("/assignments");
    expect(assignments.map((a) => `${a.roleName} ${a.principalKind} ${a.scope}`).sort()).toEqual([
      "Admin user system",
      "Contact – Entity Access contact_group entity",
      "Editor user entity",
      "Reviewer staff_group system",
    ]);

    const mail = await smtp.waitFor((m) => m.to.includes("jane@harbor.test"));
    await smtp.waitFor((m) => m.to.includes("bo@harbor.test"));
    const activation = await fetch(`${firmUrl}/api/v1/auth/activate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: tokenOf(linkIn(mail, "/activate?token=")), password: JANE_PASSWORD }),
    });
    expect(activation.status).toBe(204);
  });

  it("a staff member who activated goes online; one who did not stays offline and is told why", async () => {
    ok(
      await runCli(["login", firmUrl, "--email", "jane@harbor.test"], {
        ...jane,
        FIRMTIME_PASSWORD: JANE_PASSWORD,
      }),
    );
    // Reading the protected file's state signs in to it (as Ada); the cloud is reached with the
    // token kept in each one's configuration.
    const signedIn = ["--as", "ada@harbor.test"];
    const online = json<{ state: string; waitingUp: number; held: number }>(
      await runCli(["status", file, "--json", ...signedIn], { ...jane, FIRMTIME_PASSWORD: PASSWORD }),
    );
    expect(online).toMatchObject({ state: "Online", waitingUp: 0, held: 1 });
    const offline = json<{ state: string; reason: string }>(
      await runCli(["status", file, "--json", ...signedIn], { ...bo, FIRMTIME_PASSWORD: PASSWORD }),
    );
    expect(offline.state).toBe("Offline");
    expect(offline.reason).toMatch(/activat/);
  });

  it("the file's identity is fixed, and it cannot be integrated twice", async () => {
    const rename = await onFile(["firm", "edit", "--name", "Another name", "--as", "ada@harbor.test"]);
    expect(rename.code).toBe(1);
    expect(rename.stderr).toMatch(/integrated with a cloud, so its name is fixed/);
    const again = await runCli(["integrate", file, "--cloud", firmUrl, "--as", "ada@harbor.test"], ada);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already integrated/);

    const other = join(dir, "other.firm");
    ok(await runCli(["init", other, "--firm", "Another firm"]));
    ok(
      await runCli([
        "--file",
        other,
        "staff",
        "add",
        "AA",
        "--first",
        "Ada",
        "--last",
        "Admin",
        "--email",
        "ada@harbor.test",
      ]),
    );
    ok(await runCli(["--file", other, "protection", "on", "--admin", "AA"], ada));
    const bound = await runCli(["integrate", other, "--cloud", firmUrl, "--as", "ada@harbor.test"], ada);
    expect(bound.code).toBe(1);
    expect(bound.stderr).toContain("the cloud firm is already bound to another firm file");
    expect(bound.stderr).toContain("fix: integrate into a new cloud firm");
  });

  it("an offline edit and a cloud edit of one client merge to the later one, with one conflict logged", async () => {
    ok(await onFile(["client", "edit", "ACME", "--name", "Acme (desktop)", "--as", "ada@harbor.test"]));
    await new Promise((resolve) => setTimeout(resolve, 10));
    ok(await onCloud(["client", "edit", "ACME", "--name", "Acme (cloud)", "--address", "1 Harbour Rd"]));
    const merged = json<{ pushed: number; pulled: number; conflicts: number }>(
      await runCli(["merge", file, "--json"], ada),
    );
    expect(merged.conflicts).toBe(1);

    const onDesktop = json<{ name: string; address: string }>(
      await onFile(["client", "show", "ACME", "--as", "ada@harbor.test"]),
    );
    expect(onDesktop).toMatchObject({ name: "Acme (cloud)", address: "1 Harbour Rd" });
    expect(json<{ name: string }>(await onCloud(["client", "show", "ACME"]))).toMatchObject({
      name: "Acme (cloud)",
    });
    const conflicts = json<{ items: { field: string; lostValue: string; keptValue: string }[] }>(
      await onFile(["conflicts", file, "--as", "ada@harbor.test"]),
    ).items;
    expect(conflicts).toEqual([
      expect.objectContaining({
        field: "name",
        lostValue: "Acme (desktop)",
        lostAuthor: "ada@harbor.test",
        keptValue: "Acme (cloud)",
      }),
    ]);
    const unsigned = await onFile(["conflicts", file]);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toMatch(/protected: sign in with --as EMAIL to see its conflicts/);
    const status = json<{ state: string; conflicts: number }>(
      await runCli(["status", file, "--json", "--as", "ada@harbor.test"], ada),
    );
    expect(status).toMatchObject({ state: "Merge conflicts", conflicts: 1 });
  });

  it("reading the protected file's merge log or status needs a signed-in user; the log, the Merge permission", async () => {
    for (const command of [
      ["log", file],
      ["log", file, "--warnings"],
      ["status", file, "--json"],
    ]) {
      const result = await runCli(command, ada);
      expect(result.code, command.join(" ")).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^firmtime: this firm file is protected: sign in with --as EMAIL to /);
    }
    const wrong = await runCli(["log", file, "--as", "ada@harbor.test"], {
      ...ada,
      FIRMTIME_PASSWORD: "wrong",
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe("");
  });

  it("the write-down held since integration, edited to a positive amount, goes up at the next merge and its warning closes", async () => {
    const asAda = ["--as", "ada@harbor.test"];
    const [held] = json<{ items: { rowId: string; code: string }[] }>(
      await onFile(["log", file, "--warnings", ...asAda]),
    ).items.filter((w) => w.code === "NEGATIVE_ENTRY_NOT_MERGED");
    ok(await onFile(["time", "edit", held!.rowId, "--duration", "0:30", ...asAda]));
    const before = json<{ waitingUp: number; held: number }>(
      await runCli(["status", file, "--json", "--offline", ...asAda], ada),
    );
    expect(before.waitingUp).toBeGreaterThan(0);
    ok(await runCli(["merge", file], ada));
    const entries = json<{ id: string; minutes: number; description: string }[]>(
      await onCloud(["time", "list", "--all"]),
    );
    expect(entries.find((e) => e.id === held!.rowId)).toMatchObject({
      minutes: 30,
      description: "write-down",
    });
    const after = json<{ waitingUp: number; held: number }>(
      await runCli(["status", file, "--json", "--offline", ...asAda], ada),
    );
    expect(after).toMatchObject({ waitingUp: 0, held: 0 });
    const open = json<{ items: { code: string }[] }>(
      await onFile(["log", file, "--warnings", ...asAda]),
    ).items;
    expect(open.map((w) => w.code)).not.toContain("NEGATIVE_ENTRY_NOT_MERGED");
    const all = json<{ items: { code: string; closedAt: string | null }[] }>(
      await onFile(["log", file, "--warnings", "--all", ...asAda]),
    ).items;
    expect(all.find((w) => w.code === "NEGATIVE_ENTRY_NOT_MERGED")?.closedAt).toEqual(expect.any(String));
  });

  it("the desktop app merges in the background: local changes go up, cloud changes come down", async () => {
    const desktop = runFirmtime(["desktop", file, "--port", "0"], {
      FIRMTIME_CONFIG_DIR: ada.FIRMTIME_CONFIG_DIR,
    });
    try {
      await eventually(
        () => Promise.resolve(desktop.console().includes("Online: merging with")),
        "the desktop to go online",
      );
      const showOnCloud = async () =>
        json<{ notes: string }>(await onCloud(["client", "show", "ACME"])).notes;
      const showOnFile = async () =>
        json<{ notes: string }>(await onFile(["client", "show", "ACME", "--as", "ada@harbor.test"])).notes;

      ok(await onFile(["client", "edit", "ACME", "--notes", "from the desktop", "--as", "ada@harbor.test"]));
      await eventually(
        async () => (await showOnCloud()) === "from the desktop",
        "the local change on the cloud",
      );
      ok(await onCloud(["client", "edit", "ACME", "--notes", "from the cloud"]));
      await eventually(
        async () => (await showOnFile()) === "from the cloud",
        "the cloud change on the desktop",
      );
    } finally {
      desktop.child.kill("SIGTERM");
      expect(await desktop.exited).toBe(0);
    }
    expect(desktop.console()).toContain(`(firm file ${file}); API docs at`);
    expect(desktop.console()).toContain("firmtime desktop stopped.");
  });
});
