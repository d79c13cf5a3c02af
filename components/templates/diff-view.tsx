"use client";
import { ChevronDownIcon, ChevronRightIcon, FileMinusIcon, FilePenIcon, FilePlusIcon } from "lucide-react";
import { useState } from "react";
import type { DiffLine, FileDiff, FilesDiff } from "@/core/generate/diff";
import { cn } from "@/lib/utils";

/**
 * What changed between two sets of files (template versions, generated outputs, runs): per file its
 * status and +/- counts, and its hunks with old and new line numbers, unified or side by side.
 */

export type DiffLayout = "unified" | "split";

const STATUS = {
  added: { icon: FilePlusIcon, label: "Added", className: "text-success" },
  removed: { icon: FileMinusIcon, label: "Removed", className: "text-danger" },
  changed: { icon: FilePenIcon, label: "Changed", className: "text-accent" },
} as const;

const lineClass = (kind: DiffLine["kind"] | "empty") =>
  kind === "added"
    ? "bg-success/10 dark:bg-success/15"
    : kind === "removed"
      ? "bg-danger/10 dark:bg-danger/15"
      : kind === "empty"
        ? "bg-surface-muted/60"
        : "";

const numberClass = "w-11 shrink-0 select-none border-r px-2 text-right text-muted-foreground/70 tabular-nums";
const sign = (kind: DiffLine["kind"]) => (kind === "added" ? "+" : kind === "removed" ? "-" : " ");

function UnifiedHunk({ lines }: { lines: DiffLine[] }) {
  return (
    <>
      {lines.map((l, i) => (
        <div key={i} className={cn("flex", lineClass(l.kind))} data-kind={l.kind}>
          <span className={numberClass}>{l.oldLine ?? ""}</span>
          <span className={numberClass}>{l.newLine ?? ""}</span>
          <span className={cn("w-5 shrink-0 select-none text-center", l.kind === "added" ? "text-success" : l.kind === "removed" ? "text-danger" : "text-muted-foreground/60")}>
            {sign(l.kind)}
          </span>
          <span className="whitespace-pre pr-4">{l.text || " "}</span>
        </div>
      ))}
    </>
  );
}

type Row = { left: DiffLine | null; right: DiffLine | null };

/** Pairs removed and added lines of one change block side by side; context lines sit on both sides. */
function splitRows(lines: DiffLine[]): Row[] {
  const rows: Row[] = [];
  let i = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    if (l.kind === "context") {
      rows.push({ left: l, right: l });
      i++;
      continue;
    }
    const removed: DiffLine[] = [];
    const added: DiffLine[] = [];
    while (i < lines.length && lines[i]!.kind === "removed") removed.push(lines[i++]!);
    while (i < lines.length && lines[i]!.kind === "added") added.push(lines[i++]!);
    for (let k = 0; k < Math.max(removed.length, added.length); k++) rows.push({ left: removed[k] ?? null, right: added[k] ?? null });
  }
  return rows;
}

function Side({ line, side }: { line: DiffLine | null; side: "left" | "right" }) {
  if (!line) {
    return (
      <div className={cn("flex min-w-0 flex-1", lineClass("empty"), side === "left" && "border-r")}>
        <span className={numberClass} />
        <span className="whitespace-pre"> </span>
      </div>
    );
  }
  const kind = line.kind;
  return (
    <div className={cn("flex min-w-0 flex-1 overflow-hidden", lineClass(kind), side === "left" && "border-r")} data-kind={kind}>
      <span className={numberClass}>{side === "left" ? line.oldLine : line.newLine}</span>
      <span className="whitespace-pre px-2">{line.text || " "}</span>
    </div>
  );
}

function SplitHunk({ lines }: { lines: DiffLine[] }) {
  return (
    <>
      {splitRows(lines).map((r, i) => (
        <div key={i} className="flex">
          <Side line={r.left} side="left" />
          <Side line={r.right} side="right" />
        </div>
      ))}
    </>
  );
}

