import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Analysis, AnalysisOptions, PatternGroup } from "../../core/patterns/analysis";
import type { Executor } from "../client";
import { blob, patternAnalysis, patternAnalysisFile, patternGroup, user, type GroupPromotion, type StoredAnalysisFile } from "../schema";

/** Pattern analyses, their input files and their groups, always scoped by workspace. */

const listColumns = {
  id: patternAnalysis.id,
  projectId: patternAnalysis.projectId,
  name: patternAnalysis.name,
  sourceKind: patternAnalysis.sourceKind,
  source: patternAnalysis.source,
  status: patternAnalysis.status,
  phase: patternAnalysis.phase,
  progressDone: patternAnalysis.progressDone,
  progressTotal: patternAnalysis.progressTotal,
  error: patternAnalysis.error,
  fileCount: patternAnalysis.fileCount,
  totalBytes: patternAnalysis.totalBytes,
  summary: patternAnalysis.summary,
  createdAt: patternAnalysis.createdAt,
  startedAt: patternAnalysis.startedAt,
  finishedAt: patternAnalysis.finishedAt,
  durationMs: patternAnalysis.durationMs,
  createdByName: user.name,
};

export async function listAnalyses(db: Executor, params: { workspaceId: string; projectId: string }) {
  return db
    .select(listColumns)
    .from(patternAnalysis)
    .leftJoin(user, eq(user.id, patternAnalysis.createdById))
    .where(and(eq(patternAnalysis.workspaceId, params.workspaceId), eq(patternAnalysis.projectId, params.projectId)))
    .orderBy(desc(patternAnalysis.createdAt))
    .limit(200);
}

/** The row without its result (cheap: for status polls and checks). */
export async function findAnalysis(db: Executor, params: { workspaceId: string; analysisId: string }) {
  const [row] = await db
    .select({ ...listColumns, ignored: patternAnalysis.ignored, options: patternAnalysis.options })
    .from(patternAnalysis)
    .leftJoin(user, eq(user.id, patternAnalysis.createdById))
    .where(and(eq(patternAnalysis.workspaceId, params.workspaceId), eq(patternAnalysis.id, params.analysisId)));
  return row;
}

/** The result's files and options (set when done). */
export async function findAnalysisResult(db: Executor, params: { workspaceId: string; analysisId: string }) {
  const [row] = await db
    .select({ files: patternAnalysis.files, resultOptions: patternAnalysis.resultOptions })
    .from(patternAnalysis)
    .where(and(eq(patternAnalysis.workspaceId, params.workspaceId), eq(patternAnalysis.id, params.analysisId)));
  return row;
}

export async function insertAnalysis(
  db: Executor,
  params: {
    workspaceId: string;
    projectId: string;
    name: string;
    sourceKind: string;
    source: string;
    fileCount: number;
    totalBytes: number;
    ignored: Array<{ path: string; reason: string }>;
    options: Partial<AnalysisOptions>;
    createdById: string;
  },
) {
  const [row] = await db.insert(patternAnalysis).values(params).returning({ id: patternAnalysis.id });
  return row!;
}

/** Stores contents once per workspace (by hash) and the analysis's file list. */
export async function insertAnalysisFiles(db: Executor, params: { workspaceId: string; analysisId: string; files: Array<{ path: string; hash: string; text: string }> }) {
  const unique = [...new Map(params.files.map((f) => [f.hash, f])).values()];
  // Batches bounded by bytes as well as rows: one statement should not carry hundreds of MB.
  let batch: typeof unique = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db
      .insert(blob)
      .values(batch.map((f) => ({ workspaceId: params.workspaceId, hash: f.hash, size: Buffer.byteLength(f.text), content: f.text })))
      .onConflictDoNothing();
    batch = [];
    bytes = 0;
  };
  for (const f of unique) {
    batch.push(f);
    bytes += f.text.length;
    if (batch.length >= 500 || bytes > 8_000_000) await flush();
  }
  await flush();
  for (let i = 0; i < params.files.length; i += 1000) {
    const chunk = params.files.slice(i, i + 1000);
    await db.insert(patternAnalysisFile).values(chunk.map((f) => ({ analysisId: params.analysisId, path: f.path, hash: f.hash, size: Buffer.byteLength(f.text) })));
  }
}

