import { describe, expect, it } from "vitest";
import { defineMetamodel } from "../metamodel/builder";
import type { MetaModel } from "../metamodel/schema";
import { starterByKey } from "../metamodel/starters";
import { defineModel } from "./builder";
import { checkModel, describeObject, type ModelProblem, type ModelProblemCode } from "./conformance";
import type { Model, ModelObject } from "./schema";

/** One describe per SPEC rule (core/model/SPEC.md, sections 1 and 2). */

const er = () => starterByKey("entity-relational")!.build();

/** A small shop on the entity-relational starter, with no problems. */
function shop(mm: MetaModel = er()): Model {
  return defineModel(mm, "Shop", (m) => {
    const schema = m.object("Schema", { name: "shop", namespace: "public" });
    const customer = m.object("Entity", { name: "Customer", tableName: "customers" }, { in: [schema, "entities"] });
    m.object("Field", { name: "id", type: "uuid", primaryKey: true }, { in: [customer, "fields"] });
    const email = m.object("Field", { name: "email", type: "string", unique: true, length: 254 }, { in: [customer, "fields"] });
    const byEmail = m.object("Index", { name: "customer_email", unique: true }, { in: [customer, "indexes"] });
    m.link(byEmail, "fields", email);
    const order = m.object("Entity", { name: "Order", description: "A placed order." }, { in: [schema, "entities"] });
    m.object("Field", { name: "id", type: "uuid", primaryKey: true }, { in: [order, "fields"] });
    m.object("Field", { name: "total", type: "decimal" }, { in: [order, "fields"] });
    const status = m.object("Field", { name: "status", type: "enumerated" }, { in: [order, "fields"] });
    const product = m.object("Entity", { name: "Product", auditable: false }, { in: [schema, "entities"] });
    m.object("Field", { name: "sku", type: "string", nullable: false }, { in: [product, "fields"] });
    const statuses = m.object("EnumType", { name: "order_status", values: ["open", "paid", "shipped"] }, { in: [schema, "enumTypes"] });
    m.link(status, "enumType", statuses);
    const places = m.object("Relationship", { name: "places", cardinality: "oneToMany", onDelete: "cascade" }, { in: [schema, "relationships"] });
    m.link(places, "source", customer).link(places, "target", order);
  });
}

/** The object of class `className` whose `name` is `name`. */
function find(model: Model, className: string, name: string): ModelObject {
  const classId = `c_${className.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase()}`;
  const found = model.objects.find((o) => o.classId === classId && Object.values(o.attributes).includes(name));
  if (!found) throw new Error(`no ${className} ${name}`);
  return found;
}

function only(mm: MetaModel, model: Model, code: ModelProblemCode): ModelProblem {
  const problems = checkModel(mm, model);
  expect(problems.map((p) => p.code)).toEqual([code]);
  return problems[0]!;
}

const wf = () => starterByKey("workflow")!.build();

/** A small process on the workflow starter (FlowNode is abstract), with no problems. */
function approval(mm: MetaModel = wf()): Model {
  return defineModel(mm, "Approval", (m) => {
    const process = m.object("Process", { name: "approval", version: 1 });
    const sales = m.object("Lane", { name: "Sales" }, { in: [process, "lanes"] });
    const start = m.object("StartEvent", { name: "requested" }, { in: [process, "nodes"] });
    const approve = m.object("Task", { name: "approve", kind: "user" }, { in: [process, "nodes"] });
    const done = m.object("EndEvent", { name: "done" }, { in: [process, "nodes"] });
    m.link(approve, "lane", sales);
    const f1 = m.object("SequenceFlow", {}, { in: [process, "flows"] });
    const f2 = m.object("SequenceFlow", {}, { in: [process, "flows"] });
    m.link(f1, "source", start).link(f1, "target", approve).link(f2, "source", approve).link(f2, "target", done);
  });
}

describe("a conforming model", () => {
  it("the shop has no problems", () => {
    const mm = er();
    expect(checkModel(mm, shop(mm))).toEqual([]);
  });
  it("the approval process has no problems", () => {
    const mm = wf();
    expect(checkModel(mm, approval(mm))).toEqual([]);
  });
  it("an empty model has no problems", () => {
    expect(checkModel(er(), { name: "Empty", description: "", objects: [] })).toEqual([]);
  });
});

