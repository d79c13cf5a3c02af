/**
 * The result of one corpus, the targets, and the Markdown tables printed and written to
 * bench/RESULTS.md. Pure.
 */
import type { CompressionResult, DeterminismRun, FamilyResult, ProcessStats, RoundTripResult, SetComparison } from "./metrics";
import type { MutantFinding } from "./mutants";

export interface ToolRun {
  /** Median of the runs. */
  median: ProcessStats;
  runs: ProcessStats[];
}

export interface CorpusResult {
  corpus: string;
  files: number;
  /** Lines as corpora.md counts them (newline characters, like `wc -l`). */
  lines: number;
  nonBlank: number;
  versions: Record<string, string>;
  warnings: string[];
  /** The machine's 1-minute load average before each run (2 cores shared with other work). */
  load?: number[];
  engine: ToolRun & { error?: string; groups: number; countingGroups: number; skippedFiles: number };
  roundTrip?: RoundTripResult;
  coverage?: {
    engine: number;
    v5exact: number;
    v5renamed: number;
    v4: number;
    /** Lines, engine (a) against jscpd v5 renamed (b). */
    vsRenamed: SetComparison;
    vsExact: SetComparison;
    /** jscpd's own duplication percentages (its statistics). */
    jscpdPercent: { v5exact?: number; v5renamed?: number; v4?: number };
  };
  compression?: CompressionResult;
  family?: FamilyResult;
  jscpd: { v5exact?: ToolRun; v5renamed?: ToolRun; v4?: ToolRun; errors: string[] };
  determinism?: { runs: DeterminismRun[]; same: boolean; sourceChanged: boolean; compared: number };
  mutants?: { perType: number; findings: MutantFinding[]; engineFound: Record<string, string>; jscpdFound: Record<string, string> };
  targetsMet: Record<string, boolean>;
}

export const TARGETS = {
  roundTrip: "round trip 100% of instances and files",
  coverage: "coverage ≥ jscpd v5 renamed union (aws, date-fns, lucide, stripe)",
  family: "family precision and recall ≥ 0.9 (java-nio, date-fns)",
  control: "rxjs-control coverage within 2x of jscpd v5 renamed union",
  speed: "effect-scale ≥ 100k lines/s end to end",
  memory: "effect-scale peak RSS < 1.5 GB",
  determinism: "same hash on two runs, --order reverse and --order shuffle:42",
} as const;

export type Target = keyof typeof TARGETS;

/** Which targets apply to a corpus and whether they are met. */
export function judge(r: CorpusResult, options: { coverageTarget: boolean; family: boolean }): Record<string, boolean> {
  const t: Record<string, boolean> = {};
  if (r.roundTrip) t.roundTrip = r.roundTrip.instances === r.roundTrip.instancesOk && r.roundTrip.files === r.roundTrip.filesOk;
  else if (r.engine.error) t.roundTrip = false;
  if (options.coverageTarget) t.coverage = !!r.coverage && r.coverage.engine >= r.coverage.v5renamed;
  if (options.family) t.family = !!r.family && r.family.precision >= 0.9 && r.family.recall >= 0.9;
  if (r.corpus === "rxjs-control") t.control = !!r.coverage && r.coverage.engine <= 2 * r.coverage.v5renamed;
  if (r.corpus === "effect-scale") {
    t.speed = !r.engine.error && r.lines / r.engine.median.wallS >= 100_000;
    t.memory = !r.engine.error && r.engine.median.peakMB < 1536;
  }
  if (r.determinism) t.determinism = r.determinism.same;
  return t;
}

