import { describe, expect, it } from "vitest";
import { createModelDoc, ModelEditor, ModelReader } from "@/core/collab/model-doc";
import { defineMetamodel } from "@/core/metamodel/builder";
import { entityRelational } from "@/core/metamodel/starters/entity-relational";
import type { Layout, MetaModel } from "@/core/metamodel/schema";
import { defineModel } from "@/core/model/builder";
import { checkModel } from "@/core/model/conformance";
import { shopModel } from "@/core/model/fixtures";
import type { Model, ModelObject } from "@/core/model/schema";
import { modelInfo } from "../model-info";
import {
  buildEdges,
  buildNodes,
  CLASS_HUES,
  classViews,
  estimateSize,
  filledRows,
  freeSpot,
  linkEdgeId,
  linkOptions,
  mergeEdges,
  mergeNodes,
  newLinkTargets,
  parseLinkEdgeId,
  placeNew,
  rowHeight,
  viewOf,
  type ObjectNode,
} from "./graph";

const mm = entityRelational();
const shop = shopModel(mm);
const info = modelInfo(mm, shop);
const cls = (name: string, m: MetaModel = mm) => m.classes.find((c) => c.name === name)!;
/** The id of the shop object of class `className` labelled `label`. */
const obj = (className: string, label: string, model: Model = shop, m: MetaModel = mm) => {
  const i = modelInfo(m, model);
  const found = model.objects.find((o) => o.classId === cls(className, m).id && i.label(o.id) === label);
  if (!found) throw new Error(`no ${className} ${label}`);
  return found.id;
};
const grid = (model: Model): Layout => Object.fromEntries(model.objects.map((o, i) => [o.id, { x: (i % 6) * 320, y: Math.floor(i / 6) * 300 }]));

function nodesOf(model: Model, layout: Layout, extra: Partial<Parameters<typeof buildNodes>[0]> = {}) {
  return buildNodes({ mm, model, info: modelInfo(mm, model), positions: layout, problems: new Map(), peersBySelection: new Map(), dragOverrides: new Map(), readOnly: false, ...extra });
}

describe("classViews", () => {
  it("edits the name in the header and lists the other attributes as rows, inherited first", () => {
    const field = classViews(mm).get(cls("Field").id)!;
    expect(field.title?.name).toBe("name");
    expect(field.rows.map((a) => a.name)).toEqual(["type", "nullable", "primaryKey", "unique", "length", "defaultValue"]);
    expect(field.references.map((r) => r.name)).toEqual(["enumType"]);
    expect(classViews(mm)).toBe(classViews(mm));
  });

  it("gives the first classes distinct colours, in meta-model order", () => {
    const hues = mm.classes.map((c) => classViews(mm).get(c.id)!.hue);
    expect(new Set(hues).size).toBe(mm.classes.length);
    expect(hues[0]).toBe(CLASS_HUES[0]);
  });

  it("has no title when the class has no single string name or title", () => {
    const m = defineMetamodel("T", "", (b) => {
      b.class("Tagged").attr("name", "string", { many: true }).attr("weight", "int");
    });
    const v = classViews(m).get(cls("Tagged", m).id)!;
    expect(v.title).toBeNull();
    expect(v.rows.map((a) => a.name)).toEqual(["name", "weight"]);
  });

  it("shows objects of a removed class as such, in grey", () => {
    const v = viewOf(mm, "c_gone");
    expect(v).toMatchObject({ unknown: true, rows: [], hue: -1 });
  });
});

describe("buildNodes", () => {
  it("draws one node per placed object, labelled `name : Class`", () => {
    const layout = grid(shop);
    const nodes = nodesOf(shop, layout);
    expect(nodes).toHaveLength(shop.objects.length);
    const customer = nodes.find((n) => n.id === obj("Entity", "Customer"))!;
    expect(customer.ariaLabel).toBe("Customer : Entity");
    expect(customer.position).toBe(layout[customer.id]);
    expect(customer.data.object).toBe(shop.objects.find((o) => o.id === customer.id));
  });

  it("leaves out objects without a position, and moves those someone else is dragging", () => {
    const layout = grid(shop);
    const customer = obj("Entity", "Customer");
    delete layout[customer];
    const order = obj("Entity", "Order");
    const nodes = nodesOf(shop, layout, { dragOverrides: new Map([[order, { x: 5, y: 7 }]]) });
    expect(nodes.some((n) => n.id === customer)).toBe(false);
    expect(nodes.find((n) => n.id === order)!.position).toEqual({ x: 5, y: 7 });
  });

  it("carries the object's conformance problems", () => {
    const broken = { ...shop, objects: shop.objects.map((o) => (o.id === obj("Entity", "Customer") ? { ...o, attributes: {} } : o)) };
    const problems = checkModel(mm, broken);
    const byObject = new Map<string, typeof problems>();
    for (const p of problems) if (p.objectId) byObject.set(p.objectId, [...(byObject.get(p.objectId) ?? []), p]);
    const node = nodesOf(broken, grid(broken), { problems: byObject }).find((n) => n.id === obj("Entity", "Customer"))!;
    expect(node.data.problems.map((p) => p.code)).toContain("missing-value");
  });
});

