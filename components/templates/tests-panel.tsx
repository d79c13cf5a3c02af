"use client";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { useMutation } from "@tanstack/react-query";
import {
  AlertTriangleIcon,
  BoxesIcon,
  CheckCircle2Icon,
  ChevronDownIcon,
  ChevronRightIcon,
  CircleDashedIcon,
  CircleIcon,
  Columns2Icon,
  DownloadIcon,
  FlaskConicalIcon,
  MoreHorizontalIcon,
  PencilIcon,
  PlayIcon,
  PlusIcon,
  RotateCcwIcon,
  Trash2Icon,
  XCircleIcon,
} from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { toast } from "sonner";
import type { TemplateEditor } from "@/core/collab/template-doc";
import type { MetaModel } from "@/core/metamodel/schema";
import type { TemplateProblem } from "@/core/templates/errors";
import type { Template } from "@/core/templates/schema";
import { exportTemplateFile } from "@/core/templates/test-cases-file";
import type { TemplateTestCase } from "@/core/templates/test-cases-schema";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Kbd } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { cn } from "@/lib/utils";
import { DiffView } from "./diff-view";

/**
 * The template's test cases: each a fixture model and the files the template must generate from it.
 * Run on the server (formatted like a generation run) against the draft as last synced; a failing case
 * opens on its reasons (the fixture does not fit, the template has problems, the files differ, with
 * the diff) and can accept the current output as its new expectation (an undoable draft edit).
 */

type RunResult = RouterOutputs["template"]["runTests"];
type CaseResult = RunResult["cases"][number];
type ModelRow = RouterOutputs["model"]["list"][number];

/** Shown in the shortcut list and on the Run button. Ctrl/⌘+Shift+T is the browser's (reopen a tab). */
export const RUN_TESTS_KEYS = "mod+shift+e";

/** A result and what it was computed from: it is outdated once any of these changed. */
interface Held {
  result: CaseResult;
  files: Template["files"];
  partials: Template["partials"];
  metamodel: MetaModel;
  model: TemplateTestCase["model"];
  expected: TemplateTestCase["expected"];
}

export type CaseStatus = "passed" | "failed" | "outdated" | "not-run" | "running";

/**
 * Waits (a few seconds at most) until the collab-server has acknowledged, so stored, everything typed
 * here; false when some edits are still not stored (offline).
 */
