/**
 * bench/patterns: the pattern engine (issue 5) against real code and jscpd.
 *
 *   npm run bench:patterns [-- --corpus a,b] [--runs 3] [--mutants 5] [--write] [--install-only] [--from-results]
 *
 * Installs the corpora of /work/shared/corpora.md and jscpd 5.3.3 / 4.3.0 into the scratch folder
 * (corpora.ts), runs `metaforge analyze` and jscpd under /usr/bin/time -v, measures the engine's
 * JSON (metrics.ts), prints one table, writes every figure to <scratch>/results/, and with --write
 * replaces the "Patterns (issue 5)" section of bench/RESULTS.md. See bench/patterns/README.md.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CORPORA, type Corpus, installCorpus, installJscpd, JSCPD_VERSIONS, listFiles, scratchDir } from "./corpora";
import {
  type Analysis,
  analysisHash,
  compareLines,
  type DeterminismRun,
  compression,
  countNewlines,
  countNonBlank,
  counts,
  engineLines,
  familyOf,
  familyRecovery,
  type FileText,
  fileTexts,
  type JscpdReport,
  jscpdLines,
  judgeDeterminism,
  medianStats,
  parseTimeV,
  type ProcessStats,
  roundTrip,
  sha256,
  totalNonBlank,
} from "./metrics";
import { findMutants, injectMutants } from "./mutants";
import { type CorpusResult, judge, jscpdTable, loadNote, mainTable, problems, replaceSection, SECTION, section, tally, type ToolRun } from "./report";

const REPO = path.resolve(import.meta.dirname, "..", "..");
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const RUNS = Number(option("runs") ?? 3);
const MUTANTS = Number(option("mutants") ?? 5);
const TIMEOUT_MS = Number(option("timeout") ?? 30 * 60) * 1000;
const log = (s: string) => process.stderr.write(`${s}\n`);

interface Timed {
  stats: ProcessStats;
  error?: string;
}

/** Runs a command under /usr/bin/time -v; its output goes to `logFile`. */
function timed(cmd: string, args: string[], cwd: string, logFile: string): Timed {
  const timeFile = `${logFile}.time`;
  fs.rmSync(timeFile, { force: true });
  const fd = fs.openSync(logFile, "w");
  const r = spawnSync("/usr/bin/time", ["-v", "-o", timeFile, cmd, ...args], { cwd, stdio: ["ignore", fd, fd], timeout: TIMEOUT_MS });
  fs.closeSync(fd);
  const report = fs.existsSync(timeFile) ? fs.readFileSync(timeFile, "utf8") : "";
  const tail = () => fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-8).join("\n");
  if (r.error || r.signal) return { stats: zero(), error: `${r.error?.message ?? `killed by ${r.signal}`} (after ${TIMEOUT_MS / 1000} s at most)\n${tail()}` };
  let stats: ProcessStats;
  try {
    stats = parseTimeV(report);
  } catch (e) {
    return { stats: zero(), error: `${(e as Error).message}\n${tail()}` };
  }
  const signal = /Command terminated by signal (\d+)/.exec(report);
  if (signal) return { stats, error: `terminated by signal ${signal[1]}\n${tail()}` };
  if (stats.exitCode !== 0 || r.status !== 0) return { stats, error: `exit ${stats.exitCode}\n${tail()}` };
  return { stats };
}

const zero = (): ProcessStats => ({ wallS: 0, userS: 0, sysS: 0, cpuS: 0, peakMB: 0, exitCode: -1 });
const toolRun = (runs: ProcessStats[]): ToolRun => ({ median: medianStats(runs), runs });

/** The command line as `npx metaforge` runs it (its node flags are on its first line). */
const ENGINE_BIN = path.join(REPO, "bin", "metaforge.mjs");
function engineArgs(dir: string, out: string, corpus: Corpus, order?: string): string[] {
  return ["analyze", dir, "--json", out, "--lang", corpus.languages.join(","), "--quiet", ...(order ? ["--order", order] : [])];
}

const JSCPD_COMMON = ["--reporters", "json", "--no-gitignore", "-z", "10mb", "--min-tokens", "50"];
const JSCPD_MODES = {
  v5exact: { version: JSCPD_VERSIONS.v5, args: JSCPD_COMMON },
  v5renamed: { version: JSCPD_VERSIONS.v5, args: [...JSCPD_COMMON, "--ignore-identifiers", "--ignore-literals", "--max-gap-lines", "3", "--similarity", "0.85"] },
  v4: { version: JSCPD_VERSIONS.v4, args: [...JSCPD_COMMON, "-x", "10000000"] },
} as const;
type JscpdMode = keyof typeof JSCPD_MODES;

