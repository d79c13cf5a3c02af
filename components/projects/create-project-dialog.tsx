"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { createProjectInput } from "@/core/project/schemas";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { useShell } from "../shell/shell-context";

export function CreateProjectDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const create = useMutation(trpc.project.create.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = createProjectInput.safeParse({ name: form.get("name"), description: form.get("description") ?? "" });
    if (!parsed.success) {
      const fields = z.flattenError(parsed.error).fieldErrors;
      setErrors({ name: fields.name?.[0], description: fields.description?.[0] });
      return;
    }
    setErrors({});
    try {
      const project = await create.mutateAsync({ workspaceId: workspace.id, ...parsed.data });
      await queryClient.invalidateQueries({ queryKey: trpc.project.list.queryKey() });
      onOpenChange(false);
      toast.success(`Created ${project.name}`);
      router.push(`/w/${workspace.slug}/projects/${project.id}`);
    } catch (error) {
      const ui = toUiError(error);
      setErrors({ name: ui.fieldErrors.name?.[0], description: ui.fieldErrors.description?.[0] });
      if (!ui.fieldErrors.name && !ui.fieldErrors.description) toast.error(ui.message);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setErrors({});
        onOpenChange(next);
      }}
    >
      <DialogContent title="New project" description="A project holds meta-models, models, templates and generation runs.">
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <Field label="Name" htmlFor="project-name" error={errors.name}>
            <Input id="project-name" name="name" placeholder="Online shop" autoFocus aria-invalid={!!errors.name} />
          </Field>
          <Field label="Description" htmlFor="project-description" error={errors.description} hint="Optional. What this project generates, for whom.">
            <Textarea id="project-description" name="description" rows={3} aria-invalid={!!errors.description} />
          </Field>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create project
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
