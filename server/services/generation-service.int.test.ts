import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { TemplateEditor } from "../../core/collab/template-doc";
import { starterByKey } from "../../core/metamodel/starters";
import { appendUpdates } from "../../db/queries/collab";
import { useTestDatabase } from "../../test/db";
import { createWorkspaceWithRoles, outcomeCode, workspaceContext } from "../../test/fixtures";
import { checkPostgres, checkTypeScript } from "../generation/checks";
import { startJobs, type Jobs } from "../jobs/queue";
import { loadYDoc } from "./documents";
import { GENERATION_LIMITS, generationService } from "./generation-service";
import { metamodelService } from "./metamodel-service";
import { modelService } from "./model-service";
import { projectService } from "./project-service";
import { templateService } from "./template-service";

const t = useTestDatabase();

async function setup() {
  const fx = await createWorkspaceWithRoles(t.db);
  const editor = await workspaceContext(t.db, fx.members.editor, fx.workspace.id);
  const viewer = await workspaceContext(t.db, fx.members.viewer, fx.workspace.id);
  const project = await projectService.create(editor, { name: "Shop", description: "" });
  const mm = await metamodelService.create(editor, { projectId: project.id, source: { kind: "starter", key: "entity-relational" } });
  const model = await modelService.create(editor, { projectId: project.id, metamodelId: mm.id, name: "Shop", source: { kind: "example" } });
  return { fx, editor, viewer, project, mm, model };
}

