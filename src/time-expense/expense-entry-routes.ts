/**
 * /expense-entries: the same routes and rights as /time-entries (entry-crud-routes.ts), with
 * quantity, unit rate and surcharge in place of minutes and rate.
 */
import { z } from "zod";
import { sweepFileDeletions } from "../files/file-deletion.js";
import type { RouteModule } from "../http/route-module.js";
import { registerEntryCrudRoutes } from "./entry-crud-routes.js";
import { entryFields } from "./entry-http.js";
import {
  addExpenseEntry,
  deleteExpenseEntry,
  editExpenseEntry,
  getExpenseEntry,
  pageExpenseEntries,
  MAX_SURCHARGE_BP,
  type ExpenseEntryPatch,
} from "./expense-entry-service.js";

const expenseEntrySchema = z.object({
  ...entryFields,
  quantity: z.number().int().describe("thousandths of a unit"),
  unitRate: z.number().int().describe("ten-thousandths per unit"),
  rateSource: z.string(),
  surchargeBp: z.number().int().describe("basis points"),
  receiptFile: z.string().nullable(),
});

const expenseEntryBody = z
  .object({
    staffId: z.uuid().optional().describe("default: the caller's own staff record"),
    clientId: z.uuid(),
    projectId: z.uuid().nullable().optional(),
    workCodeId: z.uuid(),
    date: z.iso.date(),
    quantity: z.number().int().optional().describe("thousandths of a unit; default 1 unit"),
    unitRate: z
      .number()
      .int()
      .nullable()
      .optional()
      .describe("ten-thousandths per unit, as on a receipt; default: resolved from the rates"),
    surchargeBp: z
      .number()
      .int()
      .min(-10_000)
      .max(MAX_SURCHARGE_BP)
      .optional()
      .describe("basis points; default: the work code's"),
    billable: z.boolean().optional().describe("default: the work code's"),
    description: z.string().max(4000).optional(),
  })
  .strict();

type ExpenseEntryBody = Partial<z.infer<typeof expenseEntryBody>>;

const toPatch = (body: ExpenseEntryBody): ExpenseEntryPatch => ({
  staff: body.staffId,
  client: body.clientId,
  project: body.projectId,
  workCode: body.workCodeId,
  date: body.date,
  quantity: body.quantity,
  unitRate: body.unitRate,
  surchargeBp: body.surchargeBp,
  billable: body.billable,
  description: body.description,
});

export const registerExpenseEntryRoutes: RouteModule = (app, deps) =>
  registerEntryCrudRoutes(app, deps, {
    kind: "expense",
    tag: "expense entries",
    listSummary: "List the expense entries the caller may read: own, assigned clients', or all",
    createSummary:
      "Record an expense: one's own, or another staff member's with a create right on the client",
    entrySchema: expenseEntrySchema,
    bodySchema: expenseEntryBody,
    toPatch,
    add: (db, scope, body: z.infer<typeof expenseEntryBody>, staffId, references) => {
      const { clientId: client, workCodeId: workCode, date } = body;
      const input = { ...toPatch(body), staff: staffId, client, workCode, date };
      return addExpenseEntry(db, scope, input, references);
    },
    get: getExpenseEntry,
    page: pageExpenseEntries,
    edit: editExpenseEntry,
    remove: deleteExpenseEntry,
    // The entry's receipts went with it (a cascade that queues their files): remove the files.
    afterRemove: (scope, log) => sweepFileDeletions(deps.store.db, deps.files, log, scope.firm.id),
  });
