"use client";
import { ArrowRightIcon, MinusIcon, PencilIcon, PlusIcon } from "lucide-react";
import type { ChangeImpact, MetamodelChange } from "@/core/metamodel/changes";
import { cn } from "@/lib/utils";

/** How each semver impact reads in the UI. */
export const IMPACT = {
  major: { label: "Breaking", hint: "models may stop conforming, or templates need new names", tone: "text-danger bg-danger-soft" },
  minor: { label: "Additions", hint: "every model that conformed still does", tone: "text-accent bg-accent-soft" },
  patch: { label: "Other", hint: "descriptions and defaults", tone: "text-muted-foreground bg-surface-muted" },
} as const satisfies Record<ChangeImpact, { label: string; hint: string; tone: string }>;

const ORDER: ChangeImpact[] = ["major", "minor", "patch"];

function KindIcon({ change }: { change: MetamodelChange }) {
  const cls = "mt-0.5 size-3.5 shrink-0";
  if (change.kind === "added") return <PlusIcon className={cn(cls, "text-success")} aria-label="Added" />;
  if (change.kind === "removed") return <MinusIcon className={cn(cls, "text-danger")} aria-label="Removed" />;
  if (change.kind === "renamed" || change.kind === "moved") return <ArrowRightIcon className={cn(cls, "text-muted-foreground")} aria-label={change.kind === "renamed" ? "Renamed" : "Moved"} />;
  return <PencilIcon className={cn(cls, "text-muted-foreground")} aria-label="Changed" />;
}

/** One line per change, grouped by impact (breaking first), each saying what it means for models. */
export function ChangeList({ changes, empty, className }: { changes: MetamodelChange[]; empty: string; className?: string }) {
  if (changes.length === 0) return <p className={cn("rounded-md border border-dashed px-3 py-3 text-center text-[13px] text-muted-foreground", className)}>{empty}</p>;
  return (
    <div className={cn("grid gap-3", className)} data-testid="change-list">
      {ORDER.map((impact) => {
        const group = changes.filter((c) => c.impact === impact);
        if (group.length === 0) return null;
        return (
          <section key={impact} aria-label={`${IMPACT[impact].label} changes`}>
            <h4 className="mb-1 flex items-center gap-2 text-[12px] font-medium">
              <span className={cn("rounded-full px-2 py-0.5 text-[11px]", IMPACT[impact].tone)}>
                {IMPACT[impact].label} · {group.length}
              </span>
              <span className="font-normal text-muted-foreground">{IMPACT[impact].hint}</span>
            </h4>
            <ul className="grid gap-0.5">
              {group.map((c) => (
                <li key={`${c.kind}-${c.id}`} className="flex gap-2 rounded px-1 py-0.5 text-[12.5px]">
                  <KindIcon change={c} />
                  <span className="min-w-0">
                    <span className="font-mono text-[12px] font-medium">{c.path}</span>
                    {c.before !== undefined && c.after !== undefined ? (
                      <span className="ml-1.5 font-mono text-[11.5px] text-muted-foreground">
                        {c.before} → {c.after}
                      </span>
                    ) : null}
                    <span className="block text-muted-foreground">{c.message}</span>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/** The change list as changelog lines, for a starting point the author edits. */
export function changelogFrom(changes: MetamodelChange[]): string {
  return changes
    .filter((c) => c.kind !== "description")
    .map((c) => {
      const what = c.kind === "added" ? "Added" : c.kind === "removed" ? "Removed" : c.kind === "renamed" ? "Renamed" : c.kind === "moved" ? "Moved" : `Changed ${c.kind} of`;
      const detail = c.before !== undefined && c.after !== undefined ? ` (${c.before} → ${c.after})` : "";
      return `- ${what} ${c.element} ${c.path}${detail}`;
    })
    .join("\n");
}
