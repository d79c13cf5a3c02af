"use client";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleAlertIcon } from "lucide-react";
import { useMemo, useState, type FormEvent } from "react";
import { toast } from "sonner";
import type { MetamodelChange } from "@/core/metamodel/changes";
import { suggestedBump } from "@/core/metamodel/changes";
import type { MetaModel } from "@/core/metamodel/schema";
import { validate } from "@/core/metamodel/validate";
import { nextVersions, versionProblem } from "@/core/templates/versions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { cn } from "@/lib/utils";
import { ChangeList, changelogFrom, IMPACT } from "./versions-changes";

const BUMPS = [
  { key: "patch", label: "Patch" },
  { key: "minor", label: "Minor" },
  { key: "major", label: "Major" },
] as const;

/**
 * Resolves once every local edit was acknowledged by the collab-server (acknowledged means stored:
 * what the server publishes is then what this person sees), or after `ms`.
 */
function whenSaved(provider: HocuspocusProvider | null, ms = 4000): Promise<void> {
  if (!provider?.hasUnsyncedChanges) return Promise.resolve();
  provider.flushPendingUpdates();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      provider.off("unsyncedChanges", check);
      resolve();
    };
    const check = () => {
      if (!provider.hasUnsyncedChanges) done();
    };
    const timer = setTimeout(done, ms);
    provider.on("unsyncedChanges", check);
  });
}

export interface PublishTarget {
  metamodelId: string;
  name: string;
  versions: string[];
  latest: string | null;
}

