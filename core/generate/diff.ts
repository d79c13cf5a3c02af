import { structuredPatch } from "diff";

/**
 * What changed between two sets of generated files (two runs, or the outputs of two template
 * versions): files added, removed and changed, with line hunks for the changed ones.
 */

export interface FileEntry {
  path: string;
  content: string;
}

export interface DiffLine {
  kind: "context" | "added" | "removed";
  text: string;
  /** Line numbers in the old and new file (null on the side the line is not in). */
  oldLine: number | null;
  newLine: number | null;
}

export interface FileDiff {
  path: string;
  status: "added" | "removed" | "changed";
  added: number;
  removed: number;
  hunks: Array<{ oldStart: number; newStart: number; lines: DiffLine[] }>;
}

export interface FilesDiff {
  files: FileDiff[];
  unchanged: number;
}

function hunksOf(path: string, before: string, after: string, context: number): FileDiff["hunks"] {
  const patch = structuredPatch(path, path, before, after, "", "", { context });
  return patch.hunks.map((h) => {
    let oldLine = h.oldStart;
    let newLine = h.newStart;
    const lines: DiffLine[] = [];
    for (const l of h.lines) {
      if (l.startsWith("\\")) continue; // "\ No newline at end of file"
      const text = l.slice(1);
      if (l[0] === "+") lines.push({ kind: "added", text, oldLine: null, newLine: newLine++ });
      else if (l[0] === "-") lines.push({ kind: "removed", text, oldLine: oldLine++, newLine: null });
      else lines.push({ kind: "context", text, oldLine: oldLine++, newLine: newLine++ });
    }
    return { oldStart: h.oldStart, newStart: h.newStart, lines };
  });
}

export function diffFiles(before: FileEntry[], after: FileEntry[], options: { context?: number } = {}): FilesDiff {
  const context = options.context ?? 3;
  const old = new Map(before.map((f) => [f.path, f.content]));
  const now = new Map(after.map((f) => [f.path, f.content]));
  const files: FileDiff[] = [];
  let unchanged = 0;
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort();
  for (const path of paths) {
    const a = old.get(path);
    const b = now.get(path);
    if (a === b) {
      unchanged++;
      continue;
    }
    const status = a === undefined ? "added" : b === undefined ? "removed" : "changed";
    const hunks = hunksOf(path, a ?? "", b ?? "", context);
    const count = (kind: DiffLine["kind"]) => hunks.reduce((n, h) => n + h.lines.filter((l) => l.kind === kind).length, 0);
    files.push({ path, status, added: count("added"), removed: count("removed"), hunks });
  }
  return { files, unchanged };
}
