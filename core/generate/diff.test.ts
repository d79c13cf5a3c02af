import { describe, expect, it } from "vitest";
import { diffFiles } from "./diff";

describe("diffFiles", () => {
  it("lists added, removed and changed files with line hunks, and counts the unchanged", () => {
    const d = diffFiles(
      [
        { path: "a.ts", content: "one\ntwo\nthree\n" },
        { path: "gone.ts", content: "x\n" },
        { path: "same.ts", content: "s\n" },
      ],
      [
        { path: "a.ts", content: "one\nTWO\nthree\n" },
        { path: "new.ts", content: "n1\nn2\n" },
        { path: "same.ts", content: "s\n" },
      ],
    );
    expect(d.unchanged).toBe(1);
    expect(d.files.map((f) => [f.path, f.status, f.added, f.removed])).toEqual([
      ["a.ts", "changed", 1, 1],
      ["gone.ts", "removed", 0, 1],
      ["new.ts", "added", 2, 0],
    ]);
    expect(d.files[0]!.hunks[0]!.lines).toEqual([
      { kind: "context", text: "one", oldLine: 1, newLine: 1 },
      { kind: "removed", text: "two", oldLine: 2, newLine: null },
      { kind: "added", text: "TWO", oldLine: null, newLine: 2 },
      { kind: "context", text: "three", oldLine: 3, newLine: 3 },
    ]);
  });

  it("two equal sets have no differences", () => {
    const files = [{ path: "a", content: "1" }];
    expect(diffFiles(files, files)).toEqual({ files: [], unchanged: 1 });
  });
});
