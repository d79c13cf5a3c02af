/**
 * Myers's O(ND) diff of two integer sequences, as jsdiff's `diffArrays` runs it (same diagonals, same
 * choice between insertion and removal, same early stop at the edges of the edit graph), so it gives the
 * same alignment, on typed arrays: no object per step and no generic comparison. The near-miss alignment
 * diffs normalised tokens and the line alignment diffs line numbers; both only need which items match.
 */
import { grown } from "../typed-arrays";

/** Component kinds of an edit script. */
const COMMON = 0;
const ADDED = 1;
const REMOVED = 2;

/** Components of edit scripts (persistent lists: paths share their beginnings), kept between calls. */
let count = new Int32Array(4096);
let kind = new Uint8Array(4096);
let previous = new Int32Array(4096);

/**
 * For each index of `a`, the index of `b` it is matched with in a shortest edit script, or -1; null when
 * every script needs more than `maxEdits` insertions and removals.
 */
export function matchIndexes(a: ArrayLike<number>, b: ArrayLike<number>, maxEdits: number): Int32Array | null {
  const oldLen = a.length;
  const newLen = b.length;
  const maxLength = Math.min(oldLen + newLen, maxEdits);
  let components = 0;
  const component = (n: number, k: number, prev: number) => {
    if (components === count.length) {
      count = grown(count);
      kind = grown(kind);
      previous = grown(previous);
    }
    count[components] = n;
    kind[components] = k;
    previous[components] = prev;
    return components++;
  };
  // Best path per diagonal (old position minus new position), offset so that diagonal -maxLength-1 is 0.
  const offset = maxLength + 1;
  const oldPos = new Int32Array(2 * maxLength + 3);
  const last = new Int32Array(2 * maxLength + 3).fill(-1);
  const alive = new Uint8Array(2 * maxLength + 3);

  /** Follows the diagonal while items are equal; gives the new position reached. */
  const extractCommon = (d: number) => {
    let o = oldPos[d + offset]!;
    let n = o - d;
    const from = o;
    while (n + 1 < newLen && o + 1 < oldLen && a[o + 1] === b[n + 1]) {
      n++;
      o++;
    }
    if (o > from) last[d + offset] = component(o - from, COMMON, last[d + offset]!);
    oldPos[d + offset] = o;
    return n;
  };
  /** The path one step on from `path` (an insertion or a removal), stored on diagonal d. */
  const step = (path: number, d: number, k: number) => {
    const l = last[path + offset]!;
    oldPos[d + offset] = oldPos[path + offset]! + (k === REMOVED ? 1 : 0);
    last[d + offset] = l >= 0 && kind[l] === k ? component(count[l]! + 1, k, previous[l]!) : component(1, k, l);
  };
  const result = (d: number) => {
    const list: number[] = [];
    for (let c = last[d + offset]!; c >= 0; c = previous[c]!) list.push(c);
    const match = new Int32Array(oldLen).fill(-1);
    let o = 0;
    let n = 0;
    for (let i = list.length - 1; i >= 0; i--) {
      const c = list[i]!;
      if (kind[c] === ADDED) n += count[c]!;
      else if (kind[c] === REMOVED) o += count[c]!;
      else for (let k = 0; k < count[c]!; k++) match[o++] = n++;
    }
    return match;
  };

  oldPos[offset] = -1;
  alive[offset] = 1;
  let newPos = extractCommon(0);
  if (oldPos[offset]! + 1 >= oldLen && newPos + 1 >= newLen) return result(0);
  let minDiagonal = -Infinity;
  let maxDiagonal = Infinity;
  for (let editLength = 1; editLength <= maxLength; editLength++) {
    for (let d = Math.max(minDiagonal, -editLength); d <= Math.min(maxDiagonal, editLength); d += 2) {
      const canRemoveFrom = alive[d - 1 + offset] === 1;
      const canAddFrom = alive[d + 1 + offset] === 1;
      alive[d - 1 + offset] = 0;
      const addNewPos = canAddFrom ? oldPos[d + 1 + offset]! - d : -1;
      const canAdd = canAddFrom && addNewPos >= 0 && addNewPos < newLen;
      const canRemove = canRemoveFrom && oldPos[d - 1 + offset]! + 1 < oldLen;
      if (!canAdd && !canRemove) {
        alive[d + offset] = 0;
        continue;
      }
      if (!canRemove || (canAdd && oldPos[d - 1 + offset]! < oldPos[d + 1 + offset]!)) step(d + 1, d, ADDED);
      else step(d - 1, d, REMOVED);
      alive[d + offset] = 1;
      newPos = extractCommon(d);
      if (oldPos[d + offset]! + 1 >= oldLen && newPos + 1 >= newLen) return result(d);
      if (oldPos[d + offset]! + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, d - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, d + 1);
    }
  }
  return null;
}
