"use client";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArchiveIcon } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import * as Y from "yjs";
import type { Model } from "@/core/model/schema";
import { camel } from "@/core/templates/case";
import type { TemplateProblem } from "@/core/templates/errors";
import { FILTERS } from "@/core/templates/filters";
import { useCollabDocument, usePeers, type PeerState, type PresenceUser } from "@/components/canvas/use-collab";
import { useShortcuts } from "@/components/shell/keyboard";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import type { EditorJump, EditorProblem } from "./code-editor";
import { CompareDialog, type CompareRange } from "./compare-dialog";
import { EditorPane } from "./editor-pane";
import { FileTree, type PartialEntry, type PeerMark, type Selection } from "./file-tree";
import { PreviewPanel } from "./preview-panel";
import { PublishDialog } from "./publish-dialog";
import { TemplateHeader } from "./template-header";
import { QuickOpen, TemplateShortcutsDialog } from "./template-shortcuts";
import { RUN_TESTS_KEYS, SideTabs, TestsPanel, useTestRunner } from "./tests-panel";
import { useLiveMetamodel, useLiveModel, useLiveTemplate, usePreview, useTemplateEditor } from "./use-template";
import type { TemplateEditor } from "@/core/collab/template-doc";

type TemplateRow = RouterOutputs["template"]["get"];

const FILTER_NAMES = Object.keys(FILTERS);

interface ModelFeedState {
  modelId: string;
  model: Model | null;
  error: string | null;
}

/** Reads a synced model document live and reports each new read. */
function SyncedModel({ doc, modelId, onState }: { doc: Y.Doc; modelId: string; onState(s: ModelFeedState): void }) {
  const model = useLiveModel(doc);
  useEffect(() => onState({ modelId, model, error: null }), [model, modelId, onState]);
  return null;
}

/** The preview model's live document (keyed by model id: one connection per model). */
function ModelFeed({ modelId, me, onState }: { modelId: string; me: PresenceUser; onState(s: ModelFeedState): void }) {
  const { workspace } = useShell();
  const collab = useCollabDocument({ workspaceId: workspace.id, document: { kind: "model", id: modelId }, user: me });
  const awareness = collab.provider?.awareness;
  useEffect(() => {
    // Only read here: this tab should not show up as present on the model.
    awareness?.setLocalState(null);
  }, [awareness, collab.status]);
  const failed = collab.status === "gone" || collab.status === "denied";
  useEffect(() => {
    if (failed) onState({ modelId, model: null, error: collab.status === "gone" ? "This model was deleted." : "You cannot read this model." });
  }, [failed, collab.status, modelId, onState]);
  return collab.synced && !failed ? <SyncedModel doc={collab.doc} modelId={modelId} onState={onState} /> : null;
}

/** Partials with their document ids (the Template read has names only), in order. */
function partialEntries(editor: TemplateEditor, names: string[]): PartialEntry[] {
  const entries: Array<PartialEntry & { order: string }> = [];
  for (const [id, m] of editor.roots.partials.entries()) {
    if (!(m instanceof Y.Map)) continue;
    const name = m.get("name");
    if (typeof name !== "string" || !names.includes(name)) continue;
    const order = m.get("order");
    entries.push({ id, name, order: typeof order === "string" ? order : "" });
  }
  entries.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return entries.map(({ id, name }) => ({ id, name }));
}

/** Which file or partial (by id) each peer's caret is in. */
function peersByEntry(peers: PeerState[], editor: TemplateEditor): Map<string, PeerMark[]> {
  const out = new Map<string, PeerMark[]>();
  const bodies = new Map<unknown, string>();
  for (const [id, m] of editor.roots.files.entries()) if (m instanceof Y.Map) bodies.set(m.get("body"), id);
  for (const [id, m] of editor.roots.partials.entries()) if (m instanceof Y.Map) bodies.set(m.get("body"), id);
  for (const p of peers) {
    const anchor = (p as unknown as { cursor?: { anchor?: unknown } | null }).cursor?.anchor;
    if (!anchor || typeof anchor !== "object") continue;
    try {
      const abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor), editor.doc);
      const id = abs ? bodies.get(abs.type) : undefined;
      if (id) out.set(id, [...(out.get(id) ?? []), { name: p.user.name, color: p.user.color }]);
    } catch {
      // A malformed cursor from a peer: ignore it.
    }
  }
  return out;
}

const sameSelection = (a: Selection | null, b: Selection | null) => !!a && !!b && a.kind === b.kind && a.id === b.id;

