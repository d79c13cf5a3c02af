import type { Edge, Node } from "@xyflow/react";
import type { PeerBadge } from "@/components/canvas/graph";
import { MANY, type Attribute, type Layout, type MetaClass, type MetaModel, type Position, type Reference } from "@/core/metamodel/schema";
import type { ModelProblem } from "@/core/model/conformance";
import { metamodelIndex } from "@/core/model/document";
import type { JsonValue, Model, ModelObject } from "@/core/model/schema";
import { metamodelInfo, type ModelInfo } from "../model-info";

/**
 * The object diagram of a model, as pure data: one node per object (header `label : Class`, one row
 * per attribute), one edge per reference target (containment drawn with a diamond at the container),
 * where new objects go, and which links a drag from one object to another may create. No React here:
 * the diagram component memoises these per model read, and unit tests drive them directly.
 */

// ---------------------------------------------------------------------------------------------
// Classes as the diagram shows them

/** Hues (oklch) given to classes in meta-model order: distinct for the first ten classes. */
export const CLASS_HUES = [275, 155, 65, 215, 340, 300, 110, 185, 45, 25] as const;
/** The hue of objects whose class the meta-model no longer has (drawn grey). */
export const UNKNOWN_HUE = -1;

export interface ClassView {
  classId: string;
  name: string;
  /** The class is abstract (its objects are a problem) or gone from the meta-model. */
  abstract: boolean;
  unknown: boolean;
  /** The attribute edited in the node's header: a single `name` or `title` string, if the class has one. */
  title: Attribute | null;
  /** Attribute rows, in the table's column order (inherited first), without `title`. */
  rows: Attribute[];
  /** Non-containment and containment references, own and inherited. */
  references: Reference[];
  hue: number;
}

const TITLE_NAMES = ["name", "title"];
const views = new WeakMap<MetaModel, Map<string, ClassView>>();

/** How the diagram shows each class of `mm` (cached per meta-model, so views keep their identity). */
export function classViews(mm: MetaModel): Map<string, ClassView> {
  let out = views.get(mm);
  if (out) return out;
  out = new Map();
  const { classes } = metamodelInfo(mm);
  mm.classes.forEach((cls, i) => {
    const columns = classes.get(cls.id)?.columns ?? [];
    const attributes = columns.flatMap((c) => (c.kind === "attribute" ? [c.feature] : []));
    const title = TITLE_NAMES.map((n) => attributes.find((a) => a.name === n && a.type === "string" && !a.many)).find(Boolean) ?? null;
    out!.set(cls.id, {
      classId: cls.id,
      name: cls.name,
      abstract: cls.abstract,
      unknown: false,
      title,
      rows: attributes.filter((a) => a !== title),
      references: columns.flatMap((c) => (c.kind === "reference" ? [c.feature] : [])),
      hue: CLASS_HUES[i % CLASS_HUES.length]!,
    });
  });
  views.set(mm, out);
  return out;
}

const unknownViews = new Map<string, ClassView>();
/** The view of an object whose class is not in the meta-model. */
export function unknownClassView(classId: string): ClassView {
  let v = unknownViews.get(classId);
  if (!v) {
    v = { classId, name: "Removed class", abstract: false, unknown: true, title: null, rows: [], references: [], hue: UNKNOWN_HUE };
    unknownViews.set(classId, v);
  }
  return v;
}

export function viewOf(mm: MetaModel, classId: string): ClassView {
  return classViews(mm).get(classId) ?? unknownClassView(classId);
}

/** Node sizes as drawn (px): the layout uses these until the canvas has measured the nodes. */
export const NODE_WIDTH = 272;
/** The header (38 px and its border), and the rows' padding with the node's border. */
const NODE_HEADER = 39;
const NODE_PADDING = 10;
export const NODE_ROW = 26;
/** Room for a value next to its attribute's name, and what text takes in it (12 px type). */
const VALUE_WIDTH = 156;
const CHAR = 5.9;
const TEXT_LINE = 16.5;

/** The height of a node with rows of these heights (a header only, without rows). */
export function nodeHeight(rows: number | number[]): number {
  const heights = typeof rows === "number" ? new Array<number>(rows).fill(NODE_ROW) : rows;
  return heights.length === 0 ? NODE_HEADER + 2 : NODE_HEADER + NODE_PADDING + heights.reduce((a, b) => a + b, 0);
}

