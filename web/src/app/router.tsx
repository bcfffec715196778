/**
 * The firm app's pages and their addresses under /f/{slug}/. Public pages (sign in, the emailed
 * links' pages) stand alone; every other page sits in the signed-in frame, which sends a person
 * who is not signed in to the sign-in page and brings them back afterwards.
 */
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Outlet,
  redirect,
  type RouteComponent,
} from "@tanstack/react-router";
import { ApiProblem } from "../api/problem";
import type { ReportView } from "../features/reports/components/reports-page";
import { readCriteria, reportQuery } from "../features/reports/report-criteria";
import type { FirmContext } from "../lib/firm-context";
import { mayDo, meQueryOptions, useMe, type Me } from "../lib/me";
import { lazyPage, preload, rendering } from "../lib/lazy-page";
import { AppLayout } from "./app-layout";
import { NotFoundPage } from "./not-found-page";
import { PageSuspense } from "./page-suspense";

// Each page is its own file to download, fetched when first visited (or when a link to it is
// hovered) and before it renders (lib/lazy-page.ts): the first page a person opens loads only what
// it shows.
const AccountPage = lazyPage(() => import("../features/auth/components/account-page"), "AccountPage");
const ForgotPasswordPage = lazyPage(
  () => import("../features/auth/components/forgot-password-page"),
  "ForgotPasswordPage",
);
const LinkPasswordPage = lazyPage(
  () => import("../features/auth/components/link-password-page"),
  "LinkPasswordPage",
);
const SignInPage = lazyPage(() => import("../features/auth/components/sign-in-page"), "SignInPage");
const HomePage = lazyPage(() => import("../features/home/components/home-page"), "HomePage");
const DayPage = lazyPage(() => import("../features/timesheet/components/day-page"), "DayPage");
const QuickEntry = lazyPage(() => import("../features/timesheet/components/quick-entry"), "QuickEntry");
const TimerCard = lazyPage(() => import("../features/timers/components/timer-card"), "TimerCard");
const ExpensesPage = lazyPage(() => import("../features/expenses/components/expenses-page"), "ExpensesPage");
const ReportsPage = lazyPage(() => import("../features/reports/components/reports-page"), "ReportsPage");
const TimesheetPage = lazyPage(
  () => import("../features/timesheet/components/timesheet-page"),
  "TimesheetPage",
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
  component: rendering(
    function SignIn() {
      const { next } = signInRoute.useSearch();
      return <SignInPage next={next} />;
    },
    () => [SignInPage],
  ),
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "forgot-password",
  component: ForgotPasswordPage,
});

const activateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "activate",
  component: rendering(
    () => <LinkPasswordPage purpose="activate" />,
    () => [LinkPasswordPage],
  ),
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "reset-password",
  component: rendering(
    () => <LinkPasswordPage purpose="reset" />,
    () => [LinkPasswordPage],
  ),
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

/** What the home page shows `me`: a contact's portal, or the staff home, with the time widgets for who records time. */
function homeParts(me: Me | undefined) {
  // A client's contact lands on what waits for them.
  if (me?.contactId != null) return { portal: true, timeWidgets: false } as const;
  // A staff member records time from here; others (an admin without a staff record) do not.
  return { portal: false, timeWidgets: me?.staffId != null && mayDo(me, "time_entries", "C") } as const;
}

const homeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/",
  // The parts this person's home shows, downloaded before it renders (lib/lazy-page.ts); `me` is in
  // the cache by now (signedInRoute.beforeLoad).
  loader: ({ context }) => {
    const parts = homeParts(context.queryClient.getQueryData(meQueryOptions(context.api).queryKey));
    return preload(
      parts.portal ? [PortalHome] : parts.timeWidgets ? [HomePage, TimerCard, QuickEntry] : [HomePage],
    );
  },
  component: function Home() {
    const parts = homeParts(useMe());
    if (parts.portal) return <PortalHome />;
    return (
      <HomePage
        widgets={
          parts.timeWidgets ? (
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
  component: rendering(
    function Timesheet() {
      const { week } = timesheetRoute.useSearch();
      return <TimesheetPage week={week} />;
    },
    () => [TimesheetPage],
  ),
});

const dayRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "time/day",
  validateSearch: (search: Record<string, unknown>) => ({ date: isoDate(search.date) }),
  component: rendering(
    function Day() {
      const { date } = dayRoute.useSearch();
      return <DayPage date={date} />;
    },
    () => [DayPage],
  ),
});

const expensesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "expenses",
  validateSearch: (search: Record<string, unknown>) => {
    const month = optionalText(search.month);
    return { month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : undefined };
  },
  component: rendering(
    function Expenses() {
      const { month } = expensesRoute.useSearch();
      return <ExpensesPage month={month} />;
    },
    () => [ExpensesPage],
  ),
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
  component: rendering(
    function Reports() {
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
    () => [ReportsPage],
  ),
});

// Firm setup: the records (clients, projects, contacts, contact companies, work codes, rates, imports).
const SetupIndexPage = lazyPage(
  () => import("../features/setup-records/components/setup-index-page"),
  "SetupIndexPage",
);
const SetupListPage = lazyPage(
  () => import("../features/setup-records/components/setup-pages"),
  "SetupListPage",
);
const SetupRecordPage = lazyPage(
  () => import("../features/setup-records/components/setup-pages"),
  "SetupRecordPage",
);
const setupRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "setup",
  component: SetupIndexPage,
});
const setupListRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "setup/$kind",
  component: rendering(
    function SetupList() {
      const { kind } = setupListRoute.useParams();
      // A fresh page (its search, filters and page) for each kind.
      return <SetupListPage key={kind} kind={kind} />;
    },
    () => [SetupListPage],
  ),
});
const setupRecordRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "setup/$kind/$id",
  validateSearch: (search: Record<string, unknown>) => ({ clientId: optionalText(search.clientId) }),
  component: rendering(
    function SetupRecord() {
      const { kind, id } = setupRecordRoute.useParams();
      const { clientId } = setupRecordRoute.useSearch();
      return <SetupRecordPage key={`${kind}/${id}`} kind={kind} id={id} clientId={clientId} />;
    },
    () => [SetupRecordPage],
  ),
});
const setupRoutes = [setupRoute, setupListRoute, setupRecordRoute];
// Firm setup: the firm's profile, staff and groups, users, roles and sharing
// (web/src/features/setup-people), each page its own download.
const FirmProfilePage = lazyPage(
  () => import("../features/setup-people/components/firm-profile-page"),
  "FirmProfilePage",
);
const StaffListPage = lazyPage(
  () => import("../features/setup-people/components/staff-list-page"),
  "StaffListPage",
);
const StaffPage = lazyPage(() => import("../features/setup-people/components/staff-page"), "StaffPage");
const StaffGroupsPage = lazyPage(
  () => import("../features/setup-people/components/staff-groups-page"),
  "StaffGroupsPage",
);
const ContactGroupsPage = lazyPage(
  () => import("../features/setup-people/components/contact-groups-page"),
  "ContactGroupsPage",
);
const UsersPage = lazyPage(() => import("../features/setup-people/components/users-page"), "UsersPage");
const RolesPage = lazyPage(() => import("../features/setup-people/components/roles-page"), "RolesPage");
const SharingPage = lazyPage(() => import("../features/setup-people/components/sharing-page"), "SharingPage");
const setupPeopleRoute = <P extends string>(path: P, component: RouteComponent) =>
  createRoute({ getParentRoute: () => signedInRoute, path, component });
const setupStaffRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "setup/staff/$staffId",
  component: rendering(
    function Staff() {
      const { staffId } = setupStaffRoute.useParams();
      return <StaffPage staffId={staffId} />;
    },
    () => [StaffPage],
  ),
});
const ContactPortalPage = lazyPage(
  () => import("../features/setup-people/components/contact-portal-page"),
  "ContactPortalPage",
);
// A contact's portal access, linked from the contact's page (features/setup-records).
const setupContactPortalRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "setup/contacts/$contactId/portal",
  component: rendering(
    function ContactPortal() {
      const { contactId } = setupContactPortalRoute.useParams();
      return <ContactPortalPage contactId={contactId} />;
    },
    () => [ContactPortalPage],
  ),
});
const setupSharingRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "setup/sharing",
  validateSearch: (search: Record<string, unknown>) => ({ client: optionalText(search.client) }),
  component: rendering(
    function Sharing() {
      const { client } = setupSharingRoute.useSearch();
      return <SharingPage clientId={client} />;
    },
    () => [SharingPage],
  ),
});
const setupPeopleRoutes = [
  setupPeopleRoute("setup/firm", FirmProfilePage),
  setupPeopleRoute("setup/staff", StaffListPage),
  setupStaffRoute,
  setupPeopleRoute("setup/staff-groups", StaffGroupsPage),
  setupPeopleRoute("setup/contact-groups", ContactGroupsPage),
  setupPeopleRoute("setup/users", UsersPage),
  setupPeopleRoute("setup/roles", RolesPage),
  setupSharingRoute,
  setupContactPortalRoute,
] as const;

