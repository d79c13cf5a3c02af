"use client";
import { CheckCircle2Icon, CircleDashedIcon, LoaderIcon, XCircleIcon } from "lucide-react";
import { Tooltip } from "radix-ui";
import { useId, type ReactElement, type ReactNode } from "react";
import { cn } from "@/lib/utils";
import { statusLabel } from "./generation-info";

/** A determinate progress bar (0..100), or an indeterminate one while the value is unknown. */
export function ProgressBar({ value, label, className }: { value: number | null; label: string; className?: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value ?? undefined}
      className={cn("h-1.5 w-full overflow-hidden rounded-full bg-surface-muted", className)}
    >
      <div
        className={cn("h-full rounded-full bg-accent transition-[width] duration-300", value === null && "w-1/3 animate-pulse")}
        style={value === null ? undefined : { width: `${Math.max(3, Math.min(100, value))}%` }}
      />
    </div>
  );
}

const STATUS_STYLE: Record<string, { className: string; icon: ReactNode }> = {
  queued: { className: "bg-surface-muted text-muted-foreground", icon: <CircleDashedIcon /> },
  running: { className: "bg-accent-soft text-accent", icon: <LoaderIcon className="animate-spin" /> },
  succeeded: { className: "bg-success/15 text-success", icon: <CheckCircle2Icon /> },
  failed: { className: "bg-danger-soft text-danger", icon: <XCircleIcon /> },
};

export function RunStatusBadge({ status, className }: { status: string; className?: string }) {
  const style = STATUS_STYLE[status] ?? STATUS_STYLE.queued!;
  return (
    <span
      className={cn("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium [&_svg]:size-3.5", style.className, className)}
      data-status={status}
    >
      {style.icon}
      {statusLabel(status)}
    </span>
  );
}

/**
 * Wraps a control that may be disabled: with a reason, the control is described by it (for screen
 * readers and tests) and a tooltip shows it on hover or focus of the wrapper (a disabled button
 * itself takes no pointer events or focus).
 */
export function WhyDisabled({ reason, children }: { reason: string | null; children: (describedBy: string | undefined) => ReactElement }) {
  const id = useId();
  if (!reason) return children(undefined);
  return (
    <Tooltip.Provider delayDuration={150}>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          <span tabIndex={0} className="inline-flex rounded-md focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/30" data-disabled-reason={reason}>
            {children(id)}
            <span id={id} className="sr-only">
              {reason}
            </span>
          </span>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content sideOffset={6} className="z-50 max-w-64 rounded-md bg-foreground px-2.5 py-1.5 text-xs text-background shadow-lg">
            {reason}
            <Tooltip.Arrow className="fill-foreground" />
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  );
}
