/**
 * Extraction of one candidate group (SPEC.md PA-8…PA-12): its occurrences aligned token by token (or by
 * diff for near-miss clusters), anti-unified into a template with holes, checked to render every
 * occurrence back byte for byte, and scored: a pure function of the files and the candidate.
 */
import { extract, type Aligned, type HoleType } from "./antiunify";
import type { AnalysisOptions, PatternGroup } from "./analysis";
import { lineAt, utf8Length } from "./files";
import { TokenKind, type Tokens } from "./lexer";
import type { Nested } from "./frames";
import { alignNear, type NearMember } from "./near";
import type { UnitKind } from "./syntax";
import { parsePattern, renderParts, toLiquid } from "./template";

/** How much a hole costs in the score: a template with HOLE_WEIGHT holes scores half. */
const HOLE_WEIGHT = 10;

/** A file ready for matching: its tokens, line starts and rolling-hash prefix (see engine.ts). */
export interface Prepared {
  index: number;
  path: string;
  text: string;
  language: string;
  tokens: Tokens;
  lines: Int32Array;
  prefix: Int32Array;
}

/** A candidate occurrence: tokens [t0, t1) of a file. */
export interface Occurrence {
  file: number;
  t0: number;
  t1: number;
  kind: UnitKind;
  /** Lists of data it holds (PA-20), token ranges each read as one token: their text is a `code` hole. */
  folded?: Nested;
}

export interface Candidate {
  kind: UnitKind;
  language: string;
  occurrences: Occurrence[];
  /** Near-miss: aligned by diff rather than token for token. */
  near?: boolean;
  /**
   * A frame (PA-19): per occurrence, the token ranges of the instances of other groups it holds, each read
   * as one token (its text a `code` hole, or literal when all frames hold the same text there).
   */
  nested?: Nested[];
}

/** A candidate extracted: its group, and the text each instance spans (file index, start, end) in instance order. */
export interface Extracted {
  group: Omit<PatternGroup, "id">;
  ranges: { file: number; start: number; end: number }[];
}

/** The indentation of the line token t starts on (the text from the line's start to the token). */
export function indentOf(f: Prepared, t: number): string {
  const s = f.tokens.start[t]!;
  return f.text.slice(f.lines[lineAt(f.lines, s)]!, s);
}

/** Longest common prefix of some strings. */
function commonPrefix(values: readonly string[]): string {
  let p = values[0]!;
  for (const v of values) {
    let k = 0;
    while (k < p.length && k < v.length && p.charCodeAt(k) === v.charCodeAt(k)) k++;
    p = p.slice(0, k);
  }
  return p;
}

const HOLE_TYPE: Record<number, HoleType> = {
  [TokenKind.Ident]: "identifier",
  [TokenKind.Keyword]: "identifier",
  [TokenKind.Number]: "number",
  [TokenKind.String]: "string",
  [TokenKind.Comment]: "code",
  [TokenKind.Punct]: "code",
};

/** Kind of a view's token that stands for a nested instance (PA-19), or a folded list of data (PA-20). */
const NESTED = -1;
const FOLDED = -2;

/**
 * An occurrence as the exact path reads it: where each token starts and ends, and its kind. A frame's
 * nested instances are one token each.
 */
interface View {
  f: Prepared;
  start: ArrayLike<number>;
  end: ArrayLike<number>;
  kind: ArrayLike<number>;
}

function viewOf(f: Prepared, o: Occurrence, nested: Nested | undefined): View {
  const folded = o.folded;
  if (!nested?.length && !folded?.length) return { f, start: f.tokens.start.subarray(o.t0, o.t1), end: f.tokens.end.subarray(o.t0, o.t1), kind: f.tokens.kind.subarray(o.t0, o.t1) };
  const start: number[] = [];
  const end: number[] = [];
  const kind: number[] = [];
  let m = 0;
  let d = 0;
  for (let t = o.t0; t < o.t1; t++) {
    const n = nested?.[m];
    const l = folded?.[d];
    const one = n && t === n[0] ? n : l && t === l[0] ? l : null;
    if (one) {
      start.push(f.tokens.start[one[0]]!);
      end.push(f.tokens.end[one[1] - 1]!);
      kind.push(one === n ? NESTED : FOLDED);
      t = one[1] - 1;
      if (one === n) m++;
      else d++;
      continue;
    }
    start.push(f.tokens.start[t]!);
    end.push(f.tokens.end[t]!);
    kind.push(f.tokens.kind[t]!);
  }
  return { f, start, end, kind };
}

