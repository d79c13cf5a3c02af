"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { versionProblem } from "@/core/templates/versions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { cn } from "@/lib/utils";

type TemplateRow = RouterOutputs["template"]["get"];

const BUMPS = [
  { key: "patch", label: "Patch", hint: "fixes" },
  { key: "minor", label: "Minor", hint: "additions" },
  { key: "major", label: "Major", hint: "breaking changes" },
] as const;

function PublishForm({ row, problemCount, onDone }: { row: TemplateRow; problemCount: number; onDone(): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(row.suggestedVersions.minor);
  const [changelog, setChangelog] = useState("");
  const [errors, setErrors] = useState<{ version?: string; changelog?: string; form?: string }>({});
  const publish = useMutation(trpc.template.publish.mutationOptions());

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local = versionProblem(version.trim(), row.versions.map((v) => v.version));
    if (local) {
      setErrors({ version: local });
      return;
    }
    try {
      const published = await publish.mutateAsync({ workspaceId: workspace.id, templateId: row.id, version: version.trim(), changelog });
      await queryClient.invalidateQueries({ queryKey: trpc.template.pathKey() });
      toast.success(`Published ${row.name} ${published.version}`);
      onDone();
    } catch (error) {
      const ui = toUiError(error);
      const fieldVersion = ui.fieldErrors.version?.[0];
      const fieldChangelog = ui.fieldErrors.changelog?.[0];
      setErrors({ version: fieldVersion, changelog: fieldChangelog, form: fieldVersion || fieldChangelog ? undefined : ui.message });
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <Field
        label="Version"
        htmlFor="publish-version"
        error={errors.version}
        hint={row.latestVersion ? `Latest: ${row.latestVersion}. Versions are immutable once published.` : "The first version. Versions are immutable once published."}
      >
        <div className="flex gap-2">
          <Input
            id="publish-version"
            value={version}
            onChange={(e) => {
              setVersion(e.target.value);
              setErrors((x) => ({ ...x, version: undefined }));
            }}
            className="max-w-36 font-mono"
            autoComplete="off"
            autoFocus
            aria-invalid={!!errors.version}
            aria-describedby={errors.version ? "publish-version-error" : undefined}
          />
          <div className="flex rounded-md bg-surface-muted p-0.5" role="group" aria-label="Suggested bumps">
            {BUMPS.map((b) => {
              const value = row.suggestedVersions[b.key];
              return (
                <button
                  key={b.key}
                  type="button"
                  title={`${b.label}: ${b.hint}`}
                  aria-pressed={version.trim() === value}
                  onClick={() => {
                    setVersion(value);
                    setErrors((x) => ({ ...x, version: undefined }));
                  }}
                  className={cn("rounded px-2.5 text-[12px] text-muted-foreground", version.trim() === value && "bg-surface font-medium text-foreground shadow-xs")}
                >
                  {b.label} <span className="font-mono">{value}</span>
                </button>
              );
            })}
          </div>
        </div>
      </Field>
      <Field label="Changelog" htmlFor="publish-changelog" error={errors.changelog} hint="What changed, for the people who upgrade their models to it.">
        <Textarea id="publish-changelog" value={changelog} onChange={(e) => setChangelog(e.target.value)} rows={5} placeholder="- Added a zod schema for new rows" />
      </Field>
      {problemCount > 0 && !errors.form ? (
        <p className="rounded-md bg-warning/15 px-3 py-2 text-[13px]">
          The draft has {problemCount} {problemCount === 1 ? "problem" : "problems"} in the preview. Parse errors stop publishing; fix them first.
        </p>
      ) : null}
      {errors.form ? (
        <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
          {errors.form}
        </p>
      ) : null}
      <DialogFooter>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={publish.isPending}>
          Publish {version.trim() || "version"}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** Publish the draft as an immutable version: version (suggested bumps) and changelog. */
export function PublishDialog({ row, open, onOpenChange, problemCount }: { row: TemplateRow; open: boolean; onOpenChange(o: boolean): void; problemCount: number }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={`Publish ${row.name}`} description="Freezes the current draft as a version models can pin. The draft stays editable." className="max-w-xl">
        {open ? <PublishForm key={row.latestVersion ?? "none"} row={row} problemCount={problemCount} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}
