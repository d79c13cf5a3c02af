import { MANY, multiplicity, type Attribute, type MetaClass, type MetaModel, type Reference } from "../metamodel/schema";
import { documentFeatures, enumLiterals, metamodelIndex, MODEL_FORMAT, MODEL_FORMAT_VERSION } from "./document";
import type { JsonValue } from "./schema";

/**
 * Compiles a meta-model to the JSON Schema (2020-12) of its model documents (SPEC.md section 4).
 * The schema is handed to users as a file, so it is written to be read: one `$defs` entry per class,
 * named after the class, with the meta-model's descriptions.
 */

export const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

export type JsonSchema = { [keyword: string]: JsonValue };

// Class names are identifiers, so a name with a dash can never clash with a class's definition.
const OBJECT_ID_DEF = "object-id";
const objectIdRef = (): JsonSchema => ({ $ref: `#/$defs/${OBJECT_ID_DEF}` });

// Mirrors elementIdSchema in core/metamodel/schema.ts, which model objects use for their ids.
const OBJECT_ID: JsonSchema = {
  description: "An object id: unique within the model, never changed.",
  type: "string",
  minLength: 1,
  maxLength: 64,
  pattern: "^[A-Za-z0-9_-]+$",
};

function defRef(name: string): string {
  const pointer = name.replace(/~/g, "~0").replace(/\//g, "~1");
  return `#/$defs/${encodeURIComponent(pointer)}`;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "model";
}

/**
 * `enum` needs at least one value; an empty choice is written as a schema nothing matches. Repeated
 * names (a meta-model with MM-2 or MM-10 errors) are written once.
 */
function oneOf(values: string[], emptyReason: string): JsonSchema {
  return values.length > 0 ? { enum: [...new Set(values)] } : { description: emptyReason, not: {} };
}

function valueSchema(mm: MetaModel, a: Attribute): JsonSchema {
  switch (a.type) {
    case "string":
    case "text":
      return { type: "string" };
    case "int":
      return { type: "integer" };
    case "float":
      return { type: "number" };
    case "bool":
      return { type: "boolean" };
    case "date":
      return { type: "string", format: "date" };
    case "datetime":
      return { type: "string", format: "date-time" };
    case "uuid":
      return { type: "string", format: "uuid" };
    case "json":
      return {};
    case "enum": {
      const literals = enumLiterals(mm, a.enumId);
      return oneOf(literals?.names ?? [], literals ? `${literals.name} has no literals, so no value fits.` : "Its enum no longer exists, so no value fits.");
    }
  }
}

function attributeSchema(mm: MetaModel, a: Attribute): JsonSchema {
  const out: JsonSchema = a.description ? { description: a.description } : {};
  if (a.many) {
    Object.assign(out, { type: "array", items: valueSchema(mm, a), uniqueItems: false });
    // A required list needs at least one value: an empty list is no value.
    if (a.required) out.minItems = 1;
    return out;
  }
  Object.assign(out, valueSchema(mm, a));
  if (a.default !== undefined && a.default !== null) out.default = a.default;
  return out;
}

function referenceNote(mm: MetaModel, r: Reference): string {
  const target = metamodelIndex(mm).classes.get(r.target)?.name ?? r.target;
  const verb = r.containment ? "contains" : "refers to";
  const what = r.upper === 1 ? `The ${target} it ${verb}` : `The ${target} objects it ${verb}`;
  return `${what}, by id (${multiplicity(r.lower, r.upper)}).`;
}

function referenceSchema(mm: MetaModel, r: Reference): JsonSchema {
  const description = [r.description, referenceNote(mm, r)].filter(Boolean).join(" ");
  if (r.upper === 1) return { description, ...objectIdRef() };
  return {
    description,
    type: "array",
    items: objectIdRef(),
    ...(r.lower > 0 ? { minItems: r.lower } : {}),
    // A negative upper bound other than * is an MM-8 error; it sets no limit rather than an invalid schema.
    ...(r.upper !== MANY && r.upper >= 0 ? { maxItems: r.upper } : {}),
  };
}

function classSchema(mm: MetaModel, c: MetaClass): JsonSchema {
  const properties: JsonSchema = { id: objectIdRef(), class: { const: c.name } };
  // A set: two features with one name (an MM-3 error) must not repeat a key, which schemas forbid.
  const required = new Set(["id", "class"]);
  for (const f of documentFeatures(mm, c.id)) {
    properties[f.key] = f.kind === "attribute" ? attributeSchema(mm, f.feature) : referenceSchema(mm, f.feature);
    const isRequired = f.kind === "attribute" ? f.feature.required : f.feature.lower >= 1;
    if (isRequired) required.add(f.key);
  }
  const description = [c.description, c.abstract ? "Abstract: objects are of its subclasses." : ""].filter(Boolean).join(" ");
  return { ...(description ? { description } : {}), type: "object", required: [...required], properties, additionalProperties: false };
}

// Dispatching on `class` with if/then (rather than oneOf) makes a validator report only the errors
// of the object's own class, not of every class it failed to be.
function objectSchema(mm: MetaModel): JsonSchema {
  const concrete = mm.classes.filter((c) => !c.abstract);
  return {
    description: "An object of the model. Its class decides its other properties.",
    type: "object",
    required: ["class"],
    properties: { class: { description: "The object's class.", ...oneOf(concrete.map((c) => c.name), "The meta-model has no concrete class.") } },
    // allOf may not be empty: a meta-model without concrete classes has nothing to dispatch to.
    ...(concrete.length > 0
      ? {
          allOf: concrete.map((c) => ({
            if: { properties: { class: { const: c.name } }, required: ["class"] },
            then: { $ref: defRef(c.name) },
          })),
        }
      : {}),
  };
}

/** The JSON Schema of `mm`'s model documents. `options.id` overrides the default `$id`. */
export function metamodelToJsonSchema(mm: MetaModel, options: { id?: string } = {}): JsonSchema {
  const defs: JsonSchema = { [OBJECT_ID_DEF]: OBJECT_ID };
  for (const c of mm.classes) defs[c.name] = classSchema(mm, c);
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: options.id ?? `urn:metaforge:model:${slug(mm.name)}:v${MODEL_FORMAT_VERSION}`,
    title: `${mm.name} model`,
    description: mm.description || `A model of the ${mm.name} meta-model.`,
    type: "object",
    required: ["format", "version", "name", "objects"],
    properties: {
      $schema: { description: "Where to find this schema (for editors).", type: "string" },
      format: { const: MODEL_FORMAT },
      version: { const: MODEL_FORMAT_VERSION },
      name: { type: "string", minLength: 1, maxLength: 120 },
      description: { type: "string" },
      objects: { description: "Every object of the model, containers and contained alike.", type: "array", items: objectSchema(mm) },
    },
    additionalProperties: false,
    $defs: defs,
  };
}
