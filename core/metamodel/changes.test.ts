import { describe, expect, it } from "vitest";
import { compareMetamodels, featurePath, suggestedBump, type MetamodelChange } from "./changes";
import { entityRelational } from "./starters/entity-relational";
import type { MetaClass, MetaModel } from "./schema";

/** A deep copy of the data-model starter, changed by `edit`. */
function edited(edit: (mm: MetaModel, cls: (name: string) => MetaClass) => void): { from: MetaModel; to: MetaModel } {
  const from = entityRelational();
  const to = structuredClone(from);
  edit(to, (name) => to.classes.find((c) => c.name === name)!);
  return { from, to };
}

const brief = (changes: MetamodelChange[]) => changes.map((c) => `${c.impact} ${c.kind} ${c.element} ${c.path}${c.before || c.after ? ` ${c.before ?? ""}→${c.after ?? ""}` : ""}`);

describe("compareMetamodels", () => {
  it("finds nothing between equal meta-models, and suggests no bump", () => {
    const changes = compareMetamodels(entityRelational(), entityRelational());
    expect(changes).toEqual([]);
    expect(suggestedBump(changes)).toBeNull();
  });

  it("a removed attribute is a major change that says its values are kept as orphaned", () => {
    const { from, to } = edited((_, cls) => {
      const entity = cls("Entity");
      entity.attributes = entity.attributes.filter((a) => a.name !== "tableName");
    });
    const changes = compareMetamodels(from, to);
    expect(brief(changes)).toEqual(["major removed attribute Entity.tableName string 0..1→"]);
    expect(changes[0]).toMatchObject({ id: "a_entity_table_name" });
    expect(changes[0]!.message).toMatch(/orphaned/);
    expect(suggestedBump(changes)).toBe("major");
  });

  it("follows renames by stable id: one rename, no removal and addition", () => {
    const { from, to } = edited((mm, cls) => {
      cls("Entity").name = "Table";
      cls("Field").attributes.find((a) => a.name === "nullable")!.name = "optional";
      mm.enums.find((e) => e.name === "OnDelete")!.literals.find((l) => l.name === "setNull")!.name = "nullify";
    });
    expect(brief(compareMetamodels(from, to))).toEqual([
      "major renamed class Table Entity→Table",
      "major renamed attribute Field.optional nullable→optional",
      "major renamed literal OnDelete.nullify setNull→nullify",
    ]);
  });

  it("additions are minor unless existing objects would need a value", () => {
    const { from, to } = edited((_, cls) => {
      cls("Entity").attributes.push({ id: "a_comment", name: "comment", description: "", type: "text", required: false, many: false, unique: false });
      cls("Field").attributes.push({ id: "a_position", name: "position", description: "", type: "int", required: true, many: false, unique: false });
      cls("Index").references.push({ id: "r_owner", name: "owner", description: "", target: cls("Entity").id, containment: false, lower: 0, upper: 1 });
    });
    const changes = compareMetamodels(from, to);
    expect(brief(changes)).toEqual([
      "minor added attribute Entity.comment →text 0..1",
      "major added attribute Field.position →int 1",
      "minor added reference Index.owner →Entity 0..1",
    ]);
    expect(suggestedBump(changes.filter((c) => c.impact === "minor"))).toBe("minor");
  });

  it("type and multiplicity changes: tightening is major, loosening is minor", () => {
    const { from, to } = edited((mm, cls) => {
      const field = cls("Field");
      field.attributes.find((a) => a.name === "length")!.type = "string"; // int → string
      field.attributes.find((a) => a.name === "name")!.required = false; // 1 → 0..1
      cls("EnumType").attributes.find((a) => a.name === "values")!.many = false; // 1..* → 1
      const rel = cls("Relationship");
      rel.references.find((r) => r.name === "source")!.lower = 0; // 1 → 0..1
      cls("Index").references.find((r) => r.name === "fields")!.upper = 4; // 1..* → 1..4
      cls("Field").attributes.find((a) => a.name === "type")!.enumId = mm.enums.find((e) => e.name === "Cardinality")!.id;
    });
    expect(brief(compareMetamodels(from, to))).toEqual([
      "minor multiplicity attribute Field.name 1→0..1",
      "major type attribute Field.type enum FieldType→enum Cardinality",
      "major type attribute Field.length int→string",
      "minor multiplicity reference Relationship.source 1→0..1",
      "major multiplicity attribute EnumType.values 1..*→1",
      "major multiplicity reference Index.fields 1..*→1..4",
    ]);
  });

  it("removed classes and enums, abstract, supertypes, containment, target and description changes", () => {
    const { from, to } = edited((mm, cls) => {
      mm.classes = mm.classes.filter((c) => c.name !== "Index");
      mm.enums = mm.enums.filter((e) => e.name !== "OnDelete");
      cls("Relationship").attributes = cls("Relationship").attributes.filter((a) => a.name !== "onDelete");
      cls("Schema").abstract = true;
      cls("Field").supertypes = [cls("EnumType").id];
      cls("Entity").references.find((r) => r.name === "fields")!.containment = false;
      cls("Field").references.find((r) => r.name === "enumType")!.target = cls("Entity").id;
      cls("Entity").description = "A table.";
      cls("Entity").references = cls("Entity").references.filter((r) => r.name !== "indexes");
    });
    const lines = brief(compareMetamodels(from, to));
    expect(lines).toEqual([
      "major abstract class Schema concrete→abstract",
      "patch description class Entity",
      "major containment reference Entity.fields containment→reference",
      "major removed reference Entity.indexes Index 0..*→",
      "minor supertypes class Field none→EnumType",
      "major target reference Field.enumType EnumType→Entity",
      "major removed attribute Relationship.onDelete enum OnDelete 0..1→",
      "major removed class Index",
      "major removed enum OnDelete",
    ]);
  });

  it("a feature moved up to a supertype is minor; moved to an unrelated class is major", () => {
    const base: MetaModel = {
      name: "M",
      description: "",
      enums: [],
      classes: [
        { id: "c_base", name: "Base", description: "", abstract: true, supertypes: [], attributes: [], references: [] },
        { id: "c_a", name: "A", description: "", abstract: false, supertypes: ["c_base"], attributes: [{ id: "a_x", name: "x", description: "", type: "string", required: false, many: false, unique: false }], references: [] },
        { id: "c_b", name: "B", description: "", abstract: false, supertypes: [], attributes: [], references: [] },
      ],
    };
    const up = structuredClone(base);
    up.classes[0]!.attributes.push(up.classes[1]!.attributes.pop()!);
    expect(brief(compareMetamodels(base, up))).toEqual(["minor moved attribute Base.x A.x→Base.x"]);
    const away = structuredClone(base);
    away.classes[2]!.attributes.push(away.classes[1]!.attributes.pop()!);
    expect(brief(compareMetamodels(base, away))).toEqual(["major moved attribute B.x A.x→B.x"]);
  });

  it("suggests patch for descriptions and defaults only", () => {
    const { from, to } = edited((_, cls) => {
      cls("Field").description = "A column of a table.";
      cls("Field").attributes.find((a) => a.name === "nullable")!.default = true;
    });
    const changes = compareMetamodels(from, to);
    expect(brief(changes)).toEqual(["patch description class Field", "patch default attribute Field.nullable false→true"]);
    expect(suggestedBump(changes)).toBe("patch");
  });

  it("names a feature by its owner", () => {
    expect(featurePath(entityRelational(), "a_entity_table_name")).toBe("Entity.tableName");
    expect(featurePath(entityRelational(), "a_nope")).toBeUndefined();
  });
});
