import * as Y from "yjs";
import { newId } from "../metamodel/ids";
import {
  MANY,
  type Attribute,
  type DefaultValue,
  type Layout,
  type MetaClass,
  type MetaEnum,
  type MetaModel,
  type Position,
  type Reference,
} from "../metamodel/schema";

/**
 * A meta-model as a Yjs document (SPEC.md section 4). Every class, enum, feature and literal is a Y.Map
 * keyed by its id, with one entry per field, so concurrent edits to different fields merge and edits
 * to one field converge. Diagram positions live in their own map.
 *
 *   meta     name, description
 *   classes  id -> { name, description, abstract, order, supertypes: {id: true}, features: id -> {...} }
 *   enums    id -> { name, description, order, literals: id -> { name, order } }
 *   layout   id -> { x, y }
 */

type YMap = Y.Map<unknown>;

export interface DocRoots {
  meta: YMap;
  classes: Y.Map<YMap>;
  enums: Y.Map<YMap>;
  layout: Y.Map<Position>;
}

export function roots(doc: Y.Doc): DocRoots {
  return {
    meta: doc.getMap("meta"),
    classes: doc.getMap("classes") as Y.Map<YMap>,
    enums: doc.getMap("enums") as Y.Map<YMap>,
    layout: doc.getMap("layout") as Y.Map<Position>,
  };
}

// --- reading ---------------------------------------------------------------------------------------

const str = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);
const bool = (v: unknown) => v === true;
const int = (v: unknown, fallback: number) => (typeof v === "number" && Number.isInteger(v) ? v : fallback);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

function sortedEntries(map: Y.Map<YMap>): Array<[string, YMap]> {
  return [...map.entries()]
    .filter((e): e is [string, YMap] => e[1] instanceof Y.Map)
    .sort(([ia, a], [ib, b]) => num(a.get("order")) - num(b.get("order")) || (ia < ib ? -1 : ia > ib ? 1 : 0));
}

const ATTRIBUTE_TYPES = new Set(["string", "text", "int", "float", "bool", "date", "datetime", "uuid", "json", "enum"]);

function readFeature(id: string, f: YMap): { kind: "attribute"; value: Attribute } | { kind: "reference"; value: Reference } {
  if (f.get("kind") === "reference") {
    const opposite = f.get("opposite");
    return {
      kind: "reference",
      value: {
        id,
        name: str(f.get("name")),
        description: str(f.get("description")),
        target: str(f.get("target")),
        containment: bool(f.get("containment")),
        lower: int(f.get("lower"), 0),
        upper: int(f.get("upper"), 1),
        ...(typeof opposite === "string" && opposite ? { opposite } : {}),
      },
    };
  }
  const type = str(f.get("type"), "string");
  const enumId = f.get("enumId");
  const def = f.get("default");
  return {
    kind: "attribute",
    value: {
      id,
      name: str(f.get("name")),
      description: str(f.get("description")),
      type: (ATTRIBUTE_TYPES.has(type) ? type : "string") as Attribute["type"],
      ...(type === "enum" && typeof enumId === "string" && enumId ? { enumId } : {}),
      required: bool(f.get("required")),
      many: bool(f.get("many")),
      unique: bool(f.get("unique")),
      ...(f.has("default") && (def === null || ["string", "number", "boolean"].includes(typeof def))
        ? { default: def as DefaultValue }
        : {}),
    },
  };
}

function readClass(id: string, c: YMap): MetaClass {
  const supertypes = c.get("supertypes");
  const features = c.get("features");
  const attributes: Attribute[] = [];
  const references: Reference[] = [];
  if (features instanceof Y.Map) {
    for (const [fid, f] of sortedEntries(features as Y.Map<YMap>)) {
      const read = readFeature(fid, f);
      if (read.kind === "attribute") attributes.push(read.value);
      else references.push(read.value);
    }
  }
  return {
    id,
    name: str(c.get("name")),
    description: str(c.get("description")),
    abstract: bool(c.get("abstract")),
    supertypes: supertypes instanceof Y.Map ? [...supertypes.keys()].sort() : [],
    attributes,
    references,
  };
}

function readEnum(id: string, e: YMap): MetaEnum {
  const literals = e.get("literals");
  return {
    id,
    name: str(e.get("name")),
    description: str(e.get("description")),
    literals:
      literals instanceof Y.Map ? sortedEntries(literals as Y.Map<YMap>).map(([lid, l]) => ({ id: lid, name: str(l.get("name")) })) : [],
  };
}

