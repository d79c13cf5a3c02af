import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Fingerprints } from "./fingerprints";

/** What changedSince must give: a plain comparison of the two as maps. */
function plainDiff(a: Map<string, string>, b: Map<string, string>): string[] {
  const out = new Set<string>();
  for (const [id, fp] of b) if (a.get(id) !== fp) out.add(id);
  for (const id of a.keys()) if (!b.has(id)) out.add(id);
  return [...out].sort();
}

describe("Fingerprints", () => {
  it("reads what it was given and what was changed since", () => {
    const a = Fingerprints.of([["x", "1"], ["y", "2"]]);
    const b = a.with([["y", "3"]]);
    expect([a.get("x"), a.get("y"), b.get("x"), b.get("y"), b.get("z")]).toEqual(["1", "2", "1", "3", undefined]);
    expect(b.size).toBe(2);
    expect(() => a.with([["z", "9"]])).toThrow("unknown id");
  });

  it("finds what changed between any two, derived from each other or not (random edit histories)", () => {
    const ids = ["a", "b", "c", "d", "e", "f"];
    // Fold after two changes, so that histories cross folds.
    const fold = Fingerprints.FOLD_AFTER;
    Fingerprints.FOLD_AFTER = 2;
    try {
      fc.assert(
        fc.property(fc.array(fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom("0", "1", "2")), { maxLength: 4 }), { maxLength: 40 }), fc.nat(), fc.nat(), (edits, i, j) => {
          // A chain of derived fingerprints (folded now and then) beside the same history as plain maps.
          const plain: Array<Map<string, string>> = [new Map(ids.map((id) => [id, "0"]))];
          const derived = [Fingerprints.of(plain[0]!)];
          for (const edit of edits) {
            const next = new Map(plain.at(-1)!);
            for (const [id, fp] of edit) next.set(id, fp);
            plain.push(next);
            derived.push(derived.at(-1)!.with(edit));
          }
          // And one built apart, with an id removed and one added.
          const other = new Map(plain.at(-1)!);
          other.delete("a");
          other.set("g", "0");
          plain.push(other);
          derived.push(Fingerprints.of(other));
          const x = i % plain.length;
          const y = j % plain.length;
          expect([...derived[y]!.changedSince(derived[x]!)].sort()).toEqual(plainDiff(plain[x]!, plain[y]!));
          for (const id of [...ids, "g"]) expect(derived[y]!.get(id)).toBe(plain[y]!.get(id));
        }),
      );
    } finally {
      Fingerprints.FOLD_AFTER = fold;
    }
  });
});
