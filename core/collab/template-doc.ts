import * as Y from "yjs";
import { PARTIAL_NAME, type Partial as TemplatePartial, type Template, type TemplateFile } from "../templates/schema";
import { newTestCaseId, testCaseSchema, TEST_ID, TEST_LIMITS, type ExpectedFile, type FixtureModel, type TemplateTestCase } from "../templates/test-cases-schema";
import { LOCAL_ORIGIN } from "./metamodel-doc";
import { newId } from "../metamodel/ids";
import { jitteredKey, keysBetween } from "./model-doc";

/**
 * A template draft as a Yjs document, co-edited live: the UI binds each file's body (and each
 * partial's body) to its Y.Text with y-codemirror.next, so two people typing in one file merge
 * character by character. Files and partials are Y.Maps keyed by id, so concurrent edits to different
 * files, or to different fields of one file, merge; they are ordered by fractional keys (model-doc.ts).
 *
 *   meta      name: string, description: string
 *   files     fileId -> { path: Y.Text, body: Y.Text, forEach: classId | null, order: fractional key,
 *                         format?: false (written as rendered, no formatter; absent in older documents: formatted) }
 *   partials  partialId -> { name: string, body: Y.Text, order: fractional key }
 *   tests     caseId -> { name: string, model: JSON (model document), expected: JSON ([{ path, content }]), order }
 *
 * A test case's model and expected files are plain JSON values, replaced whole (saving a model as the
 * case's fixture, accepting the current output): last writer wins per field, and two people editing
 * different cases, or the name and the expected files of one, both keep their edit. A document written
 * before tests existed has no `tests` map and reads as a template without test cases.
 *
 * A partial's name is a plain string, not a Y.Text: it is short, it is an identifier that bodies
 * refer to (`{% render "sql/column" %}`), and it must match PARTIAL_NAME. Two concurrent renames
 * merged character by character would give a name neither person typed and nothing refers to (and
 * possibly an invalid one); last writer wins gives one of the two, intact. A file's path is a Y.Text
 * (it is a Liquid template that can be long and is edited like one); `renameFile` changes only the
 * part that differs, so two people editing different parts of one path both keep their edit, while
 * two people replacing a whole path at once end up with both texts side by side (visible, and fixed
 * by the next rename).
 *
 * Partials have no id in `Template`: their ids exist only in the document, for the editor.
 */

type YMap = Y.Map<unknown>;

export interface TemplateDocRoots {
  meta: YMap;
  files: Y.Map<YMap>;
  partials: Y.Map<YMap>;
  tests: Y.Map<YMap>;
}

export function templateRoots(doc: Y.Doc): TemplateDocRoots {
  return {
    meta: doc.getMap("meta"),
    files: doc.getMap("files") as Y.Map<YMap>,
    partials: doc.getMap("partials") as Y.Map<YMap>,
    tests: doc.getMap("tests") as Y.Map<YMap>,
  };
}

/** What an empty (or whitespace-only) path reads as: the file stays listed and editable. */
export const UNTITLED_PATH = "untitled.txt";
export const MAX_FILES = 500;
export const MAX_PARTIALS = 500;
const MAX_PATH = 1000;
const MAX_BODY = 1_000_000;
const MAX_NAME = 120;

// --- values ----------------------------------------------------------------------------------------

const str = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);

const ID = /^[A-Za-z0-9_-]+$/;
/** A string `elementIdSchema` accepts and that is safe as a record key. */
const isId = (v: unknown): v is string => typeof v === "string" && v.length <= 64 && ID.test(v) && v !== "__proto__";

/** The content of a Y.Text (or a plain string, tolerated), else undefined. */
const text = (v: unknown): string | undefined => (v instanceof Y.Text ? v.toString() : typeof v === "string" ? v : undefined);

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Makes `t` read `value`, changing only the middle part that differs (common prefix and suffix stay),
 * so concurrent edits elsewhere in the text survive. Never splits a surrogate pair.
 */