describe("MO-1 unique object ids", () => {
  it("reports the second object with an id", () => {
    const mm = er();
    const model = shop(mm);
    const sku = find(model, "Field", "sku");
    const copy = structuredClone(sku);
    model.objects.push(copy);
    const p = only(mm, model, "duplicate-id");
    expect(p).toMatchObject({ rule: "MO-1", severity: "error", objectId: sku.id });
    expect(p.message).toBe(`Two objects have the id ${sku.id}: Field “sku” and Field “sku”.`);
  });
});

describe("MO-2 everything by id", () => {
  it("renaming a class, an attribute, a reference and a literal leaves the model conforming", () => {
    const mm = er();
    const model = shop(mm);
    const entity = mm.classes.find((c) => c.name === "Entity")!;
    entity.name = "Table";
    entity.attributes.find((a) => a.name === "name")!.name = "title";
    entity.references.find((r) => r.name === "fields")!.name = "columns";
    mm.enums.find((e) => e.name === "FieldType")!.literals.find((l) => l.name === "uuid")!.name = "guid";
    expect(checkModel(mm, model)).toEqual([]);
    expect(describeObject(mm, find(model, "Entity", "Customer"))).toBe("Table “Customer”");
  });
});

describe("MO-3 one container, no cycles", () => {
  it("refuses an object in two containers", () => {
    const mm = er();
    const model = shop(mm);
    const email = find(model, "Field", "email");
    find(model, "Entity", "Product").references.r_entity_fields!.push(email.id);
    const p = only(mm, model, "multiple-containers");
    expect(p).toMatchObject({ rule: "MO-3", objectId: email.id });
    expect(p.message).toBe("Field “email” is contained in fields of Entity “Customer” and fields of Entity “Product”; an object lives in one container only.");
    expect(p.fix).toBe("Remove it from fields of Entity “Product”.");
  });
  it("refuses an object listed twice by one container", () => {
    const mm = er();
    const model = shop(mm);
    const sku = find(model, "Field", "sku");
    find(model, "Entity", "Product").references.r_entity_fields!.push(sku.id);
    expect(only(mm, model, "multiple-containers").objectId).toBe(sku.id);
  });

  const files = () =>
    defineMetamodel("Files", "", (m) => {
      m.class("Folder").attr("name", "string", { required: true }).contains("folders", "Folder");
    });
  it("refuses an object inside itself through another", () => {
    const mm = files();
    const model = defineModel(mm, "Loop", (m) => {
      const a = m.object("Folder", { name: "a" });
      const b = m.object("Folder", { name: "b" }, { in: [a, "folders"] });
      m.link(b, "folders", a);
    });
    const p = only(mm, model, "containment-cycle");
    expect(p).toMatchObject({ objectId: "o_1", severity: "error" });
    expect(p.message).toBe("Folder “a” is inside itself: Folder “a” → Folder “b” → Folder “a”.");
    expect(p.fix).toBe("Remove Folder “a” from folders of Folder “b”.");
  });
  it("refuses an object that contains itself", () => {
    const mm = files();
    const model = defineModel(mm, "Self", (m) => {
      const a = m.object("Folder", { name: "a" });
      m.link(a, "folders", a);
    });
    expect(only(mm, model, "containment-cycle").message).toBe("Folder “a” is inside itself: Folder “a” → Folder “a”.");
  });
  it("reports only the loop, deep in a tree", () => {
    const mm = files();
    const model = defineModel(mm, "Deep", (m) => {
      const root = m.object("Folder", { name: "root" });
      const a = m.object("Folder", { name: "a" }, { in: [root, "folders"] });
      m.link(a, "folders", a);
    });
    const problems = checkModel(mm, model);
    expect(problems.map((p) => p.code)).toEqual(["multiple-containers", "containment-cycle"]);
    expect(problems[1]).toMatchObject({ objectId: "o_2", message: "Folder “a” is inside itself: Folder “a” → Folder “a”." });
  });
  it("walks a very deep tree without overflowing the stack", () => {
    const mm = files();
    const model = defineModel(mm, "Deep", (m) => {
      let parent = m.object("Folder", { name: "f0" });
      for (let i = 1; i < 20_000; i++) parent = m.object("Folder", { name: `f${i}` }, { in: [parent, "folders"] });
    });
    expect(checkModel(mm, model)).toEqual([]);
  });
  it("a tree of folders in folders is fine", () => {
    const mm = files();
    const model = defineModel(mm, "Tree", (m) => {
      const root = m.object("Folder", { name: "root" });
      const a = m.object("Folder", { name: "a" }, { in: [root, "folders"] });
      m.object("Folder", { name: "b" }, { in: [a, "folders"] });
      m.object("Folder", { name: "c" }, { in: [root, "folders"] });
    });
    expect(checkModel(mm, model)).toEqual([]);
  });
});

