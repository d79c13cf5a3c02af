import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { defineMetamodel } from "../metamodel/builder";
import type { MetaModel } from "../metamodel/schema";
import { STARTERS, starterByKey } from "../metamodel/starters";
import { defineModel } from "./builder";
import { checkModel } from "./conformance";
import { toModelDocument } from "./document";
import { metamodelToJsonSchema, type JsonSchema } from "./json-schema";
import type { Model } from "./schema";

/** One describe per SPEC rule (core/model/SPEC.md, section 4). */

const er = () => starterByKey("entity-relational")!.build();

function shop(mm: MetaModel): Model {
  return defineModel(mm, "Shop", (m) => {
    const schema = m.object("Schema", { name: "shop" });
    const customer = m.object("Entity", { name: "Customer", tableName: "customers" }, { in: [schema, "entities"] });
    const email = m.object("Field", { name: "email", type: "string", length: 254 }, { in: [customer, "fields"] });
    const byEmail = m.object("Index", { name: "customer_email", unique: true }, { in: [customer, "indexes"] });
    m.link(byEmail, "fields", email);
    const order = m.object("Entity", { name: "Order" }, { in: [schema, "entities"] });
    m.object("Field", { name: "total", type: "decimal" }, { in: [order, "fields"] });
    const product = m.object("Entity", { name: "Product", auditable: false }, { in: [schema, "entities"] });
    m.object("Field", { name: "sku", type: "string" }, { in: [product, "fields"] });
    m.object("EnumType", { name: "order_status", values: ["open", "paid"] }, { in: [schema, "enumTypes"] });
    const places = m.object("Relationship", { name: "places", cardinality: "oneToMany" }, { in: [schema, "relationships"] });
    m.link(places, "source", customer).link(places, "target", order);
  });
}

/** A strict Ajv that fails on any warning, so the schemas stay clean for every user's tooling. */
function strictAjv() {
  const fail = (...args: unknown[]) => {
    throw new Error(args.map(String).join(" "));
  };
  const ajv = new Ajv2020({ strict: true, allErrors: true, logger: { log: () => {}, warn: fail, error: fail } });
  addFormats(ajv);
  return ajv;
}

const defs = (schema: JsonSchema) => schema.$defs as Record<string, JsonSchema>;

describe("MO-18 schema document", () => {
  it("is a 2020-12 schema with an $id, a title and the top-level keys", () => {
    const schema = metamodelToJsonSchema(er());
    expect(schema).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "urn:metaforge:model:data-model:v1",
      title: "Data model model",
      description: expect.stringMatching(/^Entities with typed fields/),
      type: "object",
      required: ["format", "version", "name", "objects"],
      additionalProperties: false,
    });
    expect(Object.keys(schema.properties as object)).toEqual(["$schema", "format", "version", "name", "description", "objects"]);
    expect(Object.keys(schema)).toEqual(["$schema", "$id", "title", "description", "type", "required", "properties", "additionalProperties", "$defs"]);
  });
  it("takes another $id", () => {
    expect(metamodelToJsonSchema(er(), { id: "https://example.com/shop.schema.json" }).$id).toBe("https://example.com/shop.schema.json");
  });
  it.each(STARTERS.map((s) => [s.key, s] as const))("the %s starter compiles in strict mode", (_, starter) => {
    expect(() => strictAjv().compile(metamodelToJsonSchema(starter.build()))).not.toThrow();
  });
});

