/**
 * `firmtime firm create`: a new firm with its first Admin on a cloud's store, the same one
 * `firmtime serve` uses (--data DIR or --database URL, or FIRMTIME_DATA_DIR / _DATABASE_URL).
 * Works with the server running or not: whoever can reach the store may create firms. The Admin
 * gets the password given, or else a one-time activation link printed here.
 */
import type { Command } from "commander";
import { DEFAULT_CONFIG } from "../../config/config-defaults.js";
import type { ServerConfig } from "../../config/config.js";
import type { Clock } from "../../store/clock.js";
import type { Db } from "../../store/database.js";
import { inTransaction } from "../../store/transaction.js";
import type { Register } from "../context.js";
import { renderRecord } from "../table.js";

interface CreateFlags {
  data?: string;
  database?: string;
  publicUrl?: string;
  name: string;
  slug: string;
  currency: string;
  adminEmail: string;
  adminFirst: string;
  adminLast: string;
  adminNumber?: string;
  adminPassword?: string;
}

/** The `firm` command of firm.ts, which this file adds `create` to. */
function firmCommand(program: Command): Command {
  return program.commands.find((command) => command.name() === "firm") ?? program.command("firm");
}

export const registerCloudFirmCommands: Register = (program, context) => {
  firmCommand(program)
    .command("new-epoch")
    .description(
      "after restoring a cloud's database from a backup: make every desktop send and fetch all again",
    )
    .option("--data <dir>", `the server's data folder (default ${DEFAULT_CONFIG.dataDir}; FIRMTIME_DATA_DIR)`)
    .option("--database <url>", "the server's PostgreSQL, postgres://... (FIRMTIME_DATABASE_URL)")
    .action(async (flags: { data?: string; database?: string }) => {
      const ctx = context();
      const { loadConfig } = await import("../../config/config.js");
      const config = loadConfig({ dataDir: flags.data, databaseUrl: flags.database }, ctx.io.env);
      const { openCloudStore } = await import("../../server/cloud-store.js");
      const { startNewEpochs } = await import("../../merge/journal-store.js");
      const store = await openCloudStore(config);
      try {
        const firms = await startNewEpochs(store.db);
        ctx.output(
          { firms },
          () =>
            `New epoch for ${firms} firm${firms === 1 ? "" : "s"}: desktops send and fetch everything at their next merge.\n`,
        );
      } finally {
        await store.close();
      }
    });
  firmCommand(program)
    .command("create")
    .description("create a firm and its first Admin on a cloud's store (the one firmtime serve uses)")
    .option("--data <dir>", `the server's data folder (default ${DEFAULT_CONFIG.dataDir}; FIRMTIME_DATA_DIR)`)
    .option("--database <url>", "the server's PostgreSQL, postgres://... (FIRMTIME_DATABASE_URL)")
    .option(
      "--public-url <url>",
      "the server's public address, for the printed firm URL (FIRMTIME_PUBLIC_URL)",
    )
    .requiredOption("--name <name>", "the firm's name")
    .requiredOption("--slug <name>", "the firm's URL name: lower-case letters, digits and dashes")
    .option("--currency <code>", "ISO 4217 currency", "USD")
    .requiredOption("--admin-email <email>", "the Admin's email, their sign-in name")
    .requiredOption("--admin-first <name>", "the Admin's first name")
    .requiredOption("--admin-last <name>", "the Admin's last name")
    .option(
      "--admin-number <code>",
      "the Admin's staff number: the Admin is also a staff member (default: their initials)",
    )
    .option(
      "--admin-password <password>",
      "the Admin's password, 12+ characters (or FIRMTIME_ADMIN_PASSWORD); without it, an activation link is printed",
    )
    .action(async (flags: CreateFlags) => {
      const ctx = context();
      const env = ctx.io.env;
      const { loadConfig } = await import("../../config/config.js");
      const config = loadConfig(
        { dataDir: flags.data, databaseUrl: flags.database, publicUrl: flags.publicUrl },
        env,
      );
      // From the environment it stays out of the process list and the shell history.
      const password = flags.adminPassword ?? env.FIRMTIME_ADMIN_PASSWORD;
      const { openCloudStore } = await import("../../server/cloud-store.js");
      const store = await openCloudStore(config);
      try {
        const created = await createFirmWithAdmin(store.db, ctx.io.clock, config, flags, password);
        ctx.output(created, () => renderCreated(created));
      } finally {
        await store.close();
      }
    });
};

