import { describe, expect, it } from "vitest";
import { syntheticDataModel } from "@/bench/synthetic";
import { entityRelational } from "@/core/metamodel/starters/entity-relational";
import { restApi } from "@/core/metamodel/starters/rest-api";
import type { Layout, MetaModel } from "@/core/metamodel/schema";
import { shopApiModel, shopModel } from "@/core/model/fixtures";
import type { Model } from "@/core/model/schema";
import { modelInfo } from "../model-info";
import { estimateSize, viewOf } from "./graph";
import { layoutObjects } from "./layout";

function overlaps(mm: MetaModel, model: Model, layout: Layout): string[] {
  const boxes = model.objects.map((o) => ({ id: o.id, ...layout[o.id]!, ...estimateSize(viewOf(mm, o.classId), o) }));
  const out: string[] = [];
  for (const a of boxes) for (const b of boxes) if (a.id < b.id && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) out.push(`${a.id}/${b.id}`);
  return out;
}

describe("layoutObjects", () => {
  it.each([
    ["the shop data model", entityRelational(), shopModel()],
    ["the shop API", restApi(), shopApiModel()],
  ] as const)("places every object of %s without overlaps, containers left of what they contain", async (_name, mm, model) => {
    const layout = await layoutObjects(mm, model);
    expect(Object.keys(layout).sort()).toEqual(model.objects.map((o) => o.id).sort());
    expect(overlaps(mm, model, layout)).toEqual([]);
    const info = modelInfo(mm, model);
    for (const [child, { container }] of info.containerOf) expect(layout[child]!.x, `${child} right of ${container}`).toBeGreaterThan(layout[container]!.x);
  });

  it("packs an entity's fields into a block next to it, not one long column", async () => {
    const mm = entityRelational();
    const model = shopModel(mm);
    const layout = await layoutObjects(mm, model);
    const info = modelInfo(mm, model);
    const product = model.objects.find((o) => info.label(o.id) === "Product")!.id;
    const fields = model.objects.filter((o) => info.containerOf.get(o.id)?.container === product);
    expect(fields.length).toBe(7);
    expect(new Set(fields.map((f) => layout[f.id]!.x)).size).toBeGreaterThan(1);
    const ys = fields.map((f) => layout[f.id]!.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(7 * 80);
  });

  it("uses measured sizes when it has them", async () => {
    const mm = entityRelational();
    const model = shopModel(mm);
    const tall = Object.fromEntries(model.objects.map((o) => [o.id, { width: 272, height: 600 }]));
    const layout = await layoutObjects(mm, model, tall);
    const boxes = model.objects.map((o) => ({ id: o.id, ...layout[o.id]! }));
    for (const a of boxes) for (const b of boxes) if (a.id < b.id && Math.abs(a.x - b.x) < 272) expect(Math.abs(a.y - b.y), `${a.id}/${b.id}`).toBeGreaterThanOrEqual(600);
  });

  it("lays out 300 objects", async () => {
    const { metamodel, model } = syntheticDataModel(30);
    expect(model.objects.length).toBeGreaterThanOrEqual(300);
    const layout = await layoutObjects(metamodel, model);
    expect(Object.keys(layout)).toHaveLength(model.objects.length);
    expect(overlaps(metamodel, model, layout)).toEqual([]);
    // A page, not a column: 30 entity families side by side and below each other.
    const boxes = model.objects.map((o) => ({ ...layout[o.id]!, ...estimateSize(viewOf(metamodel, o.classId), o) }));
    const width = Math.max(...boxes.map((b) => b.x + b.width)) - Math.min(...boxes.map((b) => b.x));
    const height = Math.max(...boxes.map((b) => b.y + b.height)) - Math.min(...boxes.map((b) => b.y));
    expect(width / height).toBeGreaterThan(0.5);
    expect(width / height).toBeLessThan(3);
  }, 30_000);
});