// The desktop's pages (firmtime desktop): its first run, its connection, conflicts and merge log.
const FirstRunPage = lazyPage(() => import("../features/desktop/components/first-run-page"), "FirstRunPage");
const ConnectionPage = lazyPage(
  () => import("../features/desktop/components/connection-page"),
  "ConnectionPage",
);
const ConflictsPage = lazyPage(
  () => import("../features/desktop/components/conflicts-page"),
  "ConflictsPage",
);
const MergeLogPage = lazyPage(() => import("../features/desktop/components/merge-log-page"), "MergeLogPage");
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
const ApprovalsPage = lazyPage(
  () => import("../features/approvals/components/approvals-page"),
  "ApprovalsPage",
);
const approvalsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "approvals",
  component: ApprovalsPage,
});

// The client portal: file requests (features/requests), a contact's home and the portal settings
// (features/portal), the request link's page (features/auth).
const OpenRequestPage = lazyPage(
  () => import("../features/auth/components/open-request-page"),
  "OpenRequestPage",
);
const PortalHome = lazyPage(() => import("../features/portal/components/portal-home"), "PortalHome");
const RequestsPage = lazyPage(() => import("../features/requests/components/requests-page"), "RequestsPage");
const NewRequestPage = lazyPage(
  () => import("../features/requests/components/new-request-page"),
  "NewRequestPage",
);
const RequestPage = lazyPage(() => import("../features/requests/components/request-page"), "RequestPage");
const PortalSettingsPage = lazyPage(
  () => import("../features/portal/components/portal-settings-page"),
  "PortalSettingsPage",
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
  component: rendering(
    function NewRequest() {
      const { clientId } = newRequestRoute.useSearch();
      return <NewRequestPage clientId={clientId} />;
    },
    () => [NewRequestPage],
  ),
});
const requestRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "requests/$requestId",
  component: rendering(
    function Request() {
      const { requestId } = requestRoute.useParams();
      return <RequestPage key={requestId} requestId={requestId} />;
    },
    () => [RequestPage],
  ),
});
const portalRoutes = [
  createRoute({ getParentRoute: () => signedInRoute, path: "requests", component: RequestsPage }),
  newRequestRoute,
  requestRoute,
  createRoute({ getParentRoute: () => signedInRoute, path: "setup/portal", component: PortalSettingsPage }),
];

// A document a contact is asked to approve (features/document-approvals), at the address its
// email links to; /approvals itself is the reviewers' time approvals.
const DocumentApprovalPage = lazyPage(
  () => import("../features/document-approvals/components/document-approval-page"),
  "DocumentApprovalPage",
);
const documentApprovalRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "approvals/$approvalId",
  component: rendering(
    function DocumentApproval() {
      const { approvalId } = documentApprovalRoute.useParams();
      return <DocumentApprovalPage key={approvalId} approvalId={approvalId} />;
    },
    () => [DocumentApprovalPage],
  ),
});

// An entity's files (features/files): a client's files for staff, a contact's files in the portal.
const FilesPage = lazyPage(() => import("../features/files/components/files-page"), "FilesIndexPage");
const ClientFilesPage = lazyPage(
  () => import("../features/files/components/client-files-page"),
  "ClientFilesPage",
);
const clientFilesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "clients/$clientId/files",
  component: rendering(
    function ClientFiles() {
      const { clientId } = clientFilesRoute.useParams();
      return <ClientFilesPage key={clientId} clientId={clientId} />;
    },
    () => [ClientFilesPage],
  ),
});
const filesRoutes = [
  createRoute({ getParentRoute: () => signedInRoute, path: "files", component: FilesPage }),
  clientFilesRoute,
];

// The accounting connector's screens (features/accounting): the overview, the history, one run.
const AccountingPage = lazyPage(
  () => import("../features/accounting/components/accounting-page"),
  "AccountingPage",
);
const AccountingRunsPage = lazyPage(() => import("../features/accounting/components/runs-page"), "RunsPage");
const AccountingRunPage = lazyPage(() => import("../features/accounting/components/run-page"), "RunPage");
// Intuit's consent page sends the browser back here with ?connected=1 or ?connectError=…
const accountingRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "accounting",
  validateSearch: (search: Record<string, unknown>) => ({
    connected: optionalText(search.connected),
    connectError: optionalText(search.connectError),
  }),
  component: rendering(
    function Accounting() {
      const { connected, connectError } = accountingRoute.useSearch();
      return <AccountingPage connected={connected === "1"} connectError={connectError} />;
    },
    () => [AccountingPage],
  ),
});
const accountingRunRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "accounting/runs/$runId",
  component: rendering(
    function AccountingRun() {
      const { runId } = accountingRunRoute.useParams();
      return <AccountingRunPage key={runId} runId={runId} />;
    },
    () => [AccountingRunPage],
  ),
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
