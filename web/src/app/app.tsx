/**
 * The page decides what it is from its address: a firm's app under /f/{slug}/, or the firm
 * finder at the root, where a person who does not know their firm's address starts. Each is its
 * own download, so neither carries the other's code.
 */
import { lazy } from "react";
import { firmSlugOf } from "../lib/firm-address";
import { PageSuspense } from "./page-suspense";
import { UiProviders } from "./providers";

const FirmApp = lazy(() => import("./firm-app").then((module) => ({ default: module.FirmApp })));
const FirmFinderPage = lazy(() =>
  import("../features/auth/components/firm-finder-page").then((module) => ({
    default: module.FirmFinderPage,
  })),
);

export function App() {
  const slug = firmSlugOf(window.location.pathname);
  return (
    <UiProviders>
      <PageSuspense>{slug ? <FirmApp slug={slug} /> : <FirmFinderPage />}</PageSuspense>
    </UiProviders>
  );
}
