import { setImmediate as nextTurn } from "node:timers/promises";
import type { Analysis, AnalysisOptions } from "../../core/patterns/analysis";
import { analysisSteps, type AnalysisProgress, type SourceFile } from "../../core/patterns/engine";
import { languageOf } from "../../core/patterns/files";
import { sha256Hex } from "./hash";
import { loadSyntax } from "./syntax";

export { sha256Hex };

export class AnalysisAborted extends Error {
  constructor() {
    super("The analysis was cancelled.");
    this.name = "AnalysisAborted";
  }
}

export interface RunAnalysisOptions {
  options?: Partial<AnalysisOptions>;
  /** Called at most every `progressEveryMs` with the latest progress. */
  onProgress?: (p: AnalysisProgress) => void | Promise<void>;
  progressEveryMs?: number;
  signal?: AbortSignal;
}

/**
 * Runs the engine with the real parsers on this thread, giving the event loop a turn every ~50 ms of
 * work so the process keeps answering (progress writes, cancel requests, health checks). Rejects with
 * AnalysisAborted when `signal` aborts.
 *
 * One thread on purpose: on the two-core machines this runs on, preparing files on worker threads, and
 * extracting groups ahead on one, were both measured slower end to end than this (starting workers and
 * copying files between threads cost more than the work they share; see bench/RESULTS.md).
 */
export async function runAnalysis(files: readonly SourceFile[], run: RunAnalysisOptions = {}): Promise<Analysis> {
  const every = run.progressEveryMs ?? 250;
  let lastProgress = 0;
  const syntax = await loadSyntax(files.map((f) => languageOf(f.path)));
  const steps = analysisSteps({ files, syntax, options: run.options, sha256: sha256Hex });
  let lastYield = performance.now();
  for (;;) {
    if (run.signal?.aborted) {
      steps.return(undefined as never);
      throw new AnalysisAborted();
    }
    const step = steps.next();
    if (step.done) return step.value;
    const now = performance.now();
    if (run.onProgress && now - lastProgress >= every) {
      lastProgress = now;
      await run.onProgress(step.value);
    }
    if (now - lastYield >= 50) {
      lastYield = now;
      await nextTurn();
    }
  }
}
