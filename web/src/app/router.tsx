/**
 * The firm app's pages and their addresses under /f/{slug}/. Public pages (sign in, the emailed
 * links' pages) stand alone; every other page sits in the signed-in frame, which sends a person
 * who is not signed in to the sign-in page and brings them back afterwards.
 */
import { lazy } from "react";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { ApiProblem } from "../api/problem";
import type { ReportView } from "../features/reports/components/reports-page";
import { readCriteria, reportQuery } from "../features/reports/report-criteria";
import type { FirmContext } from "../lib/firm-context";
import { mayDo, meQueryOptions, useMe } from "../lib/me";
import { AppLayout } from "./app-layout";
import { NotFoundPage } from "./not-found-page";
import { PageSuspense } from "./page-suspense";

// Each page is its own file to download, fetched when first visited: the first page a person
// opens loads only what it shows.
const AccountPage = lazy(() =>
  import("../features/auth/components/account-page").then((module) => ({ default: module.AccountPage })),
);
const ForgotPasswordPage = lazy(() =>
  import("../features/auth/components/forgot-password-page").then((module) => ({
    default: module.ForgotPasswordPage,
  })),
);
const LinkPasswordPage = lazy(() =>
  import("../features/auth/components/link-password-page").then((module) => ({
    default: module.LinkPasswordPage,
  })),
);
const SignInPage = lazy(() =>
  import("../features/auth/components/sign-in-page").then((module) => ({ default: module.SignInPage })),
);
const HomePage = lazy(() =>
  import("../features/home/components/home-page").then((module) => ({ default: module.HomePage })),
);
const DayPage = lazy(() =>
  import("../features/timesheet/components/day-page").then((module) => ({ default: module.DayPage })),
);
const QuickEntry = lazy(() =>
  import("../features/timesheet/components/quick-entry").then((module) => ({ default: module.QuickEntry })),
);
const TimerCard = lazy(() =>
  import("../features/timers/components/timer-card").then((module) => ({ default: module.TimerCard })),
);
const ExpensesPage = lazy(() =>
  import("../features/expenses/components/expenses-page").then((module) => ({
    default: module.ExpensesPage,
  })),
);
const ReportsPage = lazy(() =>
  import("../features/reports/components/reports-page").then((module) => ({ default: module.ReportsPage })),
);
const TimesheetPage = lazy(() =>
  import("../features/timesheet/components/timesheet-page").then((module) => ({
    default: module.TimesheetPage,
  })),
);

const optionalText = (value: unknown) => (typeof value === "string" && value ? value : undefined);

const rootRoute = createRootRouteWithContext<FirmContext>()({
  component: () => (
    <PageSuspense>
      <Outlet />
    </PageSuspense>
  ),
  notFoundComponent: NotFoundPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "sign-in",
  validateSearch: (search: Record<string, unknown>) => ({ next: optionalText(search.next) }),
  component: function SignIn() {
    const { next } = signInRoute.useSearch();
    return <SignInPage next={next} />;
  },
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "forgot-password",
  component: ForgotPasswordPage,
});

const activateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "activate",
  component: () => <LinkPasswordPage purpose="activate" />,
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "reset-password",
  component: () => <LinkPasswordPage purpose="reset" />,
});

const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "signed-in",
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQueryOptions(context.api));
      if (!context.session.csrfToken) context.session.signedIn(me.csrfToken);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 401) {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's redirect is thrown
        throw redirect({ to: "/sign-in", search: { next: location.href } });
      }
      throw error;
    }
  },
  component: AppLayout,
});

const homeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/",
  component: function Home() {
    const me = useMe();
    // A client's contact lands on what waits for them.
    if (me?.contactId != null) return <PortalHome />;
    // A staff member records time from here; others (a contact, an admin without a staff record) do not.
    const records = me?.staffId != null && mayDo(me, "time_entries", "C");
    return (
      <HomePage
        widgets={
          records ? (
            <>
              <TimerCard />
              <QuickEntry />
            </>
          ) : null
        }
      />
    );
  },
});
const accountRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "account",
  component: AccountPage,
});

const isoDate = (value: unknown) =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;

const timesheetRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "time",
  validateSearch: (search: Record<string, unknown>) => ({ week: isoDate(search.week) }),
  component: function Timesheet() {
    const { week } = timesheetRoute.useSearch();
    return <TimesheetPage week={week} />;
  },
});

const dayRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "time/day",
  validateSearch: (search: Record<string, unknown>) => ({ date: isoDate(search.date) }),
  component: function Day() {
    const { date } = dayRoute.useSearch();
    return <DayPage date={date} />;
  },
});

const expensesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "expenses",
  validateSearch: (search: Record<string, unknown>) => {
    const month = optionalText(search.month);
    return { month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : undefined };
  },
  component: function Expenses() {
    const { month } = expensesRoute.useSearch();
    return <ExpensesPage month={month} />;
  },
});

// Reports: the address holds the report's whole question (the API's own query) and the view.
const REPORT_KEYS = [
  "month",
  "year",
  "from",
  "to",
  "kind",
  "billable",
  "status",
  "clientId",
  "projectId",
  "staffId",
  "workCodeId",
  "groupBy",
] as const;
const REPORT_VIEWS = ["summary", "detailed", "charts"] as const;

const reportsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "reports",
  validateSearch: (search: Record<string, unknown>) => {
    const kept: Partial<Record<(typeof REPORT_KEYS)[number] | "view", string>> = {};
    for (const key of REPORT_KEYS) {
      const value = optionalText(search[key]);
      if (value) kept[key] = value;
    }
    const view = optionalText(search.view);
    if (view && (REPORT_VIEWS as readonly string[]).includes(view)) kept.view = view;
    return kept;
  },
  component: function Reports() {
    const search = reportsRoute.useSearch();
    const navigate = reportsRoute.useNavigate();
    const criteria = readCriteria(search);
    const view = (search.view ?? "summary") as ReportView;
    return (
      <ReportsPage
        criteria={criteria}
        view={view}
        onChange={(next, nextView) =>
          void navigate({
            search: { ...reportQuery(next), ...(nextView === "summary" ? {} : { view: nextView }) },
            replace: true,
          })
        }
      />
    );
  },
});

// Firm setup: the records (clients, projects, contacts, contact companies, work codes, rates, imports).
const SetupIndexPage = lazy(() =>
  import("../features/setup-records/components/setup-index-page").then((module) => ({
    default: module.SetupIndexPage,
  })),
);
const SetupListPage = lazy(() =>
  import("../features/setup-records/components/setup-pages").then((module) => ({
    default: module.SetupListPage,
  })),
);
const SetupRecordPage = lazy(() =>
  import("../features/setup-records/components/setup-pages").then((module) => ({
    default: module.SetupRecordPage,
  })),
);
const setupRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "setup",
  component: SetupIndexPage,
});
const setupListRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "setup/$kind",
  component: function SetupList() {
    const { kind } = setupListRoute.useParams();
    // A fresh page (its search, filters and page) for each kind.
    return <SetupListPage key={kind} kind={kind} />;
  },
});
const setupRecordRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "setup/$kind/$id",
  validateSearch: (search: Record<string, unknown>) => ({ clientId: optionalText(search.clientId) }),
  component: function SetupRecord() {
    const { kind, id } = setupRecordRoute.useParams();
    const { clientId } = setupRecordRoute.useSearch();
    return <SetupRecordPage key={`${kind}/${id}`} kind={kind} id={id} clientId={clientId} />;
  },
});
const setupRoutes = [setupRoute, setupListRoute, setupRecordRoute];
// Firm setup: the firm's profile, staff and groups, users, roles and sharing
// (web/src/features/setup-people), each page its own download.
const FirmProfilePage = lazy(() =>
  import("../features/setup-people/components/firm-profile-page").then((module) => ({
    default: module.FirmProfilePage,
  })),
);
const StaffListPage = lazy(() =>
  import("../features/setup-people/components/staff-list-page").then((module) => ({
    default: module.StaffListPage,
  })),
);
const StaffPage = lazy(() =>
  import("../features/setup-people/components/staff-page").then((module) => ({ default: module.StaffPage })),
);
const StaffGroupsPage = lazy(() =>
  import("../features/setup-people/components/staff-groups-page").then((module) => ({
    default: module.StaffGroupsPage,
  })),
);
const ContactGroupsPage = lazy(() =>
  import("../features/setup-people/components/contact-groups-page").then((module) => ({
    default: module.ContactGroupsPage,
  })),
);
const UsersPage = lazy(() =>
  import("../features/setup-people/components/users-page").then((module) => ({ default: module.UsersPage })),
);
const RolesPage = lazy(() =>
  import("../features/setup-people/components/roles-page").then((module) => ({ default: module.RolesPage })),
);
const SharingPage = lazy(() =>
  import("../features/setup-people/components/sharing-page").then((module) => ({
    default: module.SharingPage,
  })),
);
const setupPeopleRoute = <P extends string>(path: P, component: () => React.ReactNode) =>
  createRoute({ getParentRoute: () => signedInRoute, path, component });
const setupStaffRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "setup/staff/$staffId",
  component: function Staff() {
    const { staffId } = setupStaffRoute.useParams();
    return <StaffPage staffId={staffId} />;
  },
});
const ContactPortalPage = lazy(() =>
  import("../features/setup-people/components/contact-portal-page").then((module) => ({
    default: module.ContactPortalPage,
  })),
);
// A contact's portal access, linked from the contact's page (features/setup-records).
const setupContactPortalRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "setup/contacts/$contactId/portal",
  component: function ContactPortal() {
    const { contactId } = setupContactPortalRoute.useParams();
    return <ContactPortalPage contactId={contactId} />;
  },
});
const setupSharingRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "setup/sharing",
  validateSearch: (search: Record<string, unknown>) => ({ client: optionalText(search.client) }),
  component: function Sharing() {
    const { client } = setupSharingRoute.useSearch();
    return <SharingPage clientId={client} />;
  },
});
const setupPeopleRoutes = [
  setupPeopleRoute("setup/firm", () => <FirmProfilePage />),
  setupPeopleRoute("setup/staff", () => <StaffListPage />),
  setupStaffRoute,
  setupPeopleRoute("setup/staff-groups", () => <StaffGroupsPage />),
  setupPeopleRoute("setup/contact-groups", () => <ContactGroupsPage />),
  setupPeopleRoute("setup/users", () => <UsersPage />),
  setupPeopleRoute("setup/roles", () => <RolesPage />),
  setupSharingRoute,
  setupContactPortalRoute,
] as const;

// The desktop's pages (firmtime desktop): its first run, its connection, conflicts and merge log.
const FirstRunPage = lazy(() =>
  import("../features/desktop/components/first-run-page").then((module) => ({
    default: module.FirstRunPage,
  })),
);
const ConnectionPage = lazy(() =>
  import("../features/desktop/components/connection-page").then((module) => ({
    default: module.ConnectionPage,
  })),
);
const ConflictsPage = lazy(() =>
  import("../features/desktop/components/conflicts-page").then((module) => ({
    default: module.ConflictsPage,
  })),
);
const MergeLogPage = lazy(() =>
  import("../features/desktop/components/merge-log-page").then((module) => ({
    default: module.MergeLogPage,
  })),
);
const firstRunRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "first-run",
  component: FirstRunPage,
});
const desktopRoutes = [
  createRoute({
    getParentRoute: () => signedInRoute,
    path: "connection",
    component: ConnectionPage,
  }),
  createRoute({
    getParentRoute: () => signedInRoute,
    path: "conflicts",
    component: ConflictsPage,
  }),
  createRoute({
    getParentRoute: () => signedInRoute,
    path: "merge-log",
    component: MergeLogPage,
  }),
];

// The reviewers' approvals (features/approvals): submitted entries approved or returned.
const ApprovalsPage = lazy(() =>
  import("../features/approvals/components/approvals-page").then((module) => ({
    default: module.ApprovalsPage,
  })),
);
const approvalsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "approvals",
  component: ApprovalsPage,
});

// The client portal: file requests (features/requests), a contact's home and the portal settings
// (features/portal), the request link's page (features/auth).
const OpenRequestPage = lazy(() =>
  import("../features/auth/components/open-request-page").then((module) => ({
    default: module.OpenRequestPage,
  })),
);
const PortalHome = lazy(() =>
  import("../features/portal/components/portal-home").then((module) => ({ default: module.PortalHome })),
);
const RequestsPage = lazy(() =>
  import("../features/requests/components/requests-page").then((module) => ({
    default: module.RequestsPage,
  })),
);
const NewRequestPage = lazy(() =>
  import("../features/requests/components/new-request-page").then((module) => ({
    default: module.NewRequestPage,
  })),
);
const RequestPage = lazy(() =>
  import("../features/requests/components/request-page").then((module) => ({ default: module.RequestPage })),
);
const PortalSettingsPage = lazy(() =>
  import("../features/portal/components/portal-settings-page").then((module) => ({
    default: module.PortalSettingsPage,
  })),
);
const openRequestRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "open-request",
  component: OpenRequestPage,
});
const newRequestRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "requests/new",
  validateSearch: (search: Record<string, unknown>) => ({ clientId: optionalText(search.clientId) }),
  component: function NewRequest() {
    const { clientId } = newRequestRoute.useSearch();
    return <NewRequestPage clientId={clientId} />;
  },
});
const requestRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "requests/$requestId",
  component: function Request() {
    const { requestId } = requestRoute.useParams();
    return <RequestPage key={requestId} requestId={requestId} />;
  },
});
const portalRoutes = [
  createRoute({ getParentRoute: () => signedInRoute, path: "requests", component: RequestsPage }),
  newRequestRoute,
  requestRoute,
  createRoute({ getParentRoute: () => signedInRoute, path: "setup/portal", component: PortalSettingsPage }),
];

