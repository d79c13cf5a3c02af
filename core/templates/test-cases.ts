import { diffFiles, type FileDiff, type FileEntry, type FilesDiff } from "../generate/diff";
import { formatFiles, type Formatter, type FormatWarning } from "../generate/format";
import { generate } from "../generate/generator";
import type { MetaModel } from "../metamodel/schema";
import { checkModel, type ModelProblem } from "../model/conformance";
import { fromModelDocument, toModelDocument } from "../model/document";
import type { Model } from "../model/schema";
import { compileTemplate, type CompiledTemplate } from "./engine";
import { describeProblem, type TemplateProblem } from "./errors";
import type { Template } from "./schema";
import { newTestCaseId, testCaseSchema, type ExpectedFile, type FixtureModel, type TemplateTestCase } from "./test-cases-schema";

export * from "./test-cases-schema";

/**
 * Running a template's test cases: each case's fixture model is read against the meta-model, checked
 * for conformance, generated from with the template, formatted like a generation run formats (when a
 * formatter is given: the server, the CLI and the built-ins' unit test all pass oxfmt), and compared
 * file by file, byte for byte, with the expected files.
 *
 * The same runner serves the template page (through `template.runTests`), `npm test` (the built-ins'
 * cases) and `scripts/template-test.ts` (a team's own CI).
 */

export type FileStatus = "same" | "changed" | "missing" | "unexpected";

export interface TestFileResult {
  path: string;
  /** same: identical; changed: both exist and differ; missing: expected, not generated; unexpected: generated, not expected. */
  status: FileStatus;
}

export interface TestCaseResult {
  id: string;
  name: string;
  passed: boolean;
  /** Every path expected or generated, sorted, with its status. */
  files: TestFileResult[];
  /** Expected (old) → generated (new), for the diff view: "removed" is missing, "added" unexpected. */
  diff: FilesDiff;
  /** The fixture model could not be read against the meta-model (a renamed class, an unknown feature). */
  modelError: string | null;
  /** Conformance errors of the fixture model (a case with any fails without generating). */
  modelProblems: ModelProblem[];
  /** Template problems (compile and render), located as the engine reports them. */
  problems: TemplateProblem[];
  /** Files that could not be formatted (kept as rendered, like a generation run). */
  warnings: FormatWarning[];
  /** What the template generates now, when the case fails (to accept it as the new expectation). */
  actual: ExpectedFile[] | null;
  ms: number;
}

export interface TestRunResult {
  cases: TestCaseResult[];
  passed: number;
  failed: number;
  ms: number;
}

export interface RunTestsOptions {
  /** Formats generated files as a generation run does (server/generation/formatter.ts); none: raw output. */
  formatter?: Formatter;
  /** Lines of context around changes in the diffs (default 3). */
  context?: number;
}

const entries = (files: Array<{ path: string; content: string }>): FileEntry[] => files.map(({ path, content }) => ({ path, content }));

const STATUS: Record<FileDiff["status"], FileStatus> = { added: "unexpected", removed: "missing", changed: "changed" };

/** The per-path statuses of expected vs generated files (all paths, sorted). */
export function compareFiles(expected: FileEntry[], actual: FileEntry[], context = 3): { files: TestFileResult[]; diff: FilesDiff } {
  const diff = diffFiles(expected, actual, { context });
  const status = new Map(diff.files.map((f) => [f.path, STATUS[f.status]]));
  const paths = [...new Set([...expected.map((f) => f.path), ...actual.map((f) => f.path)])].sort();
  return { files: paths.map((path) => ({ path, status: status.get(path) ?? "same" })), diff };
}

/** Reads a fixture model against the meta-model: the model, or why it cannot be read. */
export function readFixture(metamodel: MetaModel, fixture: FixtureModel): { ok: true; model: Model } | { ok: false; error: string } {
  const read = fromModelDocument(metamodel, fixture);
  return read.ok ? read : { ok: false, error: read.error.replace(/^Not a Metaforge model document: /, "The fixture model does not fit the meta-model: ") };
}

