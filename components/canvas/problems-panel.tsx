"use client";
import { AlertTriangleIcon, CheckCircle2Icon, ChevronDownIcon, ChevronUpIcon, CircleAlertIcon } from "lucide-react";
import { useState } from "react";
import type { Problem } from "@/core/metamodel/validate";
import { cn } from "@/lib/utils";

/** Every problem of the meta-model, live; clicking one shows its element. */
export function ProblemsPanel({ problems, onShow }: { problems: Problem[]; onShow(problem: Problem): void }) {
  const [open, setOpen] = useState(true);
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  return (
    <div className="absolute bottom-3 left-3 z-10 w-[26rem] max-w-[calc(100%-1.5rem)] rounded-lg border bg-surface/95 shadow-lg backdrop-blur" data-testid="problems-panel">
      <button
        type="button"
        className="flex w-full items-center gap-2 px-3 py-2 text-left text-[13px] font-medium"
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
          {problems.length === 0 ? "No problems" : `${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"}`}
        </span>
        {problems.length ? open ? <ChevronDownIcon className="size-4" /> : <ChevronUpIcon className="size-4" /> : null}
      </button>
      {open && problems.length ? (
        <ul className="max-h-56 overflow-y-auto border-t py-1" aria-label="Problems">
          {problems.map((p, i) => (
            <li key={`${p.rule}-${p.elementId}-${i}`}>
              <button type="button" className="flex w-full gap-2 px-3 py-1.5 text-left text-[12px] hover:bg-surface-muted" onClick={() => onShow(p)}>
                {p.severity === "error" ? <CircleAlertIcon className="mt-0.5 size-3.5 shrink-0 text-danger" /> : <AlertTriangleIcon className="mt-0.5 size-3.5 shrink-0 text-warning" />}
                <span className="min-w-0">
                  <span className="block">{p.message}</span>
                  <span className={cn("block text-muted-foreground")}>
                    {p.fix} <span className="opacity-60">({p.rule})</span>
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
