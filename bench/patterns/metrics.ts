/**
 * The measures of bench/patterns, as pure functions of the engine's analysis JSON
 * (docs/reference/pattern-analysis-format.md), the corpus files' text and jscpd's JSON report.
 * No I/O: main.ts reads the files and runs the tools.
 */
import { createHash } from "node:crypto";
import type { Liquid, Template as LiquidTemplate } from "liquidjs";
import { createLiquid } from "../../core/templates/engine";

// ---------------------------------------------------------------------------------------------
// The analysis format (only what the bench reads; written from the reference, not imported from
// core/patterns, so that the bench checks the contract rather than the implementation).

export interface AnalysisFile {
  path: string;
  language: string;
  lines: number;
  bytes: number;
  sha256: string;
  skipped?: string;
}

export interface AnalysisInstance {
  file: string;
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  bindings: Record<string, string>;
}

export interface AnalysisGroup {
  id: string;
  unit: string;
  language: string;
  template: string;
  holes: Array<{ name: string; type: string; nested?: true }>;
  instances: AnalysisInstance[];
  stats: { lines: number; linesSaved: number; templateBytes: number; bindingBytes: number; originalBytes: number; compression: number; holeShare: number; score: number };
}

export interface Analysis {
  format: string;
  version: number;
  options?: Record<string, unknown>;
  files: AnalysisFile[];
  groups: AnalysisGroup[];
  summary?: Record<string, unknown>;
}

/** Groups that count for coverage and family recovery: 2+ instances, holes ≤ 80% of the bytes. */
export const MAX_HOLE_SHARE = 0.8;
export const counts = (g: AnalysisGroup) => g.instances.length >= 2 && g.stats.holeShare <= MAX_HOLE_SHARE;

// ---------------------------------------------------------------------------------------------
// Text basics

/** Lines as the analysis format counts them: a final line without a newline counts. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  const n = countNewlines(text);
  return text.endsWith("\n") ? n : n + 1;
}

/** Newline characters (what `wc -l` prints; the corpus table in corpora.md counts lines this way). */
export function countNewlines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

export function utf8Length(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

export function sha256(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}

/** Offsets (UTF-16) where each line starts; index 0 is line 1. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  if (starts.length > 1 && starts[starts.length - 1] === text.length) starts.pop();
  return starts;
}

/** 1-based line of an offset. */
export function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Per line (index = 1-based line number; index 0 unused): 1 when it holds a non-whitespace character. */
export function nonBlankMask(text: string): Uint8Array {
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const mask = new Uint8Array(lines.length + 1);
  lines.forEach((l, i) => {
    if (/\S/.test(l)) mask[i + 1] = 1;
  });
  return mask;
}

/** Compact per-file text facts, computed once per corpus. */
export interface FileText {
  text: string;
  starts: number[];
  nonBlank: Uint8Array;
  nonBlankCount: number;
}

export function fileText(text: string): FileText {
  const nonBlank = nonBlankMask(text);
  let nonBlankCount = 0;
  for (let i = 1; i < nonBlank.length; i++) nonBlankCount += nonBlank[i]!;
  return { text, starts: lineStarts(text), nonBlank, nonBlankCount };
}

export function fileTexts(files: ReadonlyMap<string, string>): Map<string, FileText> {
  return new Map([...files].map(([p, t]) => [p, fileText(t)]));
}

// ---------------------------------------------------------------------------------------------
// Round trip (hard gate)

export interface RoundTripFailure {
  kind: "render-error" | "instance-mismatch" | "file-mismatch" | "overlap" | "out-of-range" | "missing-file" | "sha256" | "binding-missing";
  group?: string;
  instance?: number;
  file: string;
  /** Offset in the file (UTF-16) of the first differing character, or of the problem. */
  offset?: number;
  line?: number;
  expected?: string;
  got?: string;
  message?: string;
}

export interface RoundTripResult {
  instances: number;
  instancesOk: number;
  files: number;
  filesOk: number;
  filesWithInstances: number;
  failureCount: Record<RoundTripFailure["kind"], number>;
  /** The first failures of each kind (at most `keep` in all). */
  failures: RoundTripFailure[];
  /** Instances whose startLine/endLine disagree with their offsets, or that start mid-line. */
  lineMismatches: number;
  notAtLineStart: number;
  /** Hole names that `{{ name }}` does not read as a variable in LiquidJS (`not`, `empty`, `true`, …). */
  badHoleNames: string[];
}

export function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return i;
  return a.length === b.length ? -1 : n;
}

