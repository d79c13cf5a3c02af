import type { Edge, Node } from "@xyflow/react";
import { MetamodelIndex } from "@/core/metamodel/inheritance";
import type { Layout, MetaClass, MetaEnum, MetaModel, Position, Reference } from "@/core/metamodel/schema";
import type { Problem } from "@/core/metamodel/validate";

/** The React Flow graph of a meta-model: class and enum nodes; reference, inheritance and enum-use edges. */

export interface PeerBadge {
  name: string;
  color: string;
}

/** What the canvas needs of one peer's presence: who, and what they select and drag. */
export interface PeerPresence {
  name: string;
  color: string;
  selection: string[];
  drag: Array<{ id: string; x: number; y: number }>;
}

/** Peers by the node they select, and the live positions of nodes others are dragging. */
export function indexPresence(peers: PeerPresence[]) {
  const peersBySelection = new Map<string, PeerBadge[]>();
  const dragOverrides = new Map<string, Position>();
  for (const { name, color, selection, drag } of peers) {
    for (const id of selection) peersBySelection.set(id, [...(peersBySelection.get(id) ?? []), { name, color }]);
    for (const d of drag) dragOverrides.set(d.id, { x: d.x, y: d.y });
  }
  return { peersBySelection, dragOverrides };
}

export interface ClassNodeData extends Record<string, unknown> {
  cls: MetaClass;
  enums: MetaEnum[];
  inheritedCount: number;
  superNames: string[];
  problems: Problem[];
  peers: PeerBadge[];
  readOnly: boolean;
}

export interface EnumNodeData extends Record<string, unknown> {
  en: MetaEnum;
  problems: Problem[];
  peers: PeerBadge[];
  readOnly: boolean;
}

export type ClassNode = Node<ClassNodeData, "class">;
export type EnumNode = Node<EnumNodeData, "enum">;
export type CanvasNode = ClassNode | EnumNode;

export interface ReferenceEdgeData extends Record<string, unknown> {
  ownerId: string;
  ref: Reference;
  /** The opposite, drawn on the same edge (labelled at the other end). */
  opposite?: Reference;
  /** Perpendicular offset in px, so parallel edges between two nodes do not overlap. */
  offset: number;
  hasProblem: boolean;
}

export interface PlainEdgeData extends Record<string, unknown> {
  offset: number;
}

export type ReferenceEdge = Edge<ReferenceEdgeData, "reference">;
export type InheritanceEdge = Edge<PlainEdgeData, "inheritance">;
export type EnumUseEdge = Edge<PlainEdgeData & { attributes: string[] }, "enumUse">;
export type CanvasEdge = ReferenceEdge | InheritanceEdge | EnumUseEdge;

export const inheritanceEdgeId = (sub: string, sup: string) => `inh:${sub}:${sup}`;
export const enumUseEdgeId = (cls: string, en: string) => `use:${cls}:${en}`;

/** Where nodes without a stored position go: a grid to the right of everything else. */
function fallbackPosition(index: number, layout: Layout): Position {
  const xs = Object.values(layout).map((p) => p.x);
  const right = xs.length ? Math.max(...xs) + 320 : 0;
  return { x: right + (index % 3) * 280, y: Math.floor(index / 3) * 220 };
}

export function buildNodes(args: {
  mm: MetaModel;
  layout: Layout;
  problems: Problem[];
  peersBySelection: Map<string, PeerBadge[]>;
  dragOverrides: Map<string, Position>;
  readOnly: boolean;
}): CanvasNode[] {
  const { mm, layout, problems, peersBySelection, dragOverrides, readOnly } = args;
  const index = new MetamodelIndex(mm);
  const byNode = new Map<string, Problem[]>();
  for (const p of problems) byNode.set(p.nodeId, [...(byNode.get(p.nodeId) ?? []), p]);
  let missing = 0;
  const position = (id: string) => dragOverrides.get(id) ?? layout[id] ?? fallbackPosition(missing++, layout);
  const nodes: CanvasNode[] = [];
  for (const cls of mm.classes) {
    const ancestors = index.ancestors(cls.id);
    nodes.push({
      id: cls.id,
      type: "class",
      position: position(cls.id),
      data: {
        cls,
        enums: mm.enums.filter((e) => cls.attributes.some((a) => a.type === "enum" && a.enumId === e.id)),
        inheritedCount: ancestors.reduce((n, a) => n + a.attributes.length, 0),
        superNames: cls.supertypes.map((s) => index.classes.get(s)?.name ?? "?"),
        problems: byNode.get(cls.id) ?? [],
        peers: peersBySelection.get(cls.id) ?? [],
        readOnly,
      },
    });
  }
  for (const en of mm.enums) {
    nodes.push({
      id: en.id,
      type: "enum",
      position: position(en.id),
      data: { en, problems: byNode.get(en.id) ?? [], peers: peersBySelection.get(en.id) ?? [], readOnly },
    });
  }
  return nodes;
}

