"use client";
import "@xyflow/react/dist/style.css";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  SelectionMode,
  useEdgesState,
  useNodesInitialized,
  useNodesState,
  useReactFlow,
  useStore,
  type Connection,
  type OnBeforeDelete,
  type OnConnectEnd,
  type OnNodeDrag,
} from "@xyflow/react";
import { BoxesIcon, PlusIcon } from "lucide-react";
import { useTheme } from "next-themes";
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type RefObject } from "react";
import { toast } from "sonner";
import type * as Y from "yjs";
import { EdgeMarkers } from "@/components/canvas/edges";
import { indexPresence, type PeerPresence } from "@/components/canvas/graph";
import { DETAIL_ZOOM } from "@/components/canvas/nodes";
import { RemoteCursors } from "@/components/canvas/presence";
import { usePeers, type PresenceUser } from "@/components/canvas/use-collab";
import { useShortcuts } from "@/components/shell/keyboard";
import { Button } from "@/components/ui/button";
import { ModelEditor } from "@/core/collab/model-doc";
import type { Layout, MetaModel, Position } from "@/core/metamodel/schema";
import type { ModelProblem } from "@/core/model/conformance";
import type { JsonValue, Model, ModelObject } from "@/core/model/schema";
import { containerOptions, defaultValues, metamodelInfo, type ModelInfo, type Placement } from "../model-info";
import { AddObjectDialog } from "../object-dialogs";
import type { TableActions } from "../object-table";
import { DiagramContextProvider, type DiagramContextValue } from "./diagram-context";
import { DiagramToolbar } from "./diagram-toolbar";
import {
  buildEdges,
  buildNodes,
  classViews,
  estimateSize,
  linkOptions,
  mergeEdges,
  mergeNodes,
  newLinkTargets,
  NODE_WIDTH,
  freeSpot,
  parseLinkEdgeId,
  placeNew,
  viewOf,
  type LinkEdge,
  type LinkOption,
  type ObjectNode,
  type Size,
} from "./graph";
import { layoutObjects } from "./layout";
import { edgeTypes } from "./link-edge";
import { nodeTypes } from "./object-node";
import { ClassPicker, LinkMenu, type ClassChoice, type LinkChoice, type ScreenPoint } from "./point-menus";
import { useModelLayout } from "./use-layout";

/**
 * A model as an object diagram, co-edited live: one node per object (attribute values edited in
 * place), references as labelled edges, containment as edges with a diamond. Drag from an object's
 * handle to another object to link them (only where the meta-model allows), or to empty canvas to
 * create a linked object. Positions live in the model document's layout map; objects without one
 * are placed automatically (ELK for a model never laid out, next to their container otherwise).
 */

const GRID = 16;
/** Fit with room for the toolbar above. */
const FIT = { padding: { top: "72px", bottom: "40px", left: "48px", right: "48px" }, maxZoom: 1 } as const;
/** Below this, opening the diagram shows the model's top at a readable zoom instead of all of it. */
const READABLE_ZOOM = 0.55;
const OPEN_ZOOM = 0.75;
const snap = (p: Position): Position => ({ x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID });
/** Positions the diagram places on its own: not this user's edits, so not in their undo history. */
const AUTO_ORIGIN = "model-diagram:auto-place";

function throttle<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | null = null;
  return (...args: A) => {
    const now = Date.now();
    pending = args;
    if (now - last >= ms) {
      last = now;
      fn(...args);
      pending = null;
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        if (pending) fn(...pending);
        pending = null;
      }, ms - (now - last));
    }
  };
}

export interface ModelDiagramProps {
  doc: Y.Doc;
  mm: MetaModel;
  model: Model;
  info: ModelInfo;
  problems: ModelProblem[];
  /** This user's editor (its origin is what their undo takes back). */
  editor: ModelEditor;
  undo: Y.UndoManager | null;
  provider: HocuspocusProvider | null;
  me: PresenceUser;
  readOnly: boolean;
  /** The table's actions (they keep both views' behaviour alike: deleting asks before taking contained objects). */
  actions: TableActions;
  /** Objects selected when the diagram opens (the table's selection). */
  initialSelection: ReadonlySet<string>;
  onSelectionChange(ids: string[]): void;
  /** Select an object and bring it into view (a problem clicked in the panel). */
  focus: { id: string; featureId?: string; nonce: number } | null;
  onShortcuts(): void;
  /** False while a dialog of the editor is open: the diagram's keys are off. */
  keysEnabled: boolean;
}

