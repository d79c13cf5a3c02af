/**
 * The pattern engine (core/patterns/SPEC.md): finds the repeated shapes in a set of files and turns each
 * into a Liquid template with holes plus one binding per occurrence, such that rendering every instance
 * gives back its original bytes. Pure and deterministic: the same files give the same analysis in any
 * order; parsers and hashing come from the host.
 */
import { Heap } from "../heap";
import { grown } from "../typed-arrays";
import { ANALYSIS_FORMAT, analysisOptionsSchema, type Analysis, type AnalysisFile, type AnalysisOptions, type PatternGroup } from "./analysis";
import { extractGroup, indentOf, rangeOf, type Candidate, type Extracted, type Occurrence, type Prepared } from "./build";
import { countLines, fnv, FNV_START, languageOf, lineAt, lineStarts, skipReason, utf8Length, type FileLimits, DEFAULT_FILE_LIMITS } from "./files";
import { lexFamily, tokenize, TokenKind, type Tokens } from "./lexer";
import { tokenSyntax, type Syntax, type SyntaxProvider, type UnitKind } from "./syntax";
import { nearClusters, signature, SHINGLE, type NearUnit } from "./near";
import { dataLists, foldsIn } from "./folds";
import { ownTokens, type Nested } from "./frames";

/** Near-miss detection looks at units up to this size, in clusters up to this many members. */
const MAX_NEAR_TOKENS = 20_000;
const MAX_NEAR_MEMBERS = 400;
/** Units with lists of data to fold are declarations and records, not whole modules (PA-20). */
const MAX_FOLD_TOKENS = 2_000;

export interface SourceFile {
  path: string;
  text: string;
}

export type AnalysisPhase = "reading" | "matching" | "extracting";

export interface AnalyzeInput {
  files: readonly SourceFile[];
  options?: Partial<AnalysisOptions>;
  /** Parser-backed syntax; the token-level path is used when absent or when it returns null. */
  syntax?: SyntaxProvider;
  /** Hex SHA-256 of a text's UTF-8 bytes (node:crypto on the server, SubtleCrypto is async so not here). */
  sha256: (text: string) => string;
  limits?: FileLimits;
}

export interface AnalysisProgress {
  phase: AnalysisPhase;
  done: number;
  total: number;
}

/** A file read, tokenized and parsed: the per-file part of the analysis (independent per file). */
export interface PreparedFile {
  info: AnalysisFile;
  text: string;
  /** Absent for skipped files. */
  tokens?: Tokens;
  lines?: Int32Array;
  /** Rolling hash prefix of normalised tokens. */
  prefix?: Int32Array;
  syntax?: Syntax;
}

export interface PrepareOptions {
  syntax?: SyntaxProvider;
  sha256: (text: string) => string;
  limits?: FileLimits;
  /** Only these languages (empty: all). */
  languages?: readonly string[];
}

/** Reads one file: skip decision, tokens, lines and syntax (parser first, token-level path if none). */
export function prepareFile(file: SourceFile, options: PrepareOptions): PreparedFile {
  const { path, text } = file;
  const language = languageOf(path);
  const info: AnalysisFile = { path, language, lines: countLines(text), bytes: utf8Length(text), sha256: options.sha256(text) };
  const skip = skipReason(text, options.limits ?? DEFAULT_FILE_LIMITS);
  if (skip) info.skipped = skip;
  else if (options.languages && options.languages.length > 0 && !options.languages.includes(language)) info.skipped = "language";
  if (info.skipped) return { info, text };
  const tokens = tokenize(text, lexFamily(language));
  let syntax: Syntax | null = null;
  if (options.syntax) {
    try {
      syntax = options.syntax({ path, text, language });
    } catch {
      syntax = null;
    }
  }
  return { info, text, tokens, lines: lineStarts(text), prefix: prefixHashes(tokens.norm), syntax: syntax ?? tokenSyntax(text, tokens, lexFamily(language)) };
}

const BASE = 0x01000193;
let POW = new Int32Array([1]);
function pow(n: number): number {
  if (n >= POW.length) {
    const next = grown(POW, n + 1);
    for (let i = POW.length; i < next.length; i++) next[i] = Math.imul(next[i - 1]!, BASE);
    POW = next;
  }
  return POW[n]!;
}

function prefixHashes(norm: Int32Array): Int32Array {
  const p = new Int32Array(norm.length + 1);
  for (let i = 0; i < norm.length; i++) p[i + 1] = (Math.imul(p[i]!, BASE) + norm[i]!) | 0;
  return p;
}

const rangeHash = (f: Prepared, t0: number, t1: number) => (f.prefix[t1]! - Math.imul(f.prefix[t0]!, pow(t1 - t0))) | 0;