function PublishForm({ target, draft, changes, provider, onDone }: { target: PublishTarget; draft: MetaModel; changes: MetamodelChange[] | null; provider: HocuspocusProvider | null; onDone(): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const suggested = useMemo(() => nextVersions(target.latest), [target.latest]);
  const bump = changes ? suggestedBump(changes) : null;
  // The first version is 1.0.0; later ones follow the change list (patch when nothing changed).
  const [version, setVersion] = useState(target.latest ? suggested[bump ?? "patch"] : suggested.major);
  const [changelog, setChangelog] = useState("");
  const [errors, setErrors] = useState<{ version?: string; changelog?: string; form?: string }>({});
  const publish = useMutation(trpc.metamodel.publish.mutationOptions());
  const invalid = useMemo(() => validate(draft).filter((p) => p.severity === "error"), [draft]);
  const bumps = BUMPS.filter((b, i) => BUMPS.findIndex((x) => suggested[x.key] === suggested[b.key]) === i);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (invalid.length) return;
    const local = versionProblem(version.trim(), target.versions);
    if (local) {
      setErrors({ version: local });
      return;
    }
    try {
      await whenSaved(provider);
      const published = await publish.mutateAsync({ workspaceId: workspace.id, metamodelId: target.metamodelId, version: version.trim(), changelog });
      // Models pinned to an older version now have an upgrade available.
      await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.metamodel.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.model.pathKey() })]);
      toast.success(`Published ${target.name} ${published.version}`, { description: "Models can now pin this version." });
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
        htmlFor="mm-publish-version"
        error={errors.version}
        hint={
          target.latest
            ? bump
              ? `Latest: ${target.latest}. Suggested: ${bump} (${IMPACT[bump].label.toLowerCase()} since ${target.latest}). Versions never change once published.`
              : `Latest: ${target.latest}. Nothing changed since; a patch is enough. Versions never change once published.`
            : "The first version. Versions never change once published."
        }
      >
        <div className="flex gap-2">
          <Input
            id="mm-publish-version"
            value={version}
            onChange={(e) => {
              setVersion(e.target.value);
              setErrors((x) => ({ ...x, version: undefined }));
            }}
            className="max-w-36 font-mono"
            autoComplete="off"
            autoFocus
            aria-invalid={!!errors.version}
          />
          <div className="flex rounded-md bg-surface-muted p-0.5" role="group" aria-label="Suggested bumps">
            {bumps.map((b) => {
              const value = suggested[b.key];
              return (
                <button
                  key={b.key}
                  type="button"
                  title={target.latest ? `${b.label}: ${IMPACT[b.key].hint}` : b.key === "major" ? "A stable first version" : "An early first version"}
                  aria-pressed={version.trim() === value}
                  onClick={() => {
                    setVersion(value);
                    setErrors((x) => ({ ...x, version: undefined }));
                  }}
                  className={cn("rounded px-2.5 text-[12px] text-muted-foreground", version.trim() === value && "bg-surface font-medium text-foreground shadow-xs")}
                >
                  {target.latest ? b.label : b.key === "major" ? "Stable" : "Early"} <span className="font-mono">{value}</span>
                  {target.latest && b.key === bump ? <span className="ml-1 text-[10px] uppercase tracking-wide text-accent">suggested</span> : null}
                </button>
              );
            })}
          </div>
        </div>
      </Field>

      <div className="grid gap-1.5">
        <p className="text-[13px] font-medium">{target.latest ? `Changes since ${target.latest}` : "What this version holds"}</p>
        {target.latest ? (
          changes ? (
            <ChangeList changes={changes} empty={`Nothing changed since ${target.latest}.`} className="max-h-56 overflow-y-auto rounded-md border p-2" />
          ) : (
            <p className="text-[13px] text-muted-foreground">Comparing with {target.latest}...</p>
          )
        ) : (
          <p className="text-[13px] text-muted-foreground">
            {draft.classes.length} {draft.classes.length === 1 ? "class" : "classes"} and {draft.enums.length} {draft.enums.length === 1 ? "enum" : "enums"}, frozen as they are now. The draft stays editable.
          </p>
        )}
      </div>

      <Field
        label="Changelog"
        htmlFor="mm-publish-changelog"
        error={errors.changelog}
        hint={
          <span className="flex items-center gap-2">
            What changed, for the people who upgrade their models to it.
            {changes && changes.length ? (
              <button type="button" className="font-medium text-accent hover:underline" onClick={() => setChangelog((c) => (c.trim() ? `${c.trimEnd()}\n${changelogFrom(changes)}` : changelogFrom(changes)))}>
                Insert the change list
              </button>
            ) : null}
          </span>
        }
      >
        <Textarea id="mm-publish-changelog" value={changelog} onChange={(e) => setChangelog(e.target.value)} rows={4} placeholder="- Removed Entity.tableName: use the entity name instead" />
      </Field>

      {invalid.length ? (
        <div role="alert" className="flex gap-2 rounded-md bg-danger-soft px-3 py-2 text-[13px] text-danger">
          <CircleAlertIcon className="mt-0.5 size-4 shrink-0" />
          <div>
            <p className="font-medium">
              The meta-model has {invalid.length} {invalid.length === 1 ? "error" : "errors"}: fix {invalid.length === 1 ? "it" : "them"} before publishing (the problems panel shows each with a fix).
            </p>
            <ul className="mt-1 list-disc pl-4">
              {invalid.slice(0, 3).map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          </div>
        </div>
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
        <Button type="submit" loading={publish.isPending} disabled={invalid.length > 0}>
          Publish {version.trim() || "version"}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** Publish the live meta-model as an immutable version: a semver suggested from the change list, and a changelog. */
export function PublishVersionDialog({
  target,
  draft,
  changes,
  provider,
  open,
  onOpenChange,
}: {
  target: PublishTarget;
  draft: MetaModel;
  /** Changes since the latest version (null while they load, or when there is none). */
  changes: MetamodelChange[] | null;
  provider: HocuspocusProvider | null;
  open: boolean;
  onOpenChange(o: boolean): void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={`Publish ${target.name}`} description="Freezes the meta-model as it is now, as a version models can pin. The draft stays editable." className="top-[8vh] max-w-xl">
        {open ? <PublishForm key={`${target.latest ?? "none"}-${changes === null}`} target={target} draft={draft} changes={changes} provider={provider} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}
