/**
 * Token ranges a unit is read with as one token each: a frame's nested instances (SPEC.md PA-19, the
 * method around a schema literal that a group of its own already generates) and a unit's folded lists of
 * data (PA-20). The engine hashes the collapsed shapes (`collapsedShape`); the extraction reads them
 * through views (build.ts).
 */
import type { Occurrence } from "./build";

/** Token ranges [t0, t1) a unit holds (nested instances, folded lists), in order. */
export type Nested = readonly (readonly [number, number])[];

/** Tokens of a unit outside those ranges: its own. */
export function ownTokens(o: Occurrence, nested: Nested): number {
  let n = o.t1 - o.t0;
  for (const [a, b] of nested) n -= b - a;
  return n;
}
