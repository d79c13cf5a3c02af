import { describe, expect, it } from "vitest";
import { compressionLabel, holeColor, matchesFilter, overallProgress, percent, phaseSteps, step, toLines } from "./analysis-info";

describe("analysis progress", () => {
  it("maps each phase's counter onto one bar; unknown while queued or cloning", () => {
    const at = (phase: string | null, done: number, total: number, status = "running") => overallProgress({ status, phase, progressDone: done, progressTotal: total });
    expect(at(null, 0, 0, "queued")).toBeNull();
    expect(at("cloning", 0, 0)).toBeNull();
    expect(at("reading", 0, 10)).toBe(0);
    expect(at("reading", 10, 10)).toBe(35);
    expect(at("matching", 5, 10)).toBe(48);
    expect(at("extracting", 10, 10)).toBe(98);
    expect(at("reading", 3, 0)).toBe(0);
    expect(at(null, 0, 0, "done")).toBe(100);
  });

  it("steps: cloning only for git; earlier phases done", () => {
    expect(phaseSteps({ status: "running", phase: "matching", sourceKind: "paste" }).map((s) => s.state)).toEqual(["done", "current", "todo"]);
    expect(phaseSteps({ status: "running", phase: "cloning", sourceKind: "git" }).map((s) => [s.phase, s.state])[0]).toEqual(["cloning", "current"]);
  });
});

describe("numbers and lists", () => {
  it("formats shares and compression", () => {
    expect(percent(0.901)).toBe("90%");
    expect(percent(null)).toBe("—");
    expect(compressionLabel(0.25)).toBe("4.0×");
    expect(compressionLabel(0)).toBe("—");
  });

  it("filters groups by every word, and steps through them without wrapping", () => {
    const groups = [
      { groupId: "g1", unit: "file", language: "typescript", holes: [{ name: "entity" }], files: ["src/services/a.ts"] },
      { groupId: "g2", unit: "function", language: "python", holes: [{ name: "text" }], files: ["scripts/x.py"] },
    ];
    expect(groups.filter((g) => matchesFilter(g, "python text")).map((g) => g.groupId)).toEqual(["g2"]);
    expect(groups.filter((g) => matchesFilter(g, "services")).map((g) => g.groupId)).toEqual(["g1"]);
    expect(groups.filter((g) => matchesFilter(g, "  ")).length).toBe(2);
    expect(step(groups, null, 1)).toBe("g1");
    expect(step(groups, "g1", 1)).toBe("g2");
    expect(step(groups, "g2", 1)).toBe("g2");
    expect(step(groups, "g1", -1)).toBe("g1");
    expect(step([], "g1", 1)).toBeNull();
  });

  it("hole colours cycle", () => {
    expect(holeColor(0)).toBe(holeColor(8));
    expect(holeColor(1)).not.toBe(holeColor(0));
  });
});

describe("code lines", () => {
  it("splits spans at line breaks, keeping each piece's hole", () => {
    expect(toLines([{ text: "a\nb", dim: true }, { text: "X", hole: 0 }, { text: "c\n" }])).toEqual([
      [{ text: "a", dim: true }],
      [{ text: "b", dim: true }, { text: "X", hole: 0 }, { text: "c" }],
      [],
    ]);
  });
});
