import { describe, expect, it } from "vitest";
import { readDuration, durationText } from "../../lib/duration-text";
import {
  addDays,
  buildRows,
  cellMinutes,
  dayTotal,
  isLocked,
  planCellSave,
  rowTotal,
  weekDays,
  weekStart,
  type GridEntry,
} from "./timesheet-math";

const entry = (over: Partial<GridEntry>): GridEntry => ({
  id: "e1",
  clientId: "c1",
  projectId: null,
  workCodeId: "w1",
  date: "2026-03-02",
  minutes: 60,
  status: "draft",
  ...over,
});

describe("the week", () => {
  it("starts on Monday and crosses months and years", () => {
    expect(weekStart("2026-03-04")).toBe("2026-03-02");
    expect(weekStart("2026-03-08")).toBe("2026-03-02"); // a Sunday
    expect(weekStart("2026-03-02")).toBe("2026-03-02");
    expect(weekDays("2025-12-29")).toEqual([
      "2025-12-29",
      "2025-12-30",
      "2025-12-31",
      "2026-01-01",
      "2026-01-02",
      "2026-01-03",
      "2026-01-04",
    ]);
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  });
});

describe("rows, cells and totals", () => {
  const entries = [
    entry({ id: "a", date: "2026-03-02", minutes: 90 }),
    entry({ id: "b", date: "2026-03-03", minutes: 30 }),
    entry({ id: "c", date: "2026-03-03", minutes: 15 }),
    entry({ id: "d", workCodeId: "w2", date: "2026-03-02", minutes: 60 }),
  ];
  const rows = buildRows(entries, [{ clientId: "c9", projectId: "p1", workCodeId: "w1" }]);

  it("makes one row per client, project and work code, keeping added empty rows", () => {
    expect(rows.map((row) => row.key)).toEqual(["c1||w1", "c1||w2", "c9|p1|w1"]);
    expect(cellMinutes(rows[0]!.cells.get("2026-03-03"))).toBe(45);
    expect(rows[2]!.cells.size).toBe(0);
  });

  it("totals rows and days as sums of the cells", () => {
    expect(rows.map(rowTotal)).toEqual([135, 60, 0]);
    expect(dayTotal(rows, "2026-03-02")).toBe(150);
    expect(dayTotal(rows, "2026-03-04")).toBe(0);
  });
});

describe("saving a cell", () => {
  it("creates, updates, deletes or does nothing", () => {
    expect(planCellSave(undefined, 30)).toEqual({ kind: "create", minutes: 30 });
    expect(planCellSave([entry({})], 30)).toEqual({ kind: "update", id: "e1", minutes: 30 });
    expect(planCellSave([entry({})], 60)).toEqual({ kind: "none" });
    expect(planCellSave([entry({})], 0)).toEqual({ kind: "delete", id: "e1" });
    expect(planCellSave([], null)).toEqual({ kind: "none" });
  });

  it("leaves cells of several entries and entries past draft to the day view", () => {
    expect(planCellSave([entry({}), entry({ id: "e2" })], 30).kind).toBe("refuse");
    expect(planCellSave([entry({ status: "submitted" })], 30).kind).toBe("refuse");
  });

  it("knows locked dates", () => {
    expect(isLocked("2026-01-31", "2026-01-31")).toBe(true);
    expect(isLocked("2026-02-01", "2026-01-31")).toBe(false);
    expect(isLocked("2026-02-01", null)).toBe(false);
  });
});

describe("reading what is typed", () => {
  it.each([
    ["1:30", 90],
    ["90", 90],
    ["90m", 90],
    ["1.5", 90],
    ["1,5h", 90],
    ["1.25h", 75],
    ["0.1h", 6],
    ["0.0001h", 1],
    ["2h", 120],
    ["", 0],
    ["24:00", 1440],
  ])("%s is %i minutes", (text, minutes) => {
    expect(readDuration(text)).toEqual({ minutes });
  });

  it.each(["abc", "1:75", "-1:00", "25:00", "1.23456h"])("%s is refused with words", (text) => {
    expect(readDuration(text)).toHaveProperty("error");
  });

  it("writes minutes as h:mm and nothing for zero", () => {
    expect(durationText(90)).toBe("1:30");
    expect(durationText(5)).toBe("0:05");
    expect(durationText(0)).toBe("");
  });
});
