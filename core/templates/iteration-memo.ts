import { AssignTag, CaptureTag, CaseTag, CommentTag, Drop, EchoTag, ForTag, IfTag, InlineCommentTag, LiquidTag, Output, RawTag, RenderTag, TypeGuards, UnlessTag, type Context, type Template as LiquidTemplate } from "liquidjs";
import { Emitter, findScope, isComparable, readProperty, type Node } from "./liquid-runtime";
import { flat } from "../flat-string";

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
  /**
   * The stable id of a tracked object (a stand-in), or undefined for any other value. An object must
   * get the same answer for as long as it lives (answers are cached per object).
   */
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
  /** The iterations recorded by the previous render of this output, per loop. */
  previous: ReadonlyMap<string, LoopMemo> | undefined;
  /** Where this render records its iterations, per loop. */
  next: Map<string, LoopMemo>;
  /** How many iterations this render replayed (counted here, for the host's statistics). */
  replayed: number;
}

/**
 * The iterations of one loop (a `for` tag over a list of a given length), by item: a tracked object's
 * Ref, a primitive, or the JSON of a list. An entry also holds its position, checked on replay.
 */
export type LoopMemo = Map<unknown, MemoEntry>;

/** A value as it is compared across renders: tracked objects by identity (Ref), lists element by element. */
type Stable = unknown;

export interface MemoEntry {
  /** The iteration's position in its loop. */
  index: number;
  item: Stable;
  reads: Array<[string, Stable]>;
  /** Name, recorded value, and whether it holds model objects (to be made live again on replay). */
  writes: Array<[string, Stable, boolean]>;
  output: string;
  deps: string[];
}

const memos = new WeakMap<Context, IterationMemo>();
/** Gives a render's context the memo its loops record into and replay from. */
export const attachMemo = (ctx: Context, memo: IterationMemo) => memos.set(ctx, memo);
/** The memo of a render's context (none inside partials, which render in a context of their own). */
export const memoOf = (ctx: Context) => memos.get(ctx);

export class Recording {
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

/** The iteration being recorded, if any (rendering is synchronous: one at a time). */
export let recording: Recording | null = null;
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

/** The Ref of each object seen (or null for an untracked one): idOf answers once per object. */
const refByObject = new WeakMap<object, Ref | null>();

/**
 * Stable forms of the lists seen (a list read by every iteration is converted once). A list's stable
 * form never changes (templates never change a value in place, and an object keeps its id), so it is
 * kept across renders: iterations recorded in different renders then hold the very same array, and
 * comparing them with the current one is an identity check.
 */
const stableLists = new WeakMap<object, Stable | typeof UNSTABLE>();

function stableOf(memo: IterationMemo, value: unknown): Stable | typeof UNSTABLE {
  if (value === null || typeof value !== "object") return typeof value === "function" || typeof value === "symbol" ? UNSTABLE : value;
  if (Array.isArray(value)) {
    const known = stableLists.get(value);
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
    stableLists.set(value, out);
    return out;
  }
  if (value instanceof Drop) return isComparable(value) ? value : UNSTABLE;
  let ref = refByObject.get(value);
  if (ref === undefined) {
    const id = memo.idOf(value);
    refByObject.set(value, (ref = id === undefined ? null : refOf(id)));
  }
  return ref ?? UNSTABLE;
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

/** One run of a memoised loop: the iterations the previous render recorded for it, and where this one records. */
export interface LoopRun {
  previous: LoopMemo | undefined;
  next: LoopMemo;
}

/** The loop `key` (which `for` tag, and how many items) of a memo, ready for its iterations. */
export function loopRun(memo: IterationMemo, key: string): LoopRun {
  let next = memo.next.get(key);
  if (!next) memo.next.set(key, (next = new Map()));
  return { previous: memo.previous?.get(key), next };
}

/** How an item keys its loop's entries (a Ref by identity, a primitive as itself, a list as JSON). */
const keyOf = (stable: Stable): unknown => (stable !== null && typeof stable === "object" && !(stable instanceof Ref) ? JSON.stringify(stable) : stable);

export function iterate(memo: IterationMemo, loop: LoopRun, index: number, item: unknown, ctx: Context, emitter: Emitter, body: Node) {
  const itemStable = stableOf(memo, item);
  const key = itemStable === UNSTABLE ? UNSTABLE : keyOf(itemStable);
  const before = key !== UNSTABLE ? loop.previous?.get(key) : undefined;
  if (before && before.index === index && sameStable(before.item, itemStable) && replay(memo, before, ctx, emitter)) {
    loop.next.set(key, before);
    memo.replayed++;
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
  if (!rec.ok || key === UNSTABLE) return;
  const writes: Array<[string, Stable, boolean]> = [];
  for (const [name, value] of rec.writes) {
    const stable = stableOf(memo, value);
    if (stable === UNSTABLE) return;
    writes.push([name, stable, holdsRefs(stable)]);
  }
  // Two equal items in one loop share a key: the later one's entry wins (the other renders again).
  // The output is stored as one piece (see flat): replayed from thousands of iterations, a file then
  // reads back as a few thousand pieces, not as every piece ever written.
  loop.next.set(key, { index, item: itemStable, reads: [...rec.reads], writes, output: flat(own.buffer), deps });
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
export function continuesOffset(t: ForTag): boolean {
  const offset = (t.hash as unknown as { hash: Record<string, { getText(): string } | undefined> }).hash.offset;
  return offset !== undefined && offset.getText().trim() === "continue";
}

/** Whether a loop body only does what memoised iterations can replay. */
export function memoizable(templates: LiquidTemplate[]): boolean {
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
