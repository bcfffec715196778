/**
 * IIF files for QuickBooks Desktop: the writers (write-iif.ts), their field rules
 * (iif-fields.ts) and our strict reader (parse-iif.ts), under the one name the connector imports.
 */
export { iifDate, iifDurations, iifField, iifListName, MAX_IIF_MINUTES } from "./iif-fields.js";
export { iifCustomerNames, TIMEACT_COLUMNS, writeIif, writeIifLists, writeIifTime } from "./write-iif.js";
export {
  IifError,
  iifTimeActivities,
  isoFromIifDate,
  joinSplitActivities,
  minutesFromDuration,
  parseIif,
  type IifRecord,
  type IifTimeActivity,
} from "./parse-iif.js";
export { iifBytes, iifText } from "./iif-bytes.js";
