import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MetamodelEditor } from "../../core/collab/metamodel-doc";
import { TemplateEditor } from "../../core/collab/template-doc";
import { metamodelDocumentName } from "../../core/metamodel/inputs";
import { starterByKey } from "../../core/metamodel/starters";
import { appendUpdates } from "../../db/queries/collab";
import { useTestDatabase } from "../../test/db";
import { createWorkspaceWithRoles, outcomeCode, workspaceContext } from "../../test/fixtures";
import { loadYDoc } from "./documents";
import { generationService } from "./generation-service";
import { metamodelService } from "./metamodel-service";
import { modelService } from "./model-service";
import { projectService } from "./project-service";
import { templateService } from "./template-service";

/**
 * Published meta-model versions and models that pin one: publishing (refusals included), pinning, and
 * everything that reads a model's meta-model (checks, generation, the upgrade preview) using the pinned
 * snapshot while the draft moves on.
 */

const t = useTestDatabase();
const STARTER = starterByKey("entity-relational")!.build();
const entity = STARTER.classes.find((c) => c.name === "Entity")!;
const tableName = entity.attributes.find((a) => a.name === "tableName")!;

async function setup() {
  const fx = await createWorkspaceWithRoles(t.db);
  const editor = await workspaceContext(t.db, fx.members.editor, fx.workspace.id);
  const viewer = await workspaceContext(t.db, fx.members.viewer, fx.workspace.id);
  const project = await projectService.create(editor, { name: "Shop", description: "" });
  const mm = await metamodelService.create(editor, { projectId: project.id, source: { kind: "starter", key: "entity-relational" } });
  const model = await modelService.create(editor, { projectId: project.id, metamodelId: mm.id, name: "Shop", source: { kind: "example" } });
  return { fx, editor, viewer, project, mm, model };
}

/** Edits the live draft the way a co-editor would: the updates land in the document's log. */
async function editDraft(metamodelId: string, edit: (editor: MetamodelEditor) => void) {
  const name = metamodelDocumentName(metamodelId);
  const doc = (await loadYDoc(t.db, name))!;
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  edit(new MetamodelEditor(doc as Y.Doc, "test"));
  doc.destroy();
  await appendUpdates(
    t.db,
    updates.map((update) => ({ documentName: name, update })),
  );
}

describe("meta-model versions", () => {
  it("publishes the draft as an immutable snapshot; lists versions newest first with the next numbers", async () => {
    const { editor, viewer, mm } = await setup();
    expect(await metamodelService.versions(viewer, { metamodelId: mm.id })).toMatchObject({ versions: [], latestVersion: null });

    await metamodelService.publish(editor, { metamodelId: mm.id, version: "1.0.0", changelog: "First" });
    await editDraft(mm.id, (e) => e.deleteFeature(entity.id, tableName.id));
    await metamodelService.publish(editor, { metamodelId: mm.id, version: "2.0.0", changelog: "Drops tableName" });

    const listed = await metamodelService.versions(viewer, { metamodelId: mm.id });
    expect(listed.versions.map((v) => [v.version, v.changelog])).toEqual([
      ["2.0.0", "Drops tableName"],
      ["1.0.0", "First"],
    ]);
    expect(listed.latestVersion).toBe("2.0.0");
    expect(listed.suggestedVersions).toEqual({ patch: "2.0.1", minor: "2.1.0", major: "3.0.0" });
    expect((await metamodelService.list(viewer, { projectId: mm.projectId }))[0]).toMatchObject({ latestVersion: "2.0.0" });

    // 1.0.0 is what the draft was then; later edits do not touch it.
    const v1 = await metamodelService.version(viewer, { metamodelId: mm.id, version: "1.0.0" });
    expect(v1.metamodel).toEqual(STARTER);
    await editDraft(mm.id, (e) => e.updateClass(entity.id, { name: "Table" }));
    expect((await metamodelService.version(viewer, { metamodelId: mm.id, version: "1.0.0" })).metamodel).toEqual(STARTER);

    const compared = await metamodelService.compareVersions(viewer, { metamodelId: mm.id, from: "1.0.0", to: "draft" });
    expect(compared.changes.map((c) => `${c.kind} ${c.path}`)).toEqual(["renamed Table", "removed Table.tableName"]);
    expect(compared.bump).toBe("major");
  });

  it("refuses malformed, existing and lower versions, an invalid meta-model, viewers, and archived projects", async () => {
    const { editor, viewer, mm } = await setup();
    await metamodelService.publish(editor, { metamodelId: mm.id, version: "1.2.0", changelog: "" });
    const publish = (version: string, ctx = editor) => outcomeCode(metamodelService.publish(ctx, { metamodelId: mm.id, version, changelog: "" }));
    expect(await publish("1.2")).toBe("VALIDATION_FAILED");
    expect(await publish("1.2.0")).toBe("VERSION_EXISTS");
    expect(await publish("1.1.9")).toBe("VALIDATION_FAILED");
    expect(await publish("1.3.0", viewer)).toBe("FORBIDDEN");

    // Two types named Entity: the draft does not validate, so it cannot be published.
    await editDraft(mm.id, (e) => e.addClass({ name: "Entity" }));
    const refused = await metamodelService.publish(editor, { metamodelId: mm.id, version: "1.3.0", changelog: "" }).catch((e: unknown) => e as { code: string; message: string });
    expect(refused).toMatchObject({ code: "METAMODEL_INVALID" });
    expect((refused as { message: string }).message).toContain("Two types are named Entity");
    expect((await metamodelService.versions(editor, { metamodelId: mm.id })).versions).toHaveLength(1);

    await editDraft(mm.id, (e) => e.deleteNodes(e.read().classes.filter((c) => c.name === "Entity" && c.id !== entity.id).map((c) => c.id)));
    await projectService.setArchived(editor, { projectId: mm.projectId, archived: true });
    expect(await publish("1.3.0")).toBe("PROJECT_ARCHIVED");
    await projectService.setArchived(editor, { projectId: mm.projectId, archived: false });
    expect(await publish("1.3.0")).toBe("ok");
  });
});

