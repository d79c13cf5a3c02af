import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defineMetamodel } from "../metamodel/builder";
import type { MetaModel } from "../metamodel/schema";
import { starterByKey } from "../metamodel/starters";
import { defineModel } from "./builder";
import { checkModel } from "./conformance";
import { documentFeatures, enumLiterals, fromModelDocument, toModelDocument, type ModelDocument } from "./document";
import type { JsonValue, Model, ModelObject } from "./schema";

/** One describe per SPEC rule (core/model/SPEC.md, section 3). */

const er = () => starterByKey("entity-relational")!.build();
const wf = () => starterByKey("workflow")!.build();

/** The example of SPEC.md section 3, built in code. */
function example(mm: MetaModel): Model {
  return defineModel(mm, "Shop", (m) => {
    const schema = m.object("Schema", { name: "shop" });
    const customer = m.object("Entity", { name: "Customer" }, { in: [schema, "entities"] });
    m.object("Field", { name: "email", type: "string" }, { in: [customer, "fields"] });
    const order = m.object("Entity", { name: "Order" }, { in: [schema, "entities"] });
    m.object("Field", { name: "total", type: "decimal" }, { in: [order, "fields"] });
    const places = m.object("Relationship", { name: "places", cardinality: "oneToMany" }, { in: [schema, "relationships"] });
    m.link(places, "source", customer).link(places, "target", order);
  });
}

const EXAMPLE: ModelDocument = {
  format: "metaforge.model",
  version: 1,
  name: "Shop",
  description: "",
  objects: [
    { id: "o_1", class: "Schema", name: "shop", entities: ["o_2", "o_4"], relationships: ["o_6"] },
    { id: "o_2", class: "Entity", name: "Customer", fields: ["o_3"] },
    { id: "o_3", class: "Field", name: "email", type: "string" },
    { id: "o_4", class: "Entity", name: "Order", fields: ["o_5"] },
    { id: "o_5", class: "Field", name: "total", type: "decimal" },
    { id: "o_6", class: "Relationship", name: "places", cardinality: "oneToMany", source: "o_2", target: "o_4" },
  ],
};

function approval(mm: MetaModel): Model {
  return defineModel(mm, "Approval", (m) => {
    const process = m.object("Process", { name: "approval", version: 1 });
    const sales = m.object("Lane", { name: "Sales" }, { in: [process, "lanes"] });
    const start = m.object("StartEvent", { name: "requested" }, { in: [process, "nodes"] });
    const approve = m.object("Task", { name: "approve", kind: "user", assignee: "sam" }, { in: [process, "nodes"] });
    m.link(approve, "lane", sales);
    const flow = m.object("SequenceFlow", {}, { in: [process, "flows"] });
    m.link(flow, "source", start).link(flow, "target", approve);
  });
}

const reserved = () =>
  defineMetamodel("Reserved", "", (m) => {
    m.class("Thing").attr("id", "int").attr("class", "string").attr("label", "string");
  });

function expectError(result: ReturnType<typeof fromModelDocument>): string {
  expect(result.ok).toBe(false);
  return result.ok ? "" : result.error;
}

describe("MO-14 document shape", () => {
  it("writes the SPEC example", () => {
    const mm = er();
    expect(toModelDocument(mm, example(mm))).toEqual(EXAMPLE);
  });
  it("the SPEC example reads back as a conforming model", () => {
    const mm = er();
    const read = fromModelDocument(mm, EXAMPLE);
    expect(read).toEqual({ ok: true, model: example(mm) });
    expect(checkModel(mm, example(mm))).toEqual([]);
  });
  it("writes enum values as literal names and lists as lists", () => {
    const mm = er();
    const model = defineModel(mm, "M", (m) => {
      m.object("EnumType", { name: "status", values: ["open", "paid"] });
      m.object("Field", { name: "id", type: "uuid" });
    });
    expect(model.objects[1]!.attributes.a_field_type).toBe("l_field_type_uuid");
    expect(toModelDocument(mm, model).objects).toEqual([
      { id: "o_1", class: "EnumType", name: "status", values: ["open", "paid"] },
      { id: "o_2", class: "Field", name: "id", type: "uuid" },
    ]);
  });
  it("writes features named id or class as @id and @class", () => {
    const mm = reserved();
    const model = defineModel(mm, "R", (m) => {
      m.object("Thing", { id: 7, class: "A", label: "seven" });
    });
    const doc = toModelDocument(mm, model);
    expect(doc.objects[0]).toEqual({ id: "o_1", class: "Thing", "@id": 7, "@class": "A", label: "seven" });
    expect(fromModelDocument(mm, doc)).toEqual({ ok: true, model });
  });
});

