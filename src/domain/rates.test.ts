import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates.js";
import {
  ALWAYS,
  createRateBook,
  rateTargetKey,
  rateTiming,
  type RateQuery,
  type RateRow,
  type RateSource,
} from "./rates.js";

const STAFF = ["s1", "s2"];
const CLIENTS = ["c1", "c2"];
const PROJECTS = ["p1", "p2"];
const WORK_CODES = ["w1", "w2"];

// A small pool of dates (with ALWAYS) so rows and queries collide often.
const date = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 0, max: 40 }).map((days) => addDays("2026-01-01", days)) },
  { weight: 1, arbitrary: fc.constant(ALWAYS) },
);

type Level = Exclude<RateSource, "none">;

const rowArbitrary: fc.Arbitrary<Omit<RateRow, "id">> = fc
  .record({
    level: fc.constantFrom<Level>(
      "project_work_code",
      "project",
      "client_work_code",
      "client",
      "staff_work_code",
      "staff",
      "work_code",
    ),
    staffId: fc.constantFrom(...STAFF),
    clientId: fc.constantFrom(...CLIENTS),
    projectId: fc.constantFrom(...PROJECTS),
    workCodeId: fc.constantFrom(...WORK_CODES),
    effectiveDate: date,
    rate: fc.integer({ min: 0, max: 5_000_000 }),
  })
  .map(({ level, staffId, clientId, projectId, workCodeId, effectiveDate, rate }) => {
    const withWorkCode = level.endsWith("work_code");
    const scope =
      level === "work_code"
        ? "work_code"
        : (level.replace("_work_code", "") as "project" | "client" | "staff");
    return {
      scope,
      staffId: scope === "staff" ? staffId : null,
      clientId: scope === "client" ? clientId : null,
      projectId: scope === "project" ? projectId : null,
      workCodeId: withWorkCode ? workCodeId : null,
      effectiveDate,
      rate,
    };
  });

/** One row per target and effective date, as the store's unique key guarantees. */
const rowsArbitrary = fc.array(rowArbitrary, { maxLength: 40 }).map((rows) => {
  const byKey = new Map<string, RateRow>();
  rows.forEach((row, index) =>
    byKey.set(`${rateTargetKey(row)}@${row.effectiveDate}`, { ...row, id: `r${index}` }),
  );
  return [...byKey.values()];
});

const queryArbitrary: fc.Arbitrary<RateQuery> = fc.record({
  date,
  staffId: fc.constantFrom(...STAFF),
  clientId: fc.constantFrom(...CLIENTS),
  projectId: fc.option(fc.constantFrom(...PROJECTS), { nil: null }),
  workCodeId: fc.constantFrom(...WORK_CODES),
  kind: fc.constantFrom<RateQuery["kind"]>(undefined, "time", "expense"),
});

/** Standard (work-code-less) rates are hourly: expense entries skip them. */
const STANDARD_LEVELS: readonly RateSource[] = ["project", "client", "staff"];

/** Brute force, written from the design text rather than from the implementation. */
function referenceResolve(
  rows: readonly RateRow[],
  query: RateQuery,
): { rate: number; source: RateSource; rateId: string | null } {
  const levels: [Level, (row: RateRow) => boolean][] = [
    [
      "project_work_code",
      (r) => r.scope === "project" && r.projectId === query.projectId && r.workCodeId === query.workCodeId,
    ],
    ["project", (r) => r.scope === "project" && r.projectId === query.projectId && r.workCodeId === null],
    [
      "client_work_code",
      (r) => r.scope === "client" && r.clientId === query.clientId && r.workCodeId === query.workCodeId,
    ],
    ["client", (r) => r.scope === "client" && r.clientId === query.clientId && r.workCodeId === null],
    [
      "staff_work_code",
      (r) => r.scope === "staff" && r.staffId === query.staffId && r.workCodeId === query.workCodeId,
    ],
    ["staff", (r) => r.scope === "staff" && r.staffId === query.staffId && r.workCodeId === null],
    ["work_code", (r) => r.scope === "work_code" && r.workCodeId === query.workCodeId],
  ];
  for (const [source, matches] of levels) {
    if (query.projectId === null && source.startsWith("project")) continue;
    if (query.kind === "expense" && STANDARD_LEVELS.includes(source)) continue;
    let best: RateRow | undefined;
    for (const row of rows) {
      if (!matches(row) || row.effectiveDate > query.date) continue;
      if (!best || row.effectiveDate > best.effectiveDate) best = row;
    }
    if (best) return { rate: best.rate, source, rateId: best.id };
  }
  return { rate: 0, source: "none", rateId: null };
}