describe("models pinned to a meta-model version", () => {
  it("conformance and generation use the pinned snapshot; the draft keeps today's behaviour", async () => {
    const { editor, viewer, mm, model } = await setup();
    expect(model.metamodelVersion).toBe("draft");
    await metamodelService.publish(editor, { metamodelId: mm.id, version: "1.0.0", changelog: "" });
    expect(await outcomeCode(modelService.setMetamodelVersion(editor, { modelId: model.id, version: "9.9.9" }))).toBe("METAMODEL_VERSION_NOT_FOUND");
    expect(await outcomeCode(modelService.setMetamodelVersion(viewer, { modelId: model.id, version: "1.0.0" }))).toBe("FORBIDDEN");
    await modelService.setMetamodelVersion(editor, { modelId: model.id, version: "1.0.0" });
    expect(await modelService.get(viewer, { modelId: model.id })).toMatchObject({ metamodelVersion: "1.0.0", latestMetamodelVersion: "1.0.0", upgradeAvailable: false });

    // The draft moves on: Entity is renamed and loses tableName.
    await editDraft(mm.id, (e) => {
      e.updateClass(entity.id, { name: "Table" });
      e.deleteFeature(entity.id, tableName.id);
    });

    // Checks: against 1.0.0 the model is clean; against the draft Order's tableName is orphaned.
    const pinned = await modelService.snapshot(viewer, { modelId: model.id });
    expect(pinned.metamodel).toEqual(STARTER);
    expect(pinned.problems).toEqual([]);

    // Generation: a template listing each object's class names the class as 1.0.0 has it.
    const template = await templateService.create(editor, { projectId: mm.projectId, metamodelId: mm.id, name: "Readme", source: { kind: "blank" } });
    const readme = async () => {
      const run = await generationService.start(editor, { modelId: model.id, templateId: template.id, version: "draft" });
      expect(run.status).toBe("succeeded");
      return (await generationService.file(viewer, { runId: run.id, path: "README.md" })).content;
    };
    const withPinned = await readme();
    expect(withPinned).toMatch(/- Entity o_\d+/);
    expect(withPinned).not.toContain("Table");

    await modelService.setMetamodelVersion(editor, { modelId: model.id, version: "draft" });
    const live = await modelService.snapshot(viewer, { modelId: model.id });
    expect(live.metamodel.classes.find((c) => c.id === entity.id)!.name).toBe("Table");
    expect(live.problems.map((p) => [p.code, p.featureId])).toEqual([["orphaned-value", tableName.id]]);
    const withDraft = await readme();
    expect(withDraft).toMatch(/- Table o_\d+/);
    expect(withDraft).not.toMatch(/- Entity o_/);
  });

  it("the upgrade preview lists the removed attribute's values as orphaned, with their fix; upgrading pins the new version", async () => {
    const { editor, viewer, mm, model } = await setup();
    await metamodelService.publish(editor, { metamodelId: mm.id, version: "1.0.0", changelog: "" });
    await modelService.setMetamodelVersion(editor, { modelId: model.id, version: "1.0.0" });
    await editDraft(mm.id, (e) => e.deleteFeature(entity.id, tableName.id));
    await metamodelService.publish(editor, { metamodelId: mm.id, version: "2.0.0", changelog: "Drops tableName" });

    const row = await modelService.get(viewer, { modelId: model.id });
    expect(row).toMatchObject({ metamodelVersion: "1.0.0", latestMetamodelVersion: "2.0.0", upgradeAvailable: true });

    const preview = await modelService.upgradePreview(viewer, { modelId: model.id, version: "2.0.0" });
    expect(preview).toMatchObject({ from: "1.0.0", to: "2.0.0", bump: "major", problemsNow: 0 });
    expect(preview.changes.map((c) => `${c.impact} ${c.kind} ${c.path}`)).toEqual(["major removed Entity.tableName"]);
    expect(preview.problems).toHaveLength(1);
    const orphan = preview.problems[0]!;
    expect(orphan).toMatchObject({ code: "orphaned-value", featureId: tableName.id, feature: "Entity.tableName", isNew: true, severity: "warning" });
    expect(orphan.message).toContain("“orders”");
    expect(orphan.fix).toMatch(/Copy the value/);

    // Upgrading keeps the value (reported, not dropped) and pins 2.0.0.
    await modelService.setMetamodelVersion(editor, { modelId: model.id, version: "2.0.0" });
    expect(await modelService.get(viewer, { modelId: model.id })).toMatchObject({ metamodelVersion: "2.0.0", upgradeAvailable: false });
    const after = await modelService.snapshot(viewer, { modelId: model.id });
    expect(after.problems.map((p) => p.code)).toEqual(["orphaned-value"]);
    expect(after.model.objects.some((o) => o.attributes[tableName.id] === "orders")).toBe(true);
  });

  it("the template version compare renders the model with the pinned snapshot, not the draft", async () => {
    const { editor, viewer, mm, model } = await setup();
    await metamodelService.publish(editor, { metamodelId: mm.id, version: "1.0.0", changelog: "" });
    await modelService.setMetamodelVersion(editor, { modelId: model.id, version: "1.0.0" });
    // The draft moves on: Entity.tableName is renamed.
    await editDraft(mm.id, (e) => e.updateFeature(entity.id, tableName.id, { name: "sqlName" }));

    const template = await templateService.create(editor, { projectId: mm.projectId, metamodelId: mm.id, name: "Tables", source: { kind: "blank" } });
    await templateService.publish(editor, { templateId: template.id, version: "1.0.0", changelog: "" });
    // The template's draft adds a file listing each table name, by the attribute's name in 1.0.0.
    const doc = (await loadYDoc(t.db, template.documentName))!;
    const before = Y.encodeStateVector(doc);
    new TemplateEditor(doc, "test").addFile({ path: "tables.txt", body: "{% for object in model.objects %}{% if object.tableName %}table {{ object.tableName }}\n{% endif %}{% endfor %}" });
    await appendUpdates(t.db, [{ documentName: template.documentName, update: Y.encodeStateAsUpdate(doc, before) }]);
    doc.destroy();

    // What the upgrade would change for this model: under 1.0.0 the attribute is still tableName.
    const diff = await templateService.diff(viewer, { templateId: template.id, from: "1.0.0", to: "draft", modelId: model.id });
    const added = diff.output!.files.find((f) => f.path === "tables.txt");
    expect(added).toMatchObject({ status: "added" });
    expect(added!.hunks.flatMap((h) => h.lines.map((l) => l.text))).toContain("table orders");
    // README lists classes as 1.0.0 names them; it is the same in both versions.
    expect(diff.output!.unchanged).toBe(1);

    // Following the draft, the renamed attribute has no tableName: nothing to list.
    await modelService.setMetamodelVersion(editor, { modelId: model.id, version: "draft" });
    const live = await templateService.diff(viewer, { templateId: template.id, from: "1.0.0", to: "draft", modelId: model.id });
    const liveAdded = live.output!.files.find((f) => f.path === "tables.txt");
    expect(liveAdded?.hunks.flatMap((h) => h.lines.map((l) => l.text)) ?? []).not.toContain("table orders");
  });

  it("archived projects refuse pinning", async () => {
    const { editor, mm, model } = await setup();
    await metamodelService.publish(editor, { metamodelId: mm.id, version: "1.0.0", changelog: "" });
    await projectService.setArchived(editor, { projectId: mm.projectId, archived: true });
    expect(await outcomeCode(modelService.setMetamodelVersion(editor, { modelId: model.id, version: "1.0.0" }))).toBe("PROJECT_ARCHIVED");
    expect((await modelService.get(editor, { modelId: model.id })).metamodelVersion).toBe("draft");
  });
});
