/**
 * Matrix rows for /sync: any staff user pushes (each change is then authorized on its own);
 * pulling the firm's journal, its state, binding and the conflict log are the Merge
 * permission's, which among the fixture's actors only the Admin holds.
 */
import { SCHEMA_VERSION } from "../../store/migrate.js";
import { A, anySignedIn, only, STAFF_USERS, type MatrixRow } from "./rows.js";

let counter = 0;
const MERGERS = ["admin"] as const;
const UNKNOWN_CONFLICT = "0190f3a2-0000-7000-8000-000000000000";

export const MERGE_ROWS: MatrixRow[] = [
  {
    route: "POST /f/:firm/api/v1/sync/push",
    request: (_fx, actor) => ({
      url: `${A}/sync/push`,
      payload: {
        schema: SCHEMA_VERSION,
        replica: "matrix",
        batchId: `matrix-${actor}-${++counter}`,
        changes: [],
      },
    }),
    expect: only(STAFF_USERS, 200),
  },
  {
    route: "GET /f/:firm/api/v1/sync/pull",
    request: () => ({ url: `${A}/sync/pull?schema=${SCHEMA_VERSION}&replica=matrix&after=0&limit=10` }),
    expect: only(MERGERS, 200),
  },
  {
    route: "GET /f/:firm/api/v1/sync/state",
    request: () => ({ url: `${A}/sync/state?after=0` }),
    expect: only(MERGERS, 200),
  },
  {
    route: "POST /f/:firm/api/v1/sync/bind",
    request: () => ({ url: `${A}/sync/bind`, payload: { fileId: "matrixfile" } }),
    expect: only(MERGERS, 200),
  },
  {
    // Only for the file the firm is bound to: any other file id is refused after authorization.
    route: "POST /f/:firm/api/v1/sync/permissions",
    request: () => ({
      url: `${A}/sync/permissions`,
      payload: { fileId: "not-the-bound-file", roles: [], assignments: [] },
    }),
    expect: only(MERGERS, 409),
  },
  {
    route: "GET /f/:firm/api/v1/sync/conflicts",
    request: () => ({ url: `${A}/sync/conflicts` }),
    expect: anySignedIn(200),
  },
  {
    route: "POST /f/:firm/api/v1/sync/conflicts/:id/restore",
    request: () => ({ url: `${A}/sync/conflicts/${UNKNOWN_CONFLICT}/restore` }),
    expect: only(MERGERS, 404),
  },
  {
    route: "POST /f/:firm/api/v1/sync/conflicts/:id/dismiss",
    request: () => ({ url: `${A}/sync/conflicts/${UNKNOWN_CONFLICT}/dismiss` }),
    expect: only(MERGERS, 404),
  },
];