// A document a contact is asked to approve (features/document-approvals), at the address its
// email links to; /approvals itself is the reviewers' time approvals.
const DocumentApprovalPage = lazy(() =>
  import("../features/document-approvals/components/document-approval-page").then((module) => ({
    default: module.DocumentApprovalPage,
  })),
);
const documentApprovalRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "approvals/$approvalId",
  component: function DocumentApproval() {
    const { approvalId } = documentApprovalRoute.useParams();
    return <DocumentApprovalPage key={approvalId} approvalId={approvalId} />;
  },
});

// An entity's files (features/files): a client's files for staff, a contact's files in the portal.
const FilesPage = lazy(() =>
  import("../features/files/components/files-page").then((module) => ({ default: module.FilesIndexPage })),
);
const ClientFilesPage = lazy(() =>
  import("../features/files/components/client-files-page").then((module) => ({
    default: module.ClientFilesPage,
  })),
);
const clientFilesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "clients/$clientId/files",
  component: function ClientFiles() {
    const { clientId } = clientFilesRoute.useParams();
    return <ClientFilesPage key={clientId} clientId={clientId} />;
  },
});
const filesRoutes = [
  createRoute({ getParentRoute: () => signedInRoute, path: "files", component: FilesPage }),
  clientFilesRoute,
];

// The accounting connector's screens (features/accounting): the overview, the history, one run.
const AccountingPage = lazy(() =>
  import("../features/accounting/components/accounting-page").then((module) => ({
    default: module.AccountingPage,
  })),
);
const AccountingRunsPage = lazy(() =>
  import("../features/accounting/components/runs-page").then((module) => ({ default: module.RunsPage })),
);
const AccountingRunPage = lazy(() =>
  import("../features/accounting/components/run-page").then((module) => ({ default: module.RunPage })),
);
// Intuit's consent page sends the browser back here with ?connected=1 or ?connectError=…
const accountingRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "accounting",
  validateSearch: (search: Record<string, unknown>) => ({
    connected: optionalText(search.connected),
    connectError: optionalText(search.connectError),
  }),
  component: function Accounting() {
    const { connected, connectError } = accountingRoute.useSearch();
    return <AccountingPage connected={connected === "1"} connectError={connectError} />;
  },
});
const accountingRunRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "accounting/runs/$runId",
  component: function AccountingRun() {
    const { runId } = accountingRunRoute.useParams();
    return <AccountingRunPage key={runId} runId={runId} />;
  },
});
const accountingRoutes = [
  accountingRoute,
  createRoute({
    getParentRoute: () => signedInRoute,
    path: "accounting/runs",
    component: AccountingRunsPage,
  }),
  accountingRunRoute,
];

const routeTree = rootRoute.addChildren([
  signInRoute,
  forgotPasswordRoute,
  activateRoute,
  resetPasswordRoute,
  firstRunRoute,
  openRequestRoute,
  signedInRoute.addChildren([
    homeRoute,
    accountRoute,
    timesheetRoute,
    dayRoute,
    expensesRoute,
    reportsRoute,
    ...setupRoutes,
    ...setupPeopleRoutes,
    ...desktopRoutes,
    approvalsRoute,
    documentApprovalRoute,
    ...portalRoutes,
    ...filesRoutes,
    ...accountingRoutes,
  ]),
]);

/**
 * Plain query strings (?billable=true, not ?billable=%22true%22): every page's search values are
 * text, and an address a person copies or bookmarks should read as it means.
 */
function parsePlainSearch(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}
function stringifyPlainSearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search))
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function createFirmRouter(context: FirmContext) {
  return createRouter({
    routeTree,
    context,
    parseSearch: parsePlainSearch,
    stringifySearch: stringifyPlainSearch,
    basepath: `/f/${encodeURIComponent(context.slug)}`,
    defaultPreload: "intent",
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createFirmRouter>;
  }
}