describe("buildEdges", () => {
  const all = new Set(shop.objects.map((o) => o.id));
  const edges = buildEdges(mm, shop, all, new Set());

  it("draws every reference target: containment with its flag, references by name", () => {
    const targets = shop.objects.reduce((n, o) => n + Object.values(o.references).reduce((m, t) => m + t.length, 0), 0);
    expect(edges).toHaveLength(targets);
    const schema = obj("Schema", "shop");
    const customer = obj("Entity", "Customer");
    const contains = edges.find((e) => e.source === schema && e.target === customer)!;
    expect(contains.data).toMatchObject({ refName: "entities", containment: true });
    const rel = obj("Relationship", "customer");
    const source = edges.find((e) => e.id === linkEdgeId(rel, cls("Relationship").references.find((r) => r.name === "source")!.id, customer))!;
    expect(source.data).toMatchObject({ refName: "source", containment: false, hasProblem: false });
  });

  it("has ids that parse back to source, reference and target", () => {
    for (const e of edges) expect(parseLinkEdgeId(e.id)).toEqual({ source: e.source, refId: e.data!.refId, target: e.target });
    expect(parseLinkEdgeId("l:a:b")).toBeNull();
  });

  it("skips objects that are not drawn and marks references with problems", () => {
    const rel = obj("Relationship", "customer");
    const sourceRef = cls("Relationship").references.find((r) => r.name === "source")!.id;
    const some = buildEdges(mm, shop, new Set([rel, obj("Entity", "Customer")]), new Set([`${rel}:${sourceRef}`]));
    expect(some).toHaveLength(1);
    expect(some[0]!.data!.hasProblem).toBe(true);
  });

  it("bends parallel edges between the same two objects apart", () => {
    const m = defineMetamodel("P", "", (b) => {
      b.class("Person").attr("name", "string").ref("mentor", "Person").ref("friend", "Person");
    });
    const model = defineModel(m, "People", (b) => {
      const a = b.object("Person", { name: "a" });
      const c = b.object("Person", { name: "c" });
      b.link(a, "mentor", c);
      b.link(a, "friend", c);
      b.link(c, "friend", a);
    });
    const offsets = buildEdges(m, model, new Set(model.objects.map((o) => o.id)), new Set()).map((e) => e.data!.offset);
    expect(new Set(offsets).size).toBe(3);
  });
});

describe("merging with structural sharing", () => {
  it("keeps every node but the edited one when the model document changes", () => {
    const doc = createModelDoc(shop, {}, { metamodel: mm });
    const reader = new ModelReader(doc);
    const before = reader.read();
    const layout = grid(before);
    const nodes = nodesOf(before, layout);
    const customer = obj("Entity", "Customer");
    new ModelEditor(doc, mm).setAttribute(customer, cls("Entity").attributes.find((a) => a.name === "tableName")!.id, "customers");
    const after = reader.read();
    const merged = mergeNodes(nodes, nodesOf(after, layout));
    const changed = merged.filter((n, i) => n !== nodes[i]).map((n) => n.id);
    expect(changed).toEqual([customer]);
    // Nothing changed: the very same array, so React Flow does nothing.
    expect(mergeNodes(merged, nodesOf(after, layout))).toBe(merged);
    reader.destroy();
  });

  it("keeps selection and measurements, and the position of a node being dragged here", () => {
    const layout = grid(shop);
    const nodes = nodesOf(shop, layout).map((n, i): ObjectNode => (i === 0 ? { ...n, selected: true, dragging: true, position: { x: 1, y: 2 }, measured: { width: 272, height: 100 } } : n));
    const next = nodesOf(shop, { ...layout, [nodes[0]!.id]: { x: 999, y: 999 } }, { readOnly: true });
    const merged = mergeNodes(nodes, next);
    expect(merged[0]).toMatchObject({ selected: true, position: { x: 1, y: 2 }, measured: { width: 272, height: 100 } });
    expect(merged[0]!.data.readOnly).toBe(true);
  });

  it("keeps an edge's selection when its data changes", () => {
    const all = new Set(shop.objects.map((o) => o.id));
    const edges = buildEdges(mm, shop, all, new Set()).map((e, i) => (i === 0 ? { ...e, selected: true } : e));
    expect(mergeEdges(edges, buildEdges(mm, shop, all, new Set()))).toBe(edges);
    const marked = buildEdges(mm, shop, all, new Set([`${edges[0]!.source}:${edges[0]!.data!.refId}`]));
    const merged = mergeEdges(edges, marked);
    expect(merged[0]).toMatchObject({ selected: true, data: { hasProblem: true } });
    expect(merged[1]).toBe(edges[1]);
  });
});

