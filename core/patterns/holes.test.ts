import { describe, expect, it } from "vitest";
import { createLiquid } from "../templates/engine";
import type { PatternGroup } from "./analysis";
import { renameHole, renderParts } from "./holes";
import { renderPattern } from "./template";

const group: PatternGroup = {
  id: "g1",
  unit: "function",
  language: "typescript",
  template: "function get{{ user }}() {\n  return {% raw %}{{ {% endraw %}\"{{ user | plural | snake }}\", {{ n }};\n}",
  holes: [
    { name: "user", type: "identifier" },
    { name: "n", type: "number" },
  ],
  instances: [
    { file: "a.ts", start: 0, end: 10, startLine: 1, endLine: 3, bindings: { user: "User", n: "1" } },
    { file: "b.ts", start: 0, end: 10, startLine: 1, endLine: 3, bindings: { user: "OrderLine", n: "22" } },
  ],
  stats: { lines: 3, linesSaved: 3, templateBytes: 80, bindingBytes: 14, originalBytes: 120, compression: 0.78, holeShare: 0.1, score: 1 },
};

describe("hole ranges", () => {
  it("splits an occurrence into literal text and the text each hole produced, with offsets", () => {
    const parts = renderParts(group.template, group.instances[1]!.bindings)!;
    const text = renderPattern(group.template, group.instances[1]!.bindings)!;
    expect(parts.map((p) => p.text).join("")).toBe(text);
    for (const p of parts) expect(text.slice(p.start, p.end)).toBe(p.text);
    expect(parts.filter((p) => p.hole).map((p) => [p.hole, p.text])).toEqual([
      ["user", "OrderLine"],
      ["user", "order_lines"],
      ["n", "22"],
    ]);
  });

  it("is null when a binding is missing", () => {
    expect(renderParts(group.template, { user: "X" })).toBeNull();
  });
});

describe("renaming a hole", () => {
  it("renames the output tags, the hole and every binding; rendering is unchanged (LiquidJS agrees)", () => {
    const result = renameHole(group, "user", "entity");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const g = result.group;
    expect(g.template).toBe("function get{{ entity }}() {\n  return {% raw %}{{ {% endraw %}\"{{ entity | plural | snake }}\", {{ n }};\n}");
    expect(g.holes.map((h) => h.name)).toEqual(["entity", "n"]);
    expect(Object.keys(g.instances[0]!.bindings)).toEqual(["entity", "n"]);
    const liquid = createLiquid();
    for (let i = 0; i < g.instances.length; i++) {
      const before = renderPattern(group.template, group.instances[i]!.bindings);
      expect(renderPattern(g.template, g.instances[i]!.bindings)).toBe(before);
      expect(liquid.parseAndRenderSync(g.template, g.instances[i]!.bindings)).toBe(before);
    }
    expect(g.stats.templateBytes).toBe(new TextEncoder().encode(g.template).length);
    // The input is not mutated.
    expect(group.holes[0]!.name).toBe("user");
  });

  it("refuses names that are taken, not identifiers or Liquid keywords, and unknown holes", () => {
    expect(renameHole(group, "user", "n")).toMatchObject({ ok: false, error: expect.stringContaining("already named") });
    expect(renameHole(group, "user", "User Name")).toMatchObject({ ok: false });
    expect(renameHole(group, "user", "9lives")).toMatchObject({ ok: false });
    expect(renameHole(group, "user", "empty")).toMatchObject({ ok: false, error: expect.stringContaining("keyword") });
    expect(renameHole(group, "nope", "other")).toMatchObject({ ok: false, error: expect.stringContaining("no hole") });
  });

  it("renaming to the same name changes nothing", () => {
    expect(renameHole(group, "n", "n")).toEqual({ ok: true, group });
  });
});
