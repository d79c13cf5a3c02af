"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileCode2Icon, PlusIcon, ShieldCheckIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { STARTERS } from "@/core/metamodel/starters";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Badge, Skeleton } from "@/components/ui/misc";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { cn } from "@/lib/utils";

type Builtin = RouterOutputs["template"]["builtins"][number];
type Choice = { kind: "blank" } | { kind: "builtin"; key: string };

const STARTER_TITLES = new Map(STARTERS.map((s) => [s.key, s.title]));
const CHECK_LABELS: Record<string, string> = {
  typescript: "tsc",
  postgres: "PostgreSQL",
  openapi: "OpenAPI",
  jsonschema: "JSON Schema",
  graphql: "GraphQL",
};

function BuiltinCard({ b, selected, onPick }: { b: Builtin; selected: boolean; onPick(): void }) {
  return (
    <button
      type="button"
      role="radio"
      aria-checked={selected}
      aria-label={b.title}
      onClick={onPick}
      className={cn("flex flex-col rounded-lg border bg-surface p-3 text-left transition hover:border-accent/50", selected && "border-accent ring-3 ring-accent/15")}
    >
      <span className="flex items-center gap-2 text-sm font-medium">
        <FileCode2Icon className="size-4 shrink-0 text-accent" /> {b.title}
      </span>
      <span className="mt-1 text-xs text-muted-foreground">{b.summary}</span>
      <span className="mt-2 flex flex-wrap gap-1">
        <Badge tone="accent">{b.language}</Badge>
        {b.checks.map((c) => (
          <Badge key={c} className="gap-1" title={`Generated output is checked with ${CHECK_LABELS[c] ?? c}`}>
            <ShieldCheckIcon className="size-3" /> {CHECK_LABELS[c] ?? c}
          </Badge>
        ))}
      </span>
    </button>
  );
}

/** New template: for a meta-model of the project, blank or from a built-in. */
export function NewTemplateDialog({ projectId, open, onOpenChange }: { projectId: string; open: boolean; onOpenChange(o: boolean): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const metamodels = useQuery({ ...trpc.metamodel.list.queryOptions({ workspaceId: workspace.id, projectId }), enabled: open });
  const builtins = useQuery({ ...trpc.template.builtins.queryOptions(), enabled: open, staleTime: Infinity });
  const [metamodelId, setMetamodelId] = useState<string | null>(null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<{ name?: string; form?: string }>({});
  const create = useMutation(trpc.template.create.mutationOptions());

  const mmId = metamodelId ?? metamodels.data?.[0]?.id ?? null;
  const effective: Choice = choice ?? (builtins.data?.[0] ? { kind: "builtin", key: builtins.data[0].key } : { kind: "blank" });
  const groups = new Map<string, Builtin[]>();
  for (const b of builtins.data ?? []) groups.set(b.starter, [...(groups.get(b.starter) ?? []), b]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError({});
    if (!mmId) {
      setError({ form: "Pick a meta-model first." });
      return;
    }
    if (effective.kind === "blank" && !name.trim()) {
      setError({ name: "Give the template a name." });
      return;
    }
    try {
      const created = await create.mutateAsync({
        workspaceId: workspace.id,
        projectId,
        metamodelId: mmId,
        name: name.trim() || undefined,
        source: effective.kind === "builtin" ? { kind: "builtin", key: effective.key } : { kind: "blank" },
      });
      await queryClient.invalidateQueries({ queryKey: trpc.template.list.queryKey() });
      onOpenChange(false);
      router.push(`/w/${workspace.slug}/projects/${projectId}/templates/${created.id}`);
    } catch (e) {
      const ui = toUiError(e);
      setError({ name: ui.fieldErrors.name?.[0], form: ui.fieldErrors.name ? undefined : ui.message });
    }
  }

  return (
    <Dialog open={open} onOpenChange={(o) => (setError({}), onOpenChange(o))}>
      <DialogContent
        title="New template"
        description="A template turns models of one meta-model into files. Start from a built-in written for a starter meta-model, or from a blank one."
        className="top-[5vh] max-h-[90dvh] max-w-3xl overflow-y-auto"
      >
        <form onSubmit={onSubmit} className="grid gap-5" noValidate>
          <Field label="Meta-model" htmlFor="template-metamodel" hint="The template reads models of this meta-model. It cannot change later.">
            {metamodels.isPending ? (
              <Skeleton className="h-9" />
            ) : metamodels.data?.length ? (
              <Select value={mmId ?? undefined} onValueChange={setMetamodelId}>
                <SelectTrigger id="template-metamodel">
                  <SelectValue placeholder="Pick a meta-model" />
                </SelectTrigger>
                <SelectContent>
                  {metamodels.data.map((m) => (
                    <SelectItem key={m.id} value={m.id} description={`${m.classCount} ${m.classCount === 1 ? "class" : "classes"}`}>
                      {m.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            ) : (
              <p className="rounded-md bg-surface-muted px-3 py-2 text-sm text-muted-foreground">This project has no meta-model yet. Create one first: a template is written for one.</p>
            )}
          </Field>
          <div role="radiogroup" aria-label="Starting point" className="grid max-h-[36dvh] gap-4 overflow-y-auto p-0.5">
            {builtins.isPending ? <Skeleton className="h-28" /> : null}
            {[...groups.entries()].map(([starter, list]) => (
              <div key={starter} className="grid gap-2">
                <h3 className="text-xs font-medium text-muted-foreground">For meta-models from the {STARTER_TITLES.get(starter) ?? starter} starter</h3>
                <div className="grid grid-cols-1 gap-2 sm:grid-cols-2 md:grid-cols-3">
                  {list.map((b) => (
                    <BuiltinCard key={b.key} b={b} selected={effective.kind === "builtin" && effective.key === b.key} onPick={() => setChoice({ kind: "builtin", key: b.key })} />
                  ))}
                </div>
              </div>
            ))}
            <div className="grid gap-2">
              <h3 className="text-xs font-medium text-muted-foreground">For any meta-model</h3>
              <div className="grid grid-cols-1 gap-2 sm:grid-cols-2 md:grid-cols-3">
                <button
                  type="button"
                  role="radio"
                  aria-checked={effective.kind === "blank"}
                  aria-label="Blank"
                  onClick={() => setChoice({ kind: "blank" })}
                  className={cn("flex flex-col rounded-lg border bg-surface p-3 text-left transition hover:border-accent/50", effective.kind === "blank" && "border-accent ring-3 ring-accent/15")}
                >
                  <span className="flex items-center gap-2 text-sm font-medium">
                    <PlusIcon className="size-4 text-accent" /> Blank
                  </span>
                  <span className="mt-1 text-xs text-muted-foreground">One README that lists the model, to show the idea.</span>
                </button>
              </div>
            </div>
          </div>
          <Field label={effective.kind === "blank" ? "Name" : "Name (optional)"} htmlFor="template-name" error={error.name} hint={effective.kind === "blank" ? undefined : "Leave empty to keep the built-in's name."}>
            <Input id="template-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Backend types" aria-invalid={!!error.name} />
          </Field>
          {error.form ? (
            <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
              {error.form}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!mmId}>
              Create and open
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
