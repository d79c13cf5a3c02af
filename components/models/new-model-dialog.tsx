"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileUpIcon, PlusIcon, SparklesIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { MODEL_FORMAT } from "@/core/model/document";
import { createModelInput, MODEL_FILE_MAX_BYTES } from "@/core/model/inputs";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { cn } from "@/lib/utils";

type Source = { kind: "blank" } | { kind: "example" } | { kind: "file"; name: string; content: string };
type Errors = Partial<Record<"name" | "metamodel" | "source" | "form", string>>;

/** What a file is, checked before upload: a model document, or why not. */
function checkFile(content: string): { ok: true; name?: string } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    return { ok: false, error: "The file is not valid JSON." };
  }
  const doc = raw as { format?: unknown; name?: unknown };
  if (!doc || typeof doc !== "object" || doc.format !== MODEL_FORMAT) {
    const hint = doc && typeof doc === "object" && typeof doc.format === "string" && doc.format.includes("metamodel") ? " This is a meta-model file: import it as a new meta-model instead." : "";
    return { ok: false, error: `Not a model document: its "format" must be "${MODEL_FORMAT}".${hint}` };
  }
  return { ok: true, name: typeof doc.name === "string" ? doc.name : undefined };
}

/** New model: a name, the meta-model it conforms to, and where it starts (blank, the starter's example, a file). */
export function NewModelDialog({ projectId, open, onOpenChange }: { projectId: string; open: boolean; onOpenChange(o: boolean): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const metamodels = useQuery({ ...trpc.metamodel.list.queryOptions({ workspaceId: workspace.id, projectId }), enabled: open });
  const [name, setName] = useState("");
  const [picked, setPicked] = useState<string | null>(null);
  const [source, setSource] = useState<Source>({ kind: "blank" });
  const [errors, setErrors] = useState<Errors>({});
  const fileInput = useRef<HTMLInputElement>(null);
  const create = useMutation(trpc.model.create.mutationOptions());
  const metamodelId = picked ?? metamodels.data?.[0]?.id ?? "";

  function reset() {
    setName("");
    setPicked(null);
    setSource({ kind: "blank" });
    setErrors({});
  }

  async function pickFile(file: File | undefined) {
    if (!file) return;
    if (file.size > MODEL_FILE_MAX_BYTES) {
      setErrors({ source: "The file is over 5 MB." });
      return;
    }
    const content = await file.text();
    const checked = checkFile(content);
    if (!checked.ok) {
      setErrors({ source: checked.error });
      return;
    }
    setErrors({});
    setSource({ kind: "file", name: file.name, content });
    if (!name.trim() && checked.name) setName(checked.name);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {};
    const parsedName = createModelInput.shape.name.safeParse(name);
    if (!parsedName.success) next.name = parsedName.error.issues[0]?.message;
    if (!metamodelId) next.metamodel = "Pick the meta-model this model conforms to.";
    setErrors(next);
    if (Object.keys(next).length) return;
    try {
      const created = await create.mutateAsync({
        workspaceId: workspace.id,
        projectId,
        metamodelId,
        name: name.trim(),
        source: source.kind === "file" ? { kind: "file", content: source.content } : { kind: source.kind },
      });
      await queryClient.invalidateQueries({ queryKey: trpc.model.list.queryKey() });
      onOpenChange(false);
      reset();
      router.push(`/w/${workspace.slug}/projects/${projectId}/models/${created.id}`);
    } catch (e) {
      const ui = toUiError(e);
      const fields: Errors = {
        name: ui.fieldErrors.name?.[0],
        metamodel: ui.fieldErrors.metamodelId?.[0] ?? (ui.code === "METAMODEL_NOT_FOUND" ? ui.message : undefined),
        source: ui.fieldErrors.file?.[0] ?? ui.fieldErrors.content?.[0] ?? (ui.code === "METAMODEL_MISMATCH" || ui.code === "INVALID_FILE" ? ui.message : undefined),
      };
      if (!fields.name && !fields.metamodel && !fields.source) {
        fields.form = ui.message;
        toast.error(ui.message);
      }
      setErrors(fields);
    }
  }

  const tile = (selected: boolean) =>
    cn("flex flex-col rounded-lg border bg-surface p-3 text-left transition hover:border-accent/50", selected && "border-accent ring-3 ring-accent/15");
  const noMetamodels = metamodels.isSuccess && metamodels.data.length === 0;

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o) reset();
        onOpenChange(o);
      }}
    >
      <DialogContent title="New model" description="A model holds the objects your templates generate from, typed by the classes of a meta-model." className="max-w-xl">
        <form onSubmit={onSubmit} className="grid gap-5" noValidate>
          <Field label="Name" htmlFor="model-name" error={errors.name}>
            <Input id="model-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Shop" autoFocus aria-invalid={!!errors.name} aria-describedby={errors.name ? "model-name-error" : undefined} />
          </Field>
          <Field
            label="Meta-model"
            htmlFor="model-metamodel"
            error={errors.metamodel ?? (noMetamodels ? "This project has no meta-model yet. Create one first: it defines what a model can hold." : undefined)}
          >
            <Select value={metamodelId} onValueChange={setPicked} disabled={!metamodels.data?.length}>
              <SelectTrigger id="model-metamodel" aria-invalid={!!errors.metamodel} aria-label="Meta-model">
                <SelectValue placeholder={metamodels.isPending ? "Loading..." : "Pick a meta-model"} />
              </SelectTrigger>
              <SelectContent>
                {metamodels.data?.map((m) => (
                  <SelectItem key={m.id} value={m.id} description={`${m.classCount} ${m.classCount === 1 ? "class" : "classes"}`}>
                    {m.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </Field>
          <div className="grid gap-1.5">
            <span className="text-[13px] font-medium" id="model-source-label">
              Start from
            </span>
            <div role="radiogroup" aria-labelledby="model-source-label" className="grid grid-cols-3 gap-2">
              <button type="button" role="radio" aria-checked={source.kind === "blank"} className={tile(source.kind === "blank")} onClick={() => (setSource({ kind: "blank" }), setErrors({ ...errors, source: undefined }))}>
                <span className="flex items-center gap-2 text-sm font-medium">
                  <PlusIcon className="size-4 text-accent" /> Blank
                </span>
                <span className="mt-1 text-xs text-muted-foreground">No objects yet.</span>
              </button>
              <button type="button" role="radio" aria-checked={source.kind === "example"} className={tile(source.kind === "example")} onClick={() => (setSource({ kind: "example" }), setErrors({ ...errors, source: undefined }))}>
                <span className="flex items-center gap-2 text-sm font-medium">
                  <SparklesIcon className="size-4 text-accent" /> Example
                </span>
                <span className="mt-1 text-xs text-muted-foreground">The starter&apos;s example (data model, REST API).</span>
              </button>
              <button type="button" role="radio" aria-checked={source.kind === "file"} className={tile(source.kind === "file")} onClick={() => fileInput.current?.click()}>
                <span className="flex items-center gap-2 text-sm font-medium">
                  <FileUpIcon className="size-4 text-accent" /> Import a file
                </span>
                <span className="mt-1 truncate text-xs text-muted-foreground">{source.kind === "file" ? source.name : "A .json model exported from Metaforge."}</span>
              </button>
            </div>
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              className="hidden"
              aria-label="Model file"
              onChange={(e) => {
                void pickFile(e.target.files?.[0]);
                e.target.value = "";
              }}
            />
            {errors.source ? (
              <p role="alert" className="text-[13px] text-danger">
                {errors.source}
              </p>
            ) : null}
          </div>
          {errors.form ? (
            <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
              {errors.form}
            </p>
          ) : null}
          <DialogFooter>
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                reset();
                onOpenChange(false);
              }}
            >
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={noMetamodels}>
              Create and open
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
