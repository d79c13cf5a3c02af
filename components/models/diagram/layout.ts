import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import type { Layout, MetaModel } from "@/core/metamodel/schema";
import { metamodelIndex } from "@/core/model/document";
import type { Model, ModelObject } from "@/core/model/schema";
import { estimateSize, viewOf, type Size } from "./graph";

/**
 * Auto-layout of an object diagram with ELK, along containment: each object with what it contains
 * to its right. Contained objects that contain nothing themselves (an entity's fields) are packed
 * into a block; contained objects that do contain things (the entities of a schema, each with its
 * fields) are laid out as families, and the families packed into a block too. So a model reads like
 * a page, roughly as wide as tall, whatever its size: a schema of 30 entities is a grid of entity
 * families, not one column 30 entities high. Other references do not move anything.
 *
 * Sizes come from the canvas once it has measured the nodes, else from the estimate (the same in
 * every tab, so two tabs laying out a fresh model get the same positions).
 */

let elk: InstanceType<typeof ELK> | undefined;

const GAP = 28;
const FAMILY_GAP = 56;
const COLUMN_GAP = 96;
/** Block ids cannot clash with object ids (letters, digits, `_` and `-`). */
const blockId = (kind: string, id: string) => `~${kind}~${id}`;

const NO_PADDING = "[top=0,left=0,bottom=0,right=0]";

/**
 * Nodes packed in reading order into a block about `ratio` times as wide as tall. (Blocks of blocks
 * cannot know their children's sizes up front: ELK sizes those first, then packs by aspect ratio.)
 */
function packed(id: string, children: ElkNode[], ratio: number, gap: number): ElkNode {
  const sized = children.every((c) => c.width !== undefined && c.height !== undefined);
  const area = sized ? children.reduce((sum, c) => sum + (c.width! + gap) * (c.height! + gap), 0) : 0;
  const widest = sized ? Math.max(...children.map((c) => c.width!)) : 0;
  return {
    id,
    layoutOptions: {
      "elk.algorithm": "rectpacking",
      ...(sized
        ? { "elk.rectpacking.widthApproximation.strategy": "TARGET_WIDTH", "elk.rectpacking.widthApproximation.targetWidth": String(Math.round(Math.max(widest, Math.sqrt(area * ratio)))) }
        : { "elk.aspectRatio": String(ratio) }),
      "elk.spacing.nodeNode": String(gap),
      "elk.padding": NO_PADDING,
    },
    children,
  };
}

/** `head` with what it contains in a column to its right. */
function family(id: string, head: ElkNode, parts: ElkNode[]): ElkNode {
  return {
    id,
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": String(GAP),
      "elk.layered.spacing.nodeNodeBetweenLayers": String(COLUMN_GAP),
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.layered.nodePlacement.bk.fixedAlignment": "LEFTUP",
      "elk.padding": NO_PADDING,
    },
    children: [head, ...parts],
    edges: parts.map((p, i): ElkExtendedEdge => ({ id: `${id}~e${i}`, sources: [head.id], targets: [p.id] })),
  };
}

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
  if (objects.length === 0) return {};
  const node = (o: ModelObject): ElkNode => ({ id: o.id, ...(sizes[o.id] ?? estimateSize(viewOf(mm, o.classId), o)) });

  // Containment: each object's first container (in model order), children in reference order.
  const contained = new Set<string>();
  const children = new Map<string, string[]>();
  for (const o of objects) {
    for (const [refId, targets] of Object.entries(o.references)) {
      if (!index.references.get(refId)?.containment) continue;
      for (const t of targets) {
        if (t === o.id || !byId.has(t) || contained.has(t)) continue;
        contained.add(t);
        children.set(o.id, [...(children.get(o.id) ?? []), t]);
      }
    }
  }

  const visited = new Set<string>();
  const build = (o: ModelObject): ElkNode => {
    visited.add(o.id);
    const kids = (children.get(o.id) ?? []).filter((k) => !visited.has(k)).map((k) => byId.get(k)!);
    for (const k of kids) visited.add(k.id);
    if (kids.length === 0) return node(o);
    const isLeaf = (k: ModelObject) => !(children.get(k.id) ?? []).some((c) => !visited.has(c));
    const leaves = kids.filter(isLeaf);
    const families = kids.filter((k) => !isLeaf(k)).map((k) => build(k));
    const parts: ElkNode[] = [];
    if (leaves.length) parts.push(packed(blockId("leaves", o.id), leaves.map(node), 1.3, GAP));
    if (families.length === 1) parts.push(families[0]!);
    else if (families.length > 1) parts.push(packed(blockId("families", o.id), families, 1.6, FAMILY_GAP));
    return family(blockId("family", o.id), node(o), parts);
  };
  // Roots in model order; then whatever a containment cycle left unreached.
  const roots: ElkNode[] = [];
  for (const o of objects) if (!contained.has(o.id) && !visited.has(o.id)) roots.push(build(o));
  for (const o of objects) if (!visited.has(o.id)) roots.push(build(o));

  const graph = await elk.layout(packed("root", roots, 1.6, FAMILY_GAP * 2));
  const layout: Layout = {};
  const place = (n: ElkNode, dx: number, dy: number) => {
    const x = dx + (n.x ?? 0);
    const y = dy + (n.y ?? 0);
    if (byId.has(n.id)) layout[n.id] = { x: Math.round(x), y: Math.round(y) };
    for (const c of n.children ?? []) place(c, x, y);
  };
  for (const c of graph.children ?? []) place(c, 0, 0);
  return layout;
}