const around = (s: string, at: number) => JSON.stringify(s.slice(Math.max(0, at - 20), at + 40));

/**
 * Renders every group's template with each instance's bindings (LiquidJS with the repo's filters,
 * as core/templates/engine.ts sets it up), compares with the file's slice, then rebuilds every
 * analysed file by splicing its rendered instances back and compares SHA-256 with the original.
 */
export function roundTrip(analysis: Analysis, texts: ReadonlyMap<string, FileText>, options: { liquid?: Liquid; keep?: number } = {}): RoundTripResult {
  const liquid = options.liquid ?? createLiquid();
  const keep = options.keep ?? 20;
  const failures: RoundTripFailure[] = [];
  const failureCount = { "render-error": 0, "instance-mismatch": 0, "file-mismatch": 0, overlap: 0, "out-of-range": 0, "missing-file": 0, sha256: 0, "binding-missing": 0 };
  const fail = (f: RoundTripFailure) => {
    failureCount[f.kind]++;
    if (failures.length < keep) failures.push(f);
  };
  const perFile = new Map<string, Array<{ start: number; end: number; rendered: string; group: string; instance: number }>>();
  let instances = 0;
  let instancesOk = 0;
  let lineMismatches = 0;
  let notAtLineStart = 0;

  const nameOk = new Map<string, boolean>();
  const badHoleNames = new Set<string>();
  for (const group of analysis.groups) {
    for (const h of group.holes) {
      let ok = nameOk.get(h.name);
      if (ok === undefined) {
        try {
          ok = liquid.parseAndRenderSync(`{{ ${h.name} }}`, { [h.name]: "\u0001" }) === "\u0001";
        } catch {
          ok = false;
        }
        nameOk.set(h.name, ok);
      }
      if (!ok) badHoleNames.add(h.name);
    }
    let parsed: LiquidTemplate[] | null = null;
    let parseError: string | null = null;
    try {
      parsed = liquid.parse(group.template);
    } catch (e) {
      parseError = (e as Error).message;
    }
    group.instances.forEach((inst, k) => {
      instances++;
      const ft = texts.get(inst.file);
      if (!ft) {
        fail({ kind: "missing-file", group: group.id, instance: k, file: inst.file });
        return;
      }
      if (inst.start < 0 || inst.end > ft.text.length || inst.start > inst.end) {
        fail({ kind: "out-of-range", group: group.id, instance: k, file: inst.file, offset: inst.start, message: `[${inst.start}, ${inst.end}) in a file of ${ft.text.length}` });
        return;
      }
      const startLine = lineOf(ft.starts, inst.start);
      const endLine = lineOf(ft.starts, Math.max(inst.start, inst.end - 1));
      if (startLine !== inst.startLine || endLine !== inst.endLine) lineMismatches++;
      if (!/^[ \t]*$/.test(ft.text.slice(ft.starts[startLine - 1]!, inst.start))) notAtLineStart++;
      const missing = group.holes.find((h) => typeof inst.bindings[h.name] !== "string");
      if (missing) fail({ kind: "binding-missing", group: group.id, instance: k, file: inst.file, offset: inst.start, message: `no binding for ${missing.name}` });
      let rendered = "";
      let renderFailed = false;
      try {
        if (!parsed) throw new Error(parseError ?? "parse failed");
        rendered = String(liquid.renderSync(parsed, inst.bindings));
      } catch (e) {
        fail({ kind: "render-error", group: group.id, instance: k, file: inst.file, offset: inst.start, line: startLine, message: (e as Error).message });
        renderFailed = true;
      }
      const original = ft.text.slice(inst.start, inst.end);
      const at = firstDifference(original, rendered);
      if (at < 0 && !renderFailed) instancesOk++;
      else if (!renderFailed)
        fail({
          kind: "instance-mismatch",
          group: group.id,
          instance: k,
          file: inst.file,
          offset: inst.start + at,
          line: lineOf(ft.starts, inst.start + at),
          expected: around(original, at),
          got: around(rendered, at),
        });
      let list = perFile.get(inst.file);
      if (!list) perFile.set(inst.file, (list = []));
      list.push({ start: inst.start, end: inst.end, rendered, group: group.id, instance: k });
    });
  }

  let files = 0;
  let filesOk = 0;
  for (const file of analysis.files) {
    if (file.skipped) continue;
    files++;
    const ft = texts.get(file.path);
    if (!ft) {
      fail({ kind: "missing-file", file: file.path });
      continue;
    }
    const original = sha256(ft.text);
    if (original !== file.sha256) fail({ kind: "sha256", file: file.path, message: `analysis says ${file.sha256}, the file is ${original}` });
    const list = (perFile.get(file.path) ?? []).sort((a, b) => a.start - b.start || b.end - a.end);
    let out = "";
    let pos = 0;
    let ok = original === file.sha256;
    // A frame's instance holds instances of other groups in its holes (PA-19): those render inside it.
    let outer = { start: -1, end: -1 };
    for (const piece of list) {
      if (piece.start >= outer.start && piece.end <= outer.end && (piece.start > outer.start || piece.end < outer.end)) continue;
      outer = piece;
      if (piece.start < pos) {
        fail({ kind: "overlap", group: piece.group, instance: piece.instance, file: file.path, offset: piece.start, line: lineOf(ft.starts, piece.start) });
        ok = false;
        continue;
      }
      out += ft.text.slice(pos, piece.start) + piece.rendered;
      pos = piece.end;
    }
    out += ft.text.slice(pos);
    if (sha256(out) !== original) {
      ok = false;
      const at = firstDifference(ft.text, out);
      fail({ kind: "file-mismatch", file: file.path, offset: at, line: lineOf(ft.starts, Math.min(at, Math.max(0, ft.text.length - 1))), expected: around(ft.text, at), got: around(out, at) });
    }
    if (ok) filesOk++;
  }
  return { instances, instancesOk, files, filesOk, filesWithInstances: perFile.size, failureCount, failures, lineMismatches, notAtLineStart, badHoleNames: [...badHoleNames].sort() };
}

