"use client";
import { Command } from "cmdk";
import { FileCodeIcon, PuzzleIcon } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/misc";
import type { PartialEntry, Selection } from "./file-tree";

export const TEMPLATE_SHORTCUTS: Array<{ keys: string[]; label: string }> = [
  { keys: ["Ctrl/⌘", "P"], label: "Open a file or partial" },
  { keys: ["Ctrl/⌘", "S"], label: "Nothing to save: every change syncs live" },
  { keys: ["Ctrl/⌘", "Space"], label: "Complete a filter or variable (in the editor)" },
  { keys: ["Ctrl/⌘", "F"], label: "Find and replace (in the editor)" },
  { keys: ["Ctrl/⌘", "Z"], label: "Undo: your typing in the editor, your file changes elsewhere" },
  { keys: ["Ctrl/⌘", "Shift", "Z"], label: "Redo" },
  { keys: ["Ctrl/⌘", "Shift", "E"], label: "Run all test cases (opens the Tests panel)" },
  { keys: ["Double-click"], label: "Rename a file or partial in the tree" },
  { keys: ["?"], label: "Show this list" },
];

export function TemplateShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange(o: boolean): void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Template editor shortcuts" className="max-w-md">
        <ul className="max-h-[60vh] divide-y overflow-y-auto">
          {TEMPLATE_SHORTCUTS.map((s) => (
            <li key={s.label} className="flex items-center justify-between gap-4 py-2 text-sm">
              <span>{s.label}</span>
              <span className="flex shrink-0 gap-1">
                {s.keys.map((k) => (
                  <Kbd key={k}>{k}</Kbd>
                ))}
              </span>
            </li>
          ))}
        </ul>
      </DialogContent>
    </Dialog>
  );
}

const itemClass = "flex cursor-default select-none items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm data-[selected=true]:bg-surface-muted [&_svg]:size-4 [&_svg]:text-muted-foreground";

/** Ctrl/Cmd+P: jump to a file (by path) or a partial (by name). */
export function QuickOpen({
  open,
  onOpenChange,
  files,
  partials,
  onSelect,
}: {
  open: boolean;
  onOpenChange(o: boolean): void;
  files: Array<{ id: string; path: string }>;
  partials: PartialEntry[];
  onSelect(s: Selection): void;
}) {
  const pick = (s: Selection) => {
    onOpenChange(false);
    onSelect(s);
  };
  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 animate-fade-in bg-black/40" />
        <DialogPrimitive.Content
          className="fixed left-1/2 top-[14vh] z-50 w-[calc(100vw-2rem)] max-w-xl -translate-x-1/2 animate-pop-in overflow-hidden rounded-xl border bg-surface shadow-2xl"
          aria-describedby={undefined}
        >
          <DialogPrimitive.Title className="sr-only">Open a file</DialogPrimitive.Title>
          <Command loop>
            <Command.Input autoFocus placeholder="Open a file or partial..." aria-label="File to open" className="h-12 w-full border-b bg-transparent px-4 text-[15px] outline-none placeholder:text-muted-foreground" />
            <Command.List className="max-h-[min(60vh,420px)] overflow-y-auto p-1.5">
              <Command.Empty className="px-3 py-8 text-center text-sm text-muted-foreground">No file or partial matches.</Command.Empty>
              {files.map((f) => (
                <Command.Item key={f.id} value={`file ${f.path} ${f.id}`} onSelect={() => pick({ kind: "file", id: f.id })} className={itemClass}>
                  <FileCodeIcon /> <span className="truncate font-mono text-[13px]">{f.path}</span>
                </Command.Item>
              ))}
              {partials.map((p) => (
                <Command.Item key={p.id} value={`partial ${p.name} ${p.id}`} onSelect={() => pick({ kind: "partial", id: p.id })} className={itemClass}>
                  <PuzzleIcon /> <span className="truncate font-mono text-[13px]">{p.name}</span>
                  <span className="ml-auto text-xs text-muted-foreground">partial</span>
                </Command.Item>
              ))}
            </Command.List>
          </Command>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
