// A worker thread of the render pool (render-pool.ts): generates the templates it is given from one
// model and sends the results back as plain data. Plain JavaScript that loads the TypeScript modules
// through tsx, as worker threads do not inherit the parent's `--import tsx`.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { generate, toWire } = await import("../../core/generate/generator.ts");
const { compileTemplate } = await import("../../core/templates/engine.ts");

// Templates compiled once (the same template arrives again with every batch).
const compiled = new Map();
const compile = (template) => {
  const key = JSON.stringify(template);
  let c = compiled.get(key);
  if (!c) {
    if (compiled.size > 100) compiled.clear();
    compiled.set(key, (c = compileTemplate(template)));
  }
  return c;
};

parentPort.on("message", ({ id, metamodel, model, templates, options }) => {
  try {
    const results = templates.map((template) => toWire(generate(compile(template), metamodel, model, undefined, options)));
    parentPort.postMessage({ id, results });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.stack ?? error) });
  }
});
parentPort.postMessage({ ready: true });
