import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { MANY, type Attribute, type MetaModel, type Reference } from "../metamodel/schema";
import { documentFeatures, enumLiterals, metamodelIndex, toModelDocument, type DocumentFeature, type ModelDocument } from "./document";
import { metamodelToJsonSchema } from "./json-schema";
import type { JsonValue, Model, ModelObject } from "./schema";

/**
 * Does a model conform to its meta-model? (core/model/SPEC.md section 2.) The structural half is the
 * meta-model's JSON Schema, run by Ajv on the model's document; its errors are mapped back to objects
 * and features. What a schema cannot say (ids across objects, containment, uniqueness, values the
 * meta-model no longer has) is checked directly.
 */

export type ModelProblemCode =
  | "duplicate-id"
  | "multiple-containers"
  | "containment-cycle"
  | "unknown-class"
  | "abstract-class"
  | "invalid-value"
  | "missing-value"
  | "multiplicity"
  | "dangling-target"
  | "wrong-target-class"
  | "not-unique"
  | "orphaned-value"
  | "unknown-literal"
  | "invalid-model";

export type ModelSeverity = "error" | "warning";

export interface ModelProblem {
  /** The SPEC rule, e.g. "MO-5". */
  rule: string;
  code: ModelProblemCode;
  severity: ModelSeverity;
  /** The object to point at. */
  objectId?: string;
  /** The attribute or reference of that object (possibly one the meta-model no longer has). */
  featureId?: string;
  message: string;
  /** What to do about it. */
  fix: string;
}

const RULES: Record<ModelProblemCode, { rule: string; severity: ModelSeverity }> = {
  "duplicate-id": { rule: "MO-1", severity: "error" },
  "multiple-containers": { rule: "MO-3", severity: "error" },
  "containment-cycle": { rule: "MO-3", severity: "error" },
  "unknown-class": { rule: "MO-4", severity: "error" },
  "abstract-class": { rule: "MO-4", severity: "error" },
  "invalid-value": { rule: "MO-5", severity: "error" },
  "missing-value": { rule: "MO-6", severity: "error" },
  multiplicity: { rule: "MO-7", severity: "error" },
  "dangling-target": { rule: "MO-8", severity: "error" },
  "wrong-target-class": { rule: "MO-9", severity: "error" },
  "not-unique": { rule: "MO-10", severity: "error" },
  "orphaned-value": { rule: "MO-11", severity: "warning" },
  "unknown-literal": { rule: "MO-12", severity: "error" },
  "invalid-model": { rule: "MO-14", severity: "error" },
};

// ---------------------------------------------------------------------------------------------
// Describing objects and values in messages

const LABEL_NAMES = ["name", "title"];

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What to call `obj` in messages: its label (name, title, or first text attribute), if any. */
function objectLabel(mm: MetaModel, obj: ModelObject): string | undefined {
  const texts = documentFeatures(mm, obj.classId).filter(
    (f) => f.kind === "attribute" && (f.feature.type === "string" || f.feature.type === "text") && !f.feature.many,
  );
  const valueOf = (f: DocumentFeature) => {
    const v = obj.attributes[f.feature.id];
    return typeof v === "string" && v.trim() !== "" ? v : undefined;
  };
  const named = (name: string) => texts.find((f) => f.feature.name === name && valueOf(f) !== undefined);
  const chosen = LABEL_NAMES.map(named).find(Boolean) ?? texts.find((f) => valueOf(f) !== undefined);
  return chosen && valueOf(chosen);
}

/** `Entity “Customer”`: the object's class name and label, or `Entity o_7` when it has no label. */
export function describeObject(mm: MetaModel, obj: ModelObject): string {
  const cls = metamodelIndex(mm).classes.get(obj.classId)?.name ?? "Object";
  const label = objectLabel(mm, obj);
  return label === undefined ? `${cls} ${obj.id}` : `${cls} “${clip(label)}”`;
}

/** A value as shown in messages: strings in quotes, other JSON as written, long ones clipped. */
function show(value: JsonValue | undefined): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return `“${clip(value)}”`;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.map(show).join(", ") || "an empty list";
  return clip(JSON.stringify(value));
}

