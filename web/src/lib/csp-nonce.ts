/**
 * The page's CSP nonce, which the server writes into <meta property="csp-nonce"> on every
 * answer. Style elements the app's libraries add at run time (the UI library's variables, the
 * scroll lock under a dialog) must carry it, or the browser refuses them.
 */
import { setNonce } from "get-nonce";

export function cspNonce(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || meta?.getAttribute("nonce") || "";
}

/** For the scroll lock (react-remove-scroll, through get-nonce): call once before rendering. */
export function shareCspNonce(): void {
  setNonce(cspNonce());
}
