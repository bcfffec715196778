/** While a page's file downloads (the first visit only), a quiet sign that it is coming. */
import { Center, Loader } from "@mantine/core";
import { Suspense, type ReactNode } from "react";

export function PageLoading() {
  return (
    <Center p="xl">
      <Loader aria-label="Loading the page" />
    </Center>
  );
}

export function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}
