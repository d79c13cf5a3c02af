import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelEditor } from "../../core/collab/model-doc";
import { TemplateEditor } from "../../core/collab/template-doc";
import { starterByKey } from "../../core/metamodel/starters";
import { allAcknowledged, connectClient, startCollabProcess, type CollabProcess, type TestClient } from "../../test/collab";
import { useTestDatabase } from "../../test/db";
import { createWorkspaceWithRoles, TEST_AUTH_SECRET, workspaceContext } from "../../test/fixtures";
import { generationService } from "./generation-service";
import { metamodelService } from "./metamodel-service";
import { modelService } from "./model-service";
import { projectService } from "./project-service";
import { templateService } from "./template-service";

/**
 * Live documents and the work that reads them from the database: what a co-editor typed and the
 * collab-server acknowledged is what gets published and generated, even as the log is compacted.
 */

const t = useTestDatabase();
let server: CollabProcess;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startCollabProcess(t.url, TEST_AUTH_SECRET);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

describe("publishing and generating after live edits", () => {
  it("a template edit and a model edit, once acknowledged, are in the published version and the next run", async () => {
    const fx = await createWorkspaceWithRoles(t.db);
    const editor = await workspaceContext(t.db, fx.members.editor, fx.workspace.id);
    const project = await projectService.create(editor, { name: "Shop", description: "" });
    const mm = await metamodelService.create(editor, { projectId: project.id, source: { kind: "starter", key: "entity-relational" } });
    const model = await modelService.create(editor, { projectId: project.id, metamodelId: mm.id, name: "Shop", source: { kind: "example" } });
    const template = await templateService.create(editor, { projectId: project.id, metamodelId: mm.id, source: { kind: "builtin", key: "markdown-docs" } });

    const tplClient = connectClient(server.url, template.documentName, async () => (await templateService.collabToken(editor, { templateId: template.id })).token);
    const modelClient = connectClient(server.url, model.documentName, async () => (await modelService.collabToken(editor, { modelId: model.id })).token);
    clients.push(tplClient, modelClient);
    await Promise.all([tplClient.synced, modelClient.synced]);

    // Many small edits (more than the 500 that trigger a compaction of the log), then one that matters.
    const tpl = new TemplateEditor(tplClient.doc, "ada");
    const readme = tpl.read().files.find((f) => f.path === "README.md")!;
    const body = tpl.fileBody(readme.id)!;
    for (let i = 0; i < 600; i++) body.insert(0, " ");
    body.delete(0, 600);
    body.insert(0, "<!-- live edit -->\n");
    const starter = starterByKey("entity-relational")!.build();
    const entity = starter.classes.find((c) => c.name === "Entity")!;
    const nameAttr = entity.attributes.find((a) => a.name === "name")!;
    const models = new ModelEditor(modelClient.doc, starter, "ada");
    const customer = models.read().objects.find((o) => o.classId === entity.id && o.attributes[nameAttr.id] === "Customer")!;
    models.setAttribute(customer.id, nameAttr.id, "Client");
    await allAcknowledged(tplClient);
    await allAcknowledged(modelClient);

    await templateService.publish(editor, { templateId: template.id, version: "1.0.0", changelog: "" });
    const published = await templateService.version(editor, { templateId: template.id, version: "1.0.0" });
    expect(published.files.find((f) => f.path === "README.md")!.body.startsWith("<!-- live edit -->\n")).toBe(true);

    const run = await generationService.start(editor, { modelId: model.id, templateId: template.id });
    expect(run.status).toBe("succeeded");
    const files = await generationService.files(editor, { runId: run.id });
    expect(files.map((f) => f.path)).toContain("README.md");
    const readmeOut = await generationService.file(editor, { runId: run.id, path: "README.md" });
    expect(readmeOut.content).toContain("<!-- live edit -->");
    expect(readmeOut.content).toContain("Client");
  }, 30_000);
});
