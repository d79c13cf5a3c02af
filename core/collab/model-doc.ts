import * as Y from "yjs";
import { MetamodelIndex } from "../metamodel/inheritance";
import type { Layout, MetaModel, Position } from "../metamodel/schema";
import { newId } from "../metamodel/ids";
import type { JsonValue, Model, ModelObject } from "../model/schema";
import { LOCAL_ORIGIN } from "./metamodel-doc";

/**
 * A model as a Yjs document (core/model/SPEC.md section 5). Every object is a Y.Map keyed by its id, with one entry per attribute
 * and one Y.Array per reference, so concurrent edits to different attributes merge, edits to one
 * attribute converge, and concurrent additions to one reference all survive. Diagram positions live
 * in their own map.
 *
 *   meta     name, description
 *   objects  id -> { classId, order: fractional key (string),
 *                    attributes: attrId -> JSON value (a `many` list is one plain JSON array),
 *                    references: refId -> Y.Array<objectId> }
 *   layout   objectId -> { x, y }
 */

type YMap = Y.Map<unknown>;

export interface ModelDocRoots {
  meta: YMap;
  objects: Y.Map<YMap>;
  layout: Y.Map<Position>;
}

export function modelRoots(doc: Y.Doc): ModelDocRoots {
  return {
    meta: doc.getMap("meta"),
    objects: doc.getMap("objects") as Y.Map<YMap>,
    layout: doc.getMap("layout") as Y.Map<Position>,
  };
}

// --- values ----------------------------------------------------------------------------------------

const str = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);

const ID = /^[A-Za-z0-9_-]+$/;
/** A string `elementIdSchema` (metamodel/schema.ts) accepts and that is safe as a record key. */
const isId = (v: unknown): v is string => typeof v === "string" && v.length <= 64 && ID.test(v) && v !== "__proto__";

/** A copy of `v` if it is JSON (finite numbers, plain objects and arrays), else undefined. */
function cloneJson(v: unknown): JsonValue | undefined {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (Array.isArray(v)) {
    const out: JsonValue[] = [];
    for (const x of v) {
      const c = cloneJson(x);
      if (c === undefined) return undefined;
      out.push(c);
    }
    return out;
  }
  if (typeof v === "object") {
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return undefined;
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = cloneJson(x);
      if (c === undefined || k === "__proto__") return undefined;
      out[k] = c;
    }
    return out;
  }
  return undefined;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function toJson(value: JsonValue): JsonValue {
  const c = cloneJson(value);
  if (c === undefined) throw new Error("Attribute values must be JSON (finite numbers, plain objects and arrays).");
  return c;
}

// --- fractional order keys -------------------------------------------------------------------------
//
// A key is a base-36 digit string read as a fraction 0.d1d2d3…, never ending in "0", so string order
// is numeric order and there is always room between two keys. Objects are ordered by (key, id): two
// replicas inserting at one place at once pick (almost always) different keys thanks to a random tail,
// and when they do not, the id decides, the same way everywhere.

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const KEY = /^[0-9a-z]*[1-9a-z]$/;
const isKey = (v: unknown): v is string => typeof v === "string" && KEY.test(v);

function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? "0") === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const da = a ? DIGITS.indexOf(a[0]!) : 0;
  const db = b !== null ? DIGITS.indexOf(b[0]!) : DIGITS.length;
  if (db - da > 1) return DIGITS[Math.round((da + db) / 2)]!;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[da]! + midpoint(a.slice(1), null);
}

/** After `a` and short: bump the first digit that is not the last one ("i3x" → "j", "zz" → "zz1"). */
function keyAfter(a: string): string {
  for (let i = 0; i < a.length; i++) if (a[i] !== "z") return a.slice(0, i) + DIGITS[DIGITS.indexOf(a[i]!) + 1]!;
  return `${a}1`;
}

/** A key strictly between `a` and `b` (null: no bound); an inverted pair counts as no upper bound. */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && b !== null && a >= b) b = null;
  if (a === null) return midpoint("", b);
  return b === null ? keyAfter(a) : midpoint(a, b);
}

