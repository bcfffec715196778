/**
 * POST /imports/{kind}: the CLI's imports over HTTP. The body carries the delimited text (the
 * server's body-size limit bounds it); the answer is the CLI's summary, and a file with bad
 * rows imports nothing and answers 422 IMPORT_INVALID listing every bad row.
 *
 * One route per kind, so each declares the right it needs: the kind's create right at system
 * scope. An import names records throughout the firm (any staff member, any client), so a
 * right on some clients is not enough; it is the simple rule that is always correct.
 */
import { z } from "zod";
import { authorize, can, type Actor } from "../access/authorize.js";
import { AppError } from "../domain/errors.js";
import { parseDelimited } from "./delimited-text.js";
import type { AccessObject } from "../access/permissions.js";
import type { RoutePermission } from "../http/context.js";
import { scopeOf } from "../http/context.js";
import { firmParams } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import {
  IMPORT_KIND_NAMES,
  importRecords,
  type ImportKindName,
  type ImportRequest,
} from "./import-service.js";

const CREATES: Record<ImportKindName, AccessObject> = {
  workcodes: "work_codes",
  staff: "staff",
  clients: "entities",
  contacts: "contacts",
  time: "time_entries",
  expenses: "expense_entries",
};

const importBody = z
  .object({
    text: z.string().min(1).describe("a header line, then one row per line; comma, tab, ; or | delimited"),
    dryRun: z.boolean().optional().describe("check and report, write nothing"),
    skipBad: z.boolean().optional().describe("import the good rows, report the bad ones"),
  })
  .strict();

const rowProblem = z.object({ line: z.number().int(), reason: z.string() });

const importResult = z.object({
  kind: z.enum(IMPORT_KIND_NAMES),
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  skipped: z.array(rowProblem),
  problems: z.array(rowProblem),
  contactCompaniesCreated: z.array(z.string()),
  totals: z
    .object({ minutes: z.number().int().optional(), amount: z.number().int().describe("minor units") })
    .optional(),
});

/**
 * Client rows may name contact companies that do not exist yet, which the import creates:
 * that also takes contacts:C. A caller without it gets a dry run first, and 403 if the import
 * would create any. (A contacts import needs contacts:C anyway.)
 */
async function importChecked(
  run: (request: Omit<ImportRequest, "kind">) => ReturnType<typeof importRecords>,
  actor: Actor,
  kind: ImportKindName,
  body: z.infer<typeof importBody>,
) {
  const mayAddCompanies = kind !== "clients" || can(actor, "C", { object: "contacts" });
  if (!mayAddCompanies && !body.dryRun) {
    const preview = await run({ ...body, dryRun: true });
    if (preview.contactCompaniesCreated.length > 0) authorize(actor, "C", { object: "contacts" });
  }
  return run(body);
}

/**
 * Putting staff into groups shares the groups' roles, so a staff import that fills the Groups
 * column is sharing: through the API it takes roles:A (an Admin). Without groups, staff:C is enough.
 */
function authorizeStaffGroups(actor: Actor, kind: ImportKindName, text: string): void {
  if (kind !== "staff" || can(actor, "A", { object: "roles" })) return;
  let table: ReturnType<typeof parseDelimited>;
  try {
    table = parseDelimited(text);
  } catch {
    return; // unreadable: the import itself reports why, and writes nothing
  }
  const column = table.header.findIndex((name) => /^groups?$/i.test(name.replace(/[\s_]/g, "")));
  if (column >= 0 && table.rows.some((row) => (row.cells[column] ?? "").trim() !== "")) {
    throw new AppError(
      "FORBIDDEN",
      "putting staff into groups shares the groups' roles; only an Admin may import a Groups column",
      {
        permission: "roles:A",
      },
    );
  }
}

export const registerImportRoutes: RouteModule = (app, deps) => {
  for (const kind of IMPORT_KIND_NAMES) {
    const object = CREATES[kind];
    app.post(
      `/imports/${kind}`,
      {
        config: { permission: `${object}:C` satisfies RoutePermission },
        schema: {
          tags: ["imports"],
          summary: `Import ${kind} from delimited text, all rows or none`,
          description: `Needs ${object}:C at system scope.`,
          params: firmParams,
          body: importBody,
          response: { 200: importResult },
        },
      },
      async (request) => {
        authorize(request.actor, "C", { object });
        authorizeStaffGroups(request.actor, kind, request.body.text);
        const scope = scopeOf(request.firm!, deps, request.actor);
        const run = (options: Omit<ImportRequest, "kind">) =>
          importRecords(deps.store.db, scope, { ...options, kind });
        return importChecked(run, request.actor, kind, request.body);
      },
    );
  }
};
