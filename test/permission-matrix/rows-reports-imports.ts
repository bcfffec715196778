/**
 * Matrix rows for /reports/{basic,detailed}, their downloads, /reports/charts and /imports/{kind}.
 *
 * Reports take reports:R at any scope (built-in: Admin, and Owner / Editor / Viewer wherever
 * assigned) and cover exactly the entries the caller may read in the entry lists. Imports name
 * records throughout the firm, so each takes its kind's create right at system scope.
 */
import type { ActorName, MatrixFixture } from "./actors.js";
import { A, only, OUTSIDERS, type MatrixRow } from "./rows.js";

let counter = 0;
const lines = (...rows: string[]) => rows.join("\n") + "\n";

/** reports:R firm-wide. */
const SYSTEM_REPORTERS: readonly ActorName[] = ["admin", "ownerSystem", "editorSystem", "viewerSystem"];
/** reports:R through a role on ACME only (directly or through a staff group). */
const ACME_REPORTERS: readonly ActorName[] = [
  "ownerEntity",
  "editorEntity",
  "viewerEntity",
  "staffGroupShare",
];
const REPORTERS = [...SYSTEM_REPORTERS, ...ACME_REPORTERS];
/** The create right on every client and its entries. */
const SYSTEM_CREATORS: readonly ActorName[] = ["admin", "entitiesAdmin", "ownerSystem", "editorSystem"];

interface GroupJson {
  id: string;
  groups?: GroupJson[];
  lines?: { id: string }[];
}
const groupsOf = (body: unknown) => (body as { groups: GroupJson[] }).groups;
const lineIds = (groups: GroupJson[]): string[] =>
  groups.flatMap((group) => [...(group.lines ?? []).map((line) => line.id), ...lineIds(group.groups ?? [])]);

/** A report's expectation: the reporters get `ids(fx, firmWide)`, everyone else signed in 403. */
const reportExpect =
  (ids: (fx: MatrixFixture, firmWide: boolean) => string[]) => (actor: ActorName, fx: MatrixFixture) => {
    if (OUTSIDERS.includes(actor)) return 401;
    if (!REPORTERS.includes(actor)) return 403;
    return { status: 200, ids: ids(fx, SYSTEM_REPORTERS.includes(actor)) };
  };

export const REPORT_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/reports/basic",
    name: "by client: the clients whose entries the caller may read",
    request: () => ({ url: `${A}/reports/basic?groupBy=client` }),
    ids: (body) => groupsOf(body).map((group) => group.id),
    expect: reportExpect((fx, firmWide) =>
      firmWide ? [fx.clients.acme, fx.clients.globex] : [fx.clients.acme],
    ),
  },
  {
    route: "GET /f/:firm/api/v1/reports/detailed",
    name: "by client: exactly the entries the caller may read",
    request: () => ({ url: `${A}/reports/detailed?groupBy=client` }),
    ids: (body) => lineIds(groupsOf(body)),
    expect: reportExpect((fx, firmWide) =>
      firmWide
        ? [...Object.values(fx.entries), ...Object.values(fx.content.expenses)]
        : [fx.entries.adminOnAcme, fx.content.expenses.adminOnAcme],
    ),
  },
  {
    route: "GET /f/:firm/api/v1/reports/detailed",
    name: "by staff and month, for GLOBEX",
    request: (fx) => ({ url: `${A}/reports/detailed?groupBy=staff,month&clientId=${fx.clients.globex}` }),
    ids: (body) => lineIds(groupsOf(body)),
    expect: reportExpect((fx, firmWide) =>
      firmWide
        ? [
            fx.entries.ownOfStaffNoShare,
            fx.entries.adminOnGlobex,
            fx.content.expenses.ownOfStaffNoShare,
            fx.content.expenses.adminOnGlobex,
          ]
        : [],
    ),
  },
  {
    route: "GET /f/:firm/api/v1/reports/detailed",
    name: "for another firm's project",
    request: (fx) => ({
      url: `${A}/reports/detailed?groupBy=client&projectId=${fx.content.otherFirm.projectId}`,
    }),
    expect: only([], 200, { hidden: REPORTERS }),
  },
  {
    route: "GET /f/:firm/api/v1/reports/basic",
    name: "for another firm's staff member",
    request: (fx) => ({ url: `${A}/reports/basic?groupBy=client&staffId=${fx.content.otherFirm.staffId}` }),
    expect: only([], 200, { hidden: REPORTERS }),
  },
  // Downloads are files: the rows check the status; report-download.test.ts checks their content.
  ...(["basic", "detailed"] as const).flatMap((type): MatrixRow[] => [
    {
      route: `GET /f/:firm/api/v1/reports/${type}/download`,
      name: "as CSV",
      request: () => ({ url: `${A}/reports/${type}/download?groupBy=client&format=csv` }),
      expect: only(REPORTERS, 200),
    },
    {
      route: `GET /f/:firm/api/v1/reports/${type}/download`,
      name: "as PDF, for another firm's project",
      request: (fx) => ({
        url: `${A}/reports/${type}/download?groupBy=client&format=pdf&projectId=${fx.content.otherFirm.projectId}`,
      }),
      expect: only([], 200, { hidden: REPORTERS }),
    },
  ]),
  {
    route: "GET /f/:firm/api/v1/reports/charts",
    name: "by client: the clients whose entries the caller may read",
    request: () => ({ url: `${A}/reports/charts` }),
    ids: (body) => (body as { byClient: { id: string }[] }).byClient.map((item) => item.id),
    expect: reportExpect((fx, firmWide) =>
      firmWide ? [fx.clients.acme, fx.clients.globex] : [fx.clients.acme],
    ),
  },
  {
    route: "GET /f/:firm/api/v1/reports/charts",
    name: "for another firm's staff member",
    request: (fx) => ({ url: `${A}/reports/charts?staffId=${fx.content.otherFirm.staffId}` }),
    expect: only([], 200, { hidden: REPORTERS }),
  },
];

