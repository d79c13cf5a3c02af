import { diffArrays } from "diff";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchIndexes } from "./myers";
import { sequencePairs } from "./sequence-pairs";

/** The match jsdiff's diff gives: the reference the typed-array diff must reproduce exactly. */
function reference(a: number[], b: number[], maxEdits: number): Int32Array | null {
  const changes = diffArrays(a, b, { maxEditLength: maxEdits });
  if (!changes) return null;
  const match = new Int32Array(a.length).fill(-1);
  let i = 0;
  let j = 0;
  for (const c of changes) {
    const len = c.count ?? c.value.length;
    if (c.added) j += len;
    else if (c.removed) i += len;
    else for (let k = 0; k < len; k++) match[i++] = j++;
  }
  return match;
}

describe("matchIndexes (Myers's diff on integers)", () => {
  it("matches what stays and leaves inserted and removed items out", () => {
    expect(Array.from(matchIndexes([1, 2, 3, 4], [1, 3, 9, 4], 10)!)).toEqual([0, -1, 1, 3]);
    expect(Array.from(matchIndexes([], [1, 2], 10)!)).toEqual([]);
    expect(Array.from(matchIndexes([5, 6], [], 10)!)).toEqual([-1, -1]);
    expect(Array.from(matchIndexes([7, 7], [7, 7], 0)!)).toEqual([0, 1]);
  });

  it("gives up past the edit budget", () => {
    expect(matchIndexes([1, 2, 3], [4, 5, 6], 5)).toBeNull();
    expect(matchIndexes([1, 2, 3], [4, 5, 6], 6)).not.toBeNull();
  });

  it("chooses the same script as jsdiff on random sequences, ties included", () => {
    fc.assert(
      fc.property(sequencePairs(5, 30), fc.oneof(fc.nat({ max: 11 }), fc.constant(400)), ([a, b], maxEdits) => {
        const got = matchIndexes(a, b, maxEdits);
        const want = reference(a, b, maxEdits);
        expect(got && Array.from(got)).toEqual(want && Array.from(want));
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
});
