import { describe, expect, it } from "vitest";
import { starterByKey } from "@/core/metamodel/starters";
import { buildEdges, buildNodes, indexPresence } from "./graph";

describe("indexPresence", () => {
  it("lists every peer selecting a node and takes the live position of a dragged one", () => {
    const { peersBySelection, dragOverrides } = indexPresence([
      { name: "Ada", color: "#f00", selection: ["a", "b"], drag: [] },
      { name: "Bo", color: "#0f0", selection: ["b"], drag: [{ id: "c", x: 10, y: 20 }] },
    ]);
    expect(peersBySelection.get("a")).toEqual([{ name: "Ada", color: "#f00" }]);
    expect(peersBySelection.get("b")?.map((p) => p.name)).toEqual(["Ada", "Bo"]);
    expect(peersBySelection.has("c")).toBe(false);
    expect(dragOverrides.get("c")).toEqual({ x: 10, y: 20 });
  });
});

describe("buildNodes / buildEdges", () => {
  it("draws one node per class and enum, and places a node dragged by a peer where the peer has it", () => {
    const mm = starterByKey("state-machine")!.build();
    const id = mm.classes[0]!.id;
    const nodes = buildNodes({
      mm,
      layout: {},
      problems: [],
      peersBySelection: new Map([[id, [{ name: "Ada", color: "#f00" }]]]),
      dragOverrides: new Map([[id, { x: 123, y: 456 }]]),
      readOnly: false,
    });
    expect(nodes).toHaveLength(mm.classes.length + mm.enums.length);
    const dragged = nodes.find((n) => n.id === id)!;
    expect(dragged.position).toEqual({ x: 123, y: 456 });
    expect(dragged.data.peers).toEqual([{ name: "Ada", color: "#f00" }]);
    const edges = buildEdges(mm, []);
    const ids = new Set(nodes.map((n) => n.id));
    expect(edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    const supertypes = mm.classes.reduce((n, c) => n + c.supertypes.length, 0);
    expect(edges.filter((e) => e.type === "inheritance")).toHaveLength(supertypes);
  });
});
