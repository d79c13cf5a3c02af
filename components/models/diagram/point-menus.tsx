"use client";
import { Command } from "cmdk";
import { CornerDownRightIcon, LinkIcon } from "lucide-react";
import { Popover } from "radix-ui";
import type { ReactNode } from "react";
import { Kbd } from "@/components/ui/misc";
import { cn } from "@/lib/utils";
import { classColor } from "./object-node";

/** Small menus that open where the pointer is: pick a class for a new object, pick which reference a link is. */

export interface ScreenPoint {
  x: number;
  y: number;
}

function PointPopover({ at, onClose, children, label }: { at: ScreenPoint | null; onClose(): void; children: ReactNode; label: string }) {
  return (
    <Popover.Root open={at !== null} onOpenChange={(o) => !o && onClose()}>
      <Popover.Anchor asChild>
        <span aria-hidden="true" className="pointer-events-none fixed size-0" style={{ left: at?.x ?? 0, top: at?.y ?? 0 }} />
      </Popover.Anchor>
      <Popover.Portal>
        <Popover.Content
          side="bottom"
          align="start"
          sideOffset={6}
          collisionPadding={12}
          aria-label={label}
          className="z-50 w-72 animate-fade-in overflow-hidden rounded-lg border bg-surface text-sm shadow-lg outline-none"
          onOpenAutoFocus={(e) => {
            // Focus the menu's own input or list, not the first button.
            e.preventDefault();
            (e.currentTarget as HTMLElement).querySelector<HTMLElement>("[cmdk-input], [cmdk-root]")?.focus();
          }}
        >
          {children}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

const itemClass =
  "flex cursor-default select-none items-center gap-2.5 rounded-md px-2 py-1.5 text-[13px] outline-none data-[selected=true]:bg-surface-muted data-[disabled=true]:opacity-50";

export interface ClassChoice {
  id: string;
  name: string;
  description: string;
  hue: number;
  /** Objects of this class already in the model. */
  count: number;
  /** A second line, e.g. the reference a new object would be linked through. */
  hint?: string;
}

/** "Add object": type to filter the concrete classes of the meta-model, Enter to add one. */
export function ClassPicker({ at, title, choices, onPick, onClose }: { at: ScreenPoint | null; title: string; choices: ClassChoice[]; onPick(c: ClassChoice): void; onClose(): void }) {
  return (
    <PointPopover at={at} onClose={onClose} label={title}>
      <Command loop label={title}>
        <div className="flex items-center gap-2 border-b px-3">
          <Command.Input autoFocus placeholder={title} className="h-10 w-full bg-transparent text-[13px] outline-none placeholder:text-muted-foreground" />
          <Kbd>Esc</Kbd>
        </div>
        <Command.List className="max-h-72 overflow-y-auto p-1">
          <Command.Empty className="px-3 py-6 text-center text-[12px] text-muted-foreground">No class by that name. Classes come from the meta-model.</Command.Empty>
          {choices.map((c) => (
            <Command.Item key={`${c.id}-${c.hint ?? ""}`} value={`${c.name} ${c.hint ?? ""} ${c.id}`} keywords={[c.description]} onSelect={() => onPick(c)} className={itemClass}>
              <span aria-hidden="true" className="size-2.5 shrink-0 rounded-full bg-[var(--class)]" style={classColor(c.hue)} />
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{c.name}</span>
                {c.hint || c.description ? <span className="block truncate text-[11.5px] text-muted-foreground">{c.hint ?? c.description}</span> : null}
              </span>
              <span className="shrink-0 text-[11px] tabular-nums text-muted-foreground" title={`${c.count} in the model`}>
                {c.count}
              </span>
            </Command.Item>
          ))}
        </Command.List>
      </Command>
    </PointPopover>
  );
}

export interface LinkChoice {
  key: string;
  name: string;
  containment: boolean;
  detail: string;
}

/** When a dragged link fits several references: which one. */
export function LinkMenu({ at, title, choices, onPick, onClose }: { at: ScreenPoint | null; title: string; choices: LinkChoice[]; onPick(key: string): void; onClose(): void }) {
  return (
    <PointPopover at={at} onClose={onClose} label={title}>
      <Command loop label={title} tabIndex={-1} className="outline-none">
        <p className="border-b px-3 py-2 text-[12px] text-muted-foreground">{title}</p>
        <Command.List className="p-1">
          {choices.map((c) => (
            <Command.Item key={c.key} value={c.key} onSelect={() => onPick(c.key)} className={cn(itemClass, "items-start")}>
              {c.containment ? <CornerDownRightIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" /> : <LinkIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" />}
              <span className="min-w-0 flex-1">
                <span className="block font-mono text-[12.5px] font-medium">{c.name}</span>
                <span className="block text-[11.5px] text-muted-foreground">{c.detail}</span>
              </span>
            </Command.Item>
          ))}
        </Command.List>
      </Command>
    </PointPopover>
  );
}
