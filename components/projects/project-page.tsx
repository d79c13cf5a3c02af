"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArchiveIcon, ArchiveRestoreIcon, FolderIcon, MoreHorizontalIcon, PencilIcon, Trash2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { updateProjectInput } from "@/core/project/schemas";
import { can } from "@/core/workspace/roles";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Badge, EmptyState, Skeleton } from "@/components/ui/misc";
import { MetamodelList } from "@/components/metamodels/metamodel-list";
import { ModelList } from "@/components/models/model-list";
import { AnalysisList } from "@/components/patterns/analysis-list";
import { TemplateList } from "@/components/templates/template-list";
import { useCrumbs, useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { timeAgo } from "@/lib/utils";

type Project = RouterOutputs["project"]["get"];

function EditProjectDialog({ project, open, onOpenChange }: { project: Project; open: boolean; onOpenChange(o: boolean): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const update = useMutation(trpc.project.update.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = updateProjectInput.safeParse({
      projectId: project.id,
      name: form.get("name"),
      description: form.get("description"),
    });
    if (!parsed.success) {
      const fields = z.flattenError(parsed.error).fieldErrors;
      setErrors({ name: fields.name?.[0], description: fields.description?.[0] });
      return;
    }
    try {
      await update.mutateAsync({ workspaceId: workspace.id, ...parsed.data });
      await queryClient.invalidateQueries({ queryKey: trpc.project.pathKey() });
      setErrors({});
      onOpenChange(false);
      toast.success("Project saved");
    } catch (error) {
      const ui = toUiError(error);
      setErrors({ name: ui.fieldErrors.name?.[0], description: ui.fieldErrors.description?.[0] });
      if (!ui.fieldErrors.name && !ui.fieldErrors.description) toast.error(ui.message);
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Edit project">
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <Field label="Name" htmlFor="edit-name" error={errors.name}>
            <Input id="edit-name" name="name" defaultValue={project.name} autoFocus aria-invalid={!!errors.name} />
          </Field>
          <Field label="Description" htmlFor="edit-description" error={errors.description}>
            <Textarea id="edit-description" name="description" defaultValue={project.description} rows={4} />
          </Field>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function DeleteProjectDialog({ project, open, onOpenChange }: { project: Project; open: boolean; onOpenChange(o: boolean): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState("");
  const remove = useMutation(trpc.project.delete.mutationOptions());

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    try {
      await remove.mutateAsync({ workspaceId: workspace.id, projectId: project.id, confirmName: typed });
      onOpenChange(false);
      toast.success(`Deleted ${project.name}`);
      router.push(`/w/${workspace.slug}`);
      await queryClient.invalidateQueries({ queryKey: trpc.project.list.queryKey() });
    } catch (error) {
      toast.error(toUiError(error).message);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(o) => (setTyped(""), onOpenChange(o))}>
      <DialogContent
        title={`Delete ${project.name}?`}
        description="This deletes the project and everything in it, for everyone. It cannot be undone. To keep it read-only instead, archive it."
      >
        <form onSubmit={onSubmit} className="grid gap-4">
          <Field label={<>Type <span className="font-mono">{project.name}</span> to confirm</>} htmlFor="confirm-name">
            <Input id="confirm-name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />
          </Field>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={typed.trim() !== project.name} loading={remove.isPending}>
              Delete project
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function ProjectPage({ projectId }: { projectId: string }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<null | "edit" | "delete">(null);
  const query = useQuery(trpc.project.get.queryOptions({ workspaceId: workspace.id, projectId }));
  const archive = useMutation(trpc.project.archive.mutationOptions());
  const unarchive = useMutation(trpc.project.unarchive.mutationOptions());
  useCrumbs([{ label: "Projects", href: `/w/${workspace.slug}` }, { label: query.data?.name ?? "Project" }]);

  if (query.isPending) {
    return (
      <div className="grid gap-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-5 w-96" />
        <Skeleton className="h-32" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <EmptyState icon={<FolderIcon />} title="Project not available">
        {toUiError(query.error).message}
      </EmptyState>
    );
  }

  const project = query.data;
  const archived = Boolean(project.archivedAt);
  const canEdit = can(workspace.role, "project:update") && !archived;
  const canArchive = can(workspace.role, "project:archive");
  const canDelete = can(workspace.role, "project:delete");

  async function setArchived(value: boolean) {
    try {
      await (value ? archive : unarchive).mutateAsync({ workspaceId: workspace.id, projectId });
      await queryClient.invalidateQueries({ queryKey: trpc.project.pathKey() });
      toast.success(value ? `Archived ${project.name}` : `Restored ${project.name}`);
    } catch (error) {
      toast.error(toUiError(error).message);
    }
  }

  return (
    <>
      {archived ? (
        <div className="mb-6 flex items-center gap-3 rounded-lg border border-warning/40 bg-warning/10 px-4 py-3 text-sm">
          <ArchiveIcon className="size-4 shrink-0" />
          <span className="flex-1">This project is archived and read-only. Restore it to edit it.</span>
          {canArchive ? (
            <Button size="sm" variant="secondary" onClick={() => void setArchived(false)} loading={unarchive.isPending}>
              Restore
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className="mb-8 flex items-start gap-4">
        <span className="flex size-11 shrink-0 items-center justify-center rounded-xl bg-accent-soft text-accent">
          <FolderIcon className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <h1 className="truncate text-xl font-semibold tracking-tight">{project.name}</h1>
            {archived ? <Badge>Archived</Badge> : null}
          </div>
          <p className="mt-1 whitespace-pre-wrap text-sm text-muted-foreground">
            {project.description || (canEdit ? "No description yet. Add one so your team knows what this generates." : "No description.")}
          </p>
        </div>
        {canEdit || canArchive || canDelete ? (
          <div className="flex items-center gap-2">
            {canEdit ? (
              <Button variant="secondary" size="sm" onClick={() => setDialog("edit")}>
                <PencilIcon /> Edit
              </Button>
            ) : null}
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" size="icon" aria-label="Project actions">
                  <MoreHorizontalIcon />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                {canArchive ? (
                  archived ? (
                    <DropdownMenuItem onSelect={() => void setArchived(false)}>
                      <ArchiveRestoreIcon /> Restore project
                    </DropdownMenuItem>
                  ) : (
                    <DropdownMenuItem onSelect={() => void setArchived(true)}>
                      <ArchiveIcon /> Archive project
                    </DropdownMenuItem>
                  )
                ) : null}
                {canDelete ? (
                  <>
                    <DropdownMenuSeparator />
                    <DropdownMenuItem destructive onSelect={() => setDialog("delete")}>
                      <Trash2Icon /> Delete project...
                    </DropdownMenuItem>
                  </>
                ) : null}
              </DropdownMenuContent>
            </DropdownMenu>
          </div>
        ) : null}
      </div>
      <dl className="grid gap-px overflow-hidden rounded-xl border bg-border sm:grid-cols-3">
        {[
          ["Created by", project.createdByName ?? "A former member"],
          ["Created", `${timeAgo(new Date(project.createdAt))} · ${new Date(project.createdAt).toLocaleDateString()}`],
          ["Last updated", timeAgo(new Date(project.updatedAt))],
        ].map(([term, value]) => (
          <div key={term} className="bg-surface px-4 py-3">
            <dt className="text-xs text-muted-foreground">{term}</dt>
            <dd className="mt-0.5 text-sm font-medium">{value}</dd>
          </div>
        ))}
      </dl>
      <MetamodelList projectId={project.id} archived={archived} />
      <ModelList projectId={project.id} archived={archived} />
      <TemplateList projectId={project.id} archived={archived} />
      <AnalysisList projectId={project.id} archived={archived} />
      <EditProjectDialog key={`${project.id}-${project.updatedAt.toString()}`} project={project} open={dialog === "edit"} onOpenChange={(o) => setDialog(o ? "edit" : null)} />
      <DeleteProjectDialog project={project} open={dialog === "delete"} onOpenChange={(o) => setDialog(o ? "delete" : null)} />
    </>
  );
}