/**
 * Generates from `model`, formatted when a formatter is given, as a generation run does it: outputs of
 * template files that turn formatting off (`format: false`) stay exactly as rendered.
 */
async function render(compiled: CompiledTemplate, metamodel: MetaModel, model: Model, formatter: Formatter | undefined) {
  const result = generate(compiled, metamodel, model);
  if (!formatter) return { files: result.files, warnings: [], problems: result.problems };
  const asRendered = new Set(compiled.template.files.filter((f) => f.format === false).map((f) => f.id));
  const formatted = await formatFiles(result.files.filter((f) => !asRendered.has(f.fileId)), formatter);
  const byPath = new Map(formatted.files.map((f) => [f.path, f]));
  return { files: result.files.map((raw) => byPath.get(raw.path) ?? raw), warnings: formatted.warnings, problems: result.problems };
}

/** Problems for one place are reported once (a per-object file repeats them per object). */
function dedupe(problems: TemplateProblem[]): TemplateProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.fileId, p.part, p.line, p.column, p.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function runCase(compiled: CompiledTemplate, metamodel: MetaModel, test: TemplateTestCase, options: RunTestsOptions): Promise<TestCaseResult> {
  const started = performance.now();
  const base = { id: test.id, name: test.name, modelProblems: [], problems: [], warnings: [], actual: null, modelError: null };
  const unrun = (extra: Partial<TestCaseResult>): TestCaseResult => {
    const { files, diff } = compareFiles(test.expected, [], options.context);
    // Nothing was generated: every expected file is reported missing, but no line diff is shown.
    return { ...base, ...extra, passed: false, files, diff: { files: [], unchanged: diff.unchanged }, ms: performance.now() - started };
  };
  const read = readFixture(metamodel, test.model);
  if (!read.ok) return unrun({ modelError: read.error });
  const errors = checkModel(metamodel, read.model).filter((p) => p.severity === "error");
  if (errors.length) return unrun({ modelProblems: errors });

  const out = await render(compiled, metamodel, read.model, options.formatter);
  const actual = entries(out.files);
  const compared = compareFiles(test.expected, actual, options.context);
  const problems = dedupe(out.problems);
  const files = compared.files;
  // A template problem leaves outputs unwritten: those show as missing, without a diff of every line.
  const diff = problems.length ? { ...compared.diff, files: compared.diff.files.filter((f) => f.status !== "removed") } : compared.diff;
  const passed = problems.length === 0 && files.every((f) => f.status === "same");
  return { ...base, passed, files, diff, problems, warnings: out.warnings, actual: passed ? null : actual, ms: performance.now() - started };
}

/**
 * Runs `cases` (by default the template's own) against `template` on `metamodel`. A case passes when
 * its fixture model conforms, the template renders without problems, and every generated file equals
 * its expected file (none missing, none unexpected).
 */
export async function runTemplateTests(metamodel: MetaModel, template: Template, cases: TemplateTestCase[] = template.tests, options: RunTestsOptions = {}): Promise<TestRunResult> {
  const started = performance.now();
  const compiled = compileTemplate(template);
  const results: TestCaseResult[] = [];
  // One after the other: a case can take seconds on a large model, and the formatter is shared.
  for (const test of cases) results.push(await runCase(compiled, metamodel, test, options));
  const passed = results.filter((r) => r.passed).length;
  return { cases: results, passed, failed: results.length - passed, ms: performance.now() - started };
}

/**
 * A new test case from a model: its current state as the fixture, and what the template generates
 * from it now as the expected files (for the user to review). Refused (with the reason) when the model
 * does not conform or the template has problems: an expectation recorded from broken output would
 * only pin the bug.
 */
