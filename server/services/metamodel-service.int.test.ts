import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { verifyCollabToken } from "../../collab-server/token";
import { readLayout, readMetamodel } from "../../core/collab/metamodel-doc";
import { exportMetamodelFile } from "../../core/metamodel/json";
import { STARTERS } from "../../core/metamodel/starters";
import { loadDocument } from "../../db/queries/collab";
import { collabDocument, metamodel } from "../../db/schema";
import { useTestDatabase } from "../../test/db";
import { createWorkspaceWithRoles, outcomeCode, TEST_AUTH_SECRET, workspaceContext } from "../../test/fixtures";
import { metamodelService } from "./metamodel-service";
import { projectService } from "./project-service";

const t = useTestDatabase();

async function setup() {
  const fx = await createWorkspaceWithRoles(t.db);
  const editor = await workspaceContext(t.db, fx.members.editor, fx.workspace.id);
  const project = await projectService.create(editor, { name: "Shop", description: "" });
  return { fx, editor, project };
}

async function documentContent(name: string) {
  const state = await loadDocument(t.db, { name });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state!.snapshot);
  for (const u of state!.updates) Y.applyUpdate(doc, u.update);
  return { metamodel: readMetamodel(doc), layout: readLayout(doc) };
}

describe("metamodelService", () => {
  it("creates from every starter: the document holds the starter, laid out, and the row summarises it", async () => {
    const { editor, project } = await setup();
    for (const starter of STARTERS) {
      const created = await metamodelService.create(editor, { projectId: project.id, source: { kind: "starter", key: starter.key } });
      const { metamodel: mm, layout } = await documentContent(created.documentName);
      expect(mm).toEqual(starter.build());
      expect(Object.keys(layout).sort()).toEqual([...mm.classes.map((c) => c.id), ...mm.enums.map((e) => e.id)].sort());
      expect(created).toMatchObject({ name: mm.name, classCount: mm.classes.length, enumCount: mm.enums.length });
    }
    expect(await metamodelService.list(editor, { projectId: project.id })).toHaveLength(STARTERS.length);
  });

  it("creates a blank one (a name is needed) and one from a file", async () => {
    const { editor, project } = await setup();
    expect(await outcomeCode(metamodelService.create(editor, { projectId: project.id, source: { kind: "blank" } }))).toBe("VALIDATION_FAILED");
    const blank = await metamodelService.create(editor, { projectId: project.id, name: "Empty", source: { kind: "blank" } });
    expect((await documentContent(blank.documentName)).metamodel).toEqual({ name: "Empty", description: "", classes: [], enums: [] });

    const file = exportMetamodelFile(STARTERS[0]!.build(), { c_schema: { x: 5, y: 7 } });
    const imported = await metamodelService.create(editor, { projectId: project.id, name: "Imported", source: { kind: "file", content: file } });
    const content = await documentContent(imported.documentName);
    expect(content.metamodel.name).toBe("Imported");
    expect(content.layout.c_schema).toEqual({ x: 5, y: 7 });
    expect(Object.keys(content.layout)).toHaveLength(content.metamodel.classes.length + content.metamodel.enums.length);
  });

  it("refuses a bad file with the reason, storing nothing", async () => {
    const { editor, project } = await setup();
    const before = (await t.db.select().from(metamodel)).length;
    const error = await metamodelService
      .create(editor, { projectId: project.id, source: { kind: "file", content: '{"format":"nope"}' } })
      .catch((e: unknown) => e as { code: string; fieldErrors: Record<string, string[]> });
    expect(error).toMatchObject({ code: "INVALID_FILE" });
    expect((error as { fieldErrors: Record<string, string[]> }).fieldErrors.file![0]).toMatch(/format/);
    expect(await t.db.select().from(metamodel)).toHaveLength(before);
  });

  it("refuses new meta-models in an archived project", async () => {
    const { editor, project } = await setup();
    await projectService.setArchived(editor, { projectId: project.id, archived: true });
    expect(await outcomeCode(metamodelService.create(editor, { projectId: project.id, name: "X", source: { kind: "blank" } }))).toBe("PROJECT_ARCHIVED");
  });

  it("delete needs the name and removes the document", async () => {
    const { editor, project } = await setup();
    const created = await metamodelService.create(editor, { projectId: project.id, name: "Temp", source: { kind: "blank" } });
    expect(await outcomeCode(metamodelService.remove(editor, { metamodelId: created.id, confirmName: "temp" }))).toBe("CONFIRMATION_MISMATCH");
    await metamodelService.remove(editor, { metamodelId: created.id, confirmName: "Temp" });
    expect(await t.db.select().from(collabDocument).where(eq(collabDocument.name, created.documentName))).toHaveLength(0);
    expect(await outcomeCode(metamodelService.get(editor, { metamodelId: created.id }))).toBe("METAMODEL_NOT_FOUND");
  });

  it("collab tokens name the document, the workspace and the role; viewers get read-only", async () => {
    const { fx, editor, project } = await setup();
    const created = await metamodelService.create(editor, { projectId: project.id, name: "Live", source: { kind: "blank" } });
    const forEditor = await metamodelService.collabToken(editor, { metamodelId: created.id });
    expect(forEditor.readOnly).toBe(false);
    expect(await verifyCollabToken(TEST_AUTH_SECRET, forEditor.token, created.documentName)).toMatchObject({
      sub: fx.members.editor.id,
      ws: fx.workspace.id,
      role: "editor",
    });
    const viewer = await workspaceContext(t.db, fx.members.viewer, fx.workspace.id);
    expect((await metamodelService.collabToken(viewer, { metamodelId: created.id })).readOnly).toBe(true);
  });
});
