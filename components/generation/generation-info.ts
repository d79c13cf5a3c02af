import type { DiffLine } from "@/core/generate/diff";
import { compareSemver, parseSemver } from "@/core/templates/versions";

/** Pure helpers for the generation page: sizes, durations, run states, versions and the file tree. */

export type RunStatus = "queued" | "running" | "succeeded" | "failed";

export function isFinished(status: string): boolean {
  return status === "succeeded" || status === "failed";
}

export const STATUS_LABEL: Record<RunStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
};

export function statusLabel(status: string): string {
  return STATUS_LABEL[status as RunStatus] ?? status;
}

/** "0 B", "812 B", "4.2 KB", "1.3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, "")} ${units[unit]}`;
}

/** "85 ms", "1.4 s", "2 min 5 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1).replace(/\.0$/, "")} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** A version as people read it: "draft" stays a word. */
export function versionLabel(version: string): string {
  return version === "draft" ? "draft" : `v${version}`;
}

/** True when a model pinned to `pinned` could move up to `latest` (a draft pin never "upgrades"). */
export function upgradeAvailable(pinned: string | null | undefined, latest: string | null | undefined): boolean {
  if (!pinned || !latest || !parseSemver(pinned) || !parseSemver(latest)) return false;
  return compareSemver(pinned, latest) < 0;
}

/** The version a Generate button uses by default: the pin, else the latest published version, else the draft. */
export function defaultVersion(pinned: string | null | undefined, latest: string | null | undefined): string {
  return pinned ?? latest ?? "draft";
}

export interface TreeFile {
  kind: "file";
  name: string;
  path: string;
  size: number;
}

export interface TreeFolder {
  kind: "folder";
  /** Shown name; single-child folder chains are joined ("src/models"). */
  name: string;
  /** Full folder path, without a trailing slash. */
  path: string;
  size: number;
  fileCount: number;
  children: TreeNode[];
}

export type TreeNode = TreeFile | TreeFolder;

/** Folders first, then files, each by name; chains of folders with a single folder inside are compacted. */
export function buildFileTree(files: ReadonlyArray<{ path: string; size: number }>): TreeNode[] {
  const root: TreeFolder = { kind: "folder", name: "", path: "", size: 0, fileCount: 0, children: [] };
  for (const file of files) {
    const parts = file.path.split("/").filter(Boolean);
    let folder = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const path = parts.slice(0, i + 1).join("/");
      let next = folder.children.find((c): c is TreeFolder => c.kind === "folder" && c.path === path);
      if (!next) {
        next = { kind: "folder", name: parts[i]!, path, size: 0, fileCount: 0, children: [] };
        folder.children.push(next);
      }
      folder = next;
    }
    folder.children.push({ kind: "file", name: parts.at(-1) ?? file.path, path: file.path, size: file.size });
  }
  const finish = (folder: TreeFolder): TreeFolder => {
    folder.children = folder.children.map((c) => (c.kind === "folder" ? compact(finish(c)) : c));
    folder.children.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, "en", { numeric: true }) : a.kind === "folder" ? -1 : 1));
    folder.size = folder.children.reduce((n, c) => n + c.size, 0);
    folder.fileCount = folder.children.reduce((n, c) => n + (c.kind === "file" ? 1 : c.fileCount), 0);
    return folder;
  };
  const compact = (folder: TreeFolder): TreeFolder => {
    const only = folder.children.length === 1 ? folder.children[0] : undefined;
    if (only?.kind !== "folder") return folder;
    return { ...only, name: `${folder.name}/${only.name}` };
  };
  return finish(root).children;
}

/** Files in tree order (what the tree shows, top to bottom, everything expanded). */
export function treeOrder(nodes: TreeNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === "file" ? [n.path] : treeOrder(n.children)));
}

/** Only the files whose path contains `query` (case-insensitive), keeping their folders. */
export function filterFiles<T extends { path: string }>(files: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...files];
  return files.filter((f) => f.path.toLowerCase().includes(q));
}

/** Pairs a hunk's lines for the side-by-side view: context on both sides, removals beside additions. */
export function splitRows(lines: DiffLine[]): Array<{ left?: DiffLine; right?: DiffLine }> {
  const rows: Array<{ left?: DiffLine; right?: DiffLine }> = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.kind === "context") {
      rows.push({ left: line, right: line });
      i++;
      continue;
    }
    const removed: DiffLine[] = [];
    const added: DiffLine[] = [];
    while (i < lines.length && lines[i]!.kind === "removed") removed.push(lines[i++]!);
    while (i < lines.length && lines[i]!.kind === "added") added.push(lines[i++]!);
    for (let k = 0; k < Math.max(removed.length, added.length); k++) rows.push({ left: removed[k], right: added[k] });
  }
  return rows;
}
