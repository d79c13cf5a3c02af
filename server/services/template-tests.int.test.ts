import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MetamodelEditor } from "../../core/collab/metamodel-doc";
import { TemplateEditor } from "../../core/collab/template-doc";
import { starterByKey } from "../../core/metamodel/starters";
import { BUILTIN_CASES_DIR, EXPECTED_SUFFIX } from "../../core/templates/test-cases-builtin";
import { appendUpdates } from "../../db/queries/collab";
import { insertTemplateVersion } from "../../db/queries/templates";
import { useTestDatabase } from "../../test/db";
import { createWorkspaceWithRoles, outcomeCode, workspaceContext } from "../../test/fixtures";
import { loadYDoc } from "./documents";
import { metamodelService } from "./metamodel-service";
import { modelService } from "./model-service";
import { projectService } from "./project-service";
import { templateService } from "./template-service";

/** Template test cases on the server: created with built-ins, recorded from models, run on drafts and versions. */

const t = useTestDatabase();

async function setup() {
  const fx = await createWorkspaceWithRoles(t.db);
  const editor = await workspaceContext(t.db, fx.members.editor, fx.workspace.id);
  const viewer = await workspaceContext(t.db, fx.members.viewer, fx.workspace.id);
  const project = await projectService.create(editor, { name: "Shop", description: "" });
  const mm = await metamodelService.create(editor, { projectId: project.id, source: { kind: "starter", key: "entity-relational" } });
  const model = await modelService.create(editor, { projectId: project.id, metamodelId: mm.id, name: "Shop", source: { kind: "example" } });
  const template = await templateService.create(editor, { projectId: project.id, metamodelId: mm.id, source: { kind: "builtin", key: "markdown-docs" } });
  return { fx, editor, viewer, project, mm, model, template };
}

/** Edits the draft as a co-editor would: the update lands in the document's log. */
async function editDraft(documentName: string, edit: (editor: TemplateEditor) => void) {
  const doc = (await loadYDoc(t.db, documentName))!;
  const before = Y.encodeStateVector(doc);
  edit(new TemplateEditor(doc, "test"));
  await appendUpdates(t.db, [{ documentName, update: Y.encodeStateAsUpdate(doc, before) }]);
}

