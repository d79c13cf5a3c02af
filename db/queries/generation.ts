import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { TemplateProblem } from "../../core/templates/errors";
import type { Executor } from "../client";
import { blob, generationFile, generationRun, model, template, user } from "../schema";

/** Generation runs, their files and the content-addressed blobs, always scoped by workspace. */

const runColumns = {
  id: generationRun.id,
  projectId: generationRun.projectId,
  modelId: generationRun.modelId,
  modelName: model.name,
  templateId: generationRun.templateId,
  templateName: template.name,
  templateVersion: generationRun.templateVersion,
  status: generationRun.status,
  progress: generationRun.progress,
  fileCount: generationRun.fileCount,
  totalBytes: generationRun.totalBytes,
  problems: generationRun.problems,
  warnings: generationRun.warnings,
  error: generationRun.error,
  durationMs: generationRun.durationMs,
  createdAt: generationRun.createdAt,
  finishedAt: generationRun.finishedAt,
  createdByName: user.name,
};

const runsFrom = (db: Executor) =>
  db
    .select(runColumns)
    .from(generationRun)
    .innerJoin(model, eq(model.id, generationRun.modelId))
    .innerJoin(template, eq(template.id, generationRun.templateId))
    .leftJoin(user, eq(user.id, generationRun.createdById));

export async function listRuns(db: Executor, params: { workspaceId: string; modelId?: string; projectId?: string; limit?: number }) {
  const filters = [eq(generationRun.workspaceId, params.workspaceId)];
  if (params.modelId) filters.push(eq(generationRun.modelId, params.modelId));
  if (params.projectId) filters.push(eq(generationRun.projectId, params.projectId));
  return runsFrom(db)
    .where(and(...filters))
    .orderBy(desc(generationRun.createdAt))
    .limit(params.limit ?? 50);
}

export async function findRun(db: Executor, params: { workspaceId: string; runId: string }) {
  const [row] = await runsFrom(db).where(and(eq(generationRun.workspaceId, params.workspaceId), eq(generationRun.id, params.runId)));
  return row;
}

/** The latest successful run of the same model and template before `runId`. */
export async function findPreviousRun(db: Executor, params: { workspaceId: string; runId: string }) {
  const [current] = await db
    .select({ modelId: generationRun.modelId, templateId: generationRun.templateId, createdAt: generationRun.createdAt })
    .from(generationRun)
    .where(and(eq(generationRun.workspaceId, params.workspaceId), eq(generationRun.id, params.runId)));
  if (!current) return undefined;
  const [row] = await db
    .select({ id: generationRun.id, templateVersion: generationRun.templateVersion, createdAt: generationRun.createdAt })
    .from(generationRun)
    .where(
      and(
        eq(generationRun.workspaceId, params.workspaceId),
        eq(generationRun.modelId, current.modelId),
        eq(generationRun.templateId, current.templateId),
        eq(generationRun.status, "succeeded"),
        lt(generationRun.createdAt, current.createdAt),
      ),
    )
    .orderBy(desc(generationRun.createdAt))
    .limit(1);
  return row;
}

export async function insertRun(
  db: Executor,
  params: { workspaceId: string; projectId: string; modelId: string; templateId: string; templateVersion: string; createdById: string },
) {
  const [row] = await db.insert(generationRun).values(params).returning({ id: generationRun.id });
  return row!;
}

export async function updateRun(
  db: Executor,
  params: {
    runId: string;
    status?: string;
    progress?: number;
    fileCount?: number;
    totalBytes?: number;
    problems?: TemplateProblem[];
    warnings?: Array<{ path: string; message: string }>;
    error?: string | null;
    durationMs?: number;
    finishedAt?: Date;
  },
) {
  const { runId, ...set } = params;
  await db.update(generationRun).set(set).where(eq(generationRun.id, runId));
}

/** Stores contents once per workspace (by hash) and the run's file list. */
export async function insertRunFiles(db: Executor, params: { workspaceId: string; runId: string; files: Array<{ path: string; hash: string; content: string }> }) {
  const unique = [...new Map(params.files.map((f) => [f.hash, f])).values()];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    await db
      .insert(blob)
      .values(chunk.map((f) => ({ workspaceId: params.workspaceId, hash: f.hash, size: Buffer.byteLength(f.content), content: f.content })))
      .onConflictDoNothing();
  }
  for (let i = 0; i < params.files.length; i += 1000) {
    const chunk = params.files.slice(i, i + 1000);
    await db.insert(generationFile).values(chunk.map((f) => ({ runId: params.runId, path: f.path, hash: f.hash, size: Buffer.byteLength(f.content) })));
  }
}

export async function listRunFiles(db: Executor, params: { workspaceId: string; runId: string; withContent?: boolean }) {
  const rows = await db
    .select({ path: generationFile.path, hash: generationFile.hash, size: generationFile.size, content: params.withContent ? blob.content : sql<null>`null` })
    .from(generationFile)
    .innerJoin(generationRun, eq(generationRun.id, generationFile.runId))
    .innerJoin(blob, and(eq(blob.workspaceId, generationRun.workspaceId), eq(blob.hash, generationFile.hash)))
    .where(and(eq(generationRun.workspaceId, params.workspaceId), eq(generationFile.runId, params.runId)))
    .orderBy(asc(generationFile.path));
  return rows;
}

export async function readRunFile(db: Executor, params: { workspaceId: string; runId: string; path: string }) {
  const [row] = await db
    .select({ path: generationFile.path, size: generationFile.size, content: blob.content })
    .from(generationFile)
    .innerJoin(generationRun, eq(generationRun.id, generationFile.runId))
    .innerJoin(blob, and(eq(blob.workspaceId, generationRun.workspaceId), eq(blob.hash, generationFile.hash)))
    .where(and(eq(generationRun.workspaceId, params.workspaceId), eq(generationFile.runId, params.runId), eq(generationFile.path, params.path)));
  return row;
}

export async function readBlobs(db: Executor, params: { workspaceId: string; hashes: string[] }) {
  if (params.hashes.length === 0) return [];
  return db
    .select({ hash: blob.hash, content: blob.content })
    .from(blob)
    .where(and(eq(blob.workspaceId, params.workspaceId), inArray(blob.hash, params.hashes)));
}
