"use client";
import { HistoryIcon } from "lucide-react";
import { EmptyState } from "@/components/ui/misc";
import type { RouterOutputs } from "@/lib/trpc";
import { cn, timeAgo } from "@/lib/utils";
import { ProgressBar, RunStatusBadge } from "./bits";
import { formatBytes, formatDuration, isFinished, plural, statusLabel, versionLabel } from "./generation-info";
import { useRun } from "./use-generation";

type RunRow = RouterOutputs["generation"]["list"][number];

/** One run of the list; while unfinished, its status and progress come from the run itself (polled faster than the list). */
function RunItem({ row, selected, onSelect }: { row: RunRow; selected: boolean; onSelect(runId: string): void }) {
  const live = useRun(isFinished(row.status) ? null : row.id);
  const run = live.data ? { ...row, ...live.data } : row;
  const when = timeAgo(new Date(run.createdAt));
  const active = !isFinished(run.status);
  return (
    <li aria-label={`${run.templateName} ${versionLabel(run.templateVersion)}, ${statusLabel(run.status).toLowerCase()}, ${when}`}>
      <button
        type="button"
        onClick={() => onSelect(run.id)}
        aria-current={selected ? "true" : undefined}
        className={cn(
          "flex w-full flex-col gap-1 rounded-lg border px-3 py-2 text-left text-sm transition-colors",
          selected ? "border-accent/50 bg-accent-soft/50" : "bg-surface hover:border-accent/30 hover:bg-surface-muted/50",
        )}
      >
        <span className="flex items-center gap-2">
          <RunStatusBadge status={run.status} />
          <span className="min-w-0 flex-1 truncate font-medium" title={run.templateName}>
            {run.templateName}
          </span>
          <span className="shrink-0 font-mono text-xs text-muted-foreground">{versionLabel(run.templateVersion)}</span>
        </span>
        {active ? (
          <ProgressBar value={run.status === "queued" ? null : run.progress} label={`Progress of ${run.templateName}`} className="my-1" />
        ) : (
          <span className="text-xs text-muted-foreground">
            {plural(run.fileCount, "file")} · {formatBytes(run.totalBytes)} · {formatDuration(run.durationMs)}
            {run.problems.length ? <span className="text-danger"> · {plural(run.problems.length, "problem")}</span> : null}
          </span>
        )}
        <span className="text-xs text-muted-foreground">
          <time dateTime={new Date(run.createdAt).toISOString()} title={new Date(run.createdAt).toLocaleString()}>
            {when}
          </time>
          {run.createdByName ? ` by ${run.createdByName}` : ""}
        </span>
      </button>
    </li>
  );
}

/** The model's runs, newest first: status, template and version, files, size, duration, when and by whom. */
export function RunHistory({ runs, selectedId, onSelect }: { runs: RunRow[]; selectedId: string | null; onSelect(runId: string): void }) {
  if (runs.length === 0) {
    return (
      <EmptyState icon={<HistoryIcon />} title="No runs yet" className="py-10">
        Generate to see the files.
      </EmptyState>
    );
  }
  return (
    <ul className="flex flex-col gap-1.5" aria-label="Runs">
      {runs.map((row) => (
        <RunItem key={row.id} row={row} selected={row.id === selectedId} onSelect={onSelect} />
      ))}
    </ul>
  );
}