describe("MO-15 deterministic export", () => {
  it("writes id, class, then own features, then inherited ones, each in class order", () => {
    const mm = wf();
    const doc = toModelDocument(mm, approval(mm));
    const task = doc.objects.find((o) => o.class === "Task")!;
    expect(Object.keys(task)).toEqual(["id", "class", "kind", "assignee", "name", "lane"]);
    const order = documentFeatures(mm, "c_task").map((f) => f.key);
    expect(order.slice(0, 6)).toEqual(["kind", "assignee", "implementation", "timeoutMinutes", "reads", "writes"]);
    expect(order.slice(6)).toEqual(["name", "documentation", "lane"]);
  });
  it("the same model always gives the same text", () => {
    const mm = er();
    const shuffled = example(mm);
    for (const o of shuffled.objects) o.attributes = Object.fromEntries(Object.entries(o.attributes).reverse());
    expect(JSON.stringify(toModelDocument(mm, shuffled))).toBe(JSON.stringify(toModelDocument(mm, example(mm))));
  });
  it("leaves out unset features and references without targets", () => {
    const mm = er();
    const model = example(mm);
    model.objects[0]!.references.r_schema_enum_types = [];
    expect(Object.keys(toModelDocument(mm, model).objects[0]!)).toEqual(["id", "class", "name", "entities", "relationships"]);
  });
  it("leaves out values the meta-model can no longer express, which checkModel reports", () => {
    const mm = er();
    const model = example(mm);
    const schema = mm.classes.find((c) => c.name === "Schema")!;
    schema.attributes = schema.attributes.filter((a) => a.name !== "name");
    const cardinality = mm.enums.find((e) => e.name === "Cardinality")!;
    cardinality.literals = cardinality.literals.filter((l) => l.name !== "oneToMany");
    const doc = toModelDocument(mm, model);
    expect(doc.objects[0]).toEqual({ id: "o_1", class: "Schema", entities: ["o_2", "o_4"], relationships: ["o_6"] });
    expect(doc.objects[5]).not.toHaveProperty("cardinality");
    expect(model.objects[0]!.attributes.a_schema_name).toBe("shop");
    expect(checkModel(mm, model).map((p) => p.code)).toEqual(["orphaned-value", "unknown-literal"]);
  });
  it("writes an object of a removed class with its class id", () => {
    const mm = er();
    const model = example(mm);
    model.objects[2]!.classId = "c_gone";
    expect(toModelDocument(mm, model).objects[2]).toEqual({ id: "o_3", class: "c_gone" });
  });
  it("writes a single-valued reference holding several targets as a list, so nothing is lost", () => {
    const mm = er();
    const model = example(mm);
    model.objects[5]!.references.r_relationship_source = ["o_2", "o_4"];
    expect(toModelDocument(mm, model).objects[5]!.source).toEqual(["o_2", "o_4"]);
  });
});