function runJscpd(mode: JscpdMode, bin: string, dir: string, workDir: string, tag: string): { timed: Timed; report?: JscpdReport } {
  const out = path.join(workDir, `jscpd-${mode}${tag}`);
  fs.rmSync(out, { recursive: true, force: true });
  const t = timed(bin, [...JSCPD_MODES[mode].args, "-o", out, "."], dir, `${out}.log`);
  const file = path.join(out, "jscpd-report.json");
  if (t.error) return { timed: t };
  if (!fs.existsSync(file)) return { timed: { ...t, error: `no ${file}` } };
  return { timed: t, report: JSON.parse(fs.readFileSync(file, "utf8")) };
}

/** The engine's code (what `metaforge analyze` runs), fingerprinted: it is being edited while the bench runs. */
const ENGINE_SOURCES = ["core/patterns", "core/templates", "server/patterns", "bin"];
function engineSource(): string {
  const parts: string[] = [];
  for (const dir of ENGINE_SOURCES) {
    const abs = path.join(REPO, dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of listFiles(abs)) if (!f.endsWith(".test.ts")) parts.push(`${dir}/${f}\0${fs.readFileSync(path.join(abs, f), "utf8")}`);
  }
  return sha256(parts.join("\0")).slice(0, 16);
}

function readCorpus(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((p) => [p, fs.readFileSync(path.join(dir, p), "utf8")]));
}