/** The analysed files with their contents (all of them, or those at `paths`), in path order. */
export async function readAnalysisFiles(db: Executor, params: { workspaceId: string; analysisId: string; paths?: string[] }) {
  const filters = [eq(patternAnalysis.workspaceId, params.workspaceId), eq(patternAnalysisFile.analysisId, params.analysisId)];
  if (params.paths) {
    if (params.paths.length === 0) return [];
    filters.push(inArray(patternAnalysisFile.path, params.paths));
  }
  return db
    .select({ path: patternAnalysisFile.path, text: blob.content })
    .from(patternAnalysisFile)
    .innerJoin(patternAnalysis, eq(patternAnalysis.id, patternAnalysisFile.analysisId))
    .innerJoin(blob, and(eq(blob.workspaceId, patternAnalysis.workspaceId), eq(blob.hash, patternAnalysisFile.hash)))
    .where(and(...filters))
    .orderBy(asc(patternAnalysisFile.path));
}

export async function updateAnalysis(
  db: Executor,
  params: {
    analysisId: string;
    status?: string;
    phase?: string | null;
    progressDone?: number;
    progressTotal?: number;
    error?: string | null;
    fileCount?: number;
    totalBytes?: number;
    ignored?: Array<{ path: string; reason: string }>;
    source?: string;
    startedAt?: Date;
    finishedAt?: Date;
    durationMs?: number;
  },
) {
  const { analysisId, ...set } = params;
  await db.update(patternAnalysis).set(set).where(eq(patternAnalysis.id, analysisId));
}

/**
 * Claims a queued analysis for a worker (queued → running). False when it is no longer queued (it was
 * cancelled, or another attempt took it); a retry of a crashed attempt may take a running one again.
 */
export async function claimAnalysis(db: Executor, params: { analysisId: string; retry?: boolean }) {
  const statuses = params.retry ? ["queued", "running"] : ["queued"];
  const rows = await db
    .update(patternAnalysis)
    .set({ status: "running", startedAt: new Date(), phase: "reading", progressDone: 0, progressTotal: 0 })
    .where(and(eq(patternAnalysis.id, params.analysisId), inArray(patternAnalysis.status, statuses)))
    .returning({ id: patternAnalysis.id });
  return rows.length > 0;
}

/** Writes progress while the analysis is running; false when it is not (it was cancelled): stop then. */
export async function reportProgress(db: Executor, params: { analysisId: string; phase: string; done: number; total: number }) {
  const rows = await db
    .update(patternAnalysis)
    .set({ phase: params.phase, progressDone: params.done, progressTotal: params.total })
    .where(and(eq(patternAnalysis.id, params.analysisId), eq(patternAnalysis.status, "running")))
    .returning({ id: patternAnalysis.id });
  return rows.length > 0;
}

/** Marks an analysis cancelled if it has not finished; returns whether it changed. */
export async function cancelAnalysis(db: Executor, params: { workspaceId: string; analysisId: string }) {
  const rows = await db
    .update(patternAnalysis)
    .set({ status: "cancelled", finishedAt: new Date(), phase: null })
    .where(and(eq(patternAnalysis.workspaceId, params.workspaceId), eq(patternAnalysis.id, params.analysisId), inArray(patternAnalysis.status, ["queued", "running"])))
    .returning({ id: patternAnalysis.id });
  return rows.length > 0;
}

/** Stores the result (unless the analysis was cancelled meanwhile); returns whether it was stored. */
export async function storeResult(
  db: Executor,
  params: { analysisId: string; analysis: Analysis; files: StoredAnalysisFile[]; durationMs: number },
): Promise<boolean> {
  const { analysis } = params;
  const rows = await db
    .update(patternAnalysis)
    .set({
      status: "done",
      phase: null,
      progressDone: 1,
      progressTotal: 1,
      resultOptions: analysis.options,
      files: params.files,
      summary: analysis.summary,
      finishedAt: new Date(),
      durationMs: params.durationMs,
    })
    .where(and(eq(patternAnalysis.id, params.analysisId), eq(patternAnalysis.status, "running")))
    .returning({ id: patternAnalysis.id });
  if (rows.length === 0) return false;
  await db.delete(patternGroup).where(eq(patternGroup.analysisId, params.analysisId));
  for (let i = 0; i < analysis.groups.length; i += 200) {
    const chunk = analysis.groups.slice(i, i + 200);
    await db.insert(patternGroup).values(chunk.map((g, k) => ({ analysisId: params.analysisId, groupId: g.id, rank: i + k, data: g })));
  }
  return true;
}

