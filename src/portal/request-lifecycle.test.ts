import { describe, expect, it } from "vitest";
import { moveItem, nextReminderAt, requestStatusOf } from "./request-lifecycle.js";

const item = (status: "open" | "responded" | "completed" | "cancelled") => ({ title: "W-2", status });

describe("a file request's lifecycle", () => {
  it("moves items open → responded → completed, and back to open only when returned", () => {
    expect(moveItem("open", item("open"), "respond")).toBe("responded");
    expect(moveItem("open", item("responded"), "respond")).toBe("responded");
    expect(moveItem("responded", item("responded"), "complete")).toBe("completed");
    expect(moveItem("responded", item("responded"), "return")).toBe("open");
    expect(moveItem("open", item("open"), "cancel")).toBe("cancelled");
    expect(() => moveItem("open", item("open"), "return")).toThrow(/is open and cannot be returned/);
    expect(() => moveItem("open", item("completed"), "respond")).toThrow(
      /is completed and cannot be answered/,
    );
    expect(() => moveItem("open", item("cancelled"), "complete")).toThrow(/STATUS|cancelled/);
  });

  it("freezes every item of a completed or cancelled request", () => {
    for (const closed of ["completed", "cancelled"] as const) {
      expect(() => moveItem(closed, item("open"), "respond")).toThrow(/no longer change/);
    }
  });

  it("derives the request's status from its items", () => {
    expect(requestStatusOf([item("open"), item("responded")])).toBe("open");
    expect(requestStatusOf([item("responded"), item("completed")])).toBe("responded");
    expect(requestStatusOf([item("completed"), item("cancelled")])).toBe("completed");
    expect(requestStatusOf([item("cancelled")])).toBe("cancelled");
  });

  it("plans reminders every N days while the client owes something, M times at most", () => {
    const from = new Date("2027-02-01T09:00:00Z");
    expect(nextReminderAt({ everyDays: 3, max: 2, sent: 0 }, "open", from)).toBe("2027-02-04T09:00:00.000Z");
    expect(nextReminderAt({ everyDays: 3, max: 2, sent: 2 }, "open", from)).toBeNull();
    expect(nextReminderAt({ everyDays: 3, max: 2, sent: 0 }, "responded", from)).toBeNull();
    expect(nextReminderAt({ everyDays: null, max: 0, sent: 0 }, "open", from)).toBeNull();
  });
});