describe("MO-19 one definition per class", () => {
  const all = () =>
    defineMetamodel("All", "", (m) => {
      m.enum("Color", ["red", "green"]);
      m.class("Named", { abstract: true, description: "Has a name." }).attr("name", "string", { required: true, description: "What people call it." });
      m.class("Thing", { extends: ["Named"] })
        .attr("note", "text")
        .attr("count", "int", { default: 1 })
        .attr("weight", "float")
        .attr("done", "bool")
        .attr("day", "date")
        .attr("at", "datetime")
        .attr("key", "uuid")
        .attr("data", "json")
        .attr("color", "enum:Color", { default: "red" })
        .attr("tags", "string", { many: true })
        .attr("shades", "enum:Color", { many: true, required: true });
    });
  it("maps every attribute type, own features first, then inherited", () => {
    expect(defs(metamodelToJsonSchema(all())).Thing).toEqual({
      type: "object",
      required: ["id", "class", "shades", "name"],
      properties: {
        id: { $ref: "#/$defs/object-id" },
        class: { const: "Thing" },
        note: { type: "string" },
        count: { type: "integer", default: 1 },
        weight: { type: "number" },
        done: { type: "boolean" },
        day: { type: "string", format: "date" },
        at: { type: "string", format: "date-time" },
        key: { type: "string", format: "uuid" },
        data: {},
        color: { enum: ["red", "green"], default: "red" },
        tags: { type: "array", items: { type: "string" }, uniqueItems: false },
        shades: { type: "array", items: { enum: ["red", "green"] }, uniqueItems: false, minItems: 1 },
        name: { description: "What people call it.", type: "string" },
      },
      additionalProperties: false,
    });
  });
  it("defines abstract classes too, saying so", () => {
    expect(defs(metamodelToJsonSchema(all())).Named).toMatchObject({ description: "Has a name. Abstract: objects are of its subclasses." });
  });
  it("has one entry per class, plus object-id", () => {
    const mm = er();
    expect(Object.keys(defs(metamodelToJsonSchema(mm)))).toEqual(["object-id", ...mm.classes.map((c) => c.name)]);
  });
  it("writes features named id or class as @id and @class", () => {
    const mm = defineMetamodel("R", "", (m) => {
      m.class("Thing").attr("id", "int", { required: true }).attr("class", "string");
    });
    const thing = defs(metamodelToJsonSchema(mm)).Thing!;
    expect(thing.required).toEqual(["id", "class", "@id"]);
    expect(Object.keys(thing.properties as object)).toEqual(["id", "class", "@id", "@class"]);
  });
  it("a meta-model without classes compiles to a schema that takes only empty models", () => {
    const validate = strictAjv().compile(metamodelToJsonSchema({ name: "Empty", description: "", classes: [], enums: [] }));
    expect(validate({ format: "metaforge.model", version: 1, name: "E", objects: [] })).toBe(true);
    expect(validate({ format: "metaforge.model", version: 1, name: "E", objects: [{ id: "o_1", class: "A" }] })).toBe(false);
  });
  it("a meta-model with errors still compiles, so models can be checked while it is edited", () => {
    const mm = defineMetamodel("Broken", "", (m) => {
      m.enum("Color", ["red", "red"]);
      m.class("A").attr("x", "string", { required: true }).attr("x", "int", { required: true }).attr("c", "enum:Color").attr("gone", "enum:Nothing");
      m.class("B", { extends: ["C"] }).ref("odd", "A", { mult: "3..2" });
      m.class("C", { extends: ["B"] });
      m.class("A");
    });
    mm.classes[1]!.references[0]!.upper = -5;
    const schema = metamodelToJsonSchema(mm);
    expect(() => strictAjv().compile(schema)).not.toThrow();
    expect(() => checkModel(mm, { name: "M", description: "", objects: [{ id: "o_1", classId: "c_b", attributes: {}, references: {} }] })).not.toThrow();
  });
  it("an enum without literals matches nothing, yet compiles", () => {
    const mm = defineMetamodel("E", "", (m) => {
      m.enum("Empty", []);
      m.class("Thing").attr("kind", "enum:Empty");
    });
    const schema = metamodelToJsonSchema(mm);
    expect((defs(schema).Thing!.properties as Record<string, JsonSchema>).kind).toEqual({ description: "Empty has no literals, so no value fits.", not: {} });
    expect(() => strictAjv().compile(schema)).not.toThrow();
  });
});

describe("MO-20 references", () => {
  it("maps each multiplicity", () => {
    const mm = defineMetamodel("Refs", "", (m) => {
      m.class("A")
        .ref("optional", "B", { description: "Maybe one." })
        .ref("one", "B", { mult: "1" })
        .ref("any", "B", { mult: "0..*" })
        .ref("some", "B", { mult: "1..*" })
        .ref("few", "B", { mult: "2..5" })
        .contains("parts", "B");
      m.class("B");
    });
    const a = defs(metamodelToJsonSchema(mm)).A!;
    expect(a.required).toEqual(["id", "class", "one", "some", "few"]);
    expect(a.properties).toMatchObject({
      optional: { description: "Maybe one. The B it refers to, by id (0..1).", $ref: "#/$defs/object-id" },
      one: { description: "The B it refers to, by id (1).", $ref: "#/$defs/object-id" },
      any: { description: "The B objects it refers to, by id (0..*).", type: "array", items: { $ref: "#/$defs/object-id" } },
      some: { type: "array", items: { $ref: "#/$defs/object-id" }, minItems: 1 },
      few: { type: "array", items: { $ref: "#/$defs/object-id" }, minItems: 2, maxItems: 5 },
      parts: { description: "The B objects it contains, by id (0..*).", type: "array", items: { $ref: "#/$defs/object-id" } },
    });
    expect(a.properties).not.toHaveProperty("any.minItems");
    expect(a.properties).not.toHaveProperty("any.maxItems");
  });
});

