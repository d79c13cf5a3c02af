/**
 * Test input for the sequence alignments (`lcs`, `matchIndexes`): pairs of integer sequences over a few
 * values, so that ties between equally good alignments abound. Either two unrelated sequences, or the
 * second an edit of the first (some items dropped, a few inserted at one place). Used by tests only.
 */
import fc from "fast-check";

export function sequencePairs(maxValues: number, maxLength: number): fc.Arbitrary<[number[], number[]]> {
  return fc.integer({ min: 1, max: maxValues }).chain((values) => {
    const list = fc.array(fc.nat({ max: values - 1 }), { maxLength });
    const edited = list.chain((a) =>
      fc.tuple(fc.subarray(a), list, fc.nat()).map(([kept, added, at]): [number[], number[]] => {
        const cut = at % (kept.length + 1);
        return [a, [...kept.slice(0, cut), ...added.slice(0, 5), ...kept.slice(cut)]];
      }),
    );
    return fc.oneof(fc.tuple(list, list), edited);
  });
}
