import { describe, expect, it } from "vitest";
import { localToday, monthBounds, monthOf, shiftMonth } from "./calendar";

describe("days and months", () => {
  it("reads today and its month in the person's own calendar", () => {
    const evening = new Date(2026, 11, 31, 23, 30);
    expect(localToday(evening)).toBe("2026-12-31");
    expect(monthOf(evening)).toBe("2026-12");
  });
  it("steps across years both ways", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-05", -17)).toBe("2024-12");
  });
  it("knows each month's last day, leap years included", () => {
    expect(monthBounds("2028-02")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(monthBounds("2026-02")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(monthBounds("2026-12")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
  });
});