function benchCorpus(corpus: Corpus, scratch: string, jscpdBins: Record<string, string>): CorpusResult {
  const installed = installCorpus(corpus, scratch);
  const files = readCorpus(installed.dir);
  const texts = fileTexts(files);
  let lines = 0;
  for (const t of files.values()) lines += countNewlines(t);
  const work = path.join(scratch, "runs", corpus.name);
  fs.mkdirSync(work, { recursive: true });
  log(`\n== ${corpus.name}: ${files.size} files, ${lines} lines`);

  // Each run: the engine, then jscpd v5 exact, v5 renamed and v4 (interleaved, so that load from
  // elsewhere on the machine falls on all of them alike); then the engine with the files in other orders.
  const engineRuns: ProcessStats[] = [];
  const determinism: DeterminismRun[] = [];
  let engineError: string | undefined;
  let analysis: Analysis | undefined;
  const jscpd: CorpusResult["jscpd"] = { errors: [] };
  const reports: Partial<Record<JscpdMode, JscpdReport>> = {};
  const jscpdRuns: Record<JscpdMode, ProcessStats[]> = { v5exact: [], v5renamed: [], v4: [] };
  const jscpdFailed = new Set<JscpdMode>();
  const load: number[] = [];
  for (let i = 1; i <= RUNS; i++) {
    load.push(os.loadavg()[0]!);
    if (!engineError) {
      const out = path.join(work, `engine-${i}.json`);
      fs.rmSync(out, { force: true });
      const source = engineSource();
      const t = timed(ENGINE_BIN, engineArgs(installed.dir, out, corpus), REPO, path.join(work, `engine-${i}.log`));
      log(`  engine run ${i}: ${t.error ? `FAILED ${t.error}` : `${t.stats.wallS.toFixed(2)} s, ${t.stats.peakMB.toFixed(0)} MB`}`);
      if (t.error) engineError = t.error;
      else if (!fs.existsSync(out)) engineError = `no ${out}`;
      else {
        engineRuns.push(t.stats);
        const json = fs.readFileSync(out, "utf8");
        determinism.push({ label: `run ${i}`, hash: analysisHash(json), source });
        if (i === 1) analysis = JSON.parse(json);
      }
    }
    for (const mode of Object.keys(JSCPD_MODES) as JscpdMode[]) {
      if (jscpdFailed.has(mode)) continue;
      const r = runJscpd(mode, jscpdBins[JSCPD_MODES[mode].version]!, installed.dir, work, i === 1 ? "" : `-${i}`);
      log(`  jscpd ${mode} run ${i}: ${r.timed.error ? `FAILED ${r.timed.error}` : `${r.timed.stats.wallS.toFixed(2)} s, ${r.timed.stats.peakMB.toFixed(0)} MB`}`);
      if (r.timed.error) {
        jscpd.errors.push(`jscpd ${mode}: ${r.timed.error.split("\n")[0]}`);
        jscpdFailed.add(mode);
        continue;
      }
      jscpdRuns[mode].push(r.timed.stats);
      if (i === 1) reports[mode] = r.report;
    }
  }
  for (const mode of Object.keys(JSCPD_MODES) as JscpdMode[]) if (jscpdRuns[mode].length) jscpd[mode] = toolRun(jscpdRuns[mode]);
  if (!engineError) {
    for (const order of ["reverse", "shuffle:42"]) {
      const out = path.join(work, `engine-${order.replace(":", "-")}.json`);
      const source = engineSource();
      const t = timed(ENGINE_BIN, engineArgs(installed.dir, out, corpus, order), REPO, `${out}.log`);
      log(`  engine --order ${order}: ${t.error ? `FAILED ${t.error}` : `${t.stats.wallS.toFixed(2)} s`}`);
      determinism.push({ label: `--order ${order}`, hash: t.error ? `failed: ${t.error.split("\n")[0]}` : analysisHash(fs.readFileSync(out, "utf8")), source });
    }
  }

  const nonBlank = totalNonBlank(texts);
  const result: CorpusResult = {
    corpus: corpus.name,
    files: files.size,
    lines,
    nonBlank,
    versions: installed.versions,
    warnings: installed.warnings,
    load,
    engine: {
      ...toolRun(engineRuns.length ? engineRuns : [zero()]),
      ...(engineError ? { error: engineError } : {}),
      groups: analysis?.groups.length ?? 0,
      countingGroups: analysis?.groups.filter(counts).length ?? 0,
      skippedFiles: analysis?.files.filter((f) => f.skipped).length ?? 0,
    },
    jscpd,
    targetsMet: {},
  };
  if (analysis) {
    log("  round trip …");
    result.roundTrip = roundTrip(analysis, texts);
    const ours = engineLines(analysis, texts);
    const empty = { duplicates: [] };
    const v5e = jscpdLines(reports.v5exact ?? empty, texts, installed.dir);
    const v5r = jscpdLines(reports.v5renamed ?? empty, texts, installed.dir);
    const v4 = jscpdLines(reports.v4 ?? empty, texts, installed.dir);
    result.coverage = {
      engine: countNonBlank(ours, texts),
      v5exact: countNonBlank(v5e, texts),
      v5renamed: countNonBlank(v5r, texts),
      v4: countNonBlank(v4, texts),
      vsRenamed: compareLines(ours, v5r, texts),
      vsExact: compareLines(ours, v5e, texts),
      jscpdPercent: {
        v5exact: reports.v5exact?.statistics?.total?.percentage,
        v5renamed: reports.v5renamed?.statistics?.total?.percentage,
        v4: reports.v4?.statistics?.total?.percentage,
      },
    };
    result.compression = compression(analysis, texts);
    if (corpus.family) {
      const family = corpus.family;
      result.family = familyRecovery(analysis, [...files.keys()], (p) => familyOf(family, p));
      if (family === "java-nio") {
        // The regexes should pick exactly the generated files: say where they do not.
        for (const [p, t] of files) {
          const generated = t.includes("mechanically generated");
          if (generated !== (familyOf(family, p) !== null)) result.warnings.push(`java-nio family regexes: ${p} is ${generated ? "generated but in no family" : "in a family but not generated"}`);
        }
      }
    }
    result.determinism = { runs: determinism, ...judgeDeterminism(determinism) };
  }
  if (corpus.name === "rxjs-control" && MUTANTS > 0) result.mutants = benchMutants(corpus, files, scratch, jscpdBins);
  result.targetsMet = judge(result, { coverageTarget: !!corpus.coverageTarget, family: !!corpus.family });
  return result;
}

/** The control corpus with injected copies: the engine and jscpd v5 renamed, once each. */
function benchMutants(corpus: Corpus, files: ReadonlyMap<string, string>, scratch: string, jscpdBins: Record<string, string>): CorpusResult["mutants"] {
  const { files: mutated, mutants } = injectMutants(files, MUTANTS);
  const dir = path.join(scratch, "variants", `${corpus.name}-mutants`);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [p, t] of mutated) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), t);
  }
  const work = path.join(scratch, "runs", `${corpus.name}-mutants`);
  fs.mkdirSync(work, { recursive: true });
  fs.writeFileSync(path.join(work, "mutants.json"), JSON.stringify(mutants, null, 2));
  const texts: Map<string, FileText> = fileTexts(mutated);
  const out = path.join(work, "engine.json");
  const t = timed(ENGINE_BIN, engineArgs(dir, out, corpus), REPO, path.join(work, "engine.log"));
  log(`  engine on ${mutants.length} injected copies: ${t.error ? `FAILED ${t.error}` : `${t.stats.wallS.toFixed(2)} s`}`);
  const j = runJscpd("v5renamed", jscpdBins[JSCPD_VERSIONS.v5]!, dir, work, "");
  const analysis: Analysis = t.error ? { format: "", version: 1, files: [], groups: [] } : JSON.parse(fs.readFileSync(out, "utf8"));
  const findings = findMutants(mutants, analysis, texts, j.report ? { report: j.report, root: dir } : undefined);
  return { perType: MUTANTS, findings, engineFound: t.error ? { 1: "crashed", 2: "crashed", 3: "crashed" } : tally(findings, "foundByEngine"), jscpdFound: tally(findings, "foundByJscpd") };
}

