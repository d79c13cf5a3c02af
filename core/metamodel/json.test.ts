import { describe, expect, it } from "vitest";
import { defineMetamodel } from "./builder";
import { exportMetamodelFile, parseMetamodelFile } from "./json";

const mm = defineMetamodel("Shop", "Orders", (m) => {
  m.enum("Status", ["open", "paid"]);
  m.class("Order").attr("status", "enum:Status", { default: "open" }).contains("lines", "Line");
  m.class("Line").attr("quantity", "int", { required: true });
});

describe("meta-model JSON files (SPEC 3)", () => {
  it("round-trips a meta-model and its positions", () => {
    const text = exportMetamodelFile(mm, { c_order: { x: 10.4, y: 20.6 } });
    const parsed = parseMetamodelFile(text);
    expect(parsed).toEqual({ ok: true, metamodel: mm, layout: { c_order: { x: 10, y: 21 } } });
  });

  it("3.3 exports deterministically", () => {
    expect(exportMetamodelFile(structuredClone(mm))).toBe(exportMetamodelFile(mm));
    expect(exportMetamodelFile(mm)).toMatchSnapshot();
  });

  it("3.1 fills omitted optional fields with defaults", () => {
    const parsed = parseMetamodelFile(
      JSON.stringify({
        format: "metaforge.metamodel",
        version: 1,
        name: "Tiny",
        classes: [{ id: "c1", name: "A", attributes: [{ id: "a1", name: "x", type: "int" }], references: [{ id: "r1", name: "next", target: "c1" }] }],
      }),
    );
    expect(parsed.ok && parsed.metamodel.classes[0]).toEqual({
      id: "c1",
      name: "A",
      description: "",
      abstract: false,
      supertypes: [],
      attributes: [{ id: "a1", name: "x", description: "", type: "int", required: false, many: false, unique: false }],
      references: [{ id: "r1", name: "next", description: "", target: "c1", containment: false, lower: 0, upper: 1 }],
    });
  });

  it.each([
    ["{not json", /^The file is not valid JSON/],
    [JSON.stringify({ format: "other", version: 1, name: "X" }), /format: "format" must be "metaforge\.metamodel"/],
    [JSON.stringify({ format: "metaforge.metamodel", version: 2, name: "X" }), /version: "version" must be 1/],
    [JSON.stringify({ format: "metaforge.metamodel", version: 1, name: "X", classes: [{ id: "c1", name: "A", attributes: [{ id: "a1", name: "x", type: "money" }] }] }), /classes\.0\.attributes\.0\.type/],
    [JSON.stringify({ format: "metaforge.metamodel", version: 1, name: "X", classes: [{ id: "c1", name: "A" }, { id: "c1", name: "B" }] }), /two elements share the id "c1"/],
  ])("3.2 refuses %s with where and why", (text, error) => {
    const parsed = parseMetamodelFile(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });

  it("3.2 accepts a well-formed file that breaks validity rules (they become problems)", () => {
    const broken = structuredClone(mm);
    broken.classes[1]!.name = "bad name";
    expect(parseMetamodelFile(exportMetamodelFile(broken)).ok).toBe(true);
  });
});