/** The meta-model held by `doc` (always schema-valid, whatever the concurrent history: SPEC 4.5). */
export function readMetamodel(doc: Y.Doc): MetaModel {
  const r = roots(doc);
  return {
    name: str(r.meta.get("name"), "Untitled").trim() || "Untitled",
    description: str(r.meta.get("description")),
    classes: sortedEntries(r.classes).map(([id, c]) => readClass(id, c)),
    enums: sortedEntries(r.enums).map(([id, e]) => readEnum(id, e)),
  };
}

export function readLayout(doc: Y.Doc): Layout {
  const out: Layout = {};
  for (const [id, p] of roots(doc).layout.entries()) {
    if (p && typeof p.x === "number" && typeof p.y === "number") out[id] = { x: p.x, y: p.y };
  }
  return out;
}

// --- writing ---------------------------------------------------------------------------------------

function nextOrder(map: Y.Map<YMap>): number {
  let max = 0;
  for (const v of map.values()) if (v instanceof Y.Map) max = Math.max(max, num(v.get("order")));
  return max + 1;
}

function setFields(target: YMap, fields: Record<string, unknown>) {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) target.delete(key);
    else if (target.get(key) !== value) target.set(key, value);
  }
}

function featureFields(f: Attribute | Reference, kind: "attribute" | "reference"): Record<string, unknown> {
  if (kind === "reference") {
    const r = f as Reference;
    return {
      kind,
      name: r.name,
      description: r.description,
      target: r.target,
      containment: r.containment,
      lower: r.lower,
      upper: r.upper,
      opposite: r.opposite,
    };
  }
  const a = f as Attribute;
  return {
    kind,
    name: a.name,
    description: a.description,
    type: a.type,
    enumId: a.type === "enum" ? a.enumId : undefined,
    required: a.required,
    many: a.many,
    unique: a.unique,
    default: a.default,
  };
}

function newFeatureMap(fields: Record<string, unknown>, order: number): YMap {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) m.set(k, v);
  m.set("order", order);
  return m;
}

function newClassMap(c: MetaClass, order: number): YMap {
  const m = new Y.Map<unknown>();
  m.set("name", c.name);
  m.set("description", c.description);
  m.set("abstract", c.abstract);
  m.set("order", order);
  const supers = new Y.Map<boolean>();
  for (const s of c.supertypes) supers.set(s, true);
  m.set("supertypes", supers);
  const features = new Y.Map<YMap>();
  let i = 1;
  for (const a of c.attributes) features.set(a.id, newFeatureMap(featureFields(a, "attribute"), i++));
  for (const r of c.references) features.set(r.id, newFeatureMap(featureFields(r, "reference"), i++));
  m.set("features", features);
  return m;
}

function newEnumMap(e: MetaEnum, order: number): YMap {
  const m = new Y.Map<unknown>();
  m.set("name", e.name);
  m.set("description", e.description);
  m.set("order", order);
  const literals = new Y.Map<YMap>();
  e.literals.forEach((l, i) => {
    const lm = new Y.Map<unknown>();
    lm.set("name", l.name);
    lm.set("order", i + 1);
    literals.set(l.id, lm);
  });
  m.set("literals", literals);
  return m;
}

export type AttributePatch = Partial<Omit<Attribute, "id">>;
export type ReferencePatch = Partial<Omit<Reference, "id">>;

/** The origin of edits made through this API unless another is given (undo tracks by origin). */
export const LOCAL_ORIGIN = "metaforge:local";

/**
 * Edits a meta-model document. Each method is one transaction with this editor's origin, so a
 * Y.UndoManager tracking that origin undoes exactly this user's edits.
 */
export class MetamodelEditor {
  readonly roots: DocRoots;

  constructor(
    readonly doc: Y.Doc,
    readonly origin: unknown = LOCAL_ORIGIN,
  ) {
    this.roots = roots(doc);
  }

  transact<T>(fn: () => T): T {
    let result!: T;
    this.doc.transact(() => {
      result = fn();
    }, this.origin);
    return result;
  }

  read(): MetaModel {
    return readMetamodel(this.doc);
  }

  private cls(id: string): YMap | undefined {
    const c = this.roots.classes.get(id);
    return c instanceof Y.Map ? c : undefined;
  }

