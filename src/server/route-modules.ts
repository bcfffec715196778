/** Every capability's HTTP routes, registered under /f/:firm/api/v1. One line per module. */
import { registerAccountRoutes } from "../access/account-routes.js";
import { registerAuthRoutes } from "../access/auth-routes.js";
import { registerUserRoutes } from "../access/user-routes.js";
import { registerClientRoutes } from "../firm-setup/client-routes.js";
import { registerContactCompanyRoutes } from "../firm-setup/contact-company-routes.js";
import { registerContactRoutes } from "../firm-setup/contact-routes.js";
import { registerProjectRoutes } from "../firm-setup/project-routes.js";
import { registerImportRoutes } from "../imports/import-routes.js";
import { registerReportRoutes } from "../reports/report-routes.js";
import { registerExpenseEntryRoutes } from "../time-expense/expense-entry-routes.js";
import { registerReceiptRoutes } from "../time-expense/receipt-routes.js";
import { registerRepriceRoutes } from "../time-expense/reprice-routes.js";
import { registerTimeEntryRoutes } from "../time-expense/time-entry-routes.js";
import { registerTimerRoutes } from "../time-expense/timer-routes.js";
import { registerEntryStaffRoutes } from "../time-expense/entry-staff-routes.js";
import { registerTimesheetRoutes } from "../time-expense/timesheet-routes.js";
import { registerAssignmentRoutes } from "../access/assignment-routes.js";
import { registerContactGroupRoutes } from "../access/contact-group-routes.js";
import { registerRoleRoutes } from "../access/role-routes.js";
import { registerFirmRoutes } from "../firm-setup/firm-routes.js";
import { registerRateRoutes } from "../firm-setup/rate-routes.js";
import { registerStaffGroupRoutes } from "../firm-setup/staff-group-routes.js";
import { registerStaffRoutes } from "../firm-setup/staff-routes.js";
import { registerWorkCodeRoutes } from "../firm-setup/work-code-routes.js";
import { registerSyncRoutes } from "../merge/sync-routes.js";
import { registerDesktopRoutes } from "../merge/desktop-routes.js";
import { registerProtectionRoutes } from "../access/protection-routes.js";
import { registerFileRequestRoutes } from "../portal/file-request-routes.js";
import { registerPortalRoutes } from "../portal/portal-routes.js";
import { registerEntityFileRoutes } from "../portal/entity-file-routes.js";
import { registerApprovalRoutes } from "../portal/approval-routes.js";
import { registerFolderRoutes } from "../portal/folder-routes.js";
import { registerTwoFactorRoutes } from "../access/two-factor-routes.js";
import { registerAccountingRoutes } from "../accounting/accounting-routes.js";
import type { RouteModule } from "../http/route-module.js";

export const FIRM_ROUTE_MODULES: RouteModule[] = [
  registerAccountingRoutes,
  registerAuthRoutes,
  registerClientRoutes,
  registerAccountRoutes,
  registerUserRoutes,
  registerProjectRoutes,
  registerContactCompanyRoutes,
  registerContactRoutes,
  registerTimeEntryRoutes,
  registerExpenseEntryRoutes,
  registerReceiptRoutes,
  registerTimerRoutes,
  registerEntryStaffRoutes,
  registerTimesheetRoutes,
  registerRepriceRoutes,
  registerReportRoutes,
  registerImportRoutes,
  registerFirmRoutes,
  registerStaffRoutes,
  registerStaffGroupRoutes,
  registerWorkCodeRoutes,
  registerRateRoutes,
  registerRoleRoutes,
  registerAssignmentRoutes,
  registerContactGroupRoutes,
  registerSyncRoutes,
  registerDesktopRoutes,
  registerProtectionRoutes,
  registerFileRequestRoutes,
  registerPortalRoutes,
  registerEntityFileRoutes,
  registerApprovalRoutes,
  registerFolderRoutes,
  registerTwoFactorRoutes,
];
