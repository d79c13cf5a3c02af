"use client";
import { BaseEdge, EdgeLabelRenderer, useInternalNode, type EdgeProps, type InternalNode } from "@xyflow/react";
import { memo } from "react";
import { multiplicity } from "@/core/metamodel/schema";
import { cn } from "@/lib/utils";
import type { EnumUseEdge, InheritanceEdge, ReferenceEdge } from "./graph";
import { useZoomedOut } from "./nodes";

/**
 * Floating edges: they leave and enter each node at its border, on the line between the node centres,
 * curving apart when several edges join the same two nodes. UML-ish ends: an open arrow for a
 * reference, a filled diamond at the container for a containment, a hollow triangle at the supertype.
 */

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function box(node: InternalNode | undefined): Box | undefined {
  if (!node) return undefined;
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, w: node.measured.width ?? 240, h: node.measured.height ?? 80 };
}

function borderPoint(b: Box, toward: { x: number; y: number }) {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const s = Math.min(b.w / 2 / Math.abs(dx || 1e-9), b.h / 2 / Math.abs(dy || 1e-9));
  return { x: cx + dx * s, y: cy + dy * s };
}

export interface Geometry {
  path: string;
  at(t: number): { x: number; y: number };
}

function geometry(s: Box, t: Box, offset: number, self: boolean): Geometry {
  if (self) {
    const start = { x: s.x + s.w, y: s.y + s.h * 0.3 };
    const end = { x: s.x + s.w * 0.7, y: s.y };
    const c1 = { x: start.x + 80, y: start.y - 10 };
    const c2 = { x: end.x + 10, y: end.y - 80 };
    const cubic = (k: number) => ({
      x: (1 - k) ** 3 * start.x + 3 * (1 - k) ** 2 * k * c1.x + 3 * (1 - k) * k ** 2 * c2.x + k ** 3 * end.x,
      y: (1 - k) ** 3 * start.y + 3 * (1 - k) ** 2 * k * c1.y + 3 * (1 - k) * k ** 2 * c2.y + k ** 3 * end.y,
    });
    return { path: `M ${start.x} ${start.y} C ${c1.x} ${c1.y} ${c2.x} ${c2.y} ${end.x} ${end.y}`, at: cubic };
  }
  const sc = { x: s.x + s.w / 2, y: s.y + s.h / 2 };
  const tc = { x: t.x + t.w / 2, y: t.y + t.h / 2 };
  const len = Math.hypot(tc.x - sc.x, tc.y - sc.y) || 1;
  const normal = { x: -(tc.y - sc.y) / len, y: (tc.x - sc.x) / len };
  const control = { x: (sc.x + tc.x) / 2 + normal.x * offset * 2, y: (sc.y + tc.y) / 2 + normal.y * offset * 2 };
  const p0 = borderPoint(s, offset ? control : tc);
  const p2 = borderPoint(t, offset ? control : sc);
  if (!offset) {
    return { path: `M ${p0.x} ${p0.y} L ${p2.x} ${p2.y}`, at: (k) => ({ x: p0.x + (p2.x - p0.x) * k, y: p0.y + (p2.y - p0.y) * k }) };
  }
  const quad = (k: number) => ({
    x: (1 - k) ** 2 * p0.x + 2 * (1 - k) * k * control.x + k ** 2 * p2.x,
    y: (1 - k) ** 2 * p0.y + 2 * (1 - k) * k * control.y + k ** 2 * p2.y,
  });
  return { path: `M ${p0.x} ${p0.y} Q ${control.x} ${control.y} ${p2.x} ${p2.y}`, at: quad };
}

/** Where a floating edge between two nodes runs (null until both are measured). Also used by the model diagram. */
export function useGeometry(source: string, target: string, offset: number): Geometry | null {
  const s = box(useInternalNode(source));
  const t = box(useInternalNode(target));
  if (!s || !t) return null;
  return geometry(s, t, offset, source === target);
}