/** How tall one value's row is drawn: long text wraps (up to 4 lines), a list wraps its chips. */
export function rowHeight(attr: Attribute, value: JsonValue | undefined): number {
  if (attr.many) {
    const items = Array.isArray(value) ? value : [];
    // Chips (text plus a remove button), then the field to add one.
    const widths = [...items.map((v) => 26 + CHAR * (typeof v === "string" ? v : JSON.stringify(v)).length), attr.type === "enum" || attr.type === "bool" ? 60 : 96];
    let lines = 1;
    let used = 0;
    for (const w of widths) {
      if (used > 0 && used + 4 + w > VALUE_WIDTH) {
        lines++;
        used = 0;
      }
      used += (used ? 4 : 0) + Math.min(w, VALUE_WIDTH);
    }
    // One line is the list's minimum height (32 px); each more line of chips adds 24.
    return 8 + lines * 24;
  }
  if ((attr.type === "text" || attr.type === "json") && value !== undefined) {
    const text = attr.type === "json" ? JSON.stringify(value, null, 2) : String(value);
    const perLine = Math.floor((VALUE_WIDTH - 14) / CHAR);
    const lines = text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
    return lines <= 1 ? NODE_ROW : Math.round(Math.min(4, lines) * TEXT_LINE + 10);
  }
  return NODE_ROW;
}

export interface Size {
  width: number;
  height: number;
}

/**
 * The rows a node shows when it is not selected: attributes that have a value, and required ones
 * (empty, they are problems to see). Selected, a node shows every row, to fill in the rest.
 */
export function filledRows(view: ClassView, object: ModelObject): Attribute[] {
  return view.rows.filter((a) => {
    const v = object.attributes[a.id];
    return a.required || (v !== undefined && !(Array.isArray(v) && v.length === 0));
  });
}

/** The size of an object's node when not selected (of a node with every row, empty, without `object`). */
export function estimateSize(view: ClassView, object?: ModelObject): Size {
  // An object of a removed class shows one line saying its values are kept.
  const rows = view.unknown ? 1 : object ? filledRows(view, object).map((a) => rowHeight(a, object.attributes[a.id])) : view.rows.length;
  return { width: NODE_WIDTH, height: nodeHeight(rows) };
}

// ---------------------------------------------------------------------------------------------
// Nodes and edges

export interface ObjectNodeData extends Record<string, unknown> {
  /** The meta-model (enum literals for the value inputs). */
  mm: MetaModel;
  object: ModelObject;
  view: ClassView;
  /** What to call the object (its name, title, first text, else its id). */
  label: string;
  problems: ModelProblem[];
  /** Others who have this object selected. */
  peers: PeerBadge[];
  readOnly: boolean;
}
export type ObjectNode = Node<ObjectNodeData, "object">;

export interface LinkEdgeData extends Record<string, unknown> {
  refId: string;
  refName: string;
  containment: boolean;
  /** Perpendicular offset (px) so parallel edges between two objects do not overlap. */
  offset: number;
  /** The reference has a conformance problem on its source object (multiplicity, wrong class...). */
  hasProblem: boolean;
}
export type LinkEdge = Edge<LinkEdgeData, "link">;

/** Edge ids: `l:<source>:<reference>:<target>` (element ids never contain ":"). */
export const linkEdgeId = (source: string, refId: string, target: string) => `l:${source}:${refId}:${target}`;

export function parseLinkEdgeId(id: string): { source: string; refId: string; target: string } | null {
  const parts = id.split(":");
  if (parts.length !== 4 || parts[0] !== "l" || !parts[1] || !parts[2] || !parts[3]) return null;
  return { source: parts[1], refId: parts[2], target: parts[3] };
}