export function TemplateWorkbench({
  row,
  doc,
  provider,
  metamodelDoc,
  me,
  readOnly,
  archived,
  offline,
  projectId,
  projectHref,
}: {
  row: TemplateRow;
  doc: Y.Doc;
  provider: HocuspocusProvider | null;
  metamodelDoc: Y.Doc;
  me: PresenceUser;
  readOnly: boolean;
  archived: boolean;
  offline: boolean;
  projectId: string;
  projectHref: string;
}) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const template = useLiveTemplate(doc);
  const metamodel = useLiveMetamodel(metamodelDoc);
  const { editor, undo, canUndo, canRedo } = useTemplateEditor(doc);
  const peers = usePeers(provider);
  const queryClient = useQueryClient();

  /** A published version back into the draft, in one change everyone sees (and can undo). */
  const restore = async (version: string) => {
    try {
      const content = await queryClient.fetchQuery(trpc.template.version.queryOptions({ workspaceId: workspace.id, templateId: row.id, version }));
      editor.replaceAll(content);
      toast.success(`Restored ${version} into the draft`, { action: { label: "Undo", onClick: () => undo?.undo() } });
    } catch (error) {
      toast.error(toUiError(error).message);
    }
  };

  // Entries added or removed (also by an undo, which brings back new Y.Texts): rebind.
  const [structure, setStructure] = useState(0);
  useEffect(() => {
    const bump = () => setStructure((n) => n + 1);
    editor.roots.files.observe(bump);
    editor.roots.partials.observe(bump);
    return () => {
      editor.roots.files.unobserve(bump);
      editor.roots.partials.unobserve(bump);
    };
  }, [editor]);

  const partialNames = useMemo(() => template.partials.map((p) => p.name), [template.partials]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `structure` tracks the document's own changes
  const partials = useMemo(() => partialEntries(editor, partialNames), [editor, partialNames, structure]);

  // --- selection -------------------------------------------------------------------------------------
  const [chosen, setChosen] = useState<Selection | null>(null);
  const [jump, setJump] = useState<(EditorJump & { target: Selection }) | null>(null);
  const pathRef = useRef<HTMLInputElement>(null);
  const selection: Selection | null = useMemo(() => {
    if (chosen?.kind === "file" && template.files.some((f) => f.id === chosen.id)) return chosen;
    if (chosen?.kind === "partial" && partials.some((p) => p.id === chosen.id)) return chosen;
    if (template.files[0]) return { kind: "file", id: template.files[0].id };
    if (partials[0]) return { kind: "partial", id: partials[0].id };
    return null;
  }, [chosen, template.files, partials]);
  const file = selection?.kind === "file" ? (template.files.find((f) => f.id === selection.id) ?? null) : null;
  const partial = selection?.kind === "partial" ? (partials.find((p) => p.id === selection.id) ?? null) : null;
  const ytext = useMemo(
    () => (selection ? (selection.kind === "file" ? editor.fileBody(selection.id) : editor.partialBody(selection.id)) ?? null : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `structure` and `template` track replaced Y.Texts
    [editor, selection, structure, template],
  );
  const select = useCallback((s: Selection) => {
    setChosen(s);
    setJump(null);
  }, []);

  // --- preview ---------------------------------------------------------------------------------------
  const models = useQuery(trpc.model.list.queryOptions({ workspaceId: workspace.id, projectId }));
  const fitting = useMemo(() => models.data?.filter((m) => m.metamodelId === row.metamodelId), [models.data, row.metamodelId]);
  const [pickedModel, setPickedModel] = useState<string | null>(null);
  const modelId = pickedModel && fitting?.some((m) => m.id === pickedModel) ? pickedModel : (fitting?.[0]?.id ?? null);
  const [feed, setFeed] = useState<ModelFeedState | null>(null);
  const liveModel = feed && feed.modelId === modelId ? feed.model : null;
  const preview = usePreview(template, metamodel, liveModel);
  const previewWithFeedError = feed?.error && feed.modelId === modelId ? { ...preview, error: feed.error } : preview;

  // --- problems --------------------------------------------------------------------------------------
  const { bodyProblems, pathProblems, byFile, byPartial } = useMemo(() => {
    const body: EditorProblem[] = [];
    const path: EditorProblem[] = [];
    const files = new Map<string, number>();
    const parts = new Map<string, number>();
    for (const p of preview.problems) {
      if (typeof p.part === "object") parts.set(p.part.partial, (parts.get(p.part.partial) ?? 0) + 1);
      else if (p.fileId) files.set(p.fileId, (files.get(p.fileId) ?? 0) + 1);
      const here =
        selection?.kind === "file" ? p.fileId === selection.id && typeof p.part === "string" : !!partial && typeof p.part === "object" && p.part.partial === partial.name;
      if (!here) continue;
      (p.part === "path" ? path : body).push({ line: p.line, column: p.column, message: p.message });
    }
    return { bodyProblems: body, pathProblems: path, byFile: files, byPartial: parts };
  }, [preview.problems, selection, partial]);

  const attributeNames = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of metamodel.classes) for (const a of c.attributes) m.set(a.id, a.name);
    return m;
  }, [metamodel]);
  const classNames = useMemo(() => new Map(metamodel.classes.map((c) => [c.id, c.name])), [metamodel]);

  const describe = (p: TemplateProblem) => {
    const where =
      typeof p.part === "object" ? `partial "${p.part.partial}"` : `${template.files.find((f) => f.id === p.fileId)?.path ?? "a deleted file"}${p.part === "path" ? " (path)" : ""}`;
    if (!p.objectId) return { where };
    const o = liveModel?.objects.find((x) => x.id === p.objectId);
    if (!o) return { where, object: p.objectId };
    const named = Object.entries(o.attributes).find(([id, v]) => attributeNames.get(id) === "name" && typeof v === "string");
    return { where, object: `${classNames.get(o.classId) ?? "object"} ${named ? String(named[1]) : o.id}` };
  };

  const jumpTo = (p: TemplateProblem) => {
    let target: Selection | null = null;
    if (typeof p.part === "object") {
      const name = p.part.partial;
      // The engine uses the last partial of a name.
      const entry = [...partials].reverse().find((x) => x.name === name);
      if (entry) target = { kind: "partial", id: entry.id };
    } else if (p.fileId && template.files.some((f) => f.id === p.fileId)) {
      target = { kind: "file", id: p.fileId };
    }
    if (!target) return;
    setChosen(target);
    if (p.part === "path") {
      setJump(null);
      setTimeout(() => pathRef.current?.focus(), 0);
    } else {
      setJump({ line: p.line, column: p.column, key: Date.now(), target });
    }
  };

  // --- completion ------------------------------------------------------------------------------------
  const variablesRef = useRef<string[]>([]);
  useEffect(() => {
    const perObject = file?.forEach ? classNames.get(file.forEach) : undefined;
    const alias = perObject ? camel(perObject) : null;
    variablesRef.current = ["model", "metamodel", "forloop", ...(perObject || !file ? ["object"] : []), ...(alias && !["model", "metamodel", "object"].includes(alias) ? [alias] : [])];
  });
  const variables = useCallback(() => variablesRef.current, []);

  // --- structural edits ------------------------------------------------------------------------------
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      toast.error(toUiError(error).message);
    }
  };
  const addFile = (path: string) =>
    guard(() => {
      const id = editor.addFile({ path, body: "" }, { after: selection?.kind === "file" ? selection.id : undefined });
      select({ kind: "file", id });
    });
  const deleteFile = (id: string) => {
    const path = template.files.find((f) => f.id === id)?.path ?? "the file";
    editor.deleteFile(id);
    toast.success(`Deleted ${path}`, { action: { label: "Undo", onClick: () => undo?.undo() } });
  };
  const deletePartial = (id: string) => {
    const name = partials.find((p) => p.id === id)?.name ?? "the partial";
    editor.deletePartial(id);
    toast.success(`Deleted partial ${name}`, { action: { label: "Undo", onClick: () => undo?.undo() } });
  };

  // --- tests ---------------------------------------------------------------------------------------
  const [side, setSide] = useState<"preview" | "tests">("preview");
  const tests = useTestRunner({ templateId: row.id, template, metamodel, provider });
  const runAllTests = () => {
    setSide("tests");
    if (!tests.running) void tests.run();
  };

  // --- dialogs and keys ------------------------------------------------------------------------------
  const [dialog, setDialog] = useState<null | "publish" | "shortcuts" | "open">(null);
  const [compare, setCompare] = useState<CompareRange | null>(null);
  useShortcuts(
    [
      // Everything is saved as it is typed: keep the browser's "Save page" dialog away.
      { keys: "mod+s", run: () => {}, global: true },
      { keys: "mod+p", run: () => setDialog("open"), global: true },
      { keys: "?", run: () => setDialog("shortcuts") },
      { keys: "mod+z", run: () => undo?.undo() },
      { keys: "mod+shift+z", run: () => undo?.redo() },
      { keys: "mod+y", run: () => undo?.redo() },
      { keys: RUN_TESTS_KEYS, run: runAllTests, global: true },
    ],
    { capture: true, enabled: dialog === null && compare === null },
  );

  return (
    <div className="flex h-[calc(100dvh-3.25rem)] min-h-0 flex-col" data-testid="template-page">
      <TemplateHeader
        row={row}
        name={template.name}
        onRename={(name) => editor.setMeta({ name })}
        metamodelHref={`${projectHref}/metamodels/${row.metamodelId}`}
        fileCount={template.files.length}
        me={me}
        peers={peers}
        readOnly={readOnly}
        offline={offline}
        canUndo={canUndo}
        canRedo={canRedo}
        onUndo={() => undo?.undo()}
        onRedo={() => undo?.redo()}
        onCompare={(from, to) => setCompare({ from, to })}
        onRestore={(version) => void restore(version)}
        onPublish={() => setDialog("publish")}
        onShortcuts={() => setDialog("shortcuts")}
      />
      {archived ? (
        <div className="flex items-center gap-2 border-b border-warning/40 bg-warning/10 px-4 py-1.5 text-[13px]">
          <ArchiveIcon className="size-3.5" /> This project is archived: the template is read-only.
        </div>
      ) : null}
      <div className="grid min-h-0 flex-1 grid-cols-[14rem_minmax(0,1fr)_20rem] xl:grid-cols-[15rem_minmax(0,1fr)_28rem]">
        <aside className="min-h-0 border-r bg-sidebar" aria-label="Template files">
          <FileTree
            files={template.files}
            partials={partials}
            classNames={classNames}
            selected={selection}
            readOnly={readOnly}
            problemsByFile={byFile}
            problemsByPartial={byPartial}
            peersByFile={peersByEntry(peers, editor)}
            onSelect={select}
            onAddFile={addFile}
            onRenameFile={(id, path) => editor.renameFile(id, path)}
            onDuplicateFile={(id) =>
              guard(() => {
                const copy = editor.duplicateFile(id);
                if (copy) select({ kind: "file", id: copy });
              })
            }
            onDeleteFile={deleteFile}
            onAddPartial={(name) =>
              guard(() => {
                const id = editor.addPartial({ name, body: "" });
                select({ kind: "partial", id });
              })
            }
            onRenamePartial={(id, name) => guard(() => editor.renamePartial(id, name))}
            onDeletePartial={deletePartial}
          />
        </aside>
        <main className="min-h-0 min-w-0 bg-surface" aria-label="Editor">
          <EditorPane
            file={file}
            partial={partial}
            ytext={ytext}
            awareness={provider?.awareness ?? null}
            metamodel={metamodel}
            readOnly={readOnly}
            bodyProblems={bodyProblems}
            pathProblems={pathProblems}
            jump={jump && sameSelection(jump.target, selection) ? jump : null}
            filters={FILTER_NAMES}
            variables={variables}
            pathRef={pathRef}
            onRename={(path) => file && editor.renameFile(file.id, path)}
            onForEach={(classId) => file && guard(() => editor.setForEach(file.id, classId))}
            hasFiles={template.files.length > 0 || partials.length > 0}
            onAddFile={() => addFile("README.md")}
          />
        </main>
        <aside className="flex min-h-0 flex-col border-l bg-background" aria-label={side === "preview" ? "Preview" : "Tests"}>
          <SideTabs tab={side} onTab={setSide} count={template.tests.length} summary={tests.summary} />
          <div className="min-h-0 flex-1">
            {side === "tests" ? (
              <TestsPanel
                templateId={row.id}
                template={template}
                metamodel={metamodel}
                editor={editor}
                undo={undo}
                runner={tests}
                models={fitting}
                readOnly={readOnly}
                projectHref={projectHref}
                metamodelName={row.metamodelName}
                onJump={jumpTo}
              />
            ) : (
              <PreviewPanel
                models={fitting}
                modelsError={models.isError ? toUiError(models.error).message : null}
                modelId={modelId}
                onModelId={setPickedModel}
                modelLoading={!!modelId && !liveModel && !(feed?.error && feed.modelId === modelId)}
                preview={previewWithFeedError}
                describeProblem={describe}
                onJump={jumpTo}
                projectHref={projectHref}
                metamodelName={row.metamodelName}
                templateFileCount={template.files.length}
              />
            )}
          </div>
        </aside>
      </div>
      {modelId ? <ModelFeed key={modelId} modelId={modelId} me={me} onState={setFeed} /> : null}
      <PublishDialog row={row} open={dialog === "publish"} onOpenChange={(o) => setDialog(o ? "publish" : null)} problemCount={preview.problems.length} />
      <CompareDialog row={row} models={fitting ?? []} open={compare !== null} onOpenChange={(o) => !o && setCompare(null)} initial={compare ?? { from: "draft", to: "draft" }} />
      <TemplateShortcutsDialog open={dialog === "shortcuts"} onOpenChange={(o) => setDialog(o ? "shortcuts" : null)} />
      <QuickOpen open={dialog === "open"} onOpenChange={(o) => setDialog(o ? "open" : null)} files={template.files} partials={partials} onSelect={select} />
    </div>
  );
}
