/**
 * Matrix rows for /desktop and the merge log. The cloud registers the desktop routes too and
 * answers DESKTOP_ONLY (404), but only after the same checks a desktop makes: the connection
 * state is for staff, merging now and working offline take merge:E, and the first-run routes are
 * public. src/merge/desktop-routes.test.ts runs them on a desktop.
 */
import { ACTORS } from "./actors.js";
import { A, only, STAFF_USERS, type MatrixRow } from "./rows.js";

const MERGERS = ["admin"] as const;
const everyone = (status: number) => (actor: (typeof ACTORS)[number]) =>
  ACTORS.includes(actor) ? status : 0;

export const DESKTOP_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/desktop/status",
    request: () => ({ url: `${A}/desktop/status` }),
    expect: only(STAFF_USERS, 404),
  },
  {
    route: "GET /f/:firm/api/v1/desktop/events",
    request: () => ({ url: `${A}/desktop/events` }),
    expect: only(STAFF_USERS, 404),
  },
  {
    route: "POST /f/:firm/api/v1/desktop/merge",
    request: () => ({ url: `${A}/desktop/merge` }),
    expect: only(MERGERS, 404),
  },
  {
    route: "PUT /f/:firm/api/v1/desktop/offline",
    request: () => ({ url: `${A}/desktop/offline`, payload: { offline: true } }),
    expect: only(MERGERS, 404),
  },
  {
    route: "GET /f/:firm/api/v1/desktop/protection",
    request: () => ({ url: `${A}/desktop/protection` }),
    expect: everyone(404),
  },
  {
    route: "POST /f/:firm/api/v1/desktop/protection",
    request: (fx) => ({
      url: `${A}/desktop/protection`,
      payload: { staffId: fx.staffIds.admin, password: "a long enough passphrase" },
    }),
    expect: everyone(404),
  },
  {
    route: "GET /f/:firm/api/v1/sync/log",
    request: () => ({ url: `${A}/sync/log?all=true` }),
    expect: only(MERGERS, 200),
  },
];