async function settled(provider: HocuspocusProvider | null, ms = 5000): Promise<boolean> {
  const until = Date.now() + ms;
  while (provider?.hasUnsyncedChanges && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return !provider?.hasUnsyncedChanges;
}

/** Runs the draft's cases and keeps their latest results (with what each was computed from). */
export function useTestRunner({ templateId, template, metamodel, provider }: { templateId: string; template: Template; metamodel: MetaModel; provider: HocuspocusProvider | null }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const runTests = useMutation(trpc.template.runTests.mutationOptions());
  const [held, setHeld] = useState<Map<string, Held>>(new Map());
  const [running, setRunning] = useState<Set<string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<{ ms: number; passed: number; failed: number } | null>(null);
  const latest = useRef({ template, metamodel });
  useEffect(() => {
    latest.current = { template, metamodel };
  });

  const run = useCallback(
    async (caseIds?: string[]) => {
      const ids = caseIds ?? latest.current.template.tests.map((t) => t.id);
      if (ids.length === 0) return;
      setRunning(new Set(ids));
      setError(null);
      try {
        if (!(await settled(provider))) {
          toast.warning("Some of your edits are not saved yet (offline?): the run uses the draft as last saved.");
        }
        // A case added a moment ago reaches the live read within a frame or two.
        const until = Date.now() + 1000;
        while (caseIds && !caseIds.every((id) => latest.current.template.tests.some((x) => x.id === id)) && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 25));
        }
        // What the server reads now: the draft as synced, which is this tab's draft.
        const { template: t, metamodel: mm } = latest.current;
        const result = await runTests.mutateAsync({ workspaceId: workspace.id, templateId, version: "draft", caseIds });
        setHeld((prev) => {
          const next = new Map(prev);
          for (const r of result.cases) {
            const c = t.tests.find((x) => x.id === r.id) ?? latest.current.template.tests.find((x) => x.id === r.id);
            if (c) next.set(r.id, { result: r, files: t.files, partials: t.partials, metamodel: mm, model: c.model, expected: c.expected });
          }
          return next;
        });
        if (!caseIds) setLast({ ms: result.ms, passed: result.passed, failed: result.failed });
        return result;
      } catch (e) {
        setError(toUiError(e).message);
      } finally {
        setRunning(null);
      }
    },
    [provider, runTests, templateId, workspace.id],
  );

  const statusOf = useCallback(
    (c: TemplateTestCase): CaseStatus => {
      if (running?.has(c.id)) return "running";
      const h = held.get(c.id);
      if (!h) return "not-run";
      const fresh = h.files === template.files && h.partials === template.partials && h.metamodel === metamodel && h.model === c.model && h.expected === c.expected;
      if (!fresh) return "outdated";
      return h.result.passed ? "passed" : "failed";
    },
    [held, running, template.files, template.partials, metamodel],
  );

  const summary = useMemo(() => {
    const counts = { passed: 0, failed: 0, outdated: 0, "not-run": 0, running: 0 } as Record<CaseStatus, number>;
    for (const c of template.tests) counts[statusOf(c)]++;
    return counts;
  }, [template.tests, statusOf]);

  return { run, running: running !== null, runningIds: running, results: held, error, last, statusOf, summary };
}

export type TestRunner = ReturnType<typeof useTestRunner>;

// --- small pieces ----------------------------------------------------------------------------------

export function StatusIcon({ status, className }: { status: CaseStatus; className?: string }) {
  const base = cn("size-4 shrink-0", className);
  if (status === "running") return <Spinner className={cn(base, "text-muted-foreground")} />;
  if (status === "passed") return <CheckCircle2Icon className={cn(base, "text-success")} aria-label="Passed" />;
  if (status === "failed") return <XCircleIcon className={cn(base, "text-danger")} aria-label="Failed" />;
  if (status === "outdated") return <CircleDashedIcon className={cn(base, "text-warning")} aria-label="Outdated" />;
  return <CircleIcon className={cn(base, "text-muted-foreground/50")} aria-label="Not run" />;
}

const STATUS_TEXT: Record<CaseStatus, string> = {
  passed: "Passed",
  failed: "Failed",
  outdated: "Changed since the last run",
  "not-run": "Not run yet",
  running: "Running",
};

/** The Preview | Tests switch above the right panel, with the tests' state at a glance. */
export function SideTabs({ tab, onTab, count, summary }: { tab: "preview" | "tests"; onTab(t: "preview" | "tests"): void; count: number; summary: Record<CaseStatus, number> }) {
  const dot = summary.running ? "running" : summary.failed ? "failed" : summary.outdated ? "outdated" : summary.passed && summary.passed === count ? "passed" : null;
  return (
    <div role="tablist" aria-label="Right panel" className="flex shrink-0 items-center gap-1 border-b px-2 pt-1.5">
      {(["preview", "tests"] as const).map((t) => (
        <button
          key={t}
          type="button"
          role="tab"
          aria-selected={tab === t}
          onClick={() => onTab(t)}
          className={cn(
            "-mb-px flex items-center gap-1.5 border-b-2 border-transparent px-2.5 pb-1.5 pt-1 text-[12.5px] font-medium text-muted-foreground hover:text-foreground",
            tab === t && "border-accent text-foreground",
          )}
        >
          {t === "preview" ? "Preview" : "Tests"}
          {t === "tests" && count > 0 ? (
            <span className="flex items-center gap-1 rounded-full bg-surface-muted px-1.5 text-[11px] tabular-nums text-muted-foreground">
              {dot ? <StatusIcon status={dot} className="size-3" /> : null}
              {count}
            </span>
          ) : null}
        </button>
      ))}
    </div>
  );
}

