"use client";
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useGeometry } from "@/components/canvas/edges";
import { useZoomedOut } from "@/components/canvas/nodes";
import { cn } from "@/lib/utils";
import type { LinkEdge } from "./graph";

/**
 * A reference target as a floating edge: an open arrow at the target, labelled with the reference's
 * name; a containment as a line with a filled diamond at the container (its name shows when the edge
 * is selected, since a container's many children would repeat it). A reference with a conformance
 * problem is dashed and red. Markers come from the meta-model canvas's <EdgeMarkers />.
 */
export const LinkEdgeView = memo(function LinkEdgeView({ id, source, target, data, selected }: EdgeProps<LinkEdge>) {
  const g = useGeometry(source, target, data?.offset ?? 0);
  const zoomedOut = useZoomedOut();
  if (!g || !data) return null;
  const stroke = selected ? "var(--accent)" : data.hasProblem ? "var(--danger)" : data.containment ? "color-mix(in oklch, var(--muted-foreground) 55%, transparent)" : "color-mix(in oklch, var(--muted-foreground) 85%, transparent)";
  const showLabel = !zoomedOut && (!data.containment || selected);
  return (
    <>
      <BaseEdge
        id={id}
        path={g.path}
        markerStart={data.containment ? "url(#mf-diamond)" : undefined}
        markerEnd={data.containment ? undefined : "url(#mf-arrow)"}
        interactionWidth={18}
        style={{ stroke, strokeWidth: selected ? 2 : 1.4, strokeDasharray: data.hasProblem ? "5 3" : undefined }}
      />
      {showLabel ? (
        <EdgeLabelRenderer>
          <div
            className={cn(
              "pointer-events-none absolute whitespace-nowrap rounded-md border bg-surface px-1.5 font-mono text-[10.5px] leading-[18px] text-muted-foreground shadow-xs",
              selected && "border-accent/50 text-accent",
              data.hasProblem && !selected && "border-danger/40 text-danger",
            )}
            style={{ transform: `translate(-50%, -50%) translate(${g.at(source === target ? 0.5 : 0.55).x}px, ${g.at(source === target ? 0.5 : 0.55).y}px)` }}
            data-testid="link-label"
          >
            {data.refName}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

export const edgeTypes = { link: LinkEdgeView };