describe("MO-4 known, concrete class", () => {
  it("reports an object of a removed class once, however many values it has", () => {
    const mm = er();
    const model = shop(mm);
    const sku = find(model, "Field", "sku");
    sku.classId = "c_gone";
    const p = only(mm, model, "unknown-class");
    expect(p).toMatchObject({ rule: "MO-4", objectId: sku.id });
    expect(p.message).toBe(`Object ${sku.id} is of a class that was removed from the meta-model; the object and its 3 values are kept until you delete it.`);
  });
  it("reports an object of an abstract class, naming the concrete subclasses", () => {
    const mm = wf();
    const model = approval(mm);
    const start = find(model, "StartEvent", "requested");
    start.classId = "c_flow_node";
    const p = only(mm, model, "abstract-class");
    expect(p.objectId).toBe(start.id);
    expect(p.message).toBe("FlowNode “requested” is of the abstract class FlowNode; only its subclasses can have objects.");
    expect(p.fix).toBe("Re-create it as one of StartEvent, EndEvent, TimerEvent, Task, Gateway, or make FlowNode concrete in the meta-model.");
  });
});

describe("MO-5 values fit their type", () => {
  it("reports a value of the wrong type, by feature", () => {
    const mm = er();
    const model = shop(mm);
    const email = find(model, "Field", "email");
    email.attributes.a_field_length = "long";
    const p = only(mm, model, "invalid-value");
    expect(p).toMatchObject({ rule: "MO-5", objectId: email.id, featureId: "a_field_length" });
    expect(p.message).toBe("Field “email”: length must be a whole number, not “long”.");
    expect(p.fix).toBe("Enter a whole number.");
  });
  it("reports the wrong value of a list by its position", () => {
    const mm = er();
    const model = shop(mm);
    const statuses = find(model, "EnumType", "order_status");
    statuses.attributes.a_enum_type_values = ["open", 3];
    const p = only(mm, model, "invalid-value");
    expect(p.message).toBe("EnumType “order_status”: the 2nd value of values must be text, not 3.");
  });
  it("reports a single value where a list belongs", () => {
    const mm = er();
    const model = shop(mm);
    find(model, "EnumType", "order_status").attributes.a_enum_type_values = "open";
    expect(only(mm, model, "invalid-value").message).toBe("EnumType “order_status”: values must be a list (each value text), not “open”.");
  });
  it("enum values must be literals", () => {
    const mm = er();
    const model = shop(mm);
    find(model, "Relationship", "places").attributes.a_relationship_cardinality = 2;
    expect(only(mm, model, "invalid-value").message).toBe("Relationship “places”: cardinality must be one of oneToOne, oneToMany, manyToMany, not 2.");
  });

  const orders = () =>
    defineMetamodel("Orders", "", (m) => {
      m.class("Order")
        .attr("number", "string", { required: true, unique: true })
        .attr("total", "float")
        .attr("placedOn", "date")
        .attr("paidAt", "datetime")
        .attr("ref", "uuid")
        .attr("paid", "bool")
        .attr("extra", "json");
    });
  const order = (values: Record<string, unknown>) =>
    defineModel(orders(), "O", (m) => {
      m.object("Order", { number: "#1042", ...(values as Record<string, string>) });
    });
  it("names the object by its first text value and says what to enter", () => {
    const mm = orders();
    const model = defineModel(mm, "O", (m) => {
      m.object("Order", { number: "#1042", total: "abc" });
    });
    const p = only(mm, model, "invalid-value");
    expect(p.message).toBe("Order “#1042”: total must be a number, not “abc”.");
    expect(p.fix).toBe("Enter a number.");
  });
  it.each([
    ["total", 12.5, true],
    ["placedOn", "2026-01-31", true],
    ["placedOn", "2026-02-30", false],
    ["placedOn", "31/01/2026", false],
    ["paidAt", "2026-01-31T09:30:00Z", true],
    ["paidAt", "2026-01-31T09:30:00", false],
    ["ref", "3f2b8c1e-9a4d-4e8b-8f1a-2c3d4e5f6a7b", true],
    ["ref", "3f2b8c1e", false],
    ["paid", true, true],
    ["paid", "yes", false],
    ["extra", { any: ["json", 1, null] }, true],
  ])("%s = %j conforms: %s", (attr, value, ok) => {
    const problems = checkModel(orders(), order({ [attr]: value }));
    expect(problems.map((p) => p.code)).toEqual(ok ? [] : ["invalid-value"]);
  });
});