  private features(classId: string): Y.Map<YMap> | undefined {
    const f = this.cls(classId)?.get("features");
    return f instanceof Y.Map ? (f as Y.Map<YMap>) : undefined;
  }

  private enumMap(id: string): YMap | undefined {
    const e = this.roots.enums.get(id);
    return e instanceof Y.Map ? e : undefined;
  }

  /** Replaces the whole content (import), keeping nothing of the old one. */
  replaceAll(mm: MetaModel, layout: Layout = {}) {
    this.transact(() => {
      const { meta, classes, enums, layout: lay } = this.roots;
      meta.set("name", mm.name);
      meta.set("description", mm.description);
      for (const k of [...classes.keys()]) classes.delete(k);
      for (const k of [...enums.keys()]) enums.delete(k);
      for (const k of [...lay.keys()]) lay.delete(k);
      mm.classes.forEach((c, i) => classes.set(c.id, newClassMap(c, i + 1)));
      mm.enums.forEach((e, i) => enums.set(e.id, newEnumMap(e, i + 1)));
      for (const [id, p] of Object.entries(layout)) lay.set(id, { x: p.x, y: p.y });
    });
  }

  setInfo(patch: { name?: string; description?: string }) {
    this.transact(() => setFields(this.roots.meta, patch));
  }

  // classes

  addClass(init: { name: string; position?: Position; abstract?: boolean; description?: string }): string {
    const id = newId("c");
    this.transact(() => {
      this.roots.classes.set(
        id,
        newClassMap(
          { id, name: init.name, description: init.description ?? "", abstract: init.abstract ?? false, supertypes: [], attributes: [], references: [] },
          nextOrder(this.roots.classes),
        ),
      );
      if (init.position) this.roots.layout.set(id, { ...init.position });
    });
    return id;
  }

  updateClass(id: string, patch: { name?: string; description?: string; abstract?: boolean }) {
    this.transact(() => {
      const c = this.cls(id);
      if (c) setFields(c, patch);
    });
  }

  addSupertype(classId: string, superId: string) {
    this.transact(() => {
      const s = this.cls(classId)?.get("supertypes");
      if (s instanceof Y.Map && classId !== superId) s.set(superId, true);
    });
  }

  removeSupertype(classId: string, superId: string) {
    this.transact(() => {
      const s = this.cls(classId)?.get("supertypes");
      if (s instanceof Y.Map) s.delete(superId);
    });
  }

  /** Deletes classes and enums, and whatever would dangle: incoming references, supertype links, enum-typed attributes' enum. */
  deleteNodes(ids: string[]) {
    const gone = new Set(ids);
    this.transact(() => {
      for (const id of ids) {
        this.roots.classes.delete(id);
        this.roots.enums.delete(id);
        this.roots.layout.delete(id);
      }
      for (const c of this.roots.classes.values()) {
        if (!(c instanceof Y.Map)) continue;
        const supers = c.get("supertypes");
        if (supers instanceof Y.Map) for (const s of [...supers.keys()]) if (gone.has(s)) supers.delete(s);
        const features = c.get("features");
        if (!(features instanceof Y.Map)) continue;
        for (const [fid, f] of [...(features as Y.Map<YMap>).entries()]) {
          if (f.get("kind") === "reference" && gone.has(str(f.get("target")))) features.delete(fid);
          if (f.get("kind") === "attribute" && gone.has(str(f.get("enumId")))) {
            f.set("type", "string");
            f.delete("enumId");
            f.delete("default");
          }
        }
      }
      // Opposites of deleted references.
      const refIds = new Set<string>();
      for (const c of this.roots.classes.values()) {
        const features = c instanceof Y.Map ? c.get("features") : undefined;
        if (features instanceof Y.Map) for (const [fid, f] of (features as Y.Map<YMap>).entries()) if (f.get("kind") === "reference") refIds.add(fid);
      }
      for (const c of this.roots.classes.values()) {
        const features = c instanceof Y.Map ? c.get("features") : undefined;
        if (!(features instanceof Y.Map)) continue;
        for (const f of (features as Y.Map<YMap>).values()) {
          const opp = f.get("opposite");
          if (typeof opp === "string" && !refIds.has(opp)) f.delete("opposite");
        }
      }
    });
  }

  // features

