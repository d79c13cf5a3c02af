import { createHash } from "node:crypto";
import { AppError } from "../../core/errors";
import type { Analysis } from "../../core/patterns/analysis";
import { claimAnalysis, findAnalysis, insertAnalysisFiles, readAnalysisFiles, reportProgress, storeResult, updateAnalysis } from "../../db/queries/patterns";
import type { StoredAnalysisFile } from "../../db/schema";
import { cloneRepository, CloneError, localHttpAllowed } from "../patterns/git";
import { AnalysisAborted, runAnalysis } from "../patterns/run";
import type { AppDeps } from "./context";
import { registerAnalysisRunner, runningAnalyses, type AnalysisJob } from "./pattern-service";

/**
 * Running an analysis: the job side of pattern-service.ts (clone for git sources, run the engine with
 * throttled progress that doubles as the cancel check, store the result). Loaded by the job queue
 * (server/jobs/queue.ts) and by tests, never by the app's bundle: importing it registers the
 * in-process runner.
 */

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Per file: how many of its lines lie in an occurrence of some group, and which groups. */
export function fileCoverage(analysis: Analysis): StoredAnalysisFile[] {
  const ranges = new Map<string, Array<[number, number]>>();
  const groups = new Map<string, string[]>();
  for (const g of analysis.groups) {
    for (const i of g.instances) {
      let r = ranges.get(i.file);
      if (!r) ranges.set(i.file, (r = []));
      r.push([i.startLine, i.endLine]);
      let ids = groups.get(i.file);
      if (!ids) groups.set(i.file, (ids = []));
      if (ids[ids.length - 1] !== g.id && !ids.includes(g.id)) ids.push(g.id);
    }
  }
  return analysis.files.map((f) => {
    const list = (ranges.get(f.path) ?? []).sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let end = 0;
    for (const [a, b] of list) {
      const from = Math.max(a, end + 1);
      if (b >= from) covered += b - from + 1;
      end = Math.max(end, b);
    }
    return { ...f, coveredLines: Math.min(covered, f.lines), groups: groups.get(f.path) ?? [] };
  });
}

const UNEXPECTED = "The analysis failed unexpectedly. Try again; if it keeps failing, the server log has the details.";

/** Runs one analysis (clone first for git sources) and stores the result. Used by the worker and in-process. */
export async function executeAnalysis(deps: Pick<AppDeps, "db" | "log">, job: AnalysisJob, options: { retry?: boolean } = {}) {
  const { db, log } = deps;
  if (!(await claimAnalysis(db, { analysisId: job.analysisId, retry: options.retry }))) return;
  const row = await findAnalysis(db, { workspaceId: job.workspaceId, analysisId: job.analysisId });
  if (!row) return;
  const controller = new AbortController();
  runningAnalyses().set(job.analysisId, controller);
  const started = performance.now();
  try {
    if (job.git) {
      await reportProgress(db, { analysisId: job.analysisId, phase: "cloning", done: 0, total: 0 });
      const cloned = await cloneRepository(job.git.url, { ref: job.git.ref, signal: controller.signal, allowLocalHttp: localHttpAllowed() });
      const files = cloned.files.map((f) => ({ ...f, hash: sha256(f.text) }));
      await db.transaction(async (tx) => {
        await insertAnalysisFiles(tx, { workspaceId: job.workspaceId, analysisId: job.analysisId, files });
        await updateAnalysis(tx, {
          analysisId: job.analysisId,
          fileCount: files.length,
          totalBytes: cloned.totalBytes,
          ignored: cloned.ignored.slice(0, 5000),
          source: `${row.source} (${cloned.commit.slice(0, 7)})`,
        });
      });
    }
    if (!(await reportProgress(db, { analysisId: job.analysisId, phase: "reading", done: 0, total: row.fileCount }))) throw new AnalysisAborted();
    const files = await readAnalysisFiles(db, { workspaceId: job.workspaceId, analysisId: job.analysisId });
    const analysis = await runAnalysis(files, {
      options: row.options,
      signal: controller.signal,
      onProgress: async (p) => {
        if (!(await reportProgress(db, { analysisId: job.analysisId, phase: p.phase, done: p.done, total: p.total }))) controller.abort();
      },
    });
    const durationMs = Math.round(performance.now() - started);
    const stored = await db.transaction((tx) => storeResult(tx, { analysisId: job.analysisId, analysis, files: fileCoverage(analysis), durationMs }));
    if (stored) log.info({ analysisId: job.analysisId, files: analysis.files.length, groups: analysis.groups.length, ms: durationMs }, "pattern analysis finished");
  } catch (error) {
    if (error instanceof AnalysisAborted || (error instanceof CloneError && error.message === "cancelled")) {
      log.info({ analysisId: job.analysisId }, "pattern analysis cancelled");
      return;
    }
    const message = error instanceof CloneError || error instanceof AppError ? error.message : UNEXPECTED;
    if (!(error instanceof CloneError)) log.error({ err: error, analysisId: job.analysisId }, "pattern analysis failed");
    await updateAnalysis(db, { analysisId: job.analysisId, status: "failed", phase: null, error: message, finishedAt: new Date(), durationMs: Math.round(performance.now() - started) }).catch(() => {});
  } finally {
    runningAnalyses().delete(job.analysisId);
  }
}

/** At shutdown: analyses running in this process are stopped and marked failed (they can be run again). */
export async function interruptRunningAnalyses(db: AppDeps["db"]) {
  for (const [analysisId, controller] of runningAnalyses()) {
    await updateAnalysis(db, { analysisId, status: "failed", phase: null, error: "The server stopped during the analysis. Start a new one.", finishedAt: new Date() }).catch(() => {});
    controller.abort();
  }
}


registerAnalysisRunner(executeAnalysis);