/** results/<corpus>.json: the latest measurement of one corpus. */
interface SavedResult {
  date: string;
  runs: number;
  command: string;
  machine: string;
  result: CorpusResult;
}

function machine(): string {
  const release = fs.existsSync("/etc/os-release") ? (/PRETTY_NAME="([^"]+)"/.exec(fs.readFileSync("/etc/os-release", "utf8"))?.[1] ?? "Linux") : os.platform();
  return `Measured on the development machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? "?"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${release}`;
}

function main() {
  const scratch = scratchDir();
  const names = option("corpus")?.split(",").map((s) => s.trim()) ?? CORPORA.map((c) => c.name);
  const unknown = names.filter((n) => !CORPORA.some((c) => c.name === n));
  if (unknown.length) throw new Error(`unknown corpus ${unknown.join(", ")} (known: ${CORPORA.map((c) => c.name).join(", ")})`);
  const selected = CORPORA.filter((c) => names.includes(c.name));
  log(`scratch: ${scratch}`);
  const jscpdBins = Object.fromEntries(Object.values(JSCPD_VERSIONS).map((v) => [v, installJscpd(v, scratch)]));
  if (flag("install-only")) {
    for (const c of selected) {
      const r = installCorpus(c, scratch);
      log(`${c.name}: ${r.files} files, ${r.lines} lines in ${r.dir}`);
    }
    return;
  }
  const resultsDir = path.join(scratch, "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  let results: CorpusResult[] = [];
  let date = new Date().toISOString().slice(0, 10);
  let runs = RUNS;
  let command = `npm run bench:patterns${argv.filter((a) => a !== "--write").length ? ` -- ${argv.filter((a) => a !== "--write").join(" ")}` : ""}`;
  if (flag("from-results")) {
    // The latest figures of each selected corpus (results/<corpus>.json, from whichever run measured
    // it last), printed and with --write written, without measuring again.
    const saved = selected
      .map((c) => path.join(resultsDir, `${c.name}.json`))
      .filter((f) => fs.existsSync(f))
      .map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as SavedResult);
    if (saved.length === 0) throw new Error(`no results in ${resultsDir}: run the bench first`);
    results = saved.map((x) => x.result);
    date = saved.map((x) => x.date).sort().at(-1)!;
    runs = Math.min(...saved.map((x) => x.runs));
    const commands = [...new Set(saved.map((x) => x.command))];
    command = commands.length === 1 ? commands[0]! : "npm run bench:patterns (corpora measured by separate runs)";
  } else {
    // The command line bundles itself on its first start after a change to its sources (bin/metaforge.mjs):
    // done here once, as on a user's first run, so that the timed runs are the ones users make after it.
    spawnSync(ENGINE_BIN, ["--help"], { cwd: REPO, stdio: "ignore" });
    for (const corpus of selected) {
      const result = benchCorpus(corpus, scratch, jscpdBins);
      results.push(result);
      const saved: SavedResult = { date: new Date().toISOString().slice(0, 10), runs: RUNS, command, machine: machine(), result };
      fs.writeFileSync(path.join(resultsDir, `${corpus.name}.json`), JSON.stringify(saved, null, 2));
    }
  }

  console.log(`\n${mainTable(results)}\n\n${jscpdTable(results)}\n${loadNote(results).join("\n")}`);
  const control = results.find((r) => r.mutants);
  if (control?.mutants) console.log(`\nInjected copies (${control.corpus}): engine ${JSON.stringify(control.mutants.engineFound)}, jscpd v5 renamed ${JSON.stringify(control.mutants.jscpdFound)}`);
  const p = problems(results);
  if (p.length) console.log(`\nProblems:\n${p.join("\n")}`);
  console.log(`\nFull results: ${resultsDir}/`);

  if (flag("write")) {
    const file = path.join(REPO, "bench", "RESULTS.md");
    const text = section(results, { date, machine: machine(), runs, command });
    fs.writeFileSync(file, replaceSection(fs.readFileSync(file, "utf8"), SECTION, text));
    console.log(`wrote the "${SECTION}" section of ${file}`);
  }
}

main();
