"use client";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  SelectionMode,
  useEdgesState,
  useNodesInitialized,
  useNodesState,
  useReactFlow,
  type Connection,
  type OnBeforeDelete,
  type OnNodeDrag,
} from "@xyflow/react";
import { useTheme } from "next-themes";
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { toast } from "sonner";
import type * as Y from "yjs";
import { createUndoManager, MetamodelEditor, readLayout } from "@/core/collab/metamodel-doc";
import { exportMetamodelFile, parseMetamodelFile } from "@/core/metamodel/json";
import { layoutMetamodel } from "@/core/metamodel/layout";
import type { Layout, MetaClass, MetaEnum, Position } from "@/core/metamodel/schema";
import type { Problem } from "@/core/metamodel/validate";
import { useShortcuts } from "@/components/shell/keyboard";
import { CanvasContextProvider, createInlineEditStore } from "./canvas-context";
import { EdgeMarkers, edgeTypes } from "./edges";
import { download, downloadText, exportDiagram, fileSafe } from "./export";
import { buildEdges, buildNodes, indexPresence, mergeEdges, mergeNodes, type CanvasEdge, type CanvasNode, type PeerPresence } from "./graph";
import { Inspector } from "./inspector";
import { nodeTypes } from "./nodes";
import { RemoteCursors } from "./presence";
import { ProblemsPanel } from "./problems-panel";
import { CanvasShortcutsDialog } from "./shortcuts";
import { CanvasToolbar, type ConnectMode } from "./toolbar";
import { usePeers, type PresenceUser } from "./use-collab";
import { useMetamodelState } from "./use-metamodel";

const GRID = 16;
/** Fit with room for the toolbar above and the problems panel below. */
const FIT = { padding: { top: "76px", bottom: "72px", left: "48px", right: "48px" }, maxZoom: 1 } as const;
const snap = (p: Position): Position => ({ x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID });

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

function uniqueTypeName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}

interface Fragment {
  classes: MetaClass[];
  enums: MetaEnum[];
  layout: Layout;
}
const CLIPBOARD_MARKER = "metaforge/metamodel-fragment";

