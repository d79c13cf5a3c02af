import { describe, expect, it } from "vitest";
import { type CorpusResult, judge, mainTable, replaceSection, SECTION, section } from "./report";

const stats = (wallS: number, peakMB: number) => ({ wallS, userS: wallS, sysS: 0, cpuS: wallS, peakMB, exitCode: 0 });

function result(over: Partial<CorpusResult> = {}): CorpusResult {
  return {
    corpus: "stripe-resources",
    files: 2,
    lines: 100,
    nonBlank: 80,
    versions: {},
    warnings: [],
    engine: { median: stats(2, 100), runs: [stats(2, 100)], groups: 3, countingGroups: 2, skippedFiles: 0 },
    roundTrip: { instances: 4, instancesOk: 4, files: 2, filesOk: 2, filesWithInstances: 2, failureCount: {} as never, failures: [], lineMismatches: 0, notAtLineStart: 0, badHoleNames: [] },
    coverage: {
      engine: 40,
      v5exact: 30,
      v5renamed: 50,
      v4: 20,
      vsRenamed: { a: 40, b: 50, both: 35, onlyA: 5, onlyB: 15 },
      vsExact: { a: 40, b: 30, both: 30, onlyA: 10, onlyB: 0 },
      jscpdPercent: { v5exact: 37.5 },
    },
    jscpd: { v5exact: { median: stats(0.1, 20), runs: [] }, v4: { median: stats(1, 130), runs: [] }, errors: [] },
    determinism: { runs: [], same: true, sourceChanged: false, compared: 4 },
    targetsMet: {},
    ...over,
  };
}

describe("judge", () => {
  it("applies each target where it belongs", () => {
    expect(judge(result(), { coverageTarget: true, family: false })).toEqual({ roundTrip: true, coverage: false, determinism: true });
    const rx = result({ corpus: "rxjs-control" });
    expect(judge(rx, { coverageTarget: false, family: false }).control).toBe(true);
    rx.coverage!.engine = 101;
    expect(judge(rx, { coverageTarget: false, family: false }).control).toBe(false);
    const effect = result({ corpus: "effect-scale", lines: 523_425 });
    effect.engine.median = stats(5, 1000);
    expect(judge(effect, { coverageTarget: false, family: false })).toMatchObject({ speed: true, memory: true });
    effect.engine.median = stats(6, 1600);
    expect(judge(effect, { coverageTarget: false, family: false })).toMatchObject({ speed: false, memory: false });
    const crashed = result({ roundTrip: undefined });
    crashed.engine.error = "exit 1";
    expect(judge(crashed, { coverageTarget: false, family: false }).roundTrip).toBe(false);
  });
});

describe("tables", () => {
  it("prints one row per corpus with marks", () => {
    const r = result();
    r.targetsMet = judge(r, { coverageTarget: true, family: false });
    const t = mainTable([r]);
    expect(t.split("\n")).toHaveLength(3);
    expect(t).toContain("| stripe-resources | 2 | 100 | 100.0% / 100.0% ✓ | 50.0% ✗ | 37.5% | 62.5% | 5 / 15 |");
    expect(t).toContain("| 20.0 / 2.00 |");
  });
});

describe("replaceSection", () => {
  const doc = "# Results\n\n## A\n\na\n\n## B\n\nb\n";
  it("appends a missing section", () => {
    expect(replaceSection(doc, "## C", "## C\n\nc")).toBe(`${doc}\n## C\n\nc\n`);
  });
  it("replaces a section in the middle or at the end, leaving the others", () => {
    expect(replaceSection(doc, "## A", "## A, again\n\nnew\n")).toBe("# Results\n\n## A, again\n\nnew\n\n## B\n\nb\n");
    expect(replaceSection(doc, "## B", "## B\n\nnew\n")).toBe("# Results\n\n## A\n\na\n\n## B\n\nnew\n");
  });
  it("writes a section that it can replace again", () => {
    const s = section([result()], { date: "2026-11-24", machine: "2 cores", runs: 3, command: "npm run bench:patterns" });
    expect(s.startsWith(`${SECTION}: \`npm run bench:patterns\`, 2026-11-24`)).toBe(true);
    const once = replaceSection(doc, SECTION, s);
    expect(replaceSection(once, SECTION, s)).toBe(once);
  });
});
