/**
 * What `firmtime serve` tells the person who started it: how to create the first firm, which
 * firms it serves, how to sign in to the demo; and what `firmtime desktop` tells (its firm only).
 * Text only; serve.ts decides when.
 */
import type { DemoFirm } from "../demo/demo-firm.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { hidePassword } from "./cloud-store.js";
import { DEFAULT_CONFIG } from "../config/config-defaults.js";
import { addressUrl, type ServerConfig } from "../config/config.js";
import type { SetupGate } from "./first-run.js";
import { firmUrl } from "./setup-routes.js";

type Where = Pick<ServerConfig, "dataDir" | "databaseUrl" | "publicUrl">;

/** Single-quoted for a POSIX shell. */
const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** The store option of a CLI command reaching the same store as this server. */
function storeOption(where: Where): string {
  return where.databaseUrl
    ? `--database ${quote(hidePassword(where.databaseUrl))}`
    : `--data ${quote(where.dataDir)}`;
}

/** --public-url, when this server's address is not the one firm create assumes (a port not 8080). */
function publicUrlOption(where: Where): string {
  const assumed = addressUrl(DEFAULT_CONFIG.host, DEFAULT_CONFIG.port);
  return where.publicUrl.replace(/\/+$/, "") === assumed ? "" : ` --public-url ${quote(where.publicUrl)}`;
}

/** The example Admin of the advice: the README's (whose quick start adds staff member JD, Jane Doe). */
const EXAMPLE_ADMIN = { email: "ada@smith.example", first: "Ada", last: "Lovelace" };

export function firmCreateCommand(where: Where): string {
  return (
    `npx firmtime firm create ${storeOption(where)}${publicUrlOption(where)} --name "Smith & Co CPAs" --slug smith \\\n` +
    `       --currency USD --admin-email ${EXAMPLE_ADMIN.email} --admin-first ${EXAMPLE_ADMIN.first} --admin-last ${EXAMPLE_ADMIN.last}`
  );
}

export function setupCurl(publicUrl: string, token: string): string {
  const body = {
    token,
    firmName: "Smith & Co CPAs",
    slug: "smith",
    currency: "USD",
    adminEmail: EXAMPLE_ADMIN.email,
    adminFirstName: EXAMPLE_ADMIN.first,
    adminLastName: EXAMPLE_ADMIN.last,
    password: "a long passphrase",
  };
  return `curl -X POST ${publicUrl.replace(/\/+$/, "")}/setup -H 'content-type: application/json' \\\n       -d ${quote(JSON.stringify(body))}`;
}

export function firstRunText(where: Where, setup: { gate: SetupGate; token: string }): string {
  const until = setup.gate.expiresAt.toISOString().replace(/\.\d+Z$/, "Z");
  const starred = hidePassword(where.databaseUrl ?? "") !== (where.databaseUrl ?? "");
  return [
    "",
    "This server has no firm yet. Create the first firm and its Admin (change the example",
    "names, email and password; the password needs at least 12 characters), either:",
    "",
    `  1. with this one-time setup token, valid until ${until} and for this run of the server only:`,
    "",
    `     ${setupCurl(where.publicUrl, setup.token)}`,
    "",
    `  2. or from the command line${starred ? " (put the database password back in place of ***)" : ""}:`,
    "",
    `     ${firmCreateCommand(where)}`,
    "",
    "     which prints the Admin's one-time activation link (or add --admin-password to set it now).",
    "",
    "The Admin is also a staff member, numbered by their initials (AL for Ada Lovelace) unless",
    '--admin-number (or "adminStaffNumber" in the setup request) gives another.',
    "",
    `The firm then lives at ${firmUrl(where.publicUrl, "smith")}/: its users open it in a browser and`,
    `sign in (scripts: POST ${firmUrl(where.publicUrl, "smith")}/api/v1/auth/login {"email", "password"}).`,
    "To explore a ready-made demo firm instead, start the server with --demo.",
    "",
  ].join("\n");
}

export function firmsText(firms: readonly Firm[], where: Where): string {
  const shown = firms
    .slice(0, 10)
    .map((firm) => `  ${firmUrl(where.publicUrl, firm.slug ?? "?")}  ${firm.name}`);
  const more = firms.length > shown.length ? [`  ... and ${firms.length - shown.length} more`] : [];
  return [
    `Firms on this server (${firms.length}):`,
    ...shown,
    ...more,
    `Add a firm with: npx firmtime firm create ${storeOption(where)} --name ... --slug ... --admin-email ...`,
    "",
  ].join("\n");
}

/** A desktop's firm file: where its firm is and how its users sign in; no setup, no other firms. */
export function desktopFirmText(firms: readonly Firm[], publicUrl: string): string {
  return [
    ...firms.map((firm) => {
      const url = firmUrl(publicUrl, firm.slug ?? "?");
      return `The firm ${firm.name} is at ${url}/: open it in a browser; its users sign in with their\naccounts on this file (scripts: POST ${url}/api/v1/auth/login {"email", "password"}).`;
    }),
    "",
  ].join("\n");
}

export function demoText(demo: DemoFirm, publicUrl: string): string {
  const url = firmUrl(publicUrl, demo.firm.slug!);
  const users = demo.users.map((user) => `  ${user.email.padEnd(22)} ${user.name.padEnd(14)} ${user.role}`);
  if (!demo.created) {
    return [
      `The demo firm "${demo.firm.name}" is already here (${url}); nothing was added. Its users,`,
      "with the password printed when it was created:",
      ...users,
      "",
    ].join("\n");
  }
  const login = JSON.stringify({ email: demo.users[0]!.email, password: demo.password });
  return [
    `Demo firm "${demo.firm.name}" created at ${url}`,
    `(${demo.counts.time} time and ${demo.counts.expense} expense entries over about three months).`,
    `Open ${url}/ in a browser and sign in as any of these users with the password ${demo.password}`,
    ...users,
    "or with the API, for example:",
    `  curl -i -X POST ${url}/api/v1/auth/login -H 'content-type: application/json' -d ${quote(login)}`,
    "",
  ].join("\n");
}