const IMPORT_ROUTE = (kind: string) => `POST /f/:firm/api/v1/imports/${kind}`;
const importRequest = (kind: string, text: string) => ({ url: `${A}/imports/${kind}`, payload: { text } });

export const IMPORT_ROWS: MatrixRow[] = [
  {
    route: IMPORT_ROUTE("workcodes"),
    request: () => importRequest("workcodes", lines("Code,Type,Name", `IW${++counter},B,Imported`)),
    expect: only(["admin", "settingsAdmin"], 200),
  },
  {
    route: IMPORT_ROUTE("staff"),
    request: () =>
      importRequest("staff", lines("Number,First Name,Last Name", `IS${++counter},Imported,Staff`)),
    expect: only(["admin", "staffAdmin"], 200),
  },
  {
    route: IMPORT_ROUTE("staff"),
    name: "with a Groups column: putting people into groups shares the groups' roles",
    request: () =>
      importRequest(
        "staff",
        lines("Number,First Name,Last Name,Groups", `IG${++counter},Imported,Grouped,Acme team`),
      ),
    expect: only(["admin"], 200),
  },
  {
    route: IMPORT_ROUTE("clients"),
    request: () => importRequest("clients", lines("Code,Name", `IC${++counter},Imported client`)),
    expect: only(SYSTEM_CREATORS, 200),
  },
  {
    route: IMPORT_ROUTE("clients"),
    name: "naming a contact company that does not exist yet",
    request: () =>
      importRequest(
        "clients",
        lines("Code,Name,Contact Company", `ICC${++counter},Imported client,Imported Co ${counter}`),
      ),
    // Creating the company takes contacts:C too, which system Owners and Editors lack.
    expect: only(["admin", "entitiesAdmin"], 200),
  },
  {
    route: IMPORT_ROUTE("contacts"),
    request: () =>
      importRequest("contacts", lines("First Name,Last Name,Clients", `Imported,Contact ${++counter},ACME`)),
    expect: only(["admin", "entitiesAdmin"], 200),
  },
  {
    route: IMPORT_ROUTE("time"),
    request: () =>
      importRequest("time", lines("Staff,Client,Work Code,Date,Duration", "NS,ACME,AUD,2026-06-04,0:30")),
    // Even one's own time: an import may name any staff member, so the right is firm-wide.
    expect: only(SYSTEM_CREATORS, 200),
  },
  {
    route: IMPORT_ROUTE("expenses"),
    request: () =>
      importRequest(
        "expenses",
        lines("Staff,Client,Work Code,Date,Quantity,Unit Rate", "NS,ACME,EXP,2026-06-04,2,25.00"),
      ),
    expect: only(SYSTEM_CREATORS, 200),
  },
];
