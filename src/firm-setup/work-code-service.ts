/** Work codes: time or expense kind, billable or not, a default rate (with history) and a surcharge. */
import { inTransaction } from "../store/transaction.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import { normaliseCode, optionalText, requireText } from "../domain/fields.js";
import { ALWAYS } from "../domain/rates.js";
import type { PageRequest, RowPage } from "../store/list-query.js";
import type { Db } from "../store/database.js";
import { uniqueOrDuplicate } from "../store/unique.js";
import { upsertRate } from "./rate-service.js";
import { nowIso, type FirmScope } from "./scope.js";
import { definedOnly } from "./staff-service.js";
import {
  deleteWorkCodeRows,
  findWorkCode,
  insertWorkCode,
  selectWorkCodePage,
  selectWorkCodes,
  type WorkCodeSort,
  updateWorkCode,
  workCodeUsage,
  type WorkCode,
  type WorkCodeFields,
  type WorkCodeFilter,
} from "./work-code-store.js";

export interface WorkCodeInput {
  code: string;
  kind: "time" | "expense";
  billable?: boolean;
  name: string;
  /** Default rate in ten-thousandths; applies to every entry date unless later rates follow. */
  rate?: number;
  surchargeBp?: number;
  internalNote?: string;
  active?: boolean;
}

const MAX_SURCHARGE_BP = 1_000_000; // 10,000 %

export function validateWorkCode(input: Omit<WorkCodeInput, "rate">): WorkCodeFields {
  if (input.kind !== "time" && input.kind !== "expense") {
    throw invalid(`work code kind ${JSON.stringify(input.kind)} must be time or expense`);
  }
  const surchargeBp = input.surchargeBp ?? 0;
  // A discount down to -100 % at most: below that an expense's amount would change sign.
  if (!Number.isInteger(surchargeBp) || surchargeBp < -10_000 || surchargeBp > MAX_SURCHARGE_BP) {
    throw invalid(`surcharge ${surchargeBp} basis points is out of range`);
  }
  if (input.kind === "time" && surchargeBp !== 0)
    throw invalid("a surcharge applies to expense work codes only");
  return {
    code: normaliseCode(input.code, "work code", 10),
    kind: input.kind,
    billable: input.billable ?? true,
    name: requireText(input.name, "work code name", 100),
    surchargeBp,
    internalNote: optionalText(input.internalNote, "internal note"),
    active: input.active ?? true,
  };
}

export async function addWorkCode(db: Db, scope: FirmScope, input: WorkCodeInput): Promise<WorkCode> {
  const fields = validateWorkCode(input);
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    if (await findWorkCode(tx, firmId, fields.code)) {
      throw new AppError("DUPLICATE", `work code ${fields.code} already exists`, { code: fields.code });
    }
    const id = await uniqueOrDuplicate(
      () => insertWorkCode(tx, firmId, fields, nowIso(scope)),
      `work code ${fields.code} already exists`,
    );
    if (input.rate !== undefined) {
      await upsertRate(tx, scope, {
        scope: "work_code",
        workCodeId: id,
        effectiveDate: ALWAYS,
        rate: input.rate,
      });
    }
    return (await findWorkCode(tx, firmId, id))!;
  });
}

export async function getWorkCode(db: Db, scope: FirmScope, ref: string): Promise<WorkCode> {
  const workCode = await findWorkCode(db, scope.firm.id, ref);
  if (!workCode) throw notFound("work code", ref);
  return workCode;
}

/** One page of the work codes a filter matches, in SQL. */
export const listWorkCodePage = (
  db: Db,
  scope: FirmScope,
  filter: WorkCodeFilter,
  page: PageRequest<WorkCodeSort>,
): Promise<RowPage<WorkCode>> => selectWorkCodePage(db, scope.firm.id, filter, page);

export const listWorkCodes = (db: Db, scope: FirmScope, filter: WorkCodeFilter = {}): Promise<WorkCode[]> =>
  selectWorkCodes(db, scope.firm.id, filter);

export type WorkCodePatch = Partial<Omit<WorkCodeInput, "rate">>;

export async function editWorkCode(
  db: Db,
  scope: FirmScope,
  ref: string,
  patch: WorkCodePatch,
): Promise<WorkCode> {
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    const current = await getWorkCode(tx, scope, ref);
    const fields = validateWorkCode({ ...current, ...definedOnly(patch) });
    if (fields.kind !== current.kind && (await workCodeUsage(tx, firmId, current.id)) > 0) {
      throw new AppError("IN_USE", `work code ${current.code} has entries; its kind cannot change`);
    }
    const other = await findWorkCode(tx, firmId, fields.code);
    if (other && other.id !== current.id)
      throw new AppError("DUPLICATE", `work code ${fields.code} already exists`);
    await uniqueOrDuplicate(
      () => updateWorkCode(tx, firmId, current.id, fields, nowIso(scope)),
      `work code ${fields.code} already exists`,
    );
    return (await findWorkCode(tx, firmId, current.id))!;
  });
}

export async function deleteWorkCode(db: Db, scope: FirmScope, ref: string): Promise<WorkCode> {
  return inTransaction(db, async (tx) => {
    const workCode = await getWorkCode(tx, scope, ref);
    if ((await workCodeUsage(tx, scope.firm.id, workCode.id)) > 0) {
      throw new AppError("IN_USE", `work code ${workCode.code} has entries; make it inactive instead`);
    }
    await deleteWorkCodeRows(tx, scope.firm.id, workCode.id);
    return workCode;
  });
}