export function buildNodes(args: {
  mm: MetaModel;
  model: Model;
  info: ModelInfo;
  /** Where each object is (stored or automatic); objects without a position are left out until they have one. */
  positions: Layout;
  problems: ReadonlyMap<string, ModelProblem[]>;
  peersBySelection: ReadonlyMap<string, PeerBadge[]>;
  /** Live positions of nodes someone else is dragging. */
  dragOverrides: ReadonlyMap<string, Position>;
  readOnly: boolean;
}): ObjectNode[] {
  const { mm, model, info, positions, problems, peersBySelection, dragOverrides, readOnly } = args;
  const nodes: ObjectNode[] = [];
  const seen = new Set<string>();
  for (const object of model.objects) {
    if (seen.has(object.id)) continue;
    seen.add(object.id);
    const position = dragOverrides.get(object.id) ?? positions[object.id];
    if (!position) continue;
    const view = viewOf(mm, object.classId);
    const label = info.label(object.id);
    nodes.push({
      id: object.id,
      type: "object",
      position,
      ariaLabel: `${label} : ${view.name}`,
      data: { mm, object, view, label, problems: problems.get(object.id) ?? NONE, peers: peersBySelection.get(object.id) ?? NO_PEERS, readOnly },
    });
  }
  return nodes;
}

const NONE: ModelProblem[] = [];
const NO_PEERS: PeerBadge[] = [];

const offsetOf = (i: number) => (i === 0 ? 0 : (i % 2 === 1 ? 1 : -1) * Math.ceil(i / 2) * 32);

/**
 * One edge per reference target between two drawn objects. `problemCells` holds `objectId:featureId`
 * keys of features with conformance problems (their edges are drawn dashed, in red).
 */
export function buildEdges(mm: MetaModel, model: Model, drawn: ReadonlySet<string>, problemCells: ReadonlySet<string>): LinkEdge[] {
  const index = metamodelIndex(mm);
  const edges: LinkEdge[] = [];
  const pairs = new Map<string, number>();
  const seen = new Set<string>();
  for (const obj of model.objects) {
    if (!drawn.has(obj.id) || seen.has(obj.id)) continue;
    seen.add(obj.id);
    for (const [refId, targets] of Object.entries(obj.references)) {
      const ref = index.references.get(refId);
      if (!ref) continue;
      for (const target of targets) {
        if (!drawn.has(target)) continue;
        const key = obj.id < target ? `${obj.id}|${target}` : `${target}|${obj.id}`;
        const i = pairs.get(key) ?? 0;
        pairs.set(key, i + 1);
        edges.push({
          id: linkEdgeId(obj.id, refId, target),
          type: "link",
          source: obj.id,
          target,
          data: { refId, refName: ref.name, containment: ref.containment, offset: offsetOf(i), hasProblem: problemCells.has(`${obj.id}:${refId}`) },
        });
      }
    }
  }
  return edges;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Small arrays rebuilt on every read (problems, peers) are equal when their content is.
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

/** Shallow equality of node or edge data; objects are compared by identity (model reads share structure). */
export function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => sameValue(a[k], b[k]));
}

/**
 * Merges freshly built nodes into React Flow's current ones: keeps selection, measurements and the
 * position of a node being dragged here, and reuses unchanged node objects (so they do not re-render).
 * Returns `previous` itself when nothing changed.
 */
export function mergeNodes(previous: ObjectNode[], next: ObjectNode[]): ObjectNode[] {
  const prev = new Map(previous.map((n) => [n.id, n]));
  let changed = previous.length !== next.length;
  const merged = next.map((n, i) => {
    const p = prev.get(n.id);
    if (!p) {
      changed = true;
      return n;
    }
    const position = p.dragging ? p.position : n.position;
    if (p.position.x === position.x && p.position.y === position.y && p.ariaLabel === n.ariaLabel && sameData(p.data, n.data)) {
      if (previous[i] !== p) changed = true;
      return p;
    }
    changed = true;
    return { ...p, data: n.data, position, ariaLabel: n.ariaLabel };
  });
  return changed ? merged : previous;
}

export function mergeEdges(previous: LinkEdge[], next: LinkEdge[]): LinkEdge[] {
  const prev = new Map(previous.map((e) => [e.id, e]));
  let changed = previous.length !== next.length;
  const merged = next.map((e, i) => {
    const p = prev.get(e.id);
    if (p && sameData(p.data ?? {}, e.data ?? {})) {
      if (previous[i] !== p) changed = true;
      return p;
    }
    changed = true;
    return p ? { ...e, selected: p.selected } : e;
  });
  return changed ? merged : previous;
}

// ---------------------------------------------------------------------------------------------
// Linking by dragging from one object to another

export interface LinkOption {
  ref: Reference;
  /** The class declaring the reference (the source's class or a supertype). */
  owner: MetaClass;
  /** A single-valued reference that already points elsewhere: linking replaces that target. */
  replaces?: string;
  /** A containment that takes the target out of the container it is in now. */
  movesFrom?: string;
}