/** Publishes the zoom as a CSS variable on the diagram (outlines size their names by it), without re-rendering nodes. */
function ZoomVariable({ target }: { target: RefObject<HTMLDivElement | null> }) {
  const zoom = useStore((s) => s.transform[2]);
  useEffect(() => {
    target.current?.style.setProperty("--diagram-zoom", String(zoom));
  }, [zoom, target]);
  return null;
}

export function ModelDiagram(props: ModelDiagramProps) {
  return (
    <ReactFlowProvider>
      <Diagram {...props} />
    </ReactFlowProvider>
  );
}

interface AddRequest {
  classId: string;
  className: string;
  options: Array<Placement & { label: string }>;
  initial: string;
  create(to: Placement | null): void;
}

interface PickerState {
  at: ScreenPoint;
  title: string;
  choices: ClassChoice[];
  onPick(c: ClassChoice): void;
}

function Diagram({ doc, mm, model, info, problems, editor, undo, provider, readOnly, actions, initialSelection, onSelectionChange, focus, onShortcuts, keysEnabled }: ModelDiagramProps) {
  const rf = useReactFlow<ObjectNode, LinkEdge>();
  const { resolvedTheme } = useTheme();
  const containerRef = useRef<HTMLDivElement>(null);
  const latest = useRef({ mm, model, info, actions, readOnly });
  useEffect(() => {
    latest.current = { mm, model, info, actions, readOnly };
  });

  // --- positions ------------------------------------------------------------------------------
  const stored = useModelLayout(doc);
  const [local, setLocal] = useState<Layout>({});
  const positions = useMemo(() => ({ ...local, ...stored }), [local, stored]);
  const autoEditor = useMemo(() => new ModelEditor(doc, mm, AUTO_ORIGIN), [doc, mm]);
  const sizeOf = useCallback(
    (obj: ModelObject): Size => {
      const n = rf.getInternalNode(obj.id);
      return n?.measured.width && n.measured.height ? { width: n.measured.width, height: n.measured.height } : estimateSize(viewOf(mm, obj.classId), obj);
    },
    [rf, mm],
  );
  // ELK runs asynchronously: one run at a time, then a look for anything still unplaced.
  const placing = useRef(false);
  const [placedRuns, setPlacedRuns] = useState(0);
  useEffect(() => {
    if (placing.current) return;
    const missing = model.objects.filter((o) => !positions[o.id]);
    if (missing.length === 0) return;
    // Editors store what they place (every tab then agrees); viewers keep it to themselves.
    const keep = (placed: Layout) => (readOnly ? setLocal((prev) => ({ ...prev, ...placed })) : autoEditor.setPositions(placed));
    if (missing.length < model.objects.length) {
      keep(placeNew(model, info, positions, sizeOf));
      return;
    }
    // Never laid out: ELK, with the estimated sizes every tab uses alike.
    placing.current = true;
    void layoutObjects(mm, model)
      .then((l) => {
        const now = latest.current.model.objects.filter((o) => l[o.id]);
        keep(Object.fromEntries(now.map((o) => [o.id, l[o.id]!])));
      })
      .catch((error: unknown) => toast.error(`The automatic layout failed (${(error as Error).message}). Drag objects where you want them.`))
      .finally(() => {
        placing.current = false;
        setPlacedRuns((n) => n + 1);
      });
  }, [model, info, mm, positions, readOnly, autoEditor, sizeOf, placedRuns]);

  // --- presence -------------------------------------------------------------------------------
  const peers = usePeers(provider);
  const presenceJson = JSON.stringify(peers.map((p): PeerPresence => ({ name: p.user.name, color: p.user.color, selection: p.selection ?? [], drag: p.drag ?? [] })));
  const { peersBySelection, dragOverrides } = useMemo(() => indexPresence(JSON.parse(presenceJson) as PeerPresence[]), [presenceJson]);

  // --- nodes and edges ------------------------------------------------------------------------
  const problemsByObject = useMemo(() => {
    const out = new Map<string, ModelProblem[]>();
    for (const p of problems) if (p.objectId) out.set(p.objectId, [...(out.get(p.objectId) ?? []), p]);
    return out;
  }, [problems]);
  const problemCells = useMemo(() => new Set(problems.flatMap((p) => (p.objectId && p.featureId ? [`${p.objectId}:${p.featureId}`] : []))), [problems]);

  const [nodes, setNodes, onNodesChange] = useNodesState<ObjectNode>([]);
  const [edges, setEdges, onEdgesChange] = useEdgesState<LinkEdge>([]);
  // Selection asked for before the nodes exist (objects just added) is applied once they do.
  const pendingSelection = useRef<Set<string> | null>(initialSelection.size ? new Set(initialSelection) : null);
  const withPendingSelection = useCallback((ns: ObjectNode[]) => {
    const wanted = pendingSelection.current;
    if (!wanted || ![...wanted].every((id) => ns.some((n) => n.id === id))) return ns;
    pendingSelection.current = null;
    return ns.map((n) => (Boolean(n.selected) === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) }));
  }, []);
  useEffect(() => {
    const next = buildNodes({ mm, model, info, positions, problems: problemsByObject, peersBySelection, dragOverrides, readOnly });
    setNodes((prev) => withPendingSelection(mergeNodes(prev, next)));
  }, [mm, model, info, positions, problemsByObject, peersBySelection, dragOverrides, readOnly, setNodes, withPendingSelection]);
  const drawnKey = useMemo(() => model.objects.filter((o) => positions[o.id]).map((o) => o.id).join(","), [model, positions]);
  useEffect(() => {
    setEdges((prev) => mergeEdges(prev, buildEdges(mm, model, new Set(drawnKey.split(",")), problemCells)));
  }, [mm, model, drawnKey, problemCells, setEdges]);

  const selectedNodes = useMemo(() => nodes.filter((n) => n.selected).map((n) => n.id), [nodes]);
  const selectedEdges = useMemo(() => edges.filter((e) => e.selected).map((e) => e.id), [edges]);
  const selectionKey = selectedNodes.join(",");
  const reportSelection = useRef(onSelectionChange);
  useEffect(() => {
    reportSelection.current = onSelectionChange;
  });
  useEffect(() => {
    reportSelection.current(selectionKey ? selectionKey.split(",") : []);
  }, [selectionKey]);

  const select = useCallback(
    (ids: string[]) => {
      pendingSelection.current = new Set(ids);
      setNodes(withPendingSelection);
      setEdges((es) => es.map((e) => (e.selected ? { ...e, selected: false } : e)));
    },
    [setNodes, setEdges, withPendingSelection],
  );

  // --- first view -----------------------------------------------------------------------------
  const initialized = useNodesInitialized();
  const opened = useRef(false);
  useEffect(() => {
    if (!initialized || opened.current || nodes.length === 0) return;
    opened.current = true;
    const rect = containerRef.current?.getBoundingClientRect();
    const chosen = nodes.filter((n) => initialSelection.has(n.id));
    if (chosen.length) {
      void rf.fitView({ nodes: chosen.map((n) => ({ id: n.id })), padding: 0.4, maxZoom: 1 });
      return;
    }
    const bounds = rf.getNodesBounds(nodes);
    const zoom = rect ? Math.min((rect.width - 96) / bounds.width, (rect.height - 112) / bounds.height) : 1;
    if (zoom >= READABLE_ZOOM || !rect) {
      void rf.fitView(FIT);
      return;
    }
    // Too big to read whole: start at its top left, readable (F shows it all).
    void rf.setViewport({ x: 48 - bounds.x * OPEN_ZOOM, y: 72 - bounds.y * OPEN_ZOOM, zoom: OPEN_ZOOM });
  }, [initialized, nodes, rf, initialSelection]);

  // --- focusing fields ------------------------------------------------------------------------
  const focusField = useCallback((id: string, featureId?: string) => {
    let tries = 0;
    const attempt = () => {
      const node = containerRef.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      const scope = featureId ? node?.querySelector<HTMLElement>(`[data-feature="${CSS.escape(featureId)}"]`) : node;
      const field = scope?.querySelector<HTMLElement>("input, select, textarea");
      if (field) field.focus({ preventScroll: true });
      if ((!field || document.activeElement !== field) && tries++ < 40) requestAnimationFrame(attempt);
      else if (field instanceof HTMLInputElement) field.select();
    };
    requestAnimationFrame(attempt);
  }, []);

  useEffect(() => {
    if (!focus) return;
    select([focus.id]);
    const node = rf.getNode(focus.id);
    if (node) void rf.fitView({ nodes: [{ id: focus.id }], duration: 300, maxZoom: 1.1, padding: 0.6 });
    focusField(focus.id, focus.featureId);
    // Only a new request (nonce) moves the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus?.nonce]);

  // --- pointer --------------------------------------------------------------------------------
  const lastPointer = useRef<ScreenPoint | null>(null);
  const broadcastCursor = useMemo(() => throttle((cursor: Position | null) => provider?.awareness?.setLocalStateField("cursor", cursor), 40), [provider]);
  const broadcastDrag = useMemo(
    () => throttle((drag: Array<{ id: string; x: number; y: number }> | null) => provider?.awareness?.setLocalStateField("drag", drag), 40),
    [provider],
  );
  useEffect(
    () => () => {
      // Leaving the diagram (to the table): no cursor or drag of ours stays on others' screens.
      setTimeout(() => {
        provider?.awareness?.setLocalStateField("cursor", null);
        provider?.awareness?.setLocalStateField("drag", null);
      }, 60);
    },
    [provider],
  );
  const onMouseMove = (e: MouseEvent) => {
    lastPointer.current = { x: e.clientX, y: e.clientY };
    broadcastCursor(rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  };
  const onMouseLeave = () => {
    lastPointer.current = null;
    broadcastCursor(null);
  };

  const viewportCenter = useCallback((): ScreenPoint => {
    const rect = containerRef.current?.getBoundingClientRect();
    return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: 0, y: 0 };
  }, []);

  // --- adding ---------------------------------------------------------------------------------
  const [addRequest, setAddRequest] = useState<AddRequest | null>(null);
  const [picker, setPicker] = useState<PickerState | null>(null);

  /**
   * Adds an object of `classId` centred on `at` (screen), or at the nearest free spot unless `exact`;
   * inside `into` or wherever its class lives (asking when there is a choice); `then` links it.
   */
  const addObject = useCallback(
    (classId: string, at: ScreenPoint, options: { exact?: boolean; into?: Placement; then?: (id: string) => void } = {}) => {
      const { mm: m, info: inf, readOnly: ro } = latest.current;
      if (ro) return;
      const flow = rf.screenToFlowPosition(at);
      const wanted = { x: flow.x - NODE_WIDTH / 2, y: flow.y - 19 };
      const taken = rf.getNodes().map((n) => ({ ...n.position, width: n.measured?.width ?? NODE_WIDTH, height: n.measured?.height ?? 80 }));
      const position = options.exact ? snap(wanted) : freeSpot(taken, wanted, estimateSize(viewOf(m, classId)));
      const create = (to: Placement | null) => {
        const id = editor.transact(() => {
          const created = editor.addObject(classId, defaultValues(m, classId), { ...(to ? { into: { container: to.container, reference: to.refId } } : {}), position });
          options.then?.(created);
          return created;
        });
        select([id]);
        focusField(id);
      };
      if (options.into) return create(options.into);
      const cls = metamodelInfo(m).classes.get(classId);
      if (!cls || cls.cls.abstract) return;
      if (cls.containedIn.length === 0) return create(null);
      const placements = containerOptions(m, inf, classId);
      if (placements.length === 0) {
        create(null);
        const where = cls.containedIn.map((s) => `${s.owner.name}.${s.ref.name}`).join(" or ");
        toast.info(`Added at the top level: ${cls.cls.name} objects usually live in ${where}, and there is none yet.`);
        return;
      }
      const selected = new Set(rf.getNodes().filter((n) => n.selected).map((n) => n.id));
      const inSelected = placements.find((p) => selected.has(p.container));
      if (inSelected) return create(inSelected);
      if (placements.length === 1) return create(placements[0]!);
      setAddRequest({ classId, className: cls.cls.name, options: placements, initial: `${placements[0]!.container}|${placements[0]!.refId}`, create });
    },
    [editor, rf, select, focusField],
  );

  const classChoices = useMemo<ClassChoice[]>(() => {
    const views = classViews(mm);
    return metamodelInfo(mm).concrete.map((c) => ({ id: c.id, name: c.name, description: c.description, hue: views.get(c.id)?.hue ?? 0, count: info.byClass.get(c.id)?.length ?? 0 }));
  }, [mm, info]);

  const openPicker = useCallback(
    (at: ScreenPoint, placeAt: ScreenPoint = at, exact = false) => {
      if (readOnly) return;
      if (classChoices.length === 0) {
        toast.info("The meta-model has no concrete class to make objects of. Add one in the meta-model.");
        return;
      }
      setPicker({ at, title: "Add an object of class…", choices: classChoices, onPick: (c) => addObject(c.id, placeAt, { exact }) });
    },
    [readOnly, classChoices, addObject],
  );

  const addRef = useRef<HTMLButtonElement>(null);
  const openPickerFromToolbar = () => {
    const r = addRef.current?.getBoundingClientRect();
    openPicker(r ? { x: r.left, y: r.bottom } : viewportCenter(), viewportCenter());
  };
  const openPickerAtPointer = () => {
    const rect = containerRef.current?.getBoundingClientRect();
    const p = lastPointer.current;
    const inside = p && rect && p.x > rect.left && p.x < rect.right && p.y > rect.top && p.y < rect.bottom;
    openPicker(inside ? p : viewportCenter());
  };

  const onDoubleClick = (e: MouseEvent) => {
    if (!(e.target as HTMLElement).classList.contains("react-flow__pane")) return;
    const at = { x: e.clientX, y: e.clientY };
    openPicker(at, at, true);
  };

  // --- linking --------------------------------------------------------------------------------
  const [linkRequest, setLinkRequest] = useState<{ at: ScreenPoint; source: string; target: string; title: string; options: LinkOption[] } | null>(null);

  const applyLink = useCallback((source: string, target: string, option: LinkOption) => {
    const { actions: a, info: inf } = latest.current;
    const { ref } = option;
    if (ref.containment) {
      a.move(target, { container: source, refId: ref.id });
      if (option.movesFrom) toast.success(`Moved “${inf.label(target)}” into ${inf.label(source)}.${ref.name}`, { description: `It was in ${inf.label(option.movesFrom)}.` });
    } else if (option.replaces) {
      a.setTargets(source, ref.id, [target]);
      toast.success(`${inf.label(source)}.${ref.name} now points to “${inf.label(target)}”`, { description: `It pointed to “${inf.label(option.replaces)}”. Undo with Ctrl+Z.` });
    } else {
      a.addTarget(source, ref.id, target);
    }
  }, []);

  const linkCache = useRef(new Map<string, boolean>());
  useEffect(() => linkCache.current.clear(), [model, mm]);
  const context = useMemo<DiagramContextValue>(
    () => ({
      setAttribute: (objectId: string, attributeId: string, value: JsonValue | undefined) => latest.current.actions.setAttribute(objectId, attributeId, value),
      canLink(source, target) {
        const key = `${source}>${target}`;
        let ok = linkCache.current.get(key);
        if (ok === undefined) {
          ok = linkOptions(latest.current.mm, latest.current.info, source, target).ok;
          linkCache.current.set(key, ok);
        }
        return ok;
      },
    }),
    [],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (readOnly || !c.source || !c.target) return;
      const check = linkOptions(mm, info, c.source, c.target);
      if (!check.ok) {
        toast.error(check.reason);
        return;
      }
      if (check.options.length === 1) return applyLink(c.source, c.target, check.options[0]!);
      setLinkRequest({
        at: lastPointer.current ?? viewportCenter(),
        source: c.source,
        target: c.target,
        title: `Link “${info.label(c.source)}” to “${info.label(c.target)}” as…`,
        options: check.options,
      });
    },
    [readOnly, mm, info, applyLink, viewportCenter],
  );

  /** A link dropped on empty canvas: pick the class of a new object, linked from where the drag began. */
  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state) => {
      if (readOnly || state.toNode || !state.fromNode) return;
      if (!(event.target instanceof Element) || !event.target.classList.contains("react-flow__pane")) return;
      const point = "changedTouches" in event ? { x: event.changedTouches[0]!.clientX, y: event.changedTouches[0]!.clientY } : { x: event.clientX, y: event.clientY };
      const sourceId = state.fromNode.id;
      const targets = newLinkTargets(mm, info, sourceId);
      const views = classViews(mm);
      if (targets.length === 0) {
        toast.info(`${viewOf(mm, info.byId.get(sourceId)?.classId ?? "").name} objects have no reference with room for a new object.`);
        return;
      }
      setPicker({
        at: point,
        title: `New object linked from “${info.label(sourceId)}”…`,
        choices: targets.map(({ cls, ref }) => ({
          id: cls.id,
          name: cls.name,
          description: cls.description,
          hue: views.get(cls.id)?.hue ?? 0,
          count: info.byClass.get(cls.id)?.length ?? 0,
          hint: ref.containment ? `inside, in ${ref.name}` : `as ${ref.name}`,
        })),
        onPick: (choice) => {
          const target = targets.find((t) => t.cls.id === choice.id && (t.ref.containment ? `inside, in ${t.ref.name}` : `as ${t.ref.name}`) === choice.hint);
          if (!target) return;
          if (target.ref.containment) return addObject(target.cls.id, point, { exact: true, into: { container: sourceId, refId: target.ref.id } });
          addObject(target.cls.id, point, {
            exact: true,
            then: (id) => {
              const { actions: a } = latest.current;
              if (target.ref.upper === 1) a.setTargets(sourceId, target.ref.id, [id]);
              else a.addTarget(sourceId, target.ref.id, id);
            },
          });
        },
      });
    },
    [readOnly, mm, info, addObject],
  );

  // --- deleting, duplicating, copying ---------------------------------------------------------
  const deleteElements = useCallback(
    (nodeIds: string[], edgeIds: string[]) => {
      const { actions: a, info: inf, readOnly: ro } = latest.current;
      if (ro || (nodeIds.length === 0 && edgeIds.length === 0)) return;
      const links = edgeIds.flatMap((id) => {
        const l = parseLinkEdgeId(id);
        return l && !nodeIds.includes(l.source) && !nodeIds.includes(l.target) ? [l] : [];
      });
      if (links.length) {
        const containment = metamodelInfo(latest.current.mm).containmentRefs;
        const freed: string[] = [];
        editor.transact(() => {
          for (const l of links) {
            if (containment.has(l.refId)) {
              a.move(l.target, null);
              freed.push(l.target);
            } else a.removeTarget(l.source, l.refId, l.target);
          }
        });
        if (freed.length) toast.info(freed.length === 1 ? `“${inf.label(freed[0]!)}” is no longer contained: it stands at the top level.` : `${freed.length} objects are no longer contained.`, { action: { label: "Undo", onClick: () => undo?.undo() } });
      }
      if (nodeIds.length) a.remove(nodeIds);
    },
    [editor, undo],
  );

  const onBeforeDelete: OnBeforeDelete<ObjectNode, LinkEdge> = useCallback(
    async ({ nodes: ns, edges: es }) => {
      deleteElements(
        ns.map((n) => n.id),
        es.map((e) => e.id),
      );
      return false;
    },
    [deleteElements],
  );

  const duplicate = useCallback(
    (ids: string[]) => {
      if (readOnly || ids.length === 0) return;
      const copies = editor.duplicateObjects(ids, { x: 32, y: 32 });
      select(copies);
      toast.success(copies.length === 1 ? "Duplicated" : `Duplicated ${copies.length} objects`);
    },
    [editor, readOnly, select],
  );

  const clipboard = useRef<string[]>([]);
  const copy = () => {
    if (selectedNodes.length === 0) return;
    clipboard.current = selectedNodes;
    toast.success(`Copied ${selectedNodes.length} ${selectedNodes.length === 1 ? "object" : "objects"}`, { description: "Paste (Ctrl+V) makes copies with what they contain." });
  };
  const paste = () => {
    const ids = clipboard.current.filter((id) => info.byId.has(id));
    if (ids.length) duplicate(ids);
  };

  // --- moving ---------------------------------------------------------------------------------
  const onNodeDrag: OnNodeDrag<ObjectNode> = useCallback((_e, _node, dragged) => broadcastDrag(dragged.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y }))), [broadcastDrag]);
  const onNodeDragStop: OnNodeDrag<ObjectNode> = useCallback(
    (_e, _node, dragged) => {
      const moved: Layout = {};
      for (const n of dragged) moved[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
      editor.setPositions(moved);
      setTimeout(() => provider?.awareness?.setLocalStateField("drag", null), 60);
    },
    [editor, provider],
  );

  const [layingOut, setLayingOut] = useState(false);
  const autoLayout = useCallback(async () => {
    if (readOnly || layingOut) return;
    setLayingOut(true);
    try {
      const sizes: Record<string, Size> = {};
      for (const n of rf.getNodes()) if (n.measured?.width && n.measured.height) sizes[n.id] = { width: n.measured.width, height: n.measured.height };
      editor.setPositions(await layoutObjects(mm, model, sizes));
      setTimeout(() => void rf.fitView({ ...FIT, duration: 300 }), 60);
    } catch (error) {
      toast.error(`The automatic layout failed (${(error as Error).message}).`);
    } finally {
      setLayingOut(false);
    }
  }, [readOnly, layingOut, rf, editor, mm, model]);

  const fit = useCallback(() => void rf.fitView({ ...FIT, duration: 300 }), [rf]);
  /** Puts the cursor in an object's first field, zooming to it first when its fields are not drawn. */
  const edit = useCallback(
    (id: string) => {
      if (rf.getViewport().zoom < DETAIL_ZOOM) void rf.fitView({ nodes: [{ id }], duration: 200, maxZoom: 1, minZoom: 0.8, padding: 0.6 });
      focusField(id);
    },
    [rf, focusField],
  );

  // --- keyboard -------------------------------------------------------------------------------
  useShortcuts(
    [
      { keys: "n", run: openPickerAtPointer },
      { keys: "l", run: () => void autoLayout() },
      { keys: "f", run: fit },
      { keys: "mod+d", run: () => duplicate(selectedNodes) },
      { keys: "mod+c", run: copy },
      { keys: "mod+v", run: paste },
      { keys: "mod+a", run: () => select(rf.getNodes().map((n) => n.id)) },
      { keys: "escape", run: () => select([]) },
      { keys: "enter", run: () => selectedNodes.length === 1 && edit(selectedNodes[0]!) },
      { keys: "mod+z", run: () => undo?.undo() },
      { keys: "mod+shift+z", run: () => undo?.redo() },
      { keys: "mod+y", run: () => undo?.redo() },
      { keys: "?", run: onShortcuts },
    ],
    { capture: true, enabled: keysEnabled && picker === null && linkRequest === null && addRequest === null },
  );

  const isEmpty = model.objects.length === 0;
  const rootClass = useMemo(() => {
    const m = metamodelInfo(mm);
    return m.concrete.find((c) => !m.classes.get(c.id)?.containedIn.length) ?? m.concrete[0];
  }, [mm]);
  const dark = resolvedTheme === "dark";

  return (
    <DiagramContextProvider value={context}>
      <div ref={containerRef} className="relative h-full min-h-0 w-full" onMouseMove={onMouseMove} onMouseLeave={onMouseLeave} data-testid="model-diagram">
        <EdgeMarkers />
        <ReactFlow<ObjectNode, LinkEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          onBeforeDelete={onBeforeDelete}
          onNodeDrag={onNodeDrag}
          onNodeDragStop={onNodeDragStop}
          onDoubleClick={onDoubleClick}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          edgesReconnectable={false}
          connectionMode={ConnectionMode.Loose}
          zoomOnDoubleClick={false}
          snapToGrid
          snapGrid={[GRID, GRID]}
          deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={["Meta", "Control"]}
          selectionMode={SelectionMode.Partial}
          minZoom={0.08}
          maxZoom={2}
          onlyRenderVisibleElements={nodes.length > 120}
          colorMode={dark ? "dark" : "light"}
          connectionLineStyle={{ stroke: "var(--accent)", strokeWidth: 2, strokeDasharray: "4 3" }}
          proOptions={{ hideAttribution: true }}
          aria-label="Model diagram"
        >
          <Background variant={BackgroundVariant.Dots} gap={GRID} size={1} />
          <MiniMap<ObjectNode>
            pannable
            zoomable
            nodeStrokeWidth={2}
            className="!rounded-lg !border !shadow-sm"
            nodeColor={(n) => (n.data.view.hue < 0 ? "oklch(0.6 0 0)" : `oklch(${dark ? 0.55 : 0.8} 0.1 ${n.data.view.hue})`)}
            nodeBorderRadius={4}
            ariaLabel="Minimap"
          />
          <Controls showInteractive={false} position="bottom-left" />
          <RemoteCursors peers={peers} />
          <ZoomVariable target={containerRef} />
        </ReactFlow>
        <DiagramToolbar
          readOnly={readOnly}
          selected={selectedNodes.length + selectedEdges.length}
          layingOut={layingOut}
          addRef={addRef}
          onAdd={openPickerFromToolbar}
          onLayout={() => void autoLayout()}
          onFit={fit}
          onDuplicate={() => duplicate(selectedNodes)}
          onDelete={() => deleteElements(selectedNodes, selectedEdges)}
        />
        {isEmpty ? (
          <div className="pointer-events-none absolute inset-0 flex items-center justify-center p-6">
            <div className="pointer-events-auto flex max-w-sm flex-col items-center rounded-xl border border-dashed bg-surface/90 px-8 py-7 text-center shadow-sm backdrop-blur" data-testid="diagram-empty">
              <span className="mb-3 flex size-10 items-center justify-center rounded-lg bg-accent-soft text-accent [&_svg]:size-5">
                <BoxesIcon />
              </span>
              <p className="text-sm font-medium">This model is empty</p>
              <p className="mt-1 text-[13px] text-muted-foreground">
                {readOnly
                  ? "Nobody has added an object yet."
                  : `Double-click anywhere or press N to add an object${rootClass ? `. Start with a ${rootClass.name}: the top of the model.` : "."}`}
              </p>
              {!readOnly && rootClass ? (
                <Button className="mt-4" size="sm" onClick={() => addObject(rootClass.id, viewportCenter())}>
                  <PlusIcon /> New {rootClass.name}
                </Button>
              ) : null}
            </div>
          </div>
        ) : null}
      </div>
      <ClassPicker
        at={picker?.at ?? null}
        title={picker?.title ?? ""}
        choices={picker?.choices ?? []}
        onClose={() => setPicker(null)}
        onPick={(c) => {
          const p = picker;
          setPicker(null);
          p?.onPick(c);
        }}
      />
      <LinkMenu
        at={linkRequest?.at ?? null}
        title={linkRequest?.title ?? ""}
        choices={(linkRequest?.options ?? []).map(
          (o): LinkChoice => ({
            key: o.ref.id,
            name: o.ref.name,
            containment: o.ref.containment,
            detail: o.ref.containment
              ? `Contain it${o.movesFrom ? ` (moves it out of “${info.label(o.movesFrom)}”)` : ""}`
              : o.replaces
                ? `Replaces “${info.label(o.replaces)}”`
                : o.owner.name === viewOf(mm, info.byId.get(linkRequest!.source)?.classId ?? "").name
                  ? "Reference"
                  : `Reference, from ${o.owner.name}`,
          }),
        )}
        onClose={() => setLinkRequest(null)}
        onPick={(key) => {
          const r = linkRequest;
          setLinkRequest(null);
          const option = r?.options.find((o) => o.ref.id === key);
          if (r && option) applyLink(r.source, r.target, option);
        }}
      />
      <AddObjectDialog
        request={addRequest}
        onCancel={() => setAddRequest(null)}
        onAdd={(to) => {
          const r = addRequest;
          setAddRequest(null);
          r?.create(to);
        }}
      />
    </DiagramContextProvider>
  );
}
