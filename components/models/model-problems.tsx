"use client";
import { AlertTriangleIcon, CheckCircle2Icon, ChevronDownIcon, ChevronUpIcon, CircleAlertIcon, EraserIcon } from "lucide-react";
import { useState } from "react";
import type { ModelProblem } from "@/core/model/conformance";
import { cn } from "@/lib/utils";

/** Every conformance problem of the model, live; clicking one shows the object and focuses the field. */
export function ModelProblems({
  problems,
  readOnly,
  onShow,
  onClearOrphan,
}: {
  problems: ModelProblem[];
  readOnly: boolean;
  onShow(problem: ModelProblem): void;
  /** Drops a value the meta-model no longer has (MO-11). */
  onClearOrphan(problem: ModelProblem): void;
}) {
  const [open, setOpen] = useState(true);
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  return (
    <section className="shrink-0 border-t bg-surface" aria-label="Problems panel" data-testid="model-problems">
      <button
        type="button"
        className="flex w-full items-center gap-2 px-4 py-2 text-left text-[13px] font-medium hover:bg-surface-muted/60"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
      >
        {problems.length === 0 ? (
          <CheckCircle2Icon className="size-4 text-success" />
        ) : errors ? (
          <CircleAlertIcon className="size-4 text-danger" />
        ) : (
          <AlertTriangleIcon className="size-4 text-warning" />
        )}
        <span className="flex-1">
          {problems.length === 0
            ? "No problems: the model conforms to its meta-model"
            : `${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"}`}
        </span>
        {problems.length ? open ? <ChevronDownIcon className="size-4 text-muted-foreground" /> : <ChevronUpIcon className="size-4 text-muted-foreground" /> : null}
      </button>
      {open && problems.length ? (
        <ul className="max-h-48 overflow-y-auto border-t py-1" aria-label="Problems">
          {problems.map((p, i) => (
            <li key={`${p.code}-${p.objectId}-${p.featureId}-${i}`} className="group flex items-start">
              <button
                type="button"
                className="flex min-w-0 flex-1 gap-2 px-4 py-1.5 text-left text-[12px] hover:bg-surface-muted disabled:cursor-default disabled:hover:bg-transparent"
                onClick={() => onShow(p)}
                disabled={!p.objectId}
              >
                {p.severity === "error" ? <CircleAlertIcon className="mt-0.5 size-3.5 shrink-0 text-danger" /> : <AlertTriangleIcon className="mt-0.5 size-3.5 shrink-0 text-warning" />}
                <span className="min-w-0">
                  <span className="block">{p.message}</span>
                  <span className={cn("block text-muted-foreground")}>
                    {p.fix} <span className="opacity-60">({p.rule})</span>
                  </span>
                </span>
              </button>
              {p.code === "orphaned-value" && !readOnly ? (
                <button
                  type="button"
                  className="mr-3 mt-1 inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-[12px] text-muted-foreground hover:bg-surface-muted hover:text-foreground"
                  onClick={() => onClearOrphan(p)}
                >
                  <EraserIcon className="size-3.5" /> Delete the value
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
