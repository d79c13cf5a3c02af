import os from "node:os";
import { setImmediate as nextTurn } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import type { Analysis, AnalysisOptions } from "../../core/patterns/analysis";
import { analysisSteps, type AnalysisProgress, type PreparedFile, type SourceFile } from "../../core/patterns/engine";
import { languageOf } from "../../core/patterns/files";
import { sha256Hex } from "./hash";
import { loadSyntax } from "./syntax";

export { sha256Hex };

/** Below this much text, preparing files on worker threads costs more than it saves. */
const PARALLEL_MIN_CHARS = 2_000_000;

/**
 * Prepares files (tokens, syntax, hashes) on worker threads, one per core, each given a share of the
 * files balanced by size.
 */
async function prepareInParallel(
  files: readonly SourceFile[],
  languages: readonly string[],
  threads: number,
  onFile: () => void,
  signal?: AbortSignal,
): Promise<PreparedFile[]> {
  const shares: SourceFile[][] = Array.from({ length: threads }, () => []);
  const sizes = new Array<number>(threads).fill(0);
  for (const f of [...files].sort((a, b) => b.text.length - a.text.length)) {
    const k = sizes.indexOf(Math.min(...sizes));
    shares[k]!.push(f);
    sizes[k]! += f.text.length;
  }
  const workers: Worker[] = [];
  const abort = () => workers.forEach((w) => void w.terminate());
  signal?.addEventListener("abort", abort, { once: true });
  try {
    const results = await Promise.all(
      shares.map(
        (share) =>
          new Promise<PreparedFile[]>((resolve, reject) => {
            const worker = new Worker(new URL("./prepare-worker.mjs", import.meta.url));
            workers.push(worker);
            worker.on("message", (m: { progress?: number; prepared?: PreparedFile[]; error?: string }) => {
              if (m.progress) onFile();
              else if (m.prepared) resolve(m.prepared);
              else if (m.error) reject(new Error(m.error));
            });
            worker.on("error", reject);
            worker.on("exit", (code) => (signal?.aborted ? reject(new AnalysisAborted()) : code !== 0 && reject(new Error(`prepare worker exited with ${code}`))));
            worker.postMessage({ files: share, languages });
          }),
      ),
    );
    return results.flat();
  } finally {
    signal?.removeEventListener("abort", abort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

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
  /** Worker threads for the per-file work (default: one per core for large inputs, 0 for none). */
  threads?: number;
}

/**
 * Runs the engine with the real parsers, giving the event loop a turn every ~50 ms of work so the
 * process keeps answering (progress writes, cancel requests, health checks). Rejects with
 * AnalysisAborted when `signal` aborts.
 */
export async function runAnalysis(files: readonly SourceFile[], run: RunAnalysisOptions = {}): Promise<Analysis> {
  const every = run.progressEveryMs ?? 250;
  let lastProgress = 0;
  const chars = files.reduce((n, f) => n + f.text.length, 0);
  const threads = run.threads ?? (chars >= PARALLEL_MIN_CHARS ? Math.min(os.availableParallelism(), 4) : 0);
  let prepared: PreparedFile[] | undefined;
  if (threads > 1) {
    let done = 0;
    // Progress reports during the parallel part run alongside it; a failing one fails the run afterwards.
    let progressError: unknown = null;
    prepared = await prepareInParallel(
      files,
      run.options?.languages ?? [],
      threads,
      () => {
        done++;
        const now = performance.now();
        if (run.onProgress && now - lastProgress >= every) {
          lastProgress = now;
          Promise.resolve(run.onProgress({ phase: "reading", done, total: files.length })).catch((error: unknown) => {
            progressError ??= error;
          });
        }
      },
      run.signal,
    );
    if (progressError) throw progressError;
  }
  const syntax = prepared ? undefined : await loadSyntax(files.map((f) => languageOf(f.path)));
  const steps = analysisSteps({ files, prepared, syntax, options: run.options, sha256: sha256Hex });
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