/** `n` increasing keys strictly between `a` and `b`, spread by bisection so they stay short. */
export function keysBetween(a: string | null, b: string | null, n: number): string[] {
  if (n <= 0) return [];
  const mid = keyBetween(a, b);
  const left = Math.floor((n - 1) / 2);
  return [...keysBetween(a, mid, left), mid, ...keysBetween(mid, b, n - 1 - left)];
}

/** Like `keyBetween`, with a short random tail so concurrent insertions at one place differ. */
export function jitteredKey(a: string | null, b: string | null): string {
  const k = keyBetween(a, b);
  const bytes = new Uint8Array(3);
  globalThis.crypto.getRandomValues(bytes);
  const tail = DIGITS[bytes[0]! % 36]! + DIGITS[bytes[1]! % 36]! + DIGITS[1 + (bytes[2]! % 35)]!;
  const withTail = k + tail;
  return b === null || a === null || a >= b || withTail < b ? withTail : k;
}

// --- reading ---------------------------------------------------------------------------------------

interface ObjectRead {
  object: ModelObject;
  order: string;
}

const compareReads = (x: ObjectRead, y: ObjectRead) =>
  x.order < y.order ? -1 : x.order > y.order ? 1 : x.object.id < y.object.id ? -1 : x.object.id > y.object.id ? 1 : 0;

/** One object, or undefined when the entry is not a readable object (such entries are skipped). */
function readObject(id: string, m: unknown): ObjectRead | undefined {
  if (!isId(id) || !(m instanceof Y.Map)) return undefined;
  const classId = m.get("classId");
  if (!isId(classId)) return undefined;
  const attributes: Record<string, JsonValue> = {};
  const attrs = m.get("attributes");
  if (attrs instanceof Y.Map) {
    for (const key of [...attrs.keys()].sort()) {
      const value = isId(key) ? cloneJson(attrs.get(key)) : undefined;
      if (value !== undefined) attributes[key] = value;
    }
  }
  const references: Record<string, string[]> = {};
  const refs = m.get("references");
  if (refs instanceof Y.Map) {
    for (const key of [...refs.keys()].sort()) {
      const list = refs.get(key);
      if (!isId(key) || !(list instanceof Y.Array)) continue;
      // A target appears once: concurrent additions or moves of one target may have left copies.
      const targets = new Set<string>();
      for (const t of list.toArray()) if (isId(t)) targets.add(t);
      if (targets.size > 0) references[key] = [...targets];
    }
  }
  const order = m.get("order");
  return { object: { id, classId, attributes, references }, order: typeof order === "string" ? order : "" };
}

function readMeta(meta: YMap): { name: string; description: string } {
  return {
    name: str(meta.get("name")).trim().slice(0, 120).trim() || "Untitled",
    description: str(meta.get("description")),
  };
}

/**
 * The model held by `doc`: always schema-valid whatever the concurrent history (malformed entries are
 * skipped), objects in model order (order key, then id). See `ModelReader` for repeated reads.
 */
export function readModel(doc: Y.Doc): Model {
  const r = modelRoots(doc);
  const reads: ObjectRead[] = [];
  for (const [id, m] of r.objects.entries()) {
    const read = readObject(id, m);
    if (read) reads.push(read);
  }
  return { ...readMeta(r.meta), objects: reads.sort(compareReads).map((x) => x.object) };
}

/** Diagram positions by object id. */
export function readModelLayout(doc: Y.Doc): Layout {
  const out: Layout = {};
  for (const [id, p] of modelRoots(doc).layout.entries()) {
    if (p && typeof p === "object" && Number.isFinite(p.x) && Number.isFinite(p.y)) out[id] = { x: p.x, y: p.y };
  }
  return out;
}

