"use client";
import { useQuery } from "@tanstack/react-query";
import { CheckIcon, ChevronRightIcon, CopyIcon, FileIcon, FolderIcon, FolderOpenIcon, SearchIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/misc";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { cn } from "@/lib/utils";
import { buildFileTree, filterFiles, formatBytes, plural, treeOrder, type TreeNode } from "./generation-info";

/** Tree rows indent by depth; folders toggle, files select. */
function TreeRows({
  nodes,
  depth,
  selected,
  collapsed,
  onToggle,
  onSelect,
}: {
  nodes: TreeNode[];
  depth: number;
  selected: string | null;
  collapsed: Set<string>;
  onToggle(path: string): void;
  onSelect(path: string): void;
}) {
  return (
    <ul className="flex flex-col">
      {nodes.map((node) => {
        const pad = { paddingLeft: `${0.5 + depth * 0.9}rem` };
        if (node.kind === "file") {
          const active = node.path === selected;
          return (
            <li key={node.path}>
              <button
                type="button"
                aria-label={node.path}
                aria-current={active ? "true" : undefined}
                onClick={() => onSelect(node.path)}
                style={pad}
                className={cn(
                  "flex w-full items-center gap-1.5 rounded-md py-1 pr-2 text-left text-[13px]",
                  active ? "bg-accent-soft text-accent" : "hover:bg-surface-muted",
                )}
              >
                <FileIcon className="ml-[18px] size-3.5 shrink-0 text-muted-foreground" />
                <span className="min-w-0 flex-1 truncate font-mono text-[12px]">{node.name}</span>
                <span className="shrink-0 text-[11px] tabular-nums text-muted-foreground">{formatBytes(node.size)}</span>
              </button>
            </li>
          );
        }
        const open = !collapsed.has(node.path);
        return (
          <li key={node.path}>
            <button
              type="button"
              aria-expanded={open}
              onClick={() => onToggle(node.path)}
              style={pad}
              title={`${node.path}/ · ${plural(node.fileCount, "file")}`}
              className="flex w-full items-center gap-1.5 rounded-md py-1 pr-2 text-left text-[13px] hover:bg-surface-muted"
            >
              <ChevronRightIcon className={cn("size-3.5 shrink-0 text-muted-foreground transition-transform", open && "rotate-90")} />
              {open ? <FolderOpenIcon className="size-3.5 shrink-0 text-accent" /> : <FolderIcon className="size-3.5 shrink-0 text-accent" />}
              <span className="min-w-0 flex-1 truncate font-mono text-[12px]">{node.name}</span>
              <span className="shrink-0 text-[11px] tabular-nums text-muted-foreground">{formatBytes(node.size)}</span>
            </button>
            {open ? <TreeRows nodes={node.children} depth={depth + 1} selected={selected} collapsed={collapsed} onToggle={onToggle} onSelect={onSelect} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** One generated file with line numbers (plain monospace; files of a run never change). */
function FileViewer({ runId, path }: { runId: string; path: string }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const file = useQuery(trpc.generation.file.queryOptions({ workspaceId: workspace.id, runId, path }, { staleTime: Infinity }));
  const [copied, setCopied] = useState(false);
  const content = file.data?.content ?? "";
  const lines = useMemo(() => {
    const count = content === "" ? 1 : content.split("\n").length - (content.endsWith("\n") ? 1 : 0);
    return Array.from({ length: count }, (_, i) => i + 1).join("\n");
  }, [content]);
  const lineCount = lines.split("\n").length;

  return (
    <section aria-label={`File ${path}`} className="flex max-h-[70vh] min-h-60 min-w-0 flex-1 flex-col overflow-hidden rounded-lg border bg-surface lg:max-h-none lg:min-h-0">
      <header className="flex items-center gap-2 border-b px-3 py-2">
        <FileIcon className="size-4 shrink-0 text-muted-foreground" />
        <h3 className="min-w-0 flex-1 truncate font-mono text-[13px]" title={path}>
          {path}
        </h3>
        {file.data ? (
          <span className="shrink-0 text-xs text-muted-foreground">
            {plural(lineCount, "line")} · {formatBytes(file.data.size)}
          </span>
        ) : null}
        <button
          type="button"
          aria-label={`Copy ${path}`}
          disabled={!file.data}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(content);
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            } catch {
              toast.error("Could not copy: the browser refused clipboard access.");
            }
          }}
          className="rounded-md p-1 text-muted-foreground hover:bg-surface-muted hover:text-foreground disabled:opacity-40"
        >
          {copied ? <CheckIcon className="size-4 text-success" /> : <CopyIcon className="size-4" />}
        </button>
      </header>
      {file.isPending ? (
        <div className="grid gap-2 p-3" aria-busy="true">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-4 w-3/4" />
        </div>
      ) : file.isError ? (
        <p role="alert" className="p-3 text-sm text-danger">
          {toUiError(file.error).message}
        </p>
      ) : (
        <div className="min-h-0 flex-1 overflow-auto" data-testid="file-content">
          <div className="flex min-w-max font-mono text-[12px] leading-5 [tab-size:4]">
            <pre aria-hidden="true" className="sticky left-0 select-none border-r bg-surface-muted/60 px-3 py-2 text-right text-muted-foreground">
              {lines}
            </pre>
            <pre className="px-3 py-2" tabIndex={0} aria-label={`Content of ${path}`}>
              <code>{content}</code>
            </pre>
          </div>
        </div>
      )}
    </section>
  );
}

/** The run's files as a folder tree with sizes, a filter, and the selected file's content. */
export function FileBrowser({ runId, selected, onSelect }: { runId: string; selected: string | null; onSelect(path: string): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const files = useQuery(trpc.generation.files.queryOptions({ workspaceId: workspace.id, runId }, { staleTime: Infinity }));
  const [query, setQuery] = useState("");
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const shown = useMemo(() => filterFiles(files.data ?? [], query), [files.data, query]);
  const tree = useMemo(() => buildFileTree(shown), [shown]);
  const all = files.data ?? [];
  // The selected file, else the first one in the tree.
  const current = selected && all.some((f) => f.path === selected) ? selected : (treeOrder(tree)[0] ?? null);

  if (files.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true">
        <Skeleton className="h-6 w-1/3" />
        <Skeleton className="h-64" />
      </div>
    );
  }
  if (files.isError) {
    return (
      <p role="alert" className="text-sm text-danger">
        {toUiError(files.error).message}
      </p>
    );
  }
  if (all.length === 0) {
    return <p className="rounded-lg border border-dashed px-4 py-8 text-center text-sm text-muted-foreground">This run produced no files.</p>;
  }
  return (
    <div className="flex flex-col gap-3 lg:h-[min(70vh,44rem)] lg:min-h-80 lg:flex-row">
      <nav aria-label="Generated files" className="flex max-h-72 shrink-0 flex-col overflow-hidden rounded-lg border bg-surface lg:max-h-none lg:w-72">
        <div className="relative border-b p-2">
          <SearchIcon className="pointer-events-none absolute left-4 top-1/2 size-3.5 -translate-y-1/2 text-muted-foreground" />
          <Input value={query} onChange={(e) => setQuery(e.target.value)} placeholder={`Filter ${plural(all.length, "file")}`} aria-label="Filter files" className="h-8 pl-7 text-[13px]" />
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto p-1">
          {tree.length ? (
            <TreeRows
              nodes={tree}
              depth={0}
              selected={current}
              collapsed={query ? new Set() : collapsed}
              onToggle={(path) =>
                setCollapsed((c) => {
                  const next = new Set(c);
                  if (next.has(path)) next.delete(path);
                  else next.add(path);
                  return next;
                })
              }
              onSelect={onSelect}
            />
          ) : (
            <p className="p-3 text-xs text-muted-foreground">No file path contains &ldquo;{query}&rdquo;.</p>
          )}
        </div>
      </nav>
      {current ? <FileViewer key={current} runId={runId} path={current} /> : null}
    </div>
  );
}
