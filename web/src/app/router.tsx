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
import { ConflictsPage } from "../features/desktop/components/conflicts-page";
import { ConnectionPage } from "../features/desktop/components/connection-page";
import { FirstRunPage } from "../features/desktop/components/first-run-page";
import { MergeLogPage } from "../features/desktop/components/merge-log-page";
import type { FirmContext } from "../lib/firm-context";
import { meQueryOptions } from "../lib/me";
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

const homeRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/", component: HomePage });
const accountRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "account",
  component: AccountPage,
});

// The desktop's pages (firmtime desktop): its first run, its connection, conflicts and merge log.
const firstRunRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "first-run",
  component: FirstRunPage,
});
const desktopRoutes = [
  createRoute({ getParentRoute: () => signedInRoute, path: "connection", component: ConnectionPage }),
  createRoute({ getParentRoute: () => signedInRoute, path: "conflicts", component: ConflictsPage }),
  createRoute({ getParentRoute: () => signedInRoute, path: "merge-log", component: MergeLogPage }),
];

const routeTree = rootRoute.addChildren([
  signInRoute,
  forgotPasswordRoute,
  activateRoute,
  resetPasswordRoute,
  firstRunRoute,
  signedInRoute.addChildren([homeRoute, accountRoute, ...desktopRoutes]),
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