/** Where token k of a view starts and ends, and where the gap before it starts. */
const tokenStart = (v: View, k: number) => v.start[k]!;
const tokenEnd = (v: View, k: number) => v.end[k]!;
const gapStart = (v: View, k: number) => v.end[k - 1]!;

/** Lines of a view that hold something besides nested instances (a frame's own lines). */
function ownLines(v: View): number {
  let lines = 0;
  let last = -1;
  for (let k = 0; k < v.start.length; k++) {
    if (v.kind[k] === NESTED) continue;
    const a = Math.max(lineAt(v.f.lines, v.start[k]!), last + 1);
    const z = lineAt(v.f.lines, v.end[k]! - 1);
    if (z >= a) lines += z - a + 1;
    last = Math.max(last, z);
  }
  return lines;
}

/**
 * A name for a nested instance's hole: the key it is the value of (`responseSchema: {` or `x = [`, over
 * opening brackets), else `part`.
 */
function nestedName(v: View, k: number, otherwise = "part"): string {
  const text = (j: number) => v.f.text.slice(v.start[j], v.end[j]);
  let j = k - 1;
  while (j >= 0 && v.kind[j] === TokenKind.Punct && "{[(".includes(text(j))) j--;
  if (j >= 1 && v.kind[j] === TokenKind.Punct && (text(j) === ":" || text(j) === "=") && v.kind[j - 1] === TokenKind.Ident) return text(j - 1);
  return otherwise;
}

/** The text an occurrence spans: file index and UTF-16 offsets. */
export function rangeOf(prepared: readonly Prepared[], o: Occurrence): Extracted["ranges"][number] {
  const f = prepared[o.file]!;
  return { file: o.file, start: f.tokens.start[o.t0]!, end: f.tokens.end[o.t1 - 1]! };
}

