"use client";
import { BoxesIcon, EyeIcon, FileJsonIcon, KeyboardIcon, NetworkIcon, Redo2Icon, Undo2Icon, WifiOffIcon } from "lucide-react";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { PresenceAvatars } from "@/components/canvas/presence";
import { MetamodelVersionLine, useModelMetamodelVersion } from "@/components/metamodels/versions-model";
import type { PeerState, PresenceUser } from "@/components/canvas/use-collab";
import { Badge } from "@/components/ui/misc";
import { cn } from "@/lib/utils";

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

/** The model's name (editable in place), its meta-model, and the tools: undo, export, presence. */
export function ModelHeader(props: {
  name: string;
  onRename(name: string): void;
  metamodelName: string;
  metamodelHref: string;
  objectCount: number;
  me: PresenceUser;
  peers: PeerState[];
  readOnly: boolean;
  offline: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  onExport(): void;
  onShortcuts(): void;
  /** Room for the generation panel's trigger (built separately), next to the tools. */
  generate?: ReactNode;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  // The meta-model version line (with its pin menu), when the model page provides it.
  const version = useModelMetamodelVersion();
  const objects = (
    <>
      <span aria-hidden="true">·</span>
      <span>
        {props.objectCount} {props.objectCount === 1 ? "object" : "objects"}
      </span>
    </>
  );
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b bg-background px-4 py-2.5">
      <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-accent-soft text-accent">
        <BoxesIcon className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <input
          aria-label="Model name"
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
        {version ? (
          <MetamodelVersionLine ctx={version} trailing={objects} />
        ) : (
          <p className="flex items-center gap-1.5 text-[12px] text-muted-foreground">
            <NetworkIcon className="size-3.5" />
            <span>
              Conforms to{" "}
              <Link href={props.metamodelHref} className="font-medium text-foreground hover:text-accent hover:underline">
                {props.metamodelName}
              </Link>
            </span>
            {objects}
          </p>
        )}
      </div>
      <div className="flex items-center gap-1" role="toolbar" aria-label="Model tools">
        {props.readOnly ? (
          <Badge className="mr-1 gap-1">
            <EyeIcon className="size-3" /> View only
          </Badge>
        ) : (
          <>
            <ToolButton label="Undo" shortcut="Ctrl+Z" onClick={props.onUndo} disabled={!props.canUndo}>
              <Undo2Icon />
            </ToolButton>
            <ToolButton label="Redo" shortcut="Ctrl+Shift+Z" onClick={props.onRedo} disabled={!props.canRedo}>
              <Redo2Icon />
            </ToolButton>
            <span className="mx-1 h-5 w-px bg-border" />
          </>
        )}
        <ToolButton label="Export JSON" onClick={props.onExport}>
          <FileJsonIcon /> <span className="hidden lg:inline">Export</span>
        </ToolButton>
        <ToolButton label="Keyboard shortcuts" shortcut="?" onClick={props.onShortcuts}>
          <KeyboardIcon />
        </ToolButton>
      </div>
      {/* Generate: the generation panel's trigger goes here (ModelPage's `generate` prop). */}
      {props.generate ? <div className="flex items-center">{props.generate}</div> : null}
      <div className="flex items-center gap-2 rounded-lg border bg-surface px-2 py-1">
        {props.offline ? (
          <span className="inline-flex items-center gap-1 text-[12px] text-warning" title="Your edits are kept and will sync when the connection is back." data-testid="offline-badge">
            <WifiOffIcon className="size-3.5" /> Offline
          </span>
        ) : (
          <span className="inline-flex items-center gap-1 text-[12px] text-muted-foreground" title="Changes sync live">
            <span className="size-2 rounded-full bg-success" /> Live
          </span>
        )}
        <PresenceAvatars me={props.me} peers={props.peers} />
      </div>
    </div>
  );
}
