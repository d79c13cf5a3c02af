import { Heap } from "../heap";

/**
 * `{{ items | toposort: "path" }}`: the items in dependency order — each after the items it depends
 * on. What an item depends on is found by following `path` (dot-separated property names; lists are
 * followed element by element) from the item; only items of the input list count. Among items that
 * are ready at the same time the input order is kept; items in a cycle come last, in input order.
 *
 *   {% assign tables = model.all.Entity | toposort: "_incoming.target.source" %}
 *   (an entity after the entities its foreign keys point to)
 */

function follow(start: unknown, path: string[]): unknown[] {
  let frontier: unknown[] = [start];
  for (const key of path) {
    const next: unknown[] = [];
    for (const value of frontier) {
      if (value === null || typeof value !== "object") continue;
      const child = (value as Record<string, unknown>)[key];
      if (Array.isArray(child)) next.push(...child);
      else if (child !== null && child !== undefined) next.push(child);
    }
    frontier = next;
  }
  return frontier;
}

export function toposort(items: unknown, path: unknown): unknown[] {
  if (!Array.isArray(items)) throw new Error("toposort expects a list, e.g. model.all.Entity");
  if (typeof path !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(path)) {
    throw new Error('toposort needs the path to what an item depends on, e.g. toposort: "_incoming.target.source"');
  }
  const keys = path.split(".");
  const position = new Map<unknown, number>(items.map((item, i) => [item, i]));
  const waitingOn = items.map(() => 0);
  const dependents: number[][] = items.map(() => []);
  items.forEach((item, i) => {
    const deps = new Set<number>();
    for (const d of follow(item, keys)) {
      const j = position.get(d);
      if (j !== undefined && j !== i) deps.add(j);
    }
    waitingOn[i] = deps.size;
    for (const j of deps) dependents[j]!.push(i);
  });
  const done = items.map(() => false);
  const out: unknown[] = [];
  // Kahn's algorithm, always taking the earliest ready item (a min-heap of positions keeps the input order).
  const ready = new Heap<number>((a, b) => a - b);
  items.forEach((_, i) => waitingOn[i] === 0 && ready.push(i));
  while (ready.size) {
    const i = ready.pop()!;
    done[i] = true;
    out.push(items[i]);
    for (const k of dependents[i]!) if (--waitingOn[k]! === 0) ready.push(k);
  }
  items.forEach((item, i) => {
    if (!done[i]) out.push(item);
  });
  return out;
}

