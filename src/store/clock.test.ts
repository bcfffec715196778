import { describe, expect, it } from "vitest";
import { isoReadings, type Clock } from "./clock.js";

/** A clock the test moves by hand. */
function handClock(startIso: string): Clock & { advance(ms: number): void } {
  let ms = Date.parse(startIso);
  return { now: () => new Date(ms), advance: (by) => void (ms += by) };
}

describe("isoReadings", () => {
  it("reads the clock as ISO text, as toISOString does, every time it is asked", () => {
    const clock = handClock("2026-03-31T23:59:59.998Z");
    const now = isoReadings(clock);
    expect(now()).toBe("2026-03-31T23:59:59.998Z");
    expect(now()).toBe("2026-03-31T23:59:59.998Z");
    clock.advance(1);
    expect(now()).toBe("2026-03-31T23:59:59.999Z");
    clock.advance(1);
    expect(now()).toBe("2026-04-01T00:00:00.000Z");
  });

  it("follows a clock that goes back (a corrected system clock), not only forward", () => {
    const clock = handClock("2026-12-07T10:00:00.500Z");
    const now = isoReadings(clock);
    expect(now()).toBe("2026-12-07T10:00:00.500Z");
    clock.advance(-400);
    expect(now()).toBe("2026-12-07T10:00:00.100Z");
  });
});