export function buildEdges(mm: MetaModel, problems: Problem[]): CanvasEdge[] {
  const nodeIds = new Set([...mm.classes.map((c) => c.id), ...mm.enums.map((e) => e.id)]);
  const refs = new Map<string, { owner: MetaClass; ref: Reference }>();
  for (const c of mm.classes) for (const r of c.references) refs.set(r.id, { owner: c, ref: r });
  const problemIds = new Set(problems.map((p) => p.elementId));
  const edges: CanvasEdge[] = [];
  const pairCount = new Map<string, number>();
  const pairIndex = (a: string, b: string) => {
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    const i = pairCount.get(key) ?? 0;
    pairCount.set(key, i + 1);
    return i;
  };
  const offsetOf = (i: number) => (i === 0 ? 0 : (i % 2 === 1 ? 1 : -1) * Math.ceil(i / 2) * 36);

  for (const c of mm.classes) {
    for (const s of c.supertypes) {
      if (!nodeIds.has(s)) continue;
      edges.push({ id: inheritanceEdgeId(c.id, s), type: "inheritance", source: c.id, target: s, data: { offset: offsetOf(pairIndex(c.id, s)) } });
    }
    for (const r of c.references) {
      if (!nodeIds.has(r.target)) continue;
      const opposite = r.opposite ? refs.get(r.opposite) : undefined;
      const pairedBack = opposite && opposite.ref.opposite === r.id && opposite.owner.id === r.target && opposite.ref.target === c.id;
      // A pair of opposites is one edge, drawn once (by the reference with the smaller id).
      if (pairedBack && opposite.ref.id < r.id) continue;
      edges.push({
        id: r.id,
        type: "reference",
        source: c.id,
        target: r.target,
        data: {
          ownerId: c.id,
          ref: r,
          ...(pairedBack ? { opposite: opposite.ref } : {}),
          offset: offsetOf(pairIndex(c.id, r.target)),
          hasProblem: problemIds.has(r.id) || Boolean(pairedBack && problemIds.has(opposite.ref.id)),
        },
      });
    }
    const byEnum = new Map<string, string[]>();
    for (const a of c.attributes) if (a.type === "enum" && a.enumId && nodeIds.has(a.enumId)) byEnum.set(a.enumId, [...(byEnum.get(a.enumId) ?? []), a.name]);
    for (const [enumId, attributes] of byEnum) {
      edges.push({ id: enumUseEdgeId(c.id, enumId), type: "enumUse", source: c.id, target: enumId, selectable: false, data: { offset: offsetOf(pairIndex(c.id, enumId)), attributes } });
    }
  }
  return edges;
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Merges freshly built nodes into React Flow's current ones: keeps selection, measurements and the
 * position of nodes being dragged here, and reuses unchanged node objects (so they do not re-render).
 */
export function mergeNodes(previous: CanvasNode[], next: CanvasNode[]): CanvasNode[] {
  const prev = new Map(previous.map((n) => [n.id, n]));
  let changed = previous.length !== next.length;
  const merged = next.map((n, i) => {
    const p = prev.get(n.id);
    if (!p) {
      changed = true;
      return n;
    }
    const position = p.dragging ? p.position : n.position;
    if (p.type === n.type && p.position.x === position.x && p.position.y === position.y && sameData(p.data, n.data)) {
      if (previous[i] !== p) changed = true;
      return p;
    }
    changed = true;
    return { ...p, type: n.type, data: n.data, position } as CanvasNode;
  });
  return changed ? merged : previous;
}

export function mergeEdges(previous: CanvasEdge[], next: CanvasEdge[]): CanvasEdge[] {
  const prev = new Map(previous.map((e) => [e.id, e]));
  let changed = previous.length !== next.length;
  const merged = next.map((e, i) => {
    const p = prev.get(e.id);
    if (p && p.source === e.source && p.target === e.target && p.type === e.type && sameData(p.data ?? {}, e.data ?? {})) {
      if (previous[i] !== p) changed = true;
      return p;
    }
    changed = true;
    return p ? ({ ...e, selected: p.selected } as CanvasEdge) : e;
  });
  return changed ? merged : previous;
}
