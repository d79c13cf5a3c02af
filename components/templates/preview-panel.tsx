"use client";
import { AlertTriangleIcon, BoxesIcon, CheckCircle2Icon, FileTextIcon, InfoIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import type { TemplateProblem } from "@/core/templates/errors";
import { Skeleton } from "@/components/ui/misc";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { RouterOutputs } from "@/lib/trpc";
import { cn } from "@/lib/utils";
import type { PreviewResult } from "./use-template";

type ModelRow = RouterOutputs["model"]["list"][number];

function OutputContent({ path, content }: { path: string; content: string }) {
  const lines = content.split("\n");
  if (content.endsWith("\n")) lines.pop();
  return (
    <div className="min-h-0 flex-1 overflow-auto bg-surface font-mono text-[12px] leading-5" aria-label={`Content of ${path}`} role="region" tabIndex={0}>
      {content === "" ? (
        <p className="px-3 py-3 font-sans text-xs text-muted-foreground">This output is empty.</p>
      ) : (
        <table className="border-collapse">
          <tbody>
            {lines.map((line, i) => (
              <tr key={i}>
                <td className="select-none border-r px-2 text-right align-top text-muted-foreground/60 tabular-nums">{i + 1}</td>
                <td className="whitespace-pre px-3">{line || " "}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ProblemList({ problems, describe, onJump }: { problems: TemplateProblem[]; describe(p: TemplateProblem): { where: string; object?: string }; onJump(p: TemplateProblem): void }) {
  return (
    <ul aria-label="Problems" className="max-h-48 overflow-y-auto border-t bg-danger-soft/30">
      {problems.map((p, i) => {
        const { where, object } = describe(p);
        return (
          <li key={i}>
            <button
              type="button"
              onClick={() => onJump(p)}
              className="flex w-full gap-2 px-3 py-2 text-left text-[12px] hover:bg-danger-soft/60"
              title="Show in the editor"
            >
              <AlertTriangleIcon className="mt-0.5 size-3.5 shrink-0 text-danger" aria-hidden="true" />
              <span className="min-w-0">
                <span className="font-mono text-[11.5px] font-medium">
                  {where}:{p.line}:{p.column}
                </span>
                {object ? <span className="text-muted-foreground"> · for {object}</span> : null}
                <span className="block text-foreground/90">{p.message}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The live preview: pick a model of the template's meta-model, see the generated paths and the chosen
 * output, re-rendered as the draft or the model changes; problems link to their place in the editor.
 */
export function PreviewPanel(props: {
  models: ModelRow[] | undefined;
  modelsError: string | null;
  modelId: string | null;
  onModelId(id: string): void;
  /** The chosen model's document is still opening. */
  modelLoading: boolean;
  preview: PreviewResult;
  describeProblem(p: TemplateProblem): { where: string; object?: string };
  onJump(p: TemplateProblem): void;
  projectHref: string;
  metamodelName: string;
  /** How many files the draft has (to tell "no files yet" from "nothing rendered"). */
  templateFileCount: number;
}) {
  const { preview, models } = props;
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = preview.files.find((f) => f.path === chosen) ?? preview.files[0] ?? null;

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="preview-panel">
      <div className="grid gap-2 border-b px-3 py-2.5">
        <div className="flex items-center justify-between gap-2">
          <h2 className="text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">Preview</h2>
          {preview.stats ? (
            <span className="text-[11px] text-muted-foreground tabular-nums" data-testid="preview-stats">
              {preview.files.length} {preview.files.length === 1 ? "file" : "files"} · {preview.stats.ms < 10 ? preview.stats.ms.toFixed(1) : Math.round(preview.stats.ms)} ms
              {preview.stats.reused ? ` · ${preview.stats.reused} reused` : ""}
            </span>
          ) : null}
        </div>
        {models === undefined ? (
          props.modelsError ? <p className="text-[12px] text-danger">{props.modelsError}</p> : <Skeleton className="h-8" />
        ) : models.length === 0 ? null : (
          <Select value={props.modelId ?? undefined} onValueChange={props.onModelId}>
            <SelectTrigger className="h-8 text-[13px]" aria-label="Preview model">
              <SelectValue placeholder="Pick a model" />
            </SelectTrigger>
            <SelectContent>
              {models.map((m) => (
                <SelectItem key={m.id} value={m.id} description={`${m.objectCount} ${m.objectCount === 1 ? "object" : "objects"}`}>
                  {m.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        )}
        <p className="flex items-center gap-1 text-[11px] text-muted-foreground">
          <InfoIcon className="size-3 shrink-0" aria-hidden="true" /> Unformatted: files are formatted when you generate.
        </p>
      </div>

      {models && models.length === 0 ? (
        <div className="m-3 flex flex-col items-center rounded-lg border border-dashed px-4 py-8 text-center">
          <BoxesIcon className="mb-2 size-5 text-accent" aria-hidden="true" />
          <p className="text-sm font-medium">No model to preview with</p>
          <p className="mt-1 text-[12px] text-muted-foreground">
            Create a model of {props.metamodelName} (its starter&apos;s example is a good one) to see what this template generates.
          </p>
          <Link href={props.projectHref} className="mt-3 text-[13px] font-medium text-accent hover:underline">
            Go to the project
          </Link>
        </div>
      ) : props.modelLoading || (props.modelId && !preview.rendered && !preview.error) ? (
        <div className="grid gap-2 p-3" aria-busy="true">
          <Skeleton className="h-6" />
          <Skeleton className="h-6" />
          <Skeleton className="h-40" />
        </div>
      ) : preview.error ? (
        <p role="alert" className="m-3 rounded-md bg-danger-soft px-3 py-2 text-[13px] text-danger">
          The preview failed: {preview.error}
        </p>
      ) : (
        <>
          {preview.files.length === 0 ? (
            <div className="m-3 rounded-lg border border-dashed px-4 py-6 text-center text-[12px] text-muted-foreground">
              {props.templateFileCount === 0
                ? "Add a file to the template to see what it generates."
                : preview.problems.length
                  ? "Nothing generated: fix the problems below."
                  : "This template generates no files for this model. Per-object files need objects of their class."}
            </div>
          ) : (
            <ul aria-label="Generated files" className="max-h-[32%] shrink-0 overflow-y-auto border-b py-1">
              {preview.files.map((f) => (
                <li key={f.path}>
                  <button
                    type="button"
                    aria-label={f.path}
                    aria-current={selected?.path === f.path ? "true" : undefined}
                    title={f.path}
                    onClick={() => setChosen(f.path)}
                    className={cn("flex w-full items-center gap-1.5 px-3 py-0.5 text-left hover:bg-surface-muted", selected?.path === f.path && "bg-accent-soft hover:bg-accent-soft")}
                  >
                    <FileTextIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden="true" />
                    <span className="min-w-0 truncate font-mono text-[12px]">{f.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {selected ? (
            <>
              <div className="flex items-center gap-2 border-b bg-surface-muted/50 px-3 py-1 text-[11.5px]">
                <span className="min-w-0 flex-1 truncate font-mono" title={selected.path}>
                  {selected.path}
                </span>
                <span className="shrink-0 text-muted-foreground tabular-nums">{selected.content.split("\n").length} lines</span>
              </div>
              <OutputContent path={selected.path} content={selected.content} />
            </>
          ) : (
            <div className="flex-1" />
          )}
        </>
      )}

      {preview.problems.length ? (
        <div className="shrink-0">
          <div className="flex items-center gap-1.5 border-t px-3 py-1.5 text-[12px] font-medium text-danger">
            <AlertTriangleIcon className="size-3.5" aria-hidden="true" />
            {preview.problems.length} {preview.problems.length === 1 ? "problem" : "problems"}
          </div>
          <ProblemList problems={preview.problems} describe={props.describeProblem} onJump={props.onJump} />
        </div>
      ) : preview.rendered || (!props.modelId && !props.modelLoading) ? (
        <div className="flex shrink-0 items-center gap-1.5 border-t px-3 py-1.5 text-[12px] text-muted-foreground">
          <CheckCircle2Icon className="size-3.5 text-success" aria-hidden="true" /> No problems
        </div>
      ) : null}
    </div>
  );
}
