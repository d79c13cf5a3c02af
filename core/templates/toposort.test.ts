import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toposort } from "./toposort";

const node = (name: string) => ({ name, deps: [] as unknown[] });

describe("toposort", () => {
  it("puts each item after what it depends on, keeping input order otherwise", () => {
    const [a, b, c, d] = ["a", "b", "c", "d"].map(node) as [ReturnType<typeof node>, ReturnType<typeof node>, ReturnType<typeof node>, ReturnType<typeof node>];
    a.deps = [c]; // a after c
    b.deps = [];
    c.deps = [d]; // c after d
    d.deps = [];
    expect(toposort([a, b, c, d], "deps").map((x) => (x as { name: string }).name)).toEqual(["b", "d", "c", "a"]);
  });

  it("follows paths through lists and single values, ignores what is not in the input", () => {
    const x = { name: "x", rels: [] as unknown[] };
    const y = { name: "y", rels: [{ source: x }, { source: { name: "outside" } }] };
    expect(toposort([y, x], "rels.source").map((n) => (n as { name: string }).name)).toEqual(["x", "y"]);
  });

  it("places items in a cycle last, in input order, and never loses one", () => {
    const [a, b, c] = ["a", "b", "c"].map(node) as [ReturnType<typeof node>, ReturnType<typeof node>, ReturnType<typeof node>];
    a.deps = [b];
    b.deps = [a];
    expect(toposort([a, b, c], "deps").map((n) => (n as { name: string }).name)).toEqual(["c", "a", "b"]);
  });

  it("takes the earliest ready item each time (checked against a plain scan on random graphs)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(Math.max(0, n - 1)), fc.nat(Math.max(0, n - 1))), { maxLength: 3 * n }))), ([n, edges]) => {
        const nodes = Array.from({ length: n }, (_, i) => ({ i, deps: [] as unknown[] }));
        for (const [from, to] of edges) if (n) nodes[from]!.deps.push(nodes[to]!);
        // The reference: scan for the first unplaced item whose dependencies (in the list, not itself) are placed.
        const placed = new Set<number>();
        const expected: number[] = [];
        for (;;) {
          const next = nodes.find((x) => !placed.has(x.i) && x.deps.every((d) => placed.has((d as { i: number }).i) || d === x));
          if (!next) break;
          placed.add(next.i);
          expected.push(next.i);
        }
        for (const x of nodes) if (!placed.has(x.i)) expected.push(x.i);
        expect(toposort(nodes, "deps").map((x) => (x as { i: number }).i)).toEqual(expected);
      }),
    );
  });

  it("refuses what is not a list or not a path", () => {
    expect(() => toposort("x", "deps")).toThrow("expects a list");
    expect(() => toposort([], "a..b")).toThrow("needs the path");
  });
});