function ordinal(n: number): string {
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

/** What a value of `attr` must be, for "must be …" and "Enter …". */
function expected(mm: MetaModel, attr: Attribute): string {
  switch (attr.type) {
    case "string":
    case "text":
      return "text";
    case "int":
      return "a whole number";
    case "float":
      return "a number";
    case "bool":
      return "true or false";
    case "date":
      return "a date like 2026-01-31";
    case "datetime":
      return "a date-time like 2026-01-31T09:30:00Z";
    case "uuid":
      return "a UUID like 3f2b8c1e-9a4d-4e8b-8f1a-2c3d4e5f6a7b";
    case "json":
      return "JSON";
    case "enum": {
      const names = enumLiterals(mm, attr.enumId)?.names ?? [];
      return names.length ? `one of ${names.join(", ")}` : "a literal of its enum (it has none)";
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Per-meta-model state: the compiled schema

// One Ajv instance for every meta-model: each compiled schema is removed from Ajv's registry right
// away (the validate function keeps working), so edited meta-models with the same $id never clash and
// old versions are garbage-collected with their meta-model.
let ajv: Ajv2020 | undefined;
const validators = new WeakMap<MetaModel, ValidateFunction>();

function validatorFor(mm: MetaModel): ValidateFunction {
  let validate = validators.get(mm);
  if (!validate) {
    if (!ajv) {
      ajv = new Ajv2020({ allErrors: true, strict: false });
      addFormats(ajv, ["date", "date-time", "uuid"]);
    }
    const schema = metamodelToJsonSchema(mm);
    validate = ajv.compile(schema);
    ajv.removeSchema(schema);
    validators.set(mm, validate);
  }
  return validate;
}

// ---------------------------------------------------------------------------------------------
// Collecting problems

class Collector {
  readonly problems: ModelProblem[] = [];
  /** `index` (whole object) or `index/featureId` already reported directly: schema errors there are noise. */
  readonly covered = new Set<string>();
  private readonly conformance = new Map<string, boolean>();

  constructor(
    readonly mm: MetaModel,
    readonly model: Model,
  ) {}

  add(code: ModelProblemCode, where: { objectId?: string; featureId?: string }, message: string, fix: string) {
    this.problems.push({ ...RULES[code], code, ...where, message, fix });
  }

  who(obj: ModelObject): string {
    return describeObject(this.mm, obj);
  }

  /** `MetamodelIndex.conformsTo`, remembered: models repeat the same class pairs many times. */
  conformsTo(sub: string, sup: string): boolean {
    const key = `${sub} ${sup}`;
    let yes = this.conformance.get(key);
    if (yes === undefined) this.conformance.set(key, (yes = metamodelIndex(this.mm).conformsTo(sub, sup)));
    return yes;
  }
}

/** The model's objects by id (the first of duplicates), with their index in `model.objects`. */
function objectsById(model: Model): Map<string, { obj: ModelObject; index: number }> {
  const byId = new Map<string, { obj: ModelObject; index: number }>();
  model.objects.forEach((obj, index) => {
    if (!byId.has(obj.id)) byId.set(obj.id, { obj, index });
  });
  return byId;
}

function checkIds(c: Collector, byId: ReturnType<typeof objectsById>) {
  c.model.objects.forEach((obj, index) => {
    const first = byId.get(obj.id)!;
    if (first.index === index) return;
    c.add(
      "duplicate-id",
      { objectId: obj.id },
      `Two objects have the id ${obj.id}: ${c.who(first.obj)} and ${c.who(obj)}.`,
      `Delete ${c.who(obj)}, or give it a new id.`,
    );
  });
}

function checkClasses(c: Collector) {
  const index = metamodelIndex(c.mm);
  c.model.objects.forEach((obj, i) => {
    const cls = index.classes.get(obj.classId);
    if (cls && !cls.abstract) return;
    c.covered.add(String(i));
    if (!cls) {
      const kept = Object.keys(obj.attributes).length + Object.keys(obj.references).length;
      c.add(
        "unknown-class",
        { objectId: obj.id },
        `Object ${obj.id} is of a class that was removed from the meta-model; the object and its ${kept} value${kept === 1 ? "" : "s"} are kept until you delete it.`,
        "Delete the object, or restore its class in the meta-model.",
      );
      return;
    }
    const subclasses = index.descendants(cls.id).filter((d) => !d.abstract).map((d) => d.name);
    c.add(
      "abstract-class",
      { objectId: obj.id },
      `${c.who(obj)} is of the abstract class ${cls.name}; only its subclasses can have objects.`,
      subclasses.length
        ? `Re-create it as one of ${subclasses.join(", ")}, or make ${cls.name} concrete in the meta-model.`
        : `Make ${cls.name} concrete in the meta-model, or delete the object.`,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Values the meta-model no longer has (MO-11, MO-12)

/** `Owner.name` of a feature that still exists elsewhere in the meta-model, e.g. after a class lost a supertype. */
function featureElsewhere(mm: MetaModel, featureId: string): string | undefined {
  for (const owner of mm.classes) {
    const f = [...owner.attributes, ...owner.references].find((x) => x.id === featureId);
    if (f) return `${owner.name}.${f.name}`;
  }
  return undefined;
}

function reportOrphan(c: Collector, obj: ModelObject, featureId: string, kind: "attribute" | "reference", held: string) {
  const where = featureElsewhere(c.mm, featureId);
  const cls = metamodelIndex(c.mm).classes.get(obj.classId)!;
  const gone = where ? `is ${where}, which ${cls.name} does not have` : "was removed from the meta-model";
  c.add(
    "orphaned-value",
    { objectId: obj.id, featureId },
    `${c.who(obj)}: the ${kind} that held ${held} ${gone}; its value is kept until you move or delete it.`,
    kind === "attribute"
      ? "Copy the value into another attribute if you still need it, then delete it."
      : "Re-create the links with another reference if you still need them, then delete the old value.",
  );
}

function targetsText(c: Collector, ids: string[], byId: ReturnType<typeof objectsById>): string {
  const names = ids.map((id) => {
    const t = byId.get(id);
    return t ? c.who(t.obj) : id;
  });
  return ids.length === 0 ? "no links" : `links to ${clip(names.join(", "), 120)}`;
}

function checkOrphans(c: Collector, byId: ReturnType<typeof objectsById>) {
  c.model.objects.forEach((obj, i) => {
    if (!metamodelIndex(c.mm).classes.has(obj.classId)) return; // MO-4 covers the whole object
    const features = new Map(documentFeatures(c.mm, obj.classId).map((f) => [f.feature.id, f]));
    for (const [id, value] of Object.entries(obj.attributes)) {
      const f = features.get(id);
      if (f?.kind === "attribute") checkLiterals(c, obj, i, f.feature, value);
      else reportOrphan(c, obj, id, "attribute", show(value));
    }
    for (const [id, targets] of Object.entries(obj.references)) {
      if (features.get(id)?.kind !== "reference") reportOrphan(c, obj, id, "reference", targetsText(c, targets, byId));
    }
  });
}

function checkLiterals(c: Collector, obj: ModelObject, index: number, attr: Attribute, value: JsonValue) {
  if (attr.type !== "enum") return;
  const literals = enumLiterals(c.mm, attr.enumId);
  const values = Array.isArray(value) ? value : [value];
  const unknown = values.filter((v): v is string => typeof v === "string" && !literals?.nameById.has(v));
  if (unknown.length === 0) return;
  c.covered.add(`${index}/${attr.id}`);
  const from = literals ? `was removed from ${literals.name}` : "belongs to an enum that was removed";
  c.add(
    "unknown-literal",
    { objectId: obj.id, featureId: attr.id },
    `${c.who(obj)}: ${attr.name} holds a value whose literal ${from} (${unknown.join(", ")}).`,
    literals?.names.length ? `Pick one of ${literals.names.join(", ")}.` : `Give ${attr.name} another type in the meta-model, or clear the value.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Links: targets, containment (MO-3, MO-8, MO-9)

interface Link {
  source: ModelObject;
  ref: Reference;
  target: ModelObject;
}

/** Every link of a reference the source's class has, to an object that exists; reports the others. */
function checkTargets(c: Collector, byId: ReturnType<typeof objectsById>): Link[] {
  const index = metamodelIndex(c.mm);
  const links: Link[] = [];
  for (const source of c.model.objects) {
    for (const f of documentFeatures(c.mm, source.classId)) {
      if (f.kind !== "reference") continue;
      for (const targetId of source.references[f.feature.id] ?? []) {
        const target = byId.get(targetId)?.obj;
        if (!target) {
          reportDangling(c, source, f.feature, targetId);
          continue;
        }
        links.push({ source, ref: f.feature, target });
        // A target of a removed class is reported once, by MO-4.
        if (index.classes.has(target.classId) && !c.conformsTo(target.classId, f.feature.target)) reportWrongClass(c, source, f.feature, target);
      }
    }
  }
  return links;
}

function reportDangling(c: Collector, source: ModelObject, ref: Reference, targetId: string) {
  c.add(
    "dangling-target",
    { objectId: source.id, featureId: ref.id },
    `${c.who(source)}: ${ref.name} points at object ${targetId}, which does not exist.`,
    `Remove ${targetId} from ${ref.name}, or point it at an existing object.`,
  );
}

function reportWrongClass(c: Collector, source: ModelObject, ref: Reference, target: ModelObject) {
  const index = metamodelIndex(c.mm);
  const want = index.classes.get(ref.target);
  const fitting = [...(want ? [want] : []), ...index.descendants(ref.target)].filter((k) => !k.abstract).map((k) => k.name);
  const takes = want ? `${want.name} objects${fitting.length > 1 || want.abstract ? " (or of its subclasses)" : ""}` : "objects of a class that no longer exists";
  c.add(
    "wrong-target-class",
    { objectId: source.id, featureId: ref.id },
    `${c.who(source)}: ${ref.name} points at ${c.who(target)}, but it takes ${takes}.`,
    `Remove ${c.who(target)} from ${ref.name}${fitting.length ? `, and link ${fitting.join(", ")} objects there instead` : ""}.`,
  );
}

function groupBy<K>(links: Link[], key: (l: Link) => K): Map<K, Link[]> {
  const groups = new Map<K, Link[]>();
  for (const l of links) {
    const list = groups.get(key(l));
    if (list) list.push(l);
    else groups.set(key(l), [l]);
  }
  return groups;
}

function checkContainers(c: Collector, containment: Link[]) {
  for (const [child, links] of groupBy(containment, (l) => l.target)) {
    if (links.length < 2) continue;
    const places = links.map((l) => `${l.ref.name} of ${c.who(l.source)}`);
    c.add(
      "multiple-containers",
      { objectId: child.id },
      `${c.who(child)} is contained in ${places.join(" and ")}; an object lives in one container only.`,
      `Remove it from ${places.slice(1).join(" and ")}.`,
    );
  }
}

/**
 * Each containment cycle as its chain of links, ending with the link back to where it started, found
 * by a depth-first walk in model order. The walk keeps its own stack: a model may nest deeper than
 * the call stack allows.
 */
function containmentCycles(objects: ModelObject[], containment: Link[]): Link[][] {
  const children = groupBy(containment, (l) => l.source);
  const state = new Map<ModelObject, "open" | "done">();
  const cycles: Link[][] = [];
  for (const root of objects) {
    if (state.has(root)) continue;
    state.set(root, "open");
    const frames = [{ obj: root, next: 0 }];
    const path: Link[] = []; // the links from root down to the top frame
    while (frames.length > 0) {
      const top = frames[frames.length - 1]!;
      const link = children.get(top.obj)?.[top.next++];
      if (!link) {
        state.set(top.obj, "done");
        frames.pop();
        path.pop();
      } else if (state.get(link.target) === "open") {
        // The target is on the path, where a link leaves it; only an object that contains itself is not.
        const from = path.findIndex((p) => p.source === link.target);
        cycles.push([...(from === -1 ? [] : path.slice(from)), link]);
      } else if (!state.has(link.target)) {
        state.set(link.target, "open");
        frames.push({ obj: link.target, next: 0 });
        path.push(link);
      }
    }
  }
  return cycles;
}

function checkContainmentCycles(c: Collector, containment: Link[]) {
  for (const cycle of containmentCycles(c.model.objects, containment)) {
    const back = cycle[cycle.length - 1]!;
    const chain = [...cycle.map((l) => c.who(l.source)), c.who(back.target)].join(" → ");
    c.add(
      "containment-cycle",
      { objectId: back.target.id },
      `${c.who(back.target)} is inside itself: ${chain}.`,
      `Remove ${c.who(back.target)} from ${back.ref.name} of ${c.who(back.source)}.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Unique attributes (MO-10)

function checkUnique(c: Collector) {
  const index = metamodelIndex(c.mm);
  for (const cls of c.mm.classes) {
    const scope = new Set([cls.id, ...index.descendants(cls.id).map((d) => d.id)]);
    for (const attr of cls.attributes) {
      if (!attr.unique) continue;
      const seen = new Map<string, ModelObject>();
      for (const obj of c.model.objects) {
        if (!scope.has(obj.classId)) continue;
        const value = obj.attributes[attr.id];
        if (value === undefined || value === null) continue;
        // Each value of a list counts on its own: no two objects may share any of them.
        for (const v of attr.many && Array.isArray(value) ? value : [value]) {
          const key = JSON.stringify(v);
          const first = seen.get(key);
          if (!first) seen.set(key, obj);
          else if (first !== obj) reportNotUnique(c, cls.name, attr, obj, first, v);
        }
      }
    }
  }
}

function reportNotUnique(c: Collector, owner: string, attr: Attribute, obj: ModelObject, first: ModelObject, value: JsonValue) {
  const shown = attr.type === "enum" ? show(enumLiterals(c.mm, attr.enumId)?.nameById.get(value as string) ?? value) : show(value);
  c.add(
    "not-unique",
    { objectId: obj.id, featureId: attr.id },
    `${c.who(obj)}: ${attr.name} ${shown} is already used by ${c.who(first)}; no two ${owner} objects may share it.`,
    typeof value === "string" && attr.type !== "enum"
      ? `Change ${attr.name} to a value no other ${owner} has, e.g. “${clip(value)}2”.`
      : `Change ${attr.name} to a value no other ${owner} has.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Schema errors → problems (MO-5, MO-6, MO-7)

function pointer(instancePath: string): string[] {
  return instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function schemaProblem(c: Collector, doc: ModelDocument, error: ErrorObject) {
  if (error.keyword === "if") return; // restates the `then` errors that follow it
  const path = pointer(error.instancePath);
  const at = path[0] === "objects" && path.length >= 2 ? Number(path[1]) : NaN;
  const obj = c.model.objects[at];
  if (!obj) return modelLevelProblem(c, path, error);
  const key = path[2] ?? (error.keyword === "required" ? String(error.params.missingProperty) : undefined);
  const f = documentFeatures(c.mm, obj.classId).find((x) => x.key === key);
  if (c.covered.has(String(at)) || (f && c.covered.has(`${at}/${f.feature.id}`))) return;
  if (!f) return modelLevelProblem(c, path, error);
  const value = doc.objects[at]?.[f.key];
  if (f.kind === "reference") return multiplicityProblem(c, obj, f.feature, () => modelLevelProblem(c, path, error));
  attributeProblem(c, obj, f.feature, error, value, path[3]);
}

function modelLevelProblem(c: Collector, path: string[], error: ErrorObject) {
  const where = path.length ? path.join(".") : "the model";
  c.add("invalid-model", {}, `The model document: ${where} ${error.message ?? "is invalid"}.`, "Correct the model (or the file it came from) so that it fits the format.");
}

function attributeProblem(c: Collector, obj: ModelObject, attr: Attribute, error: ErrorObject, value: JsonValue | undefined, item: string | undefined) {
  const where = { objectId: obj.id, featureId: attr.id };
  const want = expected(c.mm, attr);
  const enter = attr.type === "enum" ? "Pick" : "Enter";
  if (error.keyword === "required" || error.keyword === "minItems") {
    const message = `${c.who(obj)}: ${attr.name} is required but has no value${attr.many ? "s" : ""}.`;
    c.add("missing-value", where, message, `${attr.many ? "Add at least one value" : `${enter} a value`} for ${attr.name} (${want}).`);
  } else if (item !== undefined && Array.isArray(value)) {
    const n = Number(item);
    const message = `${c.who(obj)}: the ${ordinal(n + 1)} value of ${attr.name} must be ${want}, not ${show(value[n])}.`;
    c.add("invalid-value", where, message, `${enter} ${want} as the ${ordinal(n + 1)} value.`);
  } else if (attr.many && !Array.isArray(value)) {
    c.add("invalid-value", where, `${c.who(obj)}: ${attr.name} must be a list (each value ${want}), not ${show(value)}.`, `Make ${attr.name} a list of its values.`);
  } else {
    c.add("invalid-value", where, `${c.who(obj)}: ${attr.name} must be ${want}, not ${show(value)}.`, `${enter} ${want}.`);
  }
}

function multiplicityProblem(c: Collector, obj: ModelObject, ref: Reference, otherwise: () => void) {
  const count = obj.references[ref.id]?.length ?? 0;
  // Within bounds, the schema objected to a target id itself (ids of well-formed models never fail).
  if (count >= ref.lower && (ref.upper === MANY || count <= ref.upper)) return otherwise();
  const target = metamodelIndex(c.mm).classes.get(ref.target)?.name ?? ref.target;
  const range =
    ref.lower === ref.upper ? `exactly ${ref.lower}` : ref.upper === MANY ? `at least ${ref.lower}` : count < ref.lower ? `at least ${ref.lower}` : `at most ${ref.upper}`;
  const plural = (n: number) => (n === 1 ? "" : "s");
  const bound = count < ref.lower ? ref.lower : ref.upper;
  const message = `${c.who(obj)}: ${ref.name} needs ${range} target${plural(bound)} (${target}); it has ${count === 0 ? "none" : count}.`;
  const fix =
    count < ref.lower
      ? `Add ${ref.lower - count} ${target} object${plural(ref.lower - count)} to ${ref.name}.`
      : `Remove ${count - ref.upper} of the targets of ${ref.name}.`;
  c.add("multiplicity", { objectId: obj.id, featureId: ref.id }, message, fix);
}

function checkSchema(c: Collector) {
  const doc = toModelDocument(c.mm, c.model);
  const validate = validatorFor(c.mm);
  if (validate(doc)) return;
  const before = c.problems.length;
  for (const error of validate.errors ?? []) schemaProblem(c, doc, error);
  // Several schema errors can say one thing (a wrong type and a wrong format, say): keep one of each.
  const seen = new Set<string>();
  const added = c.problems.splice(before).filter((p) => {
    const key = `${p.code}|${p.objectId}|${p.featureId}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  c.problems.push(...added);
}

// ---------------------------------------------------------------------------------------------

/**
 * All problems of `model` against `mm`, in rule order (SPEC.md section 2). Treats `mm` as an immutable
 * value: its compiled schema is cached per meta-model object.
 */
export function checkModel(mm: MetaModel, model: Model): ModelProblem[] {
  const c = new Collector(mm, model);
  const byId = objectsById(model);
  checkIds(c, byId);
  checkClasses(c);
  checkOrphans(c, byId);
  const links = checkTargets(c, byId);
  const containment = links.filter((l) => l.ref.containment);
  checkContainers(c, containment);
  checkContainmentCycles(c, containment);
  checkUnique(c);
  checkSchema(c);
  const order = (p: ModelProblem) => Number(p.rule.slice(3));
  return c.problems.sort((a, b) => order(a) - order(b));
}
