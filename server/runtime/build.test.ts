import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildIsCurrent, sourceHash } from "./build";

const dirs: string[] = [];
function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-build-"));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, "app"));
  fs.writeFileSync(path.join(dir, "app", "page.tsx"), "export default 1;");
  fs.writeFileSync(path.join(dir, "package.json"), "{}");
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("build freshness", () => {
  it("the source hash changes with a source file, not with a test file", () => {
    const dir = project();
    const before = sourceHash(dir);
    fs.writeFileSync(path.join(dir, "app", "page.test.ts"), "test");
    expect(sourceHash(dir)).toBe(before);
    fs.writeFileSync(path.join(dir, "app", "page.tsx"), "export default 2;");
    expect(sourceHash(dir)).not.toBe(before);
  });

  it("a build is current only with a BUILD_ID and a matching stamp", () => {
    const dir = project();
    expect(buildIsCurrent(dir)).toBe(false);
    fs.mkdirSync(path.join(dir, ".next"));
    fs.writeFileSync(path.join(dir, ".next", "BUILD_ID"), "x");
    fs.writeFileSync(path.join(dir, ".next", "metaforge-build.json"), JSON.stringify({ hash: sourceHash(dir) }));
    expect(buildIsCurrent(dir)).toBe(true);
    fs.writeFileSync(path.join(dir, "app", "page.tsx"), "changed");
    expect(buildIsCurrent(dir)).toBe(false);
  });
});
