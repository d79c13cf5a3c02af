import fs from "node:fs";
import path from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analysisSchema } from "../../core/patterns/analysis";
import { renderPattern } from "../../core/patterns/template";
import { useTestDatabase } from "../../test/db";
import { createWorkspaceWithRoles, outcomeCode, workspaceContext } from "../../test/fixtures";
import { startGitHttpServer, type GitHttpServer } from "../../test/git-http";
import { startJobs, type Jobs } from "../jobs/queue";
import { readFolder } from "../patterns/read-folder";
import { generationService } from "./generation-service";
import { metamodelService } from "./metamodel-service";
import { modelService } from "./model-service";
import { patternService } from "./pattern-service";
import "./pattern-service-runner"; // the in-process runner (no job queue in most of these tests)
import { projectService } from "./project-service";
import { templateService } from "./template-service";
import type { WorkspaceContext } from "./context";

const t = useTestDatabase();

/** The e2e fixture: five TypeScript services of one shape, three Python export scripts, a README. */
const SHOP = readFolder(path.join(import.meta.dirname, "../../e2e/fixtures/patterns/shop")).files;

async function setup() {
  const fx = await createWorkspaceWithRoles(t.db);
  const editor = await workspaceContext(t.db, fx.members.editor, fx.workspace.id);
  const viewer = await workspaceContext(t.db, fx.members.viewer, fx.workspace.id);
  const project = await projectService.create(editor, { name: `Shop ${crypto.randomUUID().slice(0, 6)}`, description: "" });
  return { fx, editor, viewer, project };
}

