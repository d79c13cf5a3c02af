import {
  AssertionError,
  AssignTag,
  BreakTag,
  CaptureTag,
  CaseTag,
  CommentTag,
  Context,
  ContinueTag,
  defaultOperators,
  Drop,
  EchoTag,
  ForTag,
  IfTag,
  InlineCommentTag,
  LiquidError,
  LiquidTag,
  Output,
  RawTag,
  RenderError,
  RenderTag,
  toValueSync,
  TypeGuards,
  UndefinedVariableError,
  UnlessTag,
  type Liquid,
  type Template as LiquidTemplate,
} from "liquidjs";

/**
 * A closure compiler for LiquidJS templates: the same parse tree, rendered by plain functions instead
 * of LiquidJS's generator interpreter (several times faster on the built-in templates, which spend
 * most of their time in loops, conditions and filters).
 *
 * It is a drop-in for `liquid.renderSync(templates, scope)`: the output, the errors (class, message,
 * token and so position) and the limits are LiquidJS's, because it runs on a real LiquidJS `Context`
 * (scopes, registers, strict variables, own-property-only reads, memory and render limits) and calls
 * the registered filters the way LiquidJS does. The common tags are compiled (if, unless, case, for,
 * assign, capture, echo, liquid, render, raw, comment, break, continue); any other tag (include,
 * tablerow, cycle, increment, layout, a custom tag) runs through LiquidJS itself on the same context.
 * compile.test.ts renders every built-in template both ways and compares them byte for byte.
 *
 * Differences that cannot be observed in the output: the render-time limit is checked on every 64th
 * block entered rather than before every node, and values are only checked for being lazy (generators) where
 * LiquidJS can produce one (filters, Drop methods).
 */

/** Collects output; the same contract as LiquidJS's SimpleEmitter (tags that fall back write to it). */
class Emitter {
  buffer = "";
  write(html: unknown) {
    this.buffer += stringify(html);
  }
}

type Node = (ctx: Context, emitter: Emitter) => void;
type Expr = (ctx: Context) => unknown;

interface TokenLike {
  content?: unknown;
  getText(): string;
}
interface PropertyAccessTokenLike extends TokenLike {
  variable?: TokenLike;
  props: TokenLike[];
}
interface RangeTokenLike extends TokenLike {
  lhs: TokenLike;
  rhs: TokenLike;
}
interface FilterTokenLike extends TokenLike {
  name: string;
  args: Array<TokenLike | [string, TokenLike]>;
}
interface FilteredValueTokenLike extends TokenLike {
  initial: ExpressionLike;
  filters: FilterTokenLike[];
}
interface ExpressionLike {
  postfix: Array<TokenLike & { operator?: string }>;
}
interface FilterLike {
  name: string;
  handler: (...args: unknown[]) => unknown;
  args: Array<TokenLike | [string, TokenLike]>;
  token: TokenLike;
  liquid: Liquid;
}
interface ValueLike {
  initial: ExpressionLike;
  filters: FilterLike[];
}
interface HashLike {
  hash: Record<string, TokenLike | undefined>;
}

// --- values, as LiquidJS sees them ----------------------------------------------------------------

const hasOwn = Object.prototype.hasOwnProperty;
const isFunction = (v: unknown): v is (...args: unknown[]) => unknown => typeof v === "function";
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;
const isObject = (v: unknown): v is object => v !== null && (typeof v === "object" || typeof v === "function");

function isIterator(v: unknown): v is Iterator<unknown> {
  if (!v || typeof v !== "object") return false;
  const it = v as { next?: unknown; throw?: unknown; return?: unknown };
  return isFunction(it.next) && isFunction(it.throw) && isFunction(it.return);
}
/** Resolves a lazy value (a generator from a filter or a Drop) the way LiquidJS's sync renderer does. */
export const settle = (v: unknown): unknown => (isIterator(v) ? toValueSync(v) : v);

