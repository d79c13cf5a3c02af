/**
 * The Metaforge command line. No server, no database.
 *
 *   metaforge analyze DIR [--lang typescript,python,...] [--json OUT] [--top N] [--min-tokens N]
 *
 * See docs/patterns.md and docs/reference/pattern-analysis-format.md.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { SourceFile } from "../core/patterns/engine";
import { LANGUAGES } from "../core/patterns/files";
import { readFolder } from "../server/patterns/read-folder";
import { runAnalysis } from "../server/patterns/run";

const USAGE = `Usage: metaforge analyze DIR [options]

Finds the repeated code in DIR and extracts each repeated shape as a Liquid template with holes,
plus the hole values of every occurrence, such that rendering gives the original code back exactly.

Options:
  --lang LIST        only these languages (comma-separated: ${LANGUAGES.join(", ")})
  --json OUT         write the analysis as JSON (docs/reference/pattern-analysis-format.md)
  --top N            groups shown in the summary table (default 15)
  --min-tokens N     smallest instance in tokens (default 50)
  --order ORDER      file order given to the engine: sorted (default), reverse or shuffle:SEED
                     (the output does not depend on it; this is for checking that)
  --quiet            print nothing but errors
  -h, --help         this help`;

function fail(message: string): never {
  process.stderr.write(`metaforge: ${message}\n`);
  process.exit(2);
}

function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0 || 1;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + " ".repeat(n - s.length));
const padStart = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

async function analyzeCommand(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      lang: { type: "string" },
      json: { type: "string" },
      top: { type: "string", default: "15" },
      "min-tokens": { type: "string" },
      order: { type: "string", default: "sorted" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const dir = positionals[0];
  if (!dir || positionals.length > 1) fail(`give one folder to analyse.\n\n${USAGE}`);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) fail(`${dir} is not a folder.`);
  const languages = values.lang ? values.lang.split(",").map((l) => l.trim()).filter(Boolean) : [];
  for (const l of languages) if (!(LANGUAGES as readonly string[]).includes(l)) fail(`unknown language "${l}" (known: ${LANGUAGES.join(", ")}).`);
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 0) fail("--top takes a whole number.");
  const minTokens = values["min-tokens"] === undefined ? undefined : Number(values["min-tokens"]);
  if (minTokens !== undefined && (!Number.isInteger(minTokens) || minTokens < 10)) fail("--min-tokens takes a whole number of at least 10.");

  const started = performance.now();
  const { files: read, tooLarge } = readFolder(dir);
  let files: SourceFile[] = read;
  const order = values.order;
  if (order === "reverse") files = [...files].reverse();
  else if (order.startsWith("shuffle:")) files = shuffle(files, Number(order.slice(8)));
  else if (order !== "sorted") fail(`unknown --order "${order}".`);
  const analysis = await runAnalysis(files, { options: { languages, ...(minTokens ? { minTokens } : {}) } });
  const seconds = (performance.now() - started) / 1000;
  if (values.json) {
    fs.mkdirSync(path.dirname(path.resolve(values.json)), { recursive: true });
    fs.writeFileSync(values.json, `${JSON.stringify(analysis)}\n`);
  }
  if (values.quiet) return;
  const s = analysis.summary;
  const out: string[] = [];
  out.push(
    `${s.files} files (${s.skipped} skipped${tooLarge.length ? `, ${tooLarge.length} over 8 MB not read` : ""}), ${s.lines.toLocaleString("en")} non-blank lines, ${s.groups} groups, ` +
      `${(s.coverage * 100).toFixed(1)}% of lines in a group, compression ${s.compression.toFixed(2)}, ${seconds.toFixed(2)} s`,
  );
  if (analysis.groups.length > 0 && top > 0) {
    out.push("");
    out.push(`${pad("group", 6)} ${pad("unit", 10)} ${padStart("inst", 5)} ${padStart("lines", 6)} ${padStart("saved", 6)} ${padStart("holes", 5)} ${padStart("compr", 6)}  first occurrence`);
    for (const g of analysis.groups.slice(0, top)) {
      const first = g.instances[0]!;
      out.push(
        `${pad(g.id, 6)} ${pad(g.unit, 10)} ${padStart(String(g.instances.length), 5)} ${padStart(String(g.stats.lines), 6)} ${padStart(String(g.stats.linesSaved), 6)} ` +
          `${padStart(String(g.holes.length), 5)} ${padStart(g.stats.compression.toFixed(2), 6)}  ${first.file}:${first.startLine}`,
      );
    }
    if (analysis.groups.length > top) out.push(`… ${analysis.groups.length - top} more${values.json ? ` in ${values.json}` : " (--json OUT writes them all)"}`);
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

const [command, ...rest] = process.argv.slice(2);
if (command === "analyze") await analyzeCommand(rest);
else if (!command || command === "-h" || command === "--help" || command === "help") process.stdout.write(`${USAGE}\n`);
else fail(`unknown command "${command}".\n\n${USAGE}`);
