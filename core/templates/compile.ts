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
import { attachMemo, continuesOffset, iterate, loopRun, memoizable, memoOf, recording, type IterationMemo } from "./iteration-memo";
import {
  BINARY,
  equals,
  Emitter,
  findScope,
  ForloopDrop,
  InternalUndefinedVariableError,
  isArray,
  isFalsy,
  isFunction,
  readProperty,
  settle,
  toEnumerable,
  toValue,
  type Expr,
  type Node,
} from "./liquid-runtime";

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
 * block entered rather than before every node, and values are only checked for being lazy (generators)
 * where LiquidJS can produce one (filters, Drop methods).
 *
 * LiquidJS's value semantics live in liquid-runtime.ts; the recording and replay of loop iterations
 * for incremental generation in iteration-memo.ts.
 */

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
      const memo = memoId !== null && recording === null && !this.usesOffset ? memoOf(ctx) : undefined;
      const loop = memo && loopRun(memo, `${memoId}|${items.length}`);
      try {
        for (const item of items) {
          scope[variable] = item;
          ctx.continueCalled = ctx.breakCalled = false;
          if (loop) iterate(memo!, loop, forloop.i, item, ctx, emitter, body);
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
    if (memo) attachMemo(ctx, memo);
    block(ctx, emitter);
    return emitter.buffer;
  };
}

export type { IterationMemo, LoopMemo, MemoEntry } from "./iteration-memo";
export { LIQUID_TARGET } from "./liquid-runtime";
