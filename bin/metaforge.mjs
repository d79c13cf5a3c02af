#!/usr/bin/env -S node --max-semi-space-size=64
// `npx metaforge …`: runs the TypeScript command line (bin/metaforge.ts) from one file bundled by esbuild
// into node_modules/.cache/metaforge/, bundled again whenever a source it was made from has changed (their
// sizes and modification times are kept beside it). Loading the TypeScript through tsx instead costs ~0.2 s
// at every start; tsx is still the way in when esbuild cannot bundle. A young generation of 64 MB, larger
// than V8's default: the pattern engine allocates many short-lived strings, and collecting them less often
// was measured ~4% faster end to end on effect-scale (bench/RESULTS.md).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entry = path.join(root, "bin", "metaforge.ts");
const bundle = path.join(root, "node_modules", ".cache", "metaforge", "cli.mjs");
const sourcesFile = `${bundle}.sources.json`;

/** Size and modification time of a source: what tells that it changed. */
const stamp = (file) => {
  const s = fs.statSync(path.join(root, file));
  return `${s.size}:${s.mtimeMs}`;
};

function upToDate() {
  try {
    const sources = JSON.parse(fs.readFileSync(sourcesFile, "utf8"));
    return fs.existsSync(bundle) && Object.entries(sources).every(([file, was]) => stamp(file) === was);
  } catch {
    return false;
  }
}

/** Bundles the command line (written aside and renamed, so a run started meanwhile never reads half a file). */
async function build() {
  const { build: esbuild } = await import("esbuild");
  fs.mkdirSync(path.dirname(bundle), { recursive: true });
  const temp = `${bundle}.${process.pid}`;
  const result = await esbuild({ entryPoints: [entry], outfile: temp, bundle: true, platform: "node", format: "esm", packages: "external", metafile: true, logLevel: "silent", absWorkingDir: root });
  const sources = Object.fromEntries(Object.keys(result.metafile.inputs).map((file) => [file, stamp(file)]));
  fs.writeFileSync(`${temp}.sources.json`, JSON.stringify(sources));
  fs.renameSync(temp, bundle);
  fs.renameSync(`${temp}.sources.json`, sourcesFile);
}

let bundled = upToDate();
if (!bundled) {
  try {
    await build();
    bundled = true;
  } catch {
    bundled = false;
  }
}
if (bundled) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./metaforge.ts");
}
