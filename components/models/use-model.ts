"use client";
import { useEffect, useMemo, useState } from "react";
import type * as Y from "yjs";
import { readMetamodel } from "@/core/collab/metamodel-doc";
import { ModelReader, readModel } from "@/core/collab/model-doc";
import type { MetaModel } from "@/core/metamodel/schema";
import { checkModel, type ModelProblem } from "@/core/model/conformance";
import type { Model } from "@/core/model/schema";
import { modelInfo, metamodelInfo } from "./model-info";

/** How long edits settle before the model is checked again. */
const CHECK_DELAY_MS = 150;

/** Calls `refresh` at most once a frame while `doc` changes (and once now). */
function useDocUpdates(doc: Y.Doc, refresh: () => void) {
  useEffect(() => {
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

/** The model (structurally shared between reads: unchanged objects keep their identity). */
function useLiveModel(doc: Y.Doc): Model {
  const [model, setModel] = useState<Model>(() => readModel(doc));
  const [reader, setReader] = useState<ModelReader | null>(null);
  useEffect(() => {
    const r = new ModelReader(doc);
    // The reader must exist before the first update it reads: create it here, drop it on unmount.
    queueMicrotask(() => setReader(r));
    return () => r.destroy();
  }, [doc]);
  const refresh = useMemo(() => () => reader && setModel(reader.read()), [reader]);
  useDocUpdates(doc, refresh);
  return model;
}

/** The meta-model, re-read when its document changes; the same object while its content is the same. */
function useLiveMetamodel(doc: Y.Doc): MetaModel {
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

/** Conformance problems, checked again ~150 ms after the last change. */
function useProblems(mm: MetaModel, model: Model): ModelProblem[] {
  const [state, setState] = useState(() => ({ mm, model, problems: checkModel(mm, model) }));
  useEffect(() => {
    if (state.mm === mm && state.model === model) return;
    const timer = setTimeout(() => setState({ mm, model, problems: checkModel(mm, model) }), CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [mm, model, state.mm, state.model]);
  return state.problems;
}

export interface ProblemIndex {
  byObject: Map<string, ModelProblem[]>;
  byCell: Map<string, ModelProblem[]>;
}

export const cellKey = (objectId: string, featureId: string) => `${objectId}:${featureId}`;

function indexProblems(problems: ModelProblem[]): ProblemIndex {
  const byObject = new Map<string, ModelProblem[]>();
  const byCell = new Map<string, ModelProblem[]>();
  const push = (map: Map<string, ModelProblem[]>, key: string, p: ModelProblem) => {
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  };
  for (const p of problems) {
    if (!p.objectId) continue;
    push(byObject, p.objectId, p);
    if (p.featureId) push(byCell, cellKey(p.objectId, p.featureId), p);
  }
  return { byObject, byCell };
}

/**
 * Everything the model editor reads, live: the model (from its document), its meta-model (from the
 * meta-model's document, so edits there show at once), what both mean for the table, and the
 * conformance problems, checked again after every change (debounced).
 */
export function useModelState(modelDoc: Y.Doc, metamodelDoc: Y.Doc) {
  const model = useLiveModel(modelDoc);
  const mm = useLiveMetamodel(metamodelDoc);
  const mmInfo = useMemo(() => metamodelInfo(mm), [mm]);
  const info = useMemo(() => modelInfo(mm, model), [mm, model]);
  const problems = useProblems(mm, model);
  const problemIndex = useMemo(() => indexProblems(problems), [problems]);
  return { model, mm, mmInfo, info, problems, problemIndex };
}