function FileBlock({ file, layout }: { file: FileDiff; layout: DiffLayout }) {
  const [open, setOpen] = useState(true);
  const status = STATUS[file.status];
  const Icon = status.icon;
  return (
    <section className="overflow-hidden rounded-lg border bg-surface" aria-label={`${status.label}: ${file.path}`}>
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        className="flex w-full items-center gap-2 border-b bg-surface-muted/60 px-3 py-2 text-left text-[13px] hover:bg-surface-muted"
      >
        {open ? <ChevronDownIcon className="size-3.5 text-muted-foreground" /> : <ChevronRightIcon className="size-3.5 text-muted-foreground" />}
        <Icon className={cn("size-4 shrink-0", status.className)} aria-hidden="true" />
        <span className="min-w-0 flex-1 truncate font-mono text-[12.5px]">{file.path}</span>
        <span className="shrink-0 font-mono text-[12px] text-success">+{file.added}</span>
        <span className="shrink-0 font-mono text-[12px] text-danger">−{file.removed}</span>
      </button>
      {open ? (
        <div className="overflow-x-auto font-mono text-[12px] leading-5">
          {file.hunks.length === 0 ? (
            <p className="px-3 py-2 font-sans text-xs text-muted-foreground">{file.status === "changed" ? "Only whitespace at the end changed." : "Empty file."}</p>
          ) : (
            file.hunks.map((h, i) => (
              <div key={i} className={cn(i > 0 && "border-t")}>
                <div className="bg-accent-soft/50 px-3 py-0.5 text-muted-foreground">
                  @@ −{h.oldStart} +{h.newStart} @@
                </div>
                {layout === "split" ? <SplitHunk lines={h.lines} /> : <UnifiedHunk lines={h.lines} />}
              </div>
            ))
          )}
        </div>
      ) : null}
    </section>
  );
}

/**
 * A files diff (from `diffFiles`): one block per added, removed or changed file, with a layout
 * switch (unified or side by side). Reusable for template versions, generated outputs and runs.
 */
export function DiffView({ diff, defaultLayout = "unified", emptyText = "No differences." }: { diff: FilesDiff; defaultLayout?: DiffLayout; emptyText?: string }) {
  const [layout, setLayout] = useState<DiffLayout>(defaultLayout);
  const added = diff.files.reduce((n, f) => n + f.added, 0);
  const removed = diff.files.reduce((n, f) => n + f.removed, 0);
  return (
    <div className="grid gap-3" data-testid="diff-view">
      <div className="flex flex-wrap items-center gap-3 text-[13px]">
        <span className="text-muted-foreground">
          {diff.files.length} {diff.files.length === 1 ? "file" : "files"} changed
          {diff.unchanged ? `, ${diff.unchanged} unchanged` : ""}
          {diff.files.length ? (
            <>
              {" · "}
              <span className="text-success">+{added}</span> <span className="text-danger">−{removed}</span>
            </>
          ) : null}
        </span>
        {diff.files.length ? (
          <div className="ml-auto flex rounded-md bg-surface-muted p-0.5" role="radiogroup" aria-label="Diff layout">
            {(["unified", "split"] as const).map((l) => (
              <button
                key={l}
                type="button"
                role="radio"
                aria-checked={layout === l}
                onClick={() => setLayout(l)}
                className={cn("rounded px-2 py-0.5 text-[12px] text-muted-foreground", layout === l && "bg-surface font-medium text-foreground shadow-xs")}
              >
                {l === "unified" ? "Unified" : "Side by side"}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {diff.files.length === 0 ? (
        <p className="rounded-lg border border-dashed px-4 py-8 text-center text-sm text-muted-foreground">{emptyText}</p>
      ) : (
        diff.files.map((f) => <FileBlock key={f.path} file={f} layout={layout} />)
      )}
    </div>
  );
}