export type LinkCheck = { ok: true; options: LinkOption[] } | { ok: false; reason: string };

function listNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/**
 * What dragging from `sourceId` to `targetId` may do: the references of the source's class (own and
 * inherited, containment included) whose target class the target object's class is or inherits
 * from, minus those already pointing at it, full ones, and containments that would make a cycle.
 * When nothing fits, a sentence saying why, for a toast.
 */
export function linkOptions(mm: MetaModel, info: ModelInfo, sourceId: string, targetId: string): LinkCheck {
  const source = info.byId.get(sourceId);
  const target = info.byId.get(targetId);
  if (!source || !target) return { ok: false, reason: "That object no longer exists." };
  const index = metamodelIndex(mm);
  const sourceClass = index.classes.get(source.classId);
  const targetClass = index.classes.get(target.classId);
  const srcName = `${sourceClass?.name ?? "This object"} “${info.label(sourceId)}”`;
  if (!sourceClass) return { ok: false, reason: `${info.label(sourceId)}'s class was removed from the meta-model, so it cannot get new links. Re-create it as an existing class.` };
  if (!targetClass) return { ok: false, reason: `${info.label(targetId)}'s class was removed from the meta-model: nothing can link to it.` };
  const refs = index.allFeatures(sourceClass.id).flatMap((f) => (f.kind === "reference" ? [{ ref: f.feature as Reference, owner: f.owner }] : []));
  if (refs.length === 0) return { ok: false, reason: `${sourceClass.name} objects have no references. Add one to ${sourceClass.name} in the meta-model first.` };
  const compatible = refs.filter(({ ref }) => index.conformsTo(targetClass.id, ref.target));
  if (compatible.length === 0) {
    const byTarget = new Map<string, string[]>();
    for (const { ref } of refs) {
      const name = index.classes.get(ref.target)?.name ?? "?";
      byTarget.set(name, [...(byTarget.get(name) ?? []), ref.name]);
    }
    const accepted = [...byTarget].map(([cls, names]) => `${cls} (${names.join(", ")})`);
    return { ok: false, reason: `${sourceClass.name} can link only to ${listNames(accepted)}, not to ${targetClass.name}.` };
  }
  const options: LinkOption[] = [];
  const why: string[] = [];
  for (const { ref, owner } of compatible) {
    const current = source.references[ref.id] ?? [];
    if (current.includes(targetId)) {
      why.push(`${srcName} already ${ref.containment ? "contains" : "links to"} “${info.label(targetId)}” through ${ref.name}.`);
      continue;
    }
    if (ref.containment) {
      if (targetId === sourceId || info.subtree([targetId]).has(sourceId)) {
        why.push(`“${info.label(targetId)}” contains ${srcName}: an object cannot contain its own container.`);
        continue;
      }
    }
    if (ref.upper !== MANY && ref.upper !== 1 && current.length >= ref.upper) {
      why.push(`${ref.name} of ${srcName} holds at most ${ref.upper}. Remove one of its links first.`);
      continue;
    }
    const option: LinkOption = { ref, owner };
    if (ref.upper === 1 && current[0] !== undefined) option.replaces = current[0];
    if (ref.containment) {
      const home = info.containerOf.get(targetId);
      if (home) option.movesFrom = home.container;
    }
    options.push(option);
  }
  if (options.length === 0) return { ok: false, reason: why[0]! };
  return { ok: true, options };
}

/** A class a new object may have when a link dragged from an object ends on empty canvas, and the reference it goes in. */
export interface NewLinkTarget {
  cls: MetaClass;
  ref: Reference;
}

/**
 * For a link dropped on empty canvas: the concrete classes (subclasses included) a new object linked
 * from `sourceId` may have, per reference that still has room; containments first.
 */
