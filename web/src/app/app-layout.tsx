/**
 * The frame of every signed-in page: a header with the firm and the person's menu, the sections
 * the person may use (a drawer on a phone), and the page. A skip link leads keyboard users past
 * the navigation.
 */
import {
  Alert,
  Anchor,
  AppShell,
  Burger,
  Group,
  Menu,
  NavLink,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Link, Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { useSignOut } from "../features/auth/api/auth-mutations";
import { useMe, type Me } from "../lib/me";
import { SessionExpiredModal } from "../features/auth/components/session-expired-modal";
import { ConnectionBadge } from "../features/desktop/components/connection-badge";
import { TimerControl } from "../features/timers/components/timer-control";
import { navigationFor, pageIsFor } from "./navigation";
import { PageSuspense } from "./page-suspense";

function UserMenu({ me }: { me: Me }) {
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${me.name}`} px="xs" py={4}>
          <Text size="sm" fw={500} truncate maw={{ base: 150, sm: 240 }}>
            {me.name}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.email}</Menu.Label>
        {me.requestOnly ? null : (
          <Menu.Item component={Link} to="/account">
            Your account
          </Menu.Item>
        )}
        <Menu.Item
          color="red"
          onClick={() =>
            signOut.mutate(undefined, {
              onSettled: () => void navigate({ to: "/sign-in", search: { next: undefined } }),
            })
          }
        >
          {me.requestOnly ? "Sign in for everything else" : "Sign out"}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * Below the request a link opened: the way to the rest of the portal (the link's session reaches
 * that request only, so it ends first and the sign-in page opens).
 */
function SignInForEverythingElse() {
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Text size="sm" mt="xl">
      The link from your email opened this request only.{" "}
      <Anchor
        component="button"
        type="button"
        size="sm"
        onClick={() =>
          signOut.mutate(undefined, {
            onSettled: () => void navigate({ to: "/sign-in", search: { next: undefined } }),
          })
        }
      >
        Sign in for everything else
      </Anchor>
    </Text>
  );
}

/** What a contact (or a request link's session) sees at an address of the firm's own pages. */
function NotForYou({ me }: { me: Me | undefined }) {
  return (
    <Stack maw={640}>
      <Alert color="blue" title="This page is not part of your portal">
        {me?.requestOnly ? (
          <>
            The link from your email opens its request only.{" "}
            <Anchor component={Link} to={`/requests/${me.requestOnly}`}>
              Back to the request
            </Anchor>
            , or sign in with your password for everything else.
          </>
        ) : (
          <>
            It belongs to the firm&apos;s staff.{" "}
            <Anchor component={Link} to="/">
              Go to your home page
            </Anchor>{" "}
            to see what waits for you.
          </>
        )}
      </Alert>
    </Stack>
  );
}

export function AppLayout() {
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const items = navigationFor(me);
  // The page's address inside the firm's app, without /f/{slug} and a trailing slash.
  const here = pathname.replace(/^\/f\/[^/]+/, "").replace(/(.)\/$/, "$1") || "/";
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened, desktop: items.length === 0 } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        Skip to the page
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {items.length > 0 ? (
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Sections" />
            ) : null}
            <Text fw={700} c="blue.8">
              firmtime
            </Text>
            <Text size="sm" c="dimmed" truncate maw={320} visibleFrom="sm">
              {me?.firm.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ConnectionBadge />
            <TimerControl />
            {me ? <UserMenu me={me} /> : null}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Sections">
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={item.to === here}
            // Filled: white on the primary shade keeps AA contrast when hovered (light did not).
            variant="filled"
            activeOptions={{ exact: true }}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <PageSuspense>{pageIsFor(me, here) ? <Outlet /> : <NotForYou me={me} />}</PageSuspense>
        {me?.requestOnly ? <SignInForEverythingElse /> : null}
      </AppShell.Main>
      <SessionExpiredModal />
    </AppShell>
  );
}