describe("MO-21 dispatch on class", () => {
  const wf = () => starterByKey("workflow")!.build();
  it("allows concrete class names only, and applies the matching definition", () => {
    const items = (metamodelToJsonSchema(wf()).properties as Record<string, JsonSchema>).objects!.items as JsonSchema;
    const names = (items.properties as Record<string, JsonSchema>).class!.enum as string[];
    expect(names).not.toContain("FlowNode");
    expect(names).toContain("Task");
    expect((items.allOf as JsonSchema[])[0]).toEqual({
      if: { properties: { class: { const: "Process" } }, required: ["class"] },
      then: { $ref: "#/$defs/Process" },
    });
  });
  it("reports only the errors of the object's own class", () => {
    const validate = strictAjv().compile(metamodelToJsonSchema(er()));
    const doc = { format: "metaforge.model", version: 1, name: "X", description: "", objects: [{ id: "o_1", class: "Field", name: 3 }] };
    expect(validate(doc)).toBe(false);
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== "if");
    // Field's two errors, and none from the other five classes the object is not.
    expect(errors.map((e) => [e.instancePath, e.keyword, e.message])).toEqual([
      ["/objects/0", "required", "must have required property 'type'"],
      ["/objects/0/name", "type", "must be string"],
    ]);
  });
  it("refuses an object of an abstract class by its class alone", () => {
    const validate = strictAjv().compile(metamodelToJsonSchema(wf()));
    const doc = { format: "metaforge.model", version: 1, name: "X", description: "", objects: [{ id: "o_1", class: "FlowNode", name: "n" }] };
    expect(validate(doc)).toBe(false);
    expect(validate.errors!.map((e) => [e.instancePath, e.keyword])).toEqual([["/objects/0/class", "enum"]]);
  });
});

describe("MO-22 schema and conformance agree", () => {
  it("Ajv accepts the document of a conforming shop", () => {
    const mm = er();
    const model = shop(mm);
    expect(checkModel(mm, model)).toEqual([]);
    const validate = strictAjv().compile(metamodelToJsonSchema(mm));
    expect(validate(toModelDocument(mm, model)), JSON.stringify(validate.errors)).toBe(true);
  });
  it("the exported document, with $schema, still validates", () => {
    const mm = er();
    const validate = strictAjv().compile(metamodelToJsonSchema(mm));
    expect(validate({ $schema: "./data-model.schema.json", ...toModelDocument(mm, shop(mm)) })).toBe(true);
  });
  it("Ajv refuses a broken one, where checkModel reports the same", () => {
    const mm = er();
    const model = shop(mm);
    const email = model.objects.find((o) => o.attributes.a_field_name === "email")!;
    email.attributes.a_field_length = "long";
    delete model.objects[0]!.attributes.a_schema_name;
    const validate = strictAjv().compile(metamodelToJsonSchema(mm));
    expect(validate(toModelDocument(mm, model))).toBe(false);
    expect(validate.errors!.filter((e) => e.keyword !== "if").map((e) => [e.instancePath, e.keyword])).toEqual([
      ["/objects/0", "required"],
      ["/objects/2/length", "type"],
    ]);
    expect(checkModel(mm, model).map((p) => [p.code, p.objectId, p.featureId])).toEqual([
      ["invalid-value", email.id, "a_field_length"],
      ["missing-value", "o_1", "a_schema_name"],
    ]);
  });
  it("the schema cannot see what needs the whole model: a dangling target passes it", () => {
    const mm = er();
    const model = shop(mm);
    model.objects.find((o) => o.classId === "c_relationship")!.references.r_relationship_target = ["o_999"];
    expect(strictAjv().compile(metamodelToJsonSchema(mm))(toModelDocument(mm, model))).toBe(true);
    expect(checkModel(mm, model).map((p) => p.code)).toEqual(["dangling-target"]);
  });
});
