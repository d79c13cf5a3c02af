import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lcs, matchEnds } from "./lcs";
import { sequencePairs } from "./sequence-pairs";

/**
 * The plain table walk the bit-parallel rows must reproduce (what the engine used before): shared start
 * and end matched as they are, then T[i][j], the LCS of the middles from i and j, walked from the start.
 */
function reference(a: number[], b: number[]): number[] {
  const match = new Array<number>(a.length).fill(-1);
  const [p, q] = matchEnds(a, b, match);
  const x = a.slice(p, a.length - q);
  const y = b.slice(p, b.length - q);
  const t = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) t[i]![j] = x[i] === y[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) match[p + i++] = p + j++;
    else if (t[i + 1]![j]! >= t[i]![j + 1]!) i++;
    else j++;
  }
  return match;
}

describe("lcs (bit-parallel rows)", () => {
  it("matches the pieces a longest common subsequence keeps", () => {
    expect(Array.from(lcs(Int32Array.from([1, 2, 3, 4, 5]), Int32Array.from([1, 3, 9, 5])))).toEqual([0, -1, 1, -1, 3]);
    expect(Array.from(lcs(Int32Array.from([]), Int32Array.from([1])))).toEqual([]);
    expect(Array.from(lcs(Int32Array.from([7, 8]), Int32Array.from([])))).toEqual([-1, -1]);
  });

  it("gives the plain table walk's matches, ties included, across word boundaries", () => {
    fc.assert(
      fc.property(sequencePairs(6, 140), ([a, b]) => {
        expect(Array.from(lcs(Int32Array.from(a), Int32Array.from(b)))).toEqual(reference(a, b));
      }),
      { numRuns: 1500, seed: 7 },
    );
  });
});
