"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileCode2Icon, NetworkIcon, PlusIcon, TagIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { can } from "@/core/workspace/roles";
import { Button } from "@/components/ui/button";
import { DeleteByNameDialog } from "@/components/ui/delete-by-name-dialog";
import { Badge, EmptyState, Skeleton } from "@/components/ui/misc";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { timeAgo } from "@/lib/utils";
import { NewTemplateDialog } from "./new-template-dialog";

type Row = RouterOutputs["template"]["list"][number];

function DeleteTemplateDialog({ row, onClose }: { row: Row | null; onClose(): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.template.delete.mutationOptions());
  return (
    <DeleteByNameDialog
      name={row?.name ?? null}
      description="The template, its draft and all its published versions are deleted for everyone. Models pinned to it can no longer generate with it. This cannot be undone."
      actionLabel="Delete template"
      pending={remove.isPending}
      onDelete={async (typed) => {
        await remove.mutateAsync({ workspaceId: workspace.id, templateId: row!.id, confirmName: typed });
        await queryClient.invalidateQueries({ queryKey: trpc.template.list.queryKey() });
        toast.success(`Deleted ${row!.name}`);
      }}
      onClose={onClose}
    />
  );
}

/** The latest published version, or "draft". */
function LatestVersion({ version }: { version: string | null }) {
  return version ? (
    <Badge tone="accent" className="gap-1 font-mono">
      <TagIcon className="size-3" />
      {version}
    </Badge>
  ) : (
    <Badge>draft</Badge>
  );
}

/** The templates of a project, with the way to add one. */
export function TemplateList({ projectId, archived }: { projectId: string; archived: boolean }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Row | null>(null);
  const list = useQuery(trpc.template.list.queryOptions({ workspaceId: workspace.id, projectId }));
  const metamodels = useQuery(trpc.metamodel.list.queryOptions({ workspaceId: workspace.id, projectId }));
  const canEdit = can(workspace.role, "document:edit") && !archived;
  const hasMetamodel = (metamodels.data?.length ?? 0) > 0;
  const base = `/w/${workspace.slug}/projects/${projectId}/templates`;

  return (
    <section className="mt-10" aria-labelledby="templates-heading">
      <div className="mb-3 flex items-center justify-between">
        <div>
          <h2 id="templates-heading" className="text-sm font-semibold">
            Templates
          </h2>
          <p className="text-xs text-muted-foreground">Turn models into code, docs and schemas: files written in Liquid, previewed live, published as versions.</p>
        </div>
        {canEdit && hasMetamodel ? (
          <Button size="sm" onClick={() => setCreating(true)}>
            <PlusIcon /> New template
          </Button>
        ) : null}
      </div>
      {list.isPending ? (
        <Skeleton className="h-20" />
      ) : list.isError ? (
        <p className="text-sm text-danger">{toUiError(list.error).message}</p>
      ) : list.data.length === 0 ? (
        <EmptyState
          icon={<FileCode2Icon />}
          title="No templates yet"
          action={
            canEdit && hasMetamodel ? (
              <Button onClick={() => setCreating(true)}>
                <PlusIcon /> Start from a built-in
              </Button>
            ) : null
          }
        >
          {!canEdit
            ? "Editors can create one."
            : hasMetamodel
              ? "Built-ins generate TypeScript + zod, SQL DDL, OpenAPI, JSON Schema and more from a data model; or write your own."
              : "A template is written for a meta-model: create a meta-model above first."}
        </EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" aria-label="Templates">
          {list.data.map((t) => (
            <li key={t.id} className="group relative">
              <Link href={`${base}/${t.id}`} className="flex h-full flex-col rounded-xl border bg-surface p-4 shadow-xs transition hover:border-accent/40">
                <span className="flex items-center gap-2 pr-6 font-medium">
                  <FileCode2Icon className="size-4 shrink-0 text-accent" />
                  <span className="truncate">{t.name}</span>
                  <LatestVersion version={t.latestVersion} />
                </span>
                <span className="mt-1 flex items-center gap-1 text-xs text-muted-foreground">
                  <NetworkIcon className="size-3 shrink-0" />
                  <span className="truncate">{t.metamodelName}</span>
                  <span aria-hidden="true">·</span>
                  <span className="shrink-0">
                    {t.fileCount} {t.fileCount === 1 ? "file" : "files"}
                  </span>
                  <span aria-hidden="true">·</span>
                  <span className="shrink-0">updated {timeAgo(new Date(t.updatedAt))}</span>
                </span>
              </Link>
              {canEdit ? (
                <button
                  type="button"
                  className="absolute right-3 top-3 rounded-md p-1 text-muted-foreground opacity-0 hover:bg-surface-muted hover:text-danger focus:opacity-100 group-hover:opacity-100"
                  aria-label={`Delete ${t.name}`}
                  onClick={() => setDeleting(t)}
                >
                  <Trash2Icon className="size-4" />
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <NewTemplateDialog projectId={projectId} open={creating} onOpenChange={setCreating} />
      <DeleteTemplateDialog row={deleting} onClose={() => setDeleting(null)} />
    </section>
  );
}
