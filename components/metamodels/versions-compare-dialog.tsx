"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowRightIcon, GitCompareIcon } from "lucide-react";
import { useState } from "react";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { EmptyState, Skeleton } from "@/components/ui/misc";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { ChangeList, IMPACT } from "./versions-changes";

export interface CompareRange {
  from: string;
  to: string;
}

function VersionSelect({ id, label, value, onChange, versions }: { id: string; label: string; value: string; onChange(v: string): void; versions: string[] }) {
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
            <SelectItem key={v} value={v}>
              {v}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

function CompareBody({ metamodelId, versions, initial }: { metamodelId: string; versions: string[]; initial: CompareRange }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const same = from === to;
  const compared = useQuery({
    ...trpc.metamodel.compareVersions.queryOptions({ workspaceId: workspace.id, metamodelId, from, to }),
    enabled: !same,
    placeholderData: keepPreviousData,
    // The draft changes live: compare what it is now. Two published versions never change.
    staleTime: from === "draft" || to === "draft" ? 0 : Infinity,
  });
  const label = (v: string) => (v === "draft" ? "the draft" : v);
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <VersionSelect id="mm-compare-from" label="From" value={from} onChange={setFrom} versions={versions} />
        <ArrowRightIcon className="mb-2 size-4 text-muted-foreground" aria-hidden="true" />
        <VersionSelect id="mm-compare-to" label="To" value={to} onChange={setTo} versions={versions} />
        {!same && compared.data?.bump ? (
          <p className="mb-1.5 ml-auto text-[12px] text-muted-foreground">
            Calls for a <span className="font-medium text-foreground">{compared.data.bump}</span> version ({IMPACT[compared.data.bump].label.toLowerCase()}).
          </p>
        ) : null}
      </div>
      <div className="max-h-[60vh] min-h-32 overflow-y-auto pr-1">
        {same ? (
          <EmptyState icon={<GitCompareIcon />} title="Pick two different versions">
            Compare a published version with the draft to see what publishing would change, or two versions to see what an upgrade changes.
          </EmptyState>
        ) : compared.isPending ? (
          <div className="grid gap-2">
            <Skeleton className="h-6 w-40" />
            <Skeleton className="h-24" />
          </div>
        ) : compared.isError ? (
          <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
            {toUiError(compared.error).message}
          </p>
        ) : (
          <ChangeList changes={compared.data.changes} empty={`${label(from)} and ${label(to)} are the same.`} />
        )}
      </div>
      {!same && compared.isFetching && !compared.isPending ? <p className="text-xs text-muted-foreground">Updating...</p> : null}
    </div>
  );
}

/** Compare two meta-model versions (or a version and the live draft): the change list, element by element. */
export function CompareVersionsDialog({
  metamodelId,
  versions,
  open,
  onOpenChange,
  initial,
}: {
  metamodelId: string;
  versions: string[];
  open: boolean;
  onOpenChange(o: boolean): void;
  initial: CompareRange;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Compare versions" description="Elements are matched by their ids: a rename is one change, and models keep their values through it." className="top-[8vh] max-w-2xl">
        {open ? <CompareBody key={`${initial.from}-${initial.to}`} metamodelId={metamodelId} versions={versions} initial={initial} /> : null}
      </DialogContent>
    </Dialog>
  );
}
