import { describe, expect, it } from "vitest";
import { oxfmtFormatter } from "@/server/generation/formatter";
import { starterByKey } from "../metamodel/starters";
import { BUILTIN_TEMPLATES } from "./builtin";
import { formatTestReport, runTemplateTests } from "./test-cases";
import { BUILTIN_CASES_DIR, builtinCaseDir, builtinTestCases, EXPECTED_SUFFIX } from "./test-cases-builtin";

/**
 * The built-in templates' test cases, run by the runner the template page uses, with the formatter
 * generation uses: the output must equal the checked-in files under builtin/cases/ byte for byte.
 * After a deliberate change to a built-in: `npm run templates:accept`, then read the diff.
 */

declare global {
  interface ImportMeta {
    /** Vite's glob import (here: every expected file's text, eagerly). */
    glob(pattern: string, options: { query: "?raw"; import: "default"; eager: true }): Record<string, string>;
  }
}

const raw = import.meta.glob("./builtin/cases/**/*", { query: "?raw", import: "default", eager: true });
const stored = new Map(Object.entries(raw).map(([p, content]) => [p.replace("./builtin/cases/", ""), content]));
const ACCEPT = `If the change is intended, run \`npm run templates:accept\` and read the diff of ${BUILTIN_CASES_DIR}.`;

describe("the built-in templates' test cases", () => {
  it("every built-in has at least one case, each expecting files that are checked in", () => {
    for (const builtin of BUILTIN_TEMPLATES) {
      const cases = builtinTestCases(builtin, stored);
      expect(cases.length, builtin.key).toBeGreaterThan(0);
      for (const c of cases) expect(c.expected.length, `${builtin.key} / ${c.name}`).toBeGreaterThan(0);
    }
  });

  it("no stored file belongs to no case (a removed case or built-in leaves nothing behind)", () => {
    const known = BUILTIN_TEMPLATES.flatMap((b) => b.cases.map((c) => `${builtinCaseDir(b.key, c.id)}/`));
    const orphans = [...stored.keys()].filter((p) => !p.endsWith(EXPECTED_SUFFIX) || !known.some((k) => p.startsWith(k)));
    expect(orphans).toEqual([]);
  });

  for (const builtin of BUILTIN_TEMPLATES) {
    it(`${builtin.key}: generates exactly its expected files`, async () => {
      const mm = starterByKey(builtin.starter)!.build();
      const run = await runTemplateTests(mm, builtin.template, builtinTestCases(builtin, stored), { formatter: oxfmtFormatter });
      expect(run.failed, `${formatTestReport(builtin.template, run)}\n${ACCEPT}`).toBe(0);
      for (const c of run.cases) expect(c.warnings, "every formatted file parses").toEqual([]);
    });
  }

  it("fails when a built-in's output changes (the check is not a tautology)", async () => {
    const builtin = BUILTIN_TEMPLATES.find((b) => b.key === "postgres-ddl")!;
    const mm = starterByKey(builtin.starter)!.build();
    const changed = { ...builtin.template, files: builtin.template.files.map((f) => ({ ...f, body: f.body.replace("CREATE TABLE", "CREATE UNLOGGED TABLE") })) };
    const run = await runTemplateTests(mm, changed, builtinTestCases(builtin, stored), { formatter: oxfmtFormatter });
    expect(run.failed).toBe(1);
    expect(run.cases[0]!.files).toEqual([{ path: "schema.sql", status: "changed" }]);
    expect(run.cases[0]!.diff.files[0]!.hunks[0]!.lines.some((l) => l.kind === "added" && l.text.startsWith("CREATE UNLOGGED TABLE"))).toBe(true);
  });
});
