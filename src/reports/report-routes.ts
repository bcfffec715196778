/**
 * GET /reports/basic and /reports/detailed: the CLI's transaction reports (same filters, same
 * grouping) as JSON, or as CSV for `Accept: text/csv` or `format=csv`.
 *
 * Rights: reports:R at any scope (a role firm-wide or on some client, or a partner / manager
 * post), and the report covers exactly the entries the caller may read in the entry lists:
 * their own and those of the clients they reach, or all with a system-scope role.
 */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { authorize, rightsOf, type Actor } from "../access/authorize.js";
import { reachableEntities } from "../access/permissions.js";
import { ENTRY_STATUSES } from "../domain/entries.js";
import { getProject } from "../firm-setup/project-service.js";
import { scopeOf } from "../http/context.js";
import { firmParams } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import { entryVisibility } from "../time-expense/entry-access.js";
import { reportToCsv } from "./report-csv.js";
import { reportToJson } from "./report-json.js";
import { runReport, type ReportRequest } from "./report-service.js";
import { GROUP_BYS, KIND_FILTERS, REPORT_TYPES, type ReportType } from "./report.js";

const oneOf = (values: readonly string[]) => `(${values.join("|")})`;
const LEVELS = new RegExp(`^${oneOf(GROUP_BYS)}(,${oneOf(GROUP_BYS)})?$`);
const STATUSES = new RegExp(`^${oneOf(ENTRY_STATUSES)}(,${oneOf(ENTRY_STATUSES)})*$`);

const reportQuery = z
  .object({
    groupBy: z
      .string()
      .regex(LEVELS)
      .describe(`${GROUP_BYS.join(" | ")}, or two of them: client,month`),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    month: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .optional()
      .describe("YYYY-MM, instead of from/to"),
    year: z
      .string()
      .regex(/^\d{4}$/)
      .optional()
      .describe("YYYY, instead of from/to"),
    staffId: z.uuid().optional(),
    clientId: z.uuid().optional(),
    projectId: z.uuid().optional().describe("a project; its client is implied"),
    workCodeId: z.uuid().optional(),
    billable: z.enum(["true", "false"]).optional(),
    status: z.string().regex(STATUSES).optional().describe("statuses, comma-separated"),
    kind: z.enum(KIND_FILTERS).optional(),
    format: z.enum(["json", "csv"]).optional().describe("default: CSV for Accept: text/csv, else JSON"),
  })
  .strict();

type ReportQuery = z.infer<typeof reportQuery>;

const totalsSchema = z.object({
  minutes: z.number().int(),
  hours: z.string(),
  billableMinutes: z.number().int(),
  billableHours: z.string(),
  amount: z.number().int().describe("minor units"),
  amountText: z.string(),
  billableAmount: z.number().int().describe("minor units"),
  billableAmountText: z.string(),
  timeEntries: z.number().int(),
  expenseEntries: z.number().int(),
});

const lineSchema = z.object({
  kind: z.enum(["time", "expense"]),
  id: z.string(),
  date: z.string(),
  staffNumber: z.string(),
  staffName: z.string(),
  clientCode: z.string(),
  clientName: z.string(),
  projectCode: z.string().nullable(),
  workCode: z.string(),
  description: z.string(),
  minutes: z.number().int().nullable(),
  hours: z.string().nullable(),
  quantity: z.number().int().nullable().describe("thousandths of a unit"),
  quantityText: z.string().nullable(),
  rate: z.number().int().describe("ten-thousandths"),
  rateText: z.string(),
  amount: z.number().int().describe("minor units"),
  amountText: z.string(),
  billable: z.boolean(),
  status: z.enum(ENTRY_STATUSES),
});

// A report has at most two levels, so the group shape is spelled out rather than recursive.
const lastLevelGroup = z.object({
  by: z.enum(GROUP_BYS),
  id: z.string(),
  code: z.string(),
  name: z.string(),
  totals: totalsSchema,
  lines: z.array(lineSchema).optional().describe("detailed reports"),
});
const firstLevelGroup = lastLevelGroup.extend({ groups: z.array(lastLevelGroup).optional() });

const reportSchema = z.object({
  report: z.enum(REPORT_TYPES),
  firm: z.string(),
  currency: z.string(),
  minorDigits: z.number().int(),
  criteria: z.object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    staff: z.string().nullable(),
    client: z.string().nullable(),
    project: z.string().nullable(),
    workCode: z.string().nullable(),
    billable: z.boolean().nullable(),
    status: z.array(z.enum(ENTRY_STATUSES)),
    kind: z.enum(KIND_FILTERS),
  }),
  groupBy: z.array(z.enum(GROUP_BYS)),
  groups: z.array(firstLevelGroup),
  total: totalsSchema,
});

/** reports:R somewhere: firm-wide, on some client, or through a partner / manager post. */
function authorizeReports(actor: Actor): void {
  const reach = reachableEntities(rightsOf(actor), "R", "reports");
  if (reach === "all" || reach.size > 0) return;
  authorize(actor, "R", { object: "reports" });
}

function toRequest(query: ReportQuery, clientId: string | undefined): ReportRequest {
  return {
    from: query.from,
    to: query.to,
    month: query.month,
    year: query.year,
    staff: query.staffId,
    client: clientId,
    project: query.projectId,
    workCode: query.workCodeId,
    billable: query.billable === undefined ? undefined : query.billable === "true",
    status: query.status?.split(","),
    kind: query.kind,
    groupBy: query.groupBy.split(","),
  };
}

const wantsCsv = (request: FastifyRequest, format: ReportQuery["format"]): boolean =>
  format === "csv" || (format === undefined && (request.headers.accept ?? "").includes("text/csv"));

export const registerReportRoutes: RouteModule = (app, deps) => {
  for (const type of REPORT_TYPES) registerReport(type);

  function registerReport(type: ReportType): void {
    app.get(
      `/reports/${type}`,
      {
        config: { permission: "reports:R" },
        schema: {
          tags: ["reports"],
          summary:
            type === "basic"
              ? "Time & expense totals, one line per group"
              : "Every entry, grouped, with subtotals and a grand total",
          description: "Covers only the entries the caller may read (as in the entry lists).",
          params: firmParams,
          querystring: reportQuery,
          response: {
            200: {
              content: {
                "application/json": { schema: reportSchema },
                "text/csv": { schema: z.string() },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const { actor, query } = request;
        authorizeReports(actor);
        const scope = scopeOf(request.firm!, deps, actor);
        const clientId =
          query.projectId && !query.clientId
            ? (await getProject(deps.store.db, scope, query.projectId)).clientId
            : query.clientId;
        const visibility = {
          time: entryVisibility(actor, "time"),
          expense: entryVisibility(actor, "expense"),
        };
        const report = await runReport(deps.store.db, scope, type, toRequest(query, clientId), visibility);
        if (!wantsCsv(request, query.format))
          return reply.type("application/json").send(reportToJson(report));
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${type}-report.csv"`)
          .send(reportToCsv(report));
      },
    );
  }
};
