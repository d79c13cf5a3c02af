import { documentFeatures, enumLiterals, metamodelIndex } from "@/core/model/document";
import type { Attribute, MetaClass, MetaModel, Reference } from "@/core/metamodel/schema";
import type { JsonValue, Model, ModelObject } from "@/core/model/schema";

/**
 * What the model editor derives from a meta-model (columns per class, where a class can be
 * contained) and from a model (objects by id and class, labels, containers). Pure, so it is tested
 * without a browser; the editor memoises it per meta-model and per model read.
 */

export type Column = { kind: "attribute"; feature: Attribute; owner: MetaClass } | { kind: "reference"; feature: Reference; owner: MetaClass };

/** A place an object of some class can live: containment reference `ref` of objects of `owner` (or its subclasses). */
export interface ContainmentSlot {
  owner: MetaClass;
  ref: Reference;
}

export interface ClassInfo {
  cls: MetaClass;
  /** Attributes (inherited, then own), then references (inherited, then own). */
  columns: Column[];
  /** Containment references that can hold objects of this class. */
  containedIn: ContainmentSlot[];
}

export interface MetamodelInfo {
  mm: MetaModel;
  classes: Map<string, ClassInfo>;
  /** Classes that get a tab: concrete ones, in meta-model order. */
  concrete: MetaClass[];
  containmentRefs: Set<string>;
}

const infos = new WeakMap<MetaModel, MetamodelInfo>();

export function metamodelInfo(mm: MetaModel): MetamodelInfo {
  let info = infos.get(mm);
  if (info) return info;
  const index = metamodelIndex(mm);
  const containment: ContainmentSlot[] = [];
  for (const owner of mm.classes) for (const ref of owner.references) if (ref.containment) containment.push({ owner, ref });
  const classes = new Map<string, ClassInfo>();
  for (const cls of mm.classes) {
    // Inherited features first (from the most general supertype down), so `name` and the like lead in every subclass.
    const owners = [...new Set(documentFeatures(mm, cls.id).map((f) => f.owner))].reverse();
    const features = owners.flatMap((o) => documentFeatures(mm, cls.id).filter((f) => f.owner === o));
    const columns: Column[] = [
      ...features.flatMap((f): Column[] => (f.kind === "attribute" ? [{ kind: "attribute", feature: f.feature, owner: f.owner }] : [])),
      ...features.flatMap((f): Column[] => (f.kind === "reference" ? [{ kind: "reference", feature: f.feature, owner: f.owner }] : [])),
    ];
    classes.set(cls.id, { cls, columns, containedIn: containment.filter((s) => index.conformsTo(cls.id, s.ref.target)) });
  }
  info = { mm, classes, concrete: mm.classes.filter((c) => !c.abstract), containmentRefs: new Set(containment.map((s) => s.ref.id)) };
  infos.set(mm, info);
  return info;
}

// ---------------------------------------------------------------------------------------------
// Labels

const LABEL_NAMES = ["name", "title"];