  addAttribute(classId: string, init: Partial<Omit<Attribute, "id">> & { name: string }): string {
    const id = newId("a");
    const attribute: Attribute = {
      id,
      name: init.name,
      description: init.description ?? "",
      type: init.type ?? "string",
      required: init.required ?? false,
      many: init.many ?? false,
      unique: init.unique ?? false,
      ...(init.enumId ? { enumId: init.enumId } : {}),
      ...(init.default !== undefined ? { default: init.default } : {}),
    };
    this.transact(() => {
      const features = this.features(classId);
      if (features) features.set(id, newFeatureMap(featureFields(attribute, "attribute"), nextOrder(features)));
    });
    return id;
  }

  addReference(classId: string, init: Partial<Omit<Reference, "id">> & { name: string; target: string }): string {
    const id = newId("r");
    const reference: Reference = {
      id,
      name: init.name,
      description: init.description ?? "",
      target: init.target,
      containment: init.containment ?? false,
      lower: init.lower ?? 0,
      upper: init.upper ?? MANY,
      ...(init.opposite ? { opposite: init.opposite } : {}),
    };
    this.transact(() => {
      const features = this.features(classId);
      if (features) features.set(id, newFeatureMap(featureFields(reference, "reference"), nextOrder(features)));
    });
    return id;
  }

  /** Sets fields of an attribute or reference; `undefined` values clear optional fields (default, opposite). */
  updateFeature(classId: string, featureId: string, patch: AttributePatch | ReferencePatch) {
    this.transact(() => {
      const f = this.features(classId)?.get(featureId);
      if (!(f instanceof Y.Map)) return;
      const fields: Record<string, unknown> = { ...patch };
      if ("type" in patch && patch.type !== "enum") fields.enumId = undefined;
      setFields(f, fields);
    });
  }

  /** Makes two references each other's opposite (clearing their previous opposites). */
  linkOpposites(a: { classId: string; refId: string }, b: { classId: string; refId: string }) {
    this.transact(() => {
      const fa = this.features(a.classId)?.get(a.refId);
      const fb = this.features(b.classId)?.get(b.refId);
      if (!(fa instanceof Y.Map) || !(fb instanceof Y.Map)) return;
      fa.set("opposite", b.refId);
      fb.set("opposite", a.refId);
    });
  }

  deleteFeature(classId: string, featureId: string) {
    this.transact(() => {
      this.features(classId)?.delete(featureId);
      for (const c of this.roots.classes.values()) {
        const features = c instanceof Y.Map ? c.get("features") : undefined;
        if (!(features instanceof Y.Map)) continue;
        for (const f of (features as Y.Map<YMap>).values()) if (f.get("opposite") === featureId) f.delete("opposite");
      }
    });
  }

  /** Moves a feature before `beforeId` (or to the end), among features of the same class. */
  moveFeature(classId: string, featureId: string, beforeId: string | null) {
    this.transact(() => {
      const features = this.features(classId);
      const f = features?.get(featureId);
      if (!features || !(f instanceof Y.Map)) return;
      const ordered = sortedEntries(features).filter(([id]) => id !== featureId);
      const index = beforeId === null ? ordered.length : ordered.findIndex(([id]) => id === beforeId);
      if (index < 0) return;
      const prev = index > 0 ? num(ordered[index - 1]![1].get("order")) : 0;
      const next = index < ordered.length ? num(ordered[index]![1].get("order")) : prev + 2;
      f.set("order", (prev + next) / 2);
    });
  }

  // enums

  addEnum(init: { name: string; literals?: string[]; position?: Position }): string {
    const id = newId("e");
    this.transact(() => {
      this.roots.enums.set(
        id,
        newEnumMap(
          { id, name: init.name, description: "", literals: (init.literals ?? []).map((name) => ({ id: newId("l"), name })) },
          nextOrder(this.roots.enums),
        ),
      );
      if (init.position) this.roots.layout.set(id, { ...init.position });
    });
    return id;
  }

  updateEnum(id: string, patch: { name?: string; description?: string }) {
    this.transact(() => {
      const e = this.enumMap(id);
      if (e) setFields(e, patch);
    });
  }

  addLiteral(enumId: string, name: string): string {
    const id = newId("l");
    this.transact(() => {
      const literals = this.enumMap(enumId)?.get("literals");
      if (!(literals instanceof Y.Map)) return;
      const l = new Y.Map<unknown>();
      l.set("name", name);
      l.set("order", nextOrder(literals as Y.Map<YMap>));
      literals.set(id, l);
    });
    return id;
  }

