import { z } from "zod";
import { MetamodelIndex } from "../metamodel/inheritance";
import { elementIdSchema, type Attribute, type MetaClass, type MetaModel, type Reference } from "../metamodel/schema";
import { jsonValueSchema, modelSchema, type JsonValue, type Model, type ModelObject } from "./schema";

/**
 * The model document: the name-keyed JSON form of a model, used as its import/export file format
 * (core/model/SPEC.md section 3). The stored model is keyed by ids; the document is keyed by names,
 * so people can read and write it, and `json-schema.ts` can describe it.
 */

export const MODEL_FORMAT = "metaforge.model";
export const MODEL_FORMAT_VERSION = 1;

/** One object: its id, its class name, then one key per set feature (see `documentKey`). */
export interface ModelDocumentObject {
  id: string;
  class: string;
  [feature: string]: JsonValue;
}

export interface ModelDocument {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_FORMAT_VERSION;
  name: string;
  description: string;
  objects: ModelDocumentObject[];
}

export type ModelDocumentResult = { ok: true; model: Model } | { ok: false; error: string };

/** A feature of a class as it appears in documents. */
export type DocumentFeature =
  | { key: string; kind: "attribute"; feature: Attribute; owner: MetaClass }
  | { key: string; kind: "reference"; feature: Reference; owner: MetaClass };

/** Literal names and ids of one enum, both ways. */
export interface EnumLiterals {
  name: string;
  names: string[];
  nameById: Map<string, string>;
  idByName: Map<string, string>;
}

// `id` and `class` are the document's own keys. Feature names are identifiers, which never start
// with `@`, so prefixing the two clashing names cannot collide with another feature.
const RESERVED_KEYS = new Set(["id", "class"]);

/** The key feature `name` is written under: the name itself, or `@id` / `@class` for the reserved two. */
export function documentKey(name: string): string {
  return RESERVED_KEYS.has(name) ? `@${name}` : name;
}

interface Context {
  index: MetamodelIndex;
  classByName: Map<string, MetaClass>;
  features: Map<string, DocumentFeature[]>;
  enums: Map<string, EnumLiterals>;
}

// Meta-models are immutable values (an edit yields a new object), so per-object caching is safe.
const contexts = new WeakMap<MetaModel, Context>();

function context(mm: MetaModel): Context {
  let ctx = contexts.get(mm);
  if (!ctx) {
    const enums = new Map<string, EnumLiterals>();
    for (const e of mm.enums) {
      enums.set(e.id, {
        name: e.name,
        names: e.literals.map((l) => l.name),
        nameById: new Map(e.literals.map((l) => [l.id, l.name])),
        idByName: new Map(e.literals.map((l) => [l.name, l.id])),
      });
    }
    // The first class of a name wins; two classes with one name are a meta-model error (MM-2).
    const classByName = new Map<string, MetaClass>();
    for (const c of mm.classes) if (!classByName.has(c.name)) classByName.set(c.name, c);
    ctx = { index: new MetamodelIndex(mm), classByName, features: new Map(), enums };
    contexts.set(mm, ctx);
  }
  return ctx;
}

/** Own and inherited features of `classId` in document order (own first); [] for an unknown class. */
export function documentFeatures(mm: MetaModel, classId: string): DocumentFeature[] {
  const ctx = context(mm);
  let list = ctx.features.get(classId);
  if (!list) {
    list = ctx.index.allFeatures(classId).map(({ owner, feature, kind }) =>
      kind === "attribute"
        ? { key: documentKey(feature.name), kind, feature: feature as Attribute, owner }
        : { key: documentKey(feature.name), kind, feature: feature as Reference, owner },
    );
    ctx.features.set(classId, list);
  }
  return list;
}

/** The literals of enum `enumId`, or undefined when the meta-model has no such enum. */
export function enumLiterals(mm: MetaModel, enumId: string | undefined): EnumLiterals | undefined {
  return enumId === undefined ? undefined : context(mm).enums.get(enumId);
}

/** The shared lookup index of `mm` (cached). */
export function metamodelIndex(mm: MetaModel): MetamodelIndex {
  return context(mm).index;
}

// ---------------------------------------------------------------------------------------------
// Model → document

// Literal ids become names. An id the enum no longer has cannot be named, so it is left out; the
// conformance check reports it (MO-12). Values of the wrong shape pass through for the schema to report.
function encodeAttribute(mm: MetaModel, attr: Attribute, value: JsonValue): JsonValue | undefined {
  if (attr.type !== "enum") return value;
  const literals = enumLiterals(mm, attr.enumId);
  const name = (v: JsonValue) => (typeof v === "string" ? literals?.nameById.get(v) : v);
  if (!Array.isArray(value)) return name(value);
  return value.flatMap((v) => {
    const n = name(v);
    return n === undefined ? [] : [n];
  });
}

// A single-valued reference is written as one id; anything else, including a single-valued reference
// that wrongly holds several targets, as a list, so nothing is lost and the schema can report it.
function encodeReference(ref: Reference, targets: string[] | undefined): JsonValue | undefined {
  if (!targets || targets.length === 0) return undefined;
  return ref.upper === 1 && targets.length === 1 ? targets[0]! : [...targets];
}