describe("MO-6 required attributes", () => {
  it("reports a missing required value", () => {
    const mm = er();
    const model = shop(mm);
    const product = find(model, "Entity", "Product");
    delete product.attributes.a_entity_name;
    const p = only(mm, model, "missing-value");
    expect(p).toMatchObject({ rule: "MO-6", objectId: product.id, featureId: "a_entity_name" });
    expect(p.message).toBe(`Entity ${product.id}: name is required but has no value.`);
    expect(p.fix).toBe("Enter a value for name (text).");
  });
  it("a required list needs a value", () => {
    const mm = er();
    const model = shop(mm);
    const statuses = find(model, "EnumType", "order_status");
    statuses.attributes.a_enum_type_values = [];
    expect(only(mm, model, "missing-value")).toMatchObject({ objectId: statuses.id, featureId: "a_enum_type_values" });
  });
  it("a required enum says which literals to pick", () => {
    const mm = er();
    const model = shop(mm);
    delete find(model, "Relationship", "places").attributes.a_relationship_cardinality;
    expect(only(mm, model, "missing-value").fix).toBe("Pick a value for cardinality (one of oneToOne, oneToMany, manyToMany).");
  });
});

describe("MO-7 reference multiplicity", () => {
  it("reports a required reference without target", () => {
    const mm = er();
    const model = shop(mm);
    const places = find(model, "Relationship", "places");
    delete places.references.r_relationship_source;
    const p = only(mm, model, "multiplicity");
    expect(p).toMatchObject({ rule: "MO-7", objectId: places.id, featureId: "r_relationship_source" });
    expect(p.message).toBe("Relationship “places”: source needs exactly 1 target (Entity); it has none.");
    expect(p.fix).toBe("Add 1 Entity object to source.");
  });
  it("reports a single-valued reference with two targets", () => {
    const mm = er();
    const model = shop(mm);
    const places = find(model, "Relationship", "places");
    places.references.r_relationship_target!.push(find(model, "Entity", "Product").id);
    const p = only(mm, model, "multiplicity");
    expect(p.message).toBe("Relationship “places”: target needs exactly 1 target (Entity); it has 2.");
    expect(p.fix).toBe("Remove 1 of the targets of target.");
  });
  it("reports a 1..* containment without targets", () => {
    const mm = er();
    const model = shop(mm);
    const product = find(model, "Entity", "Product");
    const sku = find(model, "Field", "sku");
    delete product.references.r_entity_fields;
    model.objects = model.objects.filter((o) => o !== sku);
    expect(only(mm, model, "multiplicity").message).toBe("Entity “Product”: fields needs at least 1 target (Field); it has none.");
  });
});

describe("MO-8 targets exist", () => {
  it("reports a target id without object", () => {
    const mm = er();
    const model = shop(mm);
    const places = find(model, "Relationship", "places");
    places.references.r_relationship_target = ["o_999"];
    const p = only(mm, model, "dangling-target");
    expect(p).toMatchObject({ rule: "MO-8", objectId: places.id, featureId: "r_relationship_target" });
    expect(p.message).toBe("Relationship “places”: target points at object o_999, which does not exist.");
  });
});

