"use client";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";
import { holeColor, toLines, type Span } from "./analysis-info";

/** Read-only code with line numbers; hole text highlighted in its hole's colour, context dimmed. */
export function CodeLines({ spans, firstLine = 1, label, className, holeTitle }: { spans: Span[]; firstLine?: number; label: string; className?: string; holeTitle?: (hole: number) => string }) {
  const lines = toLines(spans);
  // A final newline does not make an extra empty row.
  if (lines.length > 1 && lines[lines.length - 1]!.length === 0) lines.pop();
  return (
    <div role="region" aria-label={label} tabIndex={0} className={cn("overflow-auto rounded-lg border bg-surface font-mono text-[12px] leading-[1.6]", className)}>
      <table className="w-full border-collapse">
        <tbody>
          {lines.map((line, i) => (
            <tr key={i}>
              <td className="sticky left-0 w-10 select-none border-r bg-surface pr-2 text-right align-top text-[11px] text-muted-foreground/70">{firstLine + i}</td>
              <td className="whitespace-pre pl-3 pr-4">
                {line.length === 0 ? " " : line.map((s, k) => <SpanView key={k} span={s} title={s.hole !== undefined ? holeTitle?.(s.hole) : undefined} />)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SpanView({ span, title }: { span: Span; title?: string }): ReactNode {
  if (span.hole !== undefined) {
    return (
      <mark title={title} data-hole={span.hole} className={cn("rounded-[3px] px-[1px] ring-1 ring-inset", holeColor(span.hole))}>
        {span.text}
      </mark>
    );
  }
  return <span className={span.dim ? "text-muted-foreground/60" : undefined}>{span.text}</span>;
}
