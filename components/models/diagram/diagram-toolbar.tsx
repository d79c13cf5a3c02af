"use client";
import { CopyIcon, EyeIcon, LayoutDashboardIcon, Loader2Icon, MaximizeIcon, PlusIcon, Trash2Icon } from "lucide-react";
import type { ReactNode, RefObject } from "react";
import { Badge } from "@/components/ui/misc";
import { cn } from "@/lib/utils";

function ToolButton({ label, shortcut, onClick, disabled, children, className, buttonRef }: { label: string; shortcut?: string; onClick(): void; disabled?: boolean; children: ReactNode; className?: string; buttonRef?: RefObject<HTMLButtonElement | null> }) {
  return (
    <button
      ref={buttonRef}
      type="button"
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      onClick={onClick}
      className={cn(
        "inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-[13px] text-muted-foreground transition-colors hover:bg-surface-muted hover:text-foreground disabled:pointer-events-none disabled:opacity-40 [&_svg]:size-4",
        className,
      )}
    >
      {children}
    </button>
  );
}

const Divider = () => <span aria-hidden="true" className="mx-0.5 h-5 w-px bg-border" />;

/** The diagram's floating toolbar: add, auto-layout, fit; with a selection, duplicate and delete. */
export function DiagramToolbar(props: {
  readOnly: boolean;
  selected: number;
  layingOut: boolean;
  addRef: RefObject<HTMLButtonElement | null>;
  onAdd(): void;
  onLayout(): void;
  onFit(): void;
  onDuplicate(): void;
  onDelete(): void;
}) {
  return (
    <div className="pointer-events-none absolute left-3 top-3 z-10 flex items-start gap-2 [&>*]:pointer-events-auto">
      <div className="flex items-center gap-0.5 rounded-lg border bg-surface/95 p-1 shadow-sm backdrop-blur" role="toolbar" aria-label="Diagram tools">
        {props.readOnly ? (
          <Badge className="mx-1 gap-1">
            <EyeIcon className="size-3" /> View only
          </Badge>
        ) : (
          <>
            <ToolButton label="Add object" shortcut="N or double-click" onClick={props.onAdd} buttonRef={props.addRef} className="text-foreground">
              <PlusIcon /> Add object
            </ToolButton>
            <Divider />
            <ToolButton label="Auto layout" shortcut="L" onClick={props.onLayout} disabled={props.layingOut}>
              {props.layingOut ? <Loader2Icon className="animate-spin" /> : <LayoutDashboardIcon />}
            </ToolButton>
          </>
        )}
        <ToolButton label="Zoom to fit" shortcut="F" onClick={props.onFit}>
          <MaximizeIcon />
        </ToolButton>
      </div>
      {props.selected > 0 && !props.readOnly ? (
        <div className="flex animate-fade-in items-center gap-0.5 rounded-lg border bg-surface/95 p-1 text-[12px] shadow-sm backdrop-blur" role="toolbar" aria-label="Selection">
          <span className="px-2 text-muted-foreground" aria-live="polite">
            {props.selected} selected
          </span>
          <ToolButton label="Duplicate" shortcut="Ctrl+D" onClick={props.onDuplicate}>
            <CopyIcon />
          </ToolButton>
          <ToolButton label="Delete" shortcut="Del" onClick={props.onDelete} className="hover:bg-danger-soft hover:text-danger">
            <Trash2Icon />
          </ToolButton>
        </div>
      ) : null}
    </div>
  );
}
