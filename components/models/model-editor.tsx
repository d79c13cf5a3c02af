"use client";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { ArchiveIcon, BoxesIcon, CopyIcon, EyeIcon, NetworkIcon, PlusIcon, Trash2Icon } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { toast } from "sonner";
import type * as Y from "yjs";
import { createModelUndoManager, ModelEditor } from "@/core/collab/model-doc";
import type { ModelProblem } from "@/core/model/conformance";
import { toModelDocument } from "@/core/model/document";
import type { JsonValue, ModelObject } from "@/core/model/schema";
import { downloadText, fileSafe } from "@/components/canvas/export";
import { usePeers, type PresenceUser } from "@/components/canvas/use-collab";
import { useShortcuts } from "@/components/shell/keyboard";
import { Button } from "@/components/ui/button";
import { EmptyState, Skeleton } from "@/components/ui/misc";
import { cn } from "@/lib/utils";
import { useModelView, ViewToggle } from "./diagram/view-toggle";
import { ModelHeader } from "./model-header";
import { containerOptions, defaultValues, firstField, type ClassInfo, type Placement } from "./model-info";
import { ModelProblems } from "./model-problems";
import { ModelShortcutsDialog } from "./model-shortcuts";
import { AddObjectDialog, DeleteObjectsDialog, type DeleteRequest } from "./object-dialogs";
import { ObjectTable, type TableActions } from "./object-table";
import { useModelState } from "./use-model";

/** The diagram view, loaded when first shown (React Flow and ELK stay out of the table's bundle). */
const ModelDiagram = dynamic(() => import("./diagram/model-diagram").then((m) => m.ModelDiagram), {
  ssr: false,
  loading: () => (
    <div className="flex h-full items-center justify-center" aria-busy="true">
      <Skeleton className="h-24 w-40" />
    </div>
  ),
});

/** The tab of objects whose class the meta-model no longer has. */
const UNKNOWN_TAB = "__unknown";

interface Tab {
  id: string;
  name: string;
  count: number;
  abstract?: boolean;
  unknown?: boolean;
}

/** A Y.UndoManager for this tab's origin, made and destroyed with the component. */
function useUndo(doc: Y.Doc, origin: unknown) {
  const [undo, setUndo] = useState<Y.UndoManager | null>(null);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    const manager = createModelUndoManager(doc, origin);
    const update = () => setHistory({ canUndo: manager.canUndo(), canRedo: manager.canRedo() });
    manager.on("stack-item-added", update);
    manager.on("stack-item-popped", update);
    manager.on("stack-cleared", update);
    queueMicrotask(() => setUndo(manager));
    return () => manager.destroy();
  }, [doc, origin]);
  return { undo, ...history };
}

/**
 * The model editor: one tab per class of the meta-model, a table of that class's objects with typed
 * inputs generated from the meta-model, live conformance problems, undo of this tab's own edits,
 * presence, and export. Everything edits the shared document; others' edits show as they happen.
 */
