import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldChange, foldRecord, type HeldChange } from "./change.js";
import { formatHlc } from "./hlc.js";

const FIELDS = ["description", "minutes", "status", "created_at"] as const;

const changeArb: fc.Arbitrary<HeldChange> = fc
  .record({
    millis: fc.integer({ min: 0, max: 20 }),
    counter: fc.integer({ min: 0, max: 3 }),
    replica: fc.constantFrom("a", "b", "cloud"),
    remove: fc.boolean(),
    data: fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(fc.string(), fc.integer(), fc.constant(null))),
    cloudSeq: fc.option(fc.nat(50)),
    author: fc.option(fc.constantFrom("ann@example.com", "bob@example.com")),
  })
  .map(({ millis, counter, replica, remove, data, cloudSeq, author }) => ({
    hlc: formatHlc({ millis, counter, replica }),
    tbl: "time_entry",
    rowId: "e1",
    op: remove ? ("delete" as const) : ("put" as const),
    data: remove ? {} : data,
    seen: null,
    cloudSeq,
    author,
  }));

describe("folding a record's changes", () => {
  it("folds one more change onto a folded record as if folding them all, and leaves the record as it was", () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 8 }), changeArb, (history, change) => {
        const before = foldRecord(history);
        const kept = { fields: new Map(before.fields), deletedAt: before.deletedAt };
        expect(foldChange(before, change)).toEqual(foldRecord([...history, change]));
        expect(before).toEqual(kept);
      }),
      { numRuns: 1_000 },
    );
  });

  it("gives each field the value of the latest change that set it, whatever order they came in", () => {
    // One HLC, one change: two changes never share one (the replica is part of it).
    const history = fc.uniqueArray(changeArb, { selector: (c) => c.hlc, maxLength: 8 });
    const orders = history.chain((changes) =>
      fc.tuple(
        fc.constant(changes),
        fc.shuffledSubarray(changes, { minLength: changes.length, maxLength: changes.length }),
      ),
    );
    fc.assert(
      fc.property(orders, ([changes, shuffled]) => {
        expect(foldRecord(shuffled)).toEqual(foldRecord(changes));
      }),
      { numRuns: 500 },
    );
  });
});