export function newLinkTargets(mm: MetaModel, info: ModelInfo, sourceId: string): NewLinkTarget[] {
  const source = info.byId.get(sourceId);
  const index = metamodelIndex(mm);
  if (!source || !index.classes.has(source.classId)) return [];
  const out: NewLinkTarget[] = [];
  const refs = index.allFeatures(source.classId).flatMap((f) => (f.kind === "reference" ? [f.feature as Reference] : []));
  for (const ref of [...refs.filter((r) => r.containment), ...refs.filter((r) => !r.containment)]) {
    const count = source.references[ref.id]?.length ?? 0;
    if (ref.upper !== MANY && ref.upper !== 1 && count >= ref.upper) continue;
    const target = index.classes.get(ref.target);
    for (const cls of [...(target ? [target] : []), ...index.descendants(ref.target)]) if (!cls.abstract) out.push({ cls, ref });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Where new objects go

const GAP_X = 96;
const GAP_Y = 32;
const GRID = 16;
const snap = (v: number) => Math.round(v / GRID) * GRID;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Box, b: Box, margin = 12) => a.x < b.x + b.w + margin && b.x < a.x + a.w + margin && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin;

/**
 * Positions for the objects `layout` has none for, next to what is already placed: a contained
 * object below its last placed sibling (or, the first one, to the right of its container); an
 * uncontained one to the right of everything. Each is moved down until it overlaps nothing.
 * Deterministic, so every tab places a newcomer at the same spot.
 */
export function placeNew(model: Model, info: ModelInfo, layout: Layout, sizeOf: (obj: ModelObject) => Size): Layout {
  const boxes = new Map<string, Box>();
  for (const obj of model.objects) {
    const p = layout[obj.id];
    if (p && !boxes.has(obj.id)) {
      const s = sizeOf(obj);
      boxes.set(obj.id, { x: p.x, y: p.y, w: s.width, h: s.height });
    }
  }
  const placed: Layout = {};
  const children = new Map<string, string[]>();
  for (const [child, home] of info.containerOf) children.set(home.container, [...(children.get(home.container) ?? []), child]);

  for (const obj of model.objects) {
    if (boxes.has(obj.id)) continue;
    const size = sizeOf(obj);
    const home = info.containerOf.get(obj.id);
    const container = home ? boxes.get(home.container) : undefined;
    let at: Position;
    if (container) {
      const siblings = (children.get(home!.container) ?? []).flatMap((id) => (id !== obj.id && boxes.has(id) ? [boxes.get(id)!] : []));
      if (siblings.length) {
        const last = siblings.reduce((a, b) => (b.y + b.h > a.y + a.h ? b : a));
        at = { x: last.x, y: last.y + last.h + GAP_Y };
      } else {
        at = { x: container.x + container.w + GAP_X, y: container.y };
      }
    } else if (boxes.size) {
      const all = [...boxes.values()];
      at = { x: Math.max(...all.map((b) => b.x + b.w)) + GAP_X, y: Math.min(...all.map((b) => b.y)) };
    } else {
      at = { x: 0, y: 0 };
    }
    const box: Box = { x: snap(at.x), y: snap(at.y), w: size.width, h: size.height };
    for (let guard = 0; guard <= boxes.size; guard++) {
      const hit = [...boxes.values()].find((b) => overlaps(box, b));
      if (!hit) break;
      box.y = snap(hit.y + hit.h + GAP_Y);
    }
    boxes.set(obj.id, box);
    placed[obj.id] = { x: box.x, y: box.y };
  }
  return placed;
}

/**
 * The free spot for a new node of `size` nearest to `at` (its top-left corner), on the grid: `at`
 * itself when nothing is there, else the first free one on growing rings around it.
 */
export function freeSpot(taken: ReadonlyArray<{ x: number; y: number; width: number; height: number }>, at: Position, size: Size): Position {
  const boxes = taken.map((b) => ({ x: b.x, y: b.y, w: b.width, h: b.height }));
  const free = (p: Position) => !boxes.some((b) => overlaps({ x: p.x, y: p.y, w: size.width, h: size.height }, b));
  const start = { x: snap(at.x), y: snap(at.y) };
  if (free(start)) return start;
  const step = GRID * 2;
  for (let r = 1; r <= 60; r++) {
    const ring: Position[] = [];
    for (let i = -r; i <= r; i++) ring.push({ x: i, y: -r }, { x: i, y: r });
    for (let i = -r + 1; i < r; i++) ring.push({ x: -r, y: i }, { x: r, y: i });
    // Nearest first; ties broken the same way everywhere.
    ring.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y) || a.y - b.y || a.x - b.x);
    for (const d of ring) {
      const p = { x: start.x + d.x * step, y: start.y + d.y * step };
      if (free(p)) return p;
    }
  }
  return start;
}

