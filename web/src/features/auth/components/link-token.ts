/**
 * The secret of an emailed link (?token=…) is read once and then taken out of the address bar
 * and the history, so it is not left behind for the next person at the same browser.
 *
 * It is kept outside React: a page that suspends while it loads is rendered afresh, and state
 * from the first try is lost; the address no longer holds the token by then.
 */
import { useState } from "react";

let taken: { path: string; token: string } | null = null;

function takeLinkToken(): string | null {
  const url = new URL(window.location.href);
  const value = url.searchParams.get("token");
  if (value !== null) {
    taken = { path: url.pathname, token: value };
    url.searchParams.delete("token");
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
    return value;
  }
  return taken?.path === url.pathname ? taken.token : null;
}

export function useLinkToken(): string | null {
  const [token] = useState(takeLinkToken);
  return token;
}
