"use client";
import { ChevronRightIcon, Columns2Icon, FileDiffIcon, RowsIcon } from "lucide-react";
import { Fragment, useState } from "react";
import type { DiffLine, FileDiff, FilesDiff } from "@/core/generate/diff";
import { cn } from "@/lib/utils";
import { splitRows } from "./generation-info";

/**
 * A set of file differences (two runs, or the outputs of two template versions): counts, then each
 * file as a collapsible card with its hunks, unified or side by side, with line numbers. Reusable:
 * it only needs a `FilesDiff` from core/generate/diff.
 */

type Mode = "unified" | "split";

const STATUS = {
  added: { label: "Added", className: "bg-success/15 text-success" },
  removed: { label: "Removed", className: "bg-danger-soft text-danger" },
  changed: { label: "Changed", className: "bg-warning/20 text-foreground" },
} as const;

/** Files this long (in diff lines) start collapsed, as do all of them in a very large diff. */
const LARGE_FILE = 400;
const MANY_FILES = 30;

const lineCount = (f: FileDiff) => f.hunks.reduce((n, h) => n + h.lines.length, 0);

function Counts({ added, removed, className }: { added: number; removed: number; className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-1.5 font-mono text-xs tabular-nums", className)}>
      <span className="text-success" aria-label={`${added} lines added`}>
        +{added}
      </span>
      <span className="text-danger" aria-label={`${removed} lines removed`}>
        −{removed}
      </span>
    </span>
  );
}

/** "2 changed · 1 added · 0 removed · 14 unchanged", for headers elsewhere too. */
export function DiffSummary({ diff, className }: { diff: FilesDiff; className?: string }) {
  const by = (s: FileDiff["status"]) => diff.files.filter((f) => f.status === s).length;
  const added = diff.files.reduce((n, f) => n + f.added, 0);
  const removed = diff.files.reduce((n, f) => n + f.removed, 0);
  const parts: Array<[number, string, string]> = [
    [by("changed"), "changed", "text-foreground"],
    [by("added"), "added", "text-success"],
    [by("removed"), "removed", "text-danger"],
    [diff.unchanged, "unchanged", "text-muted-foreground"],
  ];
  return (
    <p className={cn("flex flex-wrap items-center gap-x-3 gap-y-1 text-sm", className)} data-testid="diff-summary">
      {parts.map(([n, label, tone]) => (
        <span key={label} className={cn(n === 0 && label !== "unchanged" ? "text-muted-foreground" : tone)}>
          <span className="font-semibold tabular-nums">{n}</span> {label}
        </span>
      ))}
      <Counts added={added} removed={removed} />
    </p>
  );
}

function HunkHeader({ oldStart, newStart, colSpan }: { oldStart: number; newStart: number; colSpan: number }) {
  return (
    <tr>
      <td colSpan={colSpan} className="select-none border-y border-border/60 bg-accent-soft/40 px-3 py-0.5 text-muted-foreground">
        @@ −{oldStart} +{newStart} @@
      </td>
    </tr>
  );
}

const lineTone = (kind: DiffLine["kind"] | undefined) =>
  kind === "added" ? "bg-success/10" : kind === "removed" ? "bg-danger/10" : kind === undefined ? "bg-surface-muted/60" : "";
const numTone = (kind: DiffLine["kind"] | undefined) =>
  kind === "added" ? "bg-success/15 text-success" : kind === "removed" ? "bg-danger/15 text-danger" : "text-muted-foreground";
const sign = (kind: DiffLine["kind"]) => (kind === "added" ? "+" : kind === "removed" ? "−" : " ");

function Num({ n, kind }: { n: number | null; kind: DiffLine["kind"] | undefined }) {
  return <td className={cn("w-px select-none whitespace-nowrap px-2 text-right align-top tabular-nums", numTone(kind))}>{n ?? ""}</td>;
}

function Text({ line, wrap = false }: { line: DiffLine | undefined; wrap?: boolean }) {
  return (
    <td className={cn("px-2 align-top", wrap ? "whitespace-pre-wrap break-all" : "whitespace-pre", lineTone(line?.kind))}>
      {line ? (
        <>
          <span className="select-none pr-2 text-muted-foreground" aria-hidden="true">
            {sign(line.kind)}
          </span>
          <span className="sr-only">{line.kind === "added" ? "added: " : line.kind === "removed" ? "removed: " : ""}</span>
          {line.text || " "}
        </>
      ) : null}
    </td>
  );
}

function UnifiedHunks({ file }: { file: FileDiff }) {
  return (
    <tbody>
      {file.hunks.map((h, i) => (
        <Fragment key={i}>
          <HunkHeader oldStart={h.oldStart} newStart={h.newStart} colSpan={3} />
          {h.lines.map((l, j) => (
            <tr key={j} className={lineTone(l.kind)}>
              <Num n={l.oldLine} kind={l.kind} />
              <Num n={l.newLine} kind={l.kind} />
              <Text line={l} />
            </tr>
          ))}
        </Fragment>
      ))}
    </tbody>
  );
}

