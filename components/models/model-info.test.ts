import { describe, expect, it } from "vitest";
import { entityRelational } from "@/core/metamodel/starters/entity-relational";
import { uiForms } from "@/core/metamodel/starters/ui-forms";
import type { Attribute } from "@/core/metamodel/schema";
import { shopModel } from "@/core/model/fixtures";
import { containerOptions, defaultValues, firstField, fitsInput, formatValue, fromLocalDateTime, metamodelInfo, modelInfo, objectLabel, parseValue, showValue, toLocalDateTime } from "./model-info";

const mm = entityRelational();
const model = shopModel(mm);
const cls = (name: string) => mm.classes.find((c) => c.name === name)!;
const attr = (type: Attribute["type"], extra: Partial<Attribute> = {}): Attribute => ({ id: "a", name: "a", description: "", type, required: false, many: false, unique: false, ...extra });

describe("metamodelInfo", () => {
  it("lists attributes before references, and where a class can be contained", () => {
    const info = metamodelInfo(mm);
    const field = info.classes.get(cls("Field").id)!;
    expect(field.columns.map((c) => c.feature.name)).toEqual(["name", "type", "nullable", "primaryKey", "unique", "length", "defaultValue", "enumType"]);
    expect(field.containedIn.map((s) => `${s.owner.name}.${s.ref.name}`)).toEqual(["Entity.fields"]);
    expect(info.classes.get(cls("Schema").id)!.containedIn).toEqual([]);
    expect(metamodelInfo(mm)).toBe(info);
  });
});

describe("subclasses", () => {
  const forms = uiForms();
  const numberField = forms.classes.find((c) => c.name === "NumberField")!;
  it("put inherited attributes first, and start new objects at their name", () => {
    const names = metamodelInfo(forms).classes.get(numberField.id)!.columns.map((c) => c.feature.name);
    expect(names.slice(0, 2)).toEqual(["name", "label"]);
    expect(names.indexOf("min")).toBeGreaterThan(names.indexOf("readOnly"));
    expect(firstField(forms, numberField.id)).toBe(forms.classes.find((c) => c.name === "Field")!.attributes[0]!.id);
  });

  it("do not label an object by a default value", () => {
    const form = forms.classes.find((c) => c.name === "Form")!;
    expect(objectLabel(forms, { id: "o_f", classId: form.id, attributes: defaultValues(forms, form.id), references: {} })).toBe("o_f");
  });
});

describe("modelInfo", () => {
  const info = modelInfo(mm, model);
  it("labels objects by name and knows their containers", () => {
    const customer = model.objects.find((o) => o.classId === cls("Entity").id)!;
    expect(info.label(customer.id)).toBe("Customer");
    const email = model.objects.find((o) => info.label(o.id) === "email")!;
    expect(info.containerOf.get(email.id)?.container).toBe(customer.id);
    expect(info.longLabel(email.id)).toBe("email · Customer");
  });

  it("collects a subtree through containment only", () => {
    const customer = model.objects.find((o) => info.label(o.id) === "Customer")!;
    expect(info.subtree([customer.id]).size).toBe(5); // the entity and its four fields
  });

  it("offers containers that can hold a class, minus excluded ones", () => {
    const options = containerOptions(mm, info, cls("Field").id);
    expect(options.map((o) => o.label)).toEqual(["Customer › fields", "Product › fields", "Order › fields", "OrderLine › fields"]);
    const customer = options[0]!.container;
    expect(containerOptions(mm, info, cls("Field").id, new Set([customer]))).toHaveLength(3);
  });

  it("falls back to the id for an object without text", () => {
    expect(objectLabel(mm, { id: "o_x", classId: cls("Index").id, attributes: {}, references: {} })).toBe("o_x");
  });
});

describe("defaultValues", () => {
  it("uses the meta-model's defaults, enum literals by id", () => {
    const values = defaultValues(mm, cls("Field").id);
    const typeAttr = cls("Field").attributes.find((a) => a.name === "type")!;
    const literal = mm.enums.find((e) => e.id === typeAttr.enumId)!.literals.find((l) => l.name === "string")!;
    expect(values[typeAttr.id]).toBe(literal.id);
    expect(Object.values(values)).toContain(false);
  });
});

describe("values", () => {
  it("refuses decimals for int and parses numbers", () => {
    expect(parseValue(attr("int"), "42")).toEqual({ ok: true, value: 42 });
    expect(parseValue(attr("int"), "1.5")).toEqual({ ok: false, error: "Whole numbers only: no decimals." });
    expect(parseValue(attr("int"), "abc").ok).toBe(false);
    expect(parseValue(attr("float"), "1.5")).toEqual({ ok: true, value: 1.5 });
    expect(parseValue(attr("int"), "")).toEqual({ ok: true, value: undefined });
  });

  it("validates JSON before it is written", () => {
    expect(parseValue(attr("json"), '{"a": [1, 2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseValue(attr("json"), "{a:").ok).toBe(false);
  });

  it("round-trips date-times through local time, with seconds and a zone", () => {
    const local = toLocalDateTime("2026-01-31T09:30:00Z")!;
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(fromLocalDateTime(local)).toBe("2026-01-31T09:30:00Z");
    expect(parseValue(attr("datetime"), local)).toEqual({ ok: true, value: "2026-01-31T09:30:00Z" });
    expect(toLocalDateTime("tomorrow")).toBeNull();
  });

  it("shows values that do not fit their input as raw text", () => {
    expect(fitsInput(attr("int"), "12")).toBe(false);
    expect(fitsInput(attr("datetime"), "soon")).toBe(false);
    expect(fitsInput(attr("string"), "x")).toBe(true);
    expect(formatValue(attr("json"), { a: 1 })).toBe('{\n  "a": 1\n}');
  });

  it("names enum values by their literal", () => {
    const typeAttr = cls("Field").attributes.find((a) => a.name === "type")!;
    const literal = mm.enums.find((e) => e.id === typeAttr.enumId)!.literals[0]!;
    expect(showValue(mm, typeAttr, literal.id)).toBe(literal.name);
    expect(showValue(mm, typeAttr, "gone")).toBe("gone (removed)");
  });
});
