/**
 * The page decides what it is from its address: a firm's app under /f/{slug}/, or the firm
 * finder at the root, where a person who does not know their firm's address starts.
 */
import { FirmFinderPage } from "../features/auth/components/firm-finder-page";
import { firmSlugOf } from "../lib/firm-address";
import { FirmApp } from "./firm-app";
import { UiProviders } from "./providers";

export function App() {
  const slug = firmSlugOf(window.location.pathname);
  return <UiProviders>{slug ? <FirmApp slug={slug} /> : <FirmFinderPage />}</UiProviders>;
}
