/**
 * Frames (SPEC.md PA-19): a unit that holds instances of groups taken before, read with each of those
 * instances as one token. Units whose shapes are equal that way form a group whose template has a hole
 * where each holds another group's instance — the method around a schema literal that a group of its own
 * already generates. Pure: token arrays in, shapes out.
 */
import type { Occurrence, Prepared } from "./build";
import { fnv, FNV_START } from "./files";

/** Token ranges [t0, t1) of the instances a unit holds, in order. */
export type Nested = readonly (readonly [number, number])[];

/** What stands for a nested instance in a frame's shape. */
const NESTED_TOKEN = 0x5eed;
const MIX = 0x01000193;

/** A frame's shape: its tokens (nested instances one each), their normalised hash, and its line breaks' hash. */
export interface FrameShape {
  length: number;
  hash: number;
  layout: number;
}

/**
 * The shape of occurrence `o` with its nested instances read as one token each. The layout hashes the
 * whitespace between those tokens up to each gap's last line break: frames at other depths (indentation
 * after the break) share a shape, and the extraction makes their extra indentation a hole or rejects them.
 */
export function frameShape(f: Prepared, o: Occurrence, nested: Nested): FrameShape {
  let length = 0;
  let hash = 0;
  let layout = 0;
  let m = 0;
  let prevEnd = -1;
  const gap = (start: number) => {
    if (prevEnd < 0) return;
    const nl = f.text.lastIndexOf("\n", start - 1);
    const g = nl < prevEnd ? fnv(FNV_START, f.text, prevEnd, start) : fnv(FNV_START ^ 1, f.text, prevEnd, nl + 1);
    layout = (Math.imul(layout, MIX) + g) | 0;
  };
  for (let t = o.t0; t < o.t1; t++) {
    const n = nested[m];
    length++;
    if (n && t === n[0]) {
      gap(f.tokens.start[t]!);
      hash = (Math.imul(hash, MIX) + NESTED_TOKEN) | 0;
      prevEnd = f.tokens.end[n[1] - 1]!;
      t = n[1] - 1;
      m++;
      continue;
    }
    gap(f.tokens.start[t]!);
    hash = (Math.imul(hash, MIX) + f.tokens.norm[t]!) | 0;
    prevEnd = f.tokens.end[t]!;
  }
  return { length, hash, layout };
}

/** Tokens of a frame outside its nested instances. */
export function ownTokens(o: Occurrence, nested: Nested): number {
  let n = o.t1 - o.t0;
  for (const [a, b] of nested) n -= b - a;
  return n;
}
