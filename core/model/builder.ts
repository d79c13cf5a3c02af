import { MetamodelIndex } from "../metamodel/inheritance";
import type { Attribute, MetaModel, Reference } from "../metamodel/schema";
import type { JsonValue, Model, ModelObject } from "./schema";

/**
 * A compact way to write models in code (fixtures, built-in template tests, benchmarks), by names:
 *
 *   const shop = defineModel(mm, "Shop", (m) => {
 *     const schema = m.object("Schema", { name: "shop" });
 *     const customer = m.object("Entity", { name: "Customer" }, { in: [schema, "entities"] });
 *     m.object("Field", { name: "email", type: "string" }, { in: [customer, "fields"] });
 *     m.link(order, "customer", customer);
 *   });
 *
 * Attribute values are given by attribute name; enum values by literal name (stored as literal ids).
 * Object ids are `o_1`, `o_2`, ... in creation order, so the same definition gives the same model.
 * Unknown class, attribute, reference or literal names throw: a fixture with a typo fails loudly.
 */
export class ModelBuilder {
  private readonly index: MetamodelIndex;
  private readonly objects: ModelObject[] = [];

  constructor(readonly metamodel: MetaModel) {
    this.index = new MetamodelIndex(metamodel);
  }

  private classByName(name: string) {
    const c = this.metamodel.classes.find((x) => x.name === name);
    if (!c) throw new Error(`no class ${name}`);
    return c;
  }

  private feature(obj: ModelObject, name: string) {
    const found = this.index.allFeatures(obj.classId).find((f) => f.feature.name === name);
    if (!found) throw new Error(`class ${this.index.classes.get(obj.classId)?.name} has no feature ${name}`);
    return found;
  }

  private encode(attribute: Attribute, value: JsonValue): JsonValue {
    if (attribute.type !== "enum" || value === null) return value;
    const literals = this.metamodel.enums.find((e) => e.id === attribute.enumId)?.literals ?? [];
    const toId = (v: JsonValue) => {
      const l = literals.find((x) => x.name === v);
      if (!l) throw new Error(`no literal ${String(v)} for ${attribute.name}`);
      return l.id;
    };
    return Array.isArray(value) ? value.map(toId) : toId(value);
  }

  /** A new object of class `className`; `options.in` puts it into a containment reference of another. */
  object(className: string, values: Record<string, JsonValue> = {}, options: { in?: [ModelObject, string] } = {}): ModelObject {
    const obj: ModelObject = { id: `o_${this.objects.length + 1}`, classId: this.classByName(className).id, attributes: {}, references: {} };
    this.objects.push(obj);
    for (const [name, value] of Object.entries(values)) this.set(obj, name, value);
    if (options.in) this.link(options.in[0], options.in[1], obj);
    return obj;
  }

  set(obj: ModelObject, attributeName: string, value: JsonValue): this {
    const { feature, kind } = this.feature(obj, attributeName);
    if (kind !== "attribute") throw new Error(`${attributeName} is a reference`);
    obj.attributes[feature.id] = this.encode(feature as Attribute, value);
    return this;
  }

  /** Adds `targets` to reference `referenceName` of `source`. */
  link(source: ModelObject, referenceName: string, ...targets: ModelObject[]): this {
    const { feature, kind } = this.feature(source, referenceName);
    if (kind !== "reference") throw new Error(`${referenceName} is an attribute`);
    const ref = feature as Reference;
    source.references[ref.id] = [...(source.references[ref.id] ?? []), ...targets.map((t) => t.id)];
    return this;
  }

  build(name: string, description = ""): Model {
    return { name, description, objects: this.objects.map((o) => structuredClone(o)) };
  }
}

export function defineModel(metamodel: MetaModel, name: string, define: (m: ModelBuilder) => void, description = ""): Model {
  const b = new ModelBuilder(metamodel);
  define(b);
  return b.build(name, description);
}
