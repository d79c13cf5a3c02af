/**
 * Longest common subsequence of two integer sequences (comment pieces), bit-parallel: each row of the
 * table is one bit per column (does the LCS grow there?), computed 32 columns per step by the carry of an
 * addition (Crochemore, Iliopoulos, Pinzon and Reid, "A fast and practical bit-vector algorithm for the
 * longest common subsequence problem", 2001). The matches read back from those rows are the ones of the
 * plain table walk: from the start, a match is taken when the pieces are equal, otherwise the walk
 * skips a piece of `a` whenever that keeps the longest length, else a piece of `b`.
 */

/** Rows of bits, kept between calls. */
let rows = new Int32Array(1024);

const popcount = (x: number) => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
};

/**
 * Matches what `a` and `b` share at their start and at their end (`match[i]`: the index in `b` of a[i]);
 * gives how many items each of the two runs holds.
 */
export function matchEnds(a: ArrayLike<number>, b: ArrayLike<number>, match: { [i: number]: number }): [number, number] {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) match[p] = p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) {
    match[a.length - 1 - q] = b.length - 1 - q;
    q++;
  }
  return [p, q];
}

/** For each index of `a`, the matched index in `b` or -1. */
export function lcs(a: Int32Array, b: Int32Array): Int32Array {
  const match = new Int32Array(a.length).fill(-1);
  // What the two share at the start and at the end is matched as it is; the rows cover the rest.
  const [p, q] = matchEnds(a, b, match);
  const n = a.length - p - q;
  const m = b.length - p - q;
  if (n === 0 || m === 0) return match;
  // T[i][j]: LCS of a[p+i..] and b[p+j..]. Row i holds bit k = m-1-j clear when T[i][j] > T[i][j+1], so
  // that the addition's carries run from the end of b towards its start, as the recurrence does.
  const words = (m + 31) >>> 5;
  const masks = new Map<number, Int32Array>();
  for (let j = 0; j < m; j++) {
    const x = b[p + j]!;
    let mask = masks.get(x);
    if (!mask) masks.set(x, (mask = new Int32Array(words)));
    const k = m - 1 - j;
    mask[k >>> 5]! |= 1 << (k & 31);
  }
  if (rows.length < (n + 1) * words) rows = new Int32Array(Math.max((n + 1) * words, rows.length * 2));
  const row = rows;
  // Row n: T is 0 everywhere (no bit clear).
  row.fill(-1, n * words, (n + 1) * words);
  for (let i = n - 1; i >= 0; i--) {
    const mask = masks.get(a[p + i]!);
    const from = (i + 1) * words;
    const to = i * words;
    if (!mask) {
      row.copyWithin(to, from, from + words);
      continue;
    }
    let carry = 0;
    for (let w = 0; w < words; w++) {
      const v = row[from + w]!;
      const u = v & mask[w]!;
      const sum = (v >>> 0) + (u >>> 0) + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      row[to + w] = sum | (v & ~u);
    }
  }
  /** T[i][j]: the clear bits of row i among bits 0 … m-1-j. */
  const length = (i: number, j: number) => {
    const last = m - 1 - j;
    if (last < 0) return 0;
    const base = i * words;
    let set = 0;
    const full = last >>> 5;
    for (let w = 0; w < full; w++) set += popcount(row[base + w]!);
    const bits = (last & 31) + 1;
    set += popcount(bits === 32 ? row[base + full]! : row[base + full]! & ((1 << bits) - 1));
    return last + 1 - set;
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[p + i] === b[p + j]) {
      match[p + i] = p + j;
      i++;
      j++;
    } else if (length(i + 1, j) >= length(i, j + 1)) i++;
    else j++;
  }
  return match;
}
