/**
 * Injected copies for the control corpus: real top-level functions, copied (type 1), copied with
 * identifiers and literals renamed (type 2), or copied with one statement added or removed (type 3),
 * appended to another file. Chosen deterministically from a seed. Pure: text in, text out.
 */
import type { Analysis, FileText, JscpdReport } from "./metrics";
import { jscpdPath, lineOf } from "./metrics";

export interface FunctionSpan {
  name: string;
  /** Offsets (UTF-16) of the header's first character and just after the closing `}` line's newline. */
  start: number;
  end: number;
  startLine: number;
  endLine: number;
}

const HEADER = /^(?:export )?(?:async )?function\*? ?([A-Za-z_$][\w$]*)/;

/**
 * Top-level functions with a body: a header at column 0 up to the first line that is exactly `}`.
 * Overload signatures (a header followed by another header before any `}` line) are skipped.
 */
export function findFunctions(text: string): FunctionSpan[] {
  const lines = text.split("\n");
  const offsets: number[] = [];
  let at = 0;
  for (const l of lines) {
    offsets.push(at);
    at += l.length + 1;
  }
  const out: FunctionSpan[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = HEADER.exec(lines[i]!);
    if (!m) continue;
    for (let j = i + 1; j < lines.length; j++) {
      if (HEADER.test(lines[j]!)) break;
      if (lines[j] === "}") {
        out.push({ name: m[1]!, start: offsets[i]!, end: Math.min(text.length, offsets[j]! + 2), startLine: i + 1, endLine: j + 1 });
        i = j;
        break;
      }
    }
  }
  return out;
}

export type MutantType = 1 | 2 | 3;

