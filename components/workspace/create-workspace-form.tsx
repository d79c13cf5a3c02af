"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { createWorkspaceInput, slugify } from "@/core/workspace/schemas";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";

/** Name a workspace; its URL name follows the name until you edit it. */
export function CreateWorkspaceForm({ onCreated, submitLabel = "Create workspace" }: { onCreated?: () => void; submitLabel?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const create = useMutation(trpc.workspace.create.mutationOptions());
  const shownSlug = slugEdited ? slug : slugify(name);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = createWorkspaceInput.safeParse({ name, slug: name.trim() ? shownSlug : undefined });
    if (!parsed.success) {
      const fields = z.flattenError(parsed.error).fieldErrors;
      setErrors({ name: fields.name?.[0], slug: fields.slug?.[0] });
      return;
    }
    setErrors({});
    try {
      const ws = await create.mutateAsync(parsed.data);
      await queryClient.invalidateQueries({ queryKey: trpc.workspace.list.queryKey() });
      onCreated?.();
      router.push(`/w/${ws.slug}`);
    } catch (error) {
      const ui = toUiError(error);
      setErrors({ name: ui.fieldErrors.name?.[0], slug: ui.fieldErrors.slug?.[0], form: ui.fieldErrors.slug ? undefined : ui.message });
    }
  }

  return (
    <form className="grid gap-4" onSubmit={onSubmit} noValidate>
      <Field label="Workspace name" htmlFor="ws-name" error={errors.name} hint="Usually your team or company.">
        <Input
          id="ws-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Acme Platform Team"
          autoFocus
          aria-invalid={!!errors.name}
        />
      </Field>
      <Field label="URL" htmlFor="ws-slug" error={errors.slug}>
        <div className="flex items-center rounded-md border bg-surface-muted text-sm shadow-xs focus-within:border-ring">
          <span className="pl-3 text-muted-foreground">/w/</span>
          <input
            id="ws-slug"
            className="h-9 w-full bg-transparent pr-3 outline-none"
            value={shownSlug}
            onChange={(e) => {
              setSlugEdited(true);
              setSlug(e.target.value.toLowerCase());
            }}
            aria-invalid={!!errors.slug}
          />
        </div>
      </Field>
      {errors.form ? (
        <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
          {errors.form}
        </p>
      ) : null}
      <Button type="submit" loading={create.isPending}>
        {submitLabel}
      </Button>
    </form>
  );
}
