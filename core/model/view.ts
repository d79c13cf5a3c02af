import { MetamodelIndex } from "../metamodel/inheritance";
import type { Attribute, MetaModel, Reference } from "../metamodel/schema";
import type { JsonValue, Model, ModelObject } from "./schema";

/**
 * The name-based, navigable view of a model that templates see (docs/reference/template-language.md).
 *
 * Each object view holds its attribute values and references by feature name (inherited ones too),
 * with defaults applied and enum values as literal names; an unset single-valued feature is `null`
 * and an unset list is `[]`, so a template may test any feature without "undefined variable" errors.
 * References are the target views themselves, so `order.customer.name` just works. Reserved keys start
 * with `_`: `_id`, `_class` (class name), `_classes` (its name and all its supertypes' names, for
 * `contains`), `_container` (the owning object or null), `_role` (the containment reference's name)
 * and `_incoming` (reference name → the objects whose reference of that name points here, e.g.
 * `entity._incoming.target` for the relationships that target an entity; a key for every reference
 * that can point at the object's class, so a template reads it without scanning the whole model).
 *
 * Views are plain objects, built once per model; reads can be tracked (see `tracker`) so a generator
 * knows which objects an output depended on.
 */

export type ObjectView = {
  _id: string;
  _class: string;
  _classes: string[];
  _container: ObjectView | null;
  _role: string | null;
  _incoming: Record<string, ObjectView[]>;
} & Record<string, unknown>;

export interface ModelView {
  name: string;
  description: string;
  /** Every object, in model order. */
  objects: ObjectView[];
  /** Objects no one contains. */
  roots: ObjectView[];
  /** Class name → objects of that class or a subclass, in model order. */
  all: Record<string, ObjectView[]>;
}

export interface MetamodelView {
  name: string;
  description: string;
  classes: Array<Record<string, unknown>>;
  enums: Array<{ name: string; description: string; literals: string[] }>;
}

const isList = (r: Reference) => r.upper !== 1;

function attributeValue(a: Attribute, stored: JsonValue | undefined, literalName: (id: JsonValue) => JsonValue): unknown {
  const value = stored === undefined ? (a.many ? [] : (a.default ?? null)) : stored;
  if (a.type !== "enum" || value === null) return value;
  // Stored values are literal ids; defaults are literal names.
  return Array.isArray(value) ? value.map(literalName) : stored === undefined ? value : literalName(value);
}

export interface BuiltView {
  model: ModelView;
  metamodel: MetamodelView;
  byId: Map<string, ObjectView>;
}

/**
 * The attribute values of an object's view, as buildView computes them (feature name → value), or null
 * when its class has two features of one name (buildView then keeps the first; callers rebuild).
 */
export function attributeValues(mm: MetaModel, object: ModelObject, index = new MetamodelIndex(mm)): Map<string, unknown> | null {
  const literalNames = new Map<string, string>();
  for (const e of mm.enums) for (const l of e.literals) literalNames.set(l.id, l.name);
  const literalName = (id: JsonValue) => (typeof id === "string" ? (literalNames.get(id) ?? id) : id);
  const features = index.allFeatures(object.classId);
  if (new Set(features.map((f) => f.feature.name)).size !== features.length) return null;
  const values = new Map<string, unknown>();
  for (const { feature, kind } of features) if (kind === "attribute") values.set(feature.name, attributeValue(feature as Attribute, object.attributes[feature.id], literalName));
  return values;
}

