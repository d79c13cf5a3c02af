import { describe, expect, it } from "vitest";
import { checkFiles, checkGitUrl, createFromGitInput, gitRefSchema, holeNameSchema, isPrivateHost, normalizePath, stripCommonRoot } from "./inputs";

describe("paths", () => {
  it("normalises ./, . and repeated slashes", () => {
    expect(normalizePath("./src//a/./b.ts")).toEqual({ ok: true, path: "src/a/b.ts" });
    expect(normalizePath("café/ünï.py")).toEqual({ ok: true, path: "café/ünï.py" });
  });

  it.each([
    ["../etc/passwd", ".."],
    ["src/../../x", ".."],
    ["/etc/passwd", "absolute"],
    ["C:/Windows/x", "absolute"],
    ["~/.ssh/id_rsa", "absolute"],
    ["src\\..\\x", "backslash"],
    ["a/b\u0000.ts", "control"],
    ["a/ b.ts", "space"],
    ["", "empty"],
    ["./", "empty"],
  ])("refuses %j (%s)", (raw, why) => {
    const r = normalizePath(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(why);
  });

  it("refuses over-long paths", () => {
    expect(normalizePath(`${"a/".repeat(600)}b`).ok).toBe(false);
  });

  it("drops one shared top folder only", () => {
    expect(stripCommonRoot(["shop/a.ts", "shop/src/b.ts"])).toEqual({ root: "shop", paths: ["a.ts", "src/b.ts"] });
    expect(stripCommonRoot(["shop/a.ts", "other/b.ts"]).root).toBeNull();
    expect(stripCommonRoot(["a.ts"]).root).toBeNull();
  });
});

describe("checking files", () => {
  it("keeps sorted text files, leaves out ignored folders, and counts UTF-8 bytes", () => {
    const r = checkFiles([
      { path: "src/b.ts", text: "é" },
      { path: "node_modules/x/index.js", text: "x" },
      { path: "src/.git/config", text: "x" },
      { path: "a.py", text: "ab" },
      { path: "__MACOSX/._a.py", text: "x" },
      { path: ".DS_Store", text: "x" },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.files.map((f) => f.path)).toEqual(["a.py", "src/b.ts"]);
    expect(r.value.totalBytes).toBe(4);
    expect(r.value.ignored.map((i) => i.path)).toEqual(["node_modules/x/index.js", "src/.git/config", "__MACOSX/._a.py", ".DS_Store"]);
  });

  it("refuses the whole input for one unsafe path, naming it", () => {
    const r = checkFiles([
      { path: "ok.ts", text: "" },
      { path: "../../evil.sh", text: "" },
    ]);
    expect(r).toEqual({ ok: false, error: expect.stringContaining('"../../evil.sh" is refused') });
  });

  it("refuses duplicates after normalisation, too many files and too many bytes", () => {
    expect(checkFiles([{ path: "a.ts", text: "" }, { path: "./a.ts", text: "" }]).ok).toBe(false);
    const many = Array.from({ length: 11 }, (_, i) => ({ path: `f${i}.ts`, text: "" }));
    expect(checkFiles(many, { maxFiles: 10, maxTotalBytes: 100 })).toEqual({ ok: false, error: expect.stringContaining("over the limit of 10") });
    expect(checkFiles([{ path: "a.ts", text: "x".repeat(101) }], { maxFiles: 10, maxTotalBytes: 100 })).toEqual({ ok: false, error: expect.stringContaining("over the limit") });
    expect(checkFiles([{ path: "node_modules/a.js", text: "" }])).toEqual({ ok: false, error: expect.stringContaining("no files") });
  });
});

describe("git URLs", () => {
  it("accepts public HTTPS URLs", () => {
    expect(checkGitUrl(" https://github.com/owner/repo.git ")).toMatchObject({ ok: true, url: "https://github.com/owner/repo.git", host: "github.com" });
  });

  it.each([
    ["git@github.com:owner/repo.git", "URL"],
    ["ssh://git@github.com/owner/repo.git", "HTTPS"],
    ["http://github.com/owner/repo.git", "HTTPS"],
    ["file:///etc", "HTTPS"],
    ["https://user:secret@github.com/owner/repo.git", "password"],
    ["https://127.0.0.1/repo.git", "private"],
    ["https://localhost/repo.git", "private"],
    ["https://10.1.2.3/repo.git", "private"],
    ["https://192.168.0.10/repo.git", "private"],
    ["https://[::1]/repo.git", "private"],
    ["https://github.com/owner/repo.git?x=1", "query"],
  ])("refuses %s", (url, why) => {
    const r = checkGitUrl(url);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(why);
  });

  it("accepts http://127.0.0.1 only with the test allowance", () => {
    expect(checkGitUrl("http://127.0.0.1:4567/repo.git").ok).toBe(false);
    expect(checkGitUrl("http://127.0.0.1:4567/repo.git", { allowLocalHttp: true }).ok).toBe(true);
    expect(checkGitUrl("http://10.0.0.1:4567/repo.git", { allowLocalHttp: true }).ok).toBe(false);
  });

  it("knows private hosts", () => {
    expect(isPrivateHost("172.20.1.1")).toBe(true);
    expect(isPrivateHost("172.32.1.1")).toBe(false);
    expect(isPrivateHost("example.com")).toBe(false);
  });

  it("refs are branch or tag names, never options", () => {
    expect(gitRefSchema.safeParse("main").success).toBe(true);
    expect(gitRefSchema.safeParse("release/1.2").success).toBe(true);
    expect(gitRefSchema.safeParse("--upload-pack=evil").success).toBe(false);
    expect(gitRefSchema.safeParse("a..b").success).toBe(false);
    expect(createFromGitInput.safeParse({ projectId: crypto.randomUUID(), url: "https://x.org/r.git", ref: "-x" }).success).toBe(false);
  });
});

describe("hole names", () => {
  it("are lowercase Liquid identifiers that are not keywords", () => {
    expect(holeNameSchema.safeParse("entity_name").success).toBe(true);
    for (const bad of ["", "Entity", "9x", "a-b", "nil", "not", "contains", "x".repeat(65)]) expect(holeNameSchema.safeParse(bad).success, bad).toBe(false);
  });
});
