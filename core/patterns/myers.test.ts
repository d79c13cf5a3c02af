import { diffArrays } from "diff";
import { describe, expect, it } from "vitest";
import { matchIndexes } from "./myers";

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
    let seed = 42;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let t = 0; t < 2000; t++) {
      const alphabet = 1 + rand(5);
      const a = Array.from({ length: rand(30) }, () => rand(alphabet));
      const b = rand(2) ? a.map((x) => (rand(4) === 0 ? rand(alphabet) : x)).filter(() => rand(6) !== 0) : Array.from({ length: rand(30) }, () => rand(alphabet));
      const maxEdits = rand(3) === 0 ? rand(12) : 400;
      const got = matchIndexes(a, b, maxEdits);
      const want = reference(a, b, maxEdits);
      expect(got && Array.from(got), `${JSON.stringify(a)} → ${JSON.stringify(b)} within ${maxEdits}`).toEqual(want && Array.from(want));
    }
  });
});
