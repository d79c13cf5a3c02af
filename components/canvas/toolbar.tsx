"use client";
import {
  DownloadIcon,
  EyeIcon,
  FileJsonIcon,
  FileUpIcon,
  ImageIcon,
  KeyboardIcon,
  LayoutDashboardIcon,
  ListTreeIcon,
  MaximizeIcon,
  PlusSquareIcon,
  Redo2Icon,
  SquarePlusIcon,
  Undo2Icon,
  WifiOffIcon,
} from "lucide-react";
import { useRef, type ReactNode } from "react";
import type { MetaModel } from "@/core/metamodel/schema";
import { Badge } from "@/components/ui/misc";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";
import { PresenceAvatars } from "./presence";
import type { PeerState, PresenceUser } from "./use-collab";

export type ConnectMode = "reference" | "containment" | "inheritance";

function ToolButton({ label, shortcut, onClick, disabled, children, active }: { label: string; shortcut?: string; onClick(): void; disabled?: boolean; children: ReactNode; active?: boolean }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      onClick={onClick}
      className={cn(
        "inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-[13px] text-muted-foreground hover:bg-surface-muted hover:text-foreground disabled:pointer-events-none disabled:opacity-40 [&_svg]:size-4",
        active && "bg-accent-soft text-accent",
      )}
    >
      {children}
    </button>
  );
}

const Divider = () => <span className="mx-1 h-5 w-px bg-border" />;

const MODES: Array<{ mode: ConnectMode; label: string; key: string }> = [
  { mode: "reference", label: "Reference", key: "R" },
  { mode: "containment", label: "Containment", key: "C" },
  { mode: "inheritance", label: "Inheritance", key: "I" },
];

export function CanvasToolbar(props: {
  mm: MetaModel;
  me: PresenceUser;
  peers: PeerState[];
  readOnly: boolean;
  offline: boolean;
  connectMode: ConnectMode;
  onConnectMode(mode: ConnectMode): void;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  onAddClass(): void;
  onAddEnum(): void;
  onLayout(): void;
  onFit(): void;
  onExportImage(format: "png" | "svg"): void;
  onExportJson(): void;
  onImportJson(file: File): void;
  onShortcuts(): void;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="pointer-events-none absolute left-3 right-3 top-3 z-10 flex items-start gap-2 [&>*]:pointer-events-auto">
      <div className="flex items-center gap-1 rounded-lg border bg-surface/95 px-1.5 py-1 shadow-sm backdrop-blur" role="toolbar" aria-label="Canvas tools">
        {props.readOnly ? (
          <Badge className="mx-1 gap-1">
            <EyeIcon className="size-3" /> View only
          </Badge>
        ) : (
          <>
            <ToolButton label="Add class" shortcut="N" onClick={props.onAddClass}>
              <PlusSquareIcon /> <span className="hidden xl:inline">Class</span>
            </ToolButton>
            <ToolButton label="Add enum" shortcut="E" onClick={props.onAddEnum}>
              <SquarePlusIcon /> <span className="hidden xl:inline">Enum</span>
            </ToolButton>
            <Divider />
            <div className="flex rounded-md bg-surface-muted p-0.5" role="radiogroup" aria-label="Connect as">
              {MODES.map((m) => (
                <button
                  key={m.mode}
                  type="button"
                  role="radio"
                  aria-checked={props.connectMode === m.mode}
                  title={`Dragging between classes creates a ${m.label.toLowerCase()} (${m.key})`}
                  onClick={() => props.onConnectMode(m.mode)}
                  className={cn(
                    "rounded px-2 py-1 text-[12px] text-muted-foreground",
                    props.connectMode === m.mode && "bg-surface font-medium text-foreground shadow-xs",
                  )}
                >
                  {m.label}
                </button>
              ))}
            </div>
            <Divider />
            <ToolButton label="Undo" shortcut="Ctrl+Z" onClick={props.onUndo} disabled={!props.canUndo}>
              <Undo2Icon />
            </ToolButton>
            <ToolButton label="Redo" shortcut="Ctrl+Shift+Z" onClick={props.onRedo} disabled={!props.canRedo}>
              <Redo2Icon />
            </ToolButton>
            <ToolButton label="Auto-layout" shortcut="L" onClick={props.onLayout}>
              <LayoutDashboardIcon />
            </ToolButton>
          </>
        )}
        <ToolButton label="Zoom to fit" shortcut="F" onClick={props.onFit}>
          <MaximizeIcon />
        </ToolButton>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <button type="button" aria-label="Import and export" title="Import and export" className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-[13px] text-muted-foreground hover:bg-surface-muted hover:text-foreground [&_svg]:size-4">
              <DownloadIcon />
            </button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start">
            <DropdownMenuItem onSelect={props.onExportJson}>
              <FileJsonIcon /> Export JSON
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => props.onExportImage("png")}>
              <ImageIcon /> Export PNG
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => props.onExportImage("svg")}>
              <ImageIcon /> Export SVG
            </DropdownMenuItem>
            {!props.readOnly ? (
              <>
                <DropdownMenuSeparator />
                <DropdownMenuItem onSelect={() => fileInput.current?.click()}>
                  <FileUpIcon /> Import JSON (replaces the content)...
                </DropdownMenuItem>
              </>
            ) : null}
          </DropdownMenuContent>
        </DropdownMenu>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="hidden"
          aria-label="Import meta-model file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) props.onImportJson(file);
            e.target.value = "";
          }}
        />
        <ToolButton label="Keyboard shortcuts" shortcut="?" onClick={props.onShortcuts}>
          <KeyboardIcon />
        </ToolButton>
      </div>
      <div className="ml-auto flex items-center gap-2 rounded-lg border bg-surface/95 px-2 py-1 shadow-sm backdrop-blur">
        {props.offline ? (
          <span className="inline-flex items-center gap-1 text-[12px] text-warning" title="Your edits are kept and will sync when the connection is back.">
            <WifiOffIcon className="size-3.5" /> Offline
          </span>
        ) : (
          <span className="inline-flex items-center gap-1 text-[12px] text-muted-foreground" title="Changes sync live">
            <span className="size-2 rounded-full bg-success" /> Live
          </span>
        )}
        <span className="hidden text-[12px] text-muted-foreground 2xl:inline">
          <ListTreeIcon className="mr-1 inline size-3.5" />
          {props.mm.classes.length} classes
        </span>
        <PresenceAvatars me={props.me} peers={props.peers} />
      </div>
    </div>
  );
}