function documentObject(mm: MetaModel, obj: ModelObject): ModelDocumentObject {
  // An object of a removed class keeps its class id, which import refuses as an unknown name (MO-4).
  const out: ModelDocumentObject = { id: obj.id, class: metamodelIndex(mm).classes.get(obj.classId)?.name ?? obj.classId };
  for (const f of documentFeatures(mm, obj.classId)) {
    const value =
      f.kind === "attribute"
        ? Object.hasOwn(obj.attributes, f.feature.id)
          ? encodeAttribute(mm, f.feature, obj.attributes[f.feature.id]!)
          : undefined
        : encodeReference(f.feature, obj.references[f.feature.id]);
    if (value !== undefined) out[f.key] = value;
  }
  return out;
}

/**
 * The document form of `model`: deterministic (id, class, then features in class order, own first),
 * unset features left out. Values the meta-model can no longer express (removed features, removed enum
 * literals) are left out too; `checkModel` reports them (MO-11, MO-12).
 */
export function toModelDocument(mm: MetaModel, model: Model): ModelDocument {
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    name: model.name,
    description: model.description,
    objects: model.objects.map((o) => documentObject(mm, o)),
  };
}

// ---------------------------------------------------------------------------------------------
// Document → model

const headerSchema = z.object({
  format: z.literal(MODEL_FORMAT, { message: `must be "${MODEL_FORMAT}"` }),
  version: z.literal(MODEL_FORMAT_VERSION, { message: `must be ${MODEL_FORMAT_VERSION}` }),
});

const documentSchema = z.strictObject({
  // Lets a document point editors at its JSON Schema; ignored otherwise.
  $schema: z.string().optional(),
  ...headerSchema.shape,
  name: modelSchema.shape.name,
  description: z.string().default(""),
  objects: z.array(z.looseObject({ id: elementIdSchema, class: z.string() })).default([]),
});

type DocumentObjectInput = z.infer<typeof documentSchema>["objects"][number];

class DocumentError extends Error {}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (/^[A-Za-z_@$][A-Za-z0-9_]*$/.test(String(key))) out += out ? `.${String(key)}` : String(key);
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || "the document";
}

function fail(path: readonly PropertyKey[], message: string): never {
  throw new DocumentError(`Not a Metaforge model document: ${formatPath(path)}: ${message}`);
}

function readAttribute(mm: MetaModel, attr: Attribute, value: unknown, path: PropertyKey[]): JsonValue {
  if (!jsonValueSchema.safeParse(value).success) fail(path, "is not a JSON value.");
  const json = structuredClone(value as JsonValue);
  if (attr.type !== "enum") return json;
  const literals = enumLiterals(mm, attr.enumId);
  const toId = (v: JsonValue, at: PropertyKey[]): JsonValue => {
    if (typeof v !== "string") return v; // the wrong type is a conformance problem, not a format one
    const id = literals?.idByName.get(v);
    if (id === undefined) {
      fail(at, `"${v}" is not a literal of ${literals?.name ?? "its enum"} (${literals?.names.join(", ") || "it has none"}).`);
    }
    return id;
  };
  return Array.isArray(json) ? json.map((v, i) => toId(v, [...path, i])) : toId(json, path);
}

function readTargets(value: unknown, path: PropertyKey[]): string[] {
  const list = Array.isArray(value) ? value : [value];
  list.forEach((id, i) => {
    if (!elementIdSchema.safeParse(id).success) fail(Array.isArray(value) ? [...path, i] : path, "must be an object id, or a list of object ids.");
  });
  return list as string[];
}

function readObject(mm: MetaModel, raw: DocumentObjectInput, i: number): ModelObject {
  const cls = context(mm).classByName.get(raw.class);
  if (!cls) fail(["objects", i, "class"], `${mm.name} has no class named "${raw.class}".`);
  const obj: ModelObject = { id: raw.id, classId: cls.id, attributes: {}, references: {} };
  const features = new Map(documentFeatures(mm, cls.id).map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(raw)) {
    if (RESERVED_KEYS.has(key)) continue;
    const path = ["objects", i, key];
    const f = features.get(key);
    if (!f) fail(path, `${cls.name} has no attribute or reference named "${key}" (it has: ${[...features.keys()].join(", ") || "none"}).`);
    if (f.kind === "attribute") obj.attributes[f.feature.id] = readAttribute(mm, f.feature, value, path);
    else {
      const targets = readTargets(value, path);
      if (targets.length > 0) obj.references[f.feature.id] = targets;
    }
  }
  return obj;
}

/**
 * Reads a model document (already parsed from JSON). Anything that cannot be stored is refused with
 * the path of the first wrong field: a wrong header, a missing id, an unknown class, feature or literal
 * name. Anything that can be stored but breaks a rule (a wrong type, a missing target) is accepted;
 * `checkModel` lists it.
 */
export function fromModelDocument(mm: MetaModel, doc: unknown): ModelDocumentResult {
  const header = headerSchema.safeParse(doc);
  const parsed = header.success ? documentSchema.safeParse(doc) : header;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `Not a Metaforge model document: ${formatPath(issue.path)}: ${issue.message}` };
  }
  const data = parsed.data as z.infer<typeof documentSchema>;
  try {
    const objects = data.objects.map((raw, i) => readObject(mm, raw, i));
    return { ok: true, model: { name: data.name, description: data.description, objects } };
  } catch (error) {
    if (error instanceof DocumentError) return { ok: false, error: error.message };
    throw error;
  }
}
