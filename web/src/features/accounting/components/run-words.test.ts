import { describe, expect, it } from "vitest";
import { outcomesOf, summaryLines, summaryText } from "./run-words";

describe("a run's summary in words", () => {
  it("reads one line per phase, in the order a run goes, with the server's counts", () => {
    const lines = summaryLines({
      "time.posted": 1200,
      "lists.linked": 3,
      "time.waiting": 2,
      "readiness.books_only": 1,
      "lists.duplicate": 1,
    });
    expect(lines.map((line) => line.phase)).toEqual(["lists", "readiness", "time"]);
    expect(summaryText(lines[0]!)).toBe("3 linked by name, 1 not created: the name is taken in the books");
    expect(summaryText(lines[2]!)).toBe("1,200 posted to the books, 2 waiting for a counterpart");
  });

  it("says nothing for a run with no summary, and offers each outcome once to filter by", () => {
    expect(summaryLines(null)).toEqual([]);
    expect(outcomesOf({ "lists.refused": 1, "jobs.refused": 2, "time.posted": 3 })).toEqual([
      "refused",
      "posted",
    ]);
  });
});