/**
 * Reads a model document again and again, sharing structure between reads: an object whose Y.Map did
 * not change since the last read is the same `ModelObject` instance, the `objects` array is new only
 * when some object changed, and the whole model is the same instance when nothing changed. So
 * downstream work (generation, views) can skip unchanged objects by reference.
 *
 * Changes are collected per transaction before any observer runs (the doc's `beforeObserverCalls`),
 * so a read from inside an observer or an `update` handler is already up to date. A read inside an
 * open transaction cannot know that transaction's changes yet; it reads everything afresh instead.
 * Call `destroy()` when done.
 */
export class ModelReader {
  private readonly roots: ModelDocRoots;
  private readonly cache = new Map<string, ObjectRead>();
  private readonly dirty = new Set<string>();
  private order: string[] = [];
  private everything = true;
  private metaDirty = true;
  private last: Model | undefined;

  constructor(readonly doc: Y.Doc) {
    this.roots = modelRoots(doc);
    doc.on("beforeObserverCalls", this.collect);
  }

  destroy() {
    this.doc.off("beforeObserverCalls", this.collect);
  }

  private readonly collect = (tr: Y.Transaction) => {
    if (this.everything) return;
    for (const [changed, keys] of tr.changed) {
      const type: unknown = changed;
      if (type === this.roots.objects) {
        for (const k of keys) if (k !== null) this.dirty.add(k);
      } else if (type === this.roots.meta) {
        this.metaDirty = true;
      } else {
        const id = this.objectOf(changed);
        if (id !== undefined) this.dirty.add(id);
      }
    }
  };

  /** The id of the object a nested type belongs to, if it belongs to one. */
  private objectOf(type: { _item: Y.Item | null }): string | undefined {
    let t = type;
    for (;;) {
      const item = t._item;
      if (!item) return undefined;
      if (item.parent === this.roots.objects) return item.parentSub ?? undefined;
      if (!(item.parent instanceof Y.AbstractType)) return undefined;
      t = item.parent;
    }
  }

  read(): Model {
    if (this.doc._transaction) return readModel(this.doc);
    let changed = false;
    let resort = false;
    if (this.everything) {
      this.cache.clear();
      for (const [id, m] of this.roots.objects.entries()) {
        const read = readObject(id, m);
        if (read) this.cache.set(id, read);
      }
      this.everything = false;
      changed = resort = true;
    } else {
      for (const id of this.dirty) {
        const before = this.cache.get(id);
        const after = readObject(id, this.roots.objects.get(id));
        if (!after) {
          if (before) {
            this.cache.delete(id);
            changed = resort = true;
          }
          continue;
        }
        if (before && before.order === after.order && jsonEqual(before.object, after.object)) continue;
        this.cache.set(id, after);
        changed = true;
        if (!before || before.order !== after.order) resort = true;
      }
    }
    this.dirty.clear();
    if (resort) this.order = [...this.cache.values()].sort(compareReads).map((x) => x.object.id);

    let meta = this.last && { name: this.last.name, description: this.last.description };
    if (this.metaDirty || !meta) {
      const now = readMeta(this.roots.meta);
      if (!meta || now.name !== meta.name || now.description !== meta.description) {
        meta = now;
        changed = true;
      }
      this.metaDirty = false;
    }
    if (this.last && !changed) return this.last;
    const objects = resort || !this.last || this.objectsChanged() ? this.order.map((id) => this.cache.get(id)!.object) : this.last.objects;
    this.last = { ...meta, objects };
    return this.last;
  }

  private objectsChanged(): boolean {
    const previous = this.last!.objects;
    return previous.length !== this.order.length || this.order.some((id, i) => this.cache.get(id)!.object !== previous[i]);
  }
}

// --- writing ---------------------------------------------------------------------------------------

function newObjectMap(
  classId: string,
  order: string,
  attributes: Record<string, JsonValue>,
  references: Record<string, readonly string[]>,
  referenceIds: Iterable<string> = [],
): YMap {
  const m = new Y.Map<unknown>();
  m.set("classId", classId);
  m.set("order", order);
  const attrs = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(attributes)) attrs.set(k, toJson(v));
  m.set("attributes", attrs);
  const refs = new Y.Map<Y.Array<string>>();
  for (const refId of referenceIds) refs.set(refId, new Y.Array<string>());
  for (const [k, targets] of Object.entries(references)) {
    const list = new Y.Array<string>();
    list.push([...targets]);
    refs.set(k, list);
  }
  m.set("references", refs);
  return m;
}

