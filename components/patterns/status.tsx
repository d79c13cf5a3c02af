"use client";
import { BanIcon, CheckCircle2Icon, CircleDashedIcon, LoaderIcon, XCircleIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";
import { statusLabel } from "./analysis-info";

const STYLE: Record<string, { className: string; icon: ReactNode }> = {
  queued: { className: "bg-surface-muted text-muted-foreground", icon: <CircleDashedIcon /> },
  running: { className: "bg-accent-soft text-accent", icon: <LoaderIcon className="animate-spin" /> },
  done: { className: "bg-success/15 text-success", icon: <CheckCircle2Icon /> },
  failed: { className: "bg-danger-soft text-danger", icon: <XCircleIcon /> },
  cancelled: { className: "bg-surface-muted text-muted-foreground", icon: <BanIcon /> },
};

/** The status of an analysis as a chip. */
export function AnalysisStatusChip({ status, className }: { status: string; className?: string }) {
  const style = STYLE[status] ?? STYLE.queued!;
  return (
    <span className={cn("inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium [&_svg]:size-3.5", style.className, className)} data-status={status}>
      {style.icon}
      {statusLabel(status)}
    </span>
  );
}

/** The analysis bar: determinate (0..100), or a faint pulsing track while the amount of work is unknown. */
export function AnalysisProgressBar({ value, label, className }: { value: number | null; label: string; className?: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value ?? undefined}
      aria-valuetext={value === null ? "Starting" : `${value}%`}
      className={cn("h-1.5 w-full overflow-hidden rounded-full bg-surface-muted", className)}
    >
      {value === null ? (
        <div className="h-full w-full animate-pulse rounded-full bg-accent/25" />
      ) : (
        <div className="h-full rounded-full bg-accent transition-[width] duration-500" style={{ width: `${Math.max(2, Math.min(100, value))}%` }} />
      )}
    </div>
  );
}
