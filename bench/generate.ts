/**
 * bench/generate: how fast does a model become code?
 *
 *   npm run bench:generate [-- --entities 1000 --runs 3 --edits 20 --threads 2]   (--threads 1: no render pool)
 *
 * A data model of N entities (bench/synthetic.ts: ~10 objects each) × every built-in template of the
 * entity-relational starter. Measures, per run: files per second without formatting and with
 * formatting (oxfmt for TS/JSON/YAML/Markdown/GraphQL; other languages are written as rendered),
 * then the time to regenerate everything after one attribute of one field changes (only the outputs
 * that read it are rendered and formatted again). The unformatted runs are also made on every core
 * through the render pool (server/generation/render-pool.ts: the templates dealt out to worker threads,
 * each with its own copy of the model, results made whole on the main thread). Peak memory is the process's maximum RSS.
 */
import os from "node:os";
import { formatFiles, type FormatCache } from "../core/generate/format";
import { generate, type GenerationState } from "../core/generate/generator";
import type { Model } from "../core/model/schema";
import { BUILTIN_TEMPLATES } from "../core/templates/builtin";
import { compileTemplate } from "../core/templates/engine";
import { oxfmtFormatter } from "../server/generation/formatter";
import { RenderPool } from "../server/generation/render-pool";
import { syntheticDataModel } from "./synthetic";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ENTITIES = arg("entities", 1000);
const RUNS = arg("runs", 3);
const EDITS = arg("edits", 20);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const { metamodel, model } = syntheticDataModel(ENTITIES);
  const templates = BUILTIN_TEMPLATES.filter((t) => t.starter === "entity-relational").map((t) => ({ key: t.key, compiled: compileTemplate(t.template) }));
  for (const t of templates) if (t.compiled.problems.length) throw new Error(`${t.key}: ${JSON.stringify(t.compiled.problems)}`);

  const raw: number[] = [];
  const formatted: number[] = [];
  let fileCount = 0;
  let bytes = 0;
  let states: Array<{ state: GenerationState; cache: FormatCache }> = [];
  for (let run = 0; run < RUNS; run++) {
    let files = 0;
    let renderMs = 0;
    let formatMs = 0;
    states = [];
    bytes = 0;
    for (const t of templates) {
      const t0 = performance.now();
      // As a generation job runs it: one-off, reads not tracked (server/services/generation-service.ts).
      const result = generate(t.compiled, metamodel, model, undefined, { track: false });
      const t1 = performance.now();
      if (result.problems.length) throw new Error(`${t.key}: ${result.problems[0]!.message}`);
      const out = await formatFiles(result.files, oxfmtFormatter);
      formatMs += performance.now() - t1;
      renderMs += t1 - t0;
      files += result.files.length;
      bytes += out.files.reduce((n, f) => n + f.content.length, 0);
      states.push({ state: result.state, cache: out.cache });
    }
    fileCount = files;
    raw.push((files / renderMs) * 1000);
    formatted.push((files / (renderMs + formatMs)) * 1000);
    console.log(`run ${run + 1}: ${files} files, render ${renderMs.toFixed(0)} ms, format ${formatMs.toFixed(0)} ms`);
  }

  // The same runs on every core: the templates are dealt out to worker threads.
  const threads = arg("threads", os.availableParallelism());
  const pool = threads > 1 ? new RenderPool(threads) : null;
  const parallel: number[] = [];
  const builtins = BUILTIN_TEMPLATES.filter((t) => t.starter === "entity-relational").map((t) => t.template);
  for (let run = 0; pool && run < RUNS + 1; run++) {
    const t0 = performance.now();
    const results = await pool.generateAll(builtins, metamodel, { ...model }, { track: false });
    const ms = performance.now() - t0;
    const files = results.reduce((n, r) => n + r.files.length, 0);
    if (files !== fileCount) throw new Error(`render pool: ${files} files instead of ${fileCount}`);
    // The first run starts the workers' engines (JIT); it is not counted.
    if (run > 0) parallel.push((files / ms) * 1000);
    console.log(`pool run ${run}: ${files} files in ${ms.toFixed(0)} ms on ${pool.size} threads${run === 0 ? " (warm-up, not counted)" : ""}`);
  }
  await pool?.close();

  // The runs above are one-off generations; the live preview regenerates with `remember` (loop
  // iterations recorded for replay), so the incremental runs start from one such generation.
  states = [];
  for (const t of templates) {
    const result = generate(t.compiled, metamodel, model, undefined, { remember: true });
    states.push({ state: result.state, cache: (await formatFiles(result.files, oxfmtFormatter)).cache });
  }

  // One attribute of one field changes (a field is renamed), EDITS times, on different entities.
  const nameAttr = metamodel.classes.find((c) => c.name === "Field")!.attributes.find((a) => a.name === "name")!.id;
  const fields = model.objects.filter((o) => o.classId === metamodel.classes.find((c) => c.name === "Field")!.id);
  let current: Model = model;
  const incremental: number[] = [];
  const incrementalRender: number[] = [];
  const renderedPerEdit: number[] = [];
  for (let e = 0; e < EDITS; e++) {
    const target = fields[(e * 97 + 13) % fields.length]!;
    current = { ...current, objects: current.objects.map((o) => (o.id === target.id ? { ...o, attributes: { ...o.attributes, [nameAttr]: `renamed${e}` } } : o)) };
    const t0 = performance.now();
    let rendered = 0;
    let renderMs = 0;
    for (let k = 0; k < templates.length; k++) {
      const r0 = performance.now();
      const result = generate(templates[k]!.compiled, metamodel, current, states[k]!.state, { remember: true });
      renderMs += performance.now() - r0;
      const out = await formatFiles(result.files, oxfmtFormatter, states[k]!.cache);
      rendered += result.stats.rendered;
      states[k] = { state: result.state, cache: out.cache };
    }
    incremental.push(performance.now() - t0);
    incrementalRender.push(renderMs);
    renderedPerEdit.push(rendered);
  }

  const peakMb = process.resourceUsage().maxRSS / 1024;
  const objects = model.objects.length;
  console.log(`\nGeneration: ${ENTITIES} entities (${objects} objects) × ${templates.length} templates (${templates.map((t) => t.key).join(", ")})`);
  console.log(`${os.cpus().length} cores, Node ${process.version}; median of ${RUNS} runs`);
  console.log(`files per run:                  ${fileCount} (${(bytes / 1e6).toFixed(1)} MB formatted)`);
  console.log(`files/s, unformatted:           ${median(raw).toFixed(0).padStart(7)}   (target >= 5,000)`);
  if (pool) console.log(`files/s, unformatted, ${pool.size} threads: ${median(parallel).toFixed(0).padStart(7)}   (render pool: the templates dealt out to worker threads; target >= 5,000)`);
  console.log(`files/s, formatted:             ${median(formatted).toFixed(0).padStart(7)}   (target >= 1,000)`);
  console.log(`one attribute changed, all ${templates.length} templates regenerated and formatted: median ${median(incremental).toFixed(1)} ms, max ${Math.max(...incremental).toFixed(1)} ms over ${EDITS} edits (target < 50 ms)`);
  console.log(`  of which rendering:            median ${median(incrementalRender).toFixed(1)} ms, max ${Math.max(...incrementalRender).toFixed(1)} ms; outputs rendered again per edit: ${median(renderedPerEdit)}`);
  console.log(`peak memory (max RSS):          ${peakMb.toFixed(0)} MB`);
}

void main();
