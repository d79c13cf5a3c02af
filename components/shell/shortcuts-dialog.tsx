"use client";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/misc";

export const SHORTCUTS: Array<{ keys: string[]; label: string }> = [
  { keys: ["Ctrl/⌘", "K"], label: "Open the command palette" },
  { keys: ["C"], label: "New project" },
  { keys: ["/"], label: "Search projects" },
  { keys: ["G", "P"], label: "Go to projects" },
  { keys: ["G", "M"], label: "Go to members" },
  { keys: ["G", "S"], label: "Go to workspace settings" },
  { keys: ["?"], label: "Show this list" },
];

export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Keyboard shortcuts" className="max-w-md">
        <ul className="divide-y">
          {SHORTCUTS.map((s) => (
            <li key={s.label} className="flex items-center justify-between py-2.5 text-sm">
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
