import { describe, expect, it } from "vitest";
import { buildFileTree, defaultVersion, filterFiles, formatBytes, formatDuration, splitRows, treeOrder, upgradeAvailable } from "./generation-info";

describe("formatBytes / formatDuration", () => {
  it("reads like people write sizes and times", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1024)).toBe("1 KB");
    expect(formatBytes(4300)).toBe("4.2 KB");
    expect(formatBytes(150 * 1024)).toBe("150 KB");
    expect(formatBytes(1.5 * 1024 * 1024)).toBe("1.5 MB");
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(85.4)).toBe("85 ms");
    expect(formatDuration(1400)).toBe("1.4 s");
    expect(formatDuration(2000)).toBe("2 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });
});

describe("versions", () => {
  it("offers an upgrade only from an older published pin", () => {
    expect(upgradeAvailable("1.0.0", "1.1.0")).toBe(true);
    expect(upgradeAvailable("1.10.0", "1.9.0")).toBe(false);
    expect(upgradeAvailable("1.1.0", "1.1.0")).toBe(false);
    expect(upgradeAvailable("draft", "1.1.0")).toBe(false);
    expect(upgradeAvailable(null, "1.1.0")).toBe(false);
    expect(upgradeAvailable("1.0.0", null)).toBe(false);
  });
  it("generates with the pin, else the latest, else the draft", () => {
    expect(defaultVersion("1.0.0", "2.0.0")).toBe("1.0.0");
    expect(defaultVersion(undefined, "2.0.0")).toBe("2.0.0");
    expect(defaultVersion(undefined, null)).toBe("draft");
  });
});

describe("buildFileTree", () => {
  const files = [
    { path: "README.md", size: 10 },
    { path: "src/models/user.ts", size: 100 },
    { path: "src/models/order.ts", size: 50 },
    { path: "sql/schema.sql", size: 7 },
    { path: "sql/seed/data.sql", size: 3 },
  ];

  it("nests folders first, sorts by name, sums sizes and compacts single-folder chains", () => {
    const tree = buildFileTree(files);
    expect(tree.map((n) => `${n.kind}:${n.name}:${n.size}`)).toEqual(["folder:sql:10", "folder:src/models:150", "file:README.md:10"]);
    const src = tree[1]!;
    expect(src.kind === "folder" && src.path).toBe("src/models");
    expect(src.kind === "folder" && src.fileCount).toBe(2);
    expect(treeOrder(tree)).toEqual(["sql/seed/data.sql", "sql/schema.sql", "src/models/order.ts", "src/models/user.ts", "README.md"]);
  });

  it("filters by path, case-insensitively", () => {
    expect(filterFiles(files, "MODELS").map((f) => f.path)).toEqual(["src/models/user.ts", "src/models/order.ts"]);
    expect(filterFiles(files, " ")).toHaveLength(5);
  });
});

describe("splitRows", () => {
  it("puts removals beside additions and context on both sides", () => {
    const l = (kind: "context" | "added" | "removed", text: string) => ({ kind, text, oldLine: null, newLine: null });
    const rows = splitRows([l("context", "a"), l("removed", "b"), l("removed", "c"), l("added", "B"), l("context", "d"), l("added", "e")]);
    expect(rows.map((r) => `${r.left?.text ?? "_"}|${r.right?.text ?? "_"}`)).toEqual(["a|a", "b|B", "c|_", "d|d", "_|e"]);
  });
});
