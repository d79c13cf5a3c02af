import { describe, expect, it } from "vitest";
import { layoutTreemap, squarify, type Rect } from "./treemap";

const area = (r: Rect) => r.w * r.h;
const inside = (r: Rect, box: Rect, eps = 1e-6) => r.x >= box.x - eps && r.y >= box.y - eps && r.x + r.w <= box.x + box.w + eps && r.y + r.h <= box.y + box.h + eps;
const overlap = (a: Rect, b: Rect, eps = 1e-6) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > eps && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > eps;
const aspect = (r: Rect) => Math.max(r.w / r.h, r.h / r.w);

describe("squarify", () => {
  const box = { x: 10, y: 20, w: 600, h: 400 };

  it("areas are proportional to the values, inside the box, without overlaps, in input order", () => {
    const values = [6, 6, 4, 3, 2, 2, 1];
    const rects = squarify(values, box);
    const total = values.reduce((a, b) => a + b, 0);
    rects.forEach((r, i) => {
      expect(area(r)).toBeCloseTo((values[i]! / total) * area(box), 6);
      expect(inside(r, box)).toBe(true);
    });
    for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) expect(overlap(rects[i]!, rects[j]!), `${i}/${j}`).toBe(false);
    expect(rects.reduce((n, r) => n + area(r), 0)).toBeCloseTo(area(box), 6);
  });

  it("the example of the paper gives squarish rectangles (worst aspect ratio under 3)", () => {
    const rects = squarify([6, 6, 4, 3, 2, 2, 1], { x: 0, y: 0, w: 6, h: 4 });
    expect(Math.max(...rects.map(aspect))).toBeLessThan(3);
    // Equal values in a square box: near-squares.
    const even = squarify(Array(16).fill(1), { x: 0, y: 0, w: 100, h: 100 });
    expect(Math.max(...even.map(aspect))).toBeLessThan(2);
  });

  it("is deterministic whatever the order of equal values, and handles empty input", () => {
    expect(squarify([3, 1, 2], box)).toEqual(squarify([3, 1, 2], box));
    expect(squarify([], box)).toEqual([]);
    expect(squarify([1], { x: 0, y: 0, w: 0, h: 10 })).toEqual([{ x: 0, y: 0, w: 0, h: 0 }]);
  });
});

describe("the codebase treemap", () => {
  const files = [
    { path: "src/services/users.ts", value: 120 },
    { path: "src/services/orders.ts", value: 110 },
    { path: "src/services/products.ts", value: 100 },
    { path: "src/index.ts", value: 10 },
    { path: "scripts/seed.py", value: 60 },
    { path: "README.md", value: 0 },
  ];

  it("one cell per file and folder; files sized by lines (0 counts as 1), inside their folder", () => {
    const cells = layoutTreemap(files, 800, 500, { padding: 0 });
    const byPath = new Map(cells.map((c) => [`${c.kind}:${c.path}`, c]));
    expect(cells.filter((c) => c.kind === "file")).toHaveLength(files.length);
    expect([...byPath.keys()].filter((k) => k.startsWith("folder:")).sort()).toEqual(["folder:scripts", "folder:src", "folder:src/services"]);
    const total = 120 + 110 + 100 + 10 + 60 + 1;
    expect(area(byPath.get("file:src/services/users.ts")!)).toBeCloseTo((120 / total) * 800 * 500, 3);
    expect(area(byPath.get("file:README.md")!)).toBeCloseTo((1 / total) * 800 * 500, 3);
    for (const c of cells.filter((x) => x.kind === "file")) {
      const folder = c.path.includes("/") ? byPath.get(`folder:${c.path.slice(0, c.path.lastIndexOf("/"))}`)! : { x: 0, y: 0, w: 800, h: 500 };
      expect(inside(c, folder), c.path).toBe(true);
    }
    const fileCells = cells.filter((c) => c.kind === "file");
    for (let i = 0; i < fileCells.length; i++) for (let j = i + 1; j < fileCells.length; j++) expect(overlap(fileCells[i]!, fileCells[j]!)).toBe(false);
  });

  it("folders come before their content (drawn underneath), padding shrinks the content", () => {
    const cells = layoutTreemap(files, 800, 500, { padding: 4, header: 14 });
    const src = cells.findIndex((c) => c.kind === "folder" && c.path === "src");
    const users = cells.findIndex((c) => c.path === "src/services/users.ts");
    expect(src).toBeLessThan(users);
    const folder = cells[src]!;
    const inner = { x: folder.x + 4, y: folder.y + 4, w: folder.w - 8, h: folder.h - 8 };
    expect(inside(cells[users]!, inner)).toBe(true);
  });

  it("merges a folder chain with one sub-folder and no files into one cell", () => {
    const cells = layoutTreemap([{ path: "a/b/c/x.ts", value: 1 }, { path: "a/b/c/y.ts", value: 2 }], 100, 100);
    expect(cells.filter((c) => c.kind === "folder").map((c) => [c.name, c.path])).toEqual([["a/b/c", "a/b/c"]]);
  });

  it("is empty for no files", () => {
    expect(layoutTreemap([], 100, 100)).toEqual([]);
  });
});
