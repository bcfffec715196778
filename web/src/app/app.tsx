/**
 * The page decides what it is from its address: a firm's app under /f/{slug}/, or the firm
 * finder at the root, where a person who does not know their firm's address starts. Each is its
 * own download, so neither carries the other's code. It is fetched before the app first renders,
 * a loader showing meanwhile (not through React.lazy: lib/lazy-page.ts says why).
 */
import { Alert, Button, Center, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { firmSlugOf } from "../lib/firm-address";
import { PageLoading, PageSuspense } from "./page-suspense";
import { UiProviders } from "./providers";

/** The app the page's address opens, once its file is in. */
export async function loadApp(pathname: string): Promise<ReactNode> {
  const slug = firmSlugOf(pathname);
  if (slug) {
    const { FirmApp } = await import("./firm-app");
    return <FirmApp slug={slug} />;
  }
  const { FirmFinderPage } = await import("../features/auth/components/firm-finder-page");
  return <FirmFinderPage />;
}

/** The app's file could not be fetched (the connection dropped, or a newer release replaced it). */
export function AppLoadFailed() {
  return (
    <Center p="xl">
      <Alert color="red" title="firmtime did not load" role="alert" maw={480}>
        <Stack gap="sm">
          <Text size="sm">
            Part of the page could not be downloaded. Check the connection and load the page again.
          </Text>
          <Button variant="default" onClick={() => window.location.reload()} w="fit-content">
            Load the page again
          </Button>
        </Stack>
      </Alert>
    </Center>
  );
}

export function App({ page = <PageLoading /> }: { page?: ReactNode }) {
  return (
    <UiProviders>
      <PageSuspense>{page}</PageSuspense>
    </UiProviders>
  );
}
