/**
 * `npm run templates:accept [key...]`: rewrites the built-in templates' expected files
 * (core/templates/builtin/cases/) with what each built-in generates now from its fixture models,
 * formatted like a generation run. Run it after changing a built-in on purpose, then READ the diff
 * (`git diff core/templates/builtin/cases`) before committing: the unit test
 * (core/templates/test-cases-builtin.test.ts) fails whenever the output differs from these files, so
 * whatever you commit here is what the built-ins are held to.
 *
 * With keys, only those built-ins are rewritten. Exits non-zero when a case cannot be recorded (its
 * fixture does not conform, or the built-in renders with problems).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { starterByKey } from "../core/metamodel/starters";
import { BUILTIN_TEMPLATES } from "../core/templates/builtin";
import { withCurrentOutput } from "../core/templates/test-cases";
import { BUILTIN_CASES_DIR, builtinCaseDir, expectedFilePath } from "../core/templates/test-cases-builtin";
import { oxfmtFormatter } from "../server/generation/formatter";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const casesDir = path.join(root, BUILTIN_CASES_DIR);

const keys = process.argv.slice(2);
const unknown = keys.filter((k) => !BUILTIN_TEMPLATES.some((b) => b.key === k));
if (unknown.length) {
  console.error(`✖ No built-in named ${unknown.join(", ")}. The built-ins: ${BUILTIN_TEMPLATES.map((b) => b.key).join(", ")}.`);
  process.exit(1);
}

let failed = false;
let changed = 0;
for (const builtin of BUILTIN_TEMPLATES.filter((b) => keys.length === 0 || keys.includes(b.key))) {
  const mm = starterByKey(builtin.starter)!.build();
  const { tests, skipped } = await withCurrentOutput(mm, builtin.template, builtin.cases, { formatter: oxfmtFormatter });
  for (const s of skipped) {
    console.error(`✖ ${builtin.key} / ${s.name}: not recorded: ${s.reason}`);
    failed = true;
  }
  for (const test of tests) {
    const dir = path.join(casesDir, builtinCaseDir(builtin.key, test.id));
    const before = new Map<string, string>();
    const walk = (d: string) => {
      if (!fs.existsSync(d)) return;
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else before.set(path.relative(casesDir, full).split(path.sep).join("/"), fs.readFileSync(full, "utf8"));
      }
    };
    walk(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    const written = new Set<string>();
    for (const file of test.expected) {
      const rel = expectedFilePath(builtin.key, test.id, file.path);
      fs.mkdirSync(path.dirname(path.join(casesDir, rel)), { recursive: true });
      fs.writeFileSync(path.join(casesDir, rel), file.content);
      written.add(rel);
      const status = !before.has(rel) ? "added" : before.get(rel) === file.content ? null : "changed";
      if (status) {
        console.log(`${status.padEnd(8)} ${BUILTIN_CASES_DIR}/${rel}`);
        changed++;
      }
    }
    for (const rel of before.keys()) {
      if (written.has(rel)) continue;
      console.log(`removed  ${BUILTIN_CASES_DIR}/${rel}`);
      changed++;
    }
  }
}
console.log(changed ? `\n${changed} expected file(s) rewritten. Read them (git diff ${BUILTIN_CASES_DIR}) before committing.` : "Nothing changed: the expected files match the built-ins' output.");
process.exit(failed ? 1 : 0);
