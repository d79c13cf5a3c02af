import type { BuiltinTemplate } from "./builtin/define";
import type { TemplateTestCase } from "./test-cases-schema";

/**
 * Where the built-in templates' expected files are checked in: one folder per built-in and case,
 * `core/templates/builtin/cases/<key>/<case id without "t_">/<path>.txt`. The `.txt` suffix keeps
 * TypeScript, the linter and the build from treating generated code as the project's own.
 */

export const BUILTIN_CASES_DIR = "core/templates/builtin/cases";
export const EXPECTED_SUFFIX = ".txt";

/** The folder of one case, relative to BUILTIN_CASES_DIR. */
export const builtinCaseDir = (key: string, caseId: string) => `${key}/${caseId.replace(/^t_/, "")}`;

/** Where an expected file of a case is stored, relative to BUILTIN_CASES_DIR. */
export const expectedFilePath = (key: string, caseId: string, path: string) => `${builtinCaseDir(key, caseId)}/${path}${EXPECTED_SUFFIX}`;

/**
 * A built-in's test cases, complete: its case definitions with the expected files found in `stored`
 * (path relative to BUILTIN_CASES_DIR → content). A case with no stored files expects none.
 */
export function builtinTestCases(builtin: BuiltinTemplate, stored: ReadonlyMap<string, string>): TemplateTestCase[] {
  return builtin.cases.map((c) => {
    const prefix = `${builtinCaseDir(builtin.key, c.id)}/`;
    const expected = [...stored]
      .filter(([p]) => p.startsWith(prefix) && p.endsWith(EXPECTED_SUFFIX))
      .map(([p, content]) => ({ path: p.slice(prefix.length, -EXPECTED_SUFFIX.length), content }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { ...c, expected };
  });
}