/** Reference ids of `classId` (own and inherited), for creating their lists with the object. */
function referenceIdsOf(index: MetamodelIndex | undefined, classId: string): string[] {
  return index ? index.allFeatures(classId).flatMap((f) => (f.kind === "reference" ? [f.feature.id] : [])) : [];
}

export interface WriteModelOptions {
  /** Creates an empty list for every reference of every object's class, so first additions merge. */
  metamodel?: MetaModel;
  /** Transaction origin (default: none). */
  origin?: unknown;
}

/** Replaces the whole content of `doc` with `model` (and its diagram positions), in one transaction. */
export function writeModel(doc: Y.Doc, model: Model, layout: Layout = {}, options: WriteModelOptions = {}) {
  const index = options.metamodel ? new MetamodelIndex(options.metamodel) : undefined;
  const { meta, objects, layout: lay } = modelRoots(doc);
  const keys = keysBetween(null, null, model.objects.length);
  doc.transact(() => {
    meta.set("name", model.name);
    meta.set("description", model.description);
    for (const k of [...objects.keys()]) objects.delete(k);
    for (const k of [...lay.keys()]) lay.delete(k);
    model.objects.forEach((o, i) => {
      objects.set(o.id, newObjectMap(o.classId, keys[i]!, o.attributes, o.references, referenceIdsOf(index, o.classId)));
    });
    for (const [id, p] of Object.entries(layout)) lay.set(id, { x: p.x, y: p.y });
  }, options.origin ?? null);
}

/** A new document holding `model` (and its diagram positions). */
export function createModelDoc(model: Model, layout: Layout = {}, options: WriteModelOptions = {}): Y.Doc {
  const doc = new Y.Doc();
  writeModel(doc, model, layout, { origin: "init", ...options });
  return doc;
}

export interface AddObjectOptions {
  /** Place the new object right after this one in model order. */
  after?: string;
  /** Put the new object into a containment reference of another object, at `index` (default: the end). */
  into?: { container: string; reference: string; index?: number };
  position?: Position;
}

function isMetamodel(x: MetaModel | Iterable<string>): x is MetaModel {
  return typeof x === "object" && x !== null && !(Symbol.iterator in x) && Array.isArray((x as MetaModel).classes);
}

/**
 * Edits a model document. Each method is one transaction with this editor's origin, so a
 * Y.UndoManager tracking that origin undoes exactly this user's edits.
 *
 * Deleting and duplicating follow containment: give the meta-model (or the ids of its containment
 * references). With a meta-model, new objects also get an empty list for each of their references, so
 * two users' first additions to a reference both survive (a list created concurrently by two replicas
 * would keep only one replica's list).
 */
export class ModelEditor {
  readonly roots: ModelDocRoots;
  readonly containment: ReadonlySet<string>;
  private readonly index: MetamodelIndex | undefined;

  constructor(
    readonly doc: Y.Doc,
    metamodel: MetaModel | Iterable<string> = [],
    readonly origin: unknown = LOCAL_ORIGIN,
  ) {
    this.roots = modelRoots(doc);
    if (isMetamodel(metamodel)) {
      this.index = new MetamodelIndex(metamodel);
      this.containment = new Set(metamodel.classes.flatMap((c) => c.references.filter((r) => r.containment).map((r) => r.id)));
    } else {
      this.containment = new Set(metamodel);
    }
  }

  transact<T>(fn: () => T): T {
    let result!: T;
    this.doc.transact(() => {
      result = fn();
    }, this.origin);
    return result;
  }

  read(): Model {
    return readModel(this.doc);
  }

  private obj(id: string): YMap | undefined {
    const o = this.roots.objects.get(id);
    return o instanceof Y.Map ? o : undefined;
  }

