import os from "node:os";
import { Worker } from "node:worker_threads";
import { fromWire, type GenerateOptions, type GenerationResult, type WireResult } from "../../core/generate/generator";
import type { MetaModel } from "../../core/metamodel/schema";
import type { Model } from "../../core/model/schema";
import { compileTemplate, type CompiledTemplate } from "../../core/templates/engine";
import type { Template } from "../../core/templates/schema";

/**
 * Generates several templates from one model on every core: the templates are dealt out to worker
 * threads, each generates its own from a copy of the model, and the results come back as plain data
 * made whole again here (`fromWire`): the same files, problems and incremental state as `generate` in
 * this thread.
 *
 * Worker threads start in about half a second (they load the engine through tsx), so a pool is worth
 * it for large runs and is kept for the life of the process; `close()` stops it.
 */
export class RenderPool {
  private readonly workers: Promise<Worker>[];
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (results: WireResult[]) => void; reject: (error: Error) => void }>();

  constructor(readonly size = Math.max(1, Math.min(os.availableParallelism(), 8))) {
    this.workers = Array.from({ length: size }, () => this.start());
  }

  private start(): Promise<Worker> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL("./render-worker.mjs", import.meta.url));
      worker.on("message", (m: { ready?: boolean; id?: number; results?: WireResult[]; error?: string }) => {
        if (m.ready) {
          // An idle pool does not keep the process alive; a worker is referenced while it works.
          worker.unref();
          return resolve(worker);
        }
        const waiting = this.pending.get(m.id!);
        if (!waiting) return;
        this.pending.delete(m.id!);
        worker.unref();
        if (m.error) waiting.reject(new Error(m.error));
        else waiting.resolve(m.results!);
      });
      worker.on("error", (error) => {
        reject(error);
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
      });
    });
  }

  private ask(worker: Worker, message: object): Promise<WireResult[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...message, id });
    });
  }

  /**
   * Generates every template from one model, the templates dealt out over the workers in turn.
   * `options.track: false` makes one-off runs (see GenerateOptions in core/generate/generator.ts).
   */
  async generateAll(templates: readonly Template[], metamodel: MetaModel, model: Model, options: Pick<GenerateOptions, "track"> = {}): Promise<GenerationResult[]> {
    const workers = await Promise.all(this.workers);
    const dealt = workers.map((_, w) => templates.map((template, t) => ({ template, t })).filter(({ t }) => t % workers.length === w));
    const answers = await Promise.all(dealt.map((mine, w) => (mine.length ? this.ask(workers[w]!, { metamodel, model, templates: mine.map((m) => m.template), options }) : Promise.resolve([]))));
    const results: GenerationResult[] = new Array(templates.length);
    dealt.forEach((mine, w) => mine.forEach(({ template, t }, i) => (results[t] = fromWire(this.compiled(template), metamodel, model, answers[w]![i]!))));
    return results;
  }

  private readonly compiledTemplates = new WeakMap<Template, CompiledTemplate>();
  private compiled(template: Template): CompiledTemplate {
    let c = this.compiledTemplates.get(template);
    if (!c) this.compiledTemplates.set(template, (c = compileTemplate(template)));
    return c;
  }

  async close() {
    const workers = await Promise.allSettled(this.workers);
    await Promise.all(workers.map((w) => (w.status === "fulfilled" ? w.value.terminate() : undefined)));
  }
}