function RenameInput({ initial, onCommit, onCancel }: { initial: string; onCommit(v: string): void; onCancel(): void }) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit && value.trim() && value.trim() !== initial) onCommit(value.trim());
    else onCancel();
  };
  return (
    <input
      autoFocus
      aria-label="Test case name"
      value={value}
      maxLength={120}
      onChange={(e) => setValue(e.target.value)}
      onFocus={(e) => e.target.select()}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        if (e.key === "Enter") finish(true);
        if (e.key === "Escape") finish(false);
        e.stopPropagation();
      }}
      className="h-6 min-w-0 flex-1 rounded border bg-surface px-1.5 text-[13px] outline-none focus:ring-2 focus:ring-accent/40"
    />
  );
}

const FILE_STATUS = {
  same: { label: "same", className: "text-muted-foreground" },
  changed: { label: "changed", className: "text-accent" },
  missing: { label: "missing", className: "text-danger" },
  unexpected: { label: "unexpected", className: "text-warning" },
} as const;

/** The files a case expects, each readable in place (to review a case just saved from a model). */
function ExpectedFiles({ test }: { test: TemplateTestCase }) {
  const [shown, setShown] = useState<string | null>(null);
  const file = test.expected.find((f) => f.path === shown);
  return (
    <details className="group/expected">
      <summary className="cursor-pointer select-none text-muted-foreground hover:text-foreground">
        Expects {test.expected.length} {test.expected.length === 1 ? "file" : "files"} from the model “{test.model.name}” ({test.model.objects.length} {test.model.objects.length === 1 ? "object" : "objects"})
      </summary>
      <ul aria-label="Expected files" className="mt-1.5 grid gap-0.5">
        {test.expected.map((f) => (
          <li key={f.path}>
            <button
              type="button"
              aria-expanded={shown === f.path}
              onClick={() => setShown((s) => (s === f.path ? null : f.path))}
              className={cn("w-full truncate rounded px-1.5 py-0.5 text-left font-mono text-[11.5px] hover:bg-surface-muted", shown === f.path && "bg-accent-soft")}
              title={f.path}
            >
              {f.path}
            </button>
          </li>
        ))}
      </ul>
      {file ? (
        <pre aria-label={`Expected content of ${file.path}`} className="mt-1.5 max-h-72 overflow-auto rounded-md border bg-surface p-2 font-mono text-[11.5px] leading-[1.15rem]">
          {file.content || "(empty file)"}
        </pre>
      ) : null}
    </details>
  );
}