export async function testCaseFromModel(
  metamodel: MetaModel,
  template: Template,
  model: Model,
  options: { name?: string; formatter?: Formatter } = {},
): Promise<{ ok: true; test: TemplateTestCase } | { ok: false; reason: "model" | "template"; error: string }> {
  const errors = checkModel(metamodel, model).filter((p) => p.severity === "error");
  if (errors.length) return { ok: false, reason: "model", error: `The model has ${errors.length} conformance ${errors.length === 1 ? "problem" : "problems"} (first: ${errors[0]!.message}). Fix the model first.` };
  const out = await render(compileTemplate(template), metamodel, model, options.formatter);
  const problems = dedupe(out.problems);
  if (problems.length) {
    const label = (id: string | null) => template.files.find((f) => f.id === id)?.path ?? "a partial";
    return { ok: false, reason: "template", error: `Fix the template first: ${problems.slice(0, 2).map((p) => describeProblem(p, label(p.fileId))).join("; ")}` };
  }
  const parsed = testCaseSchema.safeParse({
    id: newTestCaseId(),
    name: (options.name ?? model.name).trim().slice(0, 120) || "Untitled case",
    model: toModelDocument(metamodel, model),
    expected: entries(out.files),
  });
  if (!parsed.success) return { ok: false, reason: "model", error: `This model cannot be a test case: ${parsed.error.issues[0]!.message}` };
  return { ok: true, test: parsed.data };
}

/** A plain-text report of a run (the CLI's output): one line per case, the reasons under failing ones. */
export function formatTestReport(template: Template, run: TestRunResult): string {
  const label = (id: string | null) => template.files.find((f) => f.id === id)?.path ?? "a deleted file";
  const lines: string[] = [];
  for (const c of run.cases) {
    lines.push(`${c.passed ? "✓" : "✗"} ${c.name}`);
    if (c.passed) continue;
    if (c.modelError) lines.push(`    ${c.modelError}`);
    for (const p of c.modelProblems) lines.push(`    model: ${p.message} ${p.fix}`);
    for (const p of c.problems) lines.push(`    ${describeProblem(p, label(p.fileId))}`);
    for (const f of c.files) if (f.status !== "same") lines.push(`    ${f.status.padEnd(10)} ${f.path}`);
    for (const w of c.warnings) lines.push(`    ${w.path}: ${w.message}`);
    for (const f of c.diff.files) {
      if (f.status !== "changed") continue;
      lines.push(`    --- expected/${f.path}`, `    +++ generated/${f.path}`);
      for (const h of f.hunks) {
        lines.push(`    @@ -${h.oldStart} +${h.newStart} @@`);
        for (const l of h.lines) lines.push(`    ${l.kind === "added" ? "+" : l.kind === "removed" ? "-" : " "}${l.text}`);
      }
    }
  }
  const total = run.cases.length;
  lines.push("", total === 0 ? "No test cases." : `${run.passed} of ${total} ${total === 1 ? "case" : "cases"} passed${run.failed ? `, ${run.failed} failed` : ""} (${Math.round(run.ms)} ms).`);
  return `${lines.join("\n")}\n`;
}

/**
 * Test cases with what the template generates from their fixtures now as the expected files: for a
 * template created from a built-in (its cases on the new template's meta-model) and for
 * `npm run templates:accept`. A case whose fixture does not read or conform, or that renders with
 * problems, is left out (recording broken output would only pin the bug).
 */
export async function withCurrentOutput(
  metamodel: MetaModel,
  template: Template,
  cases: Array<Omit<TemplateTestCase, "expected">>,
  options: { formatter?: Formatter } = {},
): Promise<{ tests: TemplateTestCase[]; skipped: Array<{ id: string; name: string; reason: string }> }> {
  const compiled = compileTemplate(template);
  const tests: TemplateTestCase[] = [];
  const skipped: Array<{ id: string; name: string; reason: string }> = [];
  for (const c of cases) {
    const read = readFixture(metamodel, c.model);
    const errors = read.ok ? checkModel(metamodel, read.model).filter((p) => p.severity === "error") : [];
    if (!read.ok || errors.length) {
      skipped.push({ id: c.id, name: c.name, reason: read.ok ? errors[0]!.message : read.error });
      continue;
    }
    const out = await render(compiled, metamodel, read.model, options.formatter);
    if (out.problems.length) {
      skipped.push({ id: c.id, name: c.name, reason: out.problems[0]!.message });
      continue;
    }
    tests.push({ ...c, expected: entries(out.files) });
  }
  return { tests, skipped };
}
