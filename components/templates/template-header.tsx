"use client";
import { ChevronDownIcon, EyeIcon, FileCode2Icon, GitCompareIcon, HistoryIcon, KeyboardIcon, NetworkIcon, Redo2Icon, TagIcon, Undo2Icon, WifiOffIcon } from "lucide-react";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { PresenceAvatars } from "@/components/canvas/presence";
import type { PeerState, PresenceUser } from "@/components/canvas/use-collab";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Badge } from "@/components/ui/misc";
import type { RouterOutputs } from "@/lib/trpc";
import { cn, timeAgo } from "@/lib/utils";

type TemplateRow = RouterOutputs["template"]["get"];

function ToolButton({ label, shortcut, onClick, disabled, children }: { label: string; shortcut?: string; onClick(): void; disabled?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      onClick={onClick}
      className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-[13px] text-muted-foreground hover:bg-surface-muted hover:text-foreground disabled:pointer-events-none disabled:opacity-40 [&_svg]:size-4"
    >
      {children}
    </button>
  );
}

/** Published versions, newest first; picking one compares it with the draft. */
function VersionsMenu({ row, onCompare, onRestore }: { row: TemplateRow; onCompare(from: string, to: string): void; onRestore?(version: string): void }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label="Versions" className="text-muted-foreground">
          <HistoryIcon />
          <span className="hidden lg:inline">{row.latestVersion ? `v${row.latestVersion}` : "Unpublished"}</span>
          <ChevronDownIcon className="size-3.5" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-80">
        <DropdownMenuLabel>Published versions</DropdownMenuLabel>
        {row.versions.length === 0 ? (
          <p className="px-2 pb-2 text-[12px] text-muted-foreground">None yet. Publish the draft to give models a version to pin.</p>
        ) : (
          <div className="max-h-80 overflow-y-auto">
            {row.versions.map((v) => (
              <DropdownMenuItem key={v.version} onSelect={() => onCompare(v.version, "draft")} className="flex-col items-start gap-0.5" title="Compare with the draft">
                <span className="flex w-full items-center gap-2">
                  <TagIcon className="size-3.5" />
                  <span className="font-mono text-[12.5px] font-medium">{v.version}</span>
                  {v.version === row.latestVersion ? <Badge tone="accent">latest</Badge> : null}
                  <span className="ml-auto text-[11px] text-muted-foreground">{timeAgo(new Date(v.createdAt))}</span>
                </span>
                <span className="line-clamp-2 whitespace-pre-line pl-5.5 text-[12px] text-muted-foreground">
                  {v.changelog.trim() || "No changelog."}
                  {v.createdByName ? ` — ${v.createdByName}` : ""}
                </span>
              </DropdownMenuItem>
            ))}
          </div>
        )}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => onCompare(row.latestVersion ?? "draft", "draft")}>
          <GitCompareIcon /> Compare versions...
        </DropdownMenuItem>
        {onRestore && row.versions.length > 0 ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuLabel>Restore into the draft</DropdownMenuLabel>
            {row.versions.slice(0, 5).map((v) => (
              <DropdownMenuItem key={`restore-${v.version}`} onSelect={() => onRestore(v.version)}>
                <HistoryIcon /> Restore {v.version}
              </DropdownMenuItem>
            ))}
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** The template's name (editable in place), meta-model, tools, versions, publishing and presence. */
export function TemplateHeader(props: {
  row: TemplateRow;
  name: string;
  onRename(name: string): void;
  metamodelHref: string;
  fileCount: number;
  me: PresenceUser;
  peers: PeerState[];
  readOnly: boolean;
  offline: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  onCompare(from: string, to: string): void;
  /** Replaces the draft with a published version (for everyone editing it). */
  onRestore?(version: string): void;
  onPublish(): void;
  onShortcuts(): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b bg-background px-4 py-2">
      <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-accent-soft text-accent">
        <FileCode2Icon className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <input
          aria-label="Template name"
          className={cn(
            "-ml-1 w-full max-w-md truncate rounded-md border border-transparent bg-transparent px-1 text-[15px] font-semibold tracking-tight outline-none",
            !props.readOnly && "hover:border-border focus:border-ring focus:bg-surface focus:ring-2 focus:ring-ring/20",
          )}
          value={draft ?? props.name}
          readOnly={props.readOnly}
          onFocus={() => setDraft(props.name)}
          onChange={(e) => {
            setDraft(e.target.value);
            if (e.target.value.trim()) props.onRename(e.target.value);
          }}
          onBlur={() => setDraft(null)}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === "Escape") e.currentTarget.blur();
          }}
        />
        <p className="flex items-center gap-1.5 text-[12px] text-muted-foreground">
          <NetworkIcon className="size-3.5" />
          <span>
            For{" "}
            <Link href={props.metamodelHref} className="font-medium text-foreground hover:text-accent hover:underline">
              {props.row.metamodelName}
            </Link>
          </span>
          <span aria-hidden="true">·</span>
          <span>
            {props.fileCount} {props.fileCount === 1 ? "file" : "files"}
          </span>
          <span aria-hidden="true">·</span>
          <span>{props.row.latestVersion ? `latest ${props.row.latestVersion}` : "draft only"}</span>
        </p>
      </div>
      <div className="flex items-center gap-1" role="toolbar" aria-label="Template tools">
        {props.readOnly ? (
          <Badge className="mr-1 gap-1">
            <EyeIcon className="size-3" /> View only
          </Badge>
        ) : (
          <>
            <ToolButton label="Undo file changes" shortcut="Ctrl+Z outside the editor" onClick={props.onUndo} disabled={!props.canUndo}>
              <Undo2Icon />
            </ToolButton>
            <ToolButton label="Redo file changes" shortcut="Ctrl+Shift+Z outside the editor" onClick={props.onRedo} disabled={!props.canRedo}>
              <Redo2Icon />
            </ToolButton>
            <span className="mx-1 h-5 w-px bg-border" />
          </>
        )}
        <ToolButton label="Keyboard shortcuts" shortcut="?" onClick={props.onShortcuts}>
          <KeyboardIcon />
        </ToolButton>
        <VersionsMenu row={props.row} onCompare={props.onCompare} onRestore={props.readOnly ? undefined : props.onRestore} />
        <Button variant="secondary" size="sm" onClick={() => props.onCompare(props.row.latestVersion ?? "draft", "draft")}>
          <GitCompareIcon /> Compare...
        </Button>
        {!props.readOnly ? (
          <Button size="sm" onClick={props.onPublish}>
            <TagIcon /> Publish...
          </Button>
        ) : null}
      </div>
      <div className="flex items-center gap-2 rounded-lg border bg-surface px-2 py-1">
        {props.offline ? (
          <span className="inline-flex items-center gap-1 text-[12px] text-warning" title="Your edits are kept and will sync when the connection is back." data-testid="offline-badge">
            <WifiOffIcon className="size-3.5" /> Offline
          </span>
        ) : (
          <span className="inline-flex items-center gap-1 text-[12px] text-muted-foreground" title="Changes sync live; there is nothing to save">
            <span className="size-2 rounded-full bg-success" /> Live
          </span>
        )}
        <PresenceAvatars me={props.me} peers={props.peers} />
      </div>
    </div>
  );
}
