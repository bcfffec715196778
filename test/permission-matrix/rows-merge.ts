/**
 * Matrix rows for /sync: any staff user pushes (each change is then authorized on its own);
 * pulling the firm's journal, its state, binding and the conflict log are the Merge
 * permission's, which among the fixture's actors only the Admin holds.
 */
import { v7 as uuidv7 } from "uuid";
import { formatHlc } from "../../src/merge/hlc.js";
import { SCHEMA_VERSION } from "../../src/store/migrate.js";
import type { MatrixFixture } from "./actors.js";
import { A, anySignedIn, only, STAFF_USERS, type MatrixRow } from "./rows.js";

let counter = 0;
const MERGERS = ["admin"] as const;
const UNKNOWN_CONFLICT = "0190f3a2-0000-7000-8000-000000000000";

/**
 * A push whose changes name firm beta's records: answered 200 to every staff user, with each
 * change refused (the property test in merge/firm-isolation-push.test.ts checks the answers).
 */
const pushOf = (actor: string, changes: (fx: MatrixFixture, hlc: () => string) => unknown[]) => {
  let n = 0;
  const hlc = () => formatHlc({ millis: Date.now(), counter: n++, replica: "matrix" });
  return (fx: MatrixFixture) => ({
    url: `${A}/sync/push`,
    payload: {
      schema: SCHEMA_VERSION,
      replica: "matrix",
      batchId: `matrix-${actor}-${++counter}`,
      changes: changes(fx, hlc),
    },
  });
};

export const MERGE_ROWS: MatrixRow[] = [
  {
    route: "POST /f/:firm/api/v1/sync/push",
    name: "a time entry naming another firm's staff member, client and work code",
    request: (fx, actor) =>
      pushOf(actor, (f, hlc) => {
        const id = uuidv7();
        return [
          {
            hlc: hlc(),
            tbl: "time_entry",
            rowId: id,
            op: "put",
            seen: null,
            data: {
              id,
              staff_id: f.content.otherFirm.staffId,
              client_id: f.otherFirm.clientId,
              project_id: null,
              work_code_id: f.content.otherFirm.timeWorkCodeId,
              entry_date: "2026-06-01",
              billable: 1,
              description: "",
              status: "draft",
              created_at: "2026-06-01T09:00:00.000Z",
              minutes: 60,
              rate: 0,
              rate_source: "none",
            },
          },
        ];
      })(fx),
    expect: only(STAFF_USERS, 200),
  },
  {
    route: "POST /f/:firm/api/v1/sync/push",
    name: "deletes of another firm's client, contact and group membership",
    request: (fx, actor) =>
      pushOf(actor, (f, hlc) => [
        { hlc: hlc(), tbl: "client", rowId: f.otherFirm.clientId, op: "delete", seen: null, data: {} },
        {
          hlc: hlc(),
          tbl: "contact",
          rowId: f.content.otherFirm.contactId,
          op: "delete",
          seen: null,
          data: {},
        },
        {
          hlc: hlc(),
          tbl: "staff_group_member",
          rowId: `${f.settings.otherFirm.staffGroupId}:${f.settings.otherFirm.staffId}`,
          op: "delete",
          seen: null,
          data: {},
        },
      ])(fx),
    expect: only(STAFF_USERS, 200),
  },
  {
    // Only for the file the firm is bound to: another firm's assignment id changes nothing.
    route: "POST /f/:firm/api/v1/sync/permissions",
    name: "with another firm's assignment id",
    request: (fx) => ({
      url: `${A}/sync/permissions`,
      payload: {
        fileId: "not-the-bound-file",
        roles: [],
        assignments: [
          {
            id: fx.settings.otherFirm.assignmentId,
            role: "Viewer",
            principal: { kind: "staff_group", id: fx.settings.otherFirm.staffGroupId },
            scope: "system",
            entityId: null,
            itemId: null,
            createdAt: "2026-06-01T09:00:00.000Z",
          },
        ],
      },
    }),
    expect: only(MERGERS, 409),
  },
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
