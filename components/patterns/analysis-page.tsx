"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BanIcon, CheckIcon, DownloadIcon, FileArchiveIcon, FilterIcon, GitBranchIcon, ClipboardPasteIcon, ScanSearchIcon, SearchIcon, Trash2Icon, XIcon } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { EmptyState, Kbd, PageContainer, Skeleton } from "@/components/ui/misc";
import { useShortcuts } from "@/components/shell/keyboard";
import { useCrumbs, useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { cn, timeAgo } from "@/lib/utils";
import { compressionLabel, isActive, matchesFilter, overallProgress, percent, phaseLabel, phaseSteps, plural, step } from "./analysis-info";
import { CodebaseTreemap } from "./codebase-treemap";
import { GroupView } from "./group-view";
import { NewAnalysisDialog } from "./new-analysis-dialog";
import { AnalysisProgressBar, AnalysisStatusChip } from "./status";

type Analysis = RouterOutputs["pattern"]["get"];
type GroupRow = NonNullable<Analysis["result"]>["groups"][number];

const SOURCE_ICON = { upload: FileArchiveIcon, paste: ClipboardPasteIcon, git: GitBranchIcon } as const;

function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** While queued or running: the overall bar, the phases, and Cancel. */
function Progress({ analysis, onCancel, cancelling, canEdit }: { analysis: Analysis; onCancel(): void; cancelling: boolean; canEdit: boolean }) {
  const value = overallProgress(analysis);
  const steps = phaseSteps(analysis);
  return (
    <div className="rounded-xl border bg-surface p-5" data-testid="analysis-progress">
      <div className="flex items-center justify-between gap-3">
        <div>
          <p className="font-medium">{analysis.status === "queued" ? "Waiting to start" : phaseLabel(analysis.phase)}</p>
          <p className="text-xs text-muted-foreground">
            {analysis.status === "running" && analysis.progressTotal > 0
              ? `${analysis.progressDone.toLocaleString("en")} of ${analysis.progressTotal.toLocaleString("en")}${analysis.phase === "reading" ? " files" : ""}`
              : analysis.sourceKind === "git" && analysis.phase === "cloning"
                ? "Shallow clone: the latest commit only."
                : `${plural(analysis.fileCount, "file")} queued for analysis.`}
          </p>
        </div>
        <span className="text-2xl font-semibold tabular-nums text-muted-foreground">{value === null ? "" : `${value}%`}</span>
      </div>
      <AnalysisProgressBar value={value} label="Analysis progress" className="mt-4 h-2" />
      <ol className="mt-4 flex flex-wrap gap-x-5 gap-y-1 text-xs">
        {steps.map((s) => (
          <li key={s.phase} className={cn("flex items-center gap-1.5", s.state === "todo" ? "text-muted-foreground" : s.state === "current" ? "font-medium text-foreground" : "text-success")}>
            {s.state === "done" ? <CheckIcon className="size-3.5" /> : <span className={cn("size-1.5 rounded-full", s.state === "current" ? "animate-pulse bg-accent" : "bg-border")} />}
            {s.label}
          </li>
        ))}
      </ol>
      {canEdit ? (
        <div className="mt-5 flex items-center justify-between gap-3 border-t pt-4">
          <p className="text-xs text-muted-foreground">You can leave this page: the analysis keeps running on the server.</p>
          <Button variant="secondary" size="sm" onClick={onCancel} loading={cancelling}>
            <BanIcon /> Cancel analysis
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="bg-surface px-4 py-3">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums">{value}</dd>
      {hint ? <dd className="text-[11px] text-muted-foreground">{hint}</dd> : null}
    </div>
  );
}

function GroupItem({ g, selected, onSelect }: { g: GroupRow; selected: boolean; onSelect(): void }) {
  return (
    <li>
      <button
        type="button"
        onClick={onSelect}
        aria-current={selected ? "true" : undefined}
        data-group={g.groupId}
        className={cn("w-full rounded-lg border px-3 py-2.5 text-left transition", selected ? "border-accent bg-accent-soft/50 ring-3 ring-accent/10" : "bg-surface hover:border-accent/40")}
      >
        <div className="flex items-center gap-2">
          <span className="font-mono text-[11px] text-muted-foreground">{g.groupId}</span>
          <span className="text-sm font-medium capitalize">{g.unit}</span>
          <span className="text-xs text-muted-foreground">{g.language}</span>
          {g.promoted ? (
            <span className="ml-auto inline-flex items-center gap-1 rounded-full bg-accent-soft px-1.5 text-[10px] font-medium text-accent">
              <CheckIcon className="size-3" /> promoted
            </span>
          ) : null}
        </div>
        <div className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-[11px] text-muted-foreground">
          <span title="Occurrences">
            <b className="font-semibold text-foreground">{g.instanceCount}</b>×
          </span>
          <span title="Lines saved by generating it">
            <b className="font-semibold text-foreground">{g.stats.linesSaved}</b> lines saved
          </span>
          <span title="Holes">
            <b className="font-semibold text-foreground">{g.holes.length}</b> {g.holes.length === 1 ? "hole" : "holes"}
          </span>
          <span title="Template and bindings against the original size">
            <b className="font-semibold text-foreground">{compressionLabel(g.stats.compression)}</b> smaller
          </span>
        </div>
        {g.holes.length ? <p className="mt-1 truncate font-mono text-[11px] text-muted-foreground">{g.holes.map((h) => h.name).join(", ")}</p> : null}
      </button>
    </li>
  );
}

/** A finished analysis: summary, treemap, ranked groups (filter, j/k) and the selected group. */
function Result({ analysis, projectId }: { analysis: Analysis; projectId: string }) {
  const result = analysis.result!;
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [filter, setFilter] = useState("");
  const [file, setFile] = useState<string | null>(null);
  const filterInput = useRef<HTMLInputElement>(null);
  const summary = analysis.summary!;

  const shown = useMemo(
    () => result.groups.filter((g) => matchesFilter(g, filter) && (!file || g.files.includes(file))),
    [result.groups, filter, file],
  );
  const selected = searchParams.get("group") ?? shown[0]?.groupId ?? null;
  const select = useCallback(
    (groupId: string | null) => {
      const params = new URLSearchParams(window.location.search);
      if (groupId) params.set("group", groupId);
      else params.delete("group");
      window.history.replaceState(null, "", `${pathname}?${params.toString()}`);
      if (groupId) document.querySelector(`[data-group="${groupId}"]`)?.scrollIntoView({ block: "nearest" });
    },
    [pathname],
  );

  useShortcuts(
    [
      { keys: "j", run: () => select(step(shown, selected, 1)) },
      { keys: "k", run: () => select(step(shown, selected, -1)) },
      { keys: "/", run: () => filterInput.current?.focus() },
    ],
    { capture: true },
  );

  const skipped = summary.skipped + analysis.ignored.length;

  return (
    <>
      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-xl border bg-border sm:grid-cols-3 lg:grid-cols-6" aria-label="Summary">
        <Stat label="Files" value={summary.files.toLocaleString("en")} hint={skipped ? `${skipped.toLocaleString("en")} left out` : "all analysed"} />
        <Stat label="Lines" value={summary.lines.toLocaleString("en")} hint="non-blank" />
        <Stat label="Repeated" value={percent(summary.coverage)} hint={`${summary.coveredLines.toLocaleString("en")} lines in groups`} />
        <Stat label="Groups" value={summary.groups.toLocaleString("en")} />
        <Stat label="Compression" value={compressionLabel(summary.compression)} hint="templates + bindings" />
        <Stat label="Took" value={formatDuration(analysis.durationMs)} />
      </dl>

      {analysis.ignored.length > 0 ? (
        <details className="mt-3 text-xs text-muted-foreground">
          <summary className="cursor-pointer select-none">{plural(analysis.ignored.length, "file")} left out when the code came in</summary>
          <ul className="mt-2 max-h-40 overflow-auto rounded-lg border bg-surface p-2 font-mono">
            {analysis.ignored.slice(0, 500).map((i) => (
              <li key={i.path}>
                {i.path} <span className="text-muted-foreground/70">— {i.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <section className="mt-6" aria-labelledby="treemap-heading">
        <h2 id="treemap-heading" className="mb-2 text-sm font-semibold">
          Codebase
        </h2>
        <CodebaseTreemap files={result.files} selectedGroup={selected} selectedFile={file} onSelectFile={setFile} />
      </section>

      {result.groups.length === 0 ? (
        <EmptyState icon={<ScanSearchIcon />} title="No repetition found" className="mt-6">
          No shape of at least {result.options?.minLines ?? 3} lines repeats in this code. Analyse a larger part of the codebase (more files that follow one pattern give more to find).
        </EmptyState>
      ) : (
        <div className="mt-6 grid gap-6 lg:grid-cols-[320px_minmax(0,1fr)]">
          <section aria-labelledby="groups-heading" className="min-w-0">
            <div className="mb-2 flex items-center justify-between">
              <h2 id="groups-heading" className="text-sm font-semibold">
                Groups <span className="font-normal text-muted-foreground">({shown.length === result.groups.length ? result.groups.length : `${shown.length} of ${result.groups.length}`})</span>
              </h2>
              <span className="flex items-center gap-1 text-[11px] text-muted-foreground">
                <Kbd>J</Kbd>
                <Kbd>K</Kbd> to move
              </span>
            </div>
            <div className="relative mb-2">
              <SearchIcon className="pointer-events-none absolute left-2.5 top-1/2 size-3.5 -translate-y-1/2 text-muted-foreground" />
              <input
                ref={filterInput}
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Escape") {
                    setFilter("");
                    e.currentTarget.blur();
                  }
                }}
                placeholder="Filter groups"
                aria-label="Filter groups"
                className="h-8 w-full rounded-md border bg-surface pl-8 pr-8 text-[13px] placeholder:text-muted-foreground/70 focus-visible:border-ring focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/20"
              />
              <Kbd className="absolute right-2 top-1/2 -translate-y-1/2">/</Kbd>
            </div>
            {file ? (
              <div className="mb-2 flex items-center gap-1.5 rounded-md bg-surface-muted px-2 py-1 text-xs">
                <FilterIcon className="size-3 shrink-0 text-muted-foreground" />
                <span className="min-w-0 flex-1 truncate font-mono" title={file}>
                  {file}
                </span>
                <button type="button" aria-label="Show all files' groups" className="rounded p-0.5 hover:bg-surface" onClick={() => setFile(null)}>
                  <XIcon className="size-3.5" />
                </button>
              </div>
            ) : null}
            {shown.length === 0 ? (
              <p className="rounded-lg border border-dashed px-3 py-6 text-center text-sm text-muted-foreground">
                {file ? "No group has an occurrence in this file." : "No group matches the filter."}{" "}
                <button type="button" className="font-medium text-accent hover:underline" onClick={() => (setFilter(""), setFile(null))}>
                  Clear
                </button>
              </p>
            ) : (
              <ul className="grid max-h-[calc(100vh-220px)] gap-2 overflow-auto pb-1 lg:sticky lg:top-4" aria-label="Groups">
                {shown.map((g) => (
                  <GroupItem key={g.groupId} g={g} selected={g.groupId === selected} onSelect={() => select(g.groupId)} />
                ))}
              </ul>
            )}
          </section>
          <div className="min-w-0">
            {selected && result.groups.some((g) => g.groupId === selected) ? (
              <GroupView key={selected} analysisId={analysis.id} groupId={selected} projectId={projectId} canEdit={analysis.canEdit} />
            ) : (
              <EmptyState title="Pick a group">Select a group on the left to see its template, holes and occurrences.</EmptyState>
            )}
          </div>
        </div>
      )}
    </>
  );
}

function DeleteDialog({ analysis, open, onOpenChange, projectHref }: { analysis: Analysis; open: boolean; onOpenChange(o: boolean): void; projectHref: string }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.pattern.delete.mutationOptions());
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={`Delete ${analysis.name}?`} description="The analysis and its groups are deleted for everyone. Meta-models, models and templates promoted from it stay.">
        <DialogFooter>
          <Button variant="ghost" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            loading={remove.isPending}
            onClick={async () => {
              try {
                await remove.mutateAsync({ workspaceId: workspace.id, analysisId: analysis.id });
                await queryClient.invalidateQueries({ queryKey: trpc.pattern.list.queryKey() });
                toast.success(`Deleted ${analysis.name}`);
                router.push(projectHref);
              } catch (e) {
                toast.error(toUiError(e).message);
              }
            }}
          >
            Delete analysis
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** An analysis: live progress while it runs (Cancel), then the groups to explore, rename and promote. */
export function AnalysisPage({ projectId, analysisId }: { projectId: string; analysisId: string }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const project = useQuery(trpc.project.get.queryOptions({ workspaceId: workspace.id, projectId }));
  const query = useQuery(trpc.pattern.get.queryOptions({ workspaceId: workspace.id, analysisId }, { refetchInterval: (q) => (q.state.data && isActive(q.state.data.status) ? 700 : false) }));
  const cancel = useMutation(trpc.pattern.cancel.mutationOptions());
  const [dialog, setDialog] = useState<null | "delete" | "new">(null);
  const projectHref = `/w/${workspace.slug}/projects/${projectId}`;
  useCrumbs([
    { label: "Projects", href: `/w/${workspace.slug}` },
    { label: project.data?.name ?? "Project", href: projectHref },
    { label: query.data?.name ?? "Analysis" },
  ]);

  if (query.isPending) {
    return (
      <PageContainer className="max-w-7xl">
        <Skeleton className="mb-2 h-7 w-64" aria-busy="true" />
        <Skeleton className="mb-8 h-4 w-96" />
        <Skeleton className="mb-4 h-20" />
        <Skeleton className="h-64" />
      </PageContainer>
    );
  }
  if (query.isError) {
    return (
      <PageContainer>
        <EmptyState
          icon={<ScanSearchIcon />}
          title="Analysis not available"
          action={
            <Link href={projectHref} className="font-medium text-accent hover:underline">
              Back to the project
            </Link>
          }
        >
          {toUiError(query.error).message}
        </EmptyState>
      </PageContainer>
    );
  }

  const a = query.data;
  const Icon = SOURCE_ICON[a.sourceKind as keyof typeof SOURCE_ICON] ?? FileArchiveIcon;
  const archived = Boolean(project.data?.archivedAt);

  async function onCancel() {
    try {
      const next = await cancel.mutateAsync({ workspaceId: workspace.id, analysisId });
      queryClient.setQueryData(trpc.pattern.get.queryKey({ workspaceId: workspace.id, analysisId }), (old) => (old ? { ...old, ...next } : old));
      await queryClient.invalidateQueries({ queryKey: trpc.pattern.list.queryKey() });
      toast.success("Analysis cancelled");
    } catch (e) {
      toast.error(toUiError(e).message);
    }
  }

  return (
    <PageContainer className="max-w-7xl">
      <div className="mb-6 flex flex-wrap items-start gap-4">
        <span className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-accent-soft text-accent">
          <ScanSearchIcon className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <h1 className="truncate text-xl font-semibold tracking-tight">{a.name}</h1>
            <AnalysisStatusChip status={a.status} />
          </div>
          <p className="mt-1 flex items-center gap-1.5 truncate text-sm text-muted-foreground">
            <Icon className="size-3.5 shrink-0" />
            <span className="truncate">{a.source}</span>
            <span>·</span>
            <span className="shrink-0">
              {timeAgo(new Date(a.createdAt))}
              {a.createdByName ? ` by ${a.createdByName}` : ""}
            </span>
          </p>
        </div>
        <div className="flex items-center gap-2">
          {a.status === "done" ? (
            <Button asChild variant="ghost" size="sm">
              <a href={`/api/projects/${projectId}/analyses/${a.id}?workspaceId=${workspace.id}`} download>
                <DownloadIcon /> JSON
              </a>
            </Button>
          ) : null}
          {a.canEdit && !archived ? (
            <Button variant="ghost" size="icon" aria-label="Delete analysis" onClick={() => setDialog("delete")}>
              <Trash2Icon />
            </Button>
          ) : null}
        </div>
      </div>

      {isActive(a.status) ? (
        <Progress analysis={a} onCancel={() => void onCancel()} cancelling={cancel.isPending} canEdit={a.canEdit && !archived} />
      ) : a.status === "failed" ? (
        <div role="alert" className="rounded-xl border border-danger/30 bg-danger-soft/60 p-5">
          <p className="font-medium text-danger">The analysis failed</p>
          <p className="mt-1 text-sm">{a.error}</p>
          {a.canEdit && !archived ? (
            <Button className="mt-4" size="sm" variant="secondary" onClick={() => setDialog("new")}>
              <ScanSearchIcon /> Start a new analysis
            </Button>
          ) : null}
        </div>
      ) : a.status === "cancelled" ? (
        <EmptyState
          icon={<BanIcon />}
          title="Cancelled"
          action={
            a.canEdit && !archived ? (
              <Button onClick={() => setDialog("new")}>
                <ScanSearchIcon /> Start a new analysis
              </Button>
            ) : null
          }
        >
          This analysis was stopped before it finished, so it has no groups.
        </EmptyState>
      ) : a.result ? (
        <Result analysis={a} projectId={projectId} />
      ) : null}

      <DeleteDialog analysis={a} open={dialog === "delete"} onOpenChange={(o) => setDialog(o ? "delete" : null)} projectHref={projectHref} />
      {a.canEdit && !archived ? <NewAnalysisDialog projectId={projectId} open={dialog === "new"} onOpenChange={(o) => setDialog(o ? "new" : null)} /> : null}
    </PageContainer>
  );
}
