/** Every matrix row, one import per route family. */
import { AUTH_ROWS, CLIENT_ROWS } from "./rows-clients.js";
import type { MatrixRow } from "./rows.js";
import { USER_ROWS } from "./rows-users.js";
import { ENTRY_ROWS } from "./rows-entries.js";
import { CONTACT_COMPANY_ROWS, CONTACT_ROWS, PROJECT_ROWS } from "./rows-projects-contacts.js";
import { IMPORT_ROWS, REPORT_ROWS } from "./rows-reports-imports.js";
import { STAFF_SETTINGS_ROWS } from "./rows-staff-settings.js";
import { SHARING_ROWS } from "./rows-sharing.js";
import { MERGE_ROWS } from "./rows-merge.js";
import { DESKTOP_ROWS } from "./rows-desktop.js";
import { RECEIPT_ROWS } from "./rows-receipts.js";
import { TIMER_ROWS } from "./rows-timers.js";
import { FILE_REQUEST_ROWS } from "./rows-portal-requests.js";
import { APPROVAL_ROWS, FILE_ROWS, FOLDER_ROWS } from "./rows-portal-files.js";
import { TWO_FACTOR_ROWS } from "./rows-two-factor.js";
import { ACCOUNTING_ROWS } from "./rows-accounting.js";

export const MATRIX_ROWS: MatrixRow[] = [
  ...AUTH_ROWS,
  ...CLIENT_ROWS,
  ...USER_ROWS,
  ...PROJECT_ROWS,
  ...CONTACT_COMPANY_ROWS,
  ...CONTACT_ROWS,
  ...ENTRY_ROWS,
  ...RECEIPT_ROWS,
  ...TIMER_ROWS,
  ...REPORT_ROWS,
  ...IMPORT_ROWS,
  ...STAFF_SETTINGS_ROWS,
  ...SHARING_ROWS,
  ...MERGE_ROWS,
  ...DESKTOP_ROWS,
  ...FILE_REQUEST_ROWS,
  ...FILE_ROWS,
  ...APPROVAL_ROWS,
  ...FOLDER_ROWS,
  ...TWO_FACTOR_ROWS,
  ...ACCOUNTING_ROWS,
];
