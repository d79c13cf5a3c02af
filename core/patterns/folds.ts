/**
 * Folded lists (SPEC.md PA-20): array and object literals of data — every element a few tokens — read as
 * one token, so that units differing only in how many entries their lists hold share one shape, and the
 * lists become `code` holes. Pure: token arrays in, token ranges out.
 */
import type { Nested } from "./frames";
import { TokenKind, type Tokens } from "./lexer";

/** An element of a data list holds at most this many tokens (a key and a short value, an arrow to a name). */
export const FOLD_ELEMENT_TOKENS = 12;

/**
 * The literals that are lists of data, as token ranges [t0, t1) with their brackets, sorted by start (an
 * outer list before the lists it holds). `literals` are token ranges of array and object literals, in any
 * order.
 */
export function dataLists(text: string, tokens: Tokens, literals: readonly (readonly [number, number])[]): Int32Array {
  const flat: [number, number][] = [];
  for (const [t0, t1] of literals) if (t1 - t0 >= 2 && isData(text, tokens, t0, t1)) flat.push([t0, t1]);
  flat.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  return Int32Array.from(flat.flat());
}

/** Is every element of the literal [t0, t1) (split at its own commas) at most FOLD_ELEMENT_TOKENS tokens? */
function isData(text: string, tokens: Tokens, t0: number, t1: number): boolean {
  let depth = 0;
  let element = 0;
  for (let t = t0 + 1; t < t1 - 1; t++) {
    if (tokens.kind[t] === TokenKind.Punct) {
      const c = text.charCodeAt(tokens.start[t]!);
      if (c === 40 || c === 91 || c === 123) depth++;
      else if (c === 41 || c === 93 || c === 125) depth--;
      else if (c === 44 && depth === 0) {
        element = 0;
        continue;
      }
    }
    if (++element > FOLD_ELEMENT_TOKENS) return false;
  }
  return true;
}

/** Index of the first list (in `lists` from `dataLists`) starting at or after token t. */
function firstFrom(lists: Int32Array, t: number): number {
  let lo = 0;
  let hi = lists.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lists[mid * 2]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The outermost lists inside tokens [t0, t1), leaving out one that is the whole range. */
function outermost(lists: Int32Array, t0: number, t1: number, out: [number, number][]): void {
  let end = -1;
  for (let i = firstFrom(lists, t0); i < lists.length >> 1 && lists[i * 2]! < t1; i++) {
    const a = lists[i * 2]!;
    const b = lists[i * 2 + 1]!;
    if (b > t1 || a < end || (a === t0 && b === t1)) continue;
    out.push([a, b]);
    end = b;
  }
}

/**
 * The lists of data tokens [t0, t1) folds (`lists` from `dataLists`), or null when there are none: the
 * outermost ones, or, while that leaves the unit fewer than `minOwn` tokens of its own, the outermost ones
 * inside those (`[-3, n0, _E, [_m], [0]]` as a whole is data; its inner lists are what vary).
 */
export function foldsIn(lists: Int32Array, t0: number, t1: number, minOwn: number): Nested | null {
  let folds: [number, number][] = [];
  outermost(lists, t0, t1, folds);
  for (;;) {
    if (folds.length === 0) return null;
    let own = t1 - t0;
    for (const [a, b] of folds) own -= b - a;
    if (own >= minOwn) return folds;
    const inner: [number, number][] = [];
    for (const [a, b] of folds) outermost(lists, a, b, inner);
    folds = inner;
  }
}