// ---------------------------------------------------------------------------------------------
// Line sets: coverage and the comparison with jscpd

/** Covered lines per file: a mask per path (index = 1-based line). */
export type LineSets = Map<string, Uint8Array>;

function mark(sets: LineSets, texts: ReadonlyMap<string, FileText>, file: string, from: number, to: number): void {
  const ft = texts.get(file);
  if (!ft) return;
  let set = sets.get(file);
  if (!set) sets.set(file, (set = new Uint8Array(ft.nonBlank.length)));
  for (let l = Math.max(1, from); l <= Math.min(to, set.length - 1); l++) set[l] = 1;
}

/** Lines covered by the instances of the groups that count (2+ instances, holeShare ≤ 0.8). */
export function engineLines(analysis: Analysis, texts: ReadonlyMap<string, FileText>, filter: (g: AnalysisGroup) => boolean = counts): LineSets {
  const sets: LineSets = new Map();
  for (const g of analysis.groups) {
    if (!filter(g)) continue;
    for (const inst of g.instances) {
      const ft = texts.get(inst.file);
      if (!ft || inst.end <= inst.start) continue;
      mark(sets, texts, inst.file, lineOf(ft.starts, inst.start), lineOf(ft.starts, inst.end - 1));
    }
  }
  return sets;
}

export interface JscpdSide {
  name: string;
  start: number;
  end: number;
}
export interface JscpdDuplicate {
  firstFile: JscpdSide;
  secondFile: JscpdSide;
  kind?: string;
  lines?: number;
  tokens?: number;
}
export interface JscpdReport {
  duplicates: JscpdDuplicate[];
  statistics?: { total?: { percentage?: number; lines?: number; clones?: number; duplicatedLines?: number } };
}

