"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { isFinished, plural, versionLabel } from "./generation-info";

export type Run = RouterOutputs["generation"]["get"];

/** How often an unfinished run is asked about. */
export const RUN_POLL_MS = 500;

/** A run, polled while it is queued or running; finished runs never change. */
export function useRun(runId: string | null) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  return useQuery(
    trpc.generation.get.queryOptions(
      { workspaceId: workspace.id, runId: runId ?? "" },
      {
        enabled: runId !== null,
        refetchInterval: (q) => (q.state.data && isFinished(q.state.data.status) ? false : RUN_POLL_MS),
        staleTime: (q) => (q.state.data && isFinished(q.state.data.status) ? Infinity : 0),
      },
    ),
  );
}

/** Watches one run started from this page until it finishes, then reports it once. */
function RunWatcher({ runId, onDone }: { runId: string; onDone(run: Run): void }) {
  const run = useRun(runId);
  const reported = useRef(false);
  const data = run.data;
  useEffect(() => {
    if (!reported.current && data && isFinished(data.status)) {
      reported.current = true;
      onDone(data);
    }
  }, [data, onDone]);
  return null;
}

/**
 * Starting runs: one per template, or all at once. Runs that finish within the request are reported
 * right away; the others are polled until they finish. Either way a toast says what happened and
 * what to do next.
 */
export function useGenerate({ modelId, projectId, onSelect }: { modelId: string; projectId: string; onSelect(runId: string): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const start = useMutation(trpc.generation.start.mutationOptions());
  /** Templates whose start request is in flight. */
  const [starting, setStarting] = useState<Record<string, true>>({});
  /** Runs started here that have not finished yet. */
  const [watching, setWatching] = useState<string[]>([]);

  const refreshList = useCallback(
    () => queryClient.invalidateQueries({ queryKey: trpc.generation.list.queryKey({ workspaceId: workspace.id, modelId }) }),
    [queryClient, trpc, workspace.id, modelId],
  );

  const report = useCallback(
    (run: Run) => {
      const who = run.templateVersion === "draft" ? `${run.templateName} (draft)` : `${run.templateName} ${versionLabel(run.templateVersion)}`;
      const editor = `/w/${workspace.slug}/projects/${projectId}/templates/${run.templateId}`;
      if (run.status === "succeeded") {
        toast.success(`Generated ${plural(run.fileCount, "file")} with ${who}`, {
          description: run.warnings.length ? `${plural(run.warnings.length, "file")} could not be formatted: see Problems.` : "Browse them below or download the zip.",
          action: { label: "View files", onClick: () => onSelect(run.id) },
        });
      } else if (run.problems.length) {
        toast.error(`${who} has ${plural(run.problems.length, "problem")}`, {
          description: `${run.problems[0]!.message} Fix it in the template editor, then generate again.`,
          action: { label: "Open the template", onClick: () => router.push(editor) },
          duration: 12_000,
        });
      } else {
        toast.error(`Generation with ${who} failed`, {
          description: run.error ?? "Try again; if it keeps failing, the server log has the details.",
          duration: 12_000,
        });
      }
    },
    [onSelect, projectId, router, workspace.slug],
  );

  const onWatchedDone = useCallback(
    (run: Run) => {
      setWatching((w) => w.filter((id) => id !== run.id));
      report(run);
      void refreshList();
    },
    [refreshList, report],
  );

  const generate = useCallback(
    async (template: { id: string; name: string }, version: string | undefined, options: { select?: boolean } = {}) => {
      setStarting((s) => ({ ...s, [template.id]: true }));
      try {
        const run = await start.mutateAsync({ workspaceId: workspace.id, modelId, templateId: template.id, ...(version ? { version } : {}) });
        queryClient.setQueryData(trpc.generation.get.queryKey({ workspaceId: workspace.id, runId: run.id }), run);
        await refreshList();
        if (options.select !== false) onSelect(run.id);
        if (isFinished(run.status)) report(run);
        else setWatching((w) => [...w, run.id]);
        return run;
      } catch (error) {
        toast.error(`Could not generate with ${template.name}`, { description: toUiError(error).message });
        return null;
      } finally {
        setStarting(({ [template.id]: _, ...rest }) => rest);
      }
    },
    [modelId, onSelect, queryClient, refreshList, report, start, trpc, workspace.id],
  );

  const watchers = watching.map((id) => <RunWatcher key={id} runId={id} onDone={onWatchedDone} />);
  return { generate, starting, watchers };
}
