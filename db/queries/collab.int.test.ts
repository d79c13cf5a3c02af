import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { mergeState } from "../../collab-server/persistence";
import { createMetamodelDoc, MetamodelEditor, readMetamodel } from "../../core/collab/metamodel-doc";
import { useTestDatabase } from "../../test/db";
import { createWorkspaceWithRoles } from "../../test/fixtures";
import { appendUpdates, compactDocument, countUpdates, insertDocument, loadDocument } from "./collab";

const t = useTestDatabase();

async function documentWithLog(name: string, edits: number) {
  const fx = await createWorkspaceWithRoles(t.db);
  const doc = createMetamodelDoc({ name: "M", description: "", classes: [], enums: [] });
  await insertDocument(t.db, { name, workspaceId: fx.workspace.id, snapshot: Y.encodeStateAsUpdate(doc) });
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const editor = new MetamodelEditor(doc);
  for (let i = 0; i < edits; i++) editor.addClass({ name: `C${i}` });
  await appendUpdates(t.db, updates.map((update) => ({ documentName: name, update })));
  return doc;
}

function read(state: { snapshot: Uint8Array; updates: Array<{ update: Uint8Array }> }) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, mergeState(state.snapshot, state.updates.map((u) => u.update)));
  return readMetamodel(doc);
}

describe("collab document storage", () => {
  it("compaction folds the log into the snapshot without changing the content", async () => {
    const doc = await documentWithLog("metamodel:compact-1", 25);
    const before = read((await loadDocument(t.db, { name: "metamodel:compact-1" }))!);
    expect(before).toEqual(readMetamodel(doc));
    expect(await compactDocument(t.db, { name: "metamodel:compact-1", merge: mergeState })).toBe(25);
    expect(await countUpdates(t.db, { name: "metamodel:compact-1" })).toBe(0);
    expect(read((await loadDocument(t.db, { name: "metamodel:compact-1" }))!)).toEqual(before);
    expect(await compactDocument(t.db, { name: "metamodel:compact-1", merge: mergeState })).toBe(0);
  });

  it("runs under an advisory lock: while another holds it, compaction leaves the log alone", async () => {
    await documentWithLog("metamodel:compact-2", 5);
    let result = -1;
    await t.sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext(${"collab:metamodel:compact-2"}))`;
      result = await compactDocument(t.db, { name: "metamodel:compact-2", merge: mergeState });
    });
    expect(result).toBe(0);
    expect(await countUpdates(t.db, { name: "metamodel:compact-2" })).toBe(5);
  });

  it("updates appended during a compaction are kept for the next one", async () => {
    const doc = await documentWithLog("metamodel:compact-3", 3);
    const late: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => late.push(u));
    new MetamodelEditor(doc).addClass({ name: "Late" });
    await compactDocument(t.db, {
      name: "metamodel:compact-3",
      merge: (snapshot, updates) => {
        // Another instance appends while this compaction is between reading and writing.
        void appendUpdates(t.db, late.map((update) => ({ documentName: "metamodel:compact-3", update })));
        return mergeState(snapshot, updates);
      },
    });
    await new Promise((r) => setTimeout(r, 100));
    const names = read((await loadDocument(t.db, { name: "metamodel:compact-3" }))!).classes.map((c) => c.name);
    expect(names).toEqual(["C0", "C1", "C2", "Late"]);
  });
});