describe("linkOptions", () => {
  it("links a field to an enum type through enumType", () => {
    const check = linkOptions(mm, info, obj("Field", "email"), obj("EnumType", "order_status"));
    expect(check.ok && check.options.map((o) => o.ref.name)).toEqual(["enumType"]);
  });

  it("refuses a class no reference accepts, saying what is accepted", () => {
    const check = linkOptions(mm, info, obj("Field", "email"), obj("Schema", "shop"));
    expect(check).toEqual({ ok: false, reason: "Field can link only to EnumType (enumType), not to Schema." });
  });

  it("offers every fitting reference, replacing a single-valued one's current target", () => {
    const check = linkOptions(mm, info, obj("Relationship", "customer"), obj("Entity", "Product"));
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.options.map((o) => o.ref.name)).toEqual(["source", "target"]);
    expect(check.options[0]!.replaces).toBe(obj("Entity", "Customer"));
    expect(check.options[1]!.replaces).toBe(obj("Entity", "Order"));
  });

  it("does not link what is already linked", () => {
    const check = linkOptions(mm, info, obj("Schema", "shop"), obj("Entity", "Customer"));
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain("already contains “Customer” through entities");
  });

  it("moves an object into another container, saying where it was", () => {
    const field = shop.objects.find((o) => o.classId === cls("Field").id && info.containerOf.get(o.id)?.container === obj("Entity", "Customer"))!;
    const check = linkOptions(mm, info, obj("Entity", "Product"), field.id);
    expect(check.ok && check.options.map((o) => [o.ref.name, o.movesFrom])).toEqual([["fields", obj("Entity", "Customer")]]);
  });

  const tree = defineMetamodel("Tree", "", (b) => {
    b.class("Node", { abstract: true }).attr("name", "string").contains("children", "Node").ref("next", "Node", { mult: "0..2" });
    b.class("Leaf", { extends: ["Node"] });
    b.class("Branch", { extends: ["Node"] });
    b.class("Pointer").attr("name", "string").ref("to", "Node", { mult: "0..2" });
  });
  const forest = defineModel(tree, "Forest", (b) => {
    const root = b.object("Branch", { name: "root" });
    const mid = b.object("Branch", { name: "mid" }, { in: [root, "children"] });
    const leaf = b.object("Leaf", { name: "leaf" }, { in: [mid, "children"] });
    b.link(leaf, "next", root);
    b.link(leaf, "next", mid);
    const pointer = b.object("Pointer", { name: "pointer" });
    b.link(pointer, "to", root);
    b.link(pointer, "to", mid);
  });
  const forestInfo = modelInfo(tree, forest);
  const id = (label: string) => forest.objects.find((o) => forestInfo.label(o.id) === label)!.id;

  it("accepts subclasses of a reference's target (inheritance respected)", () => {
    const check = linkOptions(tree, forestInfo, id("root"), id("leaf"));
    expect(check.ok && check.options.map((o) => `${o.owner.name}.${o.ref.name}`)).toEqual(["Node.children", "Node.next"]);
  });

  it("refuses a containment that would make a cycle", () => {
    const check = linkOptions(tree, forestInfo, id("mid"), id("root"));
    expect(check.ok && check.options.map((o) => o.ref.name)).toEqual(["next"]);
    const self = linkOptions(tree, forestInfo, id("leaf"), id("leaf"));
    expect(self).toEqual({ ok: false, reason: "“leaf” contains Leaf “leaf”: an object cannot contain its own container." });
  });

  it("refuses a reference that is full", () => {
    expect(linkOptions(tree, forestInfo, id("pointer"), id("leaf"))).toEqual({ ok: false, reason: "to of Pointer “pointer” holds at most 2. Remove one of its links first." });
  });

  it("refuses objects of removed classes and missing objects", () => {
    const odd = { ...shop, objects: [...shop.objects, { id: "o_odd", classId: "c_gone", attributes: {}, references: {} }] };
    const oddInfo = modelInfo(mm, odd);
    expect(linkOptions(mm, oddInfo, "o_odd", obj("Entity", "Customer")).ok).toBe(false);
    expect(linkOptions(mm, oddInfo, obj("Field", "email"), "o_odd").ok).toBe(false);
    expect(linkOptions(mm, oddInfo, "o_nope", obj("Entity", "Customer"))).toEqual({ ok: false, reason: "That object no longer exists." });
  });
});

