"use client";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/misc";

export const MODEL_SHORTCUTS: Array<{ keys: string[]; label: string }> = [
  { keys: ["V"], label: "Switch between the table and the diagram" },
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

export const DIAGRAM_SHORTCUTS: Array<{ keys: string[]; label: string }> = [
  { keys: ["N"], label: "Add an object (or double-click the canvas)" },
  { keys: ["Enter"], label: "Edit the selected object's fields" },
  { keys: ["Del"], label: "Delete the selected objects or links" },
  { keys: ["Ctrl/⌘", "D"], label: "Duplicate the selection" },
  { keys: ["Ctrl/⌘", "C"], label: "Copy (Ctrl/⌘ V pastes copies)" },
  { keys: ["Ctrl/⌘", "A"], label: "Select every object" },
  { keys: ["Shift", "drag"], label: "Select an area" },
  { keys: ["L"], label: "Auto layout" },
  { keys: ["F"], label: "Zoom to fit" },
  { keys: ["Esc"], label: "Clear the selection" },
];

function ShortcutList({ items, label }: { items: Array<{ keys: string[]; label: string }>; label: string }) {
  return (
    <ul className="divide-y" aria-label={label}>
      {items.map((s) => (
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
  );
}

export function ModelShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange(o: boolean): void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Model editor shortcuts" className="max-w-md">
        <div className="max-h-[60vh] overflow-y-auto pr-1">
          <ShortcutList items={MODEL_SHORTCUTS} label="Model editor" />
          <h3 className="mb-1 mt-4 text-xs font-medium uppercase tracking-wide text-muted-foreground">On the diagram</h3>
          <ShortcutList items={DIAGRAM_SHORTCUTS} label="Diagram" />
          <p className="mt-3 text-[12px] text-muted-foreground">
            Drag from the dot on an object&apos;s right edge to another object to link them, or to empty canvas to create a linked object.
          </p>
        </div>
      </DialogContent>
    </Dialog>
  );
}
