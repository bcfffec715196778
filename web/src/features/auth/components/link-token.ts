/**
 * The secret of an emailed link (?token=…) is read once and then taken out of the address bar
 * and the history, so it is not left behind for the next person at the same browser.
 */
import { useState } from "react";

export function useLinkToken(): string | null {
  const [token] = useState(() => {
    const url = new URL(window.location.href);
    const value = url.searchParams.get("token");
    if (value !== null) {
      url.searchParams.delete("token");
      window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
    }
    return value;
  });
  return token;
}
