// A worker thread that prepares files for the pattern engine (tokens, syntax, hashes): see run.ts.
// Plain JavaScript that loads the TypeScript modules through tsx, as worker threads do not inherit
// the parent's `--import tsx`.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { prepareFile } = await import("../../core/patterns/engine.ts");
const { loadSyntax } = await import("./syntax.ts");
const { sha256Hex } = await import("./hash.ts");
const { languageOf } = await import("../../core/patterns/files.ts");

parentPort.on("message", async ({ files, languages }) => {
  try {
    const syntax = await loadSyntax(files.map((f) => languageOf(f.path)));
    const prepared = [];
    const transfer = [];
    for (const file of files) {
      const p = prepareFile(file, { syntax, sha256: sha256Hex, languages });
      prepared.push(p);
      if (p.tokens) {
        for (const a of [p.tokens.kind, p.tokens.start, p.tokens.end, p.tokens.norm, p.tokens.exact]) transfer.push(a.buffer);
        transfer.push(p.lines.buffer, p.prefix.buffer);
      }
      parentPort.postMessage({ progress: 1 });
    }
    parentPort.postMessage({ prepared }, [...new Set(transfer)]);
  } catch (error) {
    parentPort.postMessage({ error: String(error?.stack ?? error) });
  }
});