describe("MO-9 targets have the reference's class", () => {
  it("refuses a target of another class", () => {
    const mm = er();
    const model = shop(mm);
    const places = find(model, "Relationship", "places");
    places.references.r_relationship_target = [find(model, "Field", "sku").id];
    const p = only(mm, model, "wrong-target-class");
    expect(p).toMatchObject({ rule: "MO-9", objectId: places.id, featureId: "r_relationship_target" });
    expect(p.message).toBe("Relationship “places”: target points at Field “sku”, but it takes Entity objects.");
    expect(p.fix).toBe("Remove Field “sku” from target, and link Entity objects there instead.");
  });
  it("a reference to an abstract class takes objects of its concrete subclasses", () => {
    const mm = wf();
    const model = approval(mm);
    const flow = model.objects.find((o) => o.classId === "c_sequence_flow")!;
    flow.references.r_sequence_flow_source = [find(model, "EndEvent", "done").id];
    expect(checkModel(mm, model)).toEqual([]);
  });
  it("and refuses an object of an unrelated class", () => {
    const mm = wf();
    const model = approval(mm);
    const flow = model.objects.find((o) => o.classId === "c_sequence_flow")!;
    flow.references.r_sequence_flow_source = [find(model, "Lane", "Sales").id];
    const p = only(mm, model, "wrong-target-class");
    expect(p.message).toBe(`SequenceFlow ${flow.id}: source points at Lane “Sales”, but it takes FlowNode objects (or of its subclasses).`);
    expect(p.fix).toBe("Remove Lane “Sales” from source, and link StartEvent, EndEvent, TimerEvent, Task, Gateway objects there instead.");
  });
});

describe("MO-10 unique values", () => {
  it("reports the second object with a unique value", () => {
    const mm = er();
    const model = shop(mm);
    const product = find(model, "Entity", "Product");
    product.attributes.a_entity_name = "Customer";
    const p = only(mm, model, "not-unique");
    expect(p).toMatchObject({ rule: "MO-10", objectId: product.id, featureId: "a_entity_name" });
    expect(p.message).toBe("Entity “Customer”: name “Customer” is already used by Entity “Customer”; no two Entity objects may share it.");
    expect(p.fix).toBe("Change name to a value no other Entity has, e.g. “Customer2”.");
  });
  it("non-unique attributes may repeat (two fields named id)", () => {
    const mm = er();
    expect(checkModel(mm, shop(mm)).length).toBe(0);
  });

  const parties = () =>
    defineMetamodel("Parties", "", (m) => {
      m.class("Party", { abstract: true }).attr("handle", "string", { unique: true });
      m.class("Person", { extends: ["Party"] }).attr("email", "string", { unique: true });
      m.class("Team", { extends: ["Party"] }).attr("email", "string", { unique: true });
      m.class("Tag").attr("labels", "string", { many: true, unique: true });
    });
  it("counts objects of the declaring class's subclasses together", () => {
    const mm = parties();
    const model = defineModel(mm, "P", (m) => {
      m.object("Person", { handle: "ops", email: "a@x.org" });
      m.object("Team", { handle: "ops", email: "a@x.org" });
    });
    // handle is Party's: Person and Team share it. Each email is its own class's: no clash.
    const p = only(mm, model, "not-unique");
    expect(p).toMatchObject({ objectId: "o_2", featureId: "a_party_handle" });
  });
  it("each value of a unique list counts on its own", () => {
    const mm = parties();
    const model = defineModel(mm, "P", (m) => {
      m.object("Tag", { labels: ["red", "blue"] });
      m.object("Tag", { labels: ["green", "red"] });
    });
    expect(only(mm, model, "not-unique").message).toBe("Tag o_2: labels “red” is already used by Tag o_1; no two Tag objects may share it.");
  });
});

describe("MO-11 removed features keep their values", () => {
  it("removing an attribute reports each value it held, as a warning", () => {
    const mm = er();
    const model = shop(mm);
    const entity = mm.classes.find((c) => c.name === "Entity")!;
    entity.attributes = entity.attributes.filter((a) => a.name !== "tableName");
    const p = only(mm, model, "orphaned-value");
    const customer = find(model, "Entity", "Customer");
    expect(p).toMatchObject({ rule: "MO-11", severity: "warning", objectId: customer.id, featureId: "a_entity_table_name" });
    expect(p.message).toBe(
      "Entity “Customer”: the attribute that held “customers” was removed from the meta-model; its value is kept until you move or delete it.",
    );
    expect(customer.attributes.a_entity_table_name).toBe("customers");
  });
  it("removing a required attribute reports its values, not missing values", () => {
    const mm = er();
    const model = shop(mm);
    const field = mm.classes.find((c) => c.name === "Field")!;
    field.attributes = field.attributes.filter((a) => a.name !== "length");
    expect(only(mm, model, "orphaned-value").objectId).toBe(find(model, "Field", "email").id);
  });
  it("removing a reference reports the links it held", () => {
    const mm = er();
    const model = shop(mm);
    const field = mm.classes.find((c) => c.name === "Field")!;
    field.references = [];
    const p = only(mm, model, "orphaned-value");
    expect(p.featureId).toBe("r_field_enum_type");
    expect(p.message).toBe(
      "Field “status”: the reference that held links to EnumType “order_status” was removed from the meta-model; its value is kept until you move or delete it.",
    );
  });
  it("a feature the object's class no longer has is reported too", () => {
    const mm = er();
    const model = shop(mm);
    const order = find(model, "Entity", "Order");
    order.attributes.a_schema_namespace = "sales";
    expect(only(mm, model, "orphaned-value").message).toBe(
      "Entity “Order”: the attribute that held “sales” is Schema.namespace, which Entity does not have; its value is kept until you move or delete it.",
    );
  });
});

