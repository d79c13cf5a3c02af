import { describe, expect, it } from "vitest";
import { compareSemver, nextVersions, parseSemver, sortVersions, versionProblem } from "./versions";

describe("template versions", () => {
  it("parses MAJOR.MINOR.PATCH only", () => {
    expect(parseSemver("1.10.0")).toEqual([1, 10, 0]);
    expect(parseSemver(" 0.1.2 ")).toEqual([0, 1, 2]);
    for (const bad of ["1.0", "v1.0.0", "1.0.0-beta", "01.0.0", "1.0.0.0", ""]) expect(parseSemver(bad), bad).toBeNull();
  });

  it("compares numerically, not as text", () => {
    expect(compareSemver("1.10.0", "1.9.0")).toBeGreaterThan(0);
    expect(sortVersions(["1.0.0", "1.10.0", "1.2.0", "0.9.9"])).toEqual(["1.10.0", "1.2.0", "1.0.0", "0.9.9"]);
  });

  it("suggests the next versions", () => {
    expect(nextVersions(null)).toEqual({ patch: "0.1.0", minor: "0.1.0", major: "1.0.0" });
    expect(nextVersions("1.0.3")).toEqual({ patch: "1.0.4", minor: "1.1.0", major: "2.0.0" });
  });

  it("refuses a malformed, existing or lower version", () => {
    expect(versionProblem("1.1.0", ["1.0.0"])).toBeNull();
    expect(versionProblem("1.1", ["1.0.0"])).toContain("MAJOR.MINOR.PATCH");
    expect(versionProblem("1.0.0", ["1.0.0"])).toContain("already published");
    expect(versionProblem("0.9.0", ["1.0.0"])).toContain("not above the latest, 1.0.0. Try 1.1.0");
  });
});