export function MetamodelCanvas({
  doc,
  provider,
  readOnly,
  me,
  offline,
}: {
  doc: Y.Doc;
  provider: HocuspocusProvider | null;
  readOnly: boolean;
  me: PresenceUser;
  offline: boolean;
}) {
  const rf = useReactFlow<CanvasNode, CanvasEdge>();
  const { resolvedTheme } = useTheme();
  const containerRef = useRef<HTMLDivElement>(null);
  const { mm, layout, problems } = useMetamodelState(doc);
  const mmRef = useRef(mm);
  useEffect(() => {
    mmRef.current = mm;
  });

  // This tab's edits carry this origin object (remote ones carry the provider): undo takes back
  // exactly this tab's edits.
  const origin = useMemo(() => ({ user: me.id }), [me.id]);
  const editor = useMemo(() => new MetamodelEditor(doc, origin), [doc, origin]);
  // Not destroyed in an effect's cleanup: React (Strict Mode in development) may run a cleanup and the
  // effect again, and a destroyed manager stops tracking. It ends with its document (Yjs destroys an
  // UndoManager when its Y.Doc is destroyed, which the collab session does on leaving the page).
  const undo = useMemo(() => createUndoManager(doc, origin), [doc, origin]);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    const update = () => setHistory({ canUndo: undo.canUndo(), canRedo: undo.canRedo() });
    undo.on("stack-item-added", update);
    undo.on("stack-item-popped", update);
    undo.on("stack-cleared", update);
    return () => {
      undo.off("stack-item-added", update);
      undo.off("stack-item-popped", update);
      undo.off("stack-cleared", update);
    };
  }, [undo]);

  const inline = useMemo(() => createInlineEditStore(), []);
  const canvasContext = useMemo(() => ({ editor, readOnly, inline, allEnums: () => mmRef.current.enums }), [editor, readOnly, inline]);

  // Presence: others' selections mark nodes; others' drags move nodes live (positions reach the
  // document only on drop, so a drag does not bloat it).
  const peers = usePeers(provider);
  // Nodes depend on others' selections and drags, not on their cursors (which move ten times a
  // second): the index is rebuilt only when the JSON of those parts changes.
  const presenceJson = JSON.stringify(peers.map((p): PeerPresence => ({ name: p.user.name, color: p.user.color, selection: p.selection ?? [], drag: p.drag ?? [] })));
  const { peersBySelection, dragOverrides } = useMemo(() => indexPresence(JSON.parse(presenceJson) as PeerPresence[]), [presenceJson]);

  const [nodes, setNodes, onNodesChange] = useNodesState<CanvasNode>([]);
  const [edges, setEdges, onEdgesChange] = useEdgesState<CanvasEdge>([]);
  // Selection asked for before the nodes exist (a class just added) is applied once they do.
  const pendingSelection = useRef<Set<string> | null>(null);
  const withPendingSelection = useCallback((ns: CanvasNode[]) => {
    const wanted = pendingSelection.current;
    if (!wanted || ![...wanted].every((id) => ns.some((n) => n.id === id))) return ns;
    return ns.map((n) => (n.selected === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) }));
  }, []);
  useEffect(() => {
    setNodes((prev) => withPendingSelection(mergeNodes(prev, buildNodes({ mm, layout, problems, peersBySelection, dragOverrides, readOnly }))));
  }, [mm, layout, problems, peersBySelection, dragOverrides, readOnly, setNodes, withPendingSelection]);
  useEffect(() => {
    setEdges((prev) => mergeEdges(prev, buildEdges(mm, problems)));
  }, [mm, problems, setEdges]);

  useEffect(() => {
    const wanted = pendingSelection.current;
    if (wanted && [...wanted].every((id) => nodes.some((n) => n.id === id))) pendingSelection.current = null;
  }, [nodes]);
  const selectedNodes = useMemo(() => nodes.filter((n) => n.selected).map((n) => n.id), [nodes]);
  const selectedEdges = useMemo(() => edges.filter((e) => e.selected).map((e) => e.id), [edges]);
  const selectionKey = [...selectedNodes, ...selectedEdges].join(",");
  useEffect(() => {
    provider?.awareness?.setLocalStateField("selection", selectionKey ? selectionKey.split(",") : []);
  }, [provider, selectionKey]);

  // Fit the diagram once, when its nodes are first measured.
  const initialized = useNodesInitialized();
  const fitted = useRef(false);
  useEffect(() => {
    if (initialized && !fitted.current && nodes.length) {
      fitted.current = true;
      void rf.fitView(FIT);
    }
  }, [initialized, nodes.length, rf]);

  const select = useCallback(
    (ids: string[]) => {
      pendingSelection.current = new Set(ids);
      setNodes(withPendingSelection);
      setEdges((es) => es.map((e) => (e.selected ? { ...e, selected: false } : e)));
    },
    [setNodes, setEdges, withPendingSelection],
  );

  const viewportCenter = useCallback((): Position => {
    const rect = containerRef.current?.getBoundingClientRect();
    if (!rect) return { x: 0, y: 0 };
    const p = rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
    return { x: p.x - 120, y: p.y - 40 };
  }, [rf]);

  const typeNames = () => new Set([...mmRef.current.classes.map((c) => c.name), ...mmRef.current.enums.map((e) => e.name)]);

  const addClass = useCallback(
    (at?: Position) => {
      if (readOnly) return;
      const id = editor.addClass({ name: uniqueTypeName("NewClass", typeNames()), position: snap(at ?? viewportCenter()) });
      select([id]);
      inline.set({ nodeId: id, target: "name" });
    },
    [editor, readOnly, viewportCenter, select, inline],
  );

  const addEnum = useCallback(() => {
    if (readOnly) return;
    const id = editor.addEnum({ name: uniqueTypeName("NewEnum", typeNames()), literals: ["FIRST", "SECOND"], position: snap(viewportCenter()) });
    select([id]);
    inline.set({ nodeId: id, target: "name" });
  }, [editor, readOnly, viewportCenter, select, inline]);

  const [connectMode, setConnectMode] = useState<ConnectMode>("reference");
  const onConnect = useCallback(
    (c: Connection) => {
      if (readOnly || !c.source || !c.target) return;
      const source = mmRef.current.classes.find((x) => x.id === c.source);
      const target = mmRef.current.classes.find((x) => x.id === c.target);
      if (!source || !target) {
        toast.info("Connect two classes: enums are used as attribute types.");
        return;
      }
      if (connectMode === "inheritance") {
        if (source.id === target.id) return;
        editor.addSupertype(source.id, target.id);
        return;
      }
      const containment = connectMode === "containment";
      const base = target.name.charAt(0).toLowerCase() + target.name.slice(1) + (containment ? "s" : "");
      const taken = new Set([...source.attributes, ...source.references].map((f) => f.name));
      const name = uniqueTypeName(base || "ref", taken);
      const id = editor.addReference(source.id, { name, target: target.id, containment, lower: 0, upper: containment ? -1 : 1 });
      requestAnimationFrame(() => {
        setNodes((ns) => ns.map((n) => (n.selected ? { ...n, selected: false } : n)));
        setEdges((es) => es.map((e) => ({ ...e, selected: e.id === id })));
      });
    },
    [connectMode, editor, readOnly, setNodes, setEdges],
  );

  /** Deletes nodes and edges from the document (React Flow's own removal is cancelled). */
  const deleteElements = useCallback(
    (nodeIds: string[], edgeIds: string[]) => {
      if (readOnly || (nodeIds.length === 0 && edgeIds.length === 0)) return;
      editor.transact(() => {
        for (const id of edgeIds) {
          if (id.startsWith("inh:")) {
            const [, sub, sup] = id.split(":");
            editor.removeSupertype(sub!, sup!);
          } else if (!id.startsWith("use:")) {
            const owner = mmRef.current.classes.find((c) => c.references.some((r) => r.id === id));
            const ref = owner?.references.find((r) => r.id === id);
            if (owner && ref) {
              if (ref.opposite) {
                const other = mmRef.current.classes.find((c) => c.references.some((r) => r.id === ref.opposite));
                if (other) editor.deleteFeature(other.id, ref.opposite);
              }
              editor.deleteFeature(owner.id, id);
            }
          }
        }
        if (nodeIds.length) editor.deleteNodes(nodeIds);
      });
    },
    [editor, readOnly],
  );

  const onBeforeDelete: OnBeforeDelete<CanvasNode, CanvasEdge> = useCallback(
    async ({ nodes: ns, edges: es }) => {
      const nodeIds = ns.map((n) => n.id);
      const edgeIds = es.filter((e) => !nodeIds.includes(e.source) && !nodeIds.includes(e.target)).map((e) => e.id);
      deleteElements(nodeIds, edgeIds);
      return false;
    },
    [deleteElements],
  );

  const broadcastDrag = useMemo(
    () => throttle((drag: Array<{ id: string; x: number; y: number }> | null) => provider?.awareness?.setLocalStateField("drag", drag), 40),
    [provider],
  );
  const onNodeDrag: OnNodeDrag<CanvasNode> = useCallback(
    (_e, _node, dragged) => broadcastDrag(dragged.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y }))),
    [broadcastDrag],
  );
  const onNodeDragStop: OnNodeDrag<CanvasNode> = useCallback(
    (_e, _node, dragged) => {
      const positions: Layout = {};
      for (const n of dragged) positions[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
      editor.setPositions(positions);
      setTimeout(() => provider?.awareness?.setLocalStateField("drag", null), 60);
    },
    [editor, provider],
  );

  const broadcastCursor = useMemo(
    () => throttle((cursor: Position | null) => provider?.awareness?.setLocalStateField("cursor", cursor), 40),
    [provider],
  );
  const onMouseMove = (e: MouseEvent) => broadcastCursor(rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  const onMouseLeave = () => broadcastCursor(null);

  const onDoubleClick = (e: MouseEvent) => {
    if (!(e.target as HTMLElement).classList.contains("react-flow__pane")) return;
    const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    addClass({ x: p.x - 120, y: p.y - 30 });
  };

  // Copy / paste / duplicate.
  const clipboard = useRef<Fragment | null>(null);
  const fragmentOf = useCallback((ids: string[]): Fragment => {
    const set = new Set(ids);
    const current = mmRef.current;
    const lay = readLayout(doc);
    return {
      classes: current.classes.filter((c) => set.has(c.id)),
      enums: current.enums.filter((e) => set.has(e.id)),
      layout: Object.fromEntries(Object.entries(lay).filter(([id]) => set.has(id))),
    };
  }, [doc]);
  const pasteFragment = useCallback(
    (fragment: Fragment) => {
      if (readOnly || (fragment.classes.length === 0 && fragment.enums.length === 0)) return;
      select(editor.paste(fragment, { x: 48, y: 48 }));
    },
    [editor, readOnly, select],
  );
  const copy = useCallback(async () => {
    if (selectedNodes.length === 0) return;
    const fragment = fragmentOf(selectedNodes);
    clipboard.current = fragment;
    try {
      await navigator.clipboard.writeText(JSON.stringify({ [CLIPBOARD_MARKER]: fragment }));
    } catch {
      /* the in-app clipboard still works */
    }
    toast.success(`Copied ${selectedNodes.length} ${selectedNodes.length === 1 ? "element" : "elements"}`);
  }, [fragmentOf, selectedNodes]);
  const paste = useCallback(async () => {
    let fragment = clipboard.current;
    try {
      const text = await navigator.clipboard.readText();
      const parsed = JSON.parse(text) as Record<string, Fragment>;
      if (parsed[CLIPBOARD_MARKER]) fragment = parsed[CLIPBOARD_MARKER];
    } catch {
      /* not ours, or no permission: use the in-app clipboard */
    }
    if (fragment) pasteFragment(fragment);
  }, [pasteFragment]);

  const autoLayout = useCallback(async () => {
    if (readOnly) return;
    const sizes: Record<string, { width: number; height: number }> = {};
    for (const n of rf.getNodes()) if (n.measured?.width && n.measured.height) sizes[n.id] = { width: n.measured.width, height: n.measured.height };
    const positions = await layoutMetamodel(mmRef.current, sizes);
    editor.setPositions(positions);
    setTimeout(() => void rf.fitView({ ...FIT, duration: 300 }), 60);
  }, [editor, readOnly, rf]);

  const exportImage = useCallback(
    async (format: "png" | "svg") => {
      try {
        const url = await exportDiagram(containerRef.current!, rf.getNodes(), format);
        download(`${fileSafe(mmRef.current.name)}.${format}`, url);
      } catch (error) {
        toast.error((error as Error).message);
      }
    },
    [rf],
  );
  const exportJson = useCallback(() => {
    downloadText(`${fileSafe(mmRef.current.name)}.metamodel.json`, exportMetamodelFile(mmRef.current, readLayout(doc)));
  }, [doc]);
  const importJson = useCallback(
    async (file: File) => {
      const parsed = parseMetamodelFile(await file.text());
      if (!parsed.ok) {
        toast.error(parsed.error);
        return;
      }
      const positions = Object.keys(parsed.layout).length ? parsed.layout : await layoutMetamodel(parsed.metamodel);
      editor.replaceAll({ ...parsed.metamodel, name: mmRef.current.name }, positions);
      toast.success(`Imported ${parsed.metamodel.classes.length} classes from ${file.name}. Undo (Ctrl+Z) brings the previous content back.`);
      setTimeout(() => void rf.fitView({ ...FIT, duration: 300 }), 80);
    },
    [editor, rf],
  );

  const showProblem = useCallback(
    (p: Problem) => {
      select([p.nodeId]);
      void rf.fitView({ nodes: [{ id: p.nodeId }], duration: 300, maxZoom: 1.2, padding: 0.6 });
    },
    [rf, select],
  );

  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  useShortcuts(
    [
      { keys: "n", run: () => addClass() },
      { keys: "e", run: addEnum },
      { keys: "r", run: () => setConnectMode("reference") },
      { keys: "c", run: () => setConnectMode("containment") },
      { keys: "i", run: () => setConnectMode("inheritance") },
      { keys: "l", run: () => void autoLayout() },
      { keys: "f", run: () => void rf.fitView({ ...FIT, duration: 300 }) },
      { keys: "?", run: () => setShortcutsOpen(true) },
      { keys: "escape", run: () => select([]) },
      { keys: "mod+z", run: () => undo.undo() },
      { keys: "mod+shift+z", run: () => undo.redo() },
      { keys: "mod+y", run: () => undo.redo() },
      { keys: "mod+c", run: () => void copy() },
      { keys: "mod+v", run: () => void paste() },
      { keys: "mod+d", run: () => pasteFragment(fragmentOf(selectedNodes)) },
      { keys: "mod+a", run: () => select(rf.getNodes().map((n) => n.id)) },
    ],
    { capture: true, enabled: !shortcutsOpen },
  );

  return (
    <CanvasContextProvider value={canvasContext}>
      <div className="flex h-full min-h-0">
        <div ref={containerRef} className="relative min-w-0 flex-1" onMouseMove={onMouseMove} onMouseLeave={onMouseLeave}>
          <EdgeMarkers />
          <ReactFlow<CanvasNode, CanvasEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
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
            minZoom={0.1}
            maxZoom={2}
            onlyRenderVisibleElements={nodes.length > 120}
            colorMode={resolvedTheme === "dark" ? "dark" : "light"}
            connectionLineStyle={{ stroke: "var(--accent)", strokeWidth: 2, strokeDasharray: connectMode === "inheritance" ? undefined : "4 3" }}
            aria-label="Meta-model diagram"
          >
            <Background variant={BackgroundVariant.Dots} gap={GRID} size={1} />
            <MiniMap pannable zoomable nodeStrokeWidth={2} className="!rounded-lg !border" nodeColor={(n) => (n.type === "enum" ? "var(--warning)" : "var(--accent)")} />
            <Controls showInteractive={false} position="bottom-right" className="!mb-40" />
            <RemoteCursors peers={peers} />
          </ReactFlow>
          <CanvasToolbar
            mm={mm}
            me={me}
            peers={peers}
            readOnly={readOnly}
            offline={offline}
            connectMode={connectMode}
            onConnectMode={setConnectMode}
            canUndo={history.canUndo}
            canRedo={history.canRedo}
            onUndo={() => undo.undo()}
            onRedo={() => undo.redo()}
            onAddClass={() => addClass()}
            onAddEnum={addEnum}
            onLayout={() => void autoLayout()}
            onFit={() => void rf.fitView({ ...FIT, duration: 300 })}
            onExportImage={(f) => void exportImage(f)}
            onExportJson={exportJson}
            onImportJson={(file) => void importJson(file)}
            onShortcuts={() => setShortcutsOpen(true)}
          />
          <ProblemsPanel problems={problems} onShow={showProblem} />
          {nodes.length === 0 ? (
            <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
              <div className="rounded-xl border border-dashed bg-surface/80 px-6 py-5 text-center shadow-sm">
                <p className="text-sm font-medium">An empty meta-model</p>
                <p className="mt-1 text-xs text-muted-foreground">
                  {readOnly ? "Nobody has added a class yet." : "Double-click anywhere or press N to add the first class."}
                </p>
              </div>
            </div>
          ) : null}
        </div>
        <Inspector
          mm={mm}
          problems={problems}
          selectedNodes={selectedNodes}
          selectedEdges={selectedEdges}
          editor={editor}
          readOnly={readOnly}
          onDeleteSelection={() => deleteElements(selectedNodes, selectedEdges)}
        />
      </div>
      <CanvasShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
    </CanvasContextProvider>
  );
}