describe("MO-12 removed literals", () => {
  it("reports a value whose literal was removed, once", () => {
    const mm = er();
    const model = shop(mm);
    const onDelete = mm.enums.find((e) => e.name === "OnDelete")!;
    onDelete.literals = onDelete.literals.filter((l) => l.name !== "cascade");
    const p = only(mm, model, "unknown-literal");
    expect(p).toMatchObject({ rule: "MO-12", objectId: find(model, "Relationship", "places").id, featureId: "a_relationship_on_delete" });
    expect(p.message).toBe("Relationship “places”: onDelete holds a value whose literal was removed from OnDelete (l_on_delete_cascade).");
    expect(p.fix).toBe("Pick one of restrict, setNull, noAction.");
  });
  it("a required enum with a removed literal is not also reported as missing", () => {
    const mm = er();
    const model = shop(mm);
    const fieldType = mm.enums.find((e) => e.name === "FieldType")!;
    fieldType.literals = fieldType.literals.filter((l) => l.name !== "uuid");
    const problems = checkModel(mm, model);
    expect(problems.map((p) => p.code)).toEqual(["unknown-literal", "unknown-literal"]);
  });
});

describe("MO-13 problems say what and how", () => {
  it("every problem has a rule, a message and a one-sentence fix", () => {
    const mm = er();
    const model = shop(mm);
    for (const o of model.objects) o.attributes = {};
    model.objects.push({ id: "o_x", classId: "c_gone", attributes: {}, references: {} });
    const problems = checkModel(mm, model);
    expect(problems.length).toBeGreaterThan(5);
    for (const p of problems) {
      expect(p.rule).toMatch(/^MO-\d+$/);
      expect(p.message).toMatch(/\.$/);
      expect(p.fix).toMatch(/^[A-Z].*\.$/);
    }
    const order = problems.map((p) => Number(p.rule.slice(3)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
  it("describeObject uses name, then title, then the first text value, then the id", () => {
    const mm = defineMetamodel("L", "", (m) => {
      m.class("A").attr("code", "string").attr("title", "string").attr("name", "string");
      m.class("B").attr("count", "int").attr("code", "string");
      m.class("C").attr("count", "int");
    });
    const objects = defineModel(mm, "L", (m) => {
      m.object("A", { code: "x", title: "The A", name: "a" });
      m.object("A", { code: "x", title: "The A" });
      m.object("B", { count: 1, code: "b-1" });
      m.object("C", { count: 1 });
      m.object("A", { name: "n".repeat(60) });
    }).objects;
    expect(objects.map((o) => describeObject(mm, o))).toEqual(["A “a”", "A “The A”", "B “b-1”", "C o_4", `A “${"n".repeat(39)}…”`]);
  });
  it("checks a large model quickly, reusing the compiled schema", () => {
    const mm = er();
    const model = defineModel(mm, "Big", (m) => {
      const schema = m.object("Schema", { name: "big" });
      for (let i = 0; i < 500; i++) {
        const e = m.object("Entity", { name: `E${i}` }, { in: [schema, "entities"] });
        for (let j = 0; j < 8; j++) m.object("Field", { name: `f${j}`, type: "string", length: j }, { in: [e, "fields"] });
      }
    });
    checkModel(mm, model);
    const start = performance.now();
    expect(checkModel(mm, model)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe("MO-14 document shape", () => {
  it("reports a model that breaks the document format", () => {
    const mm = er();
    const model = { ...shop(mm), name: "" };
    const p = only(mm, model, "invalid-model");
    expect(p.objectId).toBeUndefined();
    expect(p.message).toBe("The model document: name must NOT have fewer than 1 characters.");
  });
});