/** Extracts a candidate's group from all its occurrences: null when it does not round trip or holds too much hole. */
export function extractGroup(prepared: readonly Prepared[], options: AnalysisOptions, c: Candidate): Extracted | null {
  const occ = c.occurrences;
  let aligned: Aligned[] = [];
  if (c.near) {
    const members: NearMember[] = occ.map((o) => {
      const f = prepared[o.file]!;
      const n = o.t1 - o.t0;
      return {
        norm: f.tokens.norm.subarray(o.t0, o.t1),
        token: (k) => f.text.slice(f.tokens.start[o.t0 + k], f.tokens.end[o.t0 + k]),
        between: (k) => (k <= 0 || k >= n ? "" : f.text.slice(f.tokens.end[o.t0 + k - 1], f.tokens.start[o.t0 + k])),
        kind: (k) => HOLE_TYPE[f.tokens.kind[o.t0 + k]!]!,
        comment: (k) => f.tokens.kind[o.t0 + k] === TokenKind.Comment,
      };
    });
    const near = alignNear(members);
    if (!near) return null;
    aligned = near;
  }
  // Exact groups share their layout up to each instance's indentation (PA-8): where it differs, the
  // extra indentation of each line is one hole.
  const views = c.near ? [] : occ.map((o, i) => viewOf(prepared[o.file]!, o, c.nested?.[i]));
  const v0 = views[0]!;
  const bases = views.map((v) => v.f.text.slice(v.f.lines[lineAt(v.f.lines, v.start[0]!)]!, v.start[0]!));
  const common = c.near ? "" : commonPrefix(bases);
  // Bytes of nested instances held in holes, per instance: generated by their own group's template (PA-19).
  const nestedBytes = occ.map(() => 0);
  // Text every instance has alike is gathered into one piece (most of a group's tokens and gaps), compared
  // in place, without a copy per instance.
  let same = "";
  /** The text from `from` to `to` of token k when every instance has it alike, else null (compared in place). */
  const alike = (k: number, from: (v: View, k: number) => number, to: (v: View, k: number) => number) => {
    const text = v0.f.text.slice(from(v0, k), to(v0, k));
    for (let i = 1; i < views.length; i++) {
      const v = views[i]!;
      const x = from(v, k);
      if (to(v, k) - x !== text.length || !v.f.text.startsWith(text, x)) return null;
    }
    return text;
  };
  const flush = () => {
    if (same) aligned.push({ text: same });
    same = "";
  };
  for (let k = 0; k < (c.near ? 0 : v0.start.length); k++) {
    if (k > 0) {
      const gap = alike(k, gapStart, tokenStart);
      if (gap !== null) same += gap;
      else {
        // Each gap is `head \n base rest`, `rest` the same in all: `head \n common`, the extra indentation, `rest`.
        const gap0 = v0.f.text.slice(gapStart(v0, k), tokenStart(v0, k));
        const nl = gap0.lastIndexOf("\n");
        same += gap0.slice(0, nl + 1) + common;
        flush();
        aligned.push({ type: "code", values: bases.map((b) => b.slice(common.length)), name: "indent" });
        same = gap0.slice(nl + 1 + bases[0]!.length);
      }
    }
    const token = alike(k, tokenStart, tokenEnd);
    if (token !== null) {
      same += token;
      continue;
    }
    flush();
    const values = views.map((v) => v.f.text.slice(tokenStart(v, k), tokenEnd(v, k)));
    const kind = v0.kind[k]!;
    if (kind === NESTED) {
      values.forEach((x, i) => (nestedBytes[i] = nestedBytes[i]! + utf8Length(x)));
      aligned.push({ type: "code", values, nested: true, name: nestedName(v0, k) });
    } else if (kind === FOLDED) aligned.push({ type: "code", values, name: nestedName(v0, k, "list") });
    else aligned.push(kind === TokenKind.Comment ? { type: "code", values, comment: true } : { type: HOLE_TYPE[kind]!, values });
  }
  flush();
  const ex = extract(aligned, occ.length);
  const template = toLiquid(ex.parts);
  // The Liquid text read back once, rendered for every instance.
  const parsed = parsePattern(template);
  if (!parsed) return null;
  let originalBytes = 0;
  let bindingBytes = 0;
  let holeBytes = 0;
  // Hole bytes outside comments: documentation that differs is bound per instance, it does not make code differ.
  let codeHoleBytes = 0;
  let literal = 0;
  for (const p of ex.parts) if ("text" in p) literal += utf8Length(p.text);
  const instances: PatternGroup["instances"] = [];
  const ranges: Extracted["ranges"] = [];
  for (let i = 0; i < occ.length; i++) {
    const o = occ[i]!;
    const f = prepared[o.file]!;
    const { start, end } = rangeOf(prepared, o);
    const original = f.text.slice(start, end);
    const bindings: Record<string, string> = {};
    ex.holes.forEach((h, k) => (bindings[h.name] = ex.values[i]![k]!));
    // The hard invariant: rendering gives the original bytes back, or the group is not shown.
    if (renderParts(parsed, bindings) !== original) return null;
    const bytes = utf8Length(original);
    originalBytes += bytes;
    for (const v of ex.values[i]!) bindingBytes += utf8Length(v);
    const holes = Math.max(0, bytes - literal - nestedBytes[i]!);
    holeBytes += holes;
    codeHoleBytes += utf8Length(ex.codeValues[i]!);
    instances.push({ file: f.path, start, end, startLine: lineAt(f.lines, start) + 1, endLine: lineAt(f.lines, end - 1) + 1, bindings });
    ranges.push({ file: o.file, start, end });
  }
  const holeShare = originalBytes ? holeBytes / originalBytes : 0;
  const codeHoleShare = originalBytes ? codeHoleBytes / originalBytes : 0;
  if (codeHoleShare > options.maxHoleShare) return null;
  const templateBytes = utf8Length(template);
  const nestedTotal = nestedBytes.reduce((a, b) => a + b, 0);
  const lines = instances[0]!.endLine - instances[0]!.startLine + 1;
  // A frame saves its own lines; those of the instances it holds are saved by their groups.
  const linesSaved = (instances.length - 1) * (c.nested ? ownLines(views[0]!) : lines);
  const score = Math.round(linesSaved * (1 - holeShare) * (HOLE_WEIGHT / (HOLE_WEIGHT + ex.holes.length)) * 1000) / 1000;
  return {
    ranges,
    group: {
      unit: c.kind,
      language: c.language,
      template,
      holes: ex.holes,
      instances,
      stats: {
        lines,
        linesSaved,
        templateBytes,
        bindingBytes,
        originalBytes,
        // What the template saves on its own text: nested instances are saved by their groups.
        compression: Math.round(((templateBytes + bindingBytes - nestedTotal) / Math.max(1, originalBytes - nestedTotal)) * 10_000) / 10_000,
        holeShare: Math.round(holeShare * 10_000) / 10_000,
        score,
      },
    },
  };
}