/** What to call an object: its `name`, `title` or first text value; its id when it has none. */
export function objectLabel(mm: MetaModel, obj: ModelObject): string {
  const texts = documentFeatures(mm, obj.classId).flatMap((f) =>
    f.kind === "attribute" && (f.feature.type === "string" || f.feature.type === "text") && !f.feature.many ? [f.feature] : [],
  );
  const valueOf = (id: string) => {
    const v = obj.attributes[id];
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  for (const name of LABEL_NAMES) {
    const a = texts.find((x) => x.name === name && valueOf(x.id) !== undefined);
    if (a) return clip(valueOf(a.id)!);
  }
  // Else the first text that is not just the attribute's default (a new form's "Save" label names nothing).
  for (const a of texts) {
    const v = valueOf(a.id);
    if (v !== undefined && v !== a.default) return clip(v);
  }
  return obj.id;
}

function clip(text: string, max = 60): string {
  const line = text.split("\n")[0]!;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

// ---------------------------------------------------------------------------------------------
// The model, indexed

export interface Placement {
  container: string;
  refId: string;
}

export interface ModelInfo {
  byId: Map<string, ModelObject>;
  /** Objects by class id (exactly that class), in model order. */
  byClass: Map<string, ModelObject[]>;
  /** Objects whose class the meta-model does not have (any more). */
  unknown: ModelObject[];
  labels: Map<string, string>;
  /** Where each contained object lives (its first container, in model order). */
  containerOf: Map<string, Placement>;
  label(id: string): string;
  /** "email · Customer": the label with the container's, to tell apart objects with one name. */
  longLabel(id: string): string;
  /** Labels for a list of choices: the long label only where the short one is shared. */
  distinct(ids: readonly string[]): Map<string, string>;
  /** Objects of `classId` or of its subclasses, in model order. */
  conforming(classId: string): ModelObject[];
  /** `ids` and everything they contain, recursively. */
  subtree(ids: Iterable<string>): Set<string>;
}

export function modelInfo(mm: MetaModel, model: Model): ModelInfo {
  const index = metamodelIndex(mm);
  const { containmentRefs } = metamodelInfo(mm);
  const byId = new Map<string, ModelObject>();
  const byClass = new Map<string, ModelObject[]>();
  const unknown: ModelObject[] = [];
  const labels = new Map<string, string>();
  const containerOf = new Map<string, Placement>();
  for (const obj of model.objects) {
    if (byId.has(obj.id)) continue;
    byId.set(obj.id, obj);
    labels.set(obj.id, objectLabel(mm, obj));
    if (!index.classes.has(obj.classId)) unknown.push(obj);
    const list = byClass.get(obj.classId);
    if (list) list.push(obj);
    else byClass.set(obj.classId, [obj]);
  }
  for (const obj of model.objects) {
    for (const [refId, targets] of Object.entries(obj.references)) {
      if (!containmentRefs.has(refId)) continue;
      for (const t of targets) if (!containerOf.has(t) && t !== obj.id) containerOf.set(t, { container: obj.id, refId });
    }
  }
  const label = (id: string) => labels.get(id) ?? id;
  const longLabel = (id: string) => {
    const home = containerOf.get(id);
    return home ? `${label(id)} · ${label(home.container)}` : label(id);
  };
  const conformingCache = new Map<string, ModelObject[]>();
  return {
    byId,
    byClass,
    unknown,
    labels,
    containerOf,
    label,
    longLabel,
    distinct(ids) {
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(label(id), (counts.get(label(id)) ?? 0) + 1);
      return new Map(ids.map((id) => [id, counts.get(label(id))! > 1 ? longLabel(id) : label(id)]));
    },
    conforming(classId) {
      let list = conformingCache.get(classId);
      if (!list) {
        list = [...byId.values()].filter((o) => index.classes.has(o.classId) && index.conformsTo(o.classId, classId));
        conformingCache.set(classId, list);
      }
      return list;
    },
    subtree(ids) {
      const out = new Set<string>();
      const queue = [...ids];
      while (queue.length) {
        const id = queue.pop()!;
        const obj = byId.get(id);
        if (out.has(id) || !obj) continue;
        out.add(id);
        for (const [refId, targets] of Object.entries(obj.references)) if (containmentRefs.has(refId)) queue.push(...targets);
      }
      return out;
    },
  };
}

/** The field to start typing in for a new object: its `name` or `title`, else its first attribute. */
export function firstField(mm: MetaModel, classId: string): string | undefined {
  const attrs = (metamodelInfo(mm).classes.get(classId)?.columns ?? []).filter((c) => c.kind === "attribute");
  return (LABEL_NAMES.map((n) => attrs.find((c) => c.feature.name === n)).find(Boolean) ?? attrs[0])?.feature.id;
}

/** Places an object of `classId` can go: each object that has a containment reference able to hold it. */
export function containerOptions(mm: MetaModel, info: ModelInfo, classId: string, exclude: ReadonlySet<string> = new Set()): Array<Placement & { label: string }> {
  const slots = metamodelInfo(mm).classes.get(classId)?.containedIn ?? [];
  const found: Placement[] = [];
  for (const { owner, ref } of slots) {
    for (const obj of info.conforming(owner.id)) if (!exclude.has(obj.id)) found.push({ container: obj.id, refId: ref.id });
  }
  const names = info.distinct(found.map((p) => p.container));
  return found.map((p) => ({ ...p, label: `${names.get(p.container)} › ${metamodelIndex(mm).references.get(p.refId)?.name ?? p.refId}` }));
}

/** Attribute values a new object starts with: the meta-model's defaults (enum defaults are literal names, stored as ids). */
export function defaultValues(mm: MetaModel, classId: string): Record<string, JsonValue> {
  const values: Record<string, JsonValue> = {};
  for (const col of metamodelInfo(mm).classes.get(classId)?.columns ?? []) {
    if (col.kind !== "attribute" || col.feature.default === undefined || col.feature.default === null) continue;
    const attr = col.feature;
    let value: JsonValue = attr.default!;
    if (attr.type === "enum") {
      const id = enumLiterals(mm, attr.enumId)?.idByName.get(String(value));
      if (id === undefined) continue;
      value = id;
    }
    values[attr.id] = attr.many ? [value] : value;
  }
  return values;
}

// ---------------------------------------------------------------------------------------------
// Values as text, and back

export type Parsed = { ok: true; value: JsonValue | undefined } | { ok: false; error: string };

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** A stored RFC 3339 date-time as the `datetime-local` input shows it (local time, with seconds); null if unreadable. */
export function toLocalDateTime(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A `datetime-local` value (local time) as RFC 3339 in UTC, with seconds: 2026-01-31T09:30:00Z. */
export function fromLocalDateTime(text: string): string | null {
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Does a stored value have the shape the attribute's input edits? (Otherwise it is shown as raw text.) */
export function fitsInput(attr: Attribute, value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  switch (attr.type) {
    case "int":
    case "float":
      return typeof value === "number";
    case "bool":
      return typeof value === "boolean";
    case "json":
      return true;
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case "datetime":
      return typeof value === "string" && toLocalDateTime(value) !== null;
    default:
      return typeof value === "string";
  }
}

/** A single value as its input shows it. */
export function formatValue(attr: Attribute, value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (attr.type === "json") return JSON.stringify(value, null, 2);
  if (attr.type === "datetime" && typeof value === "string") return toLocalDateTime(value) ?? value;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A single value as a chip or an option shows it. */
export function showValue(mm: MetaModel, attr: Attribute, value: JsonValue): string {
  if (attr.type === "enum" && typeof value === "string") return enumLiterals(mm, attr.enumId)?.nameById.get(value) ?? `${value} (removed)`;
  if (attr.type === "datetime" && typeof value === "string") {
    const local = toLocalDateTime(value);
    return local ? local.replace("T", " ") : value;
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** What typing `text` into an input of `attr` means; "" unsets. `raw`: the text came from a plain text field. */
export function parseValue(attr: Attribute, text: string, raw = false): Parsed {
  if (text.trim() === "" && attr.type !== "string" && attr.type !== "text") return { ok: true, value: undefined };
  if (text === "") return { ok: true, value: undefined };
  switch (attr.type) {
    case "int": {
      const t = text.trim();
      if (!/^[-+]?\d+(\.0*)?$/.test(t)) return { ok: false, error: /^[-+]?\d*\.\d+$/.test(t) || /^[-+]?\d+\.\d*$/.test(t) ? "Whole numbers only: no decimals." : "Enter a whole number." };
      const n = Number(t);
      return Number.isSafeInteger(n) ? { ok: true, value: n } : { ok: false, error: "That number is too large." };
    }
    case "float": {
      const n = Number(text.trim());
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: "Enter a number." };
    }
    case "bool": {
      const t = text.trim().toLowerCase();
      if (t === "true" || t === "false") return { ok: true, value: t === "true" };
      return { ok: false, error: "Enter true or false." };
    }
    case "json":
      try {
        return { ok: true, value: JSON.parse(text) as JsonValue };
      } catch (error) {
        return { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
      }
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? { ok: true, value: text.trim() } : { ok: false, error: "Enter a date like 2026-01-31." };
    case "datetime": {
      if (raw) return { ok: true, value: text.trim() };
      const iso = fromLocalDateTime(text);
      return iso ? { ok: true, value: iso } : { ok: false, error: "Enter a date and a time." };
    }
    default:
      return { ok: true, value: text };
  }
}
