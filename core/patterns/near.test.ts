import { describe, expect, it } from "vitest";
import { nearClusters, type NearUnit } from "./near";

const sig = (seed: number) => Int32Array.from({ length: 12 }, (_, i) => seed * 100 + i);

describe("nearClusters (PA-17)", () => {
  it("joins similar units of one scope around the first as leader", () => {
    const units: NearUnit[] = [
      { scope: "js", length: 100, sig: sig(1) },
      { scope: "js", length: 90, sig: sig(1) },
      { scope: "py", length: 100, sig: sig(1) },
      { scope: "js", length: 50, sig: sig(1) }, // lengths more than 30% apart
    ];
    expect(nearClusters(units)).toEqual([[0, 1]]);
  });

  it("never puts a unit in the cluster of a unit it overlaps (a function and a statement inside it)", () => {
    const units: NearUnit[] = [
      { scope: "js", length: 100, sig: sig(1), at: { doc: 0, start: 0, end: 100 } },
      { scope: "js", length: 90, sig: sig(1), at: { doc: 0, start: 5, end: 95 } },
      { scope: "js", length: 100, sig: sig(1), at: { doc: 1, start: 0, end: 100 } },
      { scope: "js", length: 90, sig: sig(1), at: { doc: 1, start: 5, end: 95 } },
    ];
    // The functions form one cluster and the statements inside them another, instead of one cluster
    // where each statement could never be an instance beside its own function.
    expect(nearClusters(units)).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });
});
