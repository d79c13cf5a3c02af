"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { NetworkIcon, PlusIcon, Trash2Icon } from "lucide-react";
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
import { NewMetamodelDialog } from "./new-metamodel-dialog";

type Row = RouterOutputs["metamodel"]["list"][number];

function DeleteDialog({ row, onClose }: { row: Row | null; onClose(): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.metamodel.delete.mutationOptions());
  return (
    <DeleteByNameDialog
      name={row?.name ?? null}
      description="The meta-model and its diagram are deleted for everyone. This cannot be undone. Export it first to keep a copy."
      actionLabel="Delete meta-model"
      pending={remove.isPending}
      onDelete={async (typed) => {
        await remove.mutateAsync({ workspaceId: workspace.id, metamodelId: row!.id, confirmName: typed });
        await queryClient.invalidateQueries({ queryKey: trpc.metamodel.list.queryKey() });
        toast.success(`Deleted ${row!.name}`);
      }}
      onClose={onClose}
    />
  );
}

/** The meta-models of a project, with the way to add one. */
export function MetamodelList({ projectId, archived }: { projectId: string; archived: boolean }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Row | null>(null);
  const list = useQuery(trpc.metamodel.list.queryOptions({ workspaceId: workspace.id, projectId }));
  const canEdit = can(workspace.role, "document:edit") && !archived;
  const base = `/w/${workspace.slug}/projects/${projectId}/metamodels`;

  return (
    <section className="mt-10" aria-labelledby="mm-heading">
      <div className="mb-3 flex items-center justify-between">
        <div>
          <h2 id="mm-heading" className="text-sm font-semibold">
            Meta-models
          </h2>
          <p className="text-xs text-muted-foreground">The shape of your domain language: classes, attributes, references, enums.</p>
        </div>
        {canEdit ? (
          <Button size="sm" onClick={() => setCreating(true)}>
            <PlusIcon /> New meta-model
          </Button>
        ) : null}
      </div>
      {list.isPending ? (
        <Skeleton className="h-20" />
      ) : list.isError ? (
        <p className="text-sm text-danger">{toUiError(list.error).message}</p>
      ) : list.data.length === 0 ? (
        <EmptyState
          icon={<NetworkIcon />}
          title="No meta-models yet"
          action={
            canEdit ? (
              <Button onClick={() => setCreating(true)}>
                <PlusIcon /> Start from a template
              </Button>
            ) : null
          }
        >
          {canEdit
            ? "Pick one of eight starters (data model, REST API, state machine, ...) and shape it with your team, live."
            : "Editors can create one."}
        </EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" aria-label="Meta-models">
          {list.data.map((m) => (
            <li key={m.id} className="group relative">
              <Link href={`${base}/${m.id}`} className="flex h-full flex-col rounded-xl border bg-surface p-4 shadow-xs transition hover:border-accent/40">
                <span className="flex items-center gap-2 font-medium">
                  <NetworkIcon className="size-4 text-accent" />
                  <span className="truncate">{m.name}</span>
                </span>
                <span className="mt-1 text-xs text-muted-foreground">
                  {m.classCount} {m.classCount === 1 ? "class" : "classes"} · {m.enumCount} {m.enumCount === 1 ? "enum" : "enums"} · updated {timeAgo(new Date(m.updatedAt))}
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
      <NewMetamodelDialog projectId={projectId} open={creating} onOpenChange={setCreating} />
      <DeleteDialog row={deleting} onClose={() => setDeleting(null)} />
    </section>
  );
}