interface CreatedFirm {
  firm: { id: string; name: string; slug: string; currency: string };
  url: string;
  login: string;
  admin: { id: string; email: string; name: string; staffNumber: string; status: string };
  /** Whether the Admin's staff number came from their initials, --admin-number not given. */
  initials: boolean;
  /** Without a password: the Admin's one-time link to choose one. */
  activation?: { url: string; expiresAt: string; api: string };
}

/** The firm, its Admin, and (without a password) the Admin's activation link: all or nothing. */
async function createFirmWithAdmin(
  db: Db,
  clock: Clock,
  config: ServerConfig,
  flags: CreateFlags,
  password: string | undefined,
): Promise<CreatedFirm> {
  return inTransaction(db, async (tx) => {
    // Loaded here, not at start-up: argon2 and the server modules are for this command only.
    const { createCloudFirm, firstAdminActivationLink } = await import("../../access/firm-bootstrap.js");
    const { firmUrl } = await import("../../server/setup-routes.js");
    const created = await createCloudFirm(tx, clock, {
      name: flags.name,
      slug: flags.slug,
      currency: flags.currency,
      admin: {
        email: flags.adminEmail,
        firstName: flags.adminFirst,
        lastName: flags.adminLast,
        staffNumber: flags.adminNumber,
        password,
      },
    });
    const { firm, admin, staff } = created;
    const url = firmUrl(config.publicUrl, firm.slug!);
    const activation = password
      ? undefined
      : await firstAdminActivationLink(tx, { clock, links: config }, created);
    return {
      firm: { id: firm.id, name: firm.name, slug: firm.slug!, currency: firm.currency },
      url,
      login: `${url}/api/v1/auth/login`,
      initials: flags.adminNumber === undefined,
      admin: {
        id: admin.id,
        email: admin.email,
        name: `${staff.firstName} ${staff.lastName}`,
        staffNumber: staff.staffNumber,
        status: admin.status,
      },
      ...(activation
        ? {
            activation: {
              url: activation.url,
              expiresAt: activation.expiresAt,
              api: `${url}/api/v1/auth/activate`,
            },
          }
        : {}),
    };
  });
}

function renderCreated(created: CreatedFirm): string {
  const { firm, admin, activation } = created;
  const record =
    `Created firm ${firm.name} and its Admin ${admin.name} <${admin.email}>, who is also staff member ` +
    `${admin.staffNumber}${created.initials ? " (their initials: --admin-number gives another)" : ""}.\n` +
    renderRecord({
      firm: firm.name,
      url: created.url,
      currency: firm.currency,
      admin: `${admin.email}, staff ${admin.staffNumber}; ${activation ? "invited: chooses a password with the activation link" : "signs in with the password given"}`,
      "sign in": `open ${created.url}/ in a browser (the API: POST ${created.login})`,
      ...(activation ? { activation: `${activation.url} (one use, until ${activation.expiresAt})` } : {}),
    });
  if (!activation) return record;
  const token = new URL(activation.url).searchParams.get("token") ?? "";
  const body = JSON.stringify({ token, password: "a long passphrase" });
  return (
    record +
    "The Admin opens the activation link in a browser and chooses a password there, or with the API:\n" +
    `  curl -X POST ${activation.api} -H 'content-type: application/json' -d '${body}'\n`
  );
}