export interface Mutant {
  id: string;
  type: MutantType;
  name: string;
  /** What was done (type 2: renames; type 3: the statement added or removed). */
  change: string;
  source: { file: string; start: number; end: number; startLine: number; endLine: number };
  target: { file: string; start: number; end: number; startLine: number; endLine: number };
}

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Type 2: every identifier the function declares (its name, const/let/var names) gets a suffix; strings and numbers change. */
export function renameMutant(code: string, name: string): { code: string; change: string } {
  const declared = new Set([name]);
  for (const m of code.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g)) declared.add(m[1]!);
  const renames = [...declared].sort().map((id) => [new RegExp(`(?<![\\w$.])${id.replace(/\$/g, "\\$")}(?![\\w$])`, "g"), `${id}Alt`] as const);
  // Strings (odd parts) get a suffix; code (even parts) gets the renames and changed numbers.
  const out = code
    .split(/('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/)
    .map((part, i) => {
      if (i % 2 === 1) return `${part.slice(0, -1)}_alt${part.slice(-1)}`;
      let c = part;
      for (const [re, to] of renames) c = c.replace(re, to);
      return c.replace(/(?<![\w$.])(\d+)(?![\w$.])/g, (_, d: string) => String(Number(d) + 1));
    })
    .join("");
  return { code: out, change: `renamed ${[...declared].sort().join(", ")}; literals changed` };
}

/**
 * Type 3: adds (even `variant`) or removes (odd) one single-line statement of the function body
 * (a line indented by exactly two spaces that ends with `;`, the one nearest the middle). Null when
 * the body has no such line.
 */
export function statementMutant(code: string, variant: number): { code: string; change: string } | null {
  const lines = code.split("\n");
  const candidates = lines.map((l, i) => (/^ {2}\S.*;$/.test(l) && !/^ {2}(?:return|\/\/)/.test(l) ? i : -1)).filter((i) => i > 0);
  if (candidates.length === 0) return null;
  const i = candidates.reduce((best, c) => (Math.abs(c - lines.length / 2) < Math.abs(best - lines.length / 2) ? c : best));
  if (variant % 2 === 0) {
    lines.splice(i + 1, 0, "  const injectedCheck = arguments.length > 2;");
    return { code: lines.join("\n"), change: `added a statement after line ${i + 1}` };
  }
  const removed = lines.splice(i, 1)[0]!;
  return { code: lines.join("\n"), change: `removed line ${i + 1}: ${removed.trim()}` };
}

/**
 * Appends `perType` mutants of each type to the files. Candidates: functions of 8 to 80 lines with
 * at least 6 non-blank lines; the order of candidates and of target files comes from `seed`.
 */
export function injectMutants(files: ReadonlyMap<string, string>, perType: number, seed = 5): { files: Map<string, string>; mutants: Mutant[] } {
  const out = new Map(files);
  const paths = [...files.keys()].sort();
  const candidates: Array<{ file: string; fn: FunctionSpan }> = [];
  for (const file of paths) {
    const text = files.get(file)!;
    for (const fn of findFunctions(text)) {
      const lines = fn.endLine - fn.startLine + 1;
      const nonBlank = text.slice(fn.start, fn.end).split("\n").filter((l) => /\S/.test(l)).length;
      if (lines >= 8 && lines <= 80 && nonBlank >= 6) candidates.push({ file, fn });
    }
  }
  const rand = prng(seed);
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  const mutants: Mutant[] = [];
  const used = new Set<string>();
  const wanted: Record<MutantType, number> = { 1: perType, 2: perType, 3: perType };
  let type: MutantType = 1;
  for (const c of candidates) {
    if (wanted[1] + wanted[2] + wanted[3] === 0) break;
    while (wanted[type] === 0) type = ((type % 3) + 1) as MutantType;
    const original = files.get(c.file)!.slice(c.fn.start, c.fn.end).replace(/\n$/, "");
    let code = original;
    let change = "exact copy";
    if (type === 2) ({ code, change } = renameMutant(original, c.fn.name));
    else if (type === 3) {
      const m = statementMutant(original, perType - wanted[3]);
      if (!m) continue;
      ({ code, change } = m);
    }
    if (used.has(`${c.file}:${c.fn.name}`)) continue;
    used.add(`${c.file}:${c.fn.name}`);
    let target = paths[Math.floor(rand() * paths.length)]!;
    if (target === c.file) target = paths[(paths.indexOf(target) + 1) % paths.length]!;
    const before = out.get(target)!;
    const prefix = before.endsWith("\n") ? "\n" : "\n\n";
    const start = before.length + prefix.length;
    const after = `${before}${prefix}${code}\n`;
    out.set(target, after);
    const startLine = before.split("\n").length + (before.endsWith("\n") ? 1 : 2);
    mutants.push({
      id: `m${mutants.length + 1}`,
      type,
      name: c.fn.name,
      change,
      source: { file: c.file, start: c.fn.start, end: c.fn.end, startLine: c.fn.startLine, endLine: c.fn.endLine },
      target: { file: target, start, end: start + code.length, startLine, endLine: startLine + code.split("\n").length - 1 },
    });
    wanted[type]--;
    type = ((type % 3) + 1) as MutantType;
  }
  return { files: out, mutants };
}

export interface MutantFinding {
  id: string;
  type: MutantType;
  /** Share of the mutant's non-blank lines covered by instances paired with an instance in the original. */
  engine: number;
  jscpd: number | null;
  foundByEngine: boolean;
  foundByJscpd: boolean | null;
}

const overlaps = (aStart: number, aEnd: number, bStart: number, bEnd: number) => aStart <= bEnd && bStart <= aEnd;

function shareCovered(set: Uint8Array, ft: FileText, from: number, to: number): number {
  let total = 0;
  let covered = 0;
  for (let l = from; l <= to; l++) {
    if (!ft.nonBlank[l]) continue;
    total++;
    if (set[l]) covered++;
  }
  return total ? covered / total : 0;
}

/** A mutant is found when at least half its non-blank lines lie in instances (or jscpd sides) paired with its original. */
export const FOUND_SHARE = 0.5;

export function findMutants(mutants: readonly Mutant[], analysis: Analysis, texts: ReadonlyMap<string, FileText>, jscpd?: { report: JscpdReport; root: string }): MutantFinding[] {
  return mutants.map((m) => {
    const ft = texts.get(m.target.file)!;
    const engineSet = new Uint8Array(ft.nonBlank.length);
    for (const g of analysis.groups) {
      const lines = g.instances.map((i) => {
        const f = texts.get(i.file);
        return f && i.end > i.start ? { file: i.file, from: lineOf(f.starts, i.start), to: lineOf(f.starts, i.end - 1) } : null;
      });
      const inOriginal = lines.some((l) => l && l.file === m.source.file && overlaps(l.from, l.to, m.source.startLine, m.source.endLine));
      if (!inOriginal) continue;
      for (const l of lines) if (l && l.file === m.target.file && overlaps(l.from, l.to, m.target.startLine, m.target.endLine)) for (let x = l.from; x <= l.to; x++) engineSet[x] = 1;
    }
    const engine = shareCovered(engineSet, ft, m.target.startLine, m.target.endLine);
    let jscpdShare: number | null = null;
    if (jscpd) {
      const set = new Uint8Array(ft.nonBlank.length);
      for (const d of jscpd.report.duplicates) {
        const sides = [d.firstFile, d.secondFile].map((s) => ({ file: jscpdPath(s.name, jscpd.root), from: s.start, to: s.end }));
        for (const [a, b] of [
          [sides[0]!, sides[1]!],
          [sides[1]!, sides[0]!],
        ] as const) {
          if (a.file === m.source.file && overlaps(a.from, a.to, m.source.startLine, m.source.endLine) && b.file === m.target.file && overlaps(b.from, b.to, m.target.startLine, m.target.endLine)) {
            for (let x = Math.max(1, b.from); x <= Math.min(b.to, set.length - 1); x++) set[x] = 1;
          }
        }
      }
      jscpdShare = shareCovered(set, ft, m.target.startLine, m.target.endLine);
    }
    return { id: m.id, type: m.type, engine, jscpd: jscpdShare, foundByEngine: engine >= FOUND_SHARE, foundByJscpd: jscpdShare === null ? null : jscpdShare >= FOUND_SHARE };
  });
}
