"use client";
import {
  ChevronDownIcon,
  ChevronRightIcon,
  CopyIcon,
  FileCodeIcon,
  FolderIcon,
  MoreHorizontalIcon,
  PencilIcon,
  PlusIcon,
  PuzzleIcon,
  RepeatIcon,
  Trash2Icon,
} from "lucide-react";
import { useRef, useState, type ReactNode } from "react";
import { PARTIAL_NAME, type TemplateFile } from "@/core/templates/schema";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";

/**
 * The draft's files as a tree (paths split into folders; a `/` inside `{{ }}` or `{% %}` is not a
 * folder), and its partials: select, add, rename, duplicate, delete. What is rendered per object shows
 * as a badge; problems and peers (who has which file open) as dots.
 */

export type Selection = { kind: "file"; id: string } | { kind: "partial"; id: string };

export interface PartialEntry {
  id: string;
  name: string;
}

export interface PeerMark {
  name: string;
  color: string;
}

/** Splits a path template at the `/` outside Liquid tags. */
export function pathSegments(path: string): string[] {
  const out: string[] = [];
  let current = "";
  let depth: "}}" | "%}" | null = null;
  for (let i = 0; i < path.length; i++) {
    const two = path.slice(i, i + 2);
    if (!depth && (two === "{{" || two === "{%")) {
      depth = two === "{{" ? "}}" : "%}";
      current += two;
      i++;
      continue;
    }
    if (depth && two === depth) {
      depth = null;
      current += two;
      i++;
      continue;
    }
    if (!depth && path[i] === "/") {
      out.push(current);
      current = "";
      continue;
    }
    current += path[i];
  }
  out.push(current);
  return out.filter((s, i, all) => s !== "" || i === all.length - 1);
}

/**
 * A segment for display: `{% %}` tags (conditions around the name) left out, `{{ }}` outputs tinted.
 * The accessible name and the tooltip stay the full path template.
 */
function SegmentLabel({ segment }: { segment: string }) {
  const stripped = segment.replace(/\{%.*?%\}/g, "");
  const text = stripped.trim() ? stripped : segment;
  const parts = text.split(/(\{\{.*?\}\})/g).filter(Boolean);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith("{{") ? (
          <span key={i} className="text-accent">
            {part.replace(/^\{\{-?\s*/, "{").replace(/\s*-?\}\}$/, "}")}
          </span>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
      {stripped !== segment && stripped.trim() ? <span className="ml-1 text-[10px] text-muted-foreground" title="Written only when its condition holds">if</span> : null}
    </>
  );
}

interface Folder {
  name: string;
  key: string;
  folders: Map<string, Folder>;
  files: TemplateFile[];
}

function buildTree(files: TemplateFile[]): Folder {
  const root: Folder = { name: "", key: "", folders: new Map(), files: [] };
  for (const f of files) {
    const segments = pathSegments(f.path);
    let node = root;
    for (const segment of segments.slice(0, -1)) {
      let next = node.folders.get(segment);
      if (!next) {
        next = { name: segment, key: `${node.key}/${segment}`, folders: new Map(), files: [] };
        node.folders.set(segment, next);
      }
      node = next;
    }
    node.files.push(f);
  }
  return root;
}

function InlineInput({ initial, label, onCommit, onCancel, validate }: { initial: string; label: string; onCommit(value: string): void; onCancel(): void; validate?(value: string): string | null }) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const error = validate?.(value.trim()) ?? null;
  const finish = (fn: () => void) => {
    if (done.current) return;
    done.current = true;
    fn();
  };
  const commit = () => finish(() => (!value.trim() || error ? onCancel() : onCommit(value.trim())));
  return (
    <div className="px-2 py-1">
      <input
        aria-label={label}
        value={value}
        autoFocus
        onFocus={(e) => {
          // Select the name, not the extension or folders.
          const v = e.currentTarget.value;
          const start = v.lastIndexOf("/") + 1;
          const dot = v.lastIndexOf(".");
          e.currentTarget.setSelectionRange(start, dot > start ? dot : v.length);
        }}
        onChange={(e) => setValue(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          } else if (e.key === "Escape") {
            e.preventDefault();
            finish(onCancel);
          }
        }}
        aria-invalid={!!error}
        className="h-7 w-full rounded-md border bg-surface px-2 font-mono text-[12px] outline-none focus:border-ring focus:ring-2 focus:ring-ring/20 aria-invalid:border-danger"
      />
      {error ? <p className="mt-1 text-[11px] text-danger">{error}</p> : null}
    </div>
  );
}

function RowMenu({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <button
          type="button"
          aria-label={label}
          className="mr-1 rounded p-0.5 text-muted-foreground opacity-0 hover:bg-surface hover:text-foreground focus:opacity-100 group-hover:opacity-100 data-[state=open]:opacity-100"
        >
          <MoreHorizontalIcon className="size-3.5" />
        </button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">{children}</DropdownMenuContent>
    </DropdownMenu>
  );
}