describe("MO-16 import refuses what cannot be stored", () => {
  const mm = er();
  const withObject = (object: Record<string, JsonValue>) => ({ ...EXAMPLE, objects: [object] });
  it.each([
    [{ ...EXAMPLE, format: "metaforge.metamodel" }, 'Not a Metaforge model document: format: must be "metaforge.model"'],
    [{ ...EXAMPLE, version: 2 }, "Not a Metaforge model document: version: must be 1"],
    [{ ...EXAMPLE, name: " " }, "Not a Metaforge model document: name: A model needs a name."],
    [{ ...EXAMPLE, extra: 1 }, "Not a Metaforge model document: the document: Unrecognized key"],
    [withObject({ class: "Entity" }), "Not a Metaforge model document: objects[0].id:"],
    [withObject({ id: "o 1", class: "Entity" }), "Not a Metaforge model document: objects[0].id: Ids use letters, digits, _ and - only."],
    [withObject({ id: "o_1", class: "Table" }), 'Not a Metaforge model document: objects[0].class: Data model has no class named "Table".'],
    [
      withObject({ id: "o_1", class: "Entity", title: "X" }),
      'Not a Metaforge model document: objects[0].title: Entity has no attribute or reference named "title" (it has: name, tableName, description, auditable, fields, indexes).',
    ],
    [
      withObject({ id: "o_1", class: "Relationship", onDelete: "drop" }),
      'Not a Metaforge model document: objects[0].onDelete: "drop" is not a literal of OnDelete (cascade, restrict, setNull, noAction).',
    ],
    [withObject({ id: "o_1", class: "Field", enumType: 5 }), "Not a Metaforge model document: objects[0].enumType: must be an object id, or a list of object ids."],
    [withObject({ id: "o_1", class: "Entity", fields: ["o_2", ""] }), "Not a Metaforge model document: objects[0].fields[1]: must be an object id, or a list of object ids."],
  ])("refuses %j", (doc, error) => {
    expect(expectError(fromModelDocument(mm, doc))).toContain(error);
  });
  it("refuses what is not an object", () => {
    expect(expectError(fromModelDocument(mm, "text"))).toMatch(/^Not a Metaforge model document: /);
    expect(expectError(fromModelDocument(mm, null))).toMatch(/^Not a Metaforge model document: /);
  });
  it("accepts a $schema key, and one id or a list for any reference", () => {
    const read = fromModelDocument(mm, {
      ...EXAMPLE,
      $schema: "./shop.schema.json",
      objects: [{ id: "o_2", class: "Entity", name: "Customer", fields: "o_3" }, { id: "o_3", class: "Field", name: "email", type: "string" }],
    });
    expect(read.ok && read.model.objects[0]!.references).toEqual({ r_entity_fields: ["o_3"] });
  });
  it("accepts values that break conformance rules, for checkModel to list", () => {
    const read = fromModelDocument(mm, withObject({ id: "o_1", class: "Field", name: 3, length: "long", type: 4 }));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.model.objects[0]!.attributes).toEqual({ a_field_name: 3, a_field_length: "long", a_field_type: 4 });
    expect(checkModel(mm, read.model).map((p) => p.code)).toEqual(["invalid-value", "invalid-value", "invalid-value"]);
  });
});

describe("MO-17 round trip", () => {
  it.each([
    ["the SPEC example", er, example],
    ["a process with inherited features", wf, approval],
  ] as const)("%s", (_, build, model) => {
    const mm = build();
    const original = model(mm);
    expect(fromModelDocument(mm, toModelDocument(mm, original))).toEqual({ ok: true, model: original });
  });
  it("survives JSON text", () => {
    const mm = er();
    const text = JSON.stringify(toModelDocument(mm, example(mm)), null, 2);
    expect(fromModelDocument(mm, JSON.parse(text))).toEqual({ ok: true, model: example(mm) });
  });
  it("after renames, the document uses the new names and reads back the same", () => {
    const mm = er();
    const model = example(mm);
    mm.classes.find((c) => c.name === "Entity")!.name = "Table";
    mm.enums.find((e) => e.name === "FieldType")!.literals.find((l) => l.name === "decimal")!.name = "numeric";
    const doc = toModelDocument(mm, model);
    expect(doc.objects[3]).toMatchObject({ class: "Table", name: "Order" });
    expect(doc.objects[4]).toMatchObject({ type: "numeric" });
    expect(fromModelDocument(mm, doc)).toEqual({ ok: true, model });
  });

  it("holds for any model of expressible values (property)", () => {
    const mm = er();
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
    const attributeValue = (f: ReturnType<typeof documentFeatures>[number]): fc.Arbitrary<JsonValue> => {
      if (f.kind !== "attribute" || f.feature.type !== "enum") return fc.jsonValue() as fc.Arbitrary<JsonValue>;
      const literal = fc.constantFrom(...enumLiterals(mm, f.feature.enumId)!.nameById.keys());
      return f.feature.many ? fc.array(literal) : literal;
    };
    const object: fc.Arbitrary<ModelObject> = fc.constantFrom(...mm.classes.filter((c) => !c.abstract)).chain((cls) => {
      const features = documentFeatures(mm, cls.id);
      const attributes = Object.fromEntries(features.filter((f) => f.kind === "attribute").map((f) => [f.feature.id, attributeValue(f)]));
      const references = Object.fromEntries(features.filter((f) => f.kind === "reference").map((f) => [f.feature.id, fc.array(id, { minLength: 1, maxLength: 3 })]));
      return fc.record({
        id,
        classId: fc.constant(cls.id),
        attributes: fc.record(attributes, { requiredKeys: [] }),
        references: fc.record(references, { requiredKeys: [] }),
      }) as fc.Arbitrary<ModelObject>;
    });
    const model = fc.record({
      name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== ""),
      description: fc.string(),
      objects: fc.array(object, { maxLength: 6 }),
    });
    fc.assert(
      fc.property(model, (m) => {
        expect(fromModelDocument(mm, toModelDocument(mm, m))).toEqual({ ok: true, model: m });
      }),
    );
  });
});
