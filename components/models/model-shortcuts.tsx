"use client";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/misc";

export const MODEL_SHORTCUTS: Array<{ keys: string[]; label: string }> = [
  { keys: ["N"], label: "New object in the current tab" },
  { keys: ["Del"], label: "Delete the selection" },
  { keys: ["Ctrl/⌘", "D"], label: "Duplicate the selection" },
  { keys: ["Ctrl/⌘", "A"], label: "Select every object in the tab" },
  { keys: ["Esc"], label: "Clear the selection (in a field: take back what you typed)" },
  { keys: ["Ctrl/⌘", "Z"], label: "Undo (your own edits only)" },
  { keys: ["Ctrl/⌘", "Shift", "Z"], label: "Redo" },
  { keys: ["["], label: "Previous tab" },
  { keys: ["]"], label: "Next tab" },
  { keys: ["Enter"], label: "In a field: done (Ctrl/⌘ Enter in long text and JSON)" },
  { keys: ["?"], label: "Show this list" },
];

export function ModelShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange(o: boolean): void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Model editor shortcuts" className="max-w-md">
        <ul className="max-h-[60vh] divide-y overflow-y-auto">
          {MODEL_SHORTCUTS.map((s) => (
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