/** Why a case failed: the fixture, the template's problems, the files; the diff; accept. */
function CaseDetails({
  test,
  held,
  status,
  readOnly,
  describeProblem,
  onJump,
  onAccept,
  onSideBySide,
}: {
  test: TemplateTestCase;
  held: Held | undefined;
  status: CaseStatus;
  readOnly: boolean;
  describeProblem(p: TemplateProblem): string;
  onJump(p: TemplateProblem): void;
  onAccept(): void;
  onSideBySide(): void;
}) {
  const r = held?.result;
  if (!r) {
    return (
      <div className="grid gap-1.5 px-3 pb-3 pl-9 text-[12px]" data-testid="test-case-details">
        <p className="text-muted-foreground">Not run yet: run it to compare.</p>
        <ExpectedFiles test={test} />
      </div>
    );
  }
  const changedFiles = r.files.filter((f) => f.status !== "same");
  const canAccept = !readOnly && !r.passed && r.actual !== null && r.problems.length === 0 && status === "failed";
  return (
    <div className="grid gap-2.5 px-3 pb-3 pl-9 text-[12px]" data-testid="test-case-details">
      {status === "outdated" ? (
        <p className="flex items-center gap-1.5 text-muted-foreground">
          <CircleDashedIcon className="size-3.5 text-warning" aria-hidden="true" /> The template or the case changed since this result: run it again.
        </p>
      ) : null}
      {r.modelError ? (
        <p role="alert" className="rounded-md bg-danger-soft px-2.5 py-1.5 text-danger">
          {r.modelError} Save the case again from a model, or fix the meta-model.
        </p>
      ) : null}
      {r.modelProblems.length ? (
        <div role="alert" className="rounded-md bg-danger-soft px-2.5 py-1.5">
          <p className="font-medium text-danger">The fixture model does not conform to the meta-model:</p>
          <ul className="mt-1 list-disc pl-4">
            {r.modelProblems.slice(0, 5).map((p, i) => (
              <li key={i}>
                {p.message} <span className="text-muted-foreground">{p.fix}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {r.problems.length ? (
        <ul aria-label="Template problems" className="overflow-hidden rounded-md border border-danger/30">
          {r.problems.map((p, i) => (
            <li key={i}>
              <button type="button" onClick={() => onJump(p)} title="Show in the editor" className="flex w-full gap-2 bg-danger-soft/40 px-2.5 py-1.5 text-left hover:bg-danger-soft/70">
                <AlertTriangleIcon className="mt-0.5 size-3.5 shrink-0 text-danger" aria-hidden="true" />
                <span className="min-w-0">
                  <span className="font-mono text-[11.5px] font-medium">{describeProblem(p)}</span>
                  <span className="block">{p.message}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {r.warnings.length ? (
        <ul className="text-muted-foreground">
          {r.warnings.map((w) => (
            <li key={w.path}>
              <span className="font-mono">{w.path}</span>: {w.message}
            </li>
          ))}
        </ul>
      ) : null}
      {changedFiles.length ? (
        <ul aria-label="Files that differ" className="grid gap-0.5">
          {changedFiles.map((f) => (
            <li key={f.path} className="flex items-center gap-2">
              <span className={cn("w-20 shrink-0 text-[11px] font-medium uppercase tracking-wide", FILE_STATUS[f.status].className)}>{FILE_STATUS[f.status].label}</span>
              <span className="min-w-0 truncate font-mono text-[11.5px]" title={f.path}>
                {f.path}
              </span>
            </li>
          ))}
        </ul>
      ) : r.passed ? (
        <p className="text-muted-foreground">
          {r.files.length === 1 ? "The generated file matches" : `All ${r.files.length} files match`} the expected output, byte for byte.
        </p>
      ) : null}
      {!r.passed && (r.diff.files.length || canAccept) ? (
        <div className="flex flex-wrap items-center gap-2">
          {canAccept ? (
            <Button size="sm" onClick={onAccept} title="Replace the expected files with what the template generates now">
              <RotateCcwIcon /> Accept current output
            </Button>
          ) : null}
          {r.diff.files.length ? (
            <Button size="sm" variant="secondary" onClick={onSideBySide}>
              <Columns2Icon /> Side by side
            </Button>
          ) : null}
        </div>
      ) : null}
      {!r.passed && r.diff.files.length ? (
        <div className="max-h-[28rem] overflow-auto rounded-md">
          <DiffView diff={r.diff} emptyText="No line differences." />
        </div>
      ) : null}
      <ExpectedFiles test={test} />
    </div>
  );
}

// --- the panel -------------------------------------------------------------------------------------

export function TestsPanel({
  templateId,
  template,
  metamodel,
  editor,
  undo,
  runner,
  models,
  readOnly,
  projectHref,
  metamodelName,
  onJump,
}: {
  templateId: string;
  template: Template;
  metamodel: MetaModel;
  editor: TemplateEditor;
  undo: { undo(): void } | null;
  runner: TestRunner;
  models: ModelRow[] | undefined;
  readOnly: boolean;
  projectHref: string;
  metamodelName: string;
  onJump(p: TemplateProblem): void;
}) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const fromModel = useMutation(trpc.template.testCaseFromModel.mutationOptions());
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [renaming, setRenaming] = useState<string | null>(null);
  const [sideBySide, setSideBySide] = useState<string | null>(null);
  const tests = template.tests;
  const { run, statusOf, summary } = runner;

  // Opening the panel runs the cases once, so it shows where things stand.
  const ranOnce = useRef(false);
  useEffect(() => {
    if (ranOnce.current || tests.length === 0 || runner.results.size > 0) return;
    ranOnce.current = true;
    void run();
  }, [tests.length, run, runner.results.size]);

  const runAll = async () => {
    const result = await run();
    // Open what failed, so the reason is one glance away.
    if (result?.failed) setOpen(new Set(result.cases.filter((c) => !c.passed).map((c) => c.id)));
  };

  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const addFromModel = async (m: ModelRow) => {
    try {
      const made = await fromModel.mutateAsync({ workspaceId: workspace.id, templateId, modelId: m.id });
      const name = uniqueName(made.name, tests);
      const id = editor.addTest({ name, model: made.model, expected: made.expected });
      toast.success(`Added the test case “${name}”`, {
        description: `It expects the ${made.expected.length} ${made.expected.length === 1 ? "file" : "files"} the template generates now. Review them.`,
        action: { label: "Undo", onClick: () => undo?.undo() },
      });
      setOpen((prev) => new Set(prev).add(id));
      void run([id]);
    } catch (error) {
      toast.error(toUiError(error).message);
    }
  };

  const accept = async (test: TemplateTestCase) => {
    const actual = runner.results.get(test.id)?.result.actual;
    if (!actual) return;
    try {
      editor.setTestExpected(test.id, actual);
      toast.success(`“${test.name}” now expects the current output`, { action: { label: "Undo", onClick: () => undo?.undo() } });
      await run([test.id]);
    } catch (error) {
      toast.error(toUiError(error).message);
    }
  };

  const remove = (test: TemplateTestCase) => {
    editor.deleteTest(test.id);
    toast.success(`Deleted the test case “${test.name}”`, { action: { label: "Undo", onClick: () => undo?.undo() } });
  };

  const download = () => {
    const blob = new Blob([exportTemplateFile(template, metamodel)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `${template.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "template"}.template.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const describeProblem = (p: TemplateProblem) => {
    const where = typeof p.part === "object" ? `partial "${p.part.partial}"` : `${template.files.find((f) => f.id === p.fileId)?.path ?? "a deleted file"}${p.part === "path" ? " (path)" : ""}`;
    return `${where}:${p.line}:${p.column}`;
  };

  const addMenu = (trigger: ReactNode) => (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel>Save a model as a test case</DropdownMenuLabel>
        {models === undefined ? (
          <DropdownMenuItem disabled>Loading models…</DropdownMenuItem>
        ) : models.length === 0 ? (
          <DropdownMenuItem asChild>
            <Link href={projectHref}>No model of {metamodelName} yet: create one</Link>
          </DropdownMenuItem>
        ) : (
          models.map((m) => (
            <DropdownMenuItem key={m.id} onSelect={() => void addFromModel(m)}>
              <BoxesIcon />
              <span className="min-w-0 flex-1 truncate">{m.name}</span>
              <span className="text-xs text-muted-foreground tabular-nums">{m.objectCount} objects</span>
            </DropdownMenuItem>
          ))
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );

  const sideCase = sideBySide ? runner.results.get(sideBySide)?.result : undefined;

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="tests-panel">
      <div className="grid gap-2 border-b px-3 py-2.5">
        <div className="flex items-center gap-2">
          <h2 className="sr-only">Tests</h2>
          <span className="min-w-0 flex-1 truncate text-[12px] text-muted-foreground tabular-nums" data-testid="tests-summary" aria-live="polite">
            {runner.running
              ? `Running ${runner.runningIds?.size ?? 0} ${runner.runningIds?.size === 1 ? "case" : "cases"}…`
              : tests.length === 0
                ? ""
                : [
                    summary.passed ? `${summary.passed} passed` : null,
                    summary.failed ? `${summary.failed} failed` : null,
                    summary.outdated ? `${summary.outdated} outdated` : null,
                    summary["not-run"] ? `${summary["not-run"]} not run` : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
          </span>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon" className="size-7" aria-label="More test actions">
                <MoreHorizontalIcon />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end" className="w-72">
              <DropdownMenuItem onSelect={download}>
                <DownloadIcon />
                <span>
                  Download for CI
                  <span className="block text-xs text-muted-foreground">The template, its meta-model and its cases, for scripts/template-test.ts</span>
                </span>
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
        {tests.length ? (
          <div className="flex items-center gap-2">
            <Button size="sm" onClick={() => void runAll()} loading={runner.running} disabled={runner.running} className="flex-1" title="Run every case against the draft">
              {runner.running ? null : <PlayIcon />} {runner.running ? "Running…" : "Run all"}
              <span className="ml-1 flex gap-0.5 opacity-80">
                <Kbd className="h-4 border-white/30 bg-white/15 px-0.5 text-[10px] text-accent-foreground">Ctrl/⌘</Kbd>
                <Kbd className="h-4 border-white/30 bg-white/15 px-0.5 text-[10px] text-accent-foreground">⇧</Kbd>
                <Kbd className="h-4 border-white/30 bg-white/15 px-0.5 text-[10px] text-accent-foreground">E</Kbd>
              </span>
            </Button>
            {readOnly
              ? null
              : addMenu(
                  <Button size="sm" variant="secondary" loading={fromModel.isPending}>
                    {fromModel.isPending ? null : <PlusIcon />} Add from a model
                  </Button>,
                )}
          </div>
        ) : null}
        {runner.running ? <div className="h-0.5 animate-pulse rounded bg-accent/60" aria-hidden="true" /> : null}
        {runner.error ? (
          <p role="alert" className="rounded-md bg-danger-soft px-2.5 py-1.5 text-[12px] text-danger">
            The run failed: {runner.error} Try again.
          </p>
        ) : null}
      </div>

      {tests.length === 0 ? (
        <div className="m-3 flex flex-col items-center rounded-lg border border-dashed px-4 py-8 text-center" data-testid="tests-empty">
          <div className="mb-3 flex size-10 items-center justify-center rounded-xl bg-accent-soft text-accent">
            <FlaskConicalIcon className="size-5" aria-hidden="true" />
          </div>
          <p className="text-sm font-medium">No test cases yet</p>
          <p className="mt-1 text-[12px] text-muted-foreground">
            A test case is a model and the files this template must generate from it, byte for byte. Run the cases after each change: a red one shows exactly which lines moved.
          </p>
          {readOnly ? null : (
            <div className="mt-3">
              {addMenu(
                <Button size="sm" loading={fromModel.isPending}>
                  {fromModel.isPending ? null : <PlusIcon />} Add from a model
                </Button>,
              )}
            </div>
          )}
        </div>
      ) : (
        <ul aria-label="Test cases" className="min-h-0 flex-1 overflow-y-auto">
          {tests.map((test) => {
            const status = statusOf(test);
            const expanded = open.has(test.id);
            const held = runner.results.get(test.id);
            return (
              <li key={test.id} className="border-b" data-status={status} aria-label={`${test.name}: ${STATUS_TEXT[status]}`}>
                <div className="group flex items-center gap-1.5 px-2 py-1.5 hover:bg-surface-muted/60">
                  <button type="button" onClick={() => toggle(test.id)} aria-expanded={expanded} aria-label={`${expanded ? "Collapse" : "Expand"} ${test.name}`} className="rounded p-0.5 text-muted-foreground hover:bg-surface-muted">
                    {expanded ? <ChevronDownIcon className="size-3.5" /> : <ChevronRightIcon className="size-3.5" />}
                  </button>
                  <StatusIcon status={status} />
                  {renaming === test.id ? (
                    <RenameInput
                      initial={test.name}
                      onCancel={() => setRenaming(null)}
                      onCommit={(name) => {
                        setRenaming(null);
                        try {
                          editor.renameTest(test.id, name);
                        } catch (error) {
                          toast.error(toUiError(error).message);
                        }
                      }}
                    />
                  ) : (
                    <button
                      type="button"
                      className="min-w-0 flex-1 truncate text-left text-[13px]"
                      onClick={() => toggle(test.id)}
                      onDoubleClick={() => !readOnly && setRenaming(test.id)}
                      title={`${STATUS_TEXT[status]}. Double-click to rename.`}
                    >
                      {test.name}
                    </button>
                  )}
                  <span className="shrink-0 text-[11px] text-muted-foreground tabular-nums">
                    {held && status !== "not-run" && status !== "running" ? `${held.result.ms < 10 ? held.result.ms.toFixed(1) : Math.round(held.result.ms)} ms` : `${test.expected.length} files`}
                  </span>
                  <Button variant="ghost" size="icon" className="size-6 opacity-0 group-hover:opacity-100 focus-visible:opacity-100" aria-label={`Run ${test.name}`} onClick={() => void run([test.id])} disabled={runner.running}>
                    <PlayIcon className="size-3.5" />
                  </Button>
                  <DropdownMenu>
                    <DropdownMenuTrigger asChild>
                      <Button variant="ghost" size="icon" className="size-6" aria-label={`Actions for ${test.name}`}>
                        <MoreHorizontalIcon className="size-3.5" />
                      </Button>
                    </DropdownMenuTrigger>
                    <DropdownMenuContent align="end">
                      <DropdownMenuItem onSelect={() => void run([test.id])} disabled={runner.running}>
                        <PlayIcon /> Run
                      </DropdownMenuItem>
                      {readOnly ? null : (
                        <>
                          <DropdownMenuItem onSelect={() => setRenaming(test.id)}>
                            <PencilIcon /> Rename
                          </DropdownMenuItem>
                          <DropdownMenuItem onSelect={() => void accept(test)} disabled={status !== "failed" || !held?.result.actual || held.result.problems.length > 0}>
                            <RotateCcwIcon /> Accept current output
                          </DropdownMenuItem>
                          <DropdownMenuSeparator />
                          <DropdownMenuItem destructive onSelect={() => remove(test)}>
                            <Trash2Icon /> Delete
                          </DropdownMenuItem>
                        </>
                      )}
                    </DropdownMenuContent>
                  </DropdownMenu>
                </div>
                {expanded ? (
                  <CaseDetails
                    test={test}
                    held={held}
                    status={status}
                    readOnly={readOnly}
                    describeProblem={describeProblem}
                    onJump={onJump}
                    onAccept={() => void accept(test)}
                    onSideBySide={() => setSideBySide(test.id)}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}

      <Dialog open={sideCase !== undefined} onOpenChange={(o) => !o && setSideBySide(null)}>
        <DialogContent
          title={`Expected → generated: ${tests.find((t) => t.id === sideBySide)?.name ?? ""}`}
          description="Left: the expected files. Right: what the draft generates now."
          className="top-[6vh] max-h-[88vh] max-w-6xl overflow-y-auto"
        >
          {sideCase ? <DiffView diff={sideCase.diff} defaultLayout="split" /> : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}

/** "Shop", or "Shop 2" when a case is already named so. */
function uniqueName(name: string, tests: TemplateTestCase[]): string {
  const names = new Set(tests.map((t) => t.name));
  if (!names.has(name)) return name;
  for (let i = 2; ; i++) if (!names.has(`${name} ${i}`)) return `${name} ${i}`.slice(0, 120);
}