function SplitHunks({ file }: { file: FileDiff }) {
  return (
    <tbody>
      {file.hunks.map((h, i) => (
        <Fragment key={i}>
          <HunkHeader oldStart={h.oldStart} newStart={h.newStart} colSpan={4} />
          {splitRows(h.lines).map((row, j) => (
            <tr key={j}>
              <Num n={row.left?.oldLine ?? null} kind={row.left?.kind} />
              <Text line={row.left} wrap />
              <Num n={row.right?.newLine ?? null} kind={row.right?.kind} />
              <Text line={row.right} wrap />
            </tr>
          ))}
        </Fragment>
      ))}
    </tbody>
  );
}

function FileCard({ file, mode, open, onToggle }: { file: FileDiff; mode: Mode; open: boolean; onToggle(): void }) {
  const status = STATUS[file.status];
  const lines = lineCount(file);
  const bodyId = `diff-${file.path.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  return (
    <li className="overflow-hidden rounded-lg border bg-surface" data-testid="diff-file">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={onToggle}
        className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-surface-muted"
      >
        <ChevronRightIcon className={cn("size-4 shrink-0 text-muted-foreground transition-transform", open && "rotate-90")} />
        <span className={cn("rounded px-1.5 py-0.5 text-[11px] font-medium", status.className)}>{status.label}</span>
        <span className="min-w-0 flex-1 truncate font-mono text-[13px]">{file.path}</span>
        <Counts added={file.added} removed={file.removed} />
      </button>
      {open ? (
        <div id={bodyId} role="region" aria-label={`Changes in ${file.path}`} className="overflow-x-auto border-t">
          {lines === 0 ? (
            <p className="px-3 py-2 text-xs text-muted-foreground">{file.status === "added" ? "New empty file." : file.status === "removed" ? "Removed an empty file." : "Only whitespace at the end changed."}</p>
          ) : (
            <table className={cn("border-collapse font-mono text-[12px] leading-5 [tab-size:4]", mode === "split" ? "w-full table-fixed" : "min-w-full")}>
              {mode === "split" ? (
                <colgroup>
                  <col className="w-12" />
                  <col />
                  <col className="w-12" />
                  <col />
                </colgroup>
              ) : null}
              {mode === "split" ? <SplitHunks file={file} /> : <UnifiedHunks file={file} />}
            </table>
          )}
        </div>
      ) : null}
    </li>
  );
}

/** The whole diff: summary, view toggle, expand/collapse all, one card per file. */
export function FilesDiffView({
  diff,
  emptyMessage = "No differences: every file is the same.",
  defaultMode = "unified",
  className,
}: {
  diff: FilesDiff;
  emptyMessage?: string;
  defaultMode?: Mode;
  className?: string;
}) {
  const [mode, setMode] = useState<Mode>(defaultMode);
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const startsOpen = (f: FileDiff) => diff.files.length <= MANY_FILES && lineCount(f) <= LARGE_FILE;
  const isOpen = (f: FileDiff) => toggled[f.path] ?? startsOpen(f);
  const setAll = (open: boolean) => setToggled(Object.fromEntries(diff.files.map((f) => [f.path, open])));

  return (
    <div className={cn("grid gap-3", className)}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <DiffSummary diff={diff} />
        {diff.files.length ? (
          <div className="flex items-center gap-1 text-xs">
            <button type="button" className="rounded-md px-2 py-1 text-muted-foreground hover:bg-surface-muted hover:text-foreground" onClick={() => setAll(true)}>
              Expand all
            </button>
            <button type="button" className="rounded-md px-2 py-1 text-muted-foreground hover:bg-surface-muted hover:text-foreground" onClick={() => setAll(false)}>
              Collapse all
            </button>
            <span className="mx-1 h-4 w-px bg-border" />
            <div role="group" aria-label="Diff layout" className="flex rounded-md border p-0.5">
              {(
                [
                  ["unified", "Unified", RowsIcon],
                  ["split", "Side by side", Columns2Icon],
                ] as const
              ).map(([value, label, Icon]) => (
                <button
                  key={value}
                  type="button"
                  aria-pressed={mode === value}
                  onClick={() => setMode(value)}
                  className={cn(
                    "inline-flex items-center gap-1 rounded px-2 py-0.5 text-muted-foreground [&_svg]:size-3.5",
                    mode === value ? "bg-surface-muted text-foreground" : "hover:text-foreground",
                  )}
                >
                  <Icon /> {label}
                </button>
              ))}
            </div>
          </div>
        ) : null}
      </div>
      {diff.files.length === 0 ? (
        <div className="flex items-center gap-2 rounded-lg border border-dashed px-4 py-6 text-sm text-muted-foreground">
          <FileDiffIcon className="size-4" /> {emptyMessage}
        </div>
      ) : (
        <ul className="grid gap-2" aria-label="Changed files">
          {diff.files.map((f) => (
            <FileCard key={f.path} file={f} mode={mode} open={isOpen(f)} onToggle={() => setToggled((t) => ({ ...t, [f.path]: !isOpen(f) }))} />
          ))}
        </ul>
      )}
    </div>
  );
}
