"use client";
import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { modelRoots, readModelLayout } from "@/core/collab/model-doc";
import type { Layout } from "@/core/metamodel/schema";

/** `next`, reusing `prev`'s position objects where they did not move (and `prev` itself if nothing did). */
export function shareLayout(prev: Layout, next: Layout): Layout {
  let same = Object.keys(prev).length === Object.keys(next).length;
  const out: Layout = {};
  for (const [id, p] of Object.entries(next)) {
    const q = prev[id];
    if (q && q.x === p.x && q.y === p.y) out[id] = q;
    else {
      out[id] = p;
      same = false;
    }
  }
  return same ? prev : out;
}

/** The diagram positions stored in a model document, re-read (at most once a frame) when they change. */
export function useModelLayout(doc: Y.Doc): Layout {
  const [layout, setLayout] = useState<Layout>(() => readModelLayout(doc));
  useEffect(() => {
    const map = modelRoots(doc).layout;
    let frame = 0;
    const refresh = () => {
      frame = 0;
      setLayout((prev) => shareLayout(prev, readModelLayout(doc)));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(refresh);
    };
    map.observe(schedule);
    schedule();
    return () => {
      map.unobserve(schedule);
      cancelAnimationFrame(frame);
    };
  }, [doc]);
  return layout;
}
