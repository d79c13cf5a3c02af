/** Pure helpers for the analysis pages: states, progress, numbers, hole colours, file lists. */

export type AnalysisStatus = "queued" | "running" | "done" | "failed" | "cancelled";

export const isActive = (status: string) => status === "queued" || status === "running";

const STATUS_LABEL: Record<AnalysisStatus, string> = { queued: "Queued", running: "Analysing", done: "Done", failed: "Failed", cancelled: "Cancelled" };
export const statusLabel = (status: string) => STATUS_LABEL[status as AnalysisStatus] ?? status;

const PHASES = ["cloning", "reading", "matching", "extracting"] as const;
const PHASE_LABEL: Record<string, string> = {
  cloning: "Cloning the repository",
  reading: "Reading and parsing files",
  matching: "Finding repeated shapes",
  extracting: "Extracting templates",
};
export const phaseLabel = (phase: string | null) => (phase ? (PHASE_LABEL[phase] ?? phase) : "Waiting for a worker");

/** Share of the whole run each phase takes (cloning has no measure: it shows as indeterminate). */
const SPAN: Record<string, [number, number]> = { reading: [0, 35], matching: [35, 60], extracting: [60, 98] };

/**
 * Overall progress 0..100 from the phase and its counter, or null when it cannot be measured (queued,
 * cloning, or a phase that has not reported a total yet).
 */
export function overallProgress(a: { status: string; phase: string | null; progressDone: number; progressTotal: number }): number | null {
  if (a.status === "done") return 100;
  if (a.status !== "running" || !a.phase) return null;
  const span = SPAN[a.phase];
  if (!span) return null;
  const share = a.progressTotal > 0 ? Math.min(1, a.progressDone / a.progressTotal) : 0;
  return Math.round(span[0] + (span[1] - span[0]) * share);
}

/** The phases in order, each marked done / current / to do (for the stepper). */
export function phaseSteps(a: { status: string; phase: string | null; sourceKind: string }) {
  const phases = PHASES.filter((p) => p !== "cloning" || a.sourceKind === "git");
  const current = a.phase ? phases.indexOf(a.phase as (typeof PHASES)[number]) : -1;
  return phases.map((p, i) => ({ phase: p, label: PHASE_LABEL[p]!, state: a.status === "done" || i < current ? "done" : i === current ? "current" : "todo" }) as const);
}

export function percent(share: number | null | undefined, digits = 0): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  return `${(share * 100).toFixed(digits)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** Bytes saved if the group's instances were generated: original minus template and bindings. */
export function compressionLabel(compression: number): string {
  if (!compression) return "—";
  return `${(1 / compression).toFixed(1)}×`;
}

/** Hole colours (by the hole's position in the group), light and dark. */
export const HOLE_COLORS = [
  "bg-sky-500/15 text-sky-800 ring-sky-500/40 dark:text-sky-200",
  "bg-amber-500/20 text-amber-900 ring-amber-500/40 dark:text-amber-200",
  "bg-emerald-500/15 text-emerald-800 ring-emerald-500/40 dark:text-emerald-200",
  "bg-fuchsia-500/15 text-fuchsia-800 ring-fuchsia-500/40 dark:text-fuchsia-200",
  "bg-orange-500/15 text-orange-900 ring-orange-500/40 dark:text-orange-200",
  "bg-cyan-500/15 text-cyan-800 ring-cyan-500/40 dark:text-cyan-200",
  "bg-lime-500/20 text-lime-900 ring-lime-500/40 dark:text-lime-200",
  "bg-rose-500/15 text-rose-800 ring-rose-500/40 dark:text-rose-200",
];
export const holeColor = (index: number) => HOLE_COLORS[((index % HOLE_COLORS.length) + HOLE_COLORS.length) % HOLE_COLORS.length]!;

/** "src/services/order-service.ts" → ["src/services/", "order-service.ts"]. */
export function splitPath(path: string): [string, string] {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? ["", path] : [path.slice(0, slash + 1), path.slice(slash + 1)];
}

/** Groups matching a filter: words in the unit, language, hole names or file paths. */
export function matchesFilter(g: { groupId: string; unit: string; language: string; holes: Array<{ name: string }>; files: string[] }, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [g.groupId, g.unit, g.language, ...g.holes.map((h) => h.name), ...g.files].join(" ").toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** The next group in a list for j/k (wraps at neither end). */
export function step<T extends { groupId: string }>(list: readonly T[], current: string | null, delta: 1 | -1): string | null {
  if (list.length === 0) return null;
  const at = current ? list.findIndex((g) => g.groupId === current) : -1;
  if (at < 0) return list[delta === 1 ? 0 : list.length - 1]!.groupId;
  return list[Math.max(0, Math.min(list.length - 1, at + delta))]!.groupId;
}

/** A run of text in a code view: a hole's text (with the hole's index), or context shown dimmed. */
export interface Span {
  text: string;
  hole?: number;
  dim?: boolean;
}

/** Spans split into lines (a span crossing a line break continues on the next line). */
export function toLines(spans: readonly Span[]): Span[][] {
  const lines: Span[][] = [[]];
  for (const s of spans) {
    const pieces = s.text.split("\n");
    pieces.forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece) lines[lines.length - 1]!.push({ ...s, text: piece });
    });
  }
  return lines;
}
