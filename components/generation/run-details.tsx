"use client";
import { useQuery } from "@tanstack/react-query";
import { AlertTriangleIcon, DownloadIcon, FileWarningIcon, XCircleIcon } from "lucide-react";
import Link from "next/link";
import { Tabs } from "radix-ui";
import { useState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/misc";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { timeAgo } from "@/lib/utils";
import { ProgressBar, RunStatusBadge } from "./bits";
import { FileBrowser } from "./file-browser";
import { FilesDiffView } from "./files-diff";
import { formatBytes, formatDuration, isFinished, plural, versionLabel } from "./generation-info";
import { useRun, type Run } from "./use-generation";

const tabClass =
  "-mb-px inline-flex items-center gap-1.5 border-b-2 border-transparent px-3 py-2 text-sm text-muted-foreground hover:text-foreground data-[state=active]:border-accent data-[state=active]:font-medium data-[state=active]:text-foreground";

function TabCount({ n, tone = "neutral" }: { n: number; tone?: "neutral" | "danger" }) {
  return (
    <span aria-hidden="true" className={tone === "danger" ? "rounded-full bg-danger-soft px-1.5 text-[11px] text-danger" : "rounded-full bg-surface-muted px-1.5 text-[11px] text-muted-foreground"}>
      {n}
    </span>
  );
}

/** What changed since the previous successful run of the same template on this model. */
function RunChanges({ run, onSelectRun }: { run: Run; onSelectRun(runId: string): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const diff = useQuery(trpc.generation.diff.queryOptions({ workspaceId: workspace.id, runId: run.id }, { staleTime: Infinity }));
  if (diff.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true">
        <Skeleton className="h-5 w-1/2" />
        <Skeleton className="h-40" />
      </div>
    );
  }
  if (diff.isError) {
    return (
      <p role="alert" className="text-sm text-danger">
        {toUiError(diff.error).message}
      </p>
    );
  }
  const previous = diff.data.previous;
  return (
    <div className="grid gap-3">
      <p className="text-sm text-muted-foreground">
        {previous ? (
          <>
            Compared with the previous successful run of {run.templateName}, {versionLabel(previous.templateVersion)} from {timeAgo(new Date(previous.createdAt))}.{" "}
            <button type="button" className="font-medium text-accent hover:underline" onClick={() => onSelectRun(previous.id)}>
              Open that run
            </button>
          </>
        ) : (
          <>This is the first successful run of {run.templateName} on this model, so every file is new.</>
        )}
      </p>
      <FilesDiffView diff={diff.data.diff} emptyMessage="Nothing changed: the files are identical to the previous run." />
    </div>
  );
}

/** Template problems (located, with the way to the editor), formatting warnings and the run's error. */
function RunProblems({ run, editorHref, onOpenFile }: { run: Run; editorHref: string; onOpenFile(path: string): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  // Problems name the template's files by id: the version the run used says which path that is.
  const template = useQuery(
    trpc.template.version.queryOptions(
      { workspaceId: workspace.id, templateId: run.templateId, version: run.templateVersion },
      { enabled: run.problems.length > 0, staleTime: run.templateVersion === "draft" ? 15_000 : Infinity },
    ),
  );
  const fileLabel = (fileId: string | null) => (fileId === null ? "a partial" : (template.data?.files.find((f) => f.id === fileId)?.path ?? "a template file"));
  const partLabel = (part: Run["problems"][number]["part"]) => (typeof part === "string" ? part : `partial "${part.partial}"`);

  return (
    <div className="grid gap-5">
      {run.error && !run.problems.length ? (
        <div role="alert" className="flex gap-2 rounded-lg border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger">
          <XCircleIcon className="mt-0.5 size-4 shrink-0" />
          {run.error}
        </div>
      ) : null}
      {run.problems.length ? (
        <section aria-labelledby="run-problems-heading" className="grid gap-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 id="run-problems-heading" className="text-sm font-semibold">
              {plural(run.problems.length, "problem")} in the template
            </h3>
            <Button asChild size="sm" variant="secondary">
              <Link href={editorHref}>Fix in the template editor</Link>
            </Button>
          </div>
          <ul className="grid gap-1.5" aria-label="Problems">
            {run.problems.map((p, i) => (
              <li key={i} className="flex gap-2 rounded-lg border bg-surface px-3 py-2 text-sm">
                <XCircleIcon className="mt-0.5 size-4 shrink-0 text-danger" />
                <div className="min-w-0">
                  <p>{p.message}</p>
                  <p className="mt-0.5 font-mono text-xs text-muted-foreground">
                    {typeof p.part === "string" ? fileLabel(p.fileId) : partLabel(p.part)}
                    {typeof p.part === "string" ? ` (${p.part})` : ""}:{p.line}:{p.column}
                    {p.objectId ? ` · while rendering object ${p.objectId}` : ""}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {run.warnings.length ? (
        <section aria-labelledby="run-warnings-heading" className="grid gap-2">
          <h3 id="run-warnings-heading" className="text-sm font-semibold">
            {plural(run.warnings.length, "warning")}
          </h3>
          <p className="text-xs text-muted-foreground">These files were kept as the template wrote them, unformatted.</p>
          <ul className="grid gap-1.5" aria-label="Warnings">
            {run.warnings.map((w, i) => (
              <li key={i} className="flex gap-2 rounded-lg border bg-surface px-3 py-2 text-sm">
                <AlertTriangleIcon className="mt-0.5 size-4 shrink-0 text-warning" />
                <div className="min-w-0">
                  <button type="button" className="font-mono text-xs text-accent hover:underline" onClick={() => onOpenFile(w.path)}>
                    {w.path}
                  </button>
                  <p className="mt-0.5 text-muted-foreground">{w.message}</p>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** The selected run: its summary, Download zip, and tabs for files, changes and problems. */
export function RunDetails({
  runId,
  projectId,
  file,
  onSelectFile,
  onSelectRun,
}: {
  runId: string;
  projectId: string;
  file: string | null;
  onSelectFile(path: string): void;
  onSelectRun(runId: string): void;
}) {
  const { workspace } = useShell();
  const query = useRun(runId);
  const run = query.data;
  const hasIssues = Boolean(run && (run.problems.length || run.warnings.length || run.error));
  const [tab, setTab] = useState<string | null>(null);

  if (query.isError) {
    return (
      <p role="alert" className="rounded-lg border border-dashed px-4 py-8 text-center text-sm text-danger">
        {toUiError(query.error).message}
      </p>
    );
  }
  if (!run) {
    return (
      <div className="grid gap-3" aria-busy="true">
        <Skeleton className="h-8 w-1/2" />
        <Skeleton className="h-72" />
      </div>
    );
  }
  const finished = isFinished(run.status);
  const editorHref = `/w/${workspace.slug}/projects/${projectId}/templates/${run.templateId}`;
  const current = tab ?? (run.status === "failed" && run.problems.length ? "problems" : "files");
  const zipHref = `/api/runs/${run.id}/zip?workspaceId=${encodeURIComponent(workspace.id)}`;

  return (
    <section aria-label="Selected run" className="grid min-w-0 grid-cols-[minmax(0,1fr)] content-start gap-4" data-testid="run-details">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="flex flex-wrap items-center gap-2 text-base font-semibold">
            <span className="truncate">{run.templateName}</span>
            <span className="font-mono text-sm font-normal text-muted-foreground">{versionLabel(run.templateVersion)}</span>
            <RunStatusBadge status={run.status} />
          </h2>
          <p className="mt-1 text-xs text-muted-foreground">
            {finished ? `${plural(run.fileCount, "file")} · ${formatBytes(run.totalBytes)} · took ${formatDuration(run.durationMs)} · ` : ""}
            started {timeAgo(new Date(run.createdAt))}
            {run.createdByName ? ` by ${run.createdByName}` : ""}
          </p>
        </div>
        {finished && run.fileCount > 0 ? (
          <a href={zipHref} download className={buttonVariants({ variant: "secondary", size: "sm" })}>
            <DownloadIcon /> Download zip
          </a>
        ) : (
          <Button size="sm" variant="secondary" disabled title={finished ? "This run has no files." : "The files are ready when the run finishes."}>
            <DownloadIcon /> Download zip
          </Button>
        )}
      </div>

      {!finished ? (
        <div className="grid gap-2 rounded-lg border bg-surface px-4 py-6">
          <div className="flex items-center justify-between text-sm">
            <span>{run.status === "queued" ? "Waiting for a worker to pick up the run..." : "Generating the files..."}</span>
            {run.status === "queued" ? null : <span className="tabular-nums text-muted-foreground">{run.progress}%</span>}
          </div>
          <ProgressBar value={run.status === "queued" ? null : run.progress} label={`Generating ${run.templateName}`} />
        </div>
      ) : (
        <Tabs.Root value={current} onValueChange={setTab}>
          <Tabs.List aria-label="Run" className="mb-3 flex border-b">
            <Tabs.Trigger value="files" className={tabClass}>
              Files <TabCount n={run.fileCount} />
            </Tabs.Trigger>
            <Tabs.Trigger value="changes" className={tabClass}>
              Changes
            </Tabs.Trigger>
            {hasIssues ? (
              <Tabs.Trigger value="problems" className={tabClass}>
                {run.problems.length || run.error ? <FileWarningIcon className="size-3.5 text-danger" /> : <AlertTriangleIcon className="size-3.5 text-warning" />}
                Problems <TabCount n={run.problems.length + run.warnings.length} tone={run.problems.length ? "danger" : "neutral"} />
              </Tabs.Trigger>
            ) : null}
          </Tabs.List>
          <Tabs.Content value="files" className="focus-visible:outline-none">
            <FileBrowser runId={run.id} selected={file} onSelect={onSelectFile} />
          </Tabs.Content>
          <Tabs.Content value="changes" className="focus-visible:outline-none">
            <RunChanges run={run} onSelectRun={onSelectRun} />
          </Tabs.Content>
          {hasIssues ? (
            <Tabs.Content value="problems" className="focus-visible:outline-none">
              <RunProblems
                run={run}
                editorHref={editorHref}
                onOpenFile={(path) => {
                  onSelectFile(path);
                  setTab("files");
                }}
              />
            </Tabs.Content>
          ) : null}
        </Tabs.Root>
      )}
    </section>
  );
}
