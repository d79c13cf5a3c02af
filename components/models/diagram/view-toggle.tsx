"use client";
import { TableIcon, WorkflowIcon } from "lucide-react";
import { useCallback, useState, type KeyboardEvent } from "react";
import { cn } from "@/lib/utils";

/** Table or diagram: how the model editor shows a model, remembered per user in this browser. */

export type ModelView = "table" | "diagram";

const storageKey = (userId: string) => `metaforge:model-view:${userId}`;

function stored(userId: string): ModelView {
  try {
    return window.localStorage.getItem(storageKey(userId)) === "diagram" ? "diagram" : "table";
  } catch {
    return "table";
  }
}

export function useModelView(userId: string): [ModelView, (view: ModelView) => void] {
  const [view, setView] = useState<ModelView>(() => (typeof window === "undefined" ? "table" : stored(userId)));
  const choose = useCallback(
    (next: ModelView) => {
      setView(next);
      try {
        window.localStorage.setItem(storageKey(userId), next);
      } catch {
        /* private mode: remembered for this page only */
      }
    },
    [userId],
  );
  return [view, choose];
}

const OPTIONS: Array<{ view: ModelView; label: string; Icon: typeof TableIcon }> = [
  { view: "table", label: "Table", Icon: TableIcon },
  { view: "diagram", label: "Diagram", Icon: WorkflowIcon },
];

/** A segmented control: Table | Diagram (V switches). */
export function ViewToggle({ value, onChange }: { value: ModelView; onChange(view: ModelView): void }) {
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    const next = value === "table" ? "diagram" : "table";
    onChange(next);
    (e.currentTarget.parentElement?.querySelector(`[data-view="${next}"]`) as HTMLElement | null)?.focus();
  };
  return (
    <div className="flex rounded-lg bg-surface-muted p-0.5" role="radiogroup" aria-label="View" data-testid="model-view-toggle">
      {OPTIONS.map(({ view, label, Icon }) => (
        <button
          key={view}
          type="button"
          role="radio"
          aria-checked={value === view}
          tabIndex={value === view ? 0 : -1}
          data-view={view}
          title={`${label} view (V)`}
          onClick={() => onChange(view)}
          onKeyDown={onKey}
          className={cn(
            "inline-flex h-7 items-center gap-1.5 rounded-md px-2.5 text-[12.5px] text-muted-foreground transition-colors hover:text-foreground [&_svg]:size-3.5",
            value === view && "bg-surface font-medium text-foreground shadow-xs",
          )}
        >
          <Icon aria-hidden="true" />
          {label}
        </button>
      ))}
    </div>
  );
}