describe("models, templates and generation runs", () => {
  it("a shop model from the starter's example, the TypeScript and SQL built-ins, generated: the TypeScript compiles and the SQL applies", async () => {
    const { editor, project, mm, model } = await setup();
    expect(model).toMatchObject({ name: "Shop", metamodelId: mm.id });
    const snapshot = await modelService.snapshot(editor, { modelId: model.id });
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.model.objects.length).toBeGreaterThan(10);

    for (const key of ["typescript-zod", "postgres-ddl"]) {
      const template = await templateService.create(editor, { projectId: project.id, metamodelId: mm.id, source: { kind: "builtin", key } });
      const run = await generationService.start(editor, { modelId: model.id, templateId: template.id });
      expect(run).toMatchObject({ status: "succeeded", templateVersion: "draft", problems: [] });
      expect(run.fileCount).toBeGreaterThan(0);
      const contents = await generationService.contents(editor, { runId: run.id });
      const files = contents.files.map((f) => ({ path: f.path, content: f.content ?? "", fileId: "", objectId: null }));
      if (key === "typescript-zod") {
        expect(files.map((f) => f.path)).toContain("customer.ts");
        expect(checkTypeScript(files).messages).toEqual([]);
      } else {
        expect((await checkPostgres(files, t.sql)).messages).toEqual([]);
      }
      expect((await generationService.files(editor, { runId: run.id })).map((f) => f.path)).toEqual(files.map((f) => f.path));
    }
    expect((await generationService.list(editor, { modelId: model.id })).length).toBe(2);
  });

  it("publishes versions (immutable, increasing), pins one, diffs versions and their outputs", async () => {
    const { editor, project, mm, model } = await setup();
    const template = await templateService.create(editor, { projectId: project.id, metamodelId: mm.id, source: { kind: "builtin", key: "postgres-ddl" } });
    await templateService.publish(editor, { templateId: template.id, version: "1.0.0", changelog: "First" });
    expect(await outcomeCode(templateService.publish(editor, { templateId: template.id, version: "1.0.0", changelog: "" }))).toBe("VERSION_EXISTS");
    expect(await outcomeCode(templateService.publish(editor, { templateId: template.id, version: "0.9.0", changelog: "" }))).toBe("VALIDATION_FAILED");

    const got = await templateService.get(editor, { templateId: template.id });
    expect(got).toMatchObject({ latestVersion: "1.0.0", suggestedVersions: { minor: "1.1.0" } });
    expect((await templateService.list(editor, { projectId: project.id })).map((r) => r.latestVersion)).toEqual(["1.0.0"]);

    // A generation without a version uses the latest published one.
    const run1 = await generationService.start(editor, { modelId: model.id, templateId: template.id });
    expect(run1.templateVersion).toBe("1.0.0");

    // Same version again: the diff with the previous run is empty.
    const run2 = await generationService.start(editor, { modelId: model.id, templateId: template.id });
    const same = await generationService.diffWithPrevious(editor, { runId: run2.id });
    expect(same.previous?.id).toBe(run1.id);
    expect(same.diff.files).toEqual([]);

    await generationService.pin(editor, { modelId: model.id, templateId: template.id, version: "1.0.0" });
    expect((await modelService.get(editor, { modelId: model.id })).pins).toMatchObject([{ templateId: template.id, version: "1.0.0" }]);
    expect(await outcomeCode(generationService.pin(editor, { modelId: model.id, templateId: template.id, version: "9.9.9" }))).toBe("TEMPLATE_VERSION_NOT_FOUND");

    const diff = await templateService.diff(editor, { templateId: template.id, from: "1.0.0", to: "draft", modelId: model.id });
    expect(diff.template.files).toEqual([]);
    expect(diff.output?.files).toEqual([]);
  });

  it("refuses what does not fit: a built-in for another starter, a model and template of different meta-models", async () => {
    const { editor, project, model } = await setup();
    const other = await metamodelService.create(editor, { projectId: project.id, source: { kind: "starter", key: "state-machine" } });
    expect(await outcomeCode(templateService.create(editor, { projectId: project.id, metamodelId: other.id, source: { kind: "builtin", key: "postgres-ddl" } }))).toBe("METAMODEL_MISMATCH");
    expect(await outcomeCode(modelService.create(editor, { projectId: project.id, metamodelId: other.id, name: "X", source: { kind: "example" } }))).toBe("METAMODEL_MISMATCH");
    const blank = await templateService.create(editor, { projectId: project.id, metamodelId: other.id, name: "Docs", source: { kind: "blank" } });
    expect(await outcomeCode(generationService.start(editor, { modelId: model.id, templateId: blank.id }))).toBe("METAMODEL_MISMATCH");
    expect(await outcomeCode(modelService.create(editor, { projectId: project.id, metamodelId: other.id, name: "Bad", source: { kind: "file", content: "{" } }))).toBe("INVALID_FILE");
  });

  it("viewers read but cannot generate or publish; other workspaces see nothing", async () => {
    const { fx, editor, viewer, project, mm, model } = await setup();
    const template = await templateService.create(editor, { projectId: project.id, metamodelId: mm.id, source: { kind: "builtin", key: "markdown-docs" } });
    const run = await generationService.start(editor, { modelId: model.id, templateId: template.id });
    expect(await outcomeCode(generationService.get(viewer, { runId: run.id }))).toBe("ok");
    expect(await outcomeCode(generationService.start(viewer, { modelId: model.id, templateId: template.id }))).toBe("FORBIDDEN");
    expect(await outcomeCode(templateService.publish(viewer, { templateId: template.id, version: "1.0.0", changelog: "" }))).toBe("FORBIDDEN");
    const outsider = await workspaceContext(t.db, fx.outsider, fx.otherWorkspace.id);
    expect(await outcomeCode(generationService.get(outsider, { runId: run.id }))).toBe("RUN_NOT_FOUND");
    expect(await outcomeCode(modelService.get(outsider, { modelId: model.id }))).toBe("MODEL_NOT_FOUND");
    expect(await outcomeCode(templateService.get(outsider, { templateId: template.id }))).toBe("TEMPLATE_NOT_FOUND");
    expect(await generationService.contents(viewer, { runId: run.id }).then((c) => c.files.length)).toBe(run.fileCount);
  });

  it("an archived project is read-only: no publishing, generating or pinning", async () => {
    const { fx, editor, project, mm, model } = await setup();
    const template = await templateService.create(editor, { projectId: project.id, metamodelId: mm.id, source: { kind: "builtin", key: "go-structs" } });
    await templateService.publish(editor, { templateId: template.id, version: "1.0.0", changelog: "" });
    const owner = await workspaceContext(t.db, fx.members.owner, fx.workspace.id);
    await projectService.setArchived(owner, { projectId: project.id, archived: true });
    expect(await outcomeCode(templateService.publish(editor, { templateId: template.id, version: "1.1.0", changelog: "" }))).toBe("PROJECT_ARCHIVED");
    expect(await outcomeCode(generationService.start(editor, { modelId: model.id, templateId: template.id }))).toBe("PROJECT_ARCHIVED");
    expect(await outcomeCode(generationService.pin(editor, { modelId: model.id, templateId: template.id, version: "1.0.0" }))).toBe("PROJECT_ARCHIVED");
    expect(await outcomeCode(templateService.get(editor, { templateId: template.id }))).toBe("ok");
  });

  it("a template that does not compile cannot be published, and a run with problems is marked failed", async () => {
    const { editor, project, mm, model } = await setup();
    const entityClassId = starterByKey("entity-relational")!.build().classes.find((c) => c.name === "Entity")!.id;
    const template = await templateService.create(editor, { projectId: project.id, metamodelId: mm.id, name: "Broken", source: { kind: "blank" } });
    // Break the draft through its document, as a co-editor would: the update lands in the log.
    const doc = (await loadYDoc(t.db, template.documentName))!;
    const before = Y.encodeStateVector(doc);
    new TemplateEditor(doc, "test").addFile({ path: "{{ object.name }}.txt", body: "{{ object.nmae }}", forEach: entityClassId });
    new TemplateEditor(doc, "test").addFile({ path: "bad.txt", body: "{% for x in %}" });
    await appendUpdates(t.db, [{ documentName: template.documentName, update: Y.encodeStateAsUpdate(doc, before) }]);

    const publish = templateService.publish(editor, { templateId: template.id, version: "1.0.0", changelog: "" });
    expect(await outcomeCode(publish)).toBe("TEMPLATE_INVALID");
    await expect(templateService.publish(editor, { templateId: template.id, version: "1.0.0", changelog: "" })).rejects.toThrow(/bad\.txt \(body\), line 1/);
    const run = await generationService.start(editor, { modelId: model.id, templateId: template.id, version: "draft" });
    expect(run.status).toBe("failed");
    expect(run.problems.length).toBeGreaterThan(0);
    expect(run.fileCount).toBe(1); // the README still rendered
  });
});

describe("large runs go to the job queue", () => {
  let jobs: Jobs | undefined;
  afterAll(async () => {
    await jobs?.stop();
    GENERATION_LIMITS.inlineOutputs = 400;
  });

  it("a run over the inline limit is queued, then finished by the worker with progress 100", async () => {
    const { editor, project, mm, model } = await setup();
    jobs = await startJobs({ databaseUrl: t.url, db: t.db, log: editor.log, pollingIntervalSeconds: 0.5 });
    GENERATION_LIMITS.inlineOutputs = 0;
    const template = await templateService.create(editor, { projectId: project.id, metamodelId: mm.id, source: { kind: "builtin", key: "java-records" } });
    const queued = await generationService.start(editor, { modelId: model.id, templateId: template.id });
    expect(["queued", "running"]).toContain(queued.status);
    let run = queued;
    for (let i = 0; i < 60 && run.status !== "succeeded" && run.status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      run = await generationService.get(editor, { runId: queued.id });
    }
    expect(run).toMatchObject({ status: "succeeded", progress: 100 });
    expect(run.fileCount).toBeGreaterThan(0);
  }, 30_000);
});
