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
} from "@tanstack/react-router";
import { ApiProblem } from "../api/problem";
import { AccountPage } from "../features/auth/components/account-page";
import { ForgotPasswordPage } from "../features/auth/components/forgot-password-page";
import { LinkPasswordPage } from "../features/auth/components/link-password-page";
import { SignInPage } from "../features/auth/components/sign-in-page";
import { HomePage } from "../features/home/components/home-page";
import { DayPage } from "../features/timesheet/components/day-page";
import { QuickEntry } from "../features/timesheet/components/quick-entry";
import { TimesheetPage } from "../features/timesheet/components/timesheet-page";
import type { FirmContext } from "../lib/firm-context";
import { meQueryOptions, useMe } from "../lib/me";
import { AppLayout } from "./app-layout";
import { NotFoundPage } from "./not-found-page";

const optionalText = (value: unknown) => (typeof value === "string" && value ? value : undefined);

const rootRoute = createRootRouteWithContext<FirmContext>()({
  component: Outlet,
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
    // A staff member records time from here; others (a contact, an admin without a staff record) do not.
    return <HomePage widgets={me?.staffId ? <QuickEntry /> : null} />;
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

const routeTree = rootRoute.addChildren([
  signInRoute,
  forgotPasswordRoute,
  activateRoute,
  resetPasswordRoute,
  signedInRoute.addChildren([homeRoute, accountRoute, timesheetRoute, dayRoute]),
]);

export function createFirmRouter(context: FirmContext) {
  return createRouter({
    routeTree,
    context,
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
