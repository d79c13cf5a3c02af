import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode, ElkExtendedEdge } from "elkjs/lib/elk-api";
import type { Layout, MetaModel } from "@/core/metamodel/schema";
import { metamodelIndex } from "@/core/model/document";
import type { Model, ModelObject } from "@/core/model/schema";
import { estimateSize, viewOf, type Size } from "./graph";

/**
 * Auto-layout of an object diagram with ELK, left to right along containment: a container, then what
 * it contains. Contained objects that contain nothing themselves (an entity's fields) are packed
 * into a block next to their container rather than one long column, so a model reads like a page.
 * Sizes come from the canvas once it has measured the nodes, else from the estimate (the same in
 * every tab, so two tabs laying out a fresh model get the same positions).
 */

let elk: InstanceType<typeof ELK> | undefined;

const GAP = 28;
const groupId = (containerId: string) => `g_${containerId}`;

export async function layoutObjects(mm: MetaModel, model: Model, sizes: Record<string, Size> = {}): Promise<Layout> {
  elk ??= new ELK();
  const index = metamodelIndex(mm);
  const objects: ModelObject[] = [];
  const byId = new Map<string, ModelObject>();
  for (const o of model.objects) {
    if (byId.has(o.id)) continue;
    byId.set(o.id, o);
    objects.push(o);
  }
  const sizeOf = (o: ModelObject) => sizes[o.id] ?? estimateSize(viewOf(mm, o.classId), o);

  // Containment: each object's first container (in model order), children in reference order.
  const containerOf = new Map<string, string>();
  const children = new Map<string, string[]>();
  for (const o of objects) {
    for (const [refId, targets] of Object.entries(o.references)) {
      if (!index.references.get(refId)?.containment) continue;
      for (const t of targets) {
        if (t === o.id || !byId.has(t) || containerOf.has(t)) continue;
        containerOf.set(t, o.id);
        children.set(o.id, [...(children.get(o.id) ?? []), t]);
      }
    }
  }
  // Leaves (contain nothing) of a container with several leaves go into one packed block.
  const blockOf = new Map<string, string>();
  for (const [container, kids] of children) {
    const leaves = kids.filter((k) => !children.has(k));
    if (leaves.length >= 2) for (const k of leaves) blockOf.set(k, groupId(container));
  }
  const at = (id: string) => blockOf.get(id) ?? id;

  const top: ElkNode[] = [];
  const blocks = new Map<string, ElkNode>();
  for (const o of objects) {
    const block = blockOf.get(o.id);
    const node: ElkNode = { id: o.id, ...sizeOf(o) };
    if (!block) {
      top.push(node);
      continue;
    }
    let group = blocks.get(block);
    if (!group) {
      const count = children.get(containerOf.get(o.id)!)!.filter((k) => blockOf.get(k) === block).length;
      group = {
        id: block,
        layoutOptions: {
          "elk.algorithm": "rectpacking",
          // Roughly square blocks: up to 3 columns of nodes that are taller than wide.
          "elk.aspectRatio": String(count <= 2 ? 0.6 : count <= 4 ? 1.2 : 1.8),
          "elk.rectpacking.widthApproximation.strategy": "TARGET_WIDTH",
          "elk.rectpacking.widthApproximation.targetWidth": String((Math.min(3, Math.ceil(Math.sqrt(count))) * (node.width! + GAP)) - GAP),
          "elk.spacing.nodeNode": String(GAP),
          "elk.padding": "[top=0,left=0,bottom=0,right=0]",
        },
        children: [],
      };
      blocks.set(block, group);
      top.push(group);
    }
    group.children!.push(node);
  }

  const edges: ElkExtendedEdge[] = [];
  const seen = new Set<string>();
  const edge = (s: string, t: string, containment: boolean) => {
    const key = `${s}>${t}`;
    if (s === t || seen.has(key)) return;
    seen.add(key);
    edges.push({
      id: `e${edges.length}`,
      sources: [s],
      targets: [t],
      // Containment decides the columns; other references only pull linked objects closer.
      layoutOptions: containment ? { "elk.layered.priority.direction": "10" } : { "elk.layered.priority.direction": "0" },
    });
  };
  for (const o of objects) {
    for (const [refId, targets] of Object.entries(o.references)) {
      const containment = Boolean(index.references.get(refId)?.containment);
      for (const t of targets) {
        if (!byId.has(t)) continue;
        if (containment && containerOf.get(t) !== o.id) continue;
        if (containment) edge(at(o.id), at(t), containment);
      }
    }
  }

  const graph = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.hierarchyHandling": "SEPARATE_CHILDREN",
      "elk.spacing.nodeNode": "40",
      "elk.layered.spacing.nodeNodeBetweenLayers": "112",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.layered.nodePlacement.bk.fixedAlignment": "LEFTUP",
      "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      "elk.layered.cycleBreaking.strategy": "MODEL_ORDER",
      "elk.separateConnectedComponents": "true",
      "elk.spacing.componentComponent": "112",
    },
    children: top,
    edges,
  });
  const layout: Layout = {};
  for (const n of graph.children ?? []) {
    const x = Math.round(n.x ?? 0);
    const y = Math.round(n.y ?? 0);
    if (blocks.has(n.id)) {
      for (const c of n.children ?? []) layout[c.id] = { x: x + Math.round(c.x ?? 0), y: y + Math.round(c.y ?? 0) };
    } else {
      layout[n.id] = { x, y };
    }
  }
  return layout;
}
