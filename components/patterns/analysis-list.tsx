"use client";
import { useQuery } from "@tanstack/react-query";
import { FileArchiveIcon, GitBranchIcon, ClipboardPasteIcon, ScanSearchIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { can } from "@/core/workspace/roles";
import { Button } from "@/components/ui/button";
import { EmptyState, Skeleton } from "@/components/ui/misc";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { timeAgo } from "@/lib/utils";
import { isActive, overallProgress, percent, phaseLabel, plural } from "./analysis-info";
import { NewAnalysisDialog } from "./new-analysis-dialog";
import { AnalysisProgressBar, AnalysisStatusChip } from "./status";

const SOURCE_ICON = { upload: FileArchiveIcon, paste: ClipboardPasteIcon, git: GitBranchIcon } as const;

/** The project page's Analyses section: past and running analyses, and the way to start one. */
export function AnalysisList({ projectId, archived }: { projectId: string; archived: boolean }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const [creating, setCreating] = useState(false);
  const list = useQuery(
    trpc.pattern.list.queryOptions({ workspaceId: workspace.id, projectId }, { refetchInterval: (q) => (q.state.data?.some((a) => isActive(a.status)) ? 1000 : false) }),
  );
  const canEdit = can(workspace.role, "document:edit") && !archived;
  const base = `/w/${workspace.slug}/projects/${projectId}/analyses`;

  return (
    <section className="mt-10" aria-labelledby="analyses-heading">
      <div className="mb-3 flex items-center justify-between">
        <div>
          <h2 id="analyses-heading" className="text-sm font-semibold">
            Analyses
          </h2>
          <p className="text-xs text-muted-foreground">Existing code, searched for repetition: each repeated shape becomes a template you can promote.</p>
        </div>
        {canEdit && (list.data?.length ?? 0) > 0 ? (
          <Button size="sm" onClick={() => setCreating(true)}>
            <ScanSearchIcon /> Analyse code
          </Button>
        ) : null}
      </div>
      {list.isPending ? (
        <Skeleton className="h-20" />
      ) : list.isError ? (
        <p className="text-sm text-danger">{toUiError(list.error).message}</p>
      ) : list.data.length === 0 ? (
        <EmptyState
          icon={<ScanSearchIcon />}
          title="No analyses yet"
          action={
            canEdit ? (
              <Button onClick={() => setCreating(true)}>
                <ScanSearchIcon /> Analyse code
              </Button>
            ) : null
          }
        >
          {canEdit
            ? "Upload a zip or a folder, paste a few files, or clone a public git repository: Metaforge finds the code you keep writing by hand."
            : archived
              ? "This project is archived. Restore it to analyse code."
              : "Editors can analyse code here."}
        </EmptyState>
      ) : (
        <ul className="divide-y overflow-hidden rounded-xl border bg-surface" aria-label="Analyses">
          {list.data.map((a) => {
            const Icon = SOURCE_ICON[a.sourceKind as keyof typeof SOURCE_ICON] ?? FileArchiveIcon;
            const progress = overallProgress(a);
            return (
              <li key={a.id}>
                <Link href={`${base}/${a.id}`} className="flex items-center gap-3 px-4 py-3 transition hover:bg-surface-muted/60">
                  <Icon className="size-4 shrink-0 text-muted-foreground" />
                  <div className="min-w-0 flex-1">
                    <div className="flex items-center gap-2">
                      <span className="truncate font-medium">{a.name}</span>
                      <AnalysisStatusChip status={a.status} />
                    </div>
                    <p className="mt-0.5 truncate text-xs text-muted-foreground">
                      {a.source} · {timeAgo(new Date(a.createdAt))}
                      {a.createdByName ? ` by ${a.createdByName}` : ""}
                    </p>
                  </div>
                  {a.status === "done" && a.summary ? (
                    <div className="hidden shrink-0 gap-5 text-right text-xs text-muted-foreground sm:flex">
                      <span>
                        <b className="block text-sm font-semibold text-foreground">{a.summary.groups}</b> groups
                      </span>
                      <span>
                        <b className="block text-sm font-semibold text-foreground">{percent(a.summary.coverage)}</b> repeated
                      </span>
                      <span>
                        <b className="block text-sm font-semibold text-foreground">{plural(a.summary.files, "file")}</b>
                        {a.summary.lines.toLocaleString("en")} lines
                      </span>
                    </div>
                  ) : isActive(a.status) ? (
                    <div className="w-40 shrink-0">
                      <AnalysisProgressBar value={progress} label={`Progress of ${a.name}`} />
                      <p className="mt-1 truncate text-right text-[11px] text-muted-foreground">{phaseLabel(a.phase)}</p>
                    </div>
                  ) : a.status === "failed" ? (
                    <span className="max-w-64 truncate text-xs text-danger">{a.error}</span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {canEdit ? <NewAnalysisDialog projectId={projectId} open={creating} onOpenChange={setCreating} /> : null}
    </section>
  );
}
