import { MetamodelBuilder } from "../core/metamodel/builder";
import type { MetaModel, PrimitiveType } from "../core/metamodel/schema";
import { starterByKey } from "../core/metamodel/starters";
import { defineModel } from "../core/model/builder";
import type { Model } from "../core/model/schema";

/**
 * A synthetic meta-model of `classes` classes for benchmarks: every class has a few typed attributes;
 * classes form families under abstract bases, containment chains of five, and references across.
 * Deterministic for a given size, and valid (no problems).
 */
export function syntheticMetamodel(classes: number): MetaModel {
  const m = new MetamodelBuilder();
  const types: PrimitiveType[] = ["string", "int", "bool", "datetime", "float", "uuid", "text"];
  m.enum("Status", ["draft", "active", "archived"]);
  const families = Math.max(1, Math.floor(classes / 25));
  const entities = classes - families;
  for (let f = 0; f < families; f++) m.class(`Base${f}`, { abstract: true }).attr("id", "uuid", { required: true }).attr("createdAt", "datetime");
  for (let i = 0; i < entities; i++) {
    const c = m.class(`Entity${i}`, { extends: [`Base${i % families}`] });
    for (let a = 0; a < 4; a++) c.attr(`field${a}`, types[(i + a) % types.length]!, { required: a === 0 });
    c.attr("status", "enum:Status", { default: "draft" });
    if (i % 5 < 4 && i + 1 < entities) c.contains("children", `Entity${i + 1}`);
    const other = (i * 7 + 3) % entities;
    if (other !== i) c.ref("related", `Entity${other}`);
  }
  return m.build(`Synthetic ${classes}`, `${classes} generated classes`);
}

/**
 * A synthetic model of the entity-relational starter with `entities` entities for the generation
 * benchmark: each has an id, seven typed fields (one of them an enum type), a relationship to the
 * next entity and an index. Deterministic, and conforming.
 */
export function syntheticDataModel(entities: number): { metamodel: MetaModel; model: Model } {
  const metamodel = starterByKey("entity-relational")!.build();
  const types = ["string", "text", "integer", "decimal", "boolean", "timestamp", "uuid", "json"];
  const model = defineModel(metamodel, `Synthetic ${entities}`, (m) => {
    const schema = m.object("Schema", { name: "synthetic", namespace: "com.example.synthetic" });
    const status = m.object("EnumType", { name: "record_status", values: ["draft", "active", "archived"] }, { in: [schema, "enumTypes"] });
    const all = [];
    for (let i = 0; i < entities; i++) {
      const e = m.object("Entity", { name: `Entity${i}`, description: `Generated entity number ${i}.` }, { in: [schema, "entities"] });
      m.object("Field", { name: "id", type: "uuid", primaryKey: true }, { in: [e, "fields"] });
      for (let f = 0; f < 6; f++) {
        m.object("Field", { name: `field${f}`, type: types[(i + f) % types.length]!, nullable: f % 2 === 1 }, { in: [e, "fields"] });
      }
      const st = m.object("Field", { name: "status", type: "enumerated" }, { in: [e, "fields"] });
      m.link(st, "enumType", status);
      all.push(e);
    }
    for (let i = 0; i + 1 < entities; i++) {
      const r = m.object("Relationship", { name: `entity${i}Children`, cardinality: "oneToMany", onDelete: "cascade" }, { in: [schema, "relationships"] });
      m.link(r, "source", all[i]!);
      m.link(r, "target", all[i + 1]!);
    }
  });
  return { metamodel, model };
}
