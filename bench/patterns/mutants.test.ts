import { describe, expect, it } from "vitest";
import { type Analysis, fileTexts } from "./metrics";
import { findFunctions, findMutants, injectMutants, prng, renameMutant, statementMutant } from "./mutants";

const body = (name: string, n: number) =>
  `export function ${name}<T>(source: Observable<T>, count: number): Observable<T> {\n` +
  Array.from({ length: n }, (_, i) => `  const v${i} = source.pipe(take(${i}), map((x) => x + '${name}'));`).join("\n") +
  `\n  return v0;\n}\n`;

const FILE_A = `import { map } from './map';\n\nexport function over(a: number): number;\nexport function over(a: string): string;\n${body("over", 6)}\n/** doc */\n${body("second", 7)}`;
const FILE_B = `export const x = 1;\n${body("third", 8)}`;
const FILE_C = "export const nothing = 0;\n";

describe("findFunctions", () => {
  it("finds top-level functions with bodies and skips overload signatures", () => {
    const fns = findFunctions(FILE_A);
    expect(fns.map((f) => f.name)).toEqual(["over", "second"]);
    const [over] = fns;
    expect(FILE_A.slice(over!.start, over!.end)).toBe(body("over", 6));
    expect(over!.startLine).toBe(5);
    expect(over!.endLine).toBe(5 + 6 + 2);
  });
});

describe("mutations", () => {
  it("type 2 renames declared identifiers and changes literals", () => {
    const { code } = renameMutant(body("third", 2), "third");
    expect(code).toContain("export function thirdAlt<T>");
    expect(code).toContain("const v0Alt = source.pipe(take(1), map((x) => x + 'third_alt'));");
    expect(code).toContain("return v0Alt;");
    expect(code).not.toContain(".pipeAlt");
  });

  it("type 3 adds or removes the statement nearest the middle", () => {
    const code = body("third", 4);
    const added = statementMutant(code, 0)!;
    expect(added.code.split("\n")).toHaveLength(code.split("\n").length + 1);
    expect(added.code).toContain("const injectedCheck");
    const removed = statementMutant(code, 1)!;
    expect(removed.code.split("\n")).toHaveLength(code.split("\n").length - 1);
    expect(statementMutant("export function f() {\n  return 1;\n}", 0)).toBeNull();
  });
});

describe("injectMutants", () => {
  const files = new Map([
    ["a.ts", FILE_A],
    ["b.ts", FILE_B],
    ["c.ts", FILE_C],
  ]);

  it("appends mutants of each type to other files, with exact ranges, deterministically", () => {
    const { files: out, mutants } = injectMutants(files, 1, 7);
    expect(mutants.map((m) => m.type).sort()).toEqual([1, 2, 3]);
    for (const m of mutants) {
      expect(m.target.file).not.toBe(m.source.file);
      const target = out.get(m.target.file)!;
      const lines = target.split("\n");
      const code = target.slice(m.target.start, m.target.end);
      expect(lines.slice(m.target.startLine - 1, m.target.endLine).join("\n")).toBe(code);
      const original = files.get(m.source.file)!.slice(m.source.start, m.source.end).replace(/\n$/, "");
      if (m.type === 1) expect(code).toBe(original);
      else expect(code).not.toBe(original);
    }
    // The original text stays a prefix of every file.
    for (const [p, t] of files) expect(out.get(p)!.startsWith(t)).toBe(true);
    expect(injectMutants(files, 1, 7)).toEqual({ files: out, mutants });
    expect(prng(1)()).toBe(prng(1)());
  });

  it("counts a mutant found when half its lines are grouped with its original", () => {
    const { files: out, mutants } = injectMutants(files, 1, 7);
    const texts = fileTexts(out);
    const m = mutants.find((x) => x.type === 1)!;
    const analysis = (withOriginal: boolean): Analysis => ({
      format: "metaforge.pattern-analysis",
      version: 1,
      files: [],
      groups: [
        {
          id: "g1",
          unit: "function",
          language: "typescript",
          template: "",
          holes: [],
          instances: [
            withOriginal ? { file: m.source.file, start: m.source.start, end: m.source.end - 1, startLine: 0, endLine: 0, bindings: {} } : { file: "c.ts", start: 0, end: 5, startLine: 1, endLine: 1, bindings: {} },
            { file: m.target.file, start: m.target.start, end: m.target.end, startLine: 0, endLine: 0, bindings: {} },
          ],
          stats: { lines: 0, linesSaved: 0, templateBytes: 0, bindingBytes: 0, originalBytes: 0, compression: 0, holeShare: 0, score: 0 },
        },
      ],
    });
    const found = findMutants([m], analysis(true), texts)[0]!;
    expect(found).toMatchObject({ foundByEngine: true, engine: 1, jscpd: null });
    expect(findMutants([m], analysis(false), texts)[0]!.foundByEngine).toBe(false);
    const report = { duplicates: [{ firstFile: { name: m.target.file, start: m.target.startLine, end: m.target.startLine + 1 }, secondFile: { name: m.source.file, start: m.source.startLine, end: m.source.endLine } }] };
    const viaJscpd = findMutants([m], analysis(false), texts, { report, root: "" })[0]!;
    expect(viaJscpd.foundByJscpd).toBe(false);
    expect(viaJscpd.jscpd).toBeGreaterThan(0);
  });
});
