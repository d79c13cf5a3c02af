/**
 * Runs the test cases of template files (`metaforge.template`, downloaded from a template's Tests
 * panel: "Download for CI"), the same way the template page runs them: fixture models checked against
 * the meta-model in the file, output formatted like a generation run, compared byte for byte.
 *
 *   node --import tsx scripts/template-test.ts <template.json> [more.json ...]
 *
 * Prints one line per case (and the diff under a failing one); exits 1 when a case fails or a file
 * cannot be read, 0 when every case of every file passes. See docs/models-templates-generation.md.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatTestReport, runTemplateTests } from "../core/templates/test-cases";
import { parseTemplateFile } from "../core/templates/test-cases-file";
import { oxfmtFormatter } from "../server/generation/formatter";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readFile(file: string): string;
}

const USAGE = "Usage: node --import tsx scripts/template-test.ts <template.json> [more.json ...]\nDownload a template file from the template page: Tests → Download for CI.";

/** Runs the files' test cases; returns the exit code. */
export async function templateTestCli(args: string[], io: CliIo): Promise<number> {
  if (args.length === 0 || args.includes("--help") || args.includes("-h")) {
    (args.length === 0 ? io.err : io.out)(`${USAGE}\n`);
    return args.length === 0 ? 1 : 0;
  }
  let failed = false;
  for (const file of args) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (error) {
      io.err(`✖ ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).\n`);
      failed = true;
      continue;
    }
    const parsed = parseTemplateFile(text);
    if (!parsed.ok) {
      io.err(`✖ ${file}: ${parsed.error}\n`);
      failed = true;
      continue;
    }
    const { template, metamodel } = parsed;
    io.out(`${template.name} (${file})\n`);
    if (template.tests.length === 0) {
      io.out("No test cases: add some on the template page (Tests → Add from a model).\n\n");
      continue;
    }
    const run = await runTemplateTests(metamodel, template, template.tests, { formatter: oxfmtFormatter });
    io.out(formatTestReport(template, run));
    io.out("\n");
    if (run.failed) failed = true;
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const code = await templateTestCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    readFile: (f) => fs.readFileSync(f, "utf8"),
  });
  process.exit(code);
}