/** First token whose start is >= offset. */
function tokenAtOrAfter(tokens: Tokens, offset: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.start[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One past the last token whose end is <= offset. */
function tokenEndingBy(tokens: Tokens, offset: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.end[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isBlank = (text: string, from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 12 && c !== 0xfeff) return false;
  }
  return true;
};

/** Does token t start its line (only whitespace before it)? */
function startsLine(f: Prepared, t: number): boolean {
  const s = f.tokens.start[t]!;
  const line = f.lines[lineAt(f.lines, s)]!;
  return isBlank(f.text, line, s);
}

/** Extends an occurrence start backwards over comment lines directly above it (doc comments belong to their unit). */
function withLeadingComments(f: Prepared, t0: number, floor: number): number {
  let t = t0;
  while (t - 1 >= floor && f.tokens.kind[t - 1] === TokenKind.Comment) {
    const gap = f.text.slice(f.tokens.end[t - 1], f.tokens.start[t]);
    if (!/^[ \t]*\r?\n[ \t]*$/.test(gap) || !startsLine(f, t - 1)) break;
    t--;
  }
  return t;
}

function lineCount(f: Prepared, t0: number, t1: number): number {
  return lineAt(f.lines, f.tokens.end[t1 - 1]! - 1) - lineAt(f.lines, f.tokens.start[t0]!) + 1;
}

/** Maps a span to tokens, applying the line-start rule; null when it holds no token or starts mid-line. */
function spanTokens(f: Prepared, start: number, end: number, floor = 0): [number, number] | null {
  let t0 = tokenAtOrAfter(f.tokens, start);
  const t1 = tokenEndingBy(f.tokens, end);
  if (t1 <= t0) return null;
  if (!startsLine(f, t0)) return null;
  t0 = withLeadingComments(f, t0, floor);
  return [t0, t1];
}

/** A file's lists of data (PA-20) as token ranges, from the literals its parser reports. */
function dataListsIn(f: Prepared, syntax: Syntax): Int32Array {
  if (!syntax.literals?.length) return new Int32Array(0);
  const ranges: [number, number][] = [];
  for (const l of syntax.literals) {
    const t0 = tokenAtOrAfter(f.tokens, l.start);
    const t1 = tokenEndingBy(f.tokens, l.end);
    if (t1 > t0) ranges.push([t0, t1]);
  }
  return dataLists(f.text, f.tokens, ranges);
}

/** What stands for a nested instance (PA-19) or a folded list (PA-20) in a collapsed shape. */
const NESTED_TOKEN = 0x5eed;
const FOLD_TOKEN = 0x5f01d;

/**
 * The shape of occurrence `o` with the token ranges `folded` (a frame's nested instances, a unit's lists
 * of data) read as one `token` each: its length, the hash of its normalised tokens, and the hash of the
 * gaps between them (those with a line break up to the break: frames or lists at other depths share a
 * shape, the extraction makes their extra indentation a hole or rejects them). From the prefixes: the
 * runs between ranges and the line breaks are looked at, not every token.
 */
function collapsedShape(f: Prepared, gaps: Gaps, o: Occurrence, folded: Nested, token: number): string {
  let hash = 0;
  let length = 0;
  // Gaps before the tokens of the collapsed sequence but its first: runs [from, to) of token indices.
  let layout = 0;
  let at = o.t0;
  const run = (a: number, b: number) => {
    if (b <= a) return;
    hash = (Math.imul(hash, pow(b - a)) + rangeHash(f, a, b)) | 0;
    length += b - a;
  };
  const gapRun = (a: number, b: number) => {
    if (b <= a) return;
    layout = (Math.imul(layout, pow(b - a)) + ((gaps.prefix[b]! - Math.imul(gaps.prefix[a]!, pow(b - a))) | 0)) | 0;
  };
  let gapFrom = o.t0 + 1;
  for (const [a, b] of folded) {
    run(at, a);
    hash = (Math.imul(hash, BASE) + token) | 0;
    length++;
    at = b;
    gapRun(gapFrom, a + 1);
    gapFrom = b;
  }
  run(at, o.t1);
  gapRun(gapFrom, o.t1);
  // Gaps with a line break (zero in the prefix), added at their place in the collapsed sequence.
  const gapsCount = length - 1;
  const lo = firstBreakAfter(gaps, o.t0);
  let removed = 0;
  let d = 0;
  for (let k = lo; k < gaps.breaks.length && gaps.breaks[k]! < o.t1; k++) {
    const t = gaps.breaks[k]!;
    while (d < folded.length && folded[d]![1] <= t) {
      removed += folded[d]![1] - folded[d]![0] - 1;
      d++;
    }
    if (d < folded.length && t > folded[d]![0]) continue; // inside a fold
    const i = t - o.t0 - removed; // the gap before the i-th token of the collapsed sequence (1-based gaps)
    layout = (layout + Math.imul(gaps.heads[k]!, pow(gapsCount - i))) | 0;
  }
  return `${length}|${hash}|${layout}`;
}

/**
 * Occurrences in source order kept apart: false for each one that overlaps one kept before it (compared
 * with the last one kept, not the last one seen: a unit inside a dropped one may still overlap a kept one).
 */
export function apart(occ: readonly Occurrence[]): boolean[] {
  let last: Occurrence | undefined;
  return occ.map((o) => {
    if (last && last.file === o.file && o.t0 < last.t1) return false;
    last = o;
    return true;
  });
}

function sameNorm(a: Prepared, a0: number, b: Prepared, b0: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (a.tokens.norm[a0 + k] !== b.tokens.norm[b0 + k]) return false;
  return true;
}

/**
 * The whitespace between a file's tokens, ready for `layoutHash`: the gap before token t hashed alone
 * (rolling prefix, like `prefix`) when it holds no line break, and where it does, the token, the hash of
 * the gap up to and including its last line break, and where the line starts.
 */
interface Gaps {
  prefix: Int32Array;
  breaks: Int32Array;
  heads: Int32Array;
  lineStart: Int32Array;
}

function gapsOf(f: Prepared): Gaps {
  const { start, end, count } = f.tokens;
  const prefix = new Int32Array(count + 1);
  const breaks: number[] = [];
  const heads: number[] = [];
  const lineStart: number[] = [];
  for (let t = 0; t < count; t++) {
    let g = 0;
    if (t > 0) {
      const a = end[t - 1]!;
      const b = start[t]!;
      const nl = f.text.lastIndexOf("\n", b - 1);
      if (nl < a) g = fnv(FNV_START, f.text, a, b);
      else {
        breaks.push(t);
        heads.push(fnv(FNV_START, f.text, a, nl + 1));
        lineStart.push(nl + 1);
      }
    }
    prefix[t + 1] = (Math.imul(prefix[t]!, BASE) + g) | 0;
  }
  return { prefix, breaks: Int32Array.from(breaks), heads: Int32Array.from(heads), lineStart: Int32Array.from(lineStart) };
}

/** Index of the first gap with a line break before a token after t. */
function firstBreakAfter(gaps: Gaps, t: number): number {
  let lo = 0;
  let hi = gaps.breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (gaps.breaks[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Hash of the whitespace between an occurrence's tokens (instances of one template share their layout),
 * with the indentation of every line after the first taken relative to the first line's: the same code
 * nested deeper has the same layout. A rolling hash over the gaps, so that only the gaps with a line
 * break are looked at per occurrence.
 */
function layoutHash(f: Prepared, gaps: Gaps, o: Occurrence): number {
  const base = indentOf(f, o.t0);
  // Gaps without a line break, from the prefix; gaps with one (zero there) added with their weight.
  let h = (gaps.prefix[o.t1]! - Math.imul(gaps.prefix[o.t0 + 1]!, pow(o.t1 - o.t0 - 1))) | 0;
  const lo = firstBreakAfter(gaps, o.t0);
  for (let k = lo; k < gaps.breaks.length && gaps.breaks[k]! < o.t1; k++) {
    const t = gaps.breaks[k]!;
    const line = gaps.lineStart[k]!;
    const b = f.tokens.start[t]!;
    const relative = line + base.length <= b && f.text.startsWith(base, line);
    const g = fnv(Math.imul(gaps.heads[k]! ^ (relative ? 0x3e : 0x3f), 0x01000193), f.text, relative ? line + base.length : line, b);
    h = (h + Math.imul(g, pow(o.t1 - 1 - t))) | 0;
  }
  return h;
}

/** A list's items as token ranges: null where an item starts mid-line (it cannot start a run). */
function listItems(f: Prepared, list: Syntax["lists"][number]): ([number, number] | null)[] {
  const items: ([number, number] | null)[] = [];
  let floor = 0;
  for (const it of list.items) {
    const r = spanTokens(f, it.start, it.end, floor);
    items.push(r);
    if (r) floor = r[1];
  }
  return items;
}

/**
 * A file's list items for extending instances over their neighbours (PA-18): every list's items in order
 * as token ranges (−1 where an item starts mid-line, and after each list), with the items' positions
 * sorted by first token (leading comments included) and by end token.
 */
interface SiblingIndex {
  t0: Int32Array;
  t1: Int32Array;
  members: Uint8Array;
  byStart: Int32Array;
  byEnd: Int32Array;
}

function siblingIndex(f: Prepared, syntax: Syntax): SiblingIndex {
  const t0: number[] = [];
  const t1: number[] = [];
  const members: number[] = [];
  for (const list of syntax.lists) {
    for (const r of [...listItems(f, list), null]) {
      t0.push(r ? r[0] : -1);
      t1.push(r ? r[1] : -1);
      members.push(list.kind === "members" ? 1 : 0);
    }
  }
  const present = t0.map((_, k) => k).filter((k) => t0[k]! >= 0);
  return {
    t0: Int32Array.from(t0),
    t1: Int32Array.from(t1),
    members: Uint8Array.from(members),
    byStart: Int32Array.from(present.slice().sort((a, b) => t0[a]! - t0[b]! || a - b)),
    byEnd: Int32Array.from(present.sort((a, b) => t1[a]! - t1[b]! || a - b)),
  };
}

/**
 * The sibling right after (dir 1) or before (dir −1) an occurrence that spans whole consecutive items of a
 * list, with that list's kind; null when there is none (or it starts mid-line).
 */
function neighbour(index: SiblingIndex, o: Occurrence, dir: 1 | -1): { t0: number; t1: number; kind: "statements" | "members" } | null {
  const sorted = dir === 1 ? index.byEnd : index.byStart;
  const key = dir === 1 ? index.t1 : index.t0;
  const at = dir === 1 ? o.t1 : o.t0;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key[sorted[mid]!]! < at) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && key[sorted[i]!] === at; i++) {
    const k = sorted[i]!;
    // The other end of the occurrence must be an item boundary of the same list, every item between present.
    let whole = false;
    for (let j = k; index.t0[j]! >= 0; j -= dir) {
      if (dir === 1 ? index.t0[j] === o.t0 : index.t1[j] === o.t1) {
        whole = true;
        break;
      }
      if (dir === 1 ? index.t0[j]! < o.t0 : index.t1[j]! > o.t1) break;
    }
    const n = k + dir;
    if (whole && n >= 0 && index.t0[n]! >= 0) return { t0: index.t0[n]!, t1: index.t1[n]!, kind: index.members[n] ? "members" : "statements" };
  }
  return null;
}

/** Stretches may repeat a pattern of up to this many siblings (PA-5). */
const MAX_PERIOD = 4;

/**
 * Runs inside long stretches of repeating siblings (PA-5): consecutive items of one list that repeat a
 * pattern of p items (p ≤ MAX_PERIOD; p = 1: similar siblings), every item like the one p before it
 * (equal normalised tokens and layout) and separated alike. Every run of such a stretch that starts at
 * the pattern's start has the same shape, so the shortest big run from each start would tile it from the
 * left and leave its last items out when its length does not divide the stretch's — and a run whose
 * length is not a whole number of patterns leaves an item out between two of its occurrences. Instead
 * the stretch is cut into as many pieces as fit, whole patterns each, of two lengths that differ by one
 * pattern (the longer ones last), so the pieces cover it whole. Gives, for each start inside a stretch
 * whose shortest big run stays inside it, the run length in items from there (0: no run from there);
 * other starts are not in the map.
 */
function similarTiles(f: Prepared, gaps: Gaps, items: readonly ([number, number] | null)[], big: (f: Prepared, t0: number, t1: number) => boolean): Map<number, number> {
  const tiles = new Map<number, number>();
  const shapes = new Map<number, { len: number; hash: number; layout: number }>();
  /** Shape of items [a, b] (a run of one or two items; memoised by a and b). */
  const shape = (a: number, b: number) => {
    const key = a * 2 + (b - a);
    let s = shapes.get(key);
    if (!s) {
      const t0 = items[a]![0];
      const t1 = items[b]![1];
      shapes.set(key, (s = { len: t1 - t0, hash: rangeHash(f, t0, t1), layout: layoutHash(f, gaps, { file: f.index, t0, t1, kind: "statements" }) }));
    }
    return s;
  };
  const same = (x: ReturnType<typeof shape>, y: ReturnType<typeof shape>) => x.len === y.len && x.hash === y.hash && x.layout === y.layout;
  /** The last item of the stretch from i repeating a pattern of p items. */
  const stretchEnd = (i: number, p: number) => {
    for (let k = i; k < i + p; k++) if (!items[k]) return -1;
    let j = i + p - 1;
    while (j + 1 < items.length && items[j + 1] && same(shape(j + 1, j + 1), shape(j + 1 - p, j + 1 - p)) && (j - p < i || same(shape(j, j + 1), shape(j - p, j + 1 - p)))) j++;
    return j;
  };
  for (let i = 0; i < items.length; ) {
    if (!items[i] || !items[i + 1]) {
      i++;
      continue;
    }
    // The pattern length whose stretch from i holds the most items (at least two patterns; the shortest wins ties).
    let p = 0;
    let j = i;
    for (let period = 1; period <= MAX_PERIOD; period++) {
      const end = stretchEnd(i, period);
      const whole = end < 0 ? 0 : Math.floor((end - i + 1) / period) * period;
      if (whole >= 2 * period && whole > j - i + 1) {
        p = period;
        j = i + whole - 1;
      }
    }
    if (p === 0) {
      i++;
      continue;
    }
    const n = (j - i + 1) / p; // patterns in the stretch
    // Shortest big run in patterns (a single item is a unit of its own, not a run).
    let k = p === 1 ? 2 : 1;
    while (k <= n && !big(f, items[i]![0], items[i + k * p - 1]![1])) k++;
    if ((p > 1 || n % k !== 0) && Math.floor(n / k) >= 2) {
      // Most pieces first: q pieces, q − r of m patterns then r of m + 1; each length needs 0 or 2+ pieces.
      for (let q = Math.floor(n / k); q >= 2; q--) {
        const m = Math.floor(n / q);
        const r = n % q;
        if (r === 1 || q - r === 1) continue;
        for (let s = i; s + k * p - 1 <= j; s++) tiles.set(s, 0);
        let at = i;
        for (let piece = 0; piece < q; piece++) {
          const len = (piece < q - r ? m : m + 1) * p;
          tiles.set(at, len);
          at += len;
        }
        break;
      }
    }
    i = j + 1;
  }
  return tiles;
}

/** Runs the whole analysis at once. */
export function analyze(input: AnalyzeInput, onProgress?: (p: AnalysisProgress) => void): Analysis {
  const steps = analysisSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    onProgress?.(step.value);
  }
}

/**
 * The analysis as steps: yields progress between files and between batches of groups, so a host can
 * report progress, give its event loop a turn, or stop (cancel) by not asking for the next step.
 */
export function* analysisSteps(input: AnalyzeInput): Generator<AnalysisProgress, Analysis, void> {
  const options = analysisOptionsSchema.parse(input.options ?? {});
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  // Files in path order: the analysis does not depend on the order they were given in.
  const sorted = [...input.files].sort(byPath);
  const ready: PreparedFile[] = [];
  for (let i = 0; i < sorted.length; i++) {
    ready.push(prepareFile(sorted[i]!, { syntax: input.syntax, sha256: input.sha256, limits: input.limits, languages: options.languages }));
    yield { phase: "reading", done: i + 1, total: sorted.length };
  }
  const fileInfos: AnalysisFile[] = ready.map((r) => r.info);
  const prepared: Prepared[] = [];
  const syntaxes: Syntax[] = [];
  for (const r of ready) {
    if (!r.tokens || !r.lines || !r.prefix || !r.syntax) continue;
    prepared.push({ index: prepared.length, path: r.info.path, text: r.text, language: r.info.language, tokens: r.tokens, lines: r.lines, prefix: r.prefix });
    syntaxes.push(r.syntax);
  }

  // --- candidate occurrences, bucketed by normalised shape -------------------------------------------
  const buckets = new Map<string, { kind: UnitKind; occ: Occurrence[] }>();
  const nearPool: Occurrence[] = [];
  const add = (f: Prepared, t0: number, t1: number, kind: UnitKind, keyPrefix: string) => {
    if ((keyPrefix === "" || keyPrefix === "small|") && t1 - t0 <= MAX_NEAR_TOKENS) nearPool.push({ file: f.index, t0, t1, kind });
    const key = `${keyPrefix}${f.language === "typescript" ? "javascript" : f.language}|${t1 - t0}|${rangeHash(f, t0, t1)}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { kind, occ: [] }));
    b.occ.push({ file: f.index, t0, t1, kind });
  };
  const big = (f: Prepared, t0: number, t1: number) => t1 - t0 >= options.minTokens && lineCount(f, t0, t1) >= options.minLines;
  const small = (f: Prepared, t0: number, t1: number) => t1 - t0 >= options.minItemTokens && lineCount(f, t0, t1) >= options.minLines;
  /** A unit on its own: a small one needs a family of minItemInstances (PA-7), marked with a key prefix. */
  const addUnit = (f: Prepared, t0: number, t1: number, kind: UnitKind) => {
    if (big(f, t0, t1)) add(f, t0, t1, kind, "");
    else if (small(f, t0, t1)) add(f, t0, t1, kind, "small|");
  };
  const gaps: Gaps[] = [];
  const dataListsOf: Int32Array[] = [];
  for (const f of prepared) {
    const syntax = syntaxes[f.index]!;
    gaps.push(gapsOf(f));
    // The file itself, small ones too (a generated four-line command).
    addUnit(f, 0, f.tokens.count, "file");
    for (const u of syntax.units) {
      const r = spanTokens(f, u.start, u.end);
      if (r && big(f, r[0], r[1])) add(f, r[0], r[1], u.kind, "");
    }
    for (const list of syntax.lists) {
      const items = listItems(f, list);
      const tiles = similarTiles(f, gaps[f.index]!, items, big);
      for (let s = 0; s < items.length; s++) {
        const first = items[s];
        if (!first) continue;
        // The item alone.
        addUnit(f, first[0], first[1], list.kind === "members" ? "method" : "statements");
        // Inside a long stretch of similar siblings, runs are its tiling (PA-5): pieces that cover it whole.
        const tile = tiles.get(s);
        if (tile !== undefined) {
          if (tile > 0) add(f, first[0], items[s + tile - 1]![1], list.kind, "run|");
          continue;
        }
        // The shortest run from here that is big enough.
        for (let e = s + 1; e < items.length; e++) {
          const last = items[e];
          if (!last) break;
          if (big(f, first[0], last[1])) {
            add(f, first[0], last[1], list.kind, "run|");
            break;
          }
        }
      }
    }
    yield { phase: "matching", done: f.index + 1, total: prepared.length };
  }

  // --- groups: equal shape, equal layout, not overlapping ----------------------------------------------
  const candidates: Candidate[] = [];
  const bucketKeys = [...buckets.keys()];
  for (const key of bucketKeys) {
    const b = buckets.get(key)!;
    if (b.occ.length < 2) continue;
    // Split hash collisions and layouts.
    const parts = new Map<string, Occurrence[]>();
    const reps: Occurrence[] = [];
    for (const o of b.occ) {
      const f = prepared[o.file]!;
      let rep = reps.findIndex((r) => sameNorm(prepared[r.file]!, r.t0, f, o.t0, o.t1 - o.t0));
      if (rep < 0) {
        reps.push(o);
        rep = reps.length - 1;
      }
      const k = `${rep}|${layoutHash(f, gaps[o.file]!, o)}`;
      let list = parts.get(k);
      if (!list) parts.set(k, (list = []));
      list.push(o);
    }
    const least = key.startsWith("small|") ? options.minItemInstances : 2;
    for (const occ of parts.values()) {
      // Drop occurrences overlapping an earlier one (periodic runs), keep source order.
      occ.sort((a, c) => a.file - c.file || a.t0 - c.t0);
      const keep = apart(occ);
      const kept = occ.filter((_, i) => keep[i]);
      if (kept.length >= least) candidates.push({ kind: b.kind, language: prepared[kept[0]!.file]!.language, occurrences: kept });
    }
  }

  // --- units alike but for their lists of data (PA-20) ----------------------------------------------------
  const folds = new Map<string, Occurrence[]>();
  for (const o of nearPool) {
    if (o.t1 - o.t0 > MAX_FOLD_TOKENS) continue;
    const f = prepared[o.file]!;
    const lists = (dataListsOf[o.file] ??= dataListsIn(f, syntaxes[o.file]!));
    const folded = lists.length > 0 ? foldsIn(lists, o.t0, o.t1, options.minItemTokens) : null;
    if (!folded) continue;
    const key = `${f.language === "typescript" ? "javascript" : f.language}|${collapsedShape(f, gaps[o.file]!, o, folded, FOLD_TOKEN)}`;
    let list = folds.get(key);
    if (!list) folds.set(key, (list = []));
    list.push({ ...o, folded });
  }
  for (const occ of folds.values()) {
    if (occ.length < 2) continue;
    // All equal token for token: the exact group already covers them.
    const o0 = occ[0]!;
    const h0 = rangeHash(prepared[o0.file]!, o0.t0, o0.t1);
    if (occ.every((o) => o.t1 - o.t0 === o0.t1 - o0.t0 && rangeHash(prepared[o.file]!, o.t0, o.t1) === h0)) continue;
    // In source order (the pool's), a unit inside one kept before is left out.
    const keep = apart(occ);
    const c: Candidate = { kind: o0.kind, language: prepared[o0.file]!.language, occurrences: occ.filter((_, i) => keep[i]) };
    if (c.occurrences.length >= minInstances(c)) candidates.push(c);
  }

  // --- near-miss clusters (PA-17) -------------------------------------------------------------------
  nearPool.sort((a, b) => a.file - b.file || a.t0 - b.t0 || b.t1 - a.t1);
  const nearUnits: NearUnit[] = nearPool.map((o) => {
    const f = prepared[o.file]!;
    return { scope: f.language === "typescript" ? "javascript" : f.language, length: o.t1 - o.t0, sig: signature((t) => rangeHash(f, t, t + SHINGLE), o.t0, o.t1), at: { doc: o.file, start: o.t0, end: o.t1 } };
  });
  yield { phase: "matching", done: prepared.length, total: prepared.length };
  for (const cluster of nearClusters(nearUnits)) {
    // Members in pool order (source order), none overlapping another (nearClusters keeps them apart).
    const kept = cluster.map((i) => nearPool[i]!);
    // Small units need a family (PA-7), as in exact groups.
    const min = kept[0]!.t1 - kept[0]!.t0 >= options.minTokens ? 2 : options.minItemInstances;
    if (kept.length < min || kept.length > MAX_NEAR_MEMBERS) continue;
    // All equal in shape: the exact group already covers it.
    const h0 = rangeHash(prepared[kept[0]!.file]!, kept[0]!.t0, kept[0]!.t1);
    if (kept.every((o) => o.t1 - o.t0 === kept[0]!.t1 - kept[0]!.t0 && rangeHash(prepared[o.file]!, o.t0, o.t1) === h0)) continue;
    candidates.push({ kind: kept[0]!.kind, language: prepared[kept[0]!.file]!.language, occurrences: kept, near: true });
  }

  // --- extraction, then greedy selection of non-overlapping instances by score --------------------------
  /** A group extracted from a candidate. */
  interface Built extends Extracted {
    candidate: Candidate;
  }
  const build = (c: Candidate): Built | null => {
    const extracted = extractGroup(prepared, options, c);
    return extracted && { ...extracted, candidate: c };
  };

  /**
   * The queue holds groups built, and candidates not built yet, ranked by an upper bound of their score
   * (the lines they would save with no holes): a candidate is only extracted once it reaches the head of
   * the queue, and then only from its occurrences still free, so the many candidates inside better groups
   * taken before are never extracted at all. A built group at the head outranks every candidate's bound,
   * so groups are taken in the same order as if all had been built first.
   */
  interface Entry {
    score: number;
    file: number;
    start: number;
    end: number;
    count: number;
    built?: Built;
    candidate: Candidate;
  }
  const builtEntry = (b: Built): Entry => ({ score: b.group.stats.score, file: b.ranges[0]!.file, start: b.ranges[0]!.start, end: b.ranges[0]!.end, count: b.ranges.length, built: b, candidate: b.candidate });
  const candidateEntry = (c: Candidate): Entry => {
    const first = c.occurrences[0]!;
    const r = rangeOf(prepared, first);
    return { score: (c.occurrences.length - 1) * lineCount(prepared[first.file]!, first.t0, first.t1), file: r.file, start: r.start, end: r.end, count: c.occurrences.length, candidate: c };
  };
  const order = (a: Entry, b: Entry) => b.score - a.score || a.file - b.file || a.start - b.start || b.end - a.end || b.count - a.count;

  const queue = new Heap<Entry>(order); // the best group first
  for (const c of candidates) queue.push(candidateEntry(c));

  // Taken ranges per file, sorted, each with the index of its group in `accepted`.
  const taken: { start: number; end: number; group: number }[][] = prepared.map(() => []);
  /** Index of the first taken range of `file` that ends after `start`. */
  const firstAfter = (file: number, start: number) => {
    const list = taken[file]!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const take = (file: number, start: number, end: number, group: number) => {
    const list = taken[file]!;
    list.splice(firstAfter(file, start), 0, { start, end, group });
  };
  const release = (file: number, start: number, end: number) => {
    const list = taken[file]!;
    const i = firstAfter(file, start);
    if (list[i]?.start === start && list[i]!.end === end) list.splice(i, 1);
  };
  /**
   * 0: the range is free; 1: it only overlaps instances strictly inside it (of groups taken before, which
   * could give them up); 2: it overlaps otherwise.
   */
  const conflict = (r: Built["ranges"][number]): 0 | 1 | 2 => {
    const list = taken[r.file]!;
    let i = firstAfter(r.file, r.start);
    if (i >= list.length || list[i]!.start >= r.end) return 0;
    for (; i < list.length && list[i]!.start < r.end; i++) {
      const t = list[i]!;
      if (t.start < r.start || t.end > r.end || (t.start === r.start && t.end === r.end)) return 2;
    }
    return 1;
  };

  const accepted: (Built | null)[] = [];
  const accept = (b: Built) => {
    accepted.push(b);
    for (const r of b.ranges) take(r.file, r.start, r.end, accepted.length - 1);
  };
  /**
   * A group whose instances enclose instances of groups taken before takes them over when that scores more
   * than those groups lose (they keep their other instances, extracted again). PA-15.
   */
  const takeOver = (b: Built, state: readonly number[]): boolean => {
    const lost = new Map<number, Set<number>>();
    b.ranges.forEach((r, k) => {
      if (state[k] !== 1) return;
      const list = taken[r.file]!;
      for (let i = firstAfter(r.file, r.start); i < list.length && list[i]!.start < r.end; i++) {
        const t = list[i]!;
        const g = accepted[t.group]!;
        const at = g.ranges.findIndex((x) => x.file === r.file && x.start === t.start && x.end === t.end);
        let set = lost.get(t.group);
        if (!set) lost.set(t.group, (set = new Set()));
        set.add(at);
      }
    });
    let loss = 0;
    const rebuilt = new Map<number, Built | null>();
    for (const [gi, set] of [...lost].sort((x, y) => x[0] - y[0])) {
      const g = accepted[gi]!;
      const rest = g.candidate.occurrences.filter((_, i) => !set.has(i));
      const r = rest.length >= minInstances(g.candidate) ? build({ ...g.candidate, occurrences: rest }) : null;
      rebuilt.set(gi, r);
      loss += g.group.stats.score - (r ? r.group.stats.score : 0);
      if (loss >= b.group.stats.score) return false;
    }
    for (const [gi, r] of rebuilt) {
      for (const x of accepted[gi]!.ranges) release(x.file, x.start, x.end);
      accepted[gi] = r;
      if (r) for (const x of r.ranges) take(x.file, x.start, x.end, gi);
    }
    accept(b);
    return true;
  };

  let extracted = 0;
  for (let e = queue.pop(); e; e = queue.pop()) {
    const b = e.built;
    if (!b) {
      // A candidate at the head: extracted from its occurrences not inside groups taken already.
      if (++extracted % 256 === 0) yield { phase: "extracting", done: extracted, total: candidates.length };
      const c = e.candidate;
      const state = c.occurrences.map((o) => conflict(rangeOf(prepared, o)));
      const remaining = state.some((x) => x === 2) ? c.occurrences.filter((_, i) => state[i] !== 2) : c.occurrences;
      if (remaining.length < minInstances(c)) continue;
      const built = build(remaining === c.occurrences ? c : { ...c, occurrences: remaining });
      if (built) queue.push(builtEntry(built));
      continue;
    }
    const state = b.ranges.map(conflict);
    if (state.every((x) => x === 0)) {
      accept(b);
      continue;
    }
    if (state.every((x) => x !== 2) && takeOver(b, state)) continue;
    // Instances that enclose others may still take them over once the group is extracted again from them.
    const keep = state.some((x) => x === 2) ? (x: number) => x !== 2 : (x: number) => x === 0;
    const remaining = b.candidate.occurrences.filter((_, i) => keep(state[i]!));
    if (remaining.length < minInstances(b.candidate)) continue;
    const rebuilt = build({ ...b.candidate, occurrences: remaining });
    if (!rebuilt) continue;
    queue.push(builtEntry(rebuilt));
  }

  /**
   * PA-18: a group whose instances are all followed (or preceded) by a free sibling, those siblings equal
   * in normalised tokens and layout, grows over them, as long as it can.
   */
  const siblings: (SiblingIndex | undefined)[] = [];
  const extend = (b: Built, dir: 1 | -1): Built | null => {
    const occ = b.candidate.occurrences;
    const grownOcc: Occurrence[] = [];
    let shape: { len: number; hash: number; layout: number; at: Occurrence } | null = null;
    let kind: UnitKind = b.candidate.kind;
    for (const o of occ) {
      const n = neighbour((siblings[o.file] ??= siblingIndex(prepared[o.file]!, syntaxes[o.file]!)), o, dir);
      if (!n) return null;
      const f = prepared[o.file]!;
      // The part added: from the end of the instance to the end of the sibling, or from the sibling to the instance.
      const part: Occurrence = dir === 1 ? { file: o.file, t0: o.t1, t1: n.t1, kind } : { file: o.file, t0: n.t0, t1: o.t0, kind };
      if (part.t1 <= part.t0) return null;
      // Its layout taken from the instance's last token on (the line break before the sibling is part of it).
      const layout = dir === 1 ? layoutHash(f, gaps[o.file]!, { ...part, t0: o.t1 - 1 }) : layoutHash(f, gaps[o.file]!, { ...part, t1: o.t0 + 1 });
      const here = { len: part.t1 - part.t0, hash: rangeHash(f, part.t0, part.t1), layout, at: part };
      if (!shape) {
        shape = here;
        kind = n.kind;
      } else if (here.len !== shape.len || here.hash !== shape.hash || here.layout !== shape.layout || !sameNorm(prepared[shape.at.file]!, shape.at.t0, f, part.t0, here.len)) return null;
      if (conflict(rangeOf(prepared, part)) !== 0) return null;
      grownOcc.push(dir === 1 ? { file: o.file, t0: o.t0, t1: part.t1, kind, folded: o.folded } : { file: o.file, t0: part.t0, t1: o.t1, kind, folded: o.folded });
    }
    return build({ ...b.candidate, kind, occurrences: grownOcc });
  };
  accepted.forEach((b, gi) => {
    if (!b) return;
    let current = b;
    for (const dir of [1, -1] as const) {
      for (let next = extend(current, dir); next; next = extend(current, dir)) {
        for (const x of current.ranges) release(x.file, x.start, x.end);
        for (const x of next.ranges) take(x.file, x.start, x.end, gi);
        current = next;
      }
    }
    accepted[gi] = current;
  });

  const framesTaken: { start: number; end: number }[][] = prepared.map(() => []);
  const frames = yield* takeFrames();
  const kept = [...accepted.filter((b): b is Built => b !== null), ...frames]
    .map(builtEntry)
    .sort(order)
    .map((e) => e.built!);

  /**
   * PA-19: units holding instances taken above (and overlapping none otherwise), grouped by their shape
   * with each of those instances read as one token, then taken best score first like any group, frames
   * never overlapping one another.
   */
  function* takeFrames(): Generator<AnalysisProgress, Built[], void> {
    const shapes = new Map<string, { occ: Occurrence[]; nested: Nested[] }>();
    for (const o of nearPool) {
      const f = prepared[o.file]!;
      const r = rangeOf(prepared, o);
      const list = taken[o.file]!;
      let i = firstAfter(o.file, r.start);
      if (i >= list.length || list[i]!.start >= r.end) continue;
      const nested: [number, number][] = [];
      for (; i < list.length && list[i]!.start < r.end; i++) {
        const t = list[i]!;
        if (t.start < r.start || t.end > r.end || (t.start === r.start && t.end === r.end)) break;
        nested.push([tokenAtOrAfter(f.tokens, t.start), tokenEndingBy(f.tokens, t.end)]);
      }
      if (i < list.length && list[i]!.start < r.end) continue;
      if (ownTokens(o, nested) < options.minItemTokens) continue;
      const key = `${f.language === "typescript" ? "javascript" : f.language}|${collapsedShape(f, gaps[o.file]!, o, nested, NESTED_TOKEN)}`;
      let b = shapes.get(key);
      if (!b) shapes.set(key, (b = { occ: [], nested: [] }));
      b.occ.push(o);
      b.nested.push(nested);
    }
    const queue = new Heap<Entry>(order);
    for (const b of shapes.values()) {
      if (b.occ.length < 2) continue;
      // Units of one shape in one file never nest (a frame holds none of its own shape), but may coincide.
      const keep = apart(b.occ);
      const occ = b.occ.filter((_, i) => keep[i]);
      const c: Candidate = { kind: occ[0]!.kind, language: prepared[occ[0]!.file]!.language, occurrences: occ, nested: b.nested.filter((_, i) => keep[i]) };
      if (occ.length >= minInstances(c)) queue.push(candidateEntry(c));
    }
    const free = (r: Built["ranges"][number]) => framesTaken[r.file]!.every((x) => x.end <= r.start || x.start >= r.end);
    const subset = (c: Candidate, keep: (i: number) => boolean): Candidate => ({ ...c, occurrences: c.occurrences.filter((_, i) => keep(i)), nested: c.nested!.filter((_, i) => keep(i)) });
    const out: Built[] = [];
    let done = 0;
    for (let e = queue.pop(); e; e = queue.pop()) {
      if (++done % 256 === 0) yield { phase: "extracting", done: extracted, total: candidates.length };
      const b = e.built;
      const c = b ? b.candidate : e.candidate;
      const state = b ? b.ranges.map(free) : c.occurrences.map((o) => free(rangeOf(prepared, o)));
      if (b && state.every(Boolean)) {
        out.push(b);
        for (const r of b.ranges) framesTaken[r.file]!.push(r);
        continue;
      }
      const rest = state.every(Boolean) ? c : subset(c, (i) => state[i]!);
      if (rest.occurrences.length < 2 || rest.occurrences.length < minInstances(rest)) continue;
      const built = build(rest);
      if (built && built.group.stats.linesSaved >= options.minLines * (built.ranges.length - 1) && built.ranges.length >= minInstances(rest)) queue.push(builtEntry(built));
    }
    return out;
  }
  /**
   * A small unit needs a family (PA-7); a frame (PA-19) or a unit with folded lists (PA-20) is as small as
   * its own tokens.
   */
  function minInstances(c: Candidate): number {
    const o = c.occurrences[0]!;
    const ranges = c.nested?.[0] ?? o.folded;
    return (ranges ? ownTokens(o, ranges) : o.t1 - o.t0) >= options.minTokens ? 2 : options.minItemInstances;
  }

  // --- output ------------------------------------------------------------------------------------------
  const groups: PatternGroup[] = kept.map((b, i) => ({ id: `g${i + 1}`, ...b.group }));
  let lines = 0;
  let covered = 0;
  for (const f of prepared) {
    const isCovered = new Uint8Array(f.lines.length);
    for (const r of [...taken[f.index]!, ...framesTaken[f.index]!]) {
      const a = lineAt(f.lines, r.start);
      const z = lineAt(f.lines, r.end - 1);
      for (let l = a; l <= z; l++) isCovered[l] = 1;
    }
    for (let l = 0; l < f.lines.length; l++) {
      const s = f.lines[l]!;
      const e = l + 1 < f.lines.length ? f.lines[l + 1]! : f.text.length;
      if (isBlank(f.text, s, e)) continue;
      lines++;
      if (isCovered[l]) covered++;
    }
  }
  let tb = 0;
  let ob = 0;
  for (const g of groups) {
    tb += g.stats.templateBytes + g.stats.bindingBytes;
    ob += g.stats.originalBytes;
  }
  return {
    format: ANALYSIS_FORMAT,
    version: 1,
    options,
    files: fileInfos,
    groups,
    summary: {
      files: fileInfos.length,
      skipped: fileInfos.filter((f) => f.skipped).length,
      lines,
      groups: groups.length,
      coveredLines: covered,
      coverage: lines ? Math.round((covered / lines) * 10_000) / 10_000 : 0,
      compression: ob ? Math.round((tb / ob) * 10_000) / 10_000 : 0,
    },
  };
}