function Label({ at, children, className }: { at: { x: number; y: number }; children: React.ReactNode; className?: string }) {
  return (
    <div
      className={cn(
        "pointer-events-none absolute whitespace-nowrap rounded bg-background/90 px-1 font-mono text-[10.5px] leading-4 text-muted-foreground",
        className,
      )}
      style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)` }}
    >
      {children}
    </div>
  );
}

const stroke = (selected: boolean | undefined, problem = false) =>
  selected ? "var(--accent)" : problem ? "var(--danger)" : "color-mix(in oklch, var(--muted-foreground) 75%, transparent)";

export const ReferenceEdgeView = memo(function ReferenceEdgeView({ id, source, target, data, selected }: EdgeProps<ReferenceEdge>) {
  const g = useGeometry(source, target, data?.offset ?? 0);
  const zoomedOut = useZoomedOut();
  if (!g || !data) return null;
  const { ref, opposite } = data;
  const start = ref.containment ? "url(#mf-diamond)" : undefined;
  const end = opposite ? (opposite.containment ? "url(#mf-diamond)" : undefined) : "url(#mf-arrow)";
  return (
    <>
      <BaseEdge
        id={id}
        path={g.path}
        markerStart={start}
        markerEnd={end}
        interactionWidth={16}
        style={{ stroke: stroke(selected, data.hasProblem), strokeWidth: selected ? 2 : 1.4, strokeDasharray: data.hasProblem ? "5 3" : undefined }}
      />
      {zoomedOut ? null : <EdgeLabelRenderer>
        <Label at={g.at(source === target ? 0.5 : 0.78)} className={cn(selected && "text-accent", data.hasProblem && "text-danger")}>
          {ref.name} <span className="opacity-70">{multiplicity(ref.lower, ref.upper)}</span>
        </Label>
        {opposite ? (
          <Label at={g.at(0.22)} className={cn(selected && "text-accent")}>
            {opposite.name} <span className="opacity-70">{multiplicity(opposite.lower, opposite.upper)}</span>
          </Label>
        ) : null}
      </EdgeLabelRenderer>}
    </>
  );
});

export const InheritanceEdgeView = memo(function InheritanceEdgeView({ id, source, target, data, selected }: EdgeProps<InheritanceEdge>) {
  const g = useGeometry(source, target, data?.offset ?? 0);
  if (!g) return null;
  return <BaseEdge id={id} path={g.path} markerEnd="url(#mf-triangle)" interactionWidth={16} style={{ stroke: stroke(selected), strokeWidth: selected ? 2 : 1.4 }} />;
});

/**
 * Which enum a class uses: a faint line, shown only when zoomed in. (Dashed, or drawn at every zoom,
 * hundreds of these long lines cost more to paint than the rest of a large diagram together.)
 */
export const EnumUseEdgeView = memo(function EnumUseEdgeView({ id, source, target, data }: EdgeProps<EnumUseEdge>) {
  const g = useGeometry(source, target, data?.offset ?? 0);
  const zoomedOut = useZoomedOut();
  if (!g || zoomedOut) return null;
  return <BaseEdge id={id} path={g.path} markerEnd="url(#mf-open)" style={{ stroke: stroke(false), strokeWidth: 1, opacity: 0.45 }} />;
});

export const edgeTypes = { reference: ReferenceEdgeView, inheritance: InheritanceEdgeView, enumUse: EnumUseEdgeView };

/** SVG markers the edges point at (rendered once per canvas). */
export function EdgeMarkers() {
  const line = "color-mix(in oklch, var(--muted-foreground) 85%, transparent)";
  return (
    <svg width="0" height="0" className="absolute" aria-hidden="true">
      <defs>
        <marker id="mf-arrow" viewBox="0 0 12 12" refX="11" refY="6" markerWidth="12" markerHeight="12" orient="auto-start-reverse">
          <path d="M 1 1 L 11 6 L 1 11" fill="none" stroke={line} strokeWidth="1.4" />
        </marker>
        <marker id="mf-open" viewBox="0 0 12 12" refX="11" refY="6" markerWidth="10" markerHeight="10" orient="auto-start-reverse">
          <path d="M 2 2 L 11 6 L 2 10" fill="none" stroke={line} strokeWidth="1.2" />
        </marker>
        <marker id="mf-diamond" viewBox="0 0 20 12" refX="1" refY="6" markerWidth="20" markerHeight="12" orient="auto-start-reverse">
          <path d="M 1 6 L 10 1 L 19 6 L 10 11 Z" fill={line} stroke={line} strokeWidth="1" />
        </marker>
        <marker id="mf-triangle" viewBox="0 0 16 16" refX="15" refY="8" markerWidth="16" markerHeight="16" orient="auto-start-reverse">
          <path d="M 1 1 L 15 8 L 1 15 Z" fill="var(--surface)" stroke={line} strokeWidth="1.4" />
        </marker>
      </defs>
    </svg>
  );
}
