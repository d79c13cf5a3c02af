"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FileUpIcon, PlusIcon, ShapesIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { METAMODEL_FILE_MAX_BYTES } from "@/core/metamodel/inputs";
import { STARTERS } from "@/core/metamodel/starters";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { cn } from "@/lib/utils";

type Choice = { kind: "blank" } | { kind: "starter"; key: string } | { kind: "file"; name: string; content: string };

const STARTER_STATS = Object.fromEntries(
  STARTERS.map((s) => {
    const mm = s.build();
    return [s.key, `${mm.classes.length} classes · ${mm.enums.length} enums`];
  }),
);

/** New meta-model: from a starter, blank, or an exported JSON file. */
export function NewMetamodelDialog({ projectId, open, onOpenChange }: { projectId: string; open: boolean; onOpenChange(o: boolean): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<Choice>({ kind: "starter", key: STARTERS[0]!.key });
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const create = useMutation(trpc.metamodel.create.mutationOptions());

  async function pickFile(file: File | undefined) {
    if (!file) return;
    if (file.size > METAMODEL_FILE_MAX_BYTES) {
      setError("The file is over 2 MB. Export a smaller meta-model, or split it.");
      return;
    }
    setError(null);
    setChoice({ kind: "file", name: file.name, content: await file.text() });
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (choice.kind === "blank" && !name.trim()) {
      setError("Give the meta-model a name.");
      return;
    }
    try {
      const source = choice.kind === "file" ? { kind: "file" as const, content: choice.content } : choice.kind === "starter" ? { kind: "starter" as const, key: choice.key } : { kind: "blank" as const };
      const created = await create.mutateAsync({ workspaceId: workspace.id, projectId, name: name.trim() || undefined, source });
      await queryClient.invalidateQueries({ queryKey: trpc.metamodel.list.queryKey() });
      onOpenChange(false);
      router.push(`/w/${workspace.slug}/projects/${projectId}/metamodels/${created.id}`);
    } catch (e) {
      const ui = toUiError(e);
      setError(ui.fieldErrors.file?.[0] ?? ui.fieldErrors.name?.[0] ?? ui.message);
      if (!ui.fieldErrors.file && !ui.fieldErrors.name) toast.error(ui.message);
    }
  }

  const tile = (selected: boolean) =>
    cn(
      "flex flex-col rounded-lg border bg-surface p-3 text-left transition hover:border-accent/50",
      selected && "border-accent ring-3 ring-accent/15",
    );

  return (
    <Dialog open={open} onOpenChange={(o) => (setError(null), onOpenChange(o))}>
      <DialogContent
        title="New meta-model"
        description="Start from a proven design and adapt it, from a blank canvas, or from a file you exported."
        className="max-w-3xl"
      >
        <form onSubmit={onSubmit} className="grid gap-5">
          <div role="radiogroup" aria-label="Starting point" className="grid max-h-[46vh] grid-cols-2 gap-2 overflow-y-auto p-0.5 md:grid-cols-3">
            {STARTERS.map((s) => {
              const selected = choice.kind === "starter" && choice.key === s.key;
              return (
                <button key={s.key} type="button" role="radio" aria-checked={selected} className={tile(selected)} onClick={() => setChoice({ kind: "starter", key: s.key })}>
                  <span className="flex items-center gap-2 text-sm font-medium">
                    <ShapesIcon className="size-4 text-accent" /> {s.title}
                  </span>
                  <span className="mt-1 text-xs text-muted-foreground">{s.summary}</span>
                  <span className="mt-2 text-[11px] text-muted-foreground/80">{STARTER_STATS[s.key]}</span>
                </button>
              );
            })}
            <button type="button" role="radio" aria-checked={choice.kind === "blank"} className={tile(choice.kind === "blank")} onClick={() => setChoice({ kind: "blank" })}>
              <span className="flex items-center gap-2 text-sm font-medium">
                <PlusIcon className="size-4 text-accent" /> Blank
              </span>
              <span className="mt-1 text-xs text-muted-foreground">An empty canvas.</span>
            </button>
            <button type="button" role="radio" aria-checked={choice.kind === "file"} className={tile(choice.kind === "file")} onClick={() => fileInput.current?.click()}>
              <span className="flex items-center gap-2 text-sm font-medium">
                <FileUpIcon className="size-4 text-accent" /> Import a file
              </span>
              <span className="mt-1 truncate text-xs text-muted-foreground">{choice.kind === "file" ? choice.name : "A .json meta-model exported from Metaforge."}</span>
            </button>
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              className="hidden"
              aria-label="Meta-model file"
              onChange={(e) => void pickFile(e.target.files?.[0])}
            />
          </div>
          <Field
            label={choice.kind === "blank" ? "Name" : "Name (optional)"}
            htmlFor="mm-name"
            hint={choice.kind === "blank" ? undefined : "Leave empty to keep the starter's or file's name."}
          >
            <Input id="mm-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Shop domain" />
          </Field>
          {error ? (
            <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
              {error}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create and open
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
