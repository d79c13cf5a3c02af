/**
 * Near-miss clones (SPEC.md §4, PA-17): units whose normalised token sequences are similar but not
 * equal — a statement added, a few tokens changed. Candidates are found with MinHash over token
 * shingles and locality-sensitive hashing, joined to a leader they resemble, then aligned token by
 * token (a diff against the leader, kept where every member agrees) so the gaps become `code` holes.
 */
import type { Aligned, Column, HoleType } from "./antiunify";
import { matchIndexes } from "./myers";

export const SHINGLE = 5;
const HASHES = 12;
const ROWS = 4;
const SEEDS = Array.from({ length: HASHES }, (_, i) => Math.imul(0x9e3779b1, i + 1) | 0);

/** MinHash signature of the shingles of `norm[t0..t1)` (shingle hashes from `shingleAt`). */
export function signature(shingleAt: (t: number) => number, t0: number, t1: number): Int32Array {
  const sig = new Int32Array(HASHES).fill(0x7fffffff);
  for (let t = t0; t + SHINGLE <= t1; t++) {
    const x = shingleAt(t);
    for (let i = 0; i < HASHES; i++) {
      let h = Math.imul(x ^ SEEDS[i]!, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

export const similarity = (a: Int32Array, b: Int32Array) => {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
};

export interface NearUnit {
  /** Units are only compared within one scope (e.g. a language). */
  scope: string;
  length: number;
  sig: Int32Array;
  /**
   * Where the unit is: units that overlap (a unit and one inside it) never share a cluster, where only one
   * of them could be an instance. Units must come in order of (doc, start).
   */
  at?: { doc: number; start: number; end: number };
}

/**
 * Groups units around leaders: in the given order, a unit joins the most similar leader it shares an
 * LSH bucket with (similarity ≥ `threshold`, lengths within 30%, no member of its cluster overlapping it),
 * or becomes a leader. Returns the clusters (indices into `units`, ascending) with two or more members, in
 * order of their leaders.
 */
export function nearClusters(units: readonly NearUnit[], threshold = 0.7, maxLeadersPerBucket = 8): number[][] {
  const buckets = new Map<string, number[]>();
  const clusterOf = new Int32Array(units.length).fill(-1);
  const clusters: number[][] = [];
  for (let u = 0; u < units.length; u++) {
    const unit = units[u]!;
    const keys: string[] = [];
    for (let b = 0; b < HASHES / ROWS; b++) {
      let k = `${unit.scope}|${b}`;
      for (let r = 0; r < ROWS; r++) k += `|${unit.sig[b * ROWS + r]}`;
      keys.push(k);
    }
    let best = -1;
    let bestSim = threshold;
    for (const k of keys) {
      for (const leader of buckets.get(k) ?? []) {
        const l = units[leader]!;
        const ratio = Math.min(l.length, unit.length) / Math.max(l.length, unit.length);
        if (ratio < 0.7) continue;
        const sim = similarity(l.sig, unit.sig);
        const better = sim > bestSim || (sim === bestSim && (best < 0 || leader < best));
        if (better && !(unit.at && overlapsMember(units, clusters[clusterOf[leader]!]!, unit.at))) {
          best = leader;
          bestSim = sim;
        }
      }
    }
    if (best >= 0) {
      clusters[clusterOf[best]!]!.push(u);
      continue;
    }
    clusterOf[u] = clusters.length;
    clusters.push([u]);
    for (const k of keys) {
      const list = buckets.get(k);
      if (!list) buckets.set(k, [u]);
      else if (list.length < maxLeadersPerBucket) list.push(u);
    }
  }
  return clusters.filter((c) => c.length >= 2);
}

/** Does a member of the cluster overlap `at`? Members of its doc are the cluster's last ones (units come in order). */
function overlapsMember(units: readonly NearUnit[], cluster: readonly number[], at: NonNullable<NearUnit["at"]>): boolean {
  for (let k = cluster.length - 1; k >= 0; k--) {
    const m = units[cluster[k]!]!.at;
    if (!m || m.doc !== at.doc) return false;
    if (m.start < at.end && at.start < m.end) return true;
  }
  return false;
}

/** One member of a near-miss group: its normalised tokens and a way to read its text. */
export interface NearMember {
  norm: ArrayLike<number>;
  /** Text of token k. */
  token: (k: number) => string;
  /** Text between token k-1 and token k (k = 0: nothing; k = length: nothing). */
  between: (k: number) => string;
  kind: (k: number) => HoleType;
  /** Is token k a comment? */
  comment?: (k: number) => boolean;
}

/**
 * Aligns members token by token against the first: tokens every member matches stay aligned (as
 * columns: they may still differ in spelling), the runs between them become `code` columns. Null when
 * a diff would be too costly (members too different).
 */
export function alignNear(members: readonly NearMember[], maxEdits = 400): Aligned[] | null {
  const ref = members[0]!;
  const n = ref.norm.length;
  // For each member, the matching index of each reference token, or -1.
  const maps: Int32Array[] = [new Int32Array(n).map((_, i) => i)];
  const keep = new Uint8Array(n).fill(1);
  for (let m = 1; m < members.length; m++) {
    const map = matchIndexes(ref.norm, members[m]!.norm, maxEdits);
    if (!map) return null;
    for (let k = 0; k < n; k++) if (map[k]! < 0) keep[k] = 0;
    maps.push(map);
  }
  const out: Aligned[] = [];
  // prev[m]: index in member m just after the previous anchor.
  const prev = new Int32Array(members.length);
  const gap = (next: (m: number) => number) => {
    const values = members.map((mem, m) => {
      const to = next(m);
      let s = "";
      for (let k = prev[m]!; k < to; k++) s += mem.between(k) + mem.token(k);
      return s + mem.between(to);
    });
    if (values.every((v) => v === values[0])) {
      if (values[0]) out.push({ text: values[0] });
    } else out.push({ type: "code", values });
  };
  let anchors = 0;
  for (let k = 0; k < n; k++) {
    if (!keep[k]) continue;
    anchors++;
    gap((m) => maps[m]![k]!);
    const column: Column = { type: ref.kind(k), values: members.map((mem, m) => mem.token(maps[m]![k]!)) };
    if (ref.comment?.(k)) column.comment = true;
    out.push(column);
    for (let m = 0; m < members.length; m++) prev[m] = maps[m]![k]! + 1;
  }
  if (anchors === 0) return null;
  // After the last anchor: the rest of each member (no trailing whitespace: instances end on a token).
  const tail = members.map((mem, m) => {
    let s = "";
    for (let k = prev[m]!; k < mem.norm.length; k++) s += mem.between(k) + mem.token(k);
    return s;
  });
  if (tail.every((v) => v === tail[0])) {
    if (tail[0]) out.push({ text: tail[0] });
  } else out.push({ type: "code", values: tail });
  return out;
}
