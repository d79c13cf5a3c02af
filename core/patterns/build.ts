/**
 * Extraction of one candidate group (SPEC.md PA-8…PA-12): its occurrences aligned token by token (or by
 * diff for near-miss clusters), anti-unified into a template with holes, checked to render every
 * occurrence back byte for byte, and scored: a pure function of the files and the candidate.
 */
import { extract, type Aligned, type HoleType } from "./antiunify";
import type { AnalysisOptions, PatternGroup } from "./analysis";
import { lineAt, utf8Length } from "./files";
import { TokenKind, type Tokens } from "./lexer";
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
}

export interface Candidate {
  kind: UnitKind;
  language: string;
  occurrences: Occurrence[];
  /** Near-miss: aligned by diff rather than token for token. */
  near?: boolean;
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

/** Where token t starts and ends, and where the gap before it starts. */
const tokenStart = (f: Prepared, t: number) => f.tokens.start[t]!;
const tokenEnd = (f: Prepared, t: number) => f.tokens.end[t]!;
const gapStart = (f: Prepared, t: number) => f.tokens.end[t - 1]!;

/** The text an occurrence spans: file index and UTF-16 offsets. */
export function rangeOf(prepared: readonly Prepared[], o: Occurrence): Extracted["ranges"][number] {
  const f = prepared[o.file]!;
  return { file: o.file, start: f.tokens.start[o.t0]!, end: f.tokens.end[o.t1 - 1]! };
}

/** Extracts a candidate's group from all its occurrences: null when it does not round trip or holds too much hole. */
export function extractGroup(prepared: readonly Prepared[], options: AnalysisOptions, c: Candidate): Extracted | null {
  const occ = c.occurrences;
  const first = occ[0]!;
  const f0 = prepared[first.file]!;
  const len = first.t1 - first.t0;
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
  const bases = c.near ? [] : occ.map((o) => indentOf(prepared[o.file]!, o.t0));
  const common = c.near ? "" : commonPrefix(bases);
  // Text every instance has alike is gathered into one piece (most of a group's tokens and gaps), compared
  // in place, without a copy per instance.
  let same = "";
  /** The text from `from` to `to` of token k when every instance has it alike, else null (compared in place). */
  const alike = (k: number, from: (f: Prepared, t: number) => number, to: (f: Prepared, t: number) => number) => {
    const text = f0.text.slice(from(f0, first.t0 + k), to(f0, first.t0 + k));
    for (let i = 1; i < occ.length; i++) {
      const o = occ[i]!;
      const f = prepared[o.file]!;
      const x = from(f, o.t0 + k);
      if (to(f, o.t0 + k) - x !== text.length || !f.text.startsWith(text, x)) return null;
    }
    return text;
  };
  const flush = () => {
    if (same) aligned.push({ text: same });
    same = "";
  };
  for (let k = 0; k < (c.near ? 0 : len); k++) {
    if (k > 0) {
      const gap = alike(k, gapStart, tokenStart);
      if (gap !== null) same += gap;
      else {
        // Each gap is `head \n base rest`, `rest` the same in all: `head \n common`, the extra indentation, `rest`.
        const gap0 = f0.text.slice(f0.tokens.end[first.t0 + k - 1], f0.tokens.start[first.t0 + k]);
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
    const values: string[] = [];
    for (const o of occ) {
      const f = prepared[o.file]!;
      values.push(f.text.slice(f.tokens.start[o.t0 + k], f.tokens.end[o.t0 + k]));
    }
    const kind = f0.tokens.kind[first.t0 + k]!;
    aligned.push(kind === TokenKind.Comment ? { type: "code", values, comment: true } : { type: HOLE_TYPE[kind]!, values });
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
    const holes = Math.max(0, bytes - literal);
    holeBytes += holes;
    codeHoleBytes += utf8Length(ex.codeValues[i]!);
    instances.push({ file: f.path, start, end, startLine: lineAt(f.lines, start) + 1, endLine: lineAt(f.lines, end - 1) + 1, bindings });
    ranges.push({ file: o.file, start, end });
  }
  const holeShare = originalBytes ? holeBytes / originalBytes : 0;
  const codeHoleShare = originalBytes ? codeHoleBytes / originalBytes : 0;
  if (codeHoleShare > options.maxHoleShare) return null;
  const templateBytes = utf8Length(template);
  const lines = instances[0]!.endLine - instances[0]!.startLine + 1;
  const linesSaved = (instances.length - 1) * lines;
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
        compression: Math.round(((templateBytes + bindingBytes) / originalBytes) * 10_000) / 10_000,
        holeShare: Math.round(holeShare * 10_000) / 10_000,
        score,
      },
    },
  };
}