  private refs(id: string, create: boolean): Y.Map<unknown> | undefined {
    const o = this.obj(id);
    if (!o) return undefined;
    const refs = o.get("references");
    if (refs instanceof Y.Map) return refs;
    if (!create) return undefined;
    const fresh = new Y.Map<unknown>();
    o.set("references", fresh);
    return fresh;
  }

  private list(objectId: string, refId: string, create: boolean): Y.Array<string> | undefined {
    const refs = this.refs(objectId, create);
    const list = refs?.get(refId);
    if (list instanceof Y.Array) return list as Y.Array<string>;
    if (!refs || !create) return undefined;
    const fresh = new Y.Array<string>();
    refs.set(refId, fresh);
    return fresh;
  }

  private targets(objectId: string, refId: string): string[] {
    return (this.list(objectId, refId, false)?.toArray() ?? []).filter((t): t is string => typeof t === "string");
  }

  /** Objects directly contained by `id` (through `extra` too, if given). */
  private children(id: string, extra?: string): string[] {
    const refs = this.refs(id, false);
    if (!refs) return [];
    const out: string[] = [];
    for (const [refId, list] of refs.entries()) {
      if ((this.containment.has(refId) || refId === extra) && list instanceof Y.Array) {
        for (const t of list.toArray()) if (typeof t === "string") out.push(t);
      }
    }
    return out;
  }

  /** `ids` and everything they contain, recursively (existing objects only; cycles are fine). */
  private subtree(ids: Iterable<string>, extra?: string): Set<string> {
    const out = new Set<string>();
    const queue = [...ids];
    while (queue.length) {
      const id = queue.pop()!;
      if (out.has(id) || !this.obj(id)) continue;
      out.add(id);
      queue.push(...this.children(id, extra));
    }
    return out;
  }

  private orderKey(id: string): string | null {
    const k = this.obj(id)?.get("order");
    return isKey(k) ? k : null;
  }

  private allKeys(): string[] {
    const out: string[] = [];
    for (const o of this.roots.objects.values()) {
      const k = o instanceof Y.Map ? o.get("order") : undefined;
      if (isKey(k)) out.push(k);
    }
    return out;
  }

  /** The smallest key greater than `k` (null: none). */
  private successor(k: string | null): string | null {
    let best: string | null = null;
    for (const x of this.allKeys()) if ((k === null || x > k) && (best === null || x < best)) best = x;
    return best;
  }

  /** The greatest key smaller than `k` (null: the greatest of all). */
  private predecessor(k: string | null): string | null {
    let best: string | null = null;
    for (const x of this.allKeys()) if ((k === null || x < k) && (best === null || x > best)) best = x;
    return best;
  }

  private extremeKey(ids: Iterable<string>, pick: "min" | "max"): string | null {
    let best: string | null = null;
    for (const id of ids) {
      const k = this.orderKey(id);
      if (k !== null && (best === null || (pick === "max" ? k > best : k < best))) best = k;
    }
    return best;
  }

  /** Bounds for a new object: after `after`, else at its place in `into`, else at the end. */
  private slot(options: AddObjectOptions): [string | null, string | null] {
    const after = options.after;
    if (after !== undefined && this.obj(after)) {
      const prev = this.orderKey(after);
      const next = this.successor(prev);
      if (prev === null) return [null, next];
      // Objects sharing `after`'s key (concurrent insertions that drew the same key) and sorting after
      // it by id get fresh keys above the new object's, so it lands right after `after`.
      const tied = [...this.roots.objects.entries()]
        .filter(([id, o]) => id > after && o instanceof Y.Map && o.get("order") === prev)
        .map(([id]) => id)
        .sort();
      if (tied.length === 0) return [prev, next];
      const keys = keysBetween(prev, next, tied.length + 1);
      tied.forEach((id, i) => this.obj(id)!.set("order", keys[i + 1]!));
      return [prev, keys[1]!];
    }
    const into = options.into;
    if (into && this.obj(into.container)) {
      const siblings = this.targets(into.container, into.reference);
      const next = into.index !== undefined && into.index >= 0 ? siblings[into.index] : undefined;
      if (next !== undefined && this.obj(next)) {
        const first = this.extremeKey(this.subtree([next], into.reference), "min");
        if (first !== null) return [this.predecessor(first), first];
      }
      const last = this.extremeKey(this.subtree([into.container], into.reference), "max");
      return [last, this.successor(last)];
    }
    return [this.predecessor(null), null];
  }

