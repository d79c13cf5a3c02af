import fs from "node:fs";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../core/errors";
import { startGitHttpServer, type GitHttpServer } from "../../test/git-http";
import { checkRemote, cloneRepository, CloneError, localHttpAllowed } from "./git";

let server: GitHttpServer;

beforeAll(async () => {
  server = await startGitHttpServer();
  server.addRepo("shop", {
    "src/users.ts": "export const users = \"café\";\r\n",
    "src/orders.ts": "\uFEFFexport const orders = 1;\n",
    "logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
    "escape": { symlink: "/etc/passwd" },
    "node_modules/x/index.js": "module.exports = 1;\n",
  });
  server.addRepo("big", { "a.txt": "x".repeat(300_000) });
  server.addRepo("release", { "README.md": "on a branch\n" }, "release/1.0");
});

afterAll(async () => {
  await server?.close();
});

const tmpClones = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith("metaforge-clone-")).length;

describe("cloning a repository", () => {
  it("clones over smart HTTP: text files byte for byte; symlinks, binaries and ignored folders left out; temp folder removed", async () => {
    const before = tmpClones();
    const cloned = await cloneRepository(server.url("shop"), { allowLocalHttp: true });
    expect(cloned.files).toEqual([
      { path: "src/orders.ts", text: "\uFEFFexport const orders = 1;\n" },
      { path: "src/users.ts", text: "export const users = \"café\";\r\n" },
    ]);
    expect(cloned.ignored).toEqual([
      { path: "escape", reason: "symbolic link" },
      { path: "logo.png", reason: "binary (not UTF-8 text)" },
      { path: "node_modules/x/index.js", reason: "in node_modules/" },
    ]);
    expect(cloned.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(tmpClones()).toBe(before);
  });

  it("clones a named branch, and explains a missing one", async () => {
    const cloned = await cloneRepository(server.url("release"), { allowLocalHttp: true, ref: "release/1.0" });
    expect(cloned.files.map((f) => f.path)).toEqual(["README.md"]);
    await expect(cloneRepository(server.url("shop"), { allowLocalHttp: true, ref: "nope" })).rejects.toThrow(/branch or tag does not exist/);
    await expect(cloneRepository(server.url("missing"), { allowLocalHttp: true })).rejects.toBeInstanceOf(CloneError);
  });

  it("stops at the size limit and removes what it cloned", async () => {
    const before = tmpClones();
    await expect(cloneRepository(server.url("big"), { allowLocalHttp: true, maxBytes: 50_000 })).rejects.toThrow(/larger than/);
    expect(tmpClones()).toBe(before);
  });

  it("can be cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(cloneRepository(server.url("shop"), { allowLocalHttp: true, signal: controller.signal })).rejects.toThrow(/cancelled/);
  });

  it("refuses plain HTTP without the test allowance, and hosts that resolve to private addresses", async () => {
    const requests = server.requests;
    await expect(cloneRepository(server.url("shop"))).rejects.toBeInstanceOf(AppError);
    expect(server.requests).toBe(requests);
    await expect(checkRemote("https://git.example.com/r.git", { resolve: async () => ["10.0.0.7"] })).rejects.toThrow(/private/);
    await expect(checkRemote("https://git.example.com/r.git", { resolve: async () => ["93.184.216.34"] })).resolves.toBe("https://git.example.com/r.git");
  });

  it("the allowance needs the flag and is never on in production", () => {
    const saved = { flag: process.env.METAFORGE_TEST_GIT_HTTP, env: process.env.NODE_ENV };
    try {
      process.env.METAFORGE_TEST_GIT_HTTP = "1";
      (process.env as Record<string, string>).NODE_ENV = "test";
      expect(localHttpAllowed()).toBe(true);
      (process.env as Record<string, string>).NODE_ENV = "production";
      expect(localHttpAllowed()).toBe(false);
      delete process.env.METAFORGE_TEST_GIT_HTTP;
      (process.env as Record<string, string>).NODE_ENV = "test";
      expect(localHttpAllowed()).toBe(false);
    } finally {
      if (saved.flag === undefined) delete process.env.METAFORGE_TEST_GIT_HTTP;
      else process.env.METAFORGE_TEST_GIT_HTTP = saved.flag;
      (process.env as Record<string, string | undefined>).NODE_ENV = saved.env;
    }
  });
});
