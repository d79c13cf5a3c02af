import { Drop, toValueSync, type Context } from "liquidjs";

/**
 * LiquidJS's value semantics, synchronously: how values are read, compared, printed and iterated, and
 * where output goes. What compiled templates (compile.ts) and their memoised iterations
 * (iteration-memo.ts) run on; each function mirrors the LiquidJS function of the same name.
 */

/** Collects output; the same contract as LiquidJS's SimpleEmitter (tags that fall back write to it). */
export class Emitter {
  buffer = "";
  write(html: unknown) {
    this.buffer += stringify(html);
  }
}

export type Node = (ctx: Context, emitter: Emitter) => void;
export type Expr = (ctx: Context) => unknown;

export const hasOwn = Object.prototype.hasOwnProperty;
export const isFunction = (v: unknown): v is (...args: unknown[]) => unknown => typeof v === "function";
export const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
export const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;
export const isObject = (v: unknown): v is object => v !== null && (typeof v === "object" || typeof v === "function");

export function isIterator(v: unknown): v is Iterator<unknown> {
  if (!v || typeof v !== "object") return false;
  const it = v as { next?: unknown; throw?: unknown; return?: unknown };
  return isFunction(it.next) && isFunction(it.throw) && isFunction(it.return);
}
/** Resolves a lazy value (a generator from a filter or a Drop) the way LiquidJS's sync renderer does. */
export const settle = (v: unknown): unknown => (isIterator(v) ? toValueSync(v) : v);

export function toValue(v: unknown): unknown {
  return v instanceof Drop && isFunction((v as { valueOf?: unknown }).valueOf) ? (v as { valueOf(): unknown }).valueOf() : v;
}
export function toLiquid(v: unknown): unknown {
  if (v && isFunction((v as { toLiquid?: unknown }).toLiquid)) return toLiquid((v as { toLiquid(): unknown }).toLiquid());
  return v;
}
export function stringify(value: unknown): string {
  value = toValue(value);
  if (typeof value === "string") return value;
  if (isNil(value)) return "";
  if (isArray(value)) return value.map((x) => stringify(x)).join("");
  return String(value);
}
export const isFalsy = (v: unknown) => {
  v = toValue(v);
  return v === false || v === undefined || v === null;
};
export function toEnumerable(val: unknown): unknown[] {
  val = toValue(val);
  if (isArray(val)) return val;
  if (typeof val === "string" && val.length > 0) return [val];
  if (isObject(val) && Symbol.iterator in val) return Array.from(val as Iterable<unknown>);
  if (isObject(val)) return Object.keys(val).map((key) => [key, (val as Record<string, unknown>)[key]]);
  return [];
}

export function isComparable(v: unknown): v is Comparable {
  if (!v) return false;
  const c = v as Record<string, unknown>;
  return isFunction(c.equals) && isFunction(c.gt) && isFunction(c.geq) && isFunction(c.lt) && isFunction(c.leq);
}
export interface Comparable {
  equals(v: unknown): unknown;
  gt(v: unknown): unknown;
  geq(v: unknown): unknown;
  lt(v: unknown): unknown;
  leq(v: unknown): unknown;
}
export function equals(l: unknown, r: unknown): boolean {
  if (isComparable(l)) return settle(l.equals(r)) as boolean;
  if (isComparable(r)) return settle(r.equals(l)) as boolean;
  l = toValue(l);
  r = toValue(r);
  if (isArray(l)) return isArray(r) && l.length === r.length && l.every((x, i) => equals(x, r[i]));
  return l === r;
}
const compare = (op: "gt" | "lt" | "geq" | "leq", flipped: "gt" | "lt" | "geq" | "leq", js: (a: never, b: never) => boolean) => (l: unknown, r: unknown) => {
  if (isComparable(l)) return settle(l[op](r));
  if (isComparable(r)) return settle(r[flipped](l));
  return js(toValue(l) as never, toValue(r) as never);
};
export const BINARY: Record<string, (l: unknown, r: unknown) => unknown> = {
  "==": equals,
  "!=": (l, r) => !equals(l, r),
  ">": compare("gt", "lt", (a, b) => a > b),
  "<": compare("lt", "gt", (a, b) => a < b),
  ">=": compare("geq", "leq", (a, b) => a >= b),
  "<=": compare("leq", "geq", (a, b) => a <= b),
  contains: (l, r) => {
    l = toValue(l);
    if (isArray(l)) return l.some((x) => equals(x, r));
    if (isFunction((l as { indexOf?: unknown } | null | undefined)?.indexOf)) return (l as { indexOf(x: unknown): number }).indexOf(toValue(r)) > -1;
    return false;
  },
  and: (l, r) => !isFalsy(l) && !isFalsy(r),
  or: (l, r) => !isFalsy(l) || !isFalsy(r),
};