describe("newLinkTargets", () => {
  it("offers what an object may contain first, then what it may reference", () => {
    expect(newLinkTargets(mm, info, obj("Entity", "Customer")).map((t) => `${t.ref.name}:${t.cls.name}`)).toEqual(["fields:Field", "indexes:Index"]);
    expect(newLinkTargets(mm, info, obj("Field", "email")).map((t) => `${t.ref.name}:${t.cls.name}`)).toEqual(["enumType:EnumType"]);
  });
});

describe("placeNew", () => {
  const sizeOf = (o: ModelObject) => estimateSize(viewOf(mm, o.classId), o);
  const boxes = (model: Model, layout: Layout) =>
    model.objects.map((o) => ({ id: o.id, x: layout[o.id]!.x, y: layout[o.id]!.y, w: sizeOf(o).width, h: sizeOf(o).height }));
  const overlapping = (model: Model, layout: Layout) => {
    const all = boxes(model, layout);
    return all.flatMap((a) => all.filter((b) => a.id < b.id && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).map((b) => `${a.id}/${b.id}`));
  };

  it("puts a first child to the right of its container, the next ones below it", () => {
    const customer = obj("Entity", "Customer");
    const fields = shop.objects.filter((o) => info.containerOf.get(o.id)?.container === customer).map((o) => o.id);
    const layout = grid(shop);
    for (const f of fields) delete layout[f];
    const placed = placeNew(shop, info, layout, sizeOf);
    expect(Object.keys(placed).sort()).toEqual([...fields].sort());
    const first = placed[fields[0]!]!;
    expect(first.x).toBeGreaterThan(layout[customer]!.x + 272);
    for (let i = 1; i < fields.length; i++) expect(placed[fields[i]!]!.y).toBeGreaterThan(placed[fields[i - 1]!]!.y);
    expect(overlapping(shop, { ...layout, ...placed })).toEqual([]);
  });

  it("puts an uncontained newcomer to the right of everything, and is deterministic", () => {
    const schema = obj("Schema", "shop");
    const layout = grid(shop);
    delete layout[schema];
    const placed = placeNew(shop, info, layout, sizeOf);
    const right = Math.max(...shop.objects.filter((o) => o.id !== schema).map((o) => layout[o.id]!.x + 272));
    expect(placed[schema]!.x).toBeGreaterThan(right);
    expect(placeNew(shop, info, layout, sizeOf)).toEqual(placed);
  });

  it("places a whole model without overlaps", () => {
    const placed = placeNew(shop, info, {}, sizeOf);
    expect(Object.keys(placed)).toHaveLength(shop.objects.length);
    expect(overlapping(shop, placed)).toEqual([]);
  });
});

describe("freeSpot", () => {
  const size = { width: 272, height: 100 };
  it("keeps the spot when it is free, on the grid", () => {
    expect(freeSpot([], { x: 101, y: 49 }, size)).toEqual({ x: 96, y: 48 });
  });

  it("moves off the objects that are there, not far", () => {
    const taken = [{ x: 0, y: 0, width: 272, height: 200 }];
    const p = freeSpot(taken, { x: 0, y: 0 }, size);
    const clear = !(p.x < 272 + 12 && 0 < p.x + 272 + 12 && p.y < 200 + 12 && 0 < p.y + 100 + 12);
    expect(clear).toBe(true);
    expect(Math.hypot(p.x, p.y)).toBeLessThan(320);
  });
});

describe("node sizes", () => {
  const field = classViews(mm).get(cls("Field").id)!;
  const entity = classViews(mm).get(cls("Entity").id)!;
  const enumType = classViews(mm).get(cls("EnumType").id)!;

  it("shows filled and required values when not selected", () => {
    const email = shop.objects.find((o) => o.id === obj("Field", "email"))!;
    expect(filledRows(field, email).map((a) => a.name)).toEqual(["type", "unique"]);
    const bare = { ...email, attributes: {} };
    expect(filledRows(field, bare).map((a) => a.name)).toEqual(["type"]);
  });

  it("grows with wrapped text and chips, and is a header alone without rows", () => {
    const description = entity.rows.find((a) => a.name === "description")!;
    expect(rowHeight(description, "short")).toBe(26);
    expect(rowHeight(description, "Someone who buys from the shop.")).toBeGreaterThan(26);
    expect(rowHeight(description, "x".repeat(1000))).toBe(rowHeight(description, "x".repeat(2000)));
    const values = enumType.rows.find((a) => a.name === "values")!;
    expect(rowHeight(values, [])).toBe(32);
    expect(rowHeight(values, ["pending", "paid", "shipped", "cancelled"])).toBe(8 + 3 * 24);
    const schema = shop.objects.find((o) => o.id === obj("Schema", "shop"))!;
    expect(estimateSize(viewOf(mm, schema.classId), schema).height).toBeLessThan(estimateSize(viewOf(mm, schema.classId)).height);
  });
});