export async function deleteAnalysis(db: Executor, params: { workspaceId: string; analysisId: string }) {
  await db.delete(patternAnalysis).where(and(eq(patternAnalysis.workspaceId, params.workspaceId), eq(patternAnalysis.id, params.analysisId)));
}

/** The groups of an analysis, best first, without their instances' bindings (a summary per group). */
export async function listGroups(db: Executor, params: { workspaceId: string; analysisId: string }) {
  return db
    .select({
      groupId: patternGroup.groupId,
      rank: patternGroup.rank,
      unit: sql<PatternGroup["unit"]>`${patternGroup.data}->>'unit'`,
      language: sql<string>`${patternGroup.data}->>'language'`,
      holes: sql<PatternGroup["holes"]>`${patternGroup.data}->'holes'`,
      stats: sql<PatternGroup["stats"]>`${patternGroup.data}->'stats'`,
      instanceCount: sql<number>`jsonb_array_length(${patternGroup.data}->'instances')`,
      files: sql<string[]>`(select coalesce(jsonb_agg(distinct i->>'file'), '[]'::jsonb) from jsonb_array_elements(${patternGroup.data}->'instances') i)`,
      promoted: patternGroup.promoted,
    })
    .from(patternGroup)
    .innerJoin(patternAnalysis, eq(patternAnalysis.id, patternGroup.analysisId))
    .where(and(eq(patternAnalysis.workspaceId, params.workspaceId), eq(patternGroup.analysisId, params.analysisId)))
    .orderBy(asc(patternGroup.rank));
}

export async function findGroup(db: Executor, params: { workspaceId: string; analysisId: string; groupId: string }) {
  const [row] = await db
    .select({ data: patternGroup.data, promoted: patternGroup.promoted, rank: patternGroup.rank })
    .from(patternGroup)
    .innerJoin(patternAnalysis, eq(patternAnalysis.id, patternGroup.analysisId))
    .where(and(eq(patternAnalysis.workspaceId, params.workspaceId), eq(patternGroup.analysisId, params.analysisId), eq(patternGroup.groupId, params.groupId)));
  return row;
}

/** All groups in rank order (for the analysis JSON). */
export async function listGroupData(db: Executor, params: { workspaceId: string; analysisId: string }) {
  const rows = await db
    .select({ data: patternGroup.data })
    .from(patternGroup)
    .innerJoin(patternAnalysis, eq(patternAnalysis.id, patternGroup.analysisId))
    .where(and(eq(patternAnalysis.workspaceId, params.workspaceId), eq(patternGroup.analysisId, params.analysisId)))
    .orderBy(asc(patternGroup.rank));
  return rows.map((r) => r.data);
}

/** Replaces a group's data when it still is `expected` (no concurrent rename in between); returns whether it did. */
export async function updateGroupData(db: Executor, params: { analysisId: string; groupId: string; expectedTemplate: string; data: PatternGroup }) {
  const rows = await db
    .update(patternGroup)
    .set({ data: params.data })
    .where(and(eq(patternGroup.analysisId, params.analysisId), eq(patternGroup.groupId, params.groupId), sql`${patternGroup.data}->>'template' = ${params.expectedTemplate}`))
    .returning({ groupId: patternGroup.groupId });
  return rows.length > 0;
}

export async function setGroupPromotion(db: Executor, params: { analysisId: string; groupId: string; promoted: GroupPromotion }) {
  await db.update(patternGroup).set({ promoted: params.promoted }).where(and(eq(patternGroup.analysisId, params.analysisId), eq(patternGroup.groupId, params.groupId)));
}
