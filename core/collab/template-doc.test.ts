import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { templateSchema, type Template } from "../templates/schema";
import {
  createTemplateDoc,
  createTemplateUndoManager,
  MAX_FILES,
  readTemplate,
  TemplateEditor,
  TemplateReader,
  templateRoots,
  UNTITLED_PATH,
  writeTemplate,
} from "./template-doc";

const sample = (): Template => ({
  name: "TypeScript types",
  description: "One interface per entity.",
  files: [
    { id: "f_index", path: "src/index.ts", body: '{% for e in model.entities %}export * from "./{{ e.name }}";\n{% endfor %}', forEach: null },
    { id: "f_entity", path: "src/{{ object.name | kebab }}.ts", body: '{% render "header" %}\nexport interface {{ object.name }} {\n{% for f in object.fields %}{% render "field", f: f %}{% endfor %}}\n', forEach: "c_entity" },
    { id: "f_readme", path: "README.md", body: "# {{ model.name }}\n", forEach: null },
  ],
  partials: [
    { name: "header", body: "// Generated. Do not edit.\n" },
    { name: "field", body: "  {{ f.name }}: {{ f.type }};\n" },
  ],
  tests: [],
});

function sync(...docs: Y.Doc[]) {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

function fork(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const valid = (t: Template) => expect(templateSchema.parse(t)).toEqual(t);

describe("layout and round trips", () => {
  it("a template with 3 files and 2 partials reads back the same, also after encoding", () => {
    const doc = createTemplateDoc(sample());
    expect(readTemplate(doc)).toEqual(sample());
    valid(readTemplate(doc));
    expect(readTemplate(fork(doc))).toEqual(sample());
  });

  it("bodies and paths are Y.Texts, a partial's name a plain string, with order keys", () => {
    const { meta, files, partials } = templateRoots(createTemplateDoc(sample()));
    expect(meta.get("name")).toBe("TypeScript types");
    const f = files.get("f_entity")!;
    expect(f.get("body")).toBeInstanceOf(Y.Text);
    expect(f.get("path")).toBeInstanceOf(Y.Text);
    expect(f.get("forEach")).toBe("c_entity");
    expect(typeof f.get("order")).toBe("string");
    const [p] = [...partials.values()];
    expect(typeof p!.get("name")).toBe("string");
    expect(p!.get("body")).toBeInstanceOf(Y.Text);
  });

  it("read is stable: the same document, or a copy of it, reads deep-equal every time", () => {
    const doc = createTemplateDoc(sample());
    new TemplateEditor(doc).addFile({ path: "b.txt" });
    new TemplateEditor(doc).addPartial({ name: "zzz" });
    const first = readTemplate(doc);
    expect(readTemplate(doc)).toEqual(first);
    expect(readTemplate(fork(doc))).toEqual(first);
    expect(readTemplate(fork(fork(doc)))).toEqual(first);
  });

  it("writing replaces the content in one transaction; writing the same content again changes nothing", () => {
    const doc = createTemplateDoc(sample());
    let transactions = 0;
    let updates = 0;
    doc.on("afterTransaction", () => transactions++);
    doc.on("update", () => updates++);
    writeTemplate(doc, sample());
    expect(updates).toBe(0);
    const other: Template = { name: "Other", description: "", files: [{ id: "f_x", path: "x", body: "", forEach: null }], partials: [], tests: [] };
    writeTemplate(doc, other, "restore");
    expect(transactions).toBe(2);
    expect(readTemplate(doc)).toEqual(other);
  });

  it("a file id that is not an id, or that repeats, gets a new id when written", () => {
    const doc = new Y.Doc();
    const file = (id: string, path: string) => ({ id, path, body: path, forEach: null });
    writeTemplate(doc, { name: "T", description: "", files: [file("f_a", "1"), file("f_a", "2"), file("__proto__", "3")], partials: [], tests: [] });
    const t = readTemplate(doc);
    expect(t.files.map((f) => f.path)).toEqual(["1", "2", "3"]);
    expect(t.files[0]!.id).toBe("f_a");
    expect(new Set(t.files.map((f) => f.id)).size).toBe(3);
    valid(t);
  });

  it("an empty document reads as an empty, schema-valid template", () => {
    const t = readTemplate(new Y.Doc());
    expect(t).toEqual({ name: "Untitled", description: "", files: [], partials: [], tests: [] });
    valid(t);
  });

  it("malformed entries are skipped and odd values read as valid ones", () => {
    const doc = createTemplateDoc(sample());
    const { meta, files, partials } = templateRoots(doc);
    doc.transact(() => {
      meta.set("name", "  ".repeat(10) + "x".repeat(200));
      meta.set("description", 3);
      (files as Y.Map<unknown>).set("f_plain", { path: "a", body: "b" });
      files.set("bad id!", new Y.Map());
      const noBody = new Y.Map<unknown>();
      noBody.set("path", new Y.Text("p"));
      files.set("f_nobody", noBody);
      const odd = new Y.Map<unknown>();
      odd.set("path", new Y.Text("   "));
      odd.set("body", new Y.Text("x".repeat(1_000_010)));
      odd.set("forEach", "not an id!");
      odd.set("order", 42);
      files.set("f_odd", odd);
      const long = new Y.Map<unknown>();
      long.set("path", new Y.Text(`  ${"p".repeat(1200)}`));
      long.set("body", "plain string body");
      long.set("forEach", 7);
      files.set("f_long", long);
      const badName = new Y.Map<unknown>();
      badName.set("name", "Not A Name");
      badName.set("body", new Y.Text(""));
      partials.set("p_bad", badName);
      const noName = new Y.Map<unknown>();
      noName.set("body", new Y.Text(""));
      partials.set("p_noname", noName);
      files.get("f_index")!.set("path", new Y.Text("  src/index.ts \n"));
    });
    const t = readTemplate(doc);
    valid(t);
    expect(t.name).toBe("x".repeat(120));
    expect(t.description).toBe("");
    const ids = t.files.map((f) => f.id);
    expect(ids).not.toContain("f_plain");
    expect(ids).not.toContain("f_nobody");
    // A malformed order sorts first (as the empty key), then ids decide.
    expect(ids.slice(0, 2)).toEqual(["f_long", "f_odd"]);
    const odd = t.files.find((f) => f.id === "f_odd")!;
    expect(odd.path).toBe(UNTITLED_PATH);
    expect(odd.body).toHaveLength(1_000_000);
    expect(odd.forEach).toBeNull();
    const long = t.files.find((f) => f.id === "f_long")!;
    expect(long.path).toBe("p".repeat(1000));
    expect(long.body).toBe("plain string body");
    expect(t.files.find((f) => f.id === "f_index")!.path).toBe("src/index.ts");
    expect(t.partials.map((p) => p.name)).toEqual(["header", "field"]);
  });

  it("past 500 files, the rest are left out of the read", () => {
    const doc = new Y.Doc();
    const files = Array.from({ length: MAX_FILES + 3 }, (_, i) => ({ id: `f_${i}`, path: `${i}.txt`, body: "", forEach: null }));
    writeTemplate(doc, { name: "Many", description: "", files, partials: [], tests: [] });
    const t = readTemplate(doc);
    expect(t.files).toHaveLength(MAX_FILES);
    expect(t.files.at(-1)!.id).toBe(`f_${MAX_FILES - 1}`);
    valid(t);
    expect(() => new TemplateEditor(doc).addFile({ path: "one.more" })).toThrow(/at most 500/);
  });
});

describe("editing", () => {
  it("addFile makes a new f_ id, at the end or right after another file", () => {
    const doc = createTemplateDoc(sample());
    const ed = new TemplateEditor(doc);
    const last = ed.addFile({ path: "z.txt" });
    const second = ed.addFile({ path: "y.txt", body: "hi", forEach: "c_entity" }, { after: "f_index" });
    expect(last).toMatch(/^f_[0-9a-z]{10}$/);
    const t = ed.read();
    expect(t.files.map((f) => f.id)).toEqual(["f_index", second, "f_entity", "f_readme", last]);
    expect(t.files[1]).toEqual({ id: second, path: "y.txt", body: "hi", forEach: "c_entity" });
    expect(t.files.at(-1)).toEqual({ id: last, path: "z.txt", body: "", forEach: null });
    expect(() => ed.addFile({ path: "x", forEach: "no good" })).toThrow();
  });

  it("renameFile replaces the path text, changing only what differs", () => {
    const doc = createTemplateDoc(sample());
    const ed = new TemplateEditor(doc);
    const path = ed.filePath("f_readme")!;
    const deltas: unknown[] = [];
    path.observe((e) => deltas.push(e.delta));
    ed.renameFile("f_readme", "docs/README.md");
    expect(deltas).toEqual([[{ insert: "docs/" }]]);
    ed.renameFile("f_readme", "docs/😀.md");
    ed.renameFile("f_readme", "docs/😁.md");
    expect(path.toString()).toBe("docs/😁.md");
    expect(ed.filePath("f_readme")).toBe(path);
    ed.renameFile("missing", "x");
    expect(ed.read().files.find((f) => f.id === "f_readme")!.path).toBe("docs/😁.md");
  });

  it("setForEach, deleteFile, duplicateFile", () => {
    const doc = createTemplateDoc(sample());
    const ed = new TemplateEditor(doc);
    ed.setForEach("f_readme", "c_entity");
    ed.setForEach("f_entity", null);
    expect(ed.read().files.map((f) => f.forEach)).toEqual([null, null, "c_entity"]);
    const copy = ed.duplicateFile("f_entity")!;
    const t = ed.read();
    expect(t.files.map((f) => f.id)).toEqual(["f_index", "f_entity", copy, "f_readme"]);
    expect(t.files[2]).toEqual({ ...sample().files[1]!, id: copy, path: "src/{{ object.name | kebab }}-copy.ts", forEach: null });
    expect(ed.fileBody(copy)).not.toBe(ed.fileBody("f_entity"));
    expect(ed.duplicateFile("missing")).toBeUndefined();
    ed.deleteFile("f_entity");
    expect(ed.read().files.map((f) => f.id)).toEqual(["f_index", copy, "f_readme"]);
    expect(ed.fileBody("f_entity")).toBeUndefined();
  });

  it("partials: add, rename, delete; names must be partial names", () => {
    const doc = createTemplateDoc(sample());
    const ed = new TemplateEditor(doc);
    const id = ed.addPartial({ name: "sql/column", body: "{{ c }}" });
    expect(id).toMatch(/^p_[0-9a-z]{10}$/);
    expect(ed.partialBody(id)!.toString()).toBe("{{ c }}");
    ed.renamePartial(id, "sql/col");
    expect(ed.read().partials.at(-1)).toEqual({ name: "sql/col", body: "{{ c }}" });
    expect(() => ed.renamePartial(id, "Bad Name")).toThrow(/not a partial name/);
    expect(() => ed.addPartial({ name: "" })).toThrow();
    const first = [...templateRoots(doc).partials.entries()].find(([, m]) => m.get("name") === "header")![0];
    const after = ed.addPartial({ name: "between" }, { after: first });
    expect(ed.read().partials.map((p) => p.name)).toEqual(["header", "between", "field", "sql/col"]);
    ed.deletePartial(after);
    ed.deletePartial(id);
    expect(ed.read().partials).toEqual(sample().partials);
    expect(ed.partialBody(id)).toBeUndefined();
  });

  it("every method is one transaction with the editor's origin", () => {
    const doc = createTemplateDoc(sample());
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    const ed = new TemplateEditor(doc, "alice");
    const f = ed.addFile({ path: "a" });
    ed.renameFile(f, "b");
    ed.setForEach(f, "c_x");
    ed.duplicateFile(f);
    ed.deleteFile(f);
    const p = ed.addPartial({ name: "p" });
    ed.renamePartial(p, "q");
    ed.deletePartial(p);
    ed.setMeta({ name: "N", description: "D" });
    ed.replaceAll(sample());
    expect(origins).toEqual(Array(10).fill("alice"));
  });
});

describe("concurrent edits", () => {
  it("two people typing in one body: both insertions survive, the same everywhere", () => {
    const base = createTemplateDoc(sample());
    const [a, b] = [fork(base), fork(base)];
    const ta = new TemplateEditor(a).fileBody("f_readme")!;
    const tb = new TemplateEditor(b).fileBody("f_readme")!;
    a.transact(() => ta.insert(ta.length, "Alice was here.\n"), "cm-a");
    b.transact(() => tb.insert(2, "Bob: "), "cm-b");
    b.transact(() => tb.delete(tb.length - 1, 1), "cm-b");
    sync(a, b);
    const body = readTemplate(a).files.find((f) => f.id === "f_readme")!.body;
    expect(body).toBe("# Bob: {{ model.name }}Alice was here.\n");
    expect(readTemplate(b)).toEqual(readTemplate(a));
  });

  it("renames of different files both survive; edits to different parts of one path too", () => {
    const base = createTemplateDoc(sample());
    const [a, b] = [fork(base), fork(base)];
    new TemplateEditor(a).renameFile("f_index", "lib/index.ts");
    new TemplateEditor(b).renameFile("f_readme", "docs/README.md");
    sync(a, b);
    expect(readTemplate(a).files.map((f) => f.path)).toEqual(["lib/index.ts", "src/{{ object.name | kebab }}.ts", "docs/README.md"]);
    expect(readTemplate(b)).toEqual(readTemplate(a));

    new TemplateEditor(a).renameFile("f_entity", "lib/{{ object.name | kebab }}.ts");
    new TemplateEditor(b).renameFile("f_entity", "src/{{ object.name | snake }}.ts");
    sync(a, b);
    expect(readTemplate(a).files[1]!.path).toBe("lib/{{ object.name | snake }}.ts");
    expect(readTemplate(b)).toEqual(readTemplate(a));
  });

  it("concurrent renames of one partial converge on one of the two names, intact", () => {
    const base = createTemplateDoc(sample());
    const [a, b] = [fork(base), fork(base)];
    const id = [...templateRoots(a).partials.entries()].find(([, m]) => m.get("name") === "field")![0];
    new TemplateEditor(a).renamePartial(id, "column");
    new TemplateEditor(b).renamePartial(id, "attr");
    sync(a, b);
    expect(["column", "attr"]).toContain(readTemplate(a).partials[1]!.name);
    expect(readTemplate(b)).toEqual(readTemplate(a));
  });

  it("concurrent additions after one file both land there, in one order", () => {
    const base = createTemplateDoc(sample());
    const [a, b] = [fork(base), fork(base)];
    const x = new TemplateEditor(a).addFile({ path: "x" }, { after: "f_index" });
    const y = new TemplateEditor(b).addFile({ path: "y" }, { after: "f_index" });
    sync(a, b);
    const ids = readTemplate(a).files.map((f) => f.id);
    expect(new Set(ids.slice(1, 3))).toEqual(new Set([x, y]));
    expect(readTemplate(b).files.map((f) => f.id)).toEqual(ids);
  });

  it("a deletion and concurrent typing in the deleted file converge", () => {
    const base = createTemplateDoc(sample());
    const [a, b] = [fork(base), fork(base)];
    new TemplateEditor(a).deleteFile("f_entity");
    const t = new TemplateEditor(b).fileBody("f_entity")!;
    b.transact(() => t.insert(0, "typing"), "cm");
    sync(a, b);
    expect(readTemplate(a)).toEqual(readTemplate(b));
    expect(readTemplate(a).files.map((f) => f.id)).toEqual(["f_index", "f_readme"]);
  });
});

describe("replaceAll and undo", () => {
  const published = (): Template => ({
    name: "TypeScript types",
    description: "v1.0.0",
    files: [
      { id: "f_entity", path: "types/{{ object.name }}.ts", body: "export interface {{ object.name }} {}\n", forEach: "c_entity" },
      { id: "f_old", path: "OLD.md", body: "old", forEach: null },
    ],
    partials: [{ name: "field", body: "  {{ f.name }}: unknown;\n" }],
    tests: [],
  });

  it("restores a version in one transaction, and one undo brings the draft back", () => {
    const doc = createTemplateDoc(sample());
    const ed = new TemplateEditor(doc, "me");
    const undo = createTemplateUndoManager(doc, "me");
    ed.addFile({ path: "mine.txt", body: "draft work" });
    undo.stopCapturing();
    const before = readTemplate(doc);
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    ed.replaceAll(published());
    expect(transactions).toBe(1);
    expect(readTemplate(doc)).toEqual(published());
    undo.undo();
    expect(readTemplate(doc)).toEqual(before);
    undo.redo();
    expect(readTemplate(doc)).toEqual(published());
    undo.undo();
    undo.undo();
    expect(readTemplate(doc)).toEqual(sample());
  });

  it("keeps the Y.Texts of files it keeps, so open editors stay bound and concurrent typing merges", () => {
    const base = createTemplateDoc(sample());
    const [a, b] = [fork(base), fork(base)];
    const ea = new TemplateEditor(a, "me");
    const bound = ea.fileBody("f_entity")!;
    const tb = new TemplateEditor(b).fileBody("f_entity")!;
    b.transact(() => tb.insert(tb.length, "// more\n"), "cm");
    ea.replaceAll(published());
    expect(ea.fileBody("f_entity")).toBe(bound);
    expect(bound.toString()).toBe(published().files[0]!.body);
    sync(a, b);
    expect(readTemplate(a).files[0]!.body).toBe(`${published().files[0]!.body}// more\n`);
    expect(readTemplate(b)).toEqual(readTemplate(a));
  });

  it("matches partials by name, keeping their Y.Texts; others go, new ones come", () => {
    const doc = createTemplateDoc(sample());
    const ed = new TemplateEditor(doc);
    const idOf = (name: string) => [...templateRoots(doc).partials.entries()].find(([, m]) => m.get("name") === name)?.[0];
    const field = idOf("field")!;
    const bound = ed.partialBody(field)!;
    ed.replaceAll({ ...sample(), partials: [{ name: "field", body: "changed" }, { name: "extra", body: "" }] });
    expect(idOf("field")).toBe(field);
    expect(ed.partialBody(field)).toBe(bound);
    expect(bound.toString()).toBe("changed");
    expect(idOf("header")).toBeUndefined();
    expect(readTemplate(doc).partials).toEqual([{ name: "field", body: "changed" }, { name: "extra", body: "" }]);
  });
});

describe("undo per user", () => {
  it("takes back only my structural edits, not typing bound elsewhere or other users' edits", () => {
    const base = createTemplateDoc(sample());
    const [mine, theirs] = [fork(base), fork(base)];
    const me = new TemplateEditor(mine, "me");
    const undo = createTemplateUndoManager(mine, "me");
    me.renameFile("f_readme", "README.txt");
    undo.stopCapturing();
    me.deleteFile("f_index");
    undo.stopCapturing();
    const body = me.fileBody("f_entity")!;
    mine.transact(() => body.insert(0, "// typed\n"), "codemirror-binding");
    new TemplateEditor(theirs, "them").setMeta({ name: "Theirs" });
    sync(mine, theirs);

    undo.undo();
    expect(readTemplate(mine).files.map((f) => f.id)).toEqual(["f_index", "f_entity", "f_readme"]);
    expect(readTemplate(mine).files[0]!.body).toBe(sample().files[0]!.body);
    undo.undo();
    const t = readTemplate(mine);
    expect(t.files[2]!.path).toBe("README.md");
    expect(t.files[1]!.body.startsWith("// typed\n")).toBe(true);
    expect(t.name).toBe("Theirs");
    expect(undo.undoStack).toHaveLength(0);
  });
});

describe("structural sharing", () => {
  it("typing in one body gives a new instance of that file only; nothing changed, same template", () => {
    const doc = createTemplateDoc(sample());
    const reader = new TemplateReader(doc);
    const first = reader.read();
    expect(first).toEqual(sample());
    expect(reader.read()).toBe(first);

    const ed = new TemplateEditor(doc);
    const t = ed.fileBody("f_entity")!;
    doc.transact(() => t.insert(0, "x"), "cm");
    const second = reader.read();
    expect(second).not.toBe(first);
    expect(second.files[0]).toBe(first.files[0]);
    expect(second.files[1]).not.toBe(first.files[1]);
    expect(second.files[2]).toBe(first.files[2]);
    expect(second.partials).toBe(first.partials);
    expect(second).toEqual(readTemplate(doc));

    ed.setMeta({ name: "Renamed" });
    const third = reader.read();
    expect(third.files).toBe(second.files);
    expect(third.name).toBe("Renamed");

    const p = [...templateRoots(doc).partials.keys()][0]!;
    ed.partialBody(p)!.insert(0, "y");
    const fourth = reader.read();
    expect(fourth.files).toBe(third.files);
    expect(fourth.partials).not.toBe(third.partials);
    expect(fourth).toEqual(readTemplate(doc));

    // Typing and taking it back in one transaction leaves everything as it was.
    doc.transact(() => {
      t.insert(0, "z");
      t.delete(0, 1);
    });
    expect(reader.read()).toBe(fourth);
    reader.destroy();
  });

  it("is up to date inside observers, and reads afresh inside a transaction", () => {
    const doc = createTemplateDoc(sample());
    const reader = new TemplateReader(doc);
    reader.read();
    const seen: string[] = [];
    doc.on("update", () => seen.push(reader.read().files.find((f) => f.id === "f_readme")!.path));
    new TemplateEditor(doc).renameFile("f_readme", "INDEX.md");
    expect(seen).toEqual(["INDEX.md"]);
    expect(reader.read()).toEqual(readTemplate(doc));
    doc.transact(() => {
      new TemplateEditor(doc).deleteFile("f_index");
      expect(reader.read()).toEqual(readTemplate(doc));
    });
    expect(reader.read()).toEqual(readTemplate(doc));
    reader.destroy();
  });
});

describe("convergence under random concurrent histories (property)", () => {
  type Op = { kind: number; a: number; b: number; text: string };
  const opArb: fc.Arbitrary<Op> = fc.record({
    kind: fc.integer({ min: 0, max: 11 }),
    a: fc.nat(),
    b: fc.nat(),
    text: fc.string({ maxLength: 6, unit: "grapheme" }),
  });
  const NAMES = ["a", "b", "sql/col", "x-y"];

  function apply(ed: TemplateEditor, op: Op) {
    const { files, partials } = ed.roots;
    const pick = <T,>(xs: T[], n: number) => (xs.length ? xs[n % xs.length] : undefined);
    const fileId = pick([...files.keys()].sort(), op.a);
    const partialId = pick([...partials.keys()].sort(), op.a);
    const body = fileId === undefined ? undefined : ed.fileBody(fileId);
    switch (op.kind) {
      case 0:
        ed.addFile({ path: op.text, body: op.text, forEach: op.b % 2 ? "c_x" : null }, { after: pick([...files.keys()].sort(), op.b) });
        break;
      case 1:
        if (fileId) ed.deleteFile(fileId);
        break;
      case 2:
        if (fileId) ed.renameFile(fileId, op.text);
        break;
      case 3:
        if (body) ed.transact(() => body.insert(op.b % (body.length + 1), op.text));
        break;
      case 4:
        if (body && body.length) ed.transact(() => body.delete(op.b % body.length, 1 + (op.b % 3)));
        break;
      case 5:
        ed.addPartial({ name: NAMES[op.b % NAMES.length]!, body: op.text });
        break;
      case 6:
        if (partialId) ed.deletePartial(partialId);
        break;
      case 7:
        if (partialId) ed.renamePartial(partialId, NAMES[op.b % NAMES.length]!);
        break;
      case 8: {
        const t = partialId === undefined ? undefined : ed.partialBody(partialId);
        if (t) ed.transact(() => t.insert(op.b % (t.length + 1), op.text));
        break;
      }
      case 9:
        if (fileId) ed.duplicateFile(fileId);
        break;
      case 10:
        if (fileId) ed.setForEach(fileId, op.b % 2 ? `c_${op.b % 5}` : null);
        break;
      case 11:
        ed.setMeta({ name: op.text });
        break;
    }
  }

  /** A small deterministic shuffle, so delivery orders are part of the shrinkable input. */
  function shuffled<T>(xs: T[], seed: number): T[] {
    let s = seed >>> 0 || 1;
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const j = s % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  it("replicas that saw the same updates, in any order, read the same schema-valid template", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.tuple(fc.nat(), opArb, fc.option(fc.nat(), { freq: 3 })), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        (n, script, seed) => {
          const base = createTemplateDoc(sample());
          const replicas = Array.from({ length: n }, () => fork(base));
          const outboxes = replicas.map(() => [] as Uint8Array[]);
          replicas.forEach((r, i) => r.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && outboxes[i]!.push(u)));
          const readers = replicas.map((r) => new TemplateReader(r));
          const editors = replicas.map((r, i) => new TemplateEditor(r, `user${i}`));
          const deliver = (to: number, updates: Uint8Array[], order: number) => {
            for (const u of shuffled(updates, order)) Y.applyUpdate(replicas[to]!, u, "remote");
          };
          for (const [who, op, exchange] of script) {
            const i = who % n;
            apply(editors[i]!, op);
            const read = readers[i]!.read();
            expect(read).toEqual(readTemplate(replicas[i]!));
            valid(read);
            // Sometimes pass part of this replica's updates on, out of order (Yjs holds back what it cannot apply yet).
            if (exchange !== null && outboxes[i]!.length) {
              const to = (i + 1 + (exchange % (n - 1))) % n;
              deliver(to, outboxes[i]!.slice(0, 1 + (exchange % outboxes[i]!.length)), exchange);
              const there = readers[to]!.read();
              expect(there).toEqual(readTemplate(replicas[to]!));
              valid(there);
            }
          }
          replicas.forEach((_, to) => deliver(to, outboxes.flatMap((box, from) => (from === to ? [] : box)), seed + to));
          const reads = readers.map((r) => r.read());
          for (let i = 0; i < n; i++) {
            expect(reads[i]).toEqual(readTemplate(replicas[i]!));
            expect(reads[i]).toEqual(reads[0]);
          }
          valid(reads[0]!);
          expect(readTemplate(fork(replicas[0]!))).toEqual(reads[0]);
          readers.forEach((r) => r.destroy());
        },
      ),
      { numRuns: 150 },
    );
  });
});