/** The checked-in expected files of a built-in's case. */
function checkedIn(key: string, dir: string) {
  const root = path.join(process.cwd(), BUILTIN_CASES_DIR, key, dir);
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const full = path.join(e.parentPath, e.name);
      return { path: path.relative(root, full).slice(0, -EXPECTED_SUFFIX.length), content: fs.readFileSync(full, "utf8") };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

describe("template test cases", () => {
  it("a template made from a built-in comes with its test cases, expecting the reviewed files, and they pass", async () => {
    const { editor, viewer, template } = await setup();
    const draft = await templateService.version(editor, { templateId: template.id, version: "draft" });
    expect(draft.tests.map((c) => [c.id, c.name])).toEqual([["t_shop", "Shop (fixture)"]]);
    expect(draft.tests[0]!.expected).toEqual(checkedIn("markdown-docs", "shop"));

    // Viewers may run tests (nothing is stored).
    const run = await templateService.runTests(viewer, { templateId: template.id, version: "draft" });
    expect(run).toMatchObject({ version: "draft", passed: 1, failed: 0 });
    expect(run.cases[0]!.files.every((f) => f.status === "same")).toBe(true);
  });

  it("save a model as a test case, run green; edit the draft, run red with the diff; publish snapshots the tests", async () => {
    const { editor, model, template } = await setup();
    const made = await templateService.testCaseFromModel(editor, { templateId: template.id, modelId: model.id });
    expect(made.name).toBe("Shop");
    expect(made.model).toMatchObject({ format: "metaforge.model", name: "Shop" });
    // Formatted like a generation run: Markdown tables are aligned by oxfmt.
    expect(made.expected.find((f) => f.path === "README.md")!.content).toContain("| Entity                              |");

    // Not stored by the server: the editor adds it to the draft (co-edited, undoable).
    expect((await templateService.version(editor, { templateId: template.id, version: "draft" })).tests).toHaveLength(1);
    await editDraft(template.documentName, (ed) => ed.addTest({ name: made.name, model: made.model, expected: made.expected }));
    const green = await templateService.runTests(editor, { templateId: template.id, version: "draft" });
    expect(green).toMatchObject({ passed: 2, failed: 0 });

    await editDraft(template.documentName, (ed) => {
      const readme = ed.read().files.find((f) => f.path === "README.md")!;
      ed.fileBody(readme.id)!.insert(0, "<!-- edited -->\n");
    });
    const red = await templateService.runTests(editor, { templateId: template.id, version: "draft" });
    expect(red).toMatchObject({ passed: 0, failed: 2 });
    const [first] = red.cases;
    expect(first!.files.filter((f) => f.status !== "same")).toEqual([{ path: "README.md", status: "changed" }]);
    const lines = first!.diff.files[0]!.hunks[0]!.lines;
    expect(lines.filter((l) => l.kind !== "context").map((l) => [l.kind, l.text])).toEqual([
      ["added", "<!-- edited -->"],
      ["added", ""], // oxfmt separates the comment from the heading
    ]);
    expect(first!.actual!.find((f) => f.path === "README.md")!.content.startsWith("<!-- edited -->\n")).toBe(true);

    // Only some cases.
    const one = await templateService.runTests(editor, { templateId: template.id, version: "draft", caseIds: ["t_shop"] });
    expect(one.cases.map((c) => c.id)).toEqual(["t_shop"]);

    // Publishing freezes the tests with the files; the version's run is independent of later draft edits.
    await editDraft(template.documentName, (ed) => {
      for (const c of ed.read().tests) ed.setTestExpected(c.id, red.cases.find((r) => r.id === c.id)!.actual!);
    });
    await templateService.publish(editor, { templateId: template.id, version: "1.0.0", changelog: "Edited header" });
    await editDraft(template.documentName, (ed) => {
      for (const c of ed.read().tests) ed.deleteTest(c.id);
    });
    const version = await templateService.version(editor, { templateId: template.id, version: "1.0.0" });
    expect(version.tests.map((c) => c.name)).toEqual(["Shop (fixture)", "Shop"]);
    expect(await templateService.runTests(editor, { templateId: template.id, version: "1.0.0" })).toMatchObject({ version: "1.0.0", passed: 2, failed: 0 });
    expect(await templateService.runTests(editor, { templateId: template.id, version: "draft" })).toMatchObject({ passed: 0, failed: 0, cases: [] });
    // Compare versions shows what the cases expect, and their fixtures.
    const diff = await templateService.diff(editor, { templateId: template.id, from: "1.0.0", to: "draft" });
    expect(diff.template.files.filter((f) => f.path.startsWith("tests/Shop/")).map((f) => [f.path, f.status])).toContainEqual(["tests/Shop/expected/README.md", "removed"]);
    expect(diff.template.files.map((f) => f.path)).toContain("tests/Shop (fixture)/model.json");
  });

  it("a version published before templates had tests reads with none", async () => {
    const { editor, fx, template } = await setup();
    const draft = await templateService.version(editor, { templateId: template.id, version: "draft" });
    const { tests: _, ...old } = draft;
    await insertTemplateVersion(t.db, { workspaceId: fx.workspace.id, templateId: template.id, version: "0.1.0", changelog: "", content: old as typeof draft, createdById: fx.members.editor.id });
    expect((await templateService.version(editor, { templateId: template.id, version: "0.1.0" })).tests).toEqual([]);
    expect(await templateService.runTests(editor, { templateId: template.id, version: "0.1.0" })).toMatchObject({ passed: 0, failed: 0 });
  });

  it("a case fails with the conformance problems when the meta-model changes under its fixture", async () => {
    const { editor, template, mm } = await setup();
    // The meta-model gains a required attribute the fixture does not set.
    const doc = (await loadYDoc(t.db, `metamodel:${mm.id}`))!;
    const before = Y.encodeStateVector(doc);
    const entity = starterByKey("entity-relational")!.build().classes.find((c) => c.name === "Entity")!;
    new MetamodelEditor(doc, "test").addAttribute(entity.id, { name: "owner", type: "string", required: true });
    await appendUpdates(t.db, [{ documentName: `metamodel:${mm.id}`, update: Y.encodeStateAsUpdate(doc, before) }]);
    const run = await templateService.runTests(editor, { templateId: template.id, version: "draft" });
    expect(run.failed).toBe(1);
    expect(run.cases[0]!.modelProblems.length).toBeGreaterThan(0);
    expect(run.cases[0]!.modelProblems.every((p) => p.code === "missing-value")).toBe(true);
  });

  it("refuses a model of another meta-model, a broken draft, viewers and archived projects", async () => {
    const { editor, viewer, project, model, template } = await setup();
    const other = await metamodelService.create(editor, { projectId: project.id, source: { kind: "starter", key: "rest-api" } });
    const api = await modelService.create(editor, { projectId: project.id, metamodelId: other.id, name: "API", source: { kind: "example" } });
    expect(await outcomeCode(templateService.testCaseFromModel(editor, { templateId: template.id, modelId: api.id }))).toBe("METAMODEL_MISMATCH");
    expect(await outcomeCode(templateService.testCaseFromModel(viewer, { templateId: template.id, modelId: model.id }))).toBe("FORBIDDEN");

    await editDraft(template.documentName, (ed) => ed.addFile({ path: "broken.md", body: "{{ model.nmae }}" }));
    await expect(templateService.testCaseFromModel(editor, { templateId: template.id, modelId: model.id })).rejects.toThrow(/^Fix the template first: broken\.md \(body\), line 1, column 4/);
    // The run reports the render problem, located, on every case.
    const run = await templateService.runTests(editor, { templateId: template.id, version: "draft" });
    expect(run.cases[0]!.problems).toEqual([expect.objectContaining({ part: "body", line: 1, column: 4 })]);

    await projectService.setArchived(editor, { projectId: project.id, archived: true });
    expect(await outcomeCode(templateService.testCaseFromModel(editor, { templateId: template.id, modelId: model.id }))).toBe("PROJECT_ARCHIVED");
  });
});