function Dots({ problems, peers }: { problems: number; peers: PeerMark[] }) {
  return (
    <>
      {peers.slice(0, 3).map((p) => (
        <span key={p.name} title={`${p.name} is here`} className="size-2 shrink-0 rounded-full ring-1 ring-background" style={{ background: p.color }} />
      ))}
      {problems > 0 ? (
        <span className="shrink-0 rounded-full bg-danger-soft px-1.5 text-[10px] font-semibold text-danger" title={`${problems} ${problems === 1 ? "problem" : "problems"}`}>
          {problems}
        </span>
      ) : null}
    </>
  );
}

const rowClass = (selected: boolean) =>
  cn("group flex items-center gap-1 rounded-md text-[13px] hover:bg-surface-muted", selected && "bg-accent-soft text-foreground hover:bg-accent-soft");

export interface FileTreeProps {
  files: TemplateFile[];
  partials: PartialEntry[];
  classNames: Map<string, string>;
  selected: Selection | null;
  readOnly: boolean;
  problemsByFile: Map<string, number>;
  problemsByPartial: Map<string, number>;
  peersByFile: Map<string, PeerMark[]>;
  onSelect(selection: Selection): void;
  onAddFile(path: string): void;
  onRenameFile(id: string, path: string): void;
  onDuplicateFile(id: string): void;
  onDeleteFile(id: string): void;
  onAddPartial(name: string): void;
  onRenamePartial(id: string, name: string): void;
  onDeletePartial(id: string): void;
}

type Editing = { kind: "file" | "partial"; id: string } | { kind: "new-file" } | { kind: "new-partial" } | null;

const partialNameProblem = (taken: string[]) => (name: string) =>
  !name ? null : !PARTIAL_NAME.test(name) ? 'Lowercase words, e.g. "field" or "sql/column".' : taken.includes(name) ? "There is a partial with this name." : null;

