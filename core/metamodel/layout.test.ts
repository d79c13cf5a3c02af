import { describe, expect, it } from "vitest";
import { estimateSize, layoutMetamodel } from "./layout";
import { STARTERS } from "./starters";

function overlaps(a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe("layoutMetamodel", () => {
  it.each(STARTERS.map((s) => [s.title, s] as const))("places every node of %s without overlaps", async (_title, starter) => {
    const mm = starter.build();
    const layout = await layoutMetamodel(mm);
    const ids = [...mm.classes.map((c) => c.id), ...mm.enums.map((e) => e.id)];
    expect(Object.keys(layout).sort()).toEqual([...ids].sort());
    const boxes = ids.map((id) => ({ id, x: layout[id]!.x, y: layout[id]!.y, w: estimateSize(mm, id).width, h: estimateSize(mm, id).height }));
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
  });

  it("puts supertypes above their subtypes", async () => {
    const mm = STARTERS.find((s) => s.key === "state-machine")!.build();
    const layout = await layoutMetamodel(mm);
    expect(layout.c_vertex!.y).toBeLessThan(layout.c_state!.y);
    expect(layout.c_state!.y).toBeLessThan(layout.c_composite_state!.y);
  });
});