  /** Renames the model or changes its description. */
  setMeta(patch: { name?: string; description?: string }) {
    this.transact(() => {
      for (const [k, v] of Object.entries(patch)) if (v !== undefined && this.roots.meta.get(k) !== v) this.roots.meta.set(k, v);
    });
  }

  /** A new object of class `classId` with attribute values by attribute id; returns its id. */
  addObject(classId: string, values: Record<string, JsonValue> = {}, options: AddObjectOptions = {}): string {
    const id = newId("o");
    this.transact(() => {
      const [prev, next] = this.slot(options);
      this.roots.objects.set(id, newObjectMap(classId, jitteredKey(prev, next), values, {}, referenceIdsOf(this.index, classId)));
      const into = options.into;
      const list = into && this.obj(into.container) ? this.list(into.container, into.reference, true) : undefined;
      if (list) list.insert(clamp(into!.index ?? list.length, list.length), [id]);
      if (options.position) this.roots.layout.set(id, { x: options.position.x, y: options.position.y });
    });
    return id;
  }

  /** Sets an attribute value by attribute id; `undefined` unsets it. */
  setAttribute(objectId: string, attributeId: string, value: JsonValue | undefined) {
    this.transact(() => {
      const o = this.obj(objectId);
      if (!o) return;
      let attrs = o.get("attributes");
      if (!(attrs instanceof Y.Map)) {
        if (value === undefined) return;
        attrs = new Y.Map<unknown>();
        o.set("attributes", attrs);
      }
      const map = attrs as YMap;
      if (value === undefined) {
        if (map.has(attributeId)) map.delete(attributeId);
      } else if (!map.has(attributeId) || !jsonEqual(map.get(attributeId), value)) {
        map.set(attributeId, toJson(value));
      }
    });
  }

  /** Adds `targetId` to a reference at `index` (default: the end); nothing if it is there already. */
  addReferenceTarget(objectId: string, refId: string, targetId: string, index?: number) {
    this.transact(() => {
      if (!this.obj(objectId) || this.targets(objectId, refId).includes(targetId)) return;
      const list = this.list(objectId, refId, true)!;
      list.insert(clamp(index ?? list.length, list.length), [targetId]);
    });
  }

  removeReferenceTarget(objectId: string, refId: string, targetId: string) {
    this.transact(() => {
      const list = this.list(objectId, refId, false);
      if (list) deleteWhere(list, (t) => t === targetId);
    });
  }

  /** Moves `targetId` within a reference so it ends up at `index`. */
  moveReferenceTarget(objectId: string, refId: string, targetId: string, index: number) {
    this.transact(() => {
      const list = this.list(objectId, refId, false);
      if (!list || !list.toArray().includes(targetId)) return;
      const current = [...new Set(this.targets(objectId, refId))];
      const to = clamp(index, current.length - 1);
      if (current.indexOf(targetId) === to) return;
      deleteWhere(list, (t) => t === targetId);
      list.insert(clamp(to, list.length), [targetId]);
    });
  }

  /**
   * Deletes objects, everything they contain (recursively), their positions and every reference to
   * any of them from the remaining objects, in one transaction.
   */
  deleteObjects(ids: string[]) {
    this.transact(() => {
      const gone = this.subtree(ids);
      for (const id of ids) gone.add(id);
      for (const id of gone) {
        this.roots.objects.delete(id);
        this.roots.layout.delete(id);
      }
      for (const o of this.roots.objects.values()) {
        const refs = o instanceof Y.Map ? o.get("references") : undefined;
        if (!(refs instanceof Y.Map)) continue;
        for (const list of refs.values()) if (list instanceof Y.Array) deleteWhere(list, (t) => typeof t === "string" && gone.has(t));
      }
    });
  }

