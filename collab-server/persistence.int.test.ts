import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MetamodelEditor, readMetamodel } from "../core/collab/metamodel-doc";
import { countUpdates, loadDocument } from "../db/queries/collab";
import { metamodelService } from "../server/services/metamodel-service";
import { memberService } from "../server/services/member-service";
import { allAcknowledged, connectClient, eventually, startCollabProcess, type CollabProcess, type TestClient } from "../test/collab";
import { useTestDatabase } from "../test/db";
import { createWorkspaceWithRoles, TEST_AUTH_SECRET, workspaceContext } from "../test/fixtures";
import { projectService } from "../server/services/project-service";
import { ACCESS_CHANGED_CLOSE } from "./access";
import { mergeState } from "./persistence";

/**
 * The collab-server as a separate process on the test database: persistence through SIGKILL and
 * restarts, offline edits, read-only viewers, revocation.
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

async function setup() {
  const fx = await createWorkspaceWithRoles(t.db);
  const ctx = {
    editor: await workspaceContext(t.db, fx.members.editor, fx.workspace.id),
    owner: await workspaceContext(t.db, fx.members.owner, fx.workspace.id),
    viewer: await workspaceContext(t.db, fx.members.viewer, fx.workspace.id),
    admin: await workspaceContext(t.db, fx.members.admin, fx.workspace.id),
  };
  const project = await projectService.create(ctx.editor, { name: "Shop", description: "" });
  const mm = await metamodelService.create(ctx.editor, { projectId: project.id, name: "Live", source: { kind: "blank" } });
  const tokenFor = (who: keyof typeof ctx) => async () => {
    const fresh = await workspaceContext(t.db, ctx[who].user as never, fx.workspace.id);
    return (await metamodelService.collabToken(fresh, { metamodelId: mm.id })).token;
  };
  return { fx, ctx, mm, tokenFor };
}

function client(name: string, token: string | (() => Promise<string>)) {
  const c = connectClient(server.url, name, token);
  clients.push(c);
  return c;
}

/** What the database holds for the document, applied to a fresh Y.Doc. */
async function stored(name: string) {
  const state = await loadDocument(t.db, { name });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, mergeState(state!.snapshot, state!.updates.map((u) => u.update)));
  return readMetamodel(doc);
}

describe("collab-server persistence", () => {
  it("two real providers converge, and every acknowledged edit is in the update log", async () => {
    const { mm, tokenFor } = await setup();
    const a = client(mm.documentName, tokenFor("editor"));
    const b = client(mm.documentName, tokenFor("owner"));
    await Promise.all([a.synced, b.synced]);
    const id = new MetamodelEditor(a.doc).addClass({ name: "Customer", position: { x: 0, y: 0 } });
    await eventually(() => readMetamodel(b.doc).classes.some((c) => c.id === id));
    new MetamodelEditor(b.doc).updateClass(id, { name: "Client" });
    await eventually(() => readMetamodel(a.doc).classes[0]?.name === "Client");
    await Promise.all([allAcknowledged(a), allAcknowledged(b)]);
    expect((await stored(mm.documentName)).classes.map((c) => c.name)).toEqual(["Client"]);
    expect(await countUpdates(t.db, { name: mm.documentName })).toBeGreaterThanOrEqual(2);
  });

  it("a viewer's writes reach neither other clients nor the database", async () => {
    const { mm, tokenFor } = await setup();
    const editor = client(mm.documentName, tokenFor("editor"));
    const viewer = client(mm.documentName, tokenFor("viewer"));
    await Promise.all([editor.synced, viewer.synced]);
    new MetamodelEditor(viewer.doc).addClass({ name: "Vandal" });
    new MetamodelEditor(editor.doc).addClass({ name: "Real" });
    await eventually(() => readMetamodel(viewer.doc).classes.some((c) => c.name === "Real"));
    await allAcknowledged(editor);
    await new Promise((r) => setTimeout(r, 300));
    expect(readMetamodel(editor.doc).classes.map((c) => c.name)).toEqual(["Real"]);
    expect((await stored(mm.documentName)).classes.map((c) => c.name)).toEqual(["Real"]);
  });

  it("loses no acknowledged edit when the server is SIGKILLed, and serves them after a restart", async () => {
    const { mm, tokenFor } = await setup();
    const a = client(mm.documentName, tokenFor("editor"));
    await a.synced;
    const editor = new MetamodelEditor(a.doc);
    const names = Array.from({ length: 50 }, (_, i) => `Class${i}`);
    for (const name of names) editor.addClass({ name });
    await allAcknowledged(a);
    await server.stop("SIGKILL");

    expect((await stored(mm.documentName)).classes.map((c) => c.name).sort()).toEqual([...names].sort());

    server = await startCollabProcess(t.url, TEST_AUTH_SECRET);
    const b = client(mm.documentName, tokenFor("owner"));
    await b.synced;
    expect(readMetamodel(b.doc).classes.map((c) => c.name).sort()).toEqual([...names].sort());
    a.destroy();
  });

  it("offline edits merge on reconnect", async () => {
    const { mm, tokenFor } = await setup();
    const a = client(mm.documentName, tokenFor("editor"));
    const b = client(mm.documentName, tokenFor("owner"));
    await Promise.all([a.synced, b.synced]);
    a.socket.disconnect();
    a.provider.disconnect();
    new MetamodelEditor(a.doc).addClass({ name: "WrittenOffline" });
    new MetamodelEditor(b.doc).addClass({ name: "WrittenOnline" });
    await allAcknowledged(b);
    await new Promise((r) => setTimeout(r, 200));
    expect(readMetamodel(b.doc).classes.map((c) => c.name)).toEqual(["WrittenOnline"]);
    a.socket.connect();
    a.provider.connect();
    await eventually(() => readMetamodel(b.doc).classes.length === 2 && readMetamodel(a.doc).classes.length === 2, 8000);
    await allAcknowledged(a);
    expect((await stored(mm.documentName)).classes.map((c) => c.name).sort()).toEqual(["WrittenOffline", "WrittenOnline"]);
  });

  it("a removed member is disconnected at once, and gets no new token", async () => {
    const { fx, ctx, mm, tokenFor } = await setup();
    const victim = client(mm.documentName, tokenFor("editor"));
    const bystander = client(mm.documentName, tokenFor("owner"));
    await Promise.all([victim.synced, bystander.synced]);
    await memberService.remove(ctx.admin, { memberId: fx.memberIds.editor });
    const reason = await Promise.race([victim.closed, new Promise<string>((r) => setTimeout(() => r("still connected"), 5000))]);
    expect(reason).toBe(ACCESS_CHANGED_CLOSE.reason);
    new MetamodelEditor(victim.doc).addClass({ name: "AfterRemoval" });
    await new Promise((r) => setTimeout(r, 500));
    expect(readMetamodel(bystander.doc).classes.map((c) => c.name)).not.toContain("AfterRemoval");
    expect((await stored(mm.documentName)).classes.map((c) => c.name)).not.toContain("AfterRemoval");
    await expect(tokenFor("editor")()).rejects.toMatchObject({ code: "WORKSPACE_NOT_FOUND" });
  });
});
