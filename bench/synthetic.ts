import { MetamodelBuilder } from "../core/metamodel/builder";
import type { MetaModel, PrimitiveType } from "../core/metamodel/schema";

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