describe("createRateBook().resolve", () => {
  it("agrees with a brute-force reference for any rows and any entry", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.array(queryArbitrary, { minLength: 1, maxLength: 10 }),
        (rows, queries) => {
          // Shuffled input order must not matter: the book sorts by effective date itself.
          const book = createRateBook([...rows].reverse());
          for (const query of queries) expect(book.resolve(query)).toEqual(referenceResolve(rows, query));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("lets a more specific level win whenever it has a row on or before the date", () => {
    fc.assert(
      fc.property(rowsArbitrary, queryArbitrary, (rows, query) => {
        const resolved = createRateBook(rows).resolve(query);
        const order: RateSource[] = [
          "project_work_code",
          "project",
          "client_work_code",
          "client",
          "staff_work_code",
          "staff",
          "work_code",
          "none",
        ];
        // No row of a more specific level is effective on the date...
        for (const level of order.slice(0, order.indexOf(resolved.source))) {
          const only = rows.filter((row) => referenceResolve([row], query).source === level);
          expect(only.filter((row) => row.effectiveDate <= query.date)).toEqual([]);
        }
        // ...and the chosen row is the latest of its target on or before the date.
        if (resolved.rateId) {
          const chosen = rows.find((row) => row.id === resolved.rateId)!;
          expect(chosen.effectiveDate <= query.date).toBe(true);
          const later = rows.filter(
            (row) =>
              rateTargetKey(row) === rateTargetKey(chosen) &&
              row.effectiveDate > chosen.effectiveDate &&
              row.effectiveDate <= query.date,
          );
          expect(later).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("walks every level in order, by date", () => {
    const rows: RateRow[] = [
      {
        id: "wc",
        scope: "work_code",
        staffId: null,
        clientId: null,
        projectId: null,
        workCodeId: "w1",
        effectiveDate: ALWAYS,
        rate: 10,
      },
      {
        id: "st",
        scope: "staff",
        staffId: "s1",
        clientId: null,
        projectId: null,
        workCodeId: null,
        effectiveDate: "2026-02-01",
        rate: 20,
      },
      {
        id: "stw",
        scope: "staff",
        staffId: "s1",
        clientId: null,
        projectId: null,
        workCodeId: "w1",
        effectiveDate: "2026-03-01",
        rate: 30,
      },
      {
        id: "cl",
        scope: "client",
        staffId: null,
        clientId: "c1",
        projectId: null,
        workCodeId: null,
        effectiveDate: "2026-04-01",
        rate: 40,
      },
      {
        id: "clw",
        scope: "client",
        staffId: null,
        clientId: "c1",
        projectId: null,
        workCodeId: "w1",
        effectiveDate: "2026-05-01",
        rate: 50,
      },
      {
        id: "pr",
        scope: "project",
        staffId: null,
        clientId: null,
        projectId: "p1",
        workCodeId: null,
        effectiveDate: "2026-06-01",
        rate: 60,
      },
      {
        id: "prw",
        scope: "project",
        staffId: null,
        clientId: null,
        projectId: "p1",
        workCodeId: "w1",
        effectiveDate: "2026-07-01",
        rate: 70,
      },
      {
        id: "prw2",
        scope: "project",
        staffId: null,
        clientId: null,
        projectId: "p1",
        workCodeId: "w1",
        effectiveDate: "2026-08-01",
        rate: 80,
      },
    ];
    const book = createRateBook(rows);
    const at = (day: string, projectId: string | null = "p1", workCodeId = "w1") =>
      book.resolve({ date: day, staffId: "s1", clientId: "c1", projectId, workCodeId });
    expect(at("2026-01-15")).toEqual({ rate: 10, source: "work_code", rateId: "wc" });
    expect(at("2026-02-01")).toEqual({ rate: 20, source: "staff", rateId: "st" });
    expect(at("2026-03-31")).toEqual({ rate: 30, source: "staff_work_code", rateId: "stw" });
    expect(at("2026-04-30")).toEqual({ rate: 40, source: "client", rateId: "cl" });
    expect(at("2026-05-01")).toEqual({ rate: 50, source: "client_work_code", rateId: "clw" });
    expect(at("2026-06-30")).toEqual({ rate: 60, source: "project", rateId: "pr" });
    expect(at("2026-07-31")).toEqual({ rate: 70, source: "project_work_code", rateId: "prw" });
    expect(at("2026-08-01")).toEqual({ rate: 80, source: "project_work_code", rateId: "prw2" });
    // Without the project, the client's rates apply; another work code falls to the standard rates.
    expect(at("2026-09-01", null)).toEqual({ rate: 50, source: "client_work_code", rateId: "clw" });
    expect(at("2026-09-01", "p1", "w2")).toEqual({ rate: 60, source: "project", rateId: "pr" });
    expect(at("2026-04-15", null, "w2")).toEqual({ rate: 40, source: "client", rateId: "cl" });
    // Expense entries take work-code rates only: an hourly standard rate is no unit price.
    const expense = (day: string, projectId: string | null, workCodeId: string) =>
      book.resolve({ date: day, staffId: "s1", clientId: "c1", projectId, workCodeId, kind: "expense" });
    expect(expense("2026-09-01", "p1", "w1")).toEqual({
      rate: 80,
      source: "project_work_code",
      rateId: "prw2",
    });
    expect(expense("2026-04-15", "p1", "w1")).toEqual({ rate: 30, source: "staff_work_code", rateId: "stw" });
    expect(expense("2026-02-15", "p1", "w1")).toEqual({ rate: 10, source: "work_code", rateId: "wc" });
    expect(expense("2026-09-01", "p1", "w2")).toEqual({ rate: 0, source: "none", rateId: null });
    expect(
      book.resolve({ date: "2026-09-01", staffId: "s2", clientId: "c2", projectId: null, workCodeId: "w2" }),
    ).toEqual({
      rate: 0,
      source: "none",
      rateId: null,
    });
  });
});

describe("rateTiming", () => {
  it("splits rates into historical, current and future", () => {
    expect(rateTiming("2026-01-01", "2026-06-15", "2026-03-31")).toBe("historical");
    expect(rateTiming("2026-03-31", "2026-06-15", "2026-03-31")).toBe("current");
    expect(rateTiming("2026-06-15", "2026-06-15", null)).toBe("current");
    expect(rateTiming("2026-06-16", "2026-06-15", null)).toBe("future");
    expect(rateTiming(ALWAYS, "2026-06-15", null)).toBe("current");
  });
});