export function FileTree(props: FileTreeProps) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<Editing>(null);
  const tree = buildTree(props.files);
  const isSelected = (kind: Selection["kind"], id: string) => props.selected?.kind === kind && props.selected.id === id;

  const fileRow = (f: TemplateFile, depth: number, name: string) => {
    if (editing?.kind === "file" && editing.id === f.id) {
      return (
        <li key={f.id} style={{ paddingLeft: depth * 12 }}>
          <InlineInput
            initial={f.path}
            label="File path"
            onCancel={() => setEditing(null)}
            onCommit={(v) => {
              setEditing(null);
              if (v !== f.path) props.onRenameFile(f.id, v);
            }}
          />
        </li>
      );
    }
    const perClass = f.forEach ? props.classNames.get(f.forEach) ?? "a missing class" : null;
    return (
      <li key={f.id} className={rowClass(isSelected("file", f.id))}>
        <button
          type="button"
          aria-label={f.path}
          aria-current={isSelected("file", f.id) ? "true" : undefined}
          title={f.path}
          onClick={() => props.onSelect({ kind: "file", id: f.id })}
          onDoubleClick={() => !props.readOnly && setEditing({ kind: "file", id: f.id })}
          className="flex min-w-0 flex-1 items-center gap-1.5 py-1 pr-1 text-left"
          style={{ paddingLeft: 8 + depth * 12 }}
        >
          <FileCodeIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden="true" />
          <span className="min-w-0 flex-1 truncate font-mono text-[12.5px]">
            <SegmentLabel segment={name} />
          </span>
          {perClass ? (
            <span className="flex shrink-0 items-center gap-0.5 rounded bg-surface-muted px-1 text-[10px] text-muted-foreground" title={`Rendered once per ${perClass}`}>
              <RepeatIcon className="size-2.5" aria-hidden="true" />
              {perClass}
            </span>
          ) : null}
          <Dots problems={props.problemsByFile.get(f.id) ?? 0} peers={props.peersByFile.get(f.id) ?? []} />
        </button>
        {!props.readOnly ? (
          <RowMenu label={`Actions for ${f.path}`}>
            <DropdownMenuItem onSelect={() => setEditing({ kind: "file", id: f.id })}>
              <PencilIcon /> Rename...
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => props.onDuplicateFile(f.id)}>
              <CopyIcon /> Duplicate
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem destructive onSelect={() => props.onDeleteFile(f.id)}>
              <Trash2Icon /> Delete
            </DropdownMenuItem>
          </RowMenu>
        ) : null}
      </li>
    );
  };

  const folder = (node: Folder, depth: number): ReactNode[] => {
    const out: ReactNode[] = [];
    for (const sub of node.folders.values()) {
      const isCollapsed = collapsed.has(sub.key);
      out.push(
        <li key={`dir:${sub.key}`}>
          <button
            type="button"
            aria-expanded={!isCollapsed}
            onClick={() =>
              setCollapsed((c) => {
                const next = new Set(c);
                if (next.has(sub.key)) next.delete(sub.key);
                else next.add(sub.key);
                return next;
              })
            }
            className="flex w-full items-center gap-1 rounded-md py-1 pr-2 text-left text-[13px] text-muted-foreground hover:bg-surface-muted hover:text-foreground"
            style={{ paddingLeft: 4 + depth * 12 }}
          >
            {isCollapsed ? <ChevronRightIcon className="size-3.5 shrink-0" /> : <ChevronDownIcon className="size-3.5 shrink-0" />}
            <FolderIcon className="size-3.5 shrink-0" aria-hidden="true" />
            <span className="min-w-0 truncate font-mono text-[12.5px]">
              <SegmentLabel segment={sub.name} />
            </span>
          </button>
          {!isCollapsed ? <ul role="group">{folder(sub, depth + 1)}</ul> : null}
        </li>,
      );
    }
    for (const f of node.files) {
      const segments = pathSegments(f.path);
      out.push(fileRow(f, depth, segments[segments.length - 1] || f.path));
    }
    return out;
  };

  const takenPartials = props.partials.map((p) => p.name);

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="file-tree">
      <div className="flex items-center justify-between px-3 pb-1 pt-3">
        <h2 className="text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">Files</h2>
        {!props.readOnly ? (
          <button type="button" aria-label="Add file" title="Add file" onClick={() => setEditing({ kind: "new-file" })} className="rounded p-1 text-muted-foreground hover:bg-surface-muted hover:text-foreground">
            <PlusIcon className="size-3.5" />
          </button>
        ) : null}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-1.5 pb-3">
        <ul aria-label="Files">{folder(tree, 0)}</ul>
        {editing?.kind === "new-file" ? (
          <InlineInput
            initial="src/new-file.ts"
            label="New file path"
            onCancel={() => setEditing(null)}
            onCommit={(v) => {
              setEditing(null);
              props.onAddFile(v);
            }}
          />
        ) : null}
        {props.files.length === 0 && editing?.kind !== "new-file" ? (
          <div className="mx-1.5 mt-1 rounded-lg border border-dashed px-3 py-4 text-center text-[12px] text-muted-foreground">
            No files yet.
            {!props.readOnly ? (
              <button type="button" className="mt-1 block w-full font-medium text-accent hover:underline" onClick={() => setEditing({ kind: "new-file" })}>
                Add the first file
              </button>
            ) : null}
          </div>
        ) : null}

        <div className="mt-4 flex items-center justify-between px-1.5 pb-1">
          <h2 className="text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">Partials</h2>
          {!props.readOnly ? (
            <button type="button" aria-label="Add partial" title="Add partial" onClick={() => setEditing({ kind: "new-partial" })} className="rounded p-1 text-muted-foreground hover:bg-surface-muted hover:text-foreground">
              <PlusIcon className="size-3.5" />
            </button>
          ) : null}
        </div>
        <ul aria-label="Partials">
          {props.partials.map((p) =>
            editing?.kind === "partial" && editing.id === p.id ? (
              <li key={p.id}>
                <InlineInput
                  initial={p.name}
                  label="Partial name"
                  validate={partialNameProblem(takenPartials.filter((n) => n !== p.name))}
                  onCancel={() => setEditing(null)}
                  onCommit={(v) => {
                    setEditing(null);
                    if (v !== p.name) props.onRenamePartial(p.id, v);
                  }}
                />
              </li>
            ) : (
              <li key={p.id} className={rowClass(isSelected("partial", p.id))}>
                <button
                  type="button"
                  aria-label={`Partial ${p.name}`}
                  aria-current={isSelected("partial", p.id) ? "true" : undefined}
                  onClick={() => props.onSelect({ kind: "partial", id: p.id })}
                  onDoubleClick={() => !props.readOnly && setEditing({ kind: "partial", id: p.id })}
                  className="flex min-w-0 flex-1 items-center gap-1.5 py-1 pl-2 pr-1 text-left"
                >
                  <PuzzleIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden="true" />
                  <span className="min-w-0 flex-1 truncate font-mono text-[12.5px]">{p.name}</span>
                  <Dots problems={props.problemsByPartial.get(p.name) ?? 0} peers={props.peersByFile.get(p.id) ?? []} />
                </button>
                {!props.readOnly ? (
                  <RowMenu label={`Actions for partial ${p.name}`}>
                    <DropdownMenuItem onSelect={() => setEditing({ kind: "partial", id: p.id })}>
                      <PencilIcon /> Rename...
                    </DropdownMenuItem>
                    <DropdownMenuSeparator />
                    <DropdownMenuItem destructive onSelect={() => props.onDeletePartial(p.id)}>
                      <Trash2Icon /> Delete
                    </DropdownMenuItem>
                  </RowMenu>
                ) : null}
              </li>
            ),
          )}
        </ul>
        {editing?.kind === "new-partial" ? (
          <InlineInput
            initial="field"
            label="New partial name"
            validate={partialNameProblem(takenPartials)}
            onCancel={() => setEditing(null)}
            onCommit={(v) => {
              setEditing(null);
              props.onAddPartial(v);
            }}
          />
        ) : null}
        {props.partials.length === 0 && editing?.kind !== "new-partial" ? (
          <p className="px-2 py-1 text-[12px] text-muted-foreground">
            Snippets bodies share with <code className="font-mono text-[11px]">{'{% render "name" %}'}</code>.
          </p>
        ) : null}
      </div>
    </div>
  );
}