/** LiquidJS's `forloop` object (not exported by the package; same fields and methods). */
export class ForloopDrop extends Drop {
  i = 0;
  name: string;
  constructor(
    public length: number,
    collection: string,
    variable: string | undefined,
  ) {
    super();
    this.name = `${variable}-${collection}`;
  }
  next() {
    this.i++;
  }
  index0() {
    return this.i;
  }
  index() {
    return this.i + 1;
  }
  first() {
    return this.i === 0;
  }
  last() {
    return this.i === this.length - 1;
  }
  rindex() {
    return this.length - this.i;
  }
  rindex0() {
    return this.length - this.i - 1;
  }
  override valueOf() {
    return JSON.stringify(this);
  }
}

/** The error LiquidJS raises inside a strict lookup, before it is given the token's position. */
export class InternalUndefinedVariableError extends Error {
  override name = "InternalUndefinedVariableError";
  constructor(readonly variableName: string) {
    super(`undefined variable: ${variableName}`);
  }
}

function readArrayElement(arr: unknown[], index: number, ownPropertyOnly: boolean) {
  if (index < 0) index = arr.length + index;
  if (ownPropertyOnly && !hasOwn.call(arr, index)) return undefined;
  return arr[index];
}
function readJSProperty(obj: object, key: unknown, ownPropertyOnly: boolean) {
  if (ownPropertyOnly && !hasOwn.call(obj, key as PropertyKey) && !(obj instanceof Drop)) return undefined;
  return (obj as Record<PropertyKey, unknown>)[key as PropertyKey];
}
function readSize(obj: object) {
  const o = obj as { size?: unknown; length?: number };
  if (hasOwn.call(obj, "size") || o.size !== undefined) return o.size;
  if (isArray(obj) || typeof obj === "string") return o.length;
  if (typeof obj === "object") return Object.keys(obj).length;
  return undefined;
}
/**
 * A host may hand templates stand-in objects (proxies that record what a render reads, see
 * core/generate/tracker.ts). Such an object answers this symbol with the plain object to read from:
 * the compiled renderer asks once per property read (so the read is still recorded) and then reads
 * the plain object directly instead of paying for several proxy traps.
 */
export const LIQUID_TARGET = Symbol.for("metaforge.liquid.target");

/** Context#readProperty, synchronously. */
export function readProperty(ctx: Context, obj: unknown, key: unknown): unknown {
  if (obj !== null && typeof obj === "object") {
    const target = (obj as Record<symbol, unknown>)[LIQUID_TARGET] as Record<string, unknown> | undefined;
    if (target !== undefined) {
      // A stand-in's plain object holds JSON values and other stand-ins: no Drops, functions or
      // toLiquid, so a value that is there is the answer (size/first/last only matter when it is not).
      if (typeof key === "string") {
        const value = ctx.ownPropertyOnly && !hasOwn.call(target, key) ? undefined : target[key];
        if (value !== undefined || (key !== "size" && key !== "first" && key !== "last")) return value;
      }
      obj = target;
    }
  }
  obj = toLiquid(obj);
  key = toValue(key);
  if (isNil(obj)) return obj;
  if (isArray(obj) && typeof key === "number") return readArrayElement(obj, key, ctx.ownPropertyOnly);
  const value = readJSProperty(obj as object, key, ctx.ownPropertyOnly);
  if (value === undefined && obj instanceof Drop) return settle(obj.liquidMethodMissing(key as string, ctx));
  if (isFunction(value)) return settle(value.call(obj));
  if (key === "size") return readSize(obj as object);
  if (key === "first") return isArray(obj) ? readArrayElement(obj, 0, ctx.ownPropertyOnly) : readJSProperty(obj as object, "first", ctx.ownPropertyOnly);
  if (key === "last") return isArray(obj) ? readArrayElement(obj, -1, ctx.ownPropertyOnly) : readJSProperty(obj as object, "last", ctx.ownPropertyOnly);
  return value;
}
export function findScope(ctx: Context, key: unknown): object {
  const scopes = (ctx as unknown as { scopes: object[] }).scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    if ((key as PropertyKey) in scopes[i]!) return scopes[i]!;
  }
  if ((key as PropertyKey) in ctx.environments) return ctx.environments;
  return ctx.globals;
}