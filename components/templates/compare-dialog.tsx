"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowRightIcon, GitCompareIcon } from "lucide-react";
import { useState } from "react";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { EmptyState, Skeleton } from "@/components/ui/misc";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { cn } from "@/lib/utils";
import { DiffView } from "./diff-view";

type TemplateRow = RouterOutputs["template"]["get"];
type ModelRow = RouterOutputs["model"]["list"][number];

const NO_MODEL = "none";

function VersionSelect({ id, label, value, onChange, versions }: { id: string; label: string; value: string; onChange(v: string): void; versions: TemplateRow["versions"] }) {
  return (
    <div className="grid gap-1">
      <label htmlFor={id} className="text-[12px] font-medium text-muted-foreground">
        {label}
      </label>
      <Select value={value} onValueChange={onChange}>
        <SelectTrigger id={id} className="h-8 w-40" aria-label={label}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value="draft">Draft (live)</SelectItem>
          {versions.map((v) => (
            <SelectItem key={v.version} value={v.version}>
              {v.version}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

export interface CompareRange {
  from: string;
  to: string;
}

function CompareBody({ row, models, initial }: { row: TemplateRow; models: ModelRow[]; initial: CompareRange }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [modelId, setModelId] = useState<string>(models[0]?.id ?? NO_MODEL);
  const [tab, setTab] = useState<"template" | "output">(models.length ? "output" : "template");
  const same = from === to;
  const diff = useQuery({
    ...trpc.template.diff.queryOptions({ workspaceId: workspace.id, templateId: row.id, from, to, modelId: modelId === NO_MODEL ? undefined : modelId }),
    enabled: !same,
    placeholderData: keepPreviousData,
    // The draft changes live: compare what it is now.
    staleTime: 0,
  });
  const showTab = modelId === NO_MODEL ? "template" : tab;

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <VersionSelect id="compare-from" label="From" value={from} onChange={setFrom} versions={row.versions} />
        <ArrowRightIcon className="mb-2 size-4 text-muted-foreground" aria-hidden="true" />
        <VersionSelect id="compare-to" label="To" value={to} onChange={setTo} versions={row.versions} />
        <div className="grid gap-1">
          <label htmlFor="compare-model" className="text-[12px] font-medium text-muted-foreground">
            Output for model
          </label>
          <Select value={modelId} onValueChange={setModelId}>
            <SelectTrigger id="compare-model" className="h-8 w-52" aria-label="Output for model">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={NO_MODEL}>No model (template only)</SelectItem>
              {models.map((m) => (
                <SelectItem key={m.id} value={m.id}>
                  {m.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        {modelId !== NO_MODEL ? (
          <div className="ml-auto flex rounded-md bg-surface-muted p-0.5" role="tablist" aria-label="What to compare">
            {(["output", "template"] as const).map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={showTab === t}
                onClick={() => setTab(t)}
                className={cn("rounded px-2.5 py-1 text-[12px] text-muted-foreground", showTab === t && "bg-surface font-medium text-foreground shadow-xs")}
              >
                {t === "output" ? "Generated output" : "Template files"}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <div className="max-h-[62vh] min-h-40 overflow-y-auto pr-1">
        {same ? (
          <EmptyState icon={<GitCompareIcon />} title="Pick two different versions">
            Compare a published version with the draft to see what publishing would change, or two versions to see what an upgrade changes.
          </EmptyState>
        ) : diff.isPending ? (
          <div className="grid gap-2">
            <Skeleton className="h-8" />
            <Skeleton className="h-40" />
          </div>
        ) : diff.isError ? (
          <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
            {toUiError(diff.error).message}
          </p>
        ) : showTab === "output" && diff.data.output ? (
          <DiffView key={`output-${from}-${to}-${modelId}`} diff={diff.data.output} emptyText="Both versions generate the same files for this model." />
        ) : (
          <DiffView key={`template-${from}-${to}`} diff={diff.data.template} emptyText="The template files are the same." />
        )}
      </div>
      {!same && diff.isFetching && !diff.isPending ? <p className="text-xs text-muted-foreground">Updating...</p> : null}
    </div>
  );
}

/** Compare two versions (or a version and the live draft): template files and, with a model, the generated output. */
export function CompareDialog({
  row,
  models,
  open,
  onOpenChange,
  initial,
}: {
  row: TemplateRow;
  models: ModelRow[];
  open: boolean;
  onOpenChange(o: boolean): void;
  initial: CompareRange;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Compare versions"
        description="Template paths read files/… and partials/…. The output is rendered on the server, before formatting."
        className="top-[6vh] max-w-6xl"
      >
        {open ? <CompareBody key={`${initial.from}-${initial.to}`} row={row} models={models} initial={initial} /> : null}
      </DialogContent>
    </Dialog>
  );
}