export function toValue(v: unknown): unknown {
  return v instanceof Drop && isFunction((v as { valueOf?: unknown }).valueOf) ? (v as { valueOf(): unknown }).valueOf() : v;
}
function toLiquid(v: unknown): unknown {
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
function toEnumerable(val: unknown): unknown[] {
  val = toValue(val);
  if (isArray(val)) return val;
  if (typeof val === "string" && val.length > 0) return [val];
  if (isObject(val) && Symbol.iterator in val) return Array.from(val as Iterable<unknown>);
  if (isObject(val)) return Object.keys(val).map((key) => [key, (val as Record<string, unknown>)[key]]);
  return [];
}

function isComparable(v: unknown): v is Comparable {
  if (!v) return false;
  const c = v as Record<string, unknown>;
  return isFunction(c.equals) && isFunction(c.gt) && isFunction(c.geq) && isFunction(c.lt) && isFunction(c.leq);
}
interface Comparable {
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
const BINARY: Record<string, (l: unknown, r: unknown) => unknown> = {
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
function findScope(ctx: Context, key: unknown): object {
  const scopes = (ctx as unknown as { scopes: object[] }).scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    if ((key as PropertyKey) in scopes[i]!) return scopes[i]!;
  }
  if ((key as PropertyKey) in ctx.environments) return ctx.environments;
  return ctx.globals;
}
/** Context#_getFromScope; returns MISSING instead of throwing so lenient reads cost nothing. */
const MISSING = Symbol("missing");
function getFromScope(ctx: Context, scope: unknown, paths: readonly unknown[]): unknown {
  for (let i = 0; i < paths.length; i++) {
    scope = readProperty(ctx, scope, paths[i]);
    if (scope === undefined && ctx.strictVariables) return missingAt(paths, i);
  }
  return scope;
}
let missingPath = "";
function missingAt(paths: readonly unknown[], i: number): typeof MISSING {
  missingPath = paths.slice(0, i + 1).join(".");
  return MISSING;
}

// --- expressions ----------------------------------------------------------------------------------

const isPropertyAccess = (t: TokenLike): t is PropertyAccessTokenLike => "props" in t;
const isRange = (t: TokenLike): t is RangeTokenLike => "lhs" in t && "rhs" in t;
const isFilteredValue = (t: TokenLike): t is FilteredValueTokenLike => "initial" in t && "filters" in t;

/** Blocks entered so far: the render-time limit is checked on every 64th (reading the clock is not free). */
let blocksEntered = 0;

class Compiler {
  private readonly partials = new Map<string, Node>();
  /** For tags compiled so far: numbers them, so memoised iterations know which loop they belong to. */
  private forTags = 0;
  private usesOffset = false;
  constructor(private readonly liquid: Liquid) {}

  /** evalToken: a token's value, Drops kept. */
  token(token: TokenLike | undefined, lenient = false): Expr {
    if (!token) return () => undefined;
    if ("content" in token) {
      const content = token.content;
      return () => content;
    }
    if (isPropertyAccess(token)) return this.propertyAccess(token, lenient);
    if (isRange(token)) {
      const low = this.tokenValue(token.lhs);
      const high = this.tokenValue(token.rhs);
      return (ctx) => {
        const l = low(ctx) as number;
        const h = high(ctx) as number;
        ctx.memoryLimit.use(h - l + 1);
        const out: number[] = [];
        for (let i = +l; i < +h + 1; i++) out.push(i);
        return out;
      };
    }
    if (isFilteredValue(token)) return this.filtered(token.initial, token.filters, lenient, true);
    return () => undefined;
  }

  /** evalTokenValue: a token's value with Drops turned into their value. */
  tokenValue(token: TokenLike): Expr {
    const expr = this.token(token);
    return (ctx) => toValue(expr(ctx));
  }

  propertyAccess(token: PropertyAccessTokenLike, lenient: boolean): Expr {
    const fail = (): unknown => {
      if (lenient) return null;
      throw new UndefinedVariableError(new InternalUndefinedVariableError(missingPath), token as never);
    };
    const statics = token.props.every((p) => "content" in p) ? token.props.map((p) => toValue(p.content)) : null;
    if (!token.variable && statics) {
      const first = statics[0];
      return (ctx) => {
        if (recording !== null && recording.ctx === ctx) recording.read(first);
        let value: unknown;
        try {
          value = getFromScope(ctx, findScope(ctx, first), statics);
        } catch (e) {
          throw new UndefinedVariableError(e as Error, token as never);
        }
        return value === MISSING ? fail() : value;
      };
    }
    const props = token.props.map((p) => this.tokenValue(p));
    const variable = token.variable ? this.token(token.variable, lenient) : null;
    return (ctx) => {
      const paths = props.map((p) => p(ctx));
      if (!variable && recording !== null && recording.ctx === ctx) recording.read(paths[0]);
      let value: unknown;
      try {
        value = variable ? getFromScope(ctx, variable(ctx), paths) : getFromScope(ctx, findScope(ctx, paths[0]), paths);
      } catch (e) {
        if (lenient && (e as Error).name === "InternalUndefinedVariableError") return null;
        throw new UndefinedVariableError(e as Error, token as never);
      }
      return value === MISSING ? fail() : value;
    };
  }

  expression(expression: ExpressionLike, lenient: boolean): Expr {
    const stack: Expr[] = [];
    for (const token of expression.postfix) {
      const op = token.operator;
      if (op === undefined) {
        stack.push(this.token(token, lenient));
        continue;
      }
      const r = stack.pop() ?? (() => undefined);
      if (op === "not") {
        stack.push((ctx) => isFalsy(toValue(r(ctx))));
        continue;
      }
      const l = stack.pop() ?? (() => undefined);
      const apply = BINARY[op]!;
      // Both sides are evaluated, in order, as LiquidJS's postfix machine does (no short-circuit).
      stack.push((ctx) => {
        const lv = l(ctx);
        return apply(lv, r(ctx));
      });
    }
    if (stack.length <= 1) return stack[0] ?? (() => undefined);
    const all = stack;
    return (ctx) => {
      const values = all.map((e) => e(ctx));
      return values[0];
    };
  }

  /** A value with filters (Value, or a grouped FilteredValueToken whose filters are looked up at render). */
  filtered(initial: ExpressionLike, filters: Array<FilterLike | FilterTokenLike>, lenient: boolean, lookupAtRender = false): Expr {
    lenient = lenient || (this.liquid.options.lenientIf && filters.length > 0 && filters[0]!.name === "default");
    const start = this.expression(initial, lenient);
    if (!filters.length) return start;
    const steps = filters.map((f) => this.filter(f, lookupAtRender));
    return (ctx) => {
      let value = start(ctx);
      for (const step of steps) value = step(ctx, value);
      return value;
    };
  }

  filter(filter: FilterLike | FilterTokenLike, lookupAtRender: boolean): (ctx: Context, value: unknown) => unknown {
    const liquid = this.liquid;
    const token = ("token" in filter ? filter.token : filter) as TokenLike;
    let handler: ((...args: unknown[]) => unknown) | undefined;
    if ("handler" in filter) handler = filter.handler;
    else {
      const impl = liquid.filters[filter.name] as unknown;
      handler = isFunction(impl) ? impl : isFunction((impl as { handler?: unknown } | undefined)?.handler) ? (impl as { handler: (...args: unknown[]) => unknown }).handler : undefined;
      if (!impl && liquid.options.strictFilters && lookupAtRender) {
        const name = filter.name;
        return () => {
          throw new AssertionError(`undefined filter: ${name}`);
        };
      }
      handler ??= (v: unknown) => v;
    }
    const call = handler;
    const args = filter.args.map((arg) => {
      if (isArray(arg)) {
        const [key, value] = arg as [string, TokenLike];
        const expr = this.token(value);
        return (ctx: Context) => [key, expr(ctx)];
      }
      return this.token(arg as TokenLike);
    });
    // The filter's `this`, made once per render rather than once per call.
    let self = { context: null as unknown as Context, token, liquid };
    const thisFor = (ctx: Context) => (self.context === ctx ? self : (self = { context: ctx, token, liquid }));
    if (args.length === 0) return (ctx, value) => settle(call.call(thisFor(ctx), value));
    if (args.length === 1) {
      const a = args[0]!;
      return (ctx, value) => {
        const arg = a(ctx);
        return settle(call.call(thisFor(ctx), value, arg));
      };
    }
    return (ctx, value) => {
      const argv = args.map((a) => a(ctx));
      return settle(call.apply(thisFor(ctx), [value, ...argv]));
    };
  }

  value(value: ValueLike, lenient: boolean): Expr {
    return this.filtered(value.initial, value.filters, lenient);
  }

  hash(hash: HashLike): (ctx: Context) => Record<string, unknown> {
    const entries = Object.keys(hash.hash).map((key) => {
      const token = hash.hash[key];
      return [key, token === undefined ? () => true : this.token(token)] as const;
    });
    return (ctx) => {
      const out: Record<string, unknown> = {};
      for (const [key, expr] of entries) out[key] = expr(ctx);
      return out;
    };
  }

  // --- templates ----------------------------------------------------------------------------------

  /** Liquid's renderTemplates: nodes in order, errors located at the node, break/continue honoured. */
  block(templates: LiquidTemplate[]): Node {
    const nodes: Node[] = [];
    const sources: LiquidTemplate[] = [];
    for (const t of templates) {
      const node = this.node(t);
      if (node) {
        nodes.push(node);
        sources.push(t);
      }
    }
    const n = nodes.length;
    if (n === 1) {
      const [node] = nodes as [Node];
      const [source] = sources as [LiquidTemplate];
      return (ctx, emitter) => {
        if ((++blocksEntered & 63) === 0) ctx.renderLimit.check(performance.now());
        try {
          node(ctx, emitter);
        } catch (e) {
          throw LiquidError.is(e) ? e : new RenderError(e as Error, source);
        }
      };
    }
    return (ctx, emitter) => {
      if ((++blocksEntered & 63) === 0) ctx.renderLimit.check(performance.now());
      let i = 0;
      try {
        for (; i < n; i++) {
          nodes[i]!(ctx, emitter);
          if (ctx.breakCalled || ctx.continueCalled) break;
        }
      } catch (e) {
        throw LiquidError.is(e) ? e : new RenderError(e as Error, sources[i]!);
      }
    };
  }

  private renderToString(templates: LiquidTemplate[]): Expr {
    const block = this.block(templates);
    return (ctx) => {
      const emitter = new Emitter();
      block(ctx, emitter);
      return emitter.buffer;
    };
  }

  /** One template node, or null for one that renders nothing (comments). */
  node(t: LiquidTemplate): Node | null {
    if (TypeGuards.isHTMLToken(t.token)) {
      const str = (t as unknown as { str: string }).str;
      return (_ctx, emitter) => {
        emitter.buffer += str;
      };
    }
    if (t instanceof Output) {
      const value = this.value((t as unknown as { value: ValueLike }).value, false);
      return (ctx, emitter) => {
        const v = value(ctx);
        if (typeof v === "string") emitter.buffer += v;
        else emitter.write(toValue(v));
      };
    }
    if (t instanceof AssignTag) {
      const { key, value: parsed } = t as unknown as { key: string; value: ValueLike };
      const value = this.value(parsed, this.liquid.options.lenientIf);
      return (ctx) => {
        const v = value(ctx);
        ctx.bottom()[key] = v;
        if (recording !== null && recording.ctx === ctx) recording.write(key, v);
      };
    }
    if (t instanceof IfTag) {
      const branches = t.branches.map((b) => ({ test: this.value(b.value as unknown as ValueLike, this.liquid.options.lenientIf), body: this.block(b.templates) }));
      const otherwise = this.block(t.elseTemplates ?? []);
      return (ctx, emitter) => {
        for (const branch of branches) {
          if (!isFalsy(toValue(branch.test(ctx)))) return branch.body(ctx, emitter);
        }
        otherwise(ctx, emitter);
      };
    }
    if (t instanceof UnlessTag) {
      const raw = t as unknown as { branches: Array<{ value: ValueLike; test: unknown; templates: LiquidTemplate[] }>; elseTemplates: LiquidTemplate[] };
      const branches = raw.branches.map((b, i) => ({ negate: i === 0, test: this.value(b.value, this.liquid.options.lenientIf), body: this.block(b.templates) }));
      const otherwise = this.block(raw.elseTemplates);
      return (ctx, emitter) => {
        for (const branch of branches) {
          const falsy = isFalsy(toValue(branch.test(ctx)));
          if (branch.negate ? falsy : !falsy) return branch.body(ctx, emitter);
        }
        otherwise(ctx, emitter);
      };
    }
    if (t instanceof CaseTag) {
      const raw = t as unknown as { value: ValueLike; branches: Array<{ values: TokenLike[]; templates: LiquidTemplate[] }>; elseTemplates: LiquidTemplate[] };
      const lenientIf = this.liquid.options.lenientIf;
      const target = this.value(raw.value, lenientIf);
      const branches = raw.branches.map((b) => ({ values: b.values.map((v) => this.token(v, lenientIf)), body: this.block(b.templates) }));
      const otherwise = this.block(raw.elseTemplates);
      return (ctx, emitter) => {
        const value = toValue(target(ctx));
        let hit = false;
        // Every matching `when` renders, as in LiquidJS.
        for (const branch of branches) {
          for (const candidate of branch.values) {
            if (equals(value, candidate(ctx))) {
              branch.body(ctx, emitter);
              hit = true;
              break;
            }
          }
        }
        if (!hit) otherwise(ctx, emitter);
      };
    }
    if (t instanceof ForTag) return this.forTag(t);
    if (t instanceof CaptureTag) {
      const key = t.variable;
      const render = this.renderToString(t.templates);
      return (ctx) => {
        const v = render(ctx);
        ctx.bottom()[key] = v;
        if (recording !== null && recording.ctx === ctx) recording.write(key, v);
      };
    }
    if (t instanceof EchoTag) {
      const parsed = (t as unknown as { value?: ValueLike }).value;
      if (!parsed) return null;
      const value = this.value(parsed, false);
      return (ctx, emitter) => emitter.write(toValue(value(ctx)));
    }
    if (t instanceof LiquidTag) return this.block(t.templates);
    if (t instanceof RenderTag) return this.renderTag(t);
    if (t instanceof BreakTag) {
      return (ctx) => {
        ctx.breakCalled = true;
      };
    }
    if (t instanceof ContinueTag) {
      return (ctx) => {
        ctx.continueCalled = true;
      };
    }
    if (t instanceof RawTag) {
      const text = (t as unknown as { tokens: TokenLike[] }).tokens.map((token) => token.getText()).join("");
      return (_ctx, emitter) => emitter.write(text);
    }
    if (t instanceof CommentTag || t instanceof InlineCommentTag) return null;
    // Anything else renders through LiquidJS on the same context.
    return (ctx, emitter) => {
      const html = toValueSync((t as unknown as { render(ctx: Context, emitter: Emitter): unknown }).render(ctx, emitter));
      if (html) emitter.write(html);
    };
  }

  private forTag(t: ForTag): Node {
    const variable = t.variable;
    const collectionToken = t.collection as unknown as TokenLike;
    const collection = this.token(collectionToken);
    const hash = this.hash(t.hash as unknown as HashLike);
    const hasModifiers = Object.keys((t.hash as unknown as HashLike).hash).length > 0;
    const body = this.block(t.templates);
    const otherwise = this.block(t.elseTemplates);
    if (continuesOffset(t)) this.usesOffset = true;
    const memoId = memoizable(t.templates) ? `${this.forTags++}` : null;
    const continueKey = `continue-${variable}-${collectionToken.getText()}`;
    const ordered = this.liquid.options.orderedFilterParameters;
    const MODIFIERS = ["offset", "limit", "reversed"];
    return (ctx, emitter) => {
      let items = toEnumerable(collection(ctx));
      if (!items.length) return otherwise(ctx, emitter);
      let offset = 0;
      if (hasModifiers) {
        ctx.push(Object.assign(Object.create(null) as object, { continue: ctx.getRegister(continueKey, {}) }));
        const modifiers = hash(ctx);
        ctx.pop();
        const names = ordered ? Object.keys(modifiers).filter((x) => MODIFIERS.includes(x)) : MODIFIERS.filter((x) => modifiers[x] !== undefined);
        for (const name of names) {
          if (name === "offset") items = items.slice(modifiers.offset as number);
          else if (name === "limit") items = items.slice(0, modifiers.limit as number);
          else items = [...items].reverse();
        }
        offset = (modifiers.offset as number) || 0;
      }
      ctx.setRegister(continueKey, offset + items.length);
      const forloop = new ForloopDrop(items.length, collectionToken.getText(), variable);
      const scope = Object.assign(Object.create(null) as Record<string, unknown>, { forloop });
      ctx.push(scope);
      // (`offset: continue` reads registers that iterations write and replays would not.)
      const memo = memoId !== null && recording === null && !this.usesOffset ? memos.get(ctx) : undefined;
      try {
        for (const item of items) {
          scope[variable] = item;
          ctx.continueCalled = ctx.breakCalled = false;
          if (memo) iterate(memo, `${memoId}|${forloop.i}|${items.length}`, item, ctx, emitter, body);
          else body(ctx, emitter);
          if (ctx.breakCalled) break;
          forloop.next();
        }
        ctx.continueCalled = ctx.breakCalled = false;
      } finally {
        ctx.pop();
      }
    };
  }

  private renderTag(t: RenderTag): Node {
    const raw = t as unknown as {
      file: string | LiquidTemplate[] | TokenLike | undefined;
      currentFile?: string;
      hash: HashLike;
      with?: { value: TokenLike; alias?: string };
      forBinding?: { value: TokenLike; alias?: string };
    };
    const file = raw.file;
    const path: Expr = typeof file === "string" ? () => file : isArray(file) ? this.renderToString(file as LiquidTemplate[]) : this.token(file as TokenLike | undefined);
    const hash = this.hash(raw.hash);
    const withValue = raw.with ? { expr: this.token(raw.with.value), alias: raw.with.alias } : null;
    const forBinding = raw.forBinding ? { expr: this.token(raw.forBinding.value), alias: raw.forBinding.alias, text: raw.forBinding.value.getText() } : null;
    return (ctx, emitter) => {
      const filepath = path(ctx) as string;
      if (!filepath) throw new AssertionError(`illegal file path "${filepath}"`);
      const child = ctx.spawn();
      const scope = child.bottom();
      Object.assign(scope, hash(ctx));
      if (withValue) scope[withValue.alias || filepath] = withValue.expr(ctx);
      if (forBinding) {
        const items = toEnumerable(forBinding.expr(ctx));
        const forloop = new ForloopDrop(items.length, forBinding.text, forBinding.alias);
        scope.forloop = forloop;
        for (const item of items) {
          scope[forBinding.alias!] = item;
          this.partial(filepath, raw.currentFile)(child, emitter);
          forloop.next();
        }
      } else this.partial(filepath, raw.currentFile)(child, emitter);
    };
  }

  private partial(filepath: string, currentFile: string | undefined): Node {
    const key = `${currentFile ?? ""}\0${filepath}`;
    let node = this.partials.get(key);
    if (!node) {
      const parsed = toValueSync((this.liquid as unknown as { _parsePartialFile(f: string, sync: boolean, current?: string): unknown })._parsePartialFile(filepath, true, currentFile)) as LiquidTemplate[];
      // Set before compiling so a partial that renders itself finds its own (lazily bound) node.
      let compiled: Node | null = null;
      node = (ctx, emitter) => (compiled ??= this.block(parsed))(ctx, emitter);
      this.partials.set(key, node);
    }
    return node;
  }
}

/** Whether the compiled renderer reproduces this Liquid's behaviour (the options it relies on). */
function supported(liquid: Liquid): boolean {
  const o = liquid.options;
  return o.operators === defaultOperators && !o.jsTruthy && !o.keepOutputType && !o.outputEscape && !o.catchAllErrors && o.dynamicPartials !== false && !o.jekyllInclude;
}

const compilers = new WeakMap<Liquid, Compiler>();

export type CompiledRender = (scope: object, memo?: IterationMemo) => string;

/**
 * Compiles parsed templates into a render function equivalent to `liquid.renderSync(templates, scope)`,
 * or returns null when this Liquid is configured in a way the compiler does not reproduce.
 */
export function compileLiquid(liquid: Liquid, templates: LiquidTemplate[]): CompiledRender | null {
  if (!supported(liquid)) return null;
  let compiler = compilers.get(liquid);
  if (!compiler) compilers.set(liquid, (compiler = new Compiler(liquid)));
  const block = compiler.block(templates);
  return (scope, memo) => {
    const ctx = new Context(scope, liquid.options, { sync: true }, { liquid });
    const emitter = new Emitter();
    if (memo) memos.set(ctx, memo);
    block(ctx, emitter);
    return emitter.buffer;
  };
}

// --- memoised loop iterations ---------------------------------------------------------------------

/**
 * What a render needs from its host to reuse loop iterations from the previous render of the same
 * output (see core/generate/generator.ts): a one-file output over a whole model (a schema, an OpenAPI
 * document) is mostly a loop over the model's objects, and after a small edit most iterations would
 * produce exactly what they did before.
 *
 * An iteration of a top-level `for` over model objects is recorded with what it depends on: the
 * objects it read (through the host's tracking), the variables it read from outside the iteration
 * (their values, objects by identity), its position (index and length) and the loop's item; and with
 * what it did: its output and the variables it assigned. It is replayed — output written, assignments
 * made, reads reported to the host — only if all of that is unchanged. Loops whose body could do
 * something else (break/continue, tags rendered by LiquidJS, `offset: continue`) are never memoised.
 */
export interface IterationMemo {
  /** The stable id of a tracked object (a stand-in), or undefined for any other value. */
  idOf(value: object): string | undefined;
  /** The current stand-in of an id, or undefined when the object is gone. */
  standIn(id: string): object | undefined;
  /** Whether nothing read under this id (an object, or the model's structure) changed since `previous` was made. */
  unchanged(id: string): boolean;
  /** Starts collecting the ids read from here on, apart from the enclosing collection. */
  beginReads(): void;
  /** Stops collecting, returns what was read since beginReads (it also counts for the enclosing collection). */
  endReads(): string[];
  /** Reports reads made by a replayed iteration. */
  addReads(ids: readonly string[]): void;
  /** The iterations recorded by the previous render of this output. */
  previous: ReadonlyMap<string, MemoEntry> | undefined;
  /** Where this render records its iterations. */
  next: Map<string, MemoEntry>;
}

/** A value as it is compared across renders: tracked objects by identity (Ref), lists element by element. */
type Stable = unknown;

export interface MemoEntry {
  item: Stable;
  reads: Array<[string, Stable]>;
  /** Name, recorded value, and whether it holds model objects (to be made live again on replay). */
  writes: Array<[string, Stable, boolean]>;
  output: string;
  deps: string[];
}

const memos = new WeakMap<Context, IterationMemo>();

class Recording {
  readonly reads = new Map<string, Stable>();
  readonly writes = new Map<string, unknown>();
  ok = true;
  constructor(
    readonly ctx: Context,
    readonly memo: IterationMemo,
    private readonly depth: number,
  ) {}

  /** A variable read at the root of a path: recorded when it comes from outside the iteration. */
  read(name: unknown) {
    if (typeof name !== "string") {
      this.ok = false;
      return;
    }
    if (this.writes.has(name) || this.reads.has(name)) return;
    const scopes = (this.ctx as unknown as { scopes: object[] }).scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      if (name in scopes[i]!) {
        // Scopes pushed by this iteration's loop (its item and forloop) or inside it are its own.
        if (i >= this.depth) return;
        break;
      }
    }
    const value = readProperty(this.ctx, findScope(this.ctx, name), name);
    const stable = stableOf(this.memo, value);
    if (stable === UNSTABLE) this.ok = false;
    else this.reads.set(name, stable);
  }

  write(name: string, value: unknown) {
    this.writes.set(name, value);
  }
}

let recording: Recording | null = null;
const UNSTABLE = Symbol("unstable");

/** A tracked object, by identity; one per identity, so equal references are the same object. */
class Ref {
  constructor(readonly id: string) {}
}
const refs = new Map<string, Ref>();
const refOf = (id: string) => {
  let ref = refs.get(id);
  if (!ref) {
    if (refs.size > 1_000_000) refs.clear();
    refs.set(id, (ref = new Ref(id)));
  }
  return ref;
};

/** Stable forms of the lists seen in a render (a list read by every iteration is converted once). */
const stableLists = new WeakMap<IterationMemo, WeakMap<object, Stable | typeof UNSTABLE>>();

function stableOf(memo: IterationMemo, value: unknown): Stable | typeof UNSTABLE {
  if (value === null || typeof value !== "object") return typeof value === "function" || typeof value === "symbol" ? UNSTABLE : value;
  if (Array.isArray(value)) {
    let lists = stableLists.get(memo);
    if (!lists) stableLists.set(memo, (lists = new WeakMap()));
    const known = lists.get(value);
    if (known !== undefined) return known;
    let out: Stable[] | typeof UNSTABLE = [];
    for (const v of value) {
      const s = stableOf(memo, v);
      if (s === UNSTABLE) {
        out = UNSTABLE;
        break;
      }
      out.push(s);
    }
    lists.set(value, out);
    return out;
  }
  if (value instanceof Drop) return isComparable(value) ? value : UNSTABLE;
  const id = memo.idOf(value);
  return id === undefined ? UNSTABLE : refOf(id);
}

/** Comparisons of recorded lists with current ones, remembered (the same pair comes up once per iteration). */
const compared = new WeakMap<object, WeakMap<object, boolean>>();
function sameStable(a: Stable, b: Stable): boolean {
  if (a === b) return true;
  if (a instanceof Ref || b instanceof Ref) return a instanceof Ref && b instanceof Ref && a.id === b.id;
  if (!Array.isArray(a) || !Array.isArray(b)) return false;
  let row = compared.get(a);
  if (!row) compared.set(a, (row = new WeakMap()));
  let same = row.get(b);
  if (same === undefined) row.set(b, (same = a.length === b.length && a.every((x, i) => sameStable(x, b[i]))));
  return same;
}

const holdsRefs = (stable: Stable): boolean => stable instanceof Ref || (Array.isArray(stable) && stable.some(holdsRefs));

/** A recorded value made live again: tracked objects become the current stand-ins. */
function revive(memo: IterationMemo, stable: Stable): unknown {
  if (Array.isArray(stable)) return stable.map((s) => revive(memo, s));
  if (stable instanceof Ref) {
    const live = memo.standIn(stable.id);
    if (live === undefined) throw new Error("gone");
    return live;
  }
  return stable;
}

function iterate(memo: IterationMemo, key: string, item: unknown, ctx: Context, emitter: Emitter, body: Node) {
  const itemStable = stableOf(memo, item);
  const fullKey = itemStable === UNSTABLE ? null : `${key}|${itemStable instanceof Ref ? `#${itemStable.id}` : JSON.stringify(itemStable)}`;
  const before = fullKey !== null ? memo.previous?.get(fullKey) : undefined;
  if (before && replay(memo, before, ctx, emitter)) {
    memo.next.set(fullKey!, before);
    return;
  }
  const depth = (ctx as unknown as { scopes: object[] }).scopes.length - 1;
  const rec = new Recording(ctx, memo, depth);
  // The iteration writes to its own buffer (slicing the shared one would flatten it every time).
  const own = new Emitter();
  recording = rec;
  memo.beginReads();
  let deps: string[];
  try {
    body(ctx, own);
  } finally {
    recording = null;
    deps = memo.endReads();
    emitter.buffer += own.buffer;
  }
  if (!rec.ok || fullKey === null) return;
  const writes: Array<[string, Stable, boolean]> = [];
  for (const [name, value] of rec.writes) {
    const stable = stableOf(memo, value);
    if (stable === UNSTABLE) return;
    writes.push([name, stable, holdsRefs(stable)]);
  }
  memo.next.set(fullKey, { item: itemStable, reads: [...rec.reads], writes, output: own.buffer, deps });
}

function replay(memo: IterationMemo, entry: MemoEntry, ctx: Context, emitter: Emitter): boolean {
  for (const id of entry.deps) if (!memo.unchanged(id)) return false;
  for (const [name, stable] of entry.reads) {
    const scope = findScope(ctx, name);
    if (!(name in scope)) return false;
    const now = stableOf(memo, readProperty(ctx, scope, name));
    if (now === UNSTABLE || !sameStable(now, stable)) return false;
  }
  // Values holding no model object are used as recorded (templates never change a value in place);
  // the others are made live first, all or nothing.
  let live: unknown[] | null = null;
  for (let i = 0; i < entry.writes.length; i++) {
    const [, stable, holds] = entry.writes[i]!;
    if (!holds) continue;
    try {
      (live ??= [])[i] = revive(memo, stable);
    } catch {
      return false;
    }
  }
  emitter.buffer += entry.output;
  const bottom = ctx.bottom();
  for (let i = 0; i < entry.writes.length; i++) {
    const [name, stable, holds] = entry.writes[i]!;
    bottom[name] = holds ? live![i] : stable;
  }
  memo.addReads(entry.deps);
  return true;
}

/** `for … offset: continue`, which reads the registers other loops write. */
function continuesOffset(t: ForTag): boolean {
  const offset = (t.hash as unknown as HashLike).hash.offset;
  return offset !== undefined && offset.getText().trim() === "continue";
}

/** Whether a loop body only does what memoised iterations can replay. */
function memoizable(templates: LiquidTemplate[]): boolean {
  return templates.every((t) => {
    if (TypeGuards.isHTMLToken(t.token) || t instanceof Output || t instanceof AssignTag || t instanceof EchoTag || t instanceof RawTag || t instanceof CommentTag || t instanceof InlineCommentTag) return true;
    // A partial renders in its own scope: whatever it does stays there.
    if (t instanceof RenderTag) return true;
    if (t instanceof IfTag) return t.branches.every((b) => memoizable(b.templates)) && memoizable(t.elseTemplates ?? []);
    if (t instanceof UnlessTag || t instanceof CaseTag) {
      const raw = t as unknown as { branches: Array<{ templates: LiquidTemplate[] }>; elseTemplates: LiquidTemplate[] };
      return raw.branches.every((b) => memoizable(b.templates)) && memoizable(raw.elseTemplates);
    }
    if (t instanceof ForTag) return !continuesOffset(t) && memoizable(t.templates) && memoizable(t.elseTemplates);
    if (t instanceof CaptureTag) return memoizable(t.templates);
    if (t instanceof LiquidTag) return memoizable(t.templates);
    return false;
  });
}
