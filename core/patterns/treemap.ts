/**
 * A squarified treemap (Bruls, Huizing, van Wijk 2000) of a codebase: folders nest, files are sized by
 * their lines. Pure layout: the UI draws the rectangles (SVG) and colours them.
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Lays `values` (any order, all > 0) out in `rect` so each area is proportional to its value and the
 * rectangles are as square as the greedy algorithm makes them. Returns one rectangle per value, in the
 * input's order.
 */
export function squarify(values: readonly number[], rect: Rect): Rect[] {
  const out: Rect[] = new Array(values.length);
  const total = values.reduce((a, b) => a + b, 0);
  if (values.length === 0 || total <= 0 || rect.w <= 0 || rect.h <= 0) {
    for (let i = 0; i < values.length; i++) out[i] = { x: rect.x, y: rect.y, w: 0, h: 0 };
    return out;
  }
  // Largest first (ties by input position, so the layout is deterministic).
  const order = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);
  const scale = (rect.w * rect.h) / total;
  const areas = order.map((i) => Math.max(0, values[i]!) * scale);
  let free = { ...rect };
  let start = 0;
  const worst = (from: number, to: number, side: number) => {
    let sum = 0;
    let max = 0;
    let min = Infinity;
    for (let k = from; k < to; k++) {
      const a = areas[k]!;
      sum += a;
      if (a > max) max = a;
      if (a < min) min = a;
    }
    if (sum <= 0 || min <= 0) return Infinity;
    const s2 = side * side;
    const sum2 = sum * sum;
    return Math.max((s2 * max) / sum2, sum2 / (s2 * min));
  };
  while (start < areas.length) {
    const side = Math.min(free.w, free.h);
    let end = start + 1;
    while (end < areas.length && worst(start, end + 1, side) <= worst(start, end, side)) end++;
    let rowArea = 0;
    for (let k = start; k < end; k++) rowArea += areas[k]!;
    const horizontal = free.w >= free.h; // the row is a column on the left when the free space is wide
    const thickness = side > 0 ? rowArea / side : 0;
    let offset = 0;
    for (let k = start; k < end; k++) {
      const length = thickness > 0 ? areas[k]! / thickness : 0;
      out[order[k]!] = horizontal
        ? { x: free.x, y: free.y + offset, w: thickness, h: length }
        : { x: free.x + offset, y: free.y, w: length, h: thickness };
      offset += length;
    }
    free = horizontal ? { x: free.x + thickness, y: free.y, w: Math.max(0, free.w - thickness), h: free.h } : { x: free.x, y: free.y + thickness, w: free.w, h: Math.max(0, free.h - thickness) };
    start = end;
  }
  return out;
}

export interface TreemapFile {
  path: string;
  /** Size (lines); files with 0 count as 1 so they stay visible. */
  value: number;
}

export interface TreemapCell extends Rect {
  path: string;
  /** The last segment of the path. */
  name: string;
  kind: "file" | "folder";
  depth: number;
}

interface Folder {
  name: string;
  path: string;
  value: number;
  folders: Map<string, Folder>;
  files: TreemapFile[];
}

function buildTree(files: readonly TreemapFile[]): Folder {
  const root: Folder = { name: "", path: "", value: 0, folders: new Map(), files: [] };
  for (const f of files) {
    const value = Math.max(1, f.value);
    const segments = f.path.split("/");
    let node = root;
    node.value += value;
    for (let i = 0; i < segments.length - 1; i++) {
      const name = segments[i]!;
      let next = node.folders.get(name);
      if (!next) node.folders.set(name, (next = { name, path: node.path ? `${node.path}/${name}` : name, value: 0, folders: new Map(), files: [] }));
      next.value += value;
      node = next;
    }
    node.files.push({ path: f.path, value });
  }
  return root;
}

export interface TreemapOptions {
  /** Space between a folder's border and its content. */
  padding?: number;
  /** Room for a folder's label at its top, when the folder is tall enough to show it. */
  header?: number;
}

/**
 * The treemap of `files` in a `width` × `height` box: one cell per folder (outer first, so drawing in
 * order puts files on top) and per file. A folder with a single sub-folder and no files is merged
 * into it ("src/app" as one box).
 */
export function layoutTreemap(files: readonly TreemapFile[], width: number, height: number, options: TreemapOptions = {}): TreemapCell[] {
  const padding = options.padding ?? 2;
  const header = options.header ?? 0;
  const cells: TreemapCell[] = [];
  const place = (folder: Folder, rect: Rect, depth: number) => {
    const children: Array<{ value: number; folder?: Folder; file?: TreemapFile }> = [
      ...[...folder.folders.values()].map((f) => ({ value: f.value, folder: f })),
      ...folder.files.map((f) => ({ value: f.value, file: f })),
    ];
    const rects = squarify(
      children.map((c) => c.value),
      rect,
    );
    children.forEach((c, i) => {
      const r = rects[i]!;
      if (c.file) {
        cells.push({ ...r, path: c.file.path, name: c.file.path.slice(c.file.path.lastIndexOf("/") + 1), kind: "file", depth });
        return;
      }
      let f = c.folder!;
      let name = f.name;
      while (f.files.length === 0 && f.folders.size === 1) {
        f = [...f.folders.values()][0]!;
        name = `${name}/${f.name}`;
      }
      cells.push({ ...r, path: f.path, name, kind: "folder", depth });
      const top = header > 0 && r.h > header * 3 && r.w > 40 ? header : 0;
      const inner = { x: r.x + padding, y: r.y + padding + top, w: Math.max(0, r.w - 2 * padding), h: Math.max(0, r.h - 2 * padding - top) };
      place(f, inner, depth + 1);
    });
  };
  if (files.length > 0) place(buildTree(files), { x: 0, y: 0, w: width, h: height }, 0);
  return cells;
}
