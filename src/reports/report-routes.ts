/**
 * GET /reports/basic and /reports/detailed: the CLI's transaction reports (same filters, same
 * grouping) as JSON, or as CSV for `Accept: text/csv` or `format=csv`; the same reports as
 * CSV, XLSX or PDF files at /reports/{type}/download, streamed as the store is read; and
 * /reports/charts, the chart series for the same filters.
 *
 * Rights: reports:R at any scope (a role firm-wide or on some client, or a partner / manager
 * post), and the report covers exactly the entries the caller may read in the entry lists:
 * their own and those of the clients they reach, or all with a system-scope role.
 */
import { PassThrough } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorize, rightsOf, type Actor } from "../access/authorize.js";
import { reachableEntities } from "../access/permissions.js";
import { ENTRY_STATUSES } from "../domain/entries.js";
import { getProject } from "../firm-setup/project-service.js";
import { scopeOf, type ServerDeps } from "../http/context.js";
import { firmParams } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import { entryVisibility } from "../time-expense/entry-access.js";
import { chartData } from "./chart-service.js";
import { chartSchema, chartToJson } from "./chart-json.js";
import {
  DOWNLOAD_CONTENT_TYPES,
  DOWNLOAD_FORMATS,
  DownloadClosed,
  downloadFileName,
  writeDownload,
  type DownloadFormat,
} from "./report-download.js";
import { reportToJson } from "./report-json.js";
import { runReport, type ReportRequest, type ReportVisibility } from "./report-service.js";
import { streamReport, type ReportSource } from "./report-stream.js";
import { GROUP_BYS, KIND_FILTERS, REPORT_TYPES, type ReportType } from "./report.js";

const oneOf = (values: readonly string[]) => `(${values.join("|")})`;
const LEVELS = new RegExp(`^${oneOf(GROUP_BYS)}(,${oneOf(GROUP_BYS)})?$`);
const STATUSES = new RegExp(`^${oneOf(ENTRY_STATUSES)}(,${oneOf(ENTRY_STATUSES)})*$`);

const filterFields = {
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
};

const groupByField = z
  .string()
  .regex(LEVELS)
  .describe(`${GROUP_BYS.join(" | ")}, or two of them: client,month`);

const reportQuery = z
  .object({
    groupBy: groupByField,
    ...filterFields,
    format: z.enum(["json", "csv"]).optional().describe("default: CSV for Accept: text/csv, else JSON"),
  })
  .strict();

const downloadQuery = z
  .object({
    groupBy: groupByField,
    ...filterFields,
    format: z.enum(DOWNLOAD_FORMATS).describe("the file: csv, xlsx or pdf"),
  })
  .strict();

const chartQuery = z.object(filterFields).strict();

type FilterQuery = Omit<z.infer<typeof reportQuery>, "groupBy" | "format">;

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

function toRequest(query: FilterQuery, clientId: string | undefined): Omit<ReportRequest, "groupBy"> {
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
  };
}

const wantsCsv = (request: FastifyRequest, format: "json" | "csv" | undefined): boolean =>
  format === "csv" || (format === undefined && (request.headers.accept ?? "").includes("text/csv"));

/**
 * What every report route does first: reports:R somewhere, the firm's scope, the filters as a
 * request (a project's client implied), and the entries the caller may read.
 */
async function reportCall(request: FastifyRequest, deps: ServerDeps, query: FilterQuery) {
  const { actor } = request;
  authorizeReports(actor);
  const scope = scopeOf(request.firm!, deps, actor);
  const clientId =
    query.projectId && !query.clientId
      ? (await getProject(deps.store.db, scope, query.projectId)).clientId
      : query.clientId;
  const visibility: ReportVisibility = {
    time: entryVisibility(actor, "time"),
    expense: entryVisibility(actor, "expense"),
  };
  return { scope, request: toRequest(query, clientId), visibility };
}

/**
 * Sends the report as a file. The request is checked and the groups read before the first
 * byte, so a refusal is a problem+json; after that the body streams (chunked, no
 * Content-Length) and a failure part-way cuts the download off rather than ending it cleanly.
 */
function sendDownload(
  request: FastifyRequest,
  reply: FastifyReply,
  source: ReportSource,
  format: DownloadFormat,
): FastifyReply {
  const body = new PassThrough();
  writeDownload(format, source, body).catch((error: unknown) => {
    if (!(error instanceof DownloadClosed)) request.log.error({ err: error }, "report download failed");
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  const firmLabel = request.firm!.slug ?? request.firm!.name;
  return reply
    .type(DOWNLOAD_CONTENT_TYPES[format])
    .header("content-disposition", `attachment; filename="${downloadFileName(source, firmLabel, format)}"`)
    .header("cache-control", "no-store")
    .send(body);
}

const binary = (what: string) => z.string().meta({ format: "binary" }).describe(what);

export const registerReportRoutes: RouteModule = (app, deps) => {
  for (const type of REPORT_TYPES) {
    registerReport(type);
    registerDownload(type);
  }
  registerCharts();

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
        const { query } = request;
        const call = await reportCall(request, deps, query);
        const reportRequest = { ...call.request, groupBy: query.groupBy.split(",") };
        if (wantsCsv(request, query.format)) {
          const source = await streamReport(deps.store.db, call.scope, type, reportRequest, call.visibility);
          return sendDownload(request, reply, source, "csv");
        }
        const report = await runReport(deps.store.db, call.scope, type, reportRequest, call.visibility);
        return reply.type("application/json").send(reportToJson(report));
      },
    );
  }

  function registerDownload(type: ReportType): void {
    app.get(
      `/reports/${type}/download`,
      {
        config: { permission: "reports:R" },
        schema: {
          tags: ["reports"],
          summary: `Download the ${type} report as a CSV, XLSX or PDF file`,
          description:
            `The ${type} report with the same filters and grouping as GET /reports/${type}, and the same ` +
            "totals to the cent, as an attachment named after the firm, the report and the period " +
            "(Content-Disposition). The file streams as the entries are read: no Content-Length. " +
            "XLSX amounts, hours and rates are numbers formatted with their decimals; the first " +
            "column of CSV and XLSX rows says what a row is (entry, group, subtotal, total).",
          params: firmParams,
          querystring: downloadQuery,
          response: {
            200: {
              description: "the report file",
              content: {
                "text/csv": { schema: binary("RFC 4180 CSV, UTF-8") },
                [DOWNLOAD_CONTENT_TYPES.xlsx]: { schema: binary("an Excel workbook") },
                "application/pdf": { schema: binary("a PDF document") },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const { query } = request;
        const call = await reportCall(request, deps, query);
        const reportRequest = { ...call.request, groupBy: query.groupBy.split(",") };
        const source = await streamReport(deps.store.db, call.scope, type, reportRequest, call.visibility);
        return sendDownload(request, reply, source, query.format);
      },
    );
  }

  function registerCharts(): void {
    app.get(
      "/reports/charts",
      {
        config: { permission: "reports:R" },
        schema: {
          tags: ["reports"],
          summary: "Chart data: hours and amounts by client, staff, work code and month",
          description:
            "For the period and filters of the reports: each series is the basic report grouped by " +
            "that one level (same totals to the cent), over the entries the caller's report covers. " +
            "Billable shares are basis points (10000 = all) of minutes, with the minutes they come from.",
          params: firmParams,
          querystring: chartQuery,
          response: { 200: chartSchema },
        },
      },
      async (request) => {
        const call = await reportCall(request, deps, request.query);
        return chartToJson(await chartData(deps.store.db, call.scope, call.request, call.visibility));
      },
    );
  }
};
