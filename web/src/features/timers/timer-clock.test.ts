import { describe, expect, it } from "vitest";
import { clockText, elapsedSeconds, forgottenWords, readWorkedTime, spokenDuration } from "./timer-clock";

describe("a running timer's clock", () => {
  it("counts whole seconds from the server's start, never below zero", () => {
    const start = "2026-12-04T09:00:00.000Z";
    expect(elapsedSeconds(start, Date.parse("2026-12-04T09:00:59.999Z"))).toBe(59);
    expect(elapsedSeconds(start, Date.parse("2026-12-04T10:02:05Z"))).toBe(3725);
    // A phone whose clock runs behind the server's shows 0:00, not a negative time.
    expect(elapsedSeconds(start, Date.parse("2026-12-04T08:59:00Z"))).toBe(0);
    expect(elapsedSeconds("not a date", Date.now())).toBe(0);
  });

  it("reads as m:ss under an hour and h:mm:ss after", () => {
    expect(clockText(0)).toBe("0:00");
    expect(clockText(65)).toBe("1:05");
    expect(clockText(3725)).toBe("1:02:05");
    expect(clockText(36_000)).toBe("10:00:00");
  });

  it("says its duration in words", () => {
    expect(spokenDuration(30)).toBe("0 minutes");
    expect(spokenDuration(60)).toBe("1 minute");
    expect(spokenDuration(3725)).toBe("1 hour 2 minutes");
    expect(spokenDuration(7200)).toBe("2 hours");
  });

  it("explains a forgotten timer", () => {
    expect(forgottenWords(null)).toBeNull();
    expect(forgottenWords("past_midnight")).toMatch(/midnight/);
    expect(forgottenWords("over_limit")).toMatch(/10 hours/);
  });

  it("reads the time really worked: optional for a running timer, required for a forgotten one", () => {
    expect(readWorkedTime("", false)).toEqual({});
    expect(readWorkedTime("  ", false)).toEqual({});
    expect(readWorkedTime("1:30", false)).toEqual({ minutes: 90 });
    expect(readWorkedTime("", true)).toEqual({ error: "Type how long you really worked, like 1:30" });
    expect(readWorkedTime("0", true)).toEqual({ error: "Type how long you really worked, like 1:30" });
    expect(readWorkedTime("2.5h", true)).toEqual({ minutes: 150 });
    expect(readWorkedTime("soon", false)).toHaveProperty("error");
    expect(readWorkedTime("25:00", true)).toEqual({ error: "at most 24:00 in one entry" });
  });
});