  renameLiteral(enumId: string, literalId: string, name: string) {
    this.transact(() => {
      const l = (this.enumMap(enumId)?.get("literals") as Y.Map<YMap> | undefined)?.get(literalId);
      if (l instanceof Y.Map) l.set("name", name);
    });
  }

  deleteLiteral(enumId: string, literalId: string) {
    this.transact(() => {
      const literals = this.enumMap(enumId)?.get("literals");
      if (literals instanceof Y.Map) literals.delete(literalId);
    });
  }

  // layout

  setPositions(positions: Layout) {
    this.transact(() => {
      for (const [id, p] of Object.entries(positions)) {
        const current = this.roots.layout.get(id);
        if (!current || current.x !== p.x || current.y !== p.y) this.roots.layout.set(id, { x: p.x, y: p.y });
      }
    });
  }

  /**
   * Pastes copies of classes and enums (fresh ids; references and supertypes among the pasted set are
   * remapped, links to elements outside it are kept if those still exist). Returns the new node ids.
   */
  paste(fragment: { classes: MetaClass[]; enums: MetaEnum[]; layout: Layout }, offset: Position): string[] {
    const map = new Map<string, string>();
    for (const c of fragment.classes) {
      map.set(c.id, newId("c"));
      for (const a of c.attributes) map.set(a.id, newId("a"));
      for (const r of c.references) map.set(r.id, newId("r"));
    }
    for (const e of fragment.enums) {
      map.set(e.id, newId("e"));
      for (const l of e.literals) map.set(l.id, newId("l"));
    }
    const existingTypes = new Set([...this.roots.classes.keys(), ...this.roots.enums.keys()]);
    const remap = (id: string) => map.get(id) ?? id;
    const keep = (id: string) => map.has(id) || existingTypes.has(id);
    const names = new Set([...this.roots.classes.values(), ...this.roots.enums.values()].map((m) => str(m.get("name"))));
    const freshName = (name: string) => {
      if (!names.has(name)) return name;
      let n = 2;
      while (names.has(`${name}${n}`)) n++;
      return `${name}${n}`;
    };
    this.transact(() => {
      for (const c of fragment.classes) {
        const copy: MetaClass = {
          ...c,
          id: remap(c.id),
          name: freshName(c.name),
          supertypes: c.supertypes.filter(keep).map(remap),
          attributes: c.attributes.map((a) => ({ ...a, id: remap(a.id), ...(a.enumId ? { enumId: remap(a.enumId) } : {}) })),
          references: c.references
            .filter((r) => keep(r.target))
            .map((r) => {
              const { opposite, ...rest } = r;
              return { ...rest, id: remap(r.id), target: remap(r.target), ...(opposite && map.has(opposite) ? { opposite: remap(opposite) } : {}) };
            }),
        };
        names.add(copy.name);
        this.roots.classes.set(copy.id, newClassMap(copy, nextOrder(this.roots.classes)));
      }
      for (const e of fragment.enums) {
        const copy: MetaEnum = { ...e, id: remap(e.id), name: freshName(e.name), literals: e.literals.map((l) => ({ ...l, id: remap(l.id) })) };
        names.add(copy.name);
        this.roots.enums.set(copy.id, newEnumMap(copy, nextOrder(this.roots.enums)));
      }
      for (const [id, p] of Object.entries(fragment.layout)) {
        if (map.has(id)) this.roots.layout.set(remap(id), { x: p.x + offset.x, y: p.y + offset.y });
      }
    });
    return [...fragment.classes.map((c) => remap(c.id)), ...fragment.enums.map((e) => remap(e.id))];
  }
}

/** A new document holding `mm` (and its diagram positions). */
export function createMetamodelDoc(mm: MetaModel, layout: Layout = {}): Y.Doc {
  const doc = new Y.Doc();
  new MetamodelEditor(doc, "init").replaceAll(mm, layout);
  return doc;
}

/** An undo manager that takes back only the edits made with `origin` (one per user and tab). */
export function createUndoManager(doc: Y.Doc, origin: unknown): Y.UndoManager {
  const r = roots(doc);
  return new Y.UndoManager([r.meta, r.classes, r.enums, r.layout], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 400,
  });
}