export function buildView(mm: MetaModel, model: Model): BuiltView {
  const index = new MetamodelIndex(mm);
  const literalNames = new Map<string, string>();
  for (const e of mm.enums) for (const l of e.literals) literalNames.set(l.id, l.name);
  const literalName = (id: JsonValue) => (typeof id === "string" ? (literalNames.get(id) ?? id) : id);

  const byId = new Map<string, ObjectView>();
  const known = model.objects.filter((o) => index.classes.has(o.classId));
  // Reference names that can point at each class (a reference to a supertype points at it too).
  const incomingNames = new Map<string, string[]>();
  for (const c of mm.classes) {
    const names = new Set<string>();
    for (const owner of mm.classes) for (const r of owner.references) if (index.conformsTo(c.id, r.target)) names.add(r.name);
    incomingNames.set(c.id, [...names]);
  }
  for (const o of known) {
    const cls = index.classes.get(o.classId)!;
    const incoming: Record<string, ObjectView[]> = {};
    for (const name of incomingNames.get(cls.id)!) incoming[name] = [];
    byId.set(o.id, { _id: o.id, _class: cls.name, _classes: [cls.name, ...index.ancestors(cls.id).map((c) => c.name)], _container: null, _role: null, _incoming: incoming });
  }
  const featuresOf = new Map<string, ReturnType<MetamodelIndex["allFeatures"]>>();
  for (const o of known) {
    const view = byId.get(o.id)!;
    let features = featuresOf.get(o.classId);
    if (!features) featuresOf.set(o.classId, (features = index.allFeatures(o.classId)));
    for (const { feature, kind } of features) {
      if (feature.name in view) continue; // a broken meta-model (MM-3): the first feature wins
      if (kind === "attribute") {
        view[feature.name] = attributeValue(feature as Attribute, o.attributes[feature.id], literalName);
        continue;
      }
      const ref = feature as Reference;
      const targets = (o.references[ref.id] ?? []).map((id) => byId.get(id)).filter((t): t is ObjectView => t !== undefined);
      view[ref.name] = isList(ref) ? targets : (targets[0] ?? null);
      for (const t of targets) t._incoming[ref.name]?.push(view);
      if (ref.containment) {
        for (const t of targets) {
          if (t._container) continue; // one container per object (MO rules); the first one wins here
          t._container = view;
          t._role = ref.name;
        }
      }
    }
  }

  const objects = known.map((o) => byId.get(o.id)!);
  const all: Record<string, ObjectView[]> = {};
  for (const c of mm.classes) all[c.name] = [];
  for (const v of objects) for (const name of v._classes) all[name]?.push(v);

  return {
    byId,
    model: { name: model.name, description: model.description, objects, roots: objects.filter((v) => !v._container), all },
    metamodel: metamodelView(mm, index),
  };
}

export function metamodelView(mm: MetaModel, index = new MetamodelIndex(mm)): MetamodelView {
  const className = (id: string) => index.classes.get(id)?.name ?? null;
  const enumName = (id: string | undefined) => (id ? (index.enums.get(id)?.name ?? null) : null);
  const attr = (a: Attribute) => ({
    name: a.name,
    description: a.description,
    type: a.type,
    enum: a.type === "enum" ? enumName(a.enumId) : null,
    required: a.required,
    many: a.many,
    unique: a.unique,
    default: a.default ?? null,
  });
  const ref = (r: Reference) => ({
    name: r.name,
    description: r.description,
    target: className(r.target),
    containment: r.containment,
    lower: r.lower,
    upper: r.upper,
    many: r.upper !== 1,
    required: r.lower >= 1,
    opposite: r.opposite ? (index.references.get(r.opposite)?.name ?? null) : null,
  });
  return {
    name: mm.name,
    description: mm.description,
    classes: mm.classes.map((c) => {
      const features = index.allFeatures(c.id);
      return {
        name: c.name,
        description: c.description,
        abstract: c.abstract,
        supertypes: c.supertypes.map(className).filter((n): n is string => n !== null),
        attributes: c.attributes.map(attr),
        references: c.references.map(ref),
        allAttributes: features.filter((f) => f.kind === "attribute").map((f) => attr(f.feature as Attribute)),
        allReferences: features.filter((f) => f.kind === "reference").map((f) => ref(f.feature as Reference)),
      };
    }),
    enums: mm.enums.map((e) => ({ name: e.name, description: e.description, literals: e.literals.map((l) => l.name) })),
  };
}