  /**
   * Deep-copies objects with what they contain, under new ids. References among the copied objects
   * point to the copies, others keep pointing to the originals. A copy goes right after its original:
   * in its container's reference, in model order, and on the diagram (moved by `offset`). Returns the
   * copies' ids, in the order of `ids` (ids of missing objects are left out).
   */
  duplicateObjects(ids: string[], offset: Position = { x: 40, y: 40 }): string[] {
    return this.transact(() => {
      const copied = this.subtree(ids);
      const copyOf = new Map([...copied].map((id) => [id, newId("o")]));
      const containerOf = new Map<string, { container: string; refId: string }>();
      for (const [id, o] of this.roots.objects.entries()) {
        const refs = o instanceof Y.Map ? o.get("references") : undefined;
        if (!(refs instanceof Y.Map) || copied.has(id)) continue;
        for (const [refId, list] of refs.entries()) {
          if (!this.containment.has(refId) || !(list instanceof Y.Array)) continue;
          for (const t of list.toArray()) if (typeof t === "string" && copied.has(t) && !containerOf.has(t)) containerOf.set(t, { container: id, refId });
        }
      }
      const reads = new Map([...copied].map((id) => [id, readObject(id, this.obj(id))]));
      const roots = [...copied].filter((id) => !copied.has(containerOf.get(id)?.container ?? ""));
      const placed = new Set<string>();
      for (const root of roots) {
        const members = [...this.subtree([root])].filter((id) => copied.has(id) && !placed.has(id) && reads.get(id));
        members.forEach((id) => placed.add(id));
        const ordered = members.map((id) => reads.get(id)!).sort(compareReads);
        const last = this.extremeKey(this.subtree([root]), "max");
        const keys = keysBetween(last, this.successor(last), ordered.length);
        ordered.forEach(({ object }, i) => {
          const references: Record<string, string[]> = {};
          for (const [refId, targets] of Object.entries(object.references)) references[refId] = targets.map((t) => copyOf.get(t) ?? t);
          const copyId = copyOf.get(object.id)!;
          const emptyLists = new Set([...(this.refs(object.id, false)?.keys() ?? []), ...referenceIdsOf(this.index, object.classId)]);
          this.roots.objects.set(copyId, newObjectMap(object.classId, keys[i]!, object.attributes, references, emptyLists));
          const p = this.roots.layout.get(object.id);
          if (p && Number.isFinite(p.x) && Number.isFinite(p.y)) this.roots.layout.set(copyId, { x: p.x + offset.x, y: p.y + offset.y });
        });
        const home = containerOf.get(root);
        const list = home && this.list(home.container, home.refId, false);
        if (list) list.insert(list.toArray().indexOf(root) + 1, [copyOf.get(root)!]);
      }
      return ids.flatMap((id) => (copyOf.has(id) ? [copyOf.get(id)!] : []));
    });
  }

  setPosition(objectId: string, position: Position) {
    this.setPositions({ [objectId]: position });
  }

  setPositions(positions: Layout) {
    this.transact(() => {
      for (const [id, p] of Object.entries(positions)) {
        const current = this.roots.layout.get(id);
        if (!current || current.x !== p.x || current.y !== p.y) this.roots.layout.set(id, { x: p.x, y: p.y });
      }
    });
  }
}

const clamp = (i: number, max: number) => Math.max(0, Math.min(Math.trunc(i), max));

function deleteWhere<T>(list: Y.Array<T>, drop: (t: T) => boolean) {
  const items = list.toArray();
  for (let i = items.length - 1; i >= 0; i--) if (drop(items[i] as T)) list.delete(i, 1);
}

/** An undo manager that takes back only the edits made with `origin` (one per user and tab). */
export function createModelUndoManager(doc: Y.Doc, origin: unknown): Y.UndoManager {
  const r = modelRoots(doc);
  return new Y.UndoManager([r.meta, r.objects, r.layout], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 400,
  });
}
