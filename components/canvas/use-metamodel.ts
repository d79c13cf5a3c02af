"use client";
import { useEffect, useMemo, useState } from "react";
import type * as Y from "yjs";
import { readLayout, readMetamodel } from "@/core/collab/metamodel-doc";
import type { Layout, MetaModel } from "@/core/metamodel/schema";
import { validate, type Problem } from "@/core/metamodel/validate";

/** The meta-model, its positions and its problems, re-read (at most once a frame) as the document changes. */
export function useMetamodelState(doc: Y.Doc) {
  const [state, setState] = useState<{ mm: MetaModel; layout: Layout }>(() => ({ mm: readMetamodel(doc), layout: readLayout(doc) }));
  useEffect(() => {
    let frame = 0;
    const refresh = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setState({ mm: readMetamodel(doc), layout: readLayout(doc) });
      });
    };
    doc.on("update", refresh);
    refresh();
    return () => {
      doc.off("update", refresh);
      cancelAnimationFrame(frame);
    };
  }, [doc]);
  const problems: Problem[] = useMemo(() => validate(state.mm), [state.mm]);
  return { ...state, problems };
}