function setText(t: Y.Text, value: string) {
  const old = t.toString();
  if (old === value) return;
  const max = Math.min(old.length, value.length);
  let prefix = 0;
  while (prefix < max && old.charCodeAt(prefix) === value.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHighSurrogate(old.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === value.charCodeAt(value.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLowSurrogate(old.charCodeAt(old.length - suffix))) suffix--;
  const removed = old.length - prefix - suffix;
  if (removed > 0) t.delete(prefix, removed);
  const inserted = value.slice(prefix, value.length - suffix);
  if (inserted) t.insert(prefix, inserted);
}

// --- order keys ------------------------------------------------------------------------------------

const KEY = /^[0-9a-z]*[1-9a-z]$/;
const isKey = (v: unknown): v is string => typeof v === "string" && KEY.test(v);

const orderOf = (m: unknown): string => {
  const k = m instanceof Y.Map ? m.get("order") : undefined;
  return typeof k === "string" ? k : "";
};

/**
 * Order keys for a new entry of `root`: right after `after` if it exists, else at the end. Entries
 * sharing `after`'s key (concurrent insertions that drew the same key) and sorting after it by id get
 * fresh keys above the new entry's, so it lands right after `after`. Call inside a transaction.
 */
function slot(root: Y.Map<YMap>, after: string | undefined): [string | null, string | null] {
  const keys: string[] = [];
  for (const m of root.values()) {
    const k = orderOf(m);
    if (isKey(k)) keys.push(k);
  }
  const successor = (k: string | null) => {
    let best: string | null = null;
    for (const x of keys) if ((k === null || x > k) && (best === null || x < best)) best = x;
    return best;
  };
  const target = after === undefined ? undefined : root.get(after);
  if (after === undefined || !(target instanceof Y.Map)) {
    let last: string | null = null;
    for (const x of keys) if (last === null || x > last) last = x;
    return [last, null];
  }
  const prev = orderOf(target);
  if (!isKey(prev)) return [null, successor(null)];
  const next = successor(prev);
  const tied = [...root.entries()]
    .filter(([id, m]) => id > after && m instanceof Y.Map && m.get("order") === prev)
    .map(([id]) => id)
    .sort();
  if (tied.length === 0) return [prev, next];
  const fresh = keysBetween(prev, next, tied.length + 1);
  tied.forEach((id, i) => root.get(id)!.set("order", fresh[i + 1]!));
  return [prev, fresh[1]!];
}

// --- reading ---------------------------------------------------------------------------------------

interface Read<T> {
  value: T;
  order: string;
  id: string;
}

const compareReads = (x: { order: string; id: string }, y: { order: string; id: string }) =>
  x.order < y.order ? -1 : x.order > y.order ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;

/**
 * A path as the schema accepts it: trimmed, at most 1000 characters; empty reads as UNTITLED_PATH
 * (the file stays in the list so it can be fixed; two untitled files are reported by generation as a
 * path clash, like any other).
 */
function readPath(raw: string): string {
  let p = raw.trim();
  if (p.length > MAX_PATH) p = p.slice(0, MAX_PATH).trim();
  return p || UNTITLED_PATH;
}

/** One file, or undefined when the entry is not a readable file (such entries are skipped). */
function readFile(id: string, m: unknown): Read<TemplateFile> | undefined {
  if (!isId(id) || !(m instanceof Y.Map)) return undefined;
  const body = text(m.get("body"));
  if (body === undefined) return undefined;
  const forEach = m.get("forEach");
  const value: TemplateFile = { id, path: readPath(text(m.get("path")) ?? ""), body: body.slice(0, MAX_BODY), forEach: isId(forEach) ? forEach : null };
  if (m.get("format") === false) value.format = false;
  return { id, order: orderOf(m), value };
}

/** One partial, or undefined when the entry is not a readable partial (such entries are skipped). */
function readPartial(id: string, m: unknown): Read<TemplatePartial> | undefined {
  if (!isId(id) || !(m instanceof Y.Map)) return undefined;
  const name = m.get("name");
  const body = text(m.get("body"));
  if (typeof name !== "string" || !PARTIAL_NAME.test(name) || body === undefined) return undefined;
  return { id, order: orderOf(m), value: { name, body: body.slice(0, MAX_BODY) } };
}

// A case's model and expected files are parsed once per stored value (the same object until replaced),
// so an unchanged case reads as the same objects and `sameTest` compares by reference.
const parsedModels = new WeakMap<object, FixtureModel | null>();
const parsedExpected = new WeakMap<object, ExpectedFile[] | null>();
function cachedParse<T>(cache: WeakMap<object, T | null>, raw: unknown, parse: (v: unknown) => T | null): T | null {
  if (typeof raw !== "object" || raw === null) return null;
  if (!cache.has(raw)) cache.set(raw, parse(raw));
  return cache.get(raw)!;
}
const caseShape = testCaseSchema.shape;

/** One test case, or undefined when the entry is not a valid case (such entries are skipped). */
function readTest(id: string, m: unknown): Read<TemplateTestCase> | undefined {
  if (!TEST_ID.test(id) || !(m instanceof Y.Map)) return undefined;
  const name = str(m.get("name")).trim().slice(0, MAX_NAME).trim() || "Untitled case";
  const model = cachedParse(parsedModels, m.get("model"), (v) => {
    const r = caseShape.model.safeParse(v);
    return r.success ? r.data : null;
  });
  const expected = cachedParse(parsedExpected, m.get("expected"), (v) => {
    const r = caseShape.expected.safeParse(v);
    return r.success ? r.data : null;
  });
  if (!model || !expected) return undefined;
  return { id, order: orderOf(m), value: { id, name, model, expected } };
}

const sameTest = (a: TemplateTestCase, b: TemplateTestCase) => a.id === b.id && a.name === b.name && a.model === b.model && a.expected === b.expected;

const sameFile = (a: TemplateFile, b: TemplateFile) => a.id === b.id && a.path === b.path && a.body === b.body && a.forEach === b.forEach && a.format === b.format;
const samePartial = (a: TemplatePartial, b: TemplatePartial) => a.name === b.name && a.body === b.body;

function readMeta(meta: YMap): { name: string; description: string } {
  return {
    name: str(meta.get("name")).trim().slice(0, MAX_NAME).trim() || "Untitled",
    description: str(meta.get("description")),
  };
}

function readAll<T>(root: Y.Map<YMap>, read: (id: string, m: unknown) => Read<T> | undefined, max: number): T[] {
  const reads: Read<T>[] = [];
  for (const [id, m] of root.entries()) {
    const r = read(id, m);
    if (r) reads.push(r);
  }
  return reads
    .sort(compareReads)
    .slice(0, max)
    .map((r) => r.value);
}

/**
 * The template held by `doc`: always valid against `templateSchema` whatever the concurrent history.
 * Malformed entries are skipped (a file whose id is not an id or whose body is not text; a partial
 * whose name does not match PARTIAL_NAME); a file's `forEach` that is not an id reads as null; an
 * empty path reads as UNTITLED_PATH; the name is trimmed to 120 characters ("Untitled" when empty);
 * bodies are cut at 1,000,000 characters; past 500 files (or partials), the rest are left out.
 * Files and partials come in order (order key, then id). Partials with one name are all kept (two
 * people can add one at once); the engine uses the last. See `TemplateReader` for repeated reads.
 */
export function readTemplate(doc: Y.Doc): Template {
  const r = templateRoots(doc);
  return {
    ...readMeta(r.meta),
    files: readAll(r.files, readFile, MAX_FILES),
    partials: readAll(r.partials, readPartial, MAX_PARTIALS),
    tests: readAll(r.tests, readTest, TEST_LIMITS.cases),
  };
}

/** Reads of one collection (files or partials), redone only for entries that changed. */
class CachedCollection<T> {
  private readonly cache = new Map<string, Read<T>>();
  readonly dirty = new Set<string>();
  private order: string[] = [];
  list: T[] = [];

  constructor(
    private readonly root: Y.Map<YMap>,
    private readonly readEntry: (id: string, m: unknown) => Read<T> | undefined,
    private readonly same: (a: T, b: T) => boolean,
    private readonly max: number,
  ) {}

  /** Brings `list` up to date; returns whether it changed (a new array then). */
  refresh(everything: boolean): boolean {
    let resort = false;
    let changed = false;
    if (everything) {
      const before = this.cache;
      const fresh = new Map<string, Read<T>>();
      for (const [id, m] of this.root.entries()) {
        const read = this.readEntry(id, m);
        if (!read) continue;
        const old = before.get(id);
        fresh.set(id, old && old.order === read.order && this.same(old.value, read.value) ? old : read);
      }
      this.cache.clear();
      for (const [id, r] of fresh) this.cache.set(id, r);
      resort = true;
    } else {
      for (const id of this.dirty) {
        const before = this.cache.get(id);
        const after = this.readEntry(id, this.root.get(id));
        if (!after) {
          if (before) {
            this.cache.delete(id);
            resort = true;
          }
          continue;
        }
        if (before && before.order === after.order && this.same(before.value, after.value)) continue;
        this.cache.set(id, after);
        changed = true;
        if (!before || before.order !== after.order) resort = true;
      }
    }
    this.dirty.clear();
    if (resort) {
      this.order = [...this.cache.values()]
        .sort(compareReads)
        .slice(0, this.max)
        .map((r) => r.id);
    }
    if (!resort && !changed) return false;
    const next = this.order.map((id) => this.cache.get(id)!.value);
    if (next.length === this.list.length && next.every((v, i) => v === this.list[i])) return false;
    this.list = next;
    return true;
  }
}

/**
 * Reads a template document again and again, sharing structure between reads: a file or partial that
 * did not change since the last read is the same instance, `files` and `partials` are new arrays only
 * when something in them changed, and the whole template is the same instance when nothing changed.
 * So typing in one body re-reads only that body, and downstream work (compiling, previews) can skip
 * unchanged files by reference.
 *
 * Changes are collected per transaction before any observer runs (the doc's `beforeObserverCalls`),
 * so a read from inside an observer or an `update` handler is already up to date; a read inside an
 * open transaction reads everything afresh. Call `destroy()` when done.
 */
export class TemplateReader {
  private readonly roots: TemplateDocRoots;
  private readonly files: CachedCollection<TemplateFile>;
  private readonly partials: CachedCollection<TemplatePartial>;
  private readonly tests: CachedCollection<TemplateTestCase>;
  private everything = true;
  private metaDirty = true;
  private last: Template | undefined;

  constructor(readonly doc: Y.Doc) {
    this.roots = templateRoots(doc);
    this.files = new CachedCollection(this.roots.files, readFile, sameFile, MAX_FILES);
    this.partials = new CachedCollection(this.roots.partials, readPartial, samePartial, MAX_PARTIALS);
    this.tests = new CachedCollection(this.roots.tests, readTest, sameTest, TEST_LIMITS.cases);
    doc.on("beforeObserverCalls", this.collect);
  }

  destroy() {
    this.doc.off("beforeObserverCalls", this.collect);
  }

  private readonly collect = (tr: Y.Transaction) => {
    if (this.everything) return;
    for (const [changed, keys] of tr.changed) {
      const type: unknown = changed;
      if (type === this.roots.files) {
        for (const k of keys) if (k !== null) this.files.dirty.add(k);
      } else if (type === this.roots.partials) {
        for (const k of keys) if (k !== null) this.partials.dirty.add(k);
      } else if (type === this.roots.tests) {
        for (const k of keys) if (k !== null) this.tests.dirty.add(k);
      } else if (type === this.roots.meta) {
        this.metaDirty = true;
      } else {
        this.markOwner(changed);
      }
    }
  };

  /** Marks the file or partial a nested type (a Y.Text, or an entry's Y.Map) belongs to. */
  private markOwner(type: { _item: Y.Item | null }) {
    let t = type;
    for (;;) {
      const item = t._item;
      if (!item || !(item.parent instanceof Y.AbstractType)) return;
      const parent: unknown = item.parent;
      if (parent === this.roots.files || parent === this.roots.partials || parent === this.roots.tests) {
        if (item.parentSub !== null) (parent === this.roots.files ? this.files : parent === this.roots.partials ? this.partials : this.tests).dirty.add(item.parentSub);
        return;
      }
      t = item.parent;
    }
  }

  read(): Template {
    if (this.doc._transaction) return readTemplate(this.doc);
    const filesChanged = this.files.refresh(this.everything);
    const partialsChanged = this.partials.refresh(this.everything);
    const testsChanged = this.tests.refresh(this.everything);
    this.everything = false;
    let meta = this.last && { name: this.last.name, description: this.last.description };
    let metaChanged = false;
    if (this.metaDirty || !meta) {
      const now = readMeta(this.roots.meta);
      if (!meta || now.name !== meta.name || now.description !== meta.description) {
        meta = now;
        metaChanged = true;
      }
      this.metaDirty = false;
    }
    if (this.last && !filesChanged && !partialsChanged && !testsChanged && !metaChanged) return this.last;
    this.last = { ...meta!, files: this.files.list, partials: this.partials.list, tests: this.tests.list };
    return this.last;
  }
}

// --- writing ---------------------------------------------------------------------------------------

function newFileMap(path: string, body: string, forEach: string | null, order: string, format?: boolean): YMap {
  const m = new Y.Map<unknown>();
  m.set("path", new Y.Text(path));
  m.set("body", new Y.Text(body));
  m.set("forEach", forEach);
  m.set("order", order);
  if (format === false) m.set("format", false);
  return m;
}

/** Formatting off is stored as `format: false`; on is the absence of the key (as in older documents). */
function setFormat(m: YMap, format: boolean | undefined) {
  if (format === false) setField(m, "format", false);
  else if (m.has("format")) m.delete("format");
}

function newPartialMap(name: string, body: string, order: string): YMap {
  const m = new Y.Map<unknown>();
  m.set("name", name);
  m.set("body", new Y.Text(body));
  m.set("order", order);
  return m;
}

function newTestMap(test: Pick<TemplateTestCase, "name" | "model" | "expected">, order: string): YMap {
  const m = new Y.Map<unknown>();
  m.set("name", test.name);
  m.set("model", test.model);
  m.set("expected", test.expected);
  m.set("order", order);
  return m;
}

/** Sets a JSON field unless it already holds the same JSON (restoring a version rewrites only what differs). */
function setJson(m: YMap, key: string, value: unknown) {
  const current = m.get(key);
  if (current === value || (m.has(key) && JSON.stringify(current) === JSON.stringify(value))) return;
  m.set(key, value);
}

function setField(m: YMap, key: string, value: unknown) {
  if (!m.has(key) || m.get(key) !== value) m.set(key, value);
}

/** The entry's Y.Text under `key`, replacing whatever else is there by a Y.Text. */
function textField(m: YMap, key: string): Y.Text {
  const t = m.get(key);
  if (t instanceof Y.Text) return t;
  const fresh = new Y.Text();
  m.set(key, fresh);
  return fresh;
}

/**
 * Makes the document hold `template`, in the open transaction. Files are matched by id and partials
 * by name (in order); a match is updated in place (only the parts of texts that differ change), so
 * Y.Text instances bound to editors stay live, concurrent typing in them merges, and writing the
 * content a document already holds changes nothing. A file id that is not an id or that repeats gets
 * a new id.
 */
function writeInto(roots: TemplateDocRoots, template: Template) {
  const { meta, files, partials } = roots;
  setField(meta, "name", template.name);
  setField(meta, "description", template.description ?? "");

  const fileKeys = keysBetween(null, null, template.files.length);
  const keptFiles = new Set<string>();
  template.files.forEach((f, i) => {
    const id = isId(f.id) && !keptFiles.has(f.id) ? f.id : newId("f");
    keptFiles.add(id);
    const forEach = f.forEach ?? null;
    const existing = files.get(id);
    if (existing instanceof Y.Map) {
      setText(textField(existing, "path"), f.path);
      setText(textField(existing, "body"), f.body);
      setField(existing, "forEach", forEach);
      setField(existing, "order", fileKeys[i]!);
      setFormat(existing, f.format);
    } else {
      files.set(id, newFileMap(f.path, f.body, forEach, fileKeys[i]!, f.format));
    }
  });
  for (const id of [...files.keys()]) if (!keptFiles.has(id)) files.delete(id);

  const partialList = template.partials ?? [];
  const partialKeys = keysBetween(null, null, partialList.length);
  const byName = new Map<string, string[]>();
  const existingPartials = [...partials.entries()]
    .flatMap(([id, m]) => (m instanceof Y.Map ? [{ id, order: orderOf(m), name: str(m.get("name")) }] : []))
    .sort(compareReads);
  for (const p of existingPartials) byName.set(p.name, [...(byName.get(p.name) ?? []), p.id]);
  const keptPartials = new Set<string>();
  partialList.forEach((p, i) => {
    const id = byName.get(p.name)?.shift();
    if (id !== undefined) {
      const m = partials.get(id)!;
      setText(textField(m, "body"), p.body);
      setField(m, "order", partialKeys[i]!);
      keptPartials.add(id);
    } else {
      const fresh = newId("p");
      partials.set(fresh, newPartialMap(p.name, p.body, partialKeys[i]!));
      keptPartials.add(fresh);
    }
  });
  for (const id of [...partials.keys()]) if (!keptPartials.has(id)) partials.delete(id);

  // Test cases, matched by id (a version written before tests existed has none).
  const tests = template.tests ?? [];
  const testKeys = keysBetween(null, null, tests.length);
  const keptTests = new Set<string>();
  tests.forEach((t, i) => {
    const id = TEST_ID.test(t.id) && !keptTests.has(t.id) ? t.id : newTestCaseId();
    keptTests.add(id);
    const existing = roots.tests.get(id);
    if (existing instanceof Y.Map) {
      setField(existing, "name", t.name);
      setJson(existing, "model", t.model);
      setJson(existing, "expected", t.expected);
      setField(existing, "order", testKeys[i]!);
    } else {
      roots.tests.set(id, newTestMap(t, testKeys[i]!));
    }
  });
  for (const id of [...roots.tests.keys()]) if (!keptTests.has(id)) roots.tests.delete(id);
}

/** Makes `doc` hold `template`, in one transaction (see `TemplateEditor.replaceAll`). */
export function writeTemplate(doc: Y.Doc, template: Template, origin: unknown = null) {
  doc.transact(() => writeInto(templateRoots(doc), template), origin);
}

/** A new document holding `template`. */
export function createTemplateDoc(template: Template): Y.Doc {
  const doc = new Y.Doc();
  writeTemplate(doc, template, "init");
  return doc;
}

/** "a/b.ts" → "a/b-copy.ts"; "{{ x }}.d.ts" → "{{ x }}.d-copy.ts"; "Makefile" → "Makefile-copy". */
function copyPath(path: string): string {
  const m = /\.[A-Za-z0-9]+$/.exec(path);
  const slash = path.lastIndexOf("/");
  if (m && m.index > slash + 1) return `${path.slice(0, m.index)}-copy${m[0]}`;
  return `${path}-copy`;
}

function checkPartialName(name: string) {
  if (!PARTIAL_NAME.test(name)) throw new Error(`"${name}" is not a partial name: use lowercase words, e.g. "field" or "sql/column".`);
}

export interface AddFileInit {
  /** Liquid path template. */
  path: string;
  body?: string;
  /** Class id (one output per object of that class), or null (one output per model; the default). */
  forEach?: string | null;
}

/**
 * Edits a template document. Each method is one transaction with this editor's origin, so the undo
 * manager from `createTemplateUndoManager` takes back exactly this user's structural edits.
 *
 * Typing in a body does not go through here: the UI binds `fileBody(id)` / `partialBody(id)` to
 * CodeMirror with y-codemirror.next, which edits the Y.Text itself. Note that deleting a file and
 * undoing that (or a remote user doing so) brings back a new Y.Text: bind to the Y.Text that
 * `fileBody(id)` returns now, and rebind when it changes.
 */
export class TemplateEditor {
  readonly roots: TemplateDocRoots;

  constructor(
    readonly doc: Y.Doc,
    readonly origin: unknown = LOCAL_ORIGIN,
  ) {
    this.roots = templateRoots(doc);
  }

  transact<T>(fn: () => T): T {
    let result!: T;
    this.doc.transact(() => {
      result = fn();
    }, this.origin);
    return result;
  }

  read(): Template {
    return readTemplate(this.doc);
  }

  private file(id: string): YMap | undefined {
    const f = this.roots.files.get(id);
    return f instanceof Y.Map ? f : undefined;
  }

  private partial(id: string): YMap | undefined {
    const p = this.roots.partials.get(id);
    return p instanceof Y.Map ? p : undefined;
  }

  /** The Y.Text holding a file's body, to bind to an editor; undefined if there is no such file. */
  fileBody(id: string): Y.Text | undefined {
    const t = this.file(id)?.get("body");
    return t instanceof Y.Text ? t : undefined;
  }

  /** The Y.Text holding a file's path template; undefined if there is no such file. */
  filePath(id: string): Y.Text | undefined {
    const t = this.file(id)?.get("path");
    return t instanceof Y.Text ? t : undefined;
  }

  /** The Y.Text holding a partial's body, to bind to an editor; undefined if there is no such partial. */
  partialBody(id: string): Y.Text | undefined {
    const t = this.partial(id)?.get("body");
    return t instanceof Y.Text ? t : undefined;
  }

  /** Renames the template or changes its description. */
  setMeta(patch: { name?: string; description?: string }) {
    this.transact(() => {
      for (const [k, v] of Object.entries(patch)) if (typeof v === "string") setField(this.roots.meta, k, v);
    });
  }

  /** A new file, right after `after` or at the end; returns its id. Throws past MAX_FILES files. */
  addFile(init: AddFileInit, options: { after?: string } = {}): string {
    const forEach = init.forEach ?? null;
    if (forEach !== null && !isId(forEach)) throw new Error(`"${forEach}" is not a class id.`);
    if (this.roots.files.size >= MAX_FILES) throw new Error(`A template has at most ${MAX_FILES} files.`);
    const id = newId("f");
    this.transact(() => {
      const [prev, next] = slot(this.roots.files, options.after);
      this.roots.files.set(id, newFileMap(init.path, init.body ?? "", forEach, jitteredKey(prev, next)));
    });
    return id;
  }

  /** Changes a file's path template (only the part that differs, so concurrent edits elsewhere survive). */
  renameFile(id: string, path: string) {
    this.transact(() => {
      const f = this.file(id);
      if (f) setText(textField(f, "path"), path);
    });
  }

  /** One output per object of class `classId` (and its subclasses), or one per model (null). */
  setForEach(id: string, classId: string | null) {
    if (classId !== null && !isId(classId)) throw new Error(`"${classId}" is not a class id.`);
    this.transact(() => {
      const f = this.file(id);
      if (f) setField(f, "forEach", classId);
    });
  }

  /** Formatting of this file's outputs after generation: on (the default) or off (written exactly as rendered). */
  setFormat(id: string, format: boolean) {
    this.transact(() => {
      const f = this.file(id);
      if (f) setFormat(f, format);
    });
  }

  deleteFile(id: string) {
    this.transact(() => {
      if (this.roots.files.has(id)) this.roots.files.delete(id);
    });
  }

  /**
   * A copy of a file right after it, under a new id, its path marked "-copy" (before the extension)
   * so the two do not render to one path. Returns the copy's id (undefined if there is no such file).
   */
  duplicateFile(id: string): string | undefined {
    const read = readFile(id, this.file(id));
    if (!read) return undefined;
    if (this.roots.files.size >= MAX_FILES) throw new Error(`A template has at most ${MAX_FILES} files.`);
    const copy = newId("f");
    const raw = text(this.file(id)!.get("path")) ?? "";
    this.transact(() => {
      const [prev, next] = slot(this.roots.files, id);
      this.roots.files.set(copy, newFileMap(copyPath(raw.trim() || UNTITLED_PATH), read.value.body, read.value.forEach, jitteredKey(prev, next), read.value.format));
    });
    return copy;
  }

  /** A new partial, right after `after` or at the end; returns its id. Throws on a name that is not PARTIAL_NAME. */
  addPartial(init: { name: string; body?: string }, options: { after?: string } = {}): string {
    checkPartialName(init.name);
    if (this.roots.partials.size >= MAX_PARTIALS) throw new Error(`A template has at most ${MAX_PARTIALS} partials.`);
    const id = newId("p");
    this.transact(() => {
      const [prev, next] = slot(this.roots.partials, options.after);
      this.roots.partials.set(id, newPartialMap(init.name, init.body ?? "", jitteredKey(prev, next)));
    });
    return id;
  }

  /** Renames a partial (last writer wins). Throws on a name that is not PARTIAL_NAME. */
  renamePartial(id: string, name: string) {
    checkPartialName(name);
    this.transact(() => {
      const p = this.partial(id);
      if (p) setField(p, "name", name);
    });
  }

  deletePartial(id: string) {
    this.transact(() => {
      if (this.roots.partials.has(id)) this.roots.partials.delete(id);
    });
  }

  private test(id: string): YMap | undefined {
    const t = this.roots.tests.get(id);
    return t instanceof Y.Map ? t : undefined;
  }

  /**
   * A new test case at the end (or right after `after`); returns its id. Throws when the case is not
   * valid (a name, a model document, expected files within the size limits) or past the case limit.
   */
  addTest(init: { name: string; model: unknown; expected: ExpectedFile[] }, options: { after?: string } = {}): string {
    if (this.roots.tests.size >= TEST_LIMITS.cases) throw new Error(`A template has at most ${TEST_LIMITS.cases} test cases. Delete one first.`);
    const id = newTestCaseId();
    const parsed = testCaseSchema.safeParse({ ...init, id });
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
    this.transact(() => {
      const [prev, next] = slot(this.roots.tests, options.after);
      this.roots.tests.set(id, newTestMap(parsed.data, jitteredKey(prev, next)));
    });
    return id;
  }

  /** Renames a test case (last writer wins). Throws on an empty or too long name. */
  renameTest(id: string, name: string) {
    const parsed = testCaseSchema.shape.name.safeParse(name);
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
    this.transact(() => {
      const t = this.test(id);
      if (t) setField(t, "name", parsed.data);
    });
  }

  /** Replaces a test case's expected files (accepting the current output). Throws past the size limits. */
  setTestExpected(id: string, expected: ExpectedFile[]) {
    const parsed = testCaseSchema.shape.expected.safeParse(expected);
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
    this.transact(() => {
      const t = this.test(id);
      if (t) t.set("expected", parsed.data);
    });
  }

  deleteTest(id: string) {
    this.transact(() => {
      if (this.roots.tests.has(id)) this.roots.tests.delete(id);
    });
  }

  /**
   * Makes the draft hold `template` (restoring a published version), in one transaction, so one undo
   * takes it back. Files are matched by id and partials by name and updated in place: open editors stay
   * bound, and what a co-editor types meanwhile merges into the restored text.
   */
  replaceAll(template: Template) {
    this.transact(() => writeInto(this.roots, template));
  }
}

/**
 * An undo manager that takes back only the structural edits made with `origin` (one per user and
 * tab): adding, deleting, duplicating, renaming files and partials, `forEach`, the name, `replaceAll`,
 * and test cases (adding, renaming, deleting, accepting the current output).
 *
 * Typing in a body is not in it: y-codemirror.next's `yCollab` brings its own Y.UndoManager per
 * Y.Text, tracking the binding's origin, which gives per-editor Ctrl+Z with selections restored. Keep
 * the two apart (do not pass this manager to `yCollab`), so undo in a body never deletes a file and
 * undo in the file list never eats typing.
 */
export function createTemplateUndoManager(doc: Y.Doc, origin: unknown): Y.UndoManager {
  const r = templateRoots(doc);
  return new Y.UndoManager([r.meta, r.files, r.partials, r.tests], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 400,
  });
}
