import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hlcAfter, replicaOf } from "./change.js";
import { compareHlc, createHlcClock, formatHlc, parseHlc, type Hlc } from "./hlc.js";

// Dashes too: a replica id may hold them, and the replica is read from a fixed place.
const replicaArb = fc.stringMatching(/^[0-9a-z-]{1,12}$/);
const hlcArb = fc.record({
  millis: fc.integer({ min: 0, max: 2 ** 45 }),
  counter: fc.integer({ min: 0, max: 0xffff }),
  replica: replicaArb,
});

describe("hybrid logical clock", () => {
  it("serialises so that string order is time order, and parses back", () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, (a, b) => {
        const [sa, sb] = [formatHlc(a), formatHlc(b)];
        expect(parseHlc(sa)).toEqual(a);
        expect(Math.sign(sa < sb ? -1 : sa > sb ? 1 : 0)).toBe(Math.sign(compareHlc(a, b)));
        // What the fold reads off the text, without parsing it again.
        expect(hlcAfter(sa, sb)).toBe(compareHlc(a, b) > 0);
        expect(replicaOf(sa)).toBe(a.replica);
      }),
      { numRuns: 2_000 },
    );
  });

  it("issues strictly increasing timestamps across ticks, receives and restarts, whatever the wall clock does", () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant("tick" as const),
        replica: fc.nat(2),
        jump: fc.integer({ min: -5_000, max: 5_000 }),
      }),
      fc.record({
        kind: fc.constant("send" as const),
        from: fc.nat(2),
        to: fc.nat(2),
        jump: fc.integer({ min: -5_000, max: 5_000 }),
      }),
      fc.record({
        kind: fc.constant("restart" as const),
        replica: fc.nat(2),
        jump: fc.integer({ min: -60_000, max: 0 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const walls = [1_700_000_000_000, 1_700_000_000_000, 1_700_000_000_000];
        const clocks = walls.map((_, i) => createHlcClock(`r${i}`, () => walls[i]!));
        const issued: Hlc[][] = [[], [], []];
        const seen: (Hlc | undefined)[] = [undefined, undefined, undefined];
        const tick = (i: number) => {
          const next = clocks[i]!.tick();
          const previous = issued[i]!.at(-1);
          if (previous) expect(compareHlc(next, previous)).toBeGreaterThan(0);
          if (seen[i]) expect(compareHlc(next, seen[i])).toBeGreaterThan(0);
          issued[i]!.push(next);
          return next;
        };
        for (const s of steps) {
          if (s.kind === "tick") {
            walls[s.replica] = Math.max(0, walls[s.replica]! + s.jump);
            tick(s.replica);
          } else if (s.kind === "send") {
            walls[s.to] = Math.max(0, walls[s.to]! + s.jump);
            const message = tick(s.from);
            if (message.millis - walls[s.to]! > 5 * 60_000) continue;
            clocks[s.to]!.receive(message);
            seen[s.to] = message;
          } else {
            walls[s.replica] = Math.max(0, walls[s.replica]! + s.jump);
            const persisted = clocks[s.replica]!.last();
            clocks[s.replica] = createHlcClock(`r${s.replica}`, () => walls[s.replica]!, { last: persisted });
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a timestamp too far ahead of the wall clock, and stays where it was", () => {
    const clock = createHlcClock("desk", () => 1_000_000, { maxDriftMs: 60_000 });
    const before = clock.tick();
    expect(() => clock.receive({ millis: 1_000_000 + 60_001, counter: 0, replica: "cloud" })).toThrow(
      expect.objectContaining({ code: "CLOCK_SKEW" }) as Error,
    );
    expect(clock.last()).toEqual(before);
    clock.receive({ millis: 1_000_000 + 60_000, counter: 3, replica: "cloud" });
    expect(clock.tick()).toEqual({ millis: 1_060_000, counter: 5, replica: "desk" });
  });

  it("refuses text that is not a timestamp, and replica ids it cannot order", () => {
    expect(() => parseHlc("2026-01-01")).toThrow(/not a hybrid logical clock timestamp/);
    expect(() => createHlcClock("Has Spaces", () => 0)).toThrow(/bad replica id/);
  });
});
