import type { BuiltView } from "../model/view";
import { LIQUID_TARGET } from "../templates/compile";

/**
 * Records which model objects a render reads, so that after an edit only the outputs that read an
 * edited object are rendered again.
 *
 * For one generation, every object view gets a read-only stand-in: a proxy over a copy of the view
 * whose references already point at the other stand-ins, so a read costs one map lookup and one set
 * insertion. While `record(render)` runs, reading any property of an object adds its id to the
 * render's dependencies, and reading the model's object lists adds STRUCTURE (objects added, removed
 * or re-typed).
 */

export const STRUCTURE = "#structure";

type Shadow = Record<string | symbol, unknown>;

export class ReadTracker {
  private deps: Set<string> | null = null;
  /** Collections of enclosing iterations (beginReads/endReads), innermost last. */
  private readonly outer: Array<Set<string>> = [];
  private readonly standIns = new Map<object, object>();
  private readonly ids = new WeakMap<object, string>();
  private readonly byId = new Map<string, object>();
  private readonly shadows = new Map<object, Shadow>();
  readonly model: object;

  constructor(view: Pick<BuiltView, "model" | "byId">) {
    const fills: Array<[object, Shadow]> = [];
    // `identity` tells stand-ins apart (the model and its lists share the id their reads record).
    const standIn = (original: object, id: string, identity = id) => {
      const shadow: Shadow = {};
      // The compiled renderer reads through this (one recorded read instead of several proxy traps).
      Object.defineProperty(shadow, LIQUID_TARGET, { value: shadow, enumerable: false });
      const proxy = new Proxy(shadow, {
        get: (t, key) => {
          this.deps?.add(id);
          return t[key];
        },
        set: () => false,
        defineProperty: () => false,
        deleteProperty: () => false,
      });
      this.standIns.set(original, proxy);
      this.ids.set(proxy, identity);
      this.byId.set(identity, proxy);
      fills.push([original, shadow]);
      this.shadows.set(original, shadow);
      return proxy;
    };
    for (const v of view.byId.values()) standIn(v, v._id);
    this.model = standIn(view.model, STRUCTURE);
    standIn(view.model.all, STRUCTURE, `${STRUCTURE}/all`);
    const map = (value: unknown): unknown => {
      if (value === null || typeof value !== "object") return value;
      const known = this.standIns.get(value);
      if (known) return known;
      // Lists of objects (references, model lists) hold stand-ins; other values are plain data.
      if (Array.isArray(value) && value.some((x) => x !== null && typeof x === "object" && this.standIns.has(x))) return value.map(map);
      return value;
    };
    for (const [original, shadow] of fills) {
      for (const [key, value] of Object.entries(original)) {
        // `_incoming` is a plain object of lists of views: its lists hold stand-ins too.
        shadow[key] = key === "_incoming" && value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, map(v)])) : map(value);
      }
    }
  }

  /** The stand-in of an object view (or the value itself when it has none). */
  wrap<T>(value: T): T {
    return (value !== null && typeof value === "object" ? (this.standIns.get(value) ?? value) : value) as T;
  }

  /** The identity of a stand-in (its object's id; STRUCTURE and STRUCTURE/all for the model and its lists), or undefined for anything else. */
  idOf(value: object): string | undefined {
    return this.ids.get(value);
  }

  /** The stand-in with this identity. */
  standIn(identity: string): object | undefined {
    return this.byId.get(identity);
  }

  /**
   * Sets plain values (attributes) of an object view and of its stand-in, for a model that differs from
   * the one this tracker was built for only in those values (see generator.ts viewFor).
   */
  patch(original: Record<string, unknown>, values: ReadonlyMap<string, unknown>) {
    const shadow = this.shadows.get(original);
    for (const [key, value] of values) {
      original[key] = value;
      if (shadow) shadow[key] = value;
    }
  }

  /** Starts collecting reads apart (for one loop iteration); they also count for the enclosing collection. */
  beginReads() {
    if (this.deps) this.outer.push(this.deps);
    this.deps = new Set();
  }

  endReads(): string[] {
    const inner = this.deps ?? new Set<string>();
    this.deps = this.outer.pop() ?? null;
    if (this.deps) for (const id of inner) this.deps.add(id);
    return [...inner];
  }

  /** Reads made elsewhere (a replayed iteration) that count for the current collection. */
  addReads(ids: readonly string[]) {
    if (this.deps) for (const id of ids) this.deps.add(id);
  }

  /** Runs `render`, collecting what it reads into a new set (or into `into`, which it extends). */
  record<T>(render: () => T, into?: Set<string>): { value: T; deps: Set<string> } {
    const deps = into ?? new Set<string>();
    this.deps = deps;
    try {
      return { value: render(), deps };
    } finally {
      this.deps = null;
    }
  }
}
