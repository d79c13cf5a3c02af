import { Drop, filters as liquidFilters, Tokenizer, UndefinedVariableError, type Context } from "liquidjs";
import { equals, InternalUndefinedVariableError, isFalsy, readProperty, stringify, toValue } from "./liquid-runtime";

/**
 * Faster equivalents of LiquidJS's `where`, `reject`, `map`, `replace` and `slice`, registered in their place.
 * The first three spawn a Context per item and re-tokenize the property on every call, which made them
 * the most expensive step of the built-in templates; `replace` splits and joins even text without the
 * pattern, and `slice` walks the text code point by code point. These read the same properties in the same order,
 * with the same strictness and the same errors; whatever they do not cover (jekyllWhere, a property
 * path with brackets, Drop items) goes to the original. compile.test.ts compares them with LiquidJS's
 * own on the same inputs.
 */

interface FilterThis {
  context: Context;
}
type Original = (this: FilterThis, ...args: unknown[]) => unknown;

function toArray(val: unknown): unknown[] {
  val = toValue(val);
  if (val === null || val === undefined) return [];
  if (Array.isArray(val)) return val;
  return [val];
}

interface ScopeToken {
  props: Array<{ content?: unknown }>;
}
/** The property as LiquidJS's `where` parses it: its path, or null when it is not plain names. */
const scopeTokens = new Map<string, { token: ScopeToken | undefined; path: string[] } | null>();
function scopePath(property: string) {
  let parsed = scopeTokens.get(property);
  if (parsed === undefined) {
    const token = new Tokenizer(property).readScopeValue() as unknown as ScopeToken | undefined;
    parsed = token && !token.props.every((p) => "content" in p && typeof p.content === "string") ? null : { token, path: token ? token.props.map((p) => p.content as string) : [] };
    if (scopeTokens.size > 10_000) scopeTokens.clear();
    scopeTokens.set(property, parsed);
  }
  return parsed;
}

function filterBy(include: boolean, original: Original): Original {
  return function (this: FilterThis, ...args: unknown[]) {
    const [arr, property, expected] = args;
    const ctx = this.context;
    const array = toArray(arr);
    const parsed = ctx.opts.jekyllWhere ? null : scopePath(stringify(property));
    if (!parsed || array.some((item) => item instanceof Drop)) return original.apply(this, args);
    ctx.memoryLimit.use(array.length);
    const { token, path } = parsed;
    const result: unknown[] = [];
    for (const item of array) {
      let value: unknown;
      if (token) {
        // As `evalToken(token, ctx.spawn(item))`: the item is the spawned context's environment.
        const env = item !== null && (typeof item === "object" || typeof item === "function") ? item : Object(item);
        value = path[0]! in env ? env : (ctx as unknown as { globals: object }).globals;
        for (let i = 0; i < path.length; i++) {
          value = readProperty(ctx, value, path[i]);
          if (value === undefined && ctx.strictVariables) throw new UndefinedVariableError(new InternalUndefinedVariableError(path.slice(0, i + 1).join(".")), token as never);
        }
      }
      const matched = expected === undefined ? !isFalsy(value) : equals(value, expected);
      if (matched === include) result.push(item);
    }
    return result;
  };
}

function map(this: FilterThis, arr: unknown, property: unknown): unknown[] {
  const ctx = this.context;
  const array = toArray(arr);
  ctx.memoryLimit.use(array.length);
  const path = stringify(property).split(".");
  const results: unknown[] = [];
  for (const item of array) {
    let value = item;
    for (const key of path) value = readProperty(ctx, value, key);
    results.push(value);
  }
  return results;
}

/** LiquidJS's `replace` (every occurrence), which returns the text as it is when the pattern is not in it. */
function replace(this: FilterThis, v: unknown, pattern: unknown, replacement: unknown): string {
  const str = stringify(v);
  const from = stringify(pattern);
  const to = stringify(replacement);
  // Most text a template escapes has nothing to escape: no split and join then.
  if (from.length > 0 && !str.includes(from)) {
    this.context.memoryLimit.use(str.length);
    return str;
  }
  const parts = str.split(from);
  this.context.memoryLimit.use(str.length + (parts.length - 1) * (to.length - from.length));
  return parts.join(to);
}

/**
 * LiquidJS's `slice`, which counts code points: from a position counted from the start, over text
 * with no surrogate up to the end of the slice (code points are code units there), and with
 * whole-number arguments, the same as slicing the string.
 */
function sliceFilter(original: Original): Original {
  return function (this: FilterThis, v: unknown, begin: unknown, length: unknown = 1) {
    const value = toValue(v);
    if (typeof value !== "string" || !Number.isInteger(begin) || !Number.isInteger(length) || (begin as number) < 0 || (length as number) < 0) {
      return original.call(this, v, begin, length);
    }
    const end = Math.min(value.length, (begin as number) + (length as number));
    for (let i = 0; i < end; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) return original.call(this, v, begin, length);
    }
    this.context.memoryLimit.use(length as number);
    return value.slice(begin as number, end);
  };
}

export const FAST_LIQUID_FILTERS: Record<string, Original> = {
  where: filterBy(true, liquidFilters.where as Original),
  reject: filterBy(false, liquidFilters.reject as Original),
  map: map as Original,
  replace: replace as Original,
  slice: sliceFilter(liquidFilters.slice as Original),
};
