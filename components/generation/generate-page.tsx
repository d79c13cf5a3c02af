"use client";
import { useQuery } from "@tanstack/react-query";
import { BoxesIcon, EyeIcon, FileCode2Icon, HistoryIcon, PlayIcon } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState, type ReactNode } from "react";
import { can, ROLE_INFO } from "@/core/workspace/roles";
import { Button } from "@/components/ui/button";
import { EmptyState, PageContainer, PageHeader, Skeleton } from "@/components/ui/misc";
import { useCrumbs, useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { WhyDisabled } from "./bits";
import { isFinished, plural } from "./generation-info";
import { RunDetails } from "./run-details";
import { RunHistory } from "./run-history";
import { TargetCard } from "./target-card";
import { useGenerate } from "./use-generation";

/** How often the run list is refreshed: fast while a run is in flight, slowly otherwise (runs by others). */
const LIST_POLL_ACTIVE_MS = 1000;
const LIST_POLL_IDLE_MS = 15_000;

function Section({ id, title, description, actions, children }: { id: string; title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id={id} className="text-sm font-semibold">
            {title}
          </h2>
          {description ? <p className="text-xs text-muted-foreground">{description}</p> : null}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}

/**
 * The Generate page of a model: the project's templates for its meta-model (pins, versions,
 * upgrades), starting runs with live progress, the run history, and the selected run's files,
 * changes and problems.
 */
export function GeneratePage({ projectId, modelId }: { projectId: string; modelId: string }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const model = useQuery(trpc.model.get.queryOptions({ workspaceId: workspace.id, modelId }));
  const project = useQuery(trpc.project.get.queryOptions({ workspaceId: workspace.id, projectId }));
  const templates = useQuery(trpc.template.list.queryOptions({ workspaceId: workspace.id, projectId }));
  const runs = useQuery(
    trpc.generation.list.queryOptions(
      { workspaceId: workspace.id, modelId },
      { refetchInterval: (q) => (q.state.data?.some((r) => !isFinished(r.status)) ? LIST_POLL_ACTIVE_MS : LIST_POLL_IDLE_MS) },
    ),
  );

  // The selected run and file live in the URL (?run=…&file=…), so a run can be linked to.
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const setParams = useCallback(
    (next: Record<string, string | null>) => {
      const params = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(next)) {
        if (value) params.set(key, value);
        else params.delete(key);
      }
      const query = params.toString();
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [pathname],
  );
  const selectRun = useCallback((runId: string) => setParams({ run: runId, file: null }), [setParams]);
  const selectFile = useCallback((path: string) => setParams({ file: path }), [setParams]);
  const selectedRunId = searchParams.get("run") ?? runs.data?.[0]?.id ?? null;

  const { generate, starting, watchers } = useGenerate({ modelId, projectId, onSelect: selectRun });
  const [versions, setVersions] = useState<Record<string, string>>({});

  const projectHref = `/w/${workspace.slug}/projects/${projectId}`;
  const modelHref = `${projectHref}/models/${modelId}`;
  useCrumbs([
    { label: "Projects", href: `/w/${workspace.slug}` },
    { label: project.data?.name ?? "Project", href: projectHref },
    { label: model.data?.name ?? "Model", href: modelHref },
    { label: "Generate" },
  ]);

  const fitting = useMemo(
    () => (model.data && templates.data ? templates.data.filter((t) => t.metamodelId === model.data.metamodelId) : []),
    [model.data, templates.data],
  );
  /** The newest unfinished run per template. */
  const activeByTemplate = useMemo(() => {
    const map = new Map<string, string>();
    for (const r of runs.data ?? []) if (!isFinished(r.status) && !map.has(r.templateId)) map.set(r.templateId, r.id);
    return map;
  }, [runs.data]);

  if (model.isError) {
    return (
      <PageContainer>
        <EmptyState
          icon={<BoxesIcon />}
          title="Model not available"
          action={
            <Link href={projectHref} className="font-medium text-accent hover:underline">
              Back to the project
            </Link>
          }
        >
          {toUiError(model.error).message}
        </EmptyState>
      </PageContainer>
    );
  }
  if (!model.data || project.isPending) {
    return (
      <PageContainer className="max-w-7xl">
        <Skeleton className="mb-2 h-7 w-64" aria-busy="true" />
        <Skeleton className="mb-8 h-4 w-96" />
        <Skeleton className="mb-3 h-20" />
        <Skeleton className="h-20" />
      </PageContainer>
    );
  }

  const row = model.data;
  const archived = Boolean(project.data?.archivedAt);
  const canGenerate = row.canEdit && can(workspace.role, "document:edit");
  const disabledReason = archived
    ? "This project is archived. Restore it to generate or change pins."
    : !canGenerate
      ? `${ROLE_INFO[workspace.role].label}s can browse runs and download files, but not generate or pin. Ask a workspace admin for the editor role.`
      : null;
  const editorHref = (templateId: string) => `${projectHref}/templates/${templateId}`;
  const anyStarting = Object.keys(starting).length > 0;
  const otherTemplates = (templates.data?.length ?? 0) - fitting.length;

  const generateAll = () =>
    Promise.all(fitting.map((t, i) => generate(t, versions[t.id], { select: i === 0 })));

  return (
    <PageContainer className="max-w-7xl">
      <PageHeader
        title={
          <Link href={modelHref} className="hover:text-accent hover:underline">
            {row.name}
          </Link>
        }
        description={
          <>
            Generate code from this model with the project&apos;s templates for{" "}
            <Link href={`${projectHref}/metamodels/${row.metamodelId}`} className="font-medium text-foreground hover:text-accent hover:underline">
              {row.metamodelName}
            </Link>
            .
          </>
        }
        actions={
          <>
            <Button asChild variant="ghost" size="sm">
              <Link href={modelHref}>Open the model</Link>
            </Button>
            {fitting.length > 0 ? (
              <WhyDisabled reason={disabledReason}>
                {(describedBy) => (
                  <Button size="sm" onClick={() => void generateAll()} loading={anyStarting} disabled={disabledReason !== null} aria-describedby={describedBy}>
                    {anyStarting ? null : <PlayIcon />} Generate all
                  </Button>
                )}
              </WhyDisabled>
            ) : null}
          </>
        }
      />

      {disabledReason ? (
        <p className="-mt-2 mb-2 flex items-center gap-2 rounded-lg border bg-surface-muted/50 px-3 py-2 text-sm text-muted-foreground">
          <EyeIcon className="size-4 shrink-0" />
          {archived ? "This project is archived: you can browse runs and download their files." : "You can browse runs and download their files. Generating and pinning need the editor role."}
        </p>
      ) : null}

      <Section id="targets-heading" title="Templates" description="Each template turns this model into a set of files. Pin a version so everyone generates the same code.">
        {templates.isPending ? (
          <div className="grid gap-3">
            <Skeleton className="h-20" />
            <Skeleton className="h-20" />
          </div>
        ) : templates.isError ? (
          <p role="alert" className="text-sm text-danger">
            {toUiError(templates.error).message}
          </p>
        ) : fitting.length === 0 ? (
          <EmptyState
            icon={<FileCode2Icon />}
            title={`No templates for ${row.metamodelName} yet`}
            action={
              <Button asChild>
                <Link href={projectHref}>Create a template from a built-in</Link>
              </Button>
            }
          >
            Templates turn this model into code: TypeScript types, SQL, OpenAPI and more. Start from a built-in on the project page.
            {otherTemplates > 0 ? ` The project's other ${plural(otherTemplates, "template")} ${otherTemplates === 1 ? "is" : "are"} for other meta-models.` : ""}
          </EmptyState>
        ) : (
          <ul className="grid gap-3" aria-label="Templates">
            {fitting.map((t) => (
              <TargetCard
                key={t.id}
                template={t}
                modelId={modelId}
                pin={row.pins.find((p) => p.templateId === t.id)?.version}
                version={versions[t.id]}
                onVersion={(v) => setVersions((all) => ({ ...all, [t.id]: v }))}
                disabledReason={disabledReason}
                starting={Boolean(starting[t.id])}
                activeRunId={activeByTemplate.get(t.id) ?? null}
                editorHref={editorHref(t.id)}
                onGenerate={(version) => void generate(t, version)}
              />
            ))}
          </ul>
        )}
      </Section>

      {runs.isPending ? (
        <Section id="runs-heading" title="Runs">
          <Skeleton className="h-40" />
        </Section>
      ) : runs.isError ? (
        <Section id="runs-heading" title="Runs">
          <p role="alert" className="text-sm text-danger">
            {toUiError(runs.error).message}
          </p>
        </Section>
      ) : runs.data.length === 0 ? (
        <Section id="runs-heading" title="Runs">
          <EmptyState icon={<HistoryIcon />} title="No runs yet">
            {fitting.length ? (disabledReason ? "When an editor generates, the runs and their files show up here." : "Generate to see the files.") : "Add a template first, then generate to see the files."}
          </EmptyState>
        </Section>
      ) : (
        <div className="mt-8 grid items-start gap-6 lg:grid-cols-[19rem_minmax(0,1fr)]">
          <section aria-labelledby="runs-heading" className="min-w-0">
            <h2 id="runs-heading" className="mb-3 text-sm font-semibold">
              Runs <span className="font-normal text-muted-foreground">({runs.data.length})</span>
            </h2>
            <div className="lg:max-h-[calc(100dvh-8rem)] lg:overflow-y-auto lg:pr-1">
              <RunHistory runs={runs.data} selectedId={selectedRunId} onSelect={selectRun} />
            </div>
          </section>
          {selectedRunId ? (
            <RunDetails
              key={selectedRunId}
              runId={selectedRunId}
              projectId={projectId}
              file={searchParams.get("file")}
              onSelectFile={selectFile}
              onSelectRun={selectRun}
            />
          ) : null}
        </div>
      )}
      {watchers}
    </PageContainer>
  );
}
