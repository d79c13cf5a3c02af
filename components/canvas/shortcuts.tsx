"use client";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/misc";

export const CANVAS_SHORTCUTS: Array<{ keys: string[]; label: string }> = [
  { keys: ["N"], label: "Add a class (or double-click the canvas)" },
  { keys: ["E"], label: "Add an enum" },
  { keys: ["R"], label: "Connect as reference" },
  { keys: ["C"], label: "Connect as containment" },
  { keys: ["I"], label: "Connect as inheritance" },
  { keys: ["Del"], label: "Delete the selection" },
  { keys: ["Ctrl/⌘", "C"], label: "Copy" },
  { keys: ["Ctrl/⌘", "V"], label: "Paste" },
  { keys: ["Ctrl/⌘", "D"], label: "Duplicate" },
  { keys: ["Ctrl/⌘", "A"], label: "Select all" },
  { keys: ["Ctrl/⌘", "Z"], label: "Undo (your own edits only)" },
  { keys: ["Ctrl/⌘", "Shift", "Z"], label: "Redo" },
  { keys: ["L"], label: "Auto-layout" },
  { keys: ["F"], label: "Zoom to fit" },
  { keys: ["Shift", "drag"], label: "Select an area" },
  { keys: ["Esc"], label: "Clear the selection" },
  { keys: ["?"], label: "Show this list" },
];

export function CanvasShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange(o: boolean): void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Canvas shortcuts" className="max-w-md">
        <ul className="max-h-[60vh] divide-y overflow-y-auto">
          {CANVAS_SHORTCUTS.map((s) => (
            <li key={s.label} className="flex items-center justify-between py-2 text-sm">
              <span>{s.label}</span>
              <span className="flex gap-1">
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
