"use client";
import { createContext, useContext } from "react";
import type { JsonValue } from "@/core/model/schema";

/**
 * What object nodes share: how to write a value, and whether a
 * link being dragged may end on a given object. The value is created once per diagram and reads
 * the latest model through refs, so a model change re-renders only the nodes whose data changed.
 */
export interface DiagramContextValue {
  setAttribute(objectId: string, attributeId: string, value: JsonValue | undefined): void;
  /** Can a link dragged from `sourceId` end on `targetId`? (Cached per drag.) */
  canLink(sourceId: string, targetId: string): boolean;
}

const Ctx = createContext<DiagramContextValue | null>(null);
export const DiagramContextProvider = Ctx.Provider;

export function useDiagram(): DiagramContextValue {
  const value = useContext(Ctx);
  if (!value) throw new Error("useDiagram outside the model diagram");
  return value;
}
