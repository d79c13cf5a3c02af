"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BoxesIcon, PlusIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { can } from "@/core/workspace/roles";
import { Button } from "@/components/ui/button";
import { DeleteByNameDialog } from "@/components/ui/delete-by-name-dialog";
import { EmptyState, Skeleton } from "@/components/ui/misc";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { timeAgo } from "@/lib/utils";
import { NewModelDialog } from "./new-model-dialog";

type Row = RouterOutputs["model"]["list"][number];

function DeleteModelDialog({ row, onClose }: { row: Row | null; onClose(): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.model.delete.mutationOptions());
  return (
    <DeleteByNameDialog
      name={row?.name ?? null}
      description="The model and all its objects are deleted for everyone. This cannot be undone. Export it first (from the model's page) to keep a copy."
      actionLabel="Delete model"
      pending={remove.isPending}
      onDelete={async (typed) => {
        await remove.mutateAsync({ workspaceId: workspace.id, modelId: row!.id, confirmName: typed });
        await queryClient.invalidateQueries({ queryKey: trpc.model.list.queryKey() });
        toast.success(`Deleted ${row!.name}`);
      }}
      onClose={onClose}
    />
  );
}

/** The models of a project, with the way to add one. */
export function ModelList({ projectId, archived }: { projectId: string; archived: boolean }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Row | null>(null);
  const list = useQuery(trpc.model.list.queryOptions({ workspaceId: workspace.id, projectId }));
  const metamodels = useQuery(trpc.metamodel.list.queryOptions({ workspaceId: workspace.id, projectId }));
  const canEdit = can(workspace.role, "document:edit") && !archived;
  const hasMetamodels = (metamodels.data?.length ?? 0) > 0;
  const base = `/w/${workspace.slug}/projects/${projectId}/models`;

  return (
    <section className="mt-10" aria-labelledby="models-heading">
      <div className="mb-3 flex items-center justify-between">
        <div>
          <h2 id="models-heading" className="text-sm font-semibold">
            Models
          </h2>
          <p className="text-xs text-muted-foreground">Your domain, described as objects of a meta-model: what templates generate from.</p>
        </div>
        {canEdit && hasMetamodels ? (
          <Button size="sm" onClick={() => setCreating(true)}>
            <PlusIcon /> New model
          </Button>
        ) : null}
      </div>
      {list.isPending ? (
        <Skeleton className="h-20" />
      ) : list.isError ? (
        <p className="text-sm text-danger">{toUiError(list.error).message}</p>
      ) : list.data.length === 0 ? (
        <EmptyState
          icon={<BoxesIcon />}
          title="No models yet"
          action={
            canEdit && hasMetamodels ? (
              <Button onClick={() => setCreating(true)}>
                <PlusIcon /> Create a model from a meta-model
              </Button>
            ) : null
          }
        >
          {!canEdit
            ? archived
              ? "This project is archived. Restore it to add models."
              : "Editors can create one."
            : hasMetamodels
              ? "Create a model from a meta-model: start blank, from the starter's example, or from a file."
              : "Create a meta-model first (above): it defines the classes a model's objects have."}
        </EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" aria-label="Models">
          {list.data.map((m) => (
            <li key={m.id} className="group relative">
              <Link href={`${base}/${m.id}`} className="flex h-full flex-col rounded-xl border bg-surface p-4 shadow-xs transition hover:border-accent/40">
                <span className="flex items-center gap-2 pr-6 font-medium">
                  <BoxesIcon className="size-4 shrink-0 text-accent" />
                  <span className="truncate">{m.name}</span>
                </span>
                <span className="mt-1 truncate text-xs text-muted-foreground">
                  {m.metamodelName} · {m.objectCount} {m.objectCount === 1 ? "object" : "objects"} · updated {timeAgo(new Date(m.updatedAt))}
                </span>
              </Link>
              {canEdit ? (
                <button
                  type="button"
                  className="absolute right-3 top-3 rounded-md p-1 text-muted-foreground opacity-0 hover:bg-surface-muted hover:text-danger focus:opacity-100 group-hover:opacity-100"
                  aria-label={`Delete ${m.name}`}
                  onClick={() => setDeleting(m)}
                >
                  <Trash2Icon className="size-4" />
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? <NewModelDialog projectId={projectId} open={creating} onOpenChange={setCreating} /> : null}
      <DeleteModelDialog row={deleting} onClose={() => setDeleting(null)} />
    </section>
  );
}
