import ELK from "elkjs/lib/elk.bundled.js";
import type { Layout, MetaModel } from "./schema";

/**
 * Auto-layout of a meta-model diagram with ELK's layered algorithm: containers above what they
 * contain, supertypes above their subtypes. Sizes come from the canvas when it has measured the
 * nodes, else from an estimate of the rendered node.
 */

export interface NodeSize {
  width: number;
  height: number;
}

export const CLASS_NODE_WIDTH = 240;
const HEADER = 44;
const ROW = 24;
const EMPTY = 30;

export function estimateSize(mm: MetaModel, id: string): NodeSize {
  const c = mm.classes.find((x) => x.id === id);
  if (c) return { width: CLASS_NODE_WIDTH, height: HEADER + Math.max(EMPTY, c.attributes.length * ROW + 8) };
  const e = mm.enums.find((x) => x.id === id);
  return { width: 200, height: HEADER + Math.max(EMPTY, (e?.literals.length ?? 0) * ROW + 8) };
}

let elk: InstanceType<typeof ELK> | undefined;

export async function layoutMetamodel(mm: MetaModel, sizes: Record<string, NodeSize> = {}): Promise<Layout> {
  elk ??= new ELK();
  const ids = new Set([...mm.classes.map((c) => c.id), ...mm.enums.map((e) => e.id)]);
  const edges: Array<{ id: string; sources: string[]; targets: string[] }> = [];
  for (const c of mm.classes) {
    for (const s of c.supertypes) if (ids.has(s) && s !== c.id) edges.push({ id: `i_${c.id}_${s}`, sources: [s], targets: [c.id] });
    for (const r of c.references) if (ids.has(r.target) && r.target !== c.id) edges.push({ id: `e_${r.id}`, sources: [c.id], targets: [r.target] });
    for (const a of c.attributes) if (a.enumId && ids.has(a.enumId)) edges.push({ id: `t_${a.id}`, sources: [c.id], targets: [a.enumId] });
  }
  const graph = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.spacing.nodeNode": "48",
      "elk.layered.spacing.nodeNodeBetweenLayers": "72",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
      "elk.separateConnectedComponents": "true",
      "elk.spacing.componentComponent": "80",
    },
    children: [...ids].map((id) => ({ id, ...(sizes[id] ?? estimateSize(mm, id)) })),
    edges,
  });
  const layout: Layout = {};
  for (const n of graph.children ?? []) layout[n.id] = { x: Math.round(n.x ?? 0), y: Math.round(n.y ?? 0) };
  return layout;
}