const mark = (ok: boolean | undefined) => (ok === undefined ? "" : ok ? " ✓" : " ✗");
const pct = (x: number | undefined, digits = 1) => (x === undefined || Number.isNaN(x) ? "–" : `${(x * 100).toFixed(digits)}%`);
const num = (x: number | undefined, digits = 2) => (x === undefined || Number.isNaN(x) ? "–" : x.toFixed(digits));
const int = (x: number) => Math.round(x).toLocaleString("en");
const k = (x: number) => (x >= 10_000 ? `${Math.round(x / 1000)}k` : x >= 1000 ? `${(x / 1000).toFixed(1)}k` : String(Math.round(x)));

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function mainTable(results: readonly CorpusResult[]): string {
  const head = [
    "corpus",
    "files",
    "lines",
    "round trip inst / files",
    "coverage",
    "v5 exact",
    "v5 renamed",
    "only us / only jscpd",
    "compr mean / overall",
    "holes / tpl",
    "family P / R",
    "wall s",
    "lines/s",
    "CPU s",
    "peak MB",
    "× v5 / × v4",
    "same hash",
  ];
  const rows = results.map((r) => {
    const t = r.targetsMet;
    const e = r.engine;
    const rt = r.roundTrip;
    const c = r.coverage;
    const nb = r.nonBlank;
    const v5 = r.jscpd.v5exact?.median.wallS;
    const v4 = r.jscpd.v4?.median.wallS;
    return [
      r.corpus,
      int(r.files),
      int(r.lines),
      e.error ? `crashed ✗` : rt ? `${pct(rt.instancesOk / Math.max(1, rt.instances), 1)} / ${pct(rt.filesOk / Math.max(1, rt.files), 1)}${mark(t.roundTrip)}` : "–",
      c ? `${pct(c.engine / nb)}${mark(t.coverage ?? t.control)}` : "–",
      c ? pct(c.v5exact / nb) : "–",
      c ? pct(c.v5renamed / nb) : "–",
      c ? `${int(c.vsRenamed.onlyA)} / ${int(c.vsRenamed.onlyB)}` : "–",
      r.compression ? `${num(r.compression.mean)} / ${num(r.compression.overall)}` : "–",
      r.compression ? num(r.compression.holesMean, 1) : "–",
      r.family ? `${num(r.family.precision)} / ${num(r.family.recall)}${mark(t.family)}` : "",
      e.error ? "–" : num(e.median.wallS),
      e.error ? "–" : `${k(r.lines / e.median.wallS)}${mark(t.speed)}`,
      e.error ? "–" : num(e.median.cpuS),
      e.error ? "–" : `${int(e.median.peakMB)}${mark(t.memory)}`,
      e.error ? "–" : `${v5 ? num(e.median.wallS / v5, 1) : "–"} / ${v4 ? num(e.median.wallS / v4, 2) : "–"}`,
      r.determinism ? `${r.determinism.same ? "yes ✓" : "no ✗"}${r.determinism.sourceChanged ? " (source changed)" : ""}` : "–",
    ];
  });
  return table(head, rows);
}

export function jscpdTable(results: readonly CorpusResult[]): string {
  const head = ["corpus", "engine s / MB", "v5 exact s / MB / dup %", "v5 renamed s / MB / dup %", "v4 s / MB / dup %", "lines/s engine / v5 / v4"];
  const cell = (run: ToolRun | undefined, percent: number | undefined) => (run ? `${num(run.median.wallS)} / ${int(run.median.peakMB)} / ${percent === undefined ? "–" : percent.toFixed(1)}` : "–");
  const rows = results.map((r) => [
    r.corpus,
    r.engine.error ? "crashed" : `${num(r.engine.median.wallS)} / ${int(r.engine.median.peakMB)}`,
    cell(r.jscpd.v5exact, r.coverage?.jscpdPercent.v5exact),
    cell(r.jscpd.v5renamed, r.coverage?.jscpdPercent.v5renamed),
    cell(r.jscpd.v4, r.coverage?.jscpdPercent.v4),
    [r.engine.error ? undefined : r.engine.median.wallS, r.jscpd.v5exact?.median.wallS, r.jscpd.v4?.median.wallS].map((s) => (s ? k(r.lines / s) : "–")).join(" / "),
  ]);
  return table(head, rows);
}

export function mutantTable(r: CorpusResult): string | null {
  if (!r.mutants) return null;
  const head = ["injected copy", "engine finds", "jscpd v5 renamed finds"];
  const rows = (["1", "2", "3"] as const).map((type) => {
    const label = { "1": "type 1 (exact)", "2": "type 2 (renamed identifiers/literals)", "3": "type 3 (statement added/removed)" }[type];
    return [label, r.mutants!.engineFound[type] ?? "–", r.mutants!.jscpdFound[type] ?? "–"];
  });
  return table(head, rows);
}

/** Tally of findings per mutant type: "found / injected". */
export function tally(findings: readonly MutantFinding[], by: "foundByEngine" | "foundByJscpd"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const type of [1, 2, 3]) {
    const of = findings.filter((f) => f.type === type);
    out[String(type)] = `${of.filter((f) => f[by] === true).length} / ${of.length}`;
  }
  return out;
}

