import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTemplateDoc, createTemplateUndoManager, readTemplate, TemplateEditor, TemplateReader, templateRoots } from "../collab/template-doc";
import { starterByKey } from "../metamodel/starters";
import { shopModel } from "../model/fixtures";
import { templateSchema, type Template } from "./schema";
import { toFixture, TEST_LIMITS, type TemplateTestCase } from "./test-cases-schema";

/** Test cases in the template draft (core/collab/template-doc.ts): layout, co-editing, undo, restore. */

const mm = starterByKey("entity-relational")!.build();
const fixture = toFixture(mm, shopModel(mm));

const shop = (over: Partial<TemplateTestCase> = {}): TemplateTestCase => ({
  id: "t_shop",
  name: "Shop",
  model: fixture,
  expected: [{ path: "README.md", content: "# Shop\n" }],
  ...over,
});

const sample = (tests: TemplateTestCase[] = [shop()]): Template => ({
  name: "Docs",
  description: "",
  files: [{ id: "f_readme", path: "README.md", body: "# {{ model.name }}\n", forEach: null }],
  partials: [],
  tests,
});

function sync(...docs: Y.Doc[]) {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}
function fork(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe("test cases in the draft document", () => {
  it("round-trip through the document and its encoding, schema-valid", () => {
    const doc = createTemplateDoc(sample([shop(), shop({ id: "t_empty", name: "Empty", expected: [] })]));
    expect(readTemplate(doc)).toEqual(sample([shop(), shop({ id: "t_empty", name: "Empty", expected: [] })]));
    expect(readTemplate(fork(doc)).tests.map((t) => t.name)).toEqual(["Shop", "Empty"]);
    expect(templateSchema.parse(readTemplate(doc))).toEqual(readTemplate(doc));
    const entry = templateRoots(doc).tests.get("t_shop")!;
    expect(entry.get("name")).toBe("Shop");
    expect(typeof entry.get("order")).toBe("string");
  });

  it("a document written before tests existed reads with no test cases", () => {
    const old = new Y.Doc();
    old.transact(() => {
      old.getMap("meta").set("name", "Old");
      const f = new Y.Map<unknown>();
      f.set("path", new Y.Text("a.txt"));
      f.set("body", new Y.Text("hi"));
      f.set("forEach", null);
      f.set("order", "a");
      old.getMap("files").set("f_a", f);
    });
    const t = readTemplate(fork(old));
    expect(t.tests).toEqual([]);
    expect(t.files.map((f) => f.path)).toEqual(["a.txt"]);
  });

  it("skips malformed entries instead of failing the whole read", () => {
    const doc = createTemplateDoc(sample());
    doc.transact(() => {
      const bad = new Y.Map<unknown>();
      bad.set("name", "Bad");
      bad.set("model", { format: "nope" });
      bad.set("expected", []);
      templateRoots(doc).tests.set("t_badmodel", bad);
      const badId = new Y.Map<unknown>();
      badId.set("name", "Bad id");
      badId.set("model", fixture);
      badId.set("expected", []);
      templateRoots(doc).tests.set("f_notacase", badId);
    });
    expect(readTemplate(doc).tests.map((t) => t.id)).toEqual(["t_shop"]);
  });

  it("add, rename, accept and delete, each one undoable step for its author only", () => {
    const doc = createTemplateDoc(sample([]));
    const ed = new TemplateEditor(doc, "me");
    const undo = createTemplateUndoManager(doc, "me");
    const id = ed.addTest({ name: "Shop", model: fixture, expected: [{ path: "README.md", content: "# Shop\n" }] });
    expect(id).toMatch(/^t_[a-z0-9]{10}$/);
    undo.stopCapturing();
    ed.renameTest(id, "  The shop ");
    undo.stopCapturing();
    ed.setTestExpected(id, [{ path: "README.md", content: "# Shop!\n" }]);
    expect(readTemplate(doc).tests).toEqual([{ id, name: "The shop", model: fixture, expected: [{ path: "README.md", content: "# Shop!\n" }] }]);
    // Someone else's edit is not in this user's undo.
    new TemplateEditor(doc, "other").renameTest(id, "Renamed by other");
    undo.undo();
    expect(readTemplate(doc).tests[0]).toMatchObject({ name: "Renamed by other", expected: [{ path: "README.md", content: "# Shop\n" }] });
    undo.redo();
    expect(readTemplate(doc).tests[0]!.expected[0]!.content).toBe("# Shop!\n");
    ed.deleteTest(id);
    expect(readTemplate(doc).tests).toEqual([]);
    undo.undo();
    expect(readTemplate(doc).tests.map((t) => t.id)).toEqual([id]);
  });

  it("refuses invalid edits with a message", () => {
    const doc = createTemplateDoc(sample());
    const ed = new TemplateEditor(doc);
    expect(() => ed.renameTest("t_shop", " ")).toThrow("A test case needs a name.");
    expect(() => ed.addTest({ name: "x", model: { format: "metaforge.model" }, expected: [] })).toThrow();
    expect(() => ed.setTestExpected("t_shop", [{ path: "a", content: "x".repeat(TEST_LIMITS.fileChars + 1) }])).toThrow("An expected file is limited to 1 MB.");
    const many = createTemplateDoc(sample(Array.from({ length: TEST_LIMITS.cases }, (_, i) => shop({ id: `t_case${i}`, name: `Case ${i}` }))));
    expect(() => new TemplateEditor(many).addTest({ name: "One more", model: fixture, expected: [] })).toThrow(/at most 50 test cases/);
    expect(readTemplate(doc).tests).toEqual([shop()]);
  });

  it("concurrent edits to one case merge per field; to different cases, both are kept", () => {
    const base = createTemplateDoc(sample([shop(), shop({ id: "t_other", name: "Other" })]));
    const [a, b] = [fork(base), fork(base)];
    new TemplateEditor(a).renameTest("t_shop", "Renamed in A");
    new TemplateEditor(b).setTestExpected("t_shop", [{ path: "README.md", content: "accepted in B\n" }]);
    new TemplateEditor(b).deleteTest("t_other");
    sync(a, b);
    expect(readTemplate(a)).toEqual(readTemplate(b));
    expect(readTemplate(a).tests).toEqual([shop({ name: "Renamed in A", expected: [{ path: "README.md", content: "accepted in B\n" }] })]);
  });

  it("restoring a version restores its test cases in the same undoable step", () => {
    const doc = createTemplateDoc(sample());
    const ed = new TemplateEditor(doc, "me");
    const undo = createTemplateUndoManager(doc, "me");
    ed.setTestExpected("t_shop", [{ path: "README.md", content: "draft\n" }]);
    ed.addTest({ name: "Draft only", model: fixture, expected: [] });
    undo.stopCapturing();
    const draft = readTemplate(doc);
    ed.replaceAll(sample());
    expect(readTemplate(doc)).toEqual(sample());
    undo.undo();
    expect(readTemplate(doc)).toEqual(draft);
    // A version published before tests existed has none: restoring it removes the draft's.
    const { tests: _, ...old } = sample();
    ed.replaceAll(old as Template);
    expect(readTemplate(doc).tests).toEqual([]);
  });

  it("writing the cases a document already holds changes nothing", () => {
    const doc = createTemplateDoc(sample());
    let updates = 0;
    doc.on("update", () => updates++);
    new TemplateEditor(doc).replaceAll(sample());
    expect(updates).toBe(0);
  });

  it("TemplateReader shares unchanged cases between reads, and sees each change", () => {
    const doc = createTemplateDoc(sample([shop(), shop({ id: "t_other", name: "Other" })]));
    const reader = new TemplateReader(doc);
    const ed = new TemplateEditor(doc);
    const first = reader.read();
    ed.fileBody("f_readme")!.insert(0, "x");
    const second = reader.read();
    expect(second).not.toBe(first);
    expect(second.tests).toBe(first.tests);
    ed.setTestExpected("t_other", [{ path: "a", content: "b" }]);
    const third = reader.read();
    expect(third.tests).not.toBe(second.tests);
    expect(third.tests[0]).toBe(second.tests[0]);
    expect(third.tests[1]!.expected).toEqual([{ path: "a", content: "b" }]);
    expect(third).toEqual(readTemplate(doc));
    // A change from another replica arrives as an update.
    const remote = fork(doc);
    new TemplateEditor(remote).renameTest("t_shop", "From afar");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    expect(reader.read().tests[0]!.name).toBe("From afar");
    expect(reader.read()).toEqual(readTemplate(doc));
    reader.destroy();
  });
});