/** jscpd's file names are relative to the folder it ran in (or absolute with -a): map them to corpus paths. */
export function jscpdPath(name: string, corpusRoot: string): string {
  let p = name.replace(/\\/g, "/");
  const root = corpusRoot.replace(/\\/g, "/").replace(/\/$/, "");
  if (p.startsWith(`${root}/`)) p = p.slice(root.length + 1);
  return p.replace(/^\.\//, "");
}

/** Lines of both sides of every duplicate jscpd reports (start and end lines inclusive). */
export function jscpdLines(report: JscpdReport, texts: ReadonlyMap<string, FileText>, corpusRoot = ""): LineSets {
  const sets: LineSets = new Map();
  for (const d of report.duplicates) {
    for (const side of [d.firstFile, d.secondFile]) mark(sets, texts, jscpdPath(side.name, corpusRoot), side.start, side.end);
  }
  return sets;
}

/** Non-blank lines in a set. */
export function countNonBlank(sets: LineSets, texts: ReadonlyMap<string, FileText>): number {
  let n = 0;
  for (const [file, set] of sets) {
    const nb = texts.get(file)!.nonBlank;
    for (let l = 1; l < set.length; l++) if (set[l] && nb[l]) n++;
  }
  return n;
}

export interface SetComparison {
  a: number;
  b: number;
  both: number;
  onlyA: number;
  onlyB: number;
}

/** Non-blank lines in a, in b, in both, and in one only. */
export function compareLines(a: LineSets, b: LineSets, texts: ReadonlyMap<string, FileText>): SetComparison {
  const r = { a: 0, b: 0, both: 0, onlyA: 0, onlyB: 0 };
  for (const [file, ft] of texts) {
    const sa = a.get(file);
    const sb = b.get(file);
    if (!sa && !sb) continue;
    for (let l = 1; l < ft.nonBlank.length; l++) {
      if (!ft.nonBlank[l]) continue;
      const x = sa?.[l] === 1;
      const y = sb?.[l] === 1;
      if (x) r.a++;
      if (y) r.b++;
      if (x && y) r.both++;
      else if (x) r.onlyA++;
      else if (y) r.onlyB++;
    }
  }
  return r;
}

export function totalNonBlank(texts: ReadonlyMap<string, FileText>): number {
  let n = 0;
  for (const ft of texts.values()) n += ft.nonBlankCount;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Compression and holes

export interface CompressionResult {
  groups: number;
  countingGroups: number;
  /** Mean over groups of (template bytes + binding bytes) / original bytes. */
  mean: number;
  /** Σ(template + binding bytes) / Σ original bytes over all groups. */
  overall: number;
  /** The corpus rewritten as templates + bindings + the code no group covers, over the corpus bytes. */
  corpus: number;
  holesMean: number;
  holesMedian: number;
  holesMax: number;
  /** Groups whose stats disagree with the bytes measured here (templateBytes, bindingBytes or originalBytes). */
  statsMismatches: number;
}

const median = (xs: readonly number[]) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Measured from the template, the bindings and the original slices (UTF-8 bytes), over every group. */
export function compression(analysis: Analysis, texts: ReadonlyMap<string, FileText>): CompressionResult {
  let sumModel = 0;
  let sumOriginal = 0;
  const ratios: number[] = [];
  const holes: number[] = [];
  let statsMismatches = 0;
  for (const g of analysis.groups) {
    const t = utf8Length(g.template);
    let b = 0;
    let o = 0;
    // A frame's nested instances (PA-19) are counted in their own groups: its ratio is over the rest.
    let nested = 0;
    const nestedHoles = g.holes.filter((h) => h.nested).map((h) => h.name);
    for (const inst of g.instances) {
      for (const v of Object.values(inst.bindings)) b += utf8Length(v);
      for (const h of nestedHoles) nested += utf8Length(inst.bindings[h] ?? "");
      const ft = texts.get(inst.file);
      if (ft) o += utf8Length(ft.text.slice(inst.start, inst.end));
    }
    if (t !== g.stats.templateBytes || b !== g.stats.bindingBytes || o !== g.stats.originalBytes) statsMismatches++;
    if (o - nested > 0) ratios.push((t + b - nested) / (o - nested));
    sumModel += t + b - nested;
    sumOriginal += o - nested;
    holes.push(g.holes.length);
  }
  let corpusBytes = 0;
  for (const ft of texts.values()) corpusBytes += utf8Length(ft.text);
  return {
    groups: analysis.groups.length,
    countingGroups: analysis.groups.filter(counts).length,
    mean: ratios.length ? ratios.reduce((a, b) => a + b, 0) / ratios.length : 0,
    overall: sumOriginal ? sumModel / sumOriginal : 0,
    corpus: corpusBytes ? (corpusBytes - sumOriginal + sumModel) / corpusBytes : 0,
    holesMean: holes.length ? holes.reduce((a, b) => a + b, 0) / holes.length : 0,
    holesMedian: median(holes),
    holesMax: holes.length ? Math.max(...holes) : 0,
    statsMismatches,
  };
}

// ---------------------------------------------------------------------------------------------
// Family recovery

/**
 * java-nio: the JDK generates these files from one template each (make/modules/java.base/gensrc):
 * X-Buffer.java.template, Heap-X-Buffer, Direct-X-Buffer, ByteBufferAs-X-Buffer, Charset-X-Coder,
 * and genExceptions.sh for the exceptions of java.nio, java.nio.channels and java.nio.charset
 * (MalformedInputException and UnmappableCharacterException there are hand-written, as are the
 * exceptions of java.nio.file). A file matching none of these is in no family.
 */
const X = "(?:Byte|Char|Short|Int|Long|Float|Double)";
export const JAVA_NIO_FAMILIES: ReadonlyArray<readonly [string, RegExp]> = [
  ["X-Buffer", new RegExp(`(?:^|/)java/nio/${X}Buffer\\.java$`)],
  ["Heap-X-Buffer", new RegExp(`(?:^|/)java/nio/Heap${X}BufferR?\\.java$`)],
  ["Direct-X-Buffer", new RegExp(`(?:^|/)java/nio/Direct${X}Buffer(?:R|R?[SU])?\\.java$`)],
  ["ByteBufferAs-X-Buffer", new RegExp(`(?:^|/)java/nio/ByteBufferAs${X}BufferR?[BL]\\.java$`)],
  ["Charset-X-Coder", /(?:^|\/)java\/nio\/charset\/Charset(?:De|En)coder\.java$/],
  ["exceptions", /(?:^|\/)java\/nio\/(?:channels\/|charset\/)?(?!MalformedInputException|UnmappableCharacterException)[A-Za-z]+Exception\.java$/],
];

/** date-fns: one family per file name under a locale's `_lib/` (formatDistance.js, localize.js, …). */
export const DATE_FNS_FAMILY = /(?:^|\/)locale\/[^/]+\/_lib\/([^/]+\.js)$/;

export function familyOf(kind: "java-nio" | "date-fns", path: string): string | null {
  if (kind === "date-fns") return DATE_FNS_FAMILY.exec(path)?.[1] ?? null;
  for (const [name, re] of JAVA_NIO_FAMILIES) if (re.test(path)) return name;
  return null;
}

export interface FamilyResult {
  /** Files in a family. */
  labelled: number;
  families: number;
  truePairs: number;
  /** Predicted pairs with both files in a family (the others are not judged). */
  predictedPairs: number;
  truePositives: number;
  precision: number;
  recall: number;
  /** The largest sources of wrong pairs: "family A × family B" → pairs. */
  confusions: Array<{ families: string; pairs: number }>;
  /** Recall per family: its true pairs, and how many of them a group predicts. */
  perFamily: Array<{ family: string; files: number; truePairs: number; found: number; recall: number }>;
}

/**
 * Pairwise precision and recall over file pairs. Predicted pair: two different files that hold an
 * instance of the same counting group. True pair: two files of the same family. Only pairs of files
 * that are both in a family are judged.
 */
export function familyRecovery(analysis: Analysis, paths: readonly string[], familyFor: (path: string) => string | null, filter: (g: AnalysisGroup) => boolean = counts): FamilyResult {
  const sorted = [...paths].sort();
  const index = new Map(sorted.map((p, i) => [p, i]));
  const fam = sorted.map(familyFor);
  const n = sorted.length;
  const sizes = new Map<string, number>();
  for (const f of fam) if (f) sizes.set(f, (sizes.get(f) ?? 0) + 1);
  let truePairs = 0;
  for (const s of sizes.values()) truePairs += (s * (s - 1)) / 2;
  const predicted = new Set<number>();
  for (const g of analysis.groups) {
    if (!filter(g)) continue;
    const files = [...new Set(g.instances.map((i) => index.get(i.file)).filter((i): i is number => i !== undefined && fam[i] !== null))].sort((a, b) => a - b);
    for (let a = 0; a < files.length; a++) for (let b = a + 1; b < files.length; b++) predicted.add(files[a]! * n + files[b]!);
  }
  let tp = 0;
  const confusion = new Map<string, number>();
  const found = new Map<string, number>();
  for (const key of predicted) {
    const fa = fam[Math.floor(key / n)]!;
    const fb = fam[key % n]!;
    if (fa === fb) {
      tp++;
      found.set(fa, (found.get(fa) ?? 0) + 1);
    } else {
      const k = [fa, fb].sort().join(" × ");
      confusion.set(k, (confusion.get(k) ?? 0) + 1);
    }
  }
  return {
    labelled: fam.filter(Boolean).length,
    families: sizes.size,
    truePairs,
    predictedPairs: predicted.size,
    truePositives: tp,
    precision: predicted.size ? tp / predicted.size : 0,
    recall: truePairs ? tp / truePairs : 0,
    confusions: [...confusion]
      .map(([families, pairs]) => ({ families, pairs }))
      .sort((a, b) => b.pairs - a.pairs || a.families.localeCompare(b.families))
      .slice(0, 5),
    perFamily: [...sizes]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([family, files]) => {
        const pairs = (files * (files - 1)) / 2;
        const f = found.get(family) ?? 0;
        return { family, files, truePairs: pairs, found: f, recall: pairs ? f / pairs : 1 };
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Determinism

/** Keys that hold timings or dates: dropped before hashing. */
export const VOLATILE_KEY = /^(?:timings?|elapsed\w*|duration\w*|generatedAt|createdAt|date|startedAt|finishedAt)$|(?:Ms|Seconds)$/;

export function stripVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripVolatile);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!VOLATILE_KEY.test(k)) out[k] = stripVolatile(v);
    return out;
  }
  return value;
}

export interface DeterminismRun {
  label: string;
  /** Hash of the analysis JSON (analysisHash). */
  hash: string;
  /** Fingerprint of the engine's source when the run started (other engineers edit it live). */
  source: string;
}

/**
 * Same output for the same engine source: runs are compared only with runs of the same source, so a
 * source edited during the bench is not mistaken for nondeterminism (it is reported apart).
 */
export function judgeDeterminism(runs: readonly DeterminismRun[]): { same: boolean; sourceChanged: boolean; compared: number } {
  const bySource = new Map<string, Set<string>>();
  const sizes = new Map<string, number>();
  for (const r of runs) {
    if (!bySource.has(r.source)) bySource.set(r.source, new Set());
    bySource.get(r.source)!.add(r.hash);
    sizes.set(r.source, (sizes.get(r.source) ?? 0) + 1);
  }
  let compared = 0;
  for (const n of sizes.values()) compared += n - 1;
  return { same: [...bySource.values()].every((h) => h.size === 1) && compared > 0, sourceChanged: bySource.size > 1, compared };
}

/** SHA-256 of the analysis JSON without timing fields (key order as written). */
export function analysisHash(json: string): string {
  return sha256(JSON.stringify(stripVolatile(JSON.parse(json))));
}

// ---------------------------------------------------------------------------------------------
// /usr/bin/time -v

export interface ProcessStats {
  wallS: number;
  userS: number;
  sysS: number;
  cpuS: number;
  peakMB: number;
  exitCode: number;
}

/** Parses GNU time's `-v` report. */
export function parseTimeV(report: string): ProcessStats {
  const num = (label: string) => {
    const m = new RegExp(`${label.replace(/[()]/g, "\\$&")}:\\s*([\\d.]+)`).exec(report);
    if (!m) throw new Error(`/usr/bin/time -v: no "${label}" in ${JSON.stringify(report.slice(0, 200))}`);
    return Number(m[1]);
  };
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\):\s*([\d:.]+)/.exec(report);
  if (!wall) throw new Error("/usr/bin/time -v: no wall clock time");
  const wallS = wall[1]!
    .split(":")
    .map(Number)
    .reduce((acc, part) => acc * 60 + part, 0);
  const userS = num("User time (seconds)");
  const sysS = num("System time (seconds)");
  return {
    wallS,
    userS,
    sysS,
    cpuS: Math.round((userS + sysS) * 100) / 100,
    peakMB: num("Maximum resident set size (kbytes)") / 1024,
    exitCode: num("Exit status"),
  };
}

export function medianStats(runs: readonly ProcessStats[]): ProcessStats {
  return {
    wallS: median(runs.map((r) => r.wallS)),
    userS: median(runs.map((r) => r.userS)),
    sysS: median(runs.map((r) => r.sysS)),
    cpuS: median(runs.map((r) => r.cpuS)),
    peakMB: median(runs.map((r) => r.peakMB)),
    exitCode: Math.max(...runs.map((r) => r.exitCode)),
  };
}
