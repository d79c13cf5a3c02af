import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkOutputPath } from "./paths";

describe("checkOutputPath", () => {
  it.each([
    ["src/models/order.ts", "src/models/order.ts"],
    ["  ./src/./a.ts ", "src/a.ts"],
    ["README.md", "README.md"],
    [".github/workflows/ci.yml", ".github/workflows/ci.yml"],
  ])("accepts %j as %j", (input, expected) => {
    expect(checkOutputPath(input)).toEqual({ ok: true, path: expected });
  });

  it.each([
    ["../etc/passwd", "leaves the output folder"],
    ["src/../../x", "leaves the output folder"],
    ["/etc/passwd", "absolute"],
    ["C:/Windows/x", "absolute"],
    ["~/x", "absolute"],
    ["src\\..\\x", "backslash"],
    ["src//a.ts", "empty folder name"],
    ["src/", "empty folder name"],
    ["a\nb", "control character"],
    [".git/hooks/pre-commit", ".git"],
    ["x".repeat(300), "longer than 255"],
  ])("refuses %j (%s)", (input, reason) => {
    const r = checkOutputPath(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(reason);
  });

  it("an accepted path never escapes the output folder", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "..", ".", "", "/", "\\", "b.ts", "~", "C:"), { maxLength: 8 }), (parts) => {
        const r = checkOutputPath(parts.join("/"));
        if (!r.ok) return;
        // Resolve like a file system would: the depth must never go below zero.
        let depth = 0;
        for (const s of r.path.split("/")) depth += s === ".." ? -1 : 1;
        expect(r.path.split("/")).not.toContain("..");
        expect(depth).toBeGreaterThan(0);
        expect(r.path.startsWith("/")).toBe(false);
      }),
    );
  });
});
