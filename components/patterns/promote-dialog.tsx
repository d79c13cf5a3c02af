"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { BoxesIcon, FileCode2Icon, NetworkIcon, PlayIcon } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { patternClassName } from "@/core/patterns/promote";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { plural } from "./analysis-info";

type Group = RouterOutputs["pattern"]["group"];
type Promoted = RouterOutputs["pattern"]["promote"];

/** Confirms what promoting creates (named), then links to the new model, template and Generate. */
export function PromoteDialog({ analysisId, group, projectId, open, onOpenChange }: { analysisId: string; group: Group; projectId: string; open: boolean; onOpenChange(o: boolean): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const promote = useMutation(trpc.pattern.promote.mutationOptions());
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Promoted | null>(null);
  const className = patternClassName(group, name);
  const title = name.trim() || className;
  const files = new Set(group.instances.map((i) => i.file)).size;
  const base = `/w/${workspace.slug}/projects/${projectId}`;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const result = await promote.mutateAsync({ workspaceId: workspace.id, analysisId, groupId: group.id, name: name.trim() || undefined });
      setDone(result);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.pattern.group.queryKey({ workspaceId: workspace.id, analysisId, groupId: group.id }) }),
        queryClient.invalidateQueries({ queryKey: trpc.pattern.get.queryKey({ workspaceId: workspace.id, analysisId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.metamodel.list.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.model.list.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.template.list.queryKey() }),
      ]);
    } catch (e) {
      setError(toUiError(e).message);
    }
  }

  const close = (o: boolean) => {
    if (promote.isPending) return;
    if (!o) {
      setDone(null);
      setError(null);
      setName("");
    }
    onOpenChange(o);
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      {done ? (
        <DialogContent title={`Promoted: ${done.className}`} description={`Generating the model with the template gives back the ${plural(done.files, "file")} exactly as they are.`} className="max-w-lg">
          <div className="grid gap-2">
            <Button asChild>
              <Link href={`${base}/models/${done.modelId}/generate`} onClick={() => close(false)}>
                <PlayIcon /> Generate the code from the model
              </Link>
            </Button>
            <div className="grid grid-cols-3 gap-2">
              <Button asChild variant="secondary" size="sm">
                <Link href={`${base}/metamodels/${done.metamodelId}`} onClick={() => close(false)}>
                  <NetworkIcon /> Meta-model
                </Link>
              </Button>
              <Button asChild variant="secondary" size="sm">
                <Link href={`${base}/models/${done.modelId}`} onClick={() => close(false)}>
                  <BoxesIcon /> Model
                </Link>
              </Button>
              <Button asChild variant="secondary" size="sm">
                <Link href={`${base}/templates/${done.templateId}`} onClick={() => close(false)}>
                  <FileCode2Icon /> Template
                </Link>
              </Button>
            </div>
          </div>
          <DialogFooter>
            <Button variant="ghost" onClick={() => close(false)}>
              Stay here
            </Button>
          </DialogFooter>
        </DialogContent>
      ) : (
        <DialogContent title={`Promote ${group.id} to a model`} description="This creates three documents in the project. The analysis itself does not change." className="max-w-lg">
          <form onSubmit={onSubmit} className="grid gap-4" noValidate>
            <Field label="Name" htmlFor="promote-name" hint="Names the class of the occurrences and the three documents.">
              <Input id="promote-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={className} maxLength={120} autoFocus />
            </Field>
            <ul className="grid gap-2 text-sm" aria-label="What will be created">
              <li className="flex gap-3 rounded-lg border bg-surface px-3 py-2">
                <NetworkIcon className="mt-0.5 size-4 shrink-0 text-accent" />
                <span>
                  Meta-model <b>{title}</b>: <code className="text-xs">SourceFile</code> with its segments, <code className="text-xs">Text</code>, and <code className="text-xs">{className}</code>{" "}
                  with {plural(group.holes.length, "attribute")} (one per hole{group.holes.length ? `: ${group.holes.map((h) => h.name).join(", ")}` : ""}).
                </span>
              </li>
              <li className="flex gap-3 rounded-lg border bg-surface px-3 py-2">
                <BoxesIcon className="mt-0.5 size-4 shrink-0 text-accent" />
                <span>
                  Model <b>{title}</b>: {plural(files, "source file")}, {plural(group.instances.length, `${className} object`)} (one per occurrence) and the text between them.
                </span>
              </li>
              <li className="flex gap-3 rounded-lg border bg-surface px-3 py-2">
                <FileCode2Icon className="mt-0.5 size-4 shrink-0 text-accent" />
                <span>
                  Template <b>{title}</b>: one file per source file, the extracted template as the partial <code className="text-xs">pattern</code>, formatting off so the output is byte for byte.
                </span>
              </li>
            </ul>
            {error ? (
              <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-[13px] text-danger">
                {error}
              </p>
            ) : null}
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => close(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={promote.isPending}>
                Create meta-model, model and template
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