async function waitFor(ctx: WorkspaceContext, analysisId: string, done: (s: string) => boolean = (s) => s !== "queued" && s !== "running", timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const a = await patternService.get(ctx, { analysisId });
    if (done(a.status) || Date.now() > until) return a;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function uploadForm(files: Zippable, name = "shop.zip") {
  const form = new FormData();
  form.set("zip", new File([zipSync(files)], name, { type: "application/zip" }));
  return form;
}

describe("pattern analyses: paste, explore, rename, promote, regenerate", () => {
  it("pasted code is analysed in the background: groups, per-file coverage, occurrences with context", async () => {
    const { editor, viewer, project } = await setup();
    const created = await patternService.createFromPaste(editor, { projectId: project.id, files: SHOP });
    expect(created).toMatchObject({ status: expect.stringMatching(/queued|running/), sourceKind: "paste", fileCount: SHOP.length, name: "Pasted code" });
    const done = await waitFor(viewer, created.id);
    expect(done.status).toBe("done");
    expect(done.summary).toMatchObject({ files: SHOP.length });
    expect(done.result!.groups.length).toBeGreaterThanOrEqual(2);
    const ts = done.result!.groups.find((g) => g.language === "typescript" && g.instanceCount === 5)!;
    expect(ts).toBeDefined();
    expect(ts.files).toHaveLength(5);
    const service = done.result!.files.find((f) => f.path === "src/services/order-service.ts")!;
    expect(service.groups).toContain(ts.groupId);
    expect(service.coveredLines).toBeGreaterThan(20);
    expect(done.result!.files.find((f) => f.path === "README.md")!.coveredLines).toBe(0);

    const group = await patternService.group(viewer, { analysisId: created.id, groupId: ts.groupId });
    const occurrence = await patternService.occurrence(viewer, { analysisId: created.id, groupId: ts.groupId, index: 1 });
    const original = SHOP.find((f) => f.path === occurrence.file)!.text;
    expect(occurrence.text).toBe(original.slice(group.instances[1]!.start, group.instances[1]!.end));
    expect(renderPattern(group.template, occurrence.bindings)).toBe(occurrence.text);
    expect(original).toContain(occurrence.before + occurrence.indent + occurrence.text + occurrence.after);
    expect(await outcomeCode(patternService.occurrence(viewer, { analysisId: created.id, groupId: ts.groupId, index: 99 }))).toBe("GROUP_NOT_FOUND");
    expect((await patternService.list(viewer, { projectId: project.id })).map((a) => a.id)).toEqual([created.id]);

    // The documented format, with every round trip intact.
    const json = await patternService.exportJson(viewer, { analysisId: created.id });
    const parsed = analysisSchema.parse(json.analysis);
    for (const g of parsed.groups) for (const i of g.instances) expect(renderPattern(g.template, i.bindings)).toBe(SHOP.find((f) => f.path === i.file)!.text.slice(i.start, i.end));
  });

  it("renames a hole (template and bindings), refuses bad names, then promotes and regenerates the original files byte for byte", async () => {
    const { editor, viewer, project } = await setup();
    const created = await patternService.createFromPaste(editor, { projectId: project.id, files: SHOP, name: "Shop services" });
    const done = await waitFor(editor, created.id);
    const ts = done.result!.groups.find((g) => g.language === "typescript" && g.instanceCount === 5)!;
    const before = await patternService.group(editor, { analysisId: created.id, groupId: ts.groupId });
    const hole = before.holes.find((h) => h.type === "identifier")!.name;

    expect(await outcomeCode(patternService.renameHole(viewer, { analysisId: created.id, groupId: ts.groupId, from: hole, to: "entity" }))).toBe("FORBIDDEN");
    expect(await outcomeCode(patternService.renameHole(editor, { analysisId: created.id, groupId: ts.groupId, from: hole, to: "nil" }))).toBe("VALIDATION_FAILED");
    expect(await outcomeCode(patternService.renameHole(editor, { analysisId: created.id, groupId: ts.groupId, from: "no_such_hole", to: "entity" }))).toBe("VALIDATION_FAILED");

    const renamed = await patternService.renameHole(editor, { analysisId: created.id, groupId: ts.groupId, from: hole, to: "entity" });
    expect(renamed.holes.map((h) => h.name)).toContain("entity");
    expect(renamed.template).toContain("{{ entity");
    expect(renamed.template).not.toContain(`{{ ${hole} `);
    expect(renamed.instances.every((i) => "entity" in i.bindings && !(hole in i.bindings))).toBe(true);
    // Persisted.
    expect((await patternService.group(viewer, { analysisId: created.id, groupId: ts.groupId })).template).toBe(renamed.template);
    if (before.holes.length > 1) {
      const other = before.holes.find((h) => h.name !== hole)!.name;
      expect(await outcomeCode(patternService.renameHole(editor, { analysisId: created.id, groupId: ts.groupId, from: other, to: "entity" }))).toBe("VALIDATION_FAILED");
    }

    expect(await outcomeCode(patternService.promote(viewer, { analysisId: created.id, groupId: ts.groupId }))).toBe("FORBIDDEN");
    const promoted = await patternService.promote(editor, { analysisId: created.id, groupId: ts.groupId });
    expect(promoted).toMatchObject({ files: 5, occurrences: 5, className: "Entity" });
    expect((await patternService.group(viewer, { analysisId: created.id, groupId: ts.groupId })).promoted).toMatchObject({ modelId: promoted.modelId, templateId: promoted.templateId });

    // The new meta-model, model and template are ordinary project documents.
    expect((await metamodelService.list(viewer, { projectId: project.id })).map((m) => m.id)).toContain(promoted.metamodelId);
    const snapshot = await modelService.snapshot(viewer, { modelId: promoted.modelId });
    expect(snapshot.problems.filter((p) => p.severity === "error")).toEqual([]);
    const template = await templateService.version(viewer, { templateId: promoted.templateId, version: "draft" });
    expect(template.files[0]).toMatchObject({ format: false });
    expect(template.partials[0]!.body).toBe(renamed.template);

    // Generate with the generation service (TypeScript output, which is normally formatted): the files come back exactly.
    const run = await generationService.start(editor, { modelId: promoted.modelId, templateId: promoted.templateId });
    expect(run).toMatchObject({ status: "succeeded", problems: [] });
    const contents = await generationService.contents(editor, { runId: run.id });
    const expected = SHOP.filter((f) => f.path.startsWith("src/services/"));
    expect(contents.files.map((f) => ({ path: f.path, text: f.content }))).toEqual(expected);
    expect(contents.files.map((f) => f.hash)).toEqual(expected.map((f) => done.result!.files.find((x) => x.path === f.path)!.sha256));
  });

  it("cancels a running analysis: it stops and stays cancelled, then deletes it", async () => {
    const { editor, project } = await setup();
    // Enough code that the analysis runs for a while.
    const many = Array.from({ length: 400 }, (_, i) => SHOP.map((f) => ({ path: `copy${i}/${f.path}`, text: f.text.replaceAll("Service", `Service${i}`) }))).flat();
    const big = await patternService.createFromFiles(editor, { projectId: project.id, sourceKind: "upload", source: "big", checked: { files: many, ignored: [], totalBytes: 0 } });
    const running = await waitFor(editor, big.id, (s) => s !== "queued");
    expect(running.status).toBe("running");
    const cancelled = await patternService.cancel(editor, { analysisId: big.id });
    expect(cancelled.status).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 1500));
    const after = await patternService.get(editor, { analysisId: big.id });
    expect(after).toMatchObject({ status: "cancelled", result: null });
    expect(await outcomeCode(patternService.group(editor, { analysisId: big.id, groupId: "g1" }))).toBe("ANALYSIS_NOT_READY");

    await patternService.remove(editor, { analysisId: big.id });
    expect(await outcomeCode(patternService.get(editor, { analysisId: big.id }))).toBe("ANALYSIS_NOT_FOUND");
  });

  it("uploads a zip (shared root dropped, node_modules left out) and refuses zip-slip, symlinks and a bad folder upload", async () => {
    const { editor, viewer, project } = await setup();
    const files: Zippable = {};
    for (const f of SHOP) files[`shop/${f.path}`] = strToU8(f.text);
    files["shop/node_modules/left-pad/index.js"] = strToU8("module.exports = 1;");
    expect(await outcomeCode(patternService.createFromUpload(viewer, { projectId: project.id, form: async () => uploadForm(files) }))).toBe("FORBIDDEN");
    const created = await patternService.createFromUpload(editor, { projectId: project.id, form: async () => uploadForm(files) });
    expect(created).toMatchObject({ sourceKind: "upload", source: "shop.zip (shop/)", name: "shop", fileCount: SHOP.length });
    expect(created.ignored).toEqual([{ path: "node_modules/left-pad/index.js", reason: "in node_modules/" }]);
    expect((await waitFor(editor, created.id)).status).toBe("done");

    expect(await outcomeCode(patternService.createFromUpload(editor, { projectId: project.id, form: async () => uploadForm({ "a.ts": strToU8("x"), "../../evil.sh": strToU8("rm -rf /") }) }))).toBe("INVALID_FILE");
    const link = uploadForm({ "a.ts": strToU8("x"), link: [strToU8("/etc/passwd"), { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
    expect(await outcomeCode(patternService.createFromUpload(editor, { projectId: project.id, form: async () => link }))).toBe("INVALID_FILE");
    const folder = new FormData();
    folder.append("file", new File(["x"], "a.ts"));
    folder.append("path", "../a.ts");
    expect(await outcomeCode(patternService.createFromUpload(editor, { projectId: project.id, form: async () => folder }))).toBe("INVALID_FILE");
    expect((await patternService.list(editor, { projectId: project.id })).length).toBe(1);
  });

  it("refuses pasted paths that leave the folder, and archived projects", async () => {
    const { editor, project } = await setup();
    expect(await outcomeCode(patternService.createFromPaste(editor, { projectId: project.id, files: [{ path: "../x.ts", text: "" }] }))).toBe("VALIDATION_FAILED");
    await projectService.setArchived(editor, { projectId: project.id, archived: true });
    expect(await outcomeCode(patternService.createFromPaste(editor, { projectId: project.id, files: SHOP }))).toBe("PROJECT_ARCHIVED");
  });
});

describe("git sources and the job queue", () => {
  let git: GitHttpServer;
  let jobs: Jobs | undefined;
  const saved = process.env.METAFORGE_TEST_GIT_HTTP;

  beforeAll(async () => {
    git = await startGitHttpServer();
    const files: Record<string, string | { symlink: string }> = Object.fromEntries(SHOP.map((f) => [f.path, f.text]));
    files["escape"] = { symlink: "../../../etc/passwd" };
    git.addRepo("shop", files);
    process.env.METAFORGE_TEST_GIT_HTTP = "1";
  });
  afterAll(async () => {
    await jobs?.stop();
    await git?.close();
    if (saved === undefined) delete process.env.METAFORGE_TEST_GIT_HTTP;
    else process.env.METAFORGE_TEST_GIT_HTTP = saved;
  });

  it("clones from a git http-backend through the pg-boss queue, leaves the symlink out, and analyses", async () => {
    const { editor, project } = await setup();
    jobs = await startJobs({ databaseUrl: t.url, db: t.db, log: editor.log, pollingIntervalSeconds: 0.5 });
    const created = await patternService.createFromGit(editor, { projectId: project.id, url: git.url("shop") });
    expect(created).toMatchObject({ sourceKind: "git", status: "queued", name: "shop", fileCount: 0 });
    const done = await waitFor(editor, created.id, undefined, 60_000);
    expect(done.status).toBe("done");
    expect(done.fileCount).toBe(SHOP.length);
    expect(done.source).toMatch(/shop\.git \([0-9a-f]{7}\)$/);
    expect(done.ignored).toEqual([{ path: "escape", reason: "symbolic link" }]);
    expect(done.result!.groups.length).toBeGreaterThanOrEqual(2);

    const failed = await patternService.createFromGit(editor, { projectId: project.id, url: git.url("missing") });
    const result = await waitFor(editor, failed.id, undefined, 60_000);
    expect(result).toMatchObject({ status: "failed", error: expect.stringContaining("repository") });
  });

  it("refuses URLs that are not public HTTPS before anything runs", async () => {
    const { editor, project } = await setup();
    delete process.env.METAFORGE_TEST_GIT_HTTP;
    try {
      const requests = git.requests;
      expect(await outcomeCode(patternService.createFromGit(editor, { projectId: project.id, url: git.url("shop") }))).toBe("VALIDATION_FAILED");
      expect(await outcomeCode(patternService.createFromGit(editor, { projectId: project.id, url: "git@github.com:a/b.git" }))).toBe("VALIDATION_FAILED");
      expect(await outcomeCode(patternService.createFromGit(editor, { projectId: project.id, url: "https://localhost/a.git" }))).toBe("VALIDATION_FAILED");
      expect(git.requests).toBe(requests);
      expect(await patternService.list(editor, { projectId: project.id })).toEqual([]);
    } finally {
      process.env.METAFORGE_TEST_GIT_HTTP = "1";
    }
  });
});

it("the fixture folder is what the e2e test uploads", () => {
  expect(fs.existsSync(path.join(import.meta.dirname, "../../e2e/fixtures/patterns/shop/src/services/order-service.ts"))).toBe(true);
  expect(SHOP.map((f) => f.path)).toContain("scripts/export_orders.py");
});
