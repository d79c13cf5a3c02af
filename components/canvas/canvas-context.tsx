"use client";
import { createContext, useContext, useSyncExternalStore } from "react";
import type { MetamodelEditor } from "@/core/collab/metamodel-doc";

/**
 * What canvas nodes and panels share: the editor (every change goes through it, as one undoable
 * transaction of this tab) and which element is being edited inline. The inline-edit state is a
 * tiny store read per node, so starting an edit re-renders one node, not all of them.
 */

export interface InlineEdit {
  nodeId: string;
  /** "name", an attribute or literal id, or "new" after adding one. */
  target: string;
}

class InlineEditStore {
  private value: InlineEdit | null = null;
  private readonly listeners = new Set<() => void>();
  get = () => this.value;
  set = (value: InlineEdit | null) => {
    this.value = value;
    for (const l of this.listeners) l();
  };
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export interface CanvasContextValue {
  editor: MetamodelEditor;
  readOnly: boolean;
  inline: InlineEditStore;
  /** Every enum of the meta-model (for typing attributes by name), read when needed. */
  allEnums(): Array<{ id: string; name: string }>;
}

const Ctx = createContext<CanvasContextValue | null>(null);
export const CanvasContextProvider = Ctx.Provider;

export function createInlineEditStore() {
  return new InlineEditStore();
}

export function useCanvas(): CanvasContextValue {
  const value = useContext(Ctx);
  if (!value) throw new Error("useCanvas outside the canvas");
  return value;
}

/** The inline edit happening in `nodeId`, if any. */
export function useInlineEdit(nodeId: string): string | null {
  const { inline } = useCanvas();
  return useSyncExternalStore(
    inline.subscribe,
    () => {
      const v = inline.get();
      return v && v.nodeId === nodeId ? v.target : null;
    },
    () => null,
  );
}
