"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import type * as Y from "yjs";
import { readMetamodel } from "@/core/collab/metamodel-doc";
import { ModelReader, readModel } from "@/core/collab/model-doc";
import { createTemplateUndoManager, readTemplate, TemplateEditor, TemplateReader } from "@/core/collab/template-doc";
import { generate, type GeneratedFile, type GenerationState, type GenerationStats } from "@/core/generate/generator";
import type { MetaModel } from "@/core/metamodel/schema";
import type { Model } from "@/core/model/schema";
import { compileTemplate, type CompiledTemplate } from "@/core/templates/engine";
import type { TemplateProblem } from "@/core/templates/errors";
import type { Template } from "@/core/templates/schema";

/** How long typing settles before the preview renders again. */
export const PREVIEW_DELAY_MS = 150;

/** Calls `refresh` at most once a frame while `doc` changes (and once now). */
function useDocUpdates(doc: Y.Doc | null, refresh: () => void) {
  useEffect(() => {
    if (!doc) return;
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        refresh();
      });
    };
    doc.on("update", schedule);
    schedule();
    return () => {
      doc.off("update", schedule);
      cancelAnimationFrame(frame);
    };
  }, [doc, refresh]);
}

/** The template draft, structurally shared between reads (an unchanged file keeps its identity). */
export function useLiveTemplate(doc: Y.Doc): Template {
  const [template, setTemplate] = useState<Template>(() => readTemplate(doc));
  const [reader, setReader] = useState<TemplateReader | null>(null);
  useEffect(() => {
    const r = new TemplateReader(doc);
    queueMicrotask(() => setReader(r));
    return () => r.destroy();
  }, [doc]);
  const refresh = useMemo(() => () => reader && setTemplate(reader.read()), [reader]);
  useDocUpdates(doc, refresh);
  return template;
}

/** The meta-model, re-read when its document changes; the same object while its content is the same. */
export function useLiveMetamodel(doc: Y.Doc): MetaModel {
  const [state, setState] = useState(() => {
    const mm = readMetamodel(doc);
    return { mm, json: JSON.stringify(mm) };
  });
  const refresh = useMemo(
    () => () => {
      const mm = readMetamodel(doc);
      const json = JSON.stringify(mm);
      setState((prev) => (prev.json === json ? prev : { mm, json }));
    },
    [doc],
  );
  useDocUpdates(doc, refresh);
  return state.mm;
}

/** A model (structurally shared between reads: unchanged objects keep their identity). */
export function useLiveModel(doc: Y.Doc): Model {
  const [model, setModel] = useState<Model>(() => readModel(doc));
  const [reader, setReader] = useState<ModelReader | null>(null);
  useEffect(() => {
    const r = new ModelReader(doc);
    queueMicrotask(() => setReader(r));
    return () => r.destroy();
  }, [doc]);
  const refresh = useMemo(() => () => reader && setModel(reader.read()), [reader]);
  useDocUpdates(doc, refresh);
  return model;
}

/** This tab's structural editor and undo manager for the draft (typing has y-codemirror's own undo). */
export function useTemplateEditor(doc: Y.Doc) {
  const [editor] = useState(() => new TemplateEditor(doc, { tab: "template-editor" }));
  const [undo, setUndo] = useState<Y.UndoManager | null>(null);
  const [stacks, setStacks] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    const manager = createTemplateUndoManager(editor.doc, editor.origin);
    const update = () => setStacks({ canUndo: manager.canUndo(), canRedo: manager.canRedo() });
    manager.on("stack-item-added", update);
    manager.on("stack-item-popped", update);
    manager.on("stack-cleared", update);
    queueMicrotask(() => setUndo(manager));
    return () => {
      manager.destroy();
      setUndo(null);
    };
  }, [editor]);
  return { editor, undo, ...stacks };
}

export interface PreviewResult {
  /** The generated files (empty without a model). */
  files: GeneratedFile[];
  /** Compile problems, plus render problems with a model; one per place and message. */
  problems: TemplateProblem[];
  stats: GenerationStats | null;
  /** Whether this result is for a model (else only compiled). */
  rendered: boolean;
  /** An unexpected failure (a bug, not a template problem). */
  error: string | null;
}

const EMPTY: PreviewResult = { files: [], problems: [], stats: null, rendered: false, error: null };

/** Problems for one place are reported once (a per-object file repeats them per object). */
function dedupe(problems: TemplateProblem[]): TemplateProblem[] {
  const seen = new Set<string>();
  const out: TemplateProblem[] = [];
  for (const p of problems) {
    const key = JSON.stringify([p.fileId, p.part, p.line, p.column, p.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/**
 * Compiles the draft and, with a model, generates from it, ~150 ms after the last change. Generation
 * is incremental: with the same compiled template and meta-model (a model edit), only outputs that
 * read a changed object render again. Runs in the browser (core is pure); nothing is formatted.
 */
export function usePreview(template: Template, metamodel: MetaModel, model: Model | null): PreviewResult {
  const [result, setResult] = useState<PreviewResult>(EMPTY);
  const compiled = useRef<{ template: Template; value: CompiledTemplate } | null>(null);
  const previous = useRef<GenerationState | undefined>(undefined);
  const first = useRef(true);

  useEffect(() => {
    const run = () => {
      try {
        if (compiled.current?.template !== template) compiled.current = { template, value: compileTemplate(template) };
        const c = compiled.current.value;
        if (!model) {
          previous.current = undefined;
          setResult({ files: [], problems: dedupe(c.problems), stats: null, rendered: false, error: null });
          return;
        }
        const generated = generate(c, metamodel, model, previous.current, { remember: true });
        previous.current = generated.state;
        setResult({ files: generated.files, problems: dedupe(generated.problems), stats: generated.stats, rendered: true, error: null });
      } catch (error) {
        previous.current = undefined;
        setResult({ ...EMPTY, error: error instanceof Error ? error.message : String(error) });
      }
    };
    // The first render is immediate; later ones wait for typing to settle.
    const delay = first.current ? 0 : PREVIEW_DELAY_MS;
    first.current = false;
    const timer = setTimeout(run, delay);
    return () => clearTimeout(timer);
  }, [template, metamodel, model]);

  return result;
}
