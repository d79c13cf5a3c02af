"use client";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { layoutTreemap } from "@/core/patterns/treemap";
import { cn } from "@/lib/utils";

export interface TreemapFileInfo {
  path: string;
  lines: number;
  coveredLines: number;
  groups: string[];
  skipped?: string;
}

const HEIGHT = 260;

/**
 * The codebase as a squarified treemap: folders nest, files are sized by lines and coloured by the
 * share of their lines that lie in a group. The selected group's files are outlined; clicking a file
 * shows its groups.
 */
export function CodebaseTreemap({
  files,
  selectedGroup,
  selectedFile,
  onSelectFile,
}: {
  files: TreemapFileInfo[];
  selectedGroup: string | null;
  selectedFile: string | null;
  onSelectFile(path: string | null): void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const byPath = useMemo(() => new Map(files.map((f) => [f.path, f])), [files]);
  const cells = useMemo(() => (width > 0 ? layoutTreemap(files.map((f) => ({ path: f.path, value: f.lines })), width, HEIGHT, { padding: 3, header: 15 }) : []), [files, width]);

  const onKey = (event: KeyboardEvent, path: string) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onSelectFile(selectedFile === path ? null : path);
    }
  };

  return (
    <div>
      <div ref={box} className="relative w-full overflow-hidden rounded-lg border bg-surface" style={{ height: HEIGHT }}>
        {width > 0 ? (
          <svg width={width} height={HEIGHT} role="group" aria-label="Codebase treemap: files sized by lines, coloured by repetition" className="block">
            {cells.map((c) => {
              if (c.kind === "folder") {
                const label = c.h > 30 && c.w > 50;
                return (
                  <g key={`d:${c.path}`}>
                    <rect x={c.x + 0.5} y={c.y + 0.5} width={Math.max(0, c.w - 1)} height={Math.max(0, c.h - 1)} rx={4} className="fill-surface-muted/50 stroke-border" />
                    {label ? (
                      <text x={c.x + 6} y={c.y + 11} className="fill-muted-foreground text-[10px] font-medium">
                        {fit(`${c.name}/`, c.w - 10)}
                      </text>
                    ) : null}
                  </g>
                );
              }
              const f = byPath.get(c.path)!;
              const share = f.lines > 0 ? f.coveredLines / f.lines : 0;
              const inGroup = selectedGroup !== null && f.groups.includes(selectedGroup);
              const selected = selectedFile === c.path;
              const labelled = c.w > 46 && c.h > 18;
              return (
                <g
                  key={`f:${c.path}`}
                  role="button"
                  tabIndex={0}
                  aria-label={`${c.path}: ${f.lines} lines, ${Math.round(share * 100)}% in groups${f.skipped ? ` (skipped: ${f.skipped})` : ""}`}
                  aria-pressed={selected}
                  data-path={c.path}
                  className="cursor-pointer outline-none [&:focus-visible>rect]:stroke-ring [&:focus-visible>rect]:stroke-2"
                  onClick={() => onSelectFile(selected ? null : c.path)}
                  onKeyDown={(e) => onKey(e, c.path)}
                >
                  <title>{`${c.path}\n${f.lines.toLocaleString("en")} lines · ${f.coveredLines.toLocaleString("en")} in groups (${Math.round(share * 100)}%)${f.groups.length ? ` · ${f.groups.join(", ")}` : ""}${f.skipped ? ` · skipped: ${f.skipped}` : ""}`}</title>
                  <rect
                    x={c.x + 0.5}
                    y={c.y + 0.5}
                    width={Math.max(0, c.w - 1)}
                    height={Math.max(0, c.h - 1)}
                    rx={3}
                    className={cn(
                      "transition-[fill-opacity]",
                      f.skipped ? "fill-muted-foreground/15" : share > 0 ? "fill-accent" : "fill-surface-muted",
                      inGroup || selected ? "stroke-foreground" : "stroke-surface",
                    )}
                    fillOpacity={f.skipped || share === 0 ? 1 : 0.18 + 0.72 * share}
                    strokeWidth={inGroup || selected ? 2 : 1}
                    strokeDasharray={selected && !inGroup ? "4 2" : undefined}
                  />
                  {labelled ? (
                    <text x={c.x + 5} y={c.y + 13} className={cn("pointer-events-none text-[10px]", share > 0.55 ? "fill-accent-foreground" : "fill-foreground")}>
                      {fit(c.name, c.w - 8)}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </svg>
        ) : null}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-[11px] text-muted-foreground">
        <span className="flex items-center gap-1.5">
          Lines in a group
          <span className="inline-flex h-2 w-24 overflow-hidden rounded-full">
            <span className="flex-1 bg-surface-muted" />
            <span className="flex-1 bg-accent/25" />
            <span className="flex-1 bg-accent/55" />
            <span className="flex-1 bg-accent/90" />
          </span>
          0% → 100%
        </span>
        {selectedGroup ? (
          <span className="flex items-center gap-1.5">
            <span className="inline-block size-2.5 rounded-sm border-2 border-foreground" /> files of {selectedGroup}
          </span>
        ) : null}
        <span>Size: lines. Click a file to see its groups.</span>
      </div>
    </div>
  );
}

/** Text cut to fit `px` (about 6 px per character at this size). */
function fit(text: string, px: number): string {
  const max = Math.floor(px / 6);
  if (text.length <= max) return text;
  return max > 2 ? `${text.slice(0, max - 1)}…` : "";
}