export function ModelEditorView({
  doc,
  metamodelDoc,
  provider,
  me,
  readOnly,
  readOnlyReason,
  offline,
  metamodelHref,
  generate,
}: {
  doc: Y.Doc;
  metamodelDoc: Y.Doc;
  provider: HocuspocusProvider | null;
  me: PresenceUser;
  readOnly: boolean;
  readOnlyReason: "role" | "archived" | null;
  offline: boolean;
  metamodelHref: string;
  generate?: ReactNode;
}) {
  const { model, mm, mmInfo, info, problems, problemIndex } = useModelState(doc, metamodelDoc);
  const origin = useMemo(() => ({ user: me.id }), [me.id]);
  const editor = useMemo(() => new ModelEditor(doc, mm, origin), [doc, mm, origin]);
  const { undo, canUndo, canRedo } = useUndo(doc, origin);
  const [view, setView] = useModelView(me.id);
  const [diagramFocus, setDiagramFocus] = useState<{ id: string; featureId?: string; nonce: number } | null>(null);

  // Tabs: concrete classes, then abstract classes that hold objects anyway, then removed classes.
  const tabs = useMemo<Tab[]>(() => {
    const out: Tab[] = mmInfo.concrete.map((c) => ({ id: c.id, name: c.name, count: info.byClass.get(c.id)?.length ?? 0 }));
    for (const c of mm.classes) if (c.abstract && info.byClass.get(c.id)?.length) out.push({ id: c.id, name: c.name, count: info.byClass.get(c.id)!.length, abstract: true });
    if (info.unknown.length) out.push({ id: UNKNOWN_TAB, name: "Removed classes", count: info.unknown.length, unknown: true });
    return out;
  }, [mm, mmInfo, info]);
  // Opens on the model's top (a root class with objects); stays where the user goes, unless that class disappears.
  const defaultTab = useMemo(() => {
    const root = tabs.find((t) => t.count > 0 && !mmInfo.classes.get(t.id)?.containedIn.length);
    return (root ?? tabs.find((t) => t.count > 0) ?? tabs[0])?.id ?? null;
  }, [tabs, mmInfo]);
  const [tabChoice, setTabChoice] = useState<string | null>(defaultTab);
  const tab = tabChoice !== null && tabs.some((t) => t.id === tabChoice) ? tabChoice : defaultTab;
  const classInfo: ClassInfo | null = tab && tab !== UNKNOWN_TAB ? (mmInfo.classes.get(tab) ?? null) : null;
  const rows = useMemo(() => (tab === UNKNOWN_TAB ? info.unknown : tab ? (info.byClass.get(tab) ?? []) : []), [tab, info]);

  // Selection: objects of the current tab.
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const selection = useMemo(() => new Set(rows.filter((o) => picked.has(o.id)).map((o) => o.id)), [rows, picked]);
  const anchor = useRef<string | null>(null);
  // On the diagram, every selected object counts (it has no tabs).
  const selectionKey = (view === "diagram" ? [...picked] : [...selection]).join(",");
  useEffect(() => {
    provider?.awareness?.setLocalStateField("selection", selectionKey ? selectionKey.split(",") : []);
  }, [provider, selectionKey]);

  const peers = usePeers(provider);
  const peersBySelection = useMemo(() => {
    const out = new Map<string, PresenceUser[]>();
    for (const p of peers) {
      if (p.user.id === me.id) continue;
      for (const id of p.selection ?? []) {
        const list = out.get(id) ?? [];
        if (!list.some((u) => u.id === p.user.id)) list.push(p.user);
        out.set(id, list);
      }
    }
    return out;
  }, [peers, me.id]);

  // Focus a field once its row exists (after adding an object, or showing a problem).
  const pendingFocus = useRef<{ id: string; featureId?: string; firstField?: boolean; until: number } | null>(null);
  useEffect(() => {
    const want = pendingFocus.current;
    if (!want) return;
    if (Date.now() > want.until) {
      pendingFocus.current = null;
      return;
    }
    const row = document.querySelector<HTMLElement>(`[data-row="${CSS.escape(want.id)}"]`);
    if (!row) return;
    let target: HTMLElement | null = null;
    if (want.featureId) target = row.querySelector<HTMLElement>(`[data-cell="${CSS.escape(`${want.id}:${want.featureId}`)}"] :is(input, select, textarea, button)`);
    if (!target && want.firstField) target = row.querySelector<HTMLElement>("[data-cell] :is(input:not([type=checkbox]), select, textarea)");
    target ??= row.querySelector<HTMLElement>(`[data-cell="${CSS.escape(`${want.id}:`)}"] button`);
    pendingFocus.current = null;
    (target ?? row).scrollIntoView({ block: "nearest", inline: "nearest" });
    target?.focus({ preventScroll: true });
  });

  const tabOf = useCallback((obj: ModelObject) => (mmInfo.classes.has(obj.classId) ? obj.classId : UNKNOWN_TAB), [mmInfo]);
  const open = useCallback(
    (id: string, focus: { featureId?: string; firstField?: boolean } = {}) => {
      const obj = info.byId.get(id);
      if (!obj) {
        toast.info(`Object ${id} does not exist.`);
        return;
      }
      setTabChoice(tabOf(obj));
      setPicked(new Set([id]));
      anchor.current = id;
      pendingFocus.current = { id, ...focus, until: Date.now() + 2000 };
    },
    [info, tabOf],
  );
  /** Shows a new object once the document has it (the table reads it on the next frame). */
  const reveal = useCallback((id: string, classId: string) => {
    setTabChoice(mmInfo.classes.has(classId) ? classId : UNKNOWN_TAB);
    setPicked(new Set([id]));
    anchor.current = id;
    pendingFocus.current = { id, featureId: firstField(mm, classId), firstField: true, until: Date.now() + 2000 };
  }, [mm, mmInfo]);

  /** Table or diagram; back on the table, the tab of what the diagram had selected. */
  const switchView = useCallback(
    (next: "table" | "diagram") => {
      setView(next);
      const first = info.byId.get([...picked][0] ?? "");
      if (next === "table" && first) setTabChoice(tabOf(first));
    },
    [setView, info, picked, tabOf],
  );

  // --- adding -------------------------------------------------------------------------------
  const [addRequest, setAddRequest] = useState<{ classId: string; className: string; options: Array<Placement & { label: string }>; initial: string } | null>(null);
  const addObject = useCallback(
    (classId: string, to: Placement | null) => {
      const id = editor.addObject(classId, defaultValues(mm, classId), to ? { into: { container: to.container, reference: to.refId } } : {});
      reveal(id, classId);
    },
    [editor, mm, reveal],
  );
  const startAdd = useCallback(
    (classId: string) => {
      if (readOnly) return;
      const cls = mmInfo.classes.get(classId);
      if (!cls || cls.cls.abstract) return;
      if (cls.containedIn.length === 0) return addObject(classId, null);
      const options = containerOptions(mm, info, classId);
      if (options.length === 0) {
        addObject(classId, null);
        const where = cls.containedIn.map((s) => `${s.owner.name}.${s.ref.name}`).join(" or ");
        toast.info(`Added at the top level: ${cls.cls.name} objects usually live in ${where}, and there is none yet.`);
        return;
      }
      // Next to the selected object, if it is of this class; else in the first place that fits.
      const selected = [...selection].map((id) => info.containerOf.get(id)).find(Boolean);
      const initial = selected && options.some((o) => o.container === selected.container && o.refId === selected.refId) ? `${selected.container}|${selected.refId}` : `${options[0]!.container}|${options[0]!.refId}`;
      setAddRequest({ classId, className: cls.cls.name, options, initial });
    },
    [readOnly, mmInfo, mm, info, selection, addObject, setAddRequest],
  );

  // --- deleting, duplicating ----------------------------------------------------------------
  const [deleteRequest, setDeleteRequest] = useState<DeleteRequest | null>(null);
  const doDelete = useCallback(
    (ids: string[]) => {
      const count = info.subtree(ids).size;
      editor.deleteObjects(ids);
      setPicked(new Set());
      setDeleteRequest(null);
      toast.success(`Deleted ${count} ${count === 1 ? "object" : "objects"}`, { action: { label: "Undo", onClick: () => undo?.undo() } });
    },
    [editor, info, undo, setPicked, setDeleteRequest],
  );
  const remove = useCallback(
    (ids: string[]) => {
      if (readOnly || ids.length === 0) return;
      const all = info.subtree(ids);
      const contained = [...all].filter((id) => !ids.includes(id));
      if (contained.length === 0) return doDelete(ids);
      let linkedFrom = 0;
      for (const obj of model.objects) {
        if (all.has(obj.id)) continue;
        if (Object.entries(obj.references).some(([, targets]) => targets.some((t) => all.has(t)))) linkedFrom++;
      }
      const classOf = (id: string) => mm.classes.find((c) => c.id === info.byId.get(id)?.classId)?.name ?? "Object";
      setDeleteRequest({
        ids,
        contained: contained.map((id) => `${classOf(id)} ${info.label(id) === id ? id : `“${info.label(id)}”`}`),
        linkedFrom,
        title: ids.length === 1 ? `Delete ${info.label(ids[0]!)} and what it contains?` : `Delete ${ids.length} objects and what they contain?`,
      });
    },
    [readOnly, info, model, mm, doDelete, setDeleteRequest],
  );
  const duplicate = useCallback(
    (ids: string[]) => {
      if (readOnly || ids.length === 0) return;
      const copies = editor.duplicateObjects(ids);
      setPicked(new Set(copies));
      toast.success(copies.length === 1 ? "Duplicated" : `Duplicated ${copies.length} objects`);
    },
    [editor, readOnly],
  );

  // --- table actions ---------------------------------------------------------------------------
  const actions: TableActions = useMemo(
    () => ({
      select(id, mode) {
        if (mode === "range" && anchor.current) {
          const ids = rows.map((o) => o.id);
          const [a, b] = [ids.indexOf(anchor.current), ids.indexOf(id)].sort((x, y) => x - y);
          if (a !== undefined && b !== undefined && a >= 0) return setPicked(new Set(ids.slice(a, b + 1)));
        }
        anchor.current = id;
        if (mode === "toggle") {
          setPicked((prev) => {
            const next = new Set([...prev].filter((x) => rows.some((o) => o.id === x)));
            if (next.has(id)) next.delete(id);
            else next.add(id);
            return next;
          });
        } else setPicked(new Set([id]));
      },
      selectAll: (on) => setPicked(on ? new Set(rows.map((o) => o.id)) : new Set()),
      open: (id) => open(id),
      setAttribute: (objectId: string, attrId: string, value: JsonValue | undefined) => !readOnly && editor.setAttribute(objectId, attrId, value),
      setTargets(objectId, refId, targets) {
        if (readOnly) return;
        const current = info.byId.get(objectId)?.references[refId] ?? [];
        editor.transact(() => {
          for (const t of current) if (!targets.includes(t)) editor.removeReferenceTarget(objectId, refId, t);
          for (const t of targets) if (!current.includes(t)) editor.addReferenceTarget(objectId, refId, t);
        });
      },
      addTarget: (o, r, t) => !readOnly && editor.addReferenceTarget(o, r, t),
      removeTarget: (o, r, t) => !readOnly && editor.removeReferenceTarget(o, r, t),
      move(objectId, to) {
        if (readOnly) return;
        editor.transact(() => {
          for (const holder of model.objects) {
            for (const [refId, targets] of Object.entries(holder.references)) {
              if (mmInfo.containmentRefs.has(refId) && targets.includes(objectId)) editor.removeReferenceTarget(holder.id, refId, objectId);
            }
          }
          if (to) editor.addReferenceTarget(to.container, to.refId, objectId);
        });
      },
      createIn(container, refId, classId) {
        if (readOnly) return;
        addObject(classId, { container, refId });
      },
      duplicate,
      remove,
    }),
    [rows, open, readOnly, editor, info, model, mmInfo, addObject, duplicate, remove],
  );

  const showProblem = useCallback(
    (p: ModelProblem) => {
      if (!p.objectId) return;
      if (view === "diagram") setDiagramFocus({ id: p.objectId, featureId: p.featureId, nonce: Date.now() });
      else open(p.objectId, { featureId: p.featureId });
    },
    [open, view],
  );
  const clearOrphan = useCallback(
    (p: ModelProblem) => {
      const obj = p.objectId ? info.byId.get(p.objectId) : undefined;
      if (!obj || !p.featureId || readOnly) return;
      const featureId = p.featureId;
      editor.transact(() => {
        if (Object.hasOwn(obj.attributes, featureId)) editor.setAttribute(obj.id, featureId, undefined);
        for (const t of obj.references[featureId] ?? []) editor.removeReferenceTarget(obj.id, featureId, t);
      });
    },
    [editor, info, readOnly],
  );

  const exportJson = useCallback(() => {
    downloadText(`${fileSafe(model.name)}.model.json`, `${JSON.stringify(toModelDocument(mm, model), null, 2)}\n`);
  }, [mm, model]);

  // --- keyboard -------------------------------------------------------------------------------
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const tabIndex = tabs.findIndex((t) => t.id === tab);
  const goTab = (delta: number) => {
    const next = tabs[(tabIndex + delta + tabs.length) % tabs.length];
    if (next) setTabChoice(next.id);
  };
  const ids = [...selection];
  useShortcuts(
    [
      { keys: "n", run: () => tab && tab !== UNKNOWN_TAB && startAdd(tab) },
      { keys: "delete", run: () => remove(ids) },
      { keys: "backspace", run: () => remove(ids) },
      { keys: "mod+d", run: () => duplicate(ids) },
      { keys: "mod+a", run: () => actions.selectAll(true) },
      { keys: "escape", run: () => setPicked(new Set()) },
      { keys: "mod+z", run: () => undo?.undo() },
      { keys: "mod+shift+z", run: () => undo?.redo() },
      { keys: "mod+y", run: () => undo?.redo() },
      { keys: "[", run: () => goTab(-1) },
      { keys: "]", run: () => goTab(1) },
      { keys: "?", run: () => setShortcutsOpen(true) },
    ],
    { capture: true, enabled: view === "table" && !shortcutsOpen && addRequest === null && deleteRequest === null },
  );
  useShortcuts([{ keys: "v", run: () => switchView(view === "table" ? "diagram" : "table") }], { capture: true, enabled: !shortcutsOpen && addRequest === null && deleteRequest === null });

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    e.preventDefault();
    const next = tabs[(tabIndex + (e.key === "ArrowRight" ? 1 : -1) + tabs.length) % tabs.length];
    if (!next) return;
    setTabChoice(next.id);
    document.getElementById(`model-tab-${next.id}`)?.focus();
  };

  const current = tabs.find((t) => t.id === tab);
  const rootClass = mmInfo.concrete.find((c) => !mmInfo.classes.get(c.id)?.containedIn.length) ?? mmInfo.concrete[0];

  return (
    <div className="flex h-[calc(100dvh-3.25rem)] min-h-0 flex-col" data-testid="model-editor">
      <ModelHeader
        name={model.name}
        onRename={(name) => !readOnly && editor.setMeta({ name })}
        metamodelName={mm.name}
        metamodelHref={metamodelHref}
        objectCount={model.objects.length}
        me={me}
        peers={peers}
        readOnly={readOnly}
        offline={offline}
        canUndo={canUndo}
        canRedo={canRedo}
        onUndo={() => undo?.undo()}
        onRedo={() => undo?.redo()}
        onExport={exportJson}
        onShortcuts={() => setShortcutsOpen(true)}
        generate={
          <div className="flex items-center gap-2">
            <ViewToggle value={view} onChange={switchView} />
            {generate}
          </div>
        }
      />
      {readOnly ? (
        <div className="flex items-center gap-2 border-b bg-warning/10 px-4 py-2 text-[13px]" role="status">
          {readOnlyReason === "archived" ? <ArchiveIcon className="size-4 shrink-0" /> : <EyeIcon className="size-4 shrink-0" />}
          {readOnlyReason === "archived"
            ? "This project is archived, so the model is read-only. Restore the project to edit it."
            : "You can view this model but not change it. Ask a workspace admin for the editor role to edit it."}
        </div>
      ) : null}

      {tabs.length === 0 ? (
        <div className="flex flex-1 items-center justify-center p-6">
          <EmptyState
            icon={<NetworkIcon />}
            title="The meta-model has no classes yet"
            action={
              <Button asChild variant="secondary">
                <Link href={metamodelHref}>Open the meta-model</Link>
              </Button>
            }
          >
            Objects are typed by the classes of the meta-model. Add a class there, and a tab for it appears here.
          </EmptyState>
        </div>
      ) : view === "diagram" ? (
        <div className="min-h-0 flex-1">
          <ModelDiagram
            doc={doc}
            mm={mm}
            model={model}
            info={info}
            problems={problems}
            editor={editor}
            undo={undo}
            provider={provider}
            me={me}
            readOnly={readOnly}
            actions={actions}
            initialSelection={picked}
            onSelectionChange={(ids) => setPicked(new Set(ids))}
            focus={diagramFocus}
            onShortcuts={() => setShortcutsOpen(true)}
            keysEnabled={!shortcutsOpen && deleteRequest === null}
          />
        </div>
      ) : (
        <>
          <div role="tablist" aria-label="Classes" className="flex shrink-0 items-end gap-0.5 overflow-x-auto border-b px-3 pt-1.5">
            {tabs.map((t) => {
              const active = t.id === tab;
              return (
                <button
                  key={t.id}
                  id={`model-tab-${t.id}`}
                  type="button"
                  role="tab"
                  aria-selected={active}
                  aria-controls="model-tabpanel"
                  tabIndex={active ? 0 : -1}
                  title={t.abstract ? `${t.name} is abstract: its objects should be re-created as a subclass.` : t.unknown ? "Objects whose class was removed from the meta-model" : `${t.count} ${t.name} ${t.count === 1 ? "object" : "objects"}`}
                  data-count={t.count}
                  onClick={() => setTabChoice(t.id)}
                  onKeyDown={onTabKey}
                  className={cn(
                    "-mb-px flex shrink-0 items-center gap-1.5 border-b-2 px-2.5 pb-2 pt-1 text-[13px] transition-colors",
                    active ? "border-accent font-medium text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                    (t.abstract || t.unknown) && "italic",
                  )}
                >
                  {t.name}
                  <span aria-hidden="true" className={cn("rounded-full px-1.5 text-[11px] tabular-nums not-italic", active ? "bg-accent-soft text-accent" : "bg-surface-muted", t.unknown && "bg-danger-soft text-danger")}>
                    {t.count}
                  </span>
                </button>
              );
            })}
          </div>

          <div className="flex min-h-11 shrink-0 items-center gap-3 border-b px-4 py-1.5">
            <p className="min-w-0 flex-1 truncate text-[12px] text-muted-foreground">
              {current?.unknown
                ? "These objects' class was removed from the meta-model. Their values are kept until you delete them."
                : (classInfo?.cls.description ??
                  "") || (classInfo?.containedIn.length ? `Lives in ${classInfo.containedIn.map((s) => `${s.owner.name}.${s.ref.name}`).join(", ")}.` : "")}
            </p>
            {selection.size > 0 && !readOnly ? (
              <div className="flex items-center gap-1 text-[12px]">
                <span className="mr-1 text-muted-foreground">{selection.size} selected</span>
                <Button size="sm" variant="ghost" onClick={() => duplicate(ids)} title="Duplicate (Ctrl+D)">
                  <CopyIcon /> Duplicate
                </Button>
                <Button size="sm" variant="ghost" className="text-danger hover:bg-danger-soft" onClick={() => remove(ids)} title="Delete (Del)">
                  <Trash2Icon /> Delete
                </Button>
              </div>
            ) : null}
            {!readOnly && classInfo && !classInfo.cls.abstract ? (
              <Button size="sm" onClick={() => startAdd(classInfo.cls.id)} title="New object (N)">
                <PlusIcon /> New {classInfo.cls.name}
              </Button>
            ) : null}
          </div>

          <div id="model-tabpanel" role="tabpanel" aria-labelledby={tab ? `model-tab-${tab}` : undefined} className="min-h-0 flex-1 scroll-pl-56 scroll-pt-10 overflow-auto">
            {rows.length > 0 ? (
              <ObjectTable
                mm={mm}
                info={info}
                cls={classInfo}
                objects={rows}
                problems={problemIndex}
                selection={selection}
                peersBySelection={peersBySelection}
                readOnly={readOnly}
                actions={actions}
              />
            ) : model.objects.length === 0 && rootClass ? (
              <div className="p-6">
                <EmptyState
                  icon={<BoxesIcon />}
                  title="This model is empty"
                  action={
                    readOnly ? null : (
                      <Button onClick={() => startAdd(rootClass.id)}>
                        <PlusIcon /> New {rootClass.name}
                      </Button>
                    )
                  }
                >
                  {readOnly
                    ? "Nobody has added an object yet."
                    : `Start with a ${rootClass.name}: the top of the model. Then add what goes inside it, tab by tab, or from its cells.`}
                </EmptyState>
              </div>
            ) : classInfo ? (
              <div className="p-6">
                <EmptyState
                  icon={<BoxesIcon />}
                  title={`No ${classInfo.cls.name} objects yet`}
                  action={
                    readOnly ? null : (
                      <Button onClick={() => startAdd(classInfo.cls.id)}>
                        <PlusIcon /> New {classInfo.cls.name}
                      </Button>
                    )
                  }
                >
                  {readOnly ? "Nobody has added one yet." : `Press N or use the button to add the first one.${classInfo.containedIn.length ? ` It goes inside a ${classInfo.containedIn[0]!.owner.name}.` : ""}`}
                </EmptyState>
              </div>
            ) : null}
          </div>
        </>
      )}

      <ModelProblems problems={problems} readOnly={readOnly} onShow={showProblem} onClearOrphan={clearOrphan} />
      <ModelShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
      <AddObjectDialog
        request={addRequest}
        onCancel={() => setAddRequest(null)}
        onAdd={(to) => {
          const req = addRequest;
          setAddRequest(null);
          if (req) addObject(req.classId, to);
        }}
      />
      <DeleteObjectsDialog request={deleteRequest} onCancel={() => setDeleteRequest(null)} onConfirm={doDelete} />
    </div>
  );
}