/** What failed, precisely: crashes, round-trip failures (corpus, file, group, first differing offset), stats inconsistencies. */
export function problems(results: readonly CorpusResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    if (r.engine.error) out.push(`${r.corpus}: engine failed: ${r.engine.error}`);
    const rt = r.roundTrip;
    if (rt) {
      const bad = Object.entries(rt.failureCount).filter(([, n]) => n > 0);
      if (bad.length) out.push(`${r.corpus}: round trip: ${bad.map(([kind, n]) => `${n} ${kind}`).join(", ")}`);
      for (const f of rt.failures.slice(0, 5)) {
        out.push(
          `  ${f.kind} ${f.file}${f.group ? ` group ${f.group}` : ""}${f.instance !== undefined ? ` instance ${f.instance}` : ""}${f.offset !== undefined ? ` offset ${f.offset}` : ""}${f.line ? ` (line ${f.line})` : ""}` +
            `${f.message ? `: ${f.message}` : ""}${f.expected !== undefined ? `: expected ${f.expected}, got ${f.got}` : ""}`,
        );
      }
      if (rt.lineMismatches) out.push(`${r.corpus}: ${rt.lineMismatches} instances whose startLine/endLine disagree with their offsets`);
      if (rt.badHoleNames.length) out.push(`${r.corpus}: hole names that LiquidJS does not read as variables ({{ name }} renders something else): ${rt.badHoleNames.join(", ")}`);
      if (rt.notAtLineStart) out.push(`${r.corpus}: ${rt.notAtLineStart} instances that do not start at the start of a line (after indentation)`);
    }
    if (r.family) {
      const low = r.family.perFamily.filter((f) => f.recall < 0.9);
      if (low.length) out.push(`${r.corpus}: family recall below 0.9: ${low.map((f) => `${f.family} ${f.found}/${f.truePairs} pairs (${f.files} files)`).join(", ")}`);
      if (r.family.confusions.length) out.push(`${r.corpus}: wrong pairs: ${r.family.confusions.map((c) => `${c.families} ${c.pairs}`).join(", ")}`);
    }
    if (r.compression?.statsMismatches) out.push(`${r.corpus}: ${r.compression.statsMismatches} groups whose stats byte counts differ from the bytes measured`);
    if (r.determinism && !r.determinism.same) {
      out.push(`${r.corpus}: output differs between runs or file orders of the same engine source: ${r.determinism.runs.map((d) => `${d.label} ${d.hash.slice(0, 12)} (source ${d.source.slice(0, 8)})`).join(", ")}`);
    }
    if (r.determinism?.sourceChanged) {
      out.push(`${r.corpus}: the engine's source changed during the runs (${new Set(r.determinism.runs.map((d) => d.source)).size} versions); only runs of the same source were compared (${r.determinism.compared} comparisons)`);
    }
    for (const e of r.jscpd.errors) out.push(`${r.corpus}: ${e}`);
    for (const w of r.warnings) out.push(`${r.corpus}: ${w}`);
  }
  return out;
}

export const SECTION = "## Patterns (issue 5)";

/** Replaces the section that starts with `heading` (up to the next `## ` heading) or appends it. */
export function replaceSection(markdown: string, heading: string, section: string): string {
  const body = section.endsWith("\n") ? section : `${section}\n`;
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => l.startsWith(heading));
  if (start < 0) return `${markdown.replace(/\n*$/, "\n\n")}${body}`;
  let end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  if (end < 0) end = lines.length;
  const before = lines.slice(0, start).join("\n");
  const after = lines.slice(end).join("\n");
  return `${before}${before ? "\n" : ""}${body}${after ? `\n${after}` : ""}`;
}

/** The machine's load while measuring: the 2 cores are shared, so timings above a load of 2 are noisy. */
export function loadNote(results: readonly CorpusResult[]): string[] {
  const all = results.flatMap((r) => r.load ?? []);
  if (all.length === 0) return [];
  return ["", `1-minute load average before the runs: ${Math.min(...all).toFixed(1)} to ${Math.max(...all).toFixed(1)} on 2 cores shared with other work (above 2, times are inflated for every tool alike; runs are interleaved).`];
}

export function section(results: readonly CorpusResult[], options: { date: string; machine: string; runs: number; command: string }): string {
  const met = (target: Target) => {
    const judged = results.filter((r) => r.targetsMet[target] !== undefined);
    const missed = judged.filter((r) => !r.targetsMet[target]).map((r) => r.corpus);
    if (judged.length === 0) return "not measured";
    if (missed.length === 0) return "met ✓";
    const metOn = judged.filter((r) => r.targetsMet[target]).map((r) => r.corpus);
    return `NOT met on ${missed.join(", ")} ✗${metOn.length ? ` (met on ${metOn.join(", ")})` : ""}`;
  };
  const out = [
    `${SECTION}: \`${options.command}\`, ${options.date}`,
    "",
    `${options.machine}. Median of ${options.runs} runs, wall time end to end (\`bin/metaforge.mjs analyze\`, the \`npx metaforge\` entry: node start-up included, the command line's bundle made before the runs), CPU and peak RSS from \`/usr/bin/time -v\`; jscpd 5.3.3 and 4.3.0 on the same files in the same script. Coverage: non-blank lines in instances of groups with 2+ instances and holes ≤ 80% of the bytes, over all non-blank lines; jscpd's columns are the union of the line ranges it reports. Columns explained in bench/patterns/README.md.`,
    ...loadNote(results),
    "",
    mainTable(results),
    "",
    "Targets: " + (Object.keys(TARGETS) as Target[]).map((t) => `${TARGETS[t]}: ${met(t)}`).join("; ") + ".",
    "",
    "Against jscpd (dup % is jscpd's own figure, which adds up overlapping clone pairs and so passes 100% in the renamed mode; the coverage columns above use the union of lines instead. v5 renamed: `--ignore-identifiers --ignore-literals --max-gap-lines 3 --similarity 0.85`):",
    "",
    jscpdTable(results),
  ];
  const control = results.find((r) => r.mutants);
  const mt = control ? mutantTable(control) : null;
  if (control && mt) {
    out.push("", `Injected copies in ${control.corpus} (${control.mutants!.perType} per type, appended to other files; found = at least half the copy's non-blank lines in instances grouped with its original):`, "", mt);
  }
  const p = problems(results);
  if (p.length) out.push("", "Problems:", "", "```", ...p, "```");
  return out.join("\n");
}
