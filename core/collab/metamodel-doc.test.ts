import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { defineMetamodel } from "../metamodel/builder";
import { metamodelSchema, type MetaModel } from "../metamodel/schema";
import { validate } from "../metamodel/validate";
import { createMetamodelDoc, createUndoManager, MetamodelEditor, readLayout, readMetamodel } from "./metamodel-doc";

/** SPEC.md section 4: the meta-model as a Yjs document. */

const shop = () =>
  defineMetamodel("Shop", "Customers and orders", (m) => {
    m.enum("Status", ["open", "paid"]);
    m.class("Named", { abstract: true }).attr("name", "string", { required: true });
    m.class("Customer", { extends: ["Named"] }).ref("orders", "Order", { mult: "0..*", opposite: "customer" });
    m.class("Order").attr("status", "enum:Status", { default: "open" }).ref("customer", "Customer", { mult: "1", opposite: "orders" }).contains("lines", "Line");
    m.class("Line").attr("quantity", "int", { default: 1 }).attr("note", "text");
  });

function sync(...docs: Y.Doc[]) {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

function fork(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe("round trips (4.1, 4.5)", () => {
  it("a meta-model written to a document reads back the same, positions included", () => {
    const mm = shop();
    const doc = createMetamodelDoc(mm, { c_order: { x: 1, y: 2 } });
    expect(readMetamodel(doc)).toEqual(mm);
    expect(readLayout(doc)).toEqual({ c_order: { x: 1, y: 2 } });
  });

  it("and survives encoding to an update and back", () => {
    const doc = createMetamodelDoc(shop());
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(readMetamodel(copy)).toEqual(shop());
  });

  it("an empty document reads as an empty, schema-valid meta-model", () => {
    const mm = readMetamodel(new Y.Doc());
    expect(metamodelSchema.parse(mm)).toEqual({ name: "Untitled", description: "", classes: [], enums: [] });
  });
});

describe("concurrent edits (4.2)", () => {
  it("edits to different features of one class merge", () => {
    const base = createMetamodelDoc(shop());
    const [a, b] = [fork(base), fork(base)];
    new MetamodelEditor(a).updateFeature("c_line", "a_line_quantity", { name: "qty" });
    new MetamodelEditor(b).updateFeature("c_line", "a_line_note", { type: "string", required: true });
    const added = new MetamodelEditor(b).addAttribute("c_line", { name: "price", type: "float" });
    sync(a, b);
    const line = readMetamodel(a).classes.find((c) => c.id === "c_line")!;
    expect(line.attributes.map((x) => [x.name, x.type, x.required])).toEqual([
      ["qty", "int", false],
      ["note", "string", true],
      ["price", "float", false],
    ]);
    expect(line.attributes[2]!.id).toBe(added);
    expect(readMetamodel(b)).toEqual(readMetamodel(a));
  });

  it("edits of one field converge on one value, the same everywhere", () => {
    const base = createMetamodelDoc(shop());
    const [a, b] = [fork(base), fork(base)];
    new MetamodelEditor(a).updateClass("c_order", { name: "Purchase" });
    new MetamodelEditor(b).updateClass("c_order", { name: "Sale" });
    sync(a, b);
    const name = readMetamodel(a).classes.find((c) => c.id === "c_order")!.name;
    expect(["Purchase", "Sale"]).toContain(name);
    expect(readMetamodel(b)).toEqual(readMetamodel(a));
  });
});

describe("deleting (4.3)", () => {
  it("removes references targeting the class, supertype links to it and opposites", () => {
    const doc = createMetamodelDoc(shop());
    new MetamodelEditor(doc).deleteNodes(["c_named", "c_order"]);
    const mm = readMetamodel(doc);
    expect(mm.classes.map((c) => c.name)).toEqual(["Customer", "Line"]);
    expect(mm.classes[0]!.supertypes).toEqual([]);
    expect(mm.classes[0]!.references).toEqual([]);
    expect(validate(mm)).toEqual([]);
  });

  it("deleting an enum turns attributes typed by it into strings", () => {
    const doc = createMetamodelDoc(shop());
    new MetamodelEditor(doc).deleteNodes(["e_status"]);
    const status = readMetamodel(doc).classes.find((c) => c.id === "c_order")!.attributes[0]!;
    expect(status).toMatchObject({ name: "status", type: "string" });
    expect(status.default).toBeUndefined();
    expect(validate(readMetamodel(doc))).toEqual([]);
  });
});

describe("feature order (4.4)", () => {
  it("concurrent insertions at one place both survive, in one order", () => {
    const base = createMetamodelDoc(shop());
    const [a, b] = [fork(base), fork(base)];
    const x = new MetamodelEditor(a).addAttribute("c_line", { name: "x" });
    const y = new MetamodelEditor(b).addAttribute("c_line", { name: "y" });
    sync(a, b);
    const names = (d: Y.Doc) => readMetamodel(d).classes.find((c) => c.id === "c_line")!.attributes.map((at) => at.name);
    expect(names(a)).toEqual(names(b));
    expect(names(a).slice(0, 2)).toEqual(["quantity", "note"]);
    expect(new Set(names(a).slice(2))).toEqual(new Set(["x", "y"]));
    expect([x, y]).toHaveLength(2);
  });

  it("moveFeature places a feature before another", () => {
    const doc = createMetamodelDoc(shop());
    new MetamodelEditor(doc).moveFeature("c_line", "a_line_note", "a_line_quantity");
    expect(readMetamodel(doc).classes.find((c) => c.id === "c_line")!.attributes.map((a) => a.name)).toEqual(["note", "quantity"]);
  });
});

describe("undo per user", () => {
  it("takes back only my own edits", () => {
    const base = createMetamodelDoc(shop());
    const [mine, theirs] = [fork(base), fork(base)];
    const me = new MetamodelEditor(mine, "me");
    const undo = createUndoManager(mine, "me");
    me.updateClass("c_order", { name: "Purchase" });
    undo.stopCapturing();
    new MetamodelEditor(theirs, "them").updateClass("c_line", { name: "Item" });
    sync(mine, theirs);
    undo.undo();
    const names = readMetamodel(mine).classes.map((c) => c.name);
    expect(names).toContain("Order");
    expect(names).toContain("Item");
    undo.redo();
    expect(readMetamodel(mine).classes.map((c) => c.name)).toContain("Purchase");
  });
});

describe("paste", () => {
  it("copies classes with fresh ids and names, remapping links inside the copy", () => {
    const doc = createMetamodelDoc(shop());
    const editor = new MetamodelEditor(doc);
    const mm = readMetamodel(doc);
    const order = mm.classes.find((c) => c.id === "c_order")!;
    const line = mm.classes.find((c) => c.id === "c_line")!;
    const ids = editor.paste({ classes: [order, line], enums: [], layout: { c_order: { x: 0, y: 0 } } }, { x: 40, y: 40 });
    const after = readMetamodel(doc);
    const copy = after.classes.find((c) => c.id === ids[0])!;
    expect(copy.name).toBe("Order2");
    expect(copy.references.find((r) => r.name === "lines")!.target).toBe(ids[1]);
    expect(copy.references.find((r) => r.name === "customer")!.target).toBe("c_customer");
    expect(copy.references.find((r) => r.name === "customer")!.opposite).toBeUndefined();
    expect(readLayout(doc)[ids[0]!]).toEqual({ x: 40, y: 40 });
    expect(validate(after).filter((p) => p.severity === "error")).toEqual([]);
  });
});

describe("convergence under random concurrent histories (property)", () => {
  type Op = { kind: number; a: number; b: number; text: string };
  const opArb: fc.Arbitrary<Op> = fc.record({
    kind: fc.integer({ min: 0, max: 10 }),
    a: fc.nat(),
    b: fc.nat(),
    text: fc.string({ maxLength: 8 }),
  });

  function apply(doc: Y.Doc, op: Op) {
    const ed = new MetamodelEditor(doc);
    const mm = ed.read();
    const pick = <T,>(xs: T[], n: number) => (xs.length ? xs[n % xs.length] : undefined);
    const cls = pick(mm.classes, op.a);
    const other = pick(mm.classes, op.b);
    switch (op.kind) {
      case 0:
        ed.addClass({ name: `C${op.text}`, position: { x: op.a % 500, y: op.b % 500 } });
        break;
      case 1:
        if (cls) ed.updateClass(cls.id, { name: op.text, abstract: op.b % 2 === 0 });
        break;
      case 2:
        if (cls) ed.addAttribute(cls.id, { name: `a${op.text}`, type: (["int", "string", "bool"] as const)[op.b % 3] });
        break;
      case 3: {
        const f = cls && pick(cls.attributes, op.b);
        if (cls && f) ed.updateFeature(cls.id, f.id, { name: op.text, required: op.a % 2 === 0 });
        break;
      }
      case 4:
        if (cls && other) ed.addReference(cls.id, { name: `r${op.text}`, target: other.id, containment: op.a % 3 === 0 });
        break;
      case 5:
        if (cls && other) ed.addSupertype(cls.id, other.id);
        break;
      case 6:
        if (cls) ed.deleteNodes([cls.id]);
        break;
      case 7: {
        const f = cls && pick([...cls.attributes, ...cls.references], op.b);
        if (cls && f) ed.deleteFeature(cls.id, f.id);
        break;
      }
      case 8:
        ed.addEnum({ name: `E${op.text}`, literals: ["a", op.text] });
        break;
      case 9:
        if (cls) ed.setPositions({ [cls.id]: { x: op.a % 1000, y: op.b % 1000 } });
        break;
      case 10: {
        const f = cls && pick(cls.attributes, op.a);
        if (cls && f) ed.moveFeature(cls.id, f.id, null);
        break;
      }
    }
  }

  it("replicas that saw the same updates read the same, schema-valid meta-model", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), opArb, fc.boolean()), { minLength: 1, maxLength: 40 }),
        (script) => {
          const base = createMetamodelDoc(shop());
          const replicas = [fork(base), fork(base), fork(base)];
          for (const [who, op, syncNow] of script) {
            apply(replicas[who]!, op);
            if (syncNow) sync(replicas[who]!, replicas[(who + 1) % 3]!);
          }
          sync(...replicas);
          sync(...replicas);
          const reads = replicas.map((r) => readMetamodel(r));
          expect(reads[1]).toEqual(reads[0]);
          expect(reads[2]).toEqual(reads[0]);
          expect(readLayout(replicas[1]!)).toEqual(readLayout(replicas[0]!));
          const parsed: MetaModel = metamodelSchema.parse(reads[0]);
          expect(parsed).toEqual(reads[0]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
