import { MetamodelIndex } from "../metamodel/inheritance";
import type { MetaModel } from "../metamodel/schema";
import type { Model, ModelObject } from "../model/schema";
import { attributeValues, buildView, type BuiltView, type ObjectView } from "../model/view";
import { camel } from "../templates/case";
import type { IterationMemo, LoopMemo } from "../templates/compile";
import { renderPart, TemplateRenderError, type CompiledFile, type CompiledTemplate } from "../templates/engine";
import type { TemplateProblem } from "../templates/errors";
import { flat } from "../flat-string";
import { Fingerprints } from "./fingerprints";
import { checkOutputPath } from "./paths";
import { ReadTracker, STRUCTURE } from "./tracker";

/**
 * Generation: (model, template) → files, deterministically. A run renders each template file once for
 * the model, or once per object of its class (subclasses included). Given the state of the previous
 * run, only outputs that read something that changed are rendered again (see tracker.ts); the rest
 * are reused as they were.
 *
 * Models are treated as immutable values: an edit makes a new object for what changed and keeps the
 * others, which makes change detection nearly free (fingerprints are cached per object).
 */

export interface GeneratedFile {
  path: string;
  content: string;
  /** The template file it came from. */
  fileId: string;
  /** The object it was rendered for (per-object files), or null. */
  objectId: string | null;
}

export interface GenerationStats {
  outputs: number;
  rendered: number;
  reused: number;
  /** Loop iterations of the outputs rendered again that were replayed from the previous render. */
  iterationsReused: number;
  ms: number;
}

export interface GenerationResult {
  files: GeneratedFile[];
  problems: TemplateProblem[];
  stats: GenerationStats;
  state: GenerationState;
}

interface Output {
  /** Loop iterations recorded by the render, for the next render of this output to reuse. */
  memo?: Map<string, LoopMemo>;
  /**
   * The ids of what the render read (objects, STRUCTURE). It may hold more than that, never less: an
   * extra id only costs an extra render when that object changes. Null when reads were not tracked
   * (a one-off run): the output is rendered again after any change.
   */
  deps: Set<string> | null;
  /** The checked path, or null when the path rendered empty (the output is skipped). */
  path: string | null;
  content: string;
  problem?: TemplateProblem;
}

export interface GenerationState {
  compiled: CompiledTemplate;
  metamodel: MetaModel;
  /** The model generated from (the next incremental run patches its view when only attribute values changed). */
  model: Model;
  /** The run's files and problems, which the next run reuses when its outputs keep their paths. */
  files?: GeneratedFile[];
  problems?: TemplateProblem[];
  fingerprints: Fingerprints;
  structure: string;
  outputs: Map<string, Output>;
}

const fingerprintCache = new WeakMap<ModelObject, string>();
function fingerprint(o: ModelObject, container: string | undefined): string {
  let own = fingerprintCache.get(o);
  if (own === undefined) fingerprintCache.set(o, (own = JSON.stringify([o.classId, o.attributes, o.references])));
  return container === undefined ? own : `${own}<${container}`;
}

/**
 * What each object's view shows of others pointing at it (its container and `_incoming`), as text:
 * part of its fingerprint, so adding a reference to an object re-renders outputs that read the target.
 */
function pointersTo(model: Model): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of model.objects) {
    for (const [refId, targets] of Object.entries(o.references)) {
      for (const t of targets) out.set(t, `${out.get(t) ?? ""}${o.id}/${refId},`);
    }
  }
  return out;
}

/** The objects whose fingerprint differs from the previous run's (added and removed ones included). */
const lastChanged = new WeakMap<Fingerprints, { previous: Fingerprints; changed: Set<string> }>();
function changedObjects(previous: Fingerprints, current: Fingerprints): Set<string> {
  // Every template generated from the same two models asks the same question.
  const known = lastChanged.get(current);
  if (known?.previous === previous) return known.changed;
  const changed = current.changedSince(previous);
  lastChanged.set(current, { previous, changed });
  return changed;
}

/** Per-object fingerprints and the structure line of a model, computed once per (immutable) model. */
interface Identity {
  fingerprints: Fingerprints;
  structure: string;
  pointers: Map<string, string>;
}
const identities = new WeakMap<Model, Identity>();
function identityOf(model: Model, from?: { model: Model; changed: readonly ModelObject[] }): Identity {
  let identity = identities.get(model);
  if (identity) return identity;
  const before = from && identities.get(from.model);
  if (before) {
    // Only attribute values changed (see attributeEdits): the pointers and the structure are the same.
    const fingerprints = before.fingerprints.with(from.changed.map((o) => [o.id, fingerprint(o, before.pointers.get(o.id))] as const));
    identity = { fingerprints, structure: before.structure, pointers: before.pointers };
  } else {
    const pointers = pointersTo(model);
    identity = {
      fingerprints: Fingerprints.of(model.objects.map((o) => [o.id, fingerprint(o, pointers.get(o.id))] as const)),
      structure: model.objects.map((o) => `${o.id}:${o.classId}`).join(","),
      pointers,
    };
  }
  identities.set(model, identity);
  return identity;
}

/**
 * The objects of `model` that differ from `from`'s in attribute values only, or null when anything
 * else differs (objects added, removed, moved or re-typed, references, the model's name).
 */
function attributeEdits(from: Model, model: Model): ModelObject[] | null {
  if (from.objects.length !== model.objects.length || from.name !== model.name || from.description !== model.description) return null;
  const changed: ModelObject[] = [];
  for (let i = 0; i < model.objects.length; i++) {
    const a = from.objects[i]!;
    const b = model.objects[i]!;
    if (a === b) continue;
    if (a.id !== b.id || a.classId !== b.classId) return null;
    if (a.references !== b.references && JSON.stringify(a.references) !== JSON.stringify(b.references)) return null;
    changed.push(b);
  }
  return changed;
}

/**
 * The view of a model and its tracking stand-ins, shared by every template generated from the same
 * (immutable) model: generating ten templates builds them once.
 */
interface ViewEntry {
  metamodel: MetaModel;
  view: BuiltView;
  /** Made on first tracked use (a one-off run renders over the view itself). */
  tracker?: ReadTracker;
}
const views = new WeakMap<Model, ViewEntry>();
const trackerOf = (entry: ViewEntry) => (entry.tracker ??= new ReadTracker(entry.view));
function viewFor(metamodel: MetaModel, model: Model, from?: { model: Model; changed: readonly ModelObject[] }): ViewEntry {
  const cached = views.get(model);
  if (cached && cached.metamodel === metamodel) return cached;
  // After an edit of attribute values only, the previous model's view is patched and passes to the new
  // model (the previous model loses it: generating from it again builds a fresh one).
  const before = from && views.get(from.model);
  if (before && before.metamodel === metamodel) {
    const index = new MetamodelIndex(metamodel);
    const patches = from.changed.map((o) => [before.view.byId.get(o.id), attributeValues(metamodel, o, index)] as const);
    if (patches.every(([view, values]) => view && values)) {
      for (const [view, values] of patches) {
        if (before.tracker) before.tracker.patch(view as unknown as Record<string, unknown>, values!);
        else for (const [key, value] of values!) (view as unknown as Record<string, unknown>)[key] = value;
      }
      views.delete(from.model);
      views.set(model, before);
      return before;
    }
  }
  const view = buildView(metamodel, model);
  const entry: ViewEntry = { metamodel, view };
  views.set(model, entry);
  return entry;
}

const RESERVED = new Set(["model", "metamodel", "object"]);

/** An output's key: its template file and the object it is rendered for (none for a per-model file). */
const outputKey = (fileId: string, objectId: string | null | undefined) => `${fileId}|${objectId ?? ""}`;

/** An output as a render produced it, in a form that can cross a thread boundary. */
export interface RenderedOutput {
  key: string;
  deps: string[] | null;
  path: string | null;
  content: string;
  problem?: TemplateProblem;
}

/** A generation result as plain data (server/generation/render-pool.ts sends it between threads). */
export interface WireResult {
  files: GeneratedFile[];
  problems: TemplateProblem[];
  stats: GenerationStats;
  outputs: RenderedOutput[];
}

export function toWire(result: GenerationResult): WireResult {
  const outputs = [...result.state.outputs].map(([key, o]) => ({ key, deps: o.deps && [...o.deps], path: o.path, content: o.content, ...(o.problem ? { problem: o.problem } : {}) }));
  return { files: result.files, problems: result.problems, stats: result.stats, outputs };
}

/**
 * A result generated elsewhere (another thread, from the same template, meta-model and model), made
 * whole again: its state serves incremental generation here like one generated in this thread.
 */
export function fromWire(compiled: CompiledTemplate, metamodel: MetaModel, model: Model, wire: WireResult): GenerationResult {
  const { fingerprints, structure } = identityOf(model);
  const outputs = new Map<string, Output>(wire.outputs.map((o) => [o.key, { path: o.path, content: o.content, deps: o.deps && new Set(o.deps), ...(o.problem ? { problem: o.problem } : {}) }]));
  return { files: wire.files, problems: wire.problems, stats: wire.stats, state: { compiled, metamodel, model, fingerprints, structure, outputs, files: wire.files, problems: wire.problems } };
}

export interface GenerateOptions {
  /**
   * Record the loop iterations of one-file outputs so that the next incremental generation from this
   * result can replay the ones whose inputs did not change. Worth it where generation is repeated
   * after small edits (the template editor's live preview); a one-off run leaves it off.
   */
  remember?: boolean;
  /**
   * Track what each output reads (default), so that a later generation from this result renders again
   * only the outputs an edit touched. A one-off run (a generation job) turns it off: templates then
   * read the model's view directly, which is faster, and the result used as `previous` renders
   * everything again. `remember` needs tracking and turns it on.
   */
  track?: boolean;
}

export function generate(compiled: CompiledTemplate, metamodel: MetaModel, model: Model, previous?: GenerationState, options: GenerateOptions = {}): GenerationResult {
  const started = performance.now();
  const index = new MetamodelIndex(metamodel);
  const reusable = previous && previous.compiled === compiled && previous.metamodel === metamodel ? previous : undefined;
  const edits = reusable && reusable.model !== model ? attributeEdits(reusable.model, model) : null;
  const from = edits && reusable ? { model: reusable.model, changed: edits } : undefined;
  const { fingerprints, structure } = identityOf(model, from);
  const changed = reusable ? changedObjects(reusable.fingerprints, fingerprints) : null;
  const structureChanged = reusable ? reusable.structure !== structure : true;
  const isStale = (o: Output) => {
    if (!changed || !o.deps) return true;
    if (structureChanged && o.deps.has(STRUCTURE)) return true;
    // Walk the smaller side: after an edit a handful of objects changed, while an output over the whole
    // model read thousands.
    if (changed.size < o.deps.size) {
      for (const id of changed) if (o.deps.has(id)) return true;
      return false;
    }
    for (const d of o.deps) if (changed.has(d)) return true;
    return false;
  };

  const entry = viewFor(metamodel, model, from);
  const view = entry.view;
  const tracker = options.track === false && !options.remember ? null : trackerOf(entry);
  const outputs = new Map<string, Output>();
  const problems: TemplateProblem[] = [...compiled.problems];
  let rendered = 0;
  let iterationsReused = 0;

  const modelInScope = tracker ? tracker.model : view.model;
  const aliases = new Map<string, string | null>();
  const aliasOf = (classId: string) => {
    let alias = aliases.get(classId);
    if (alias === undefined) {
      alias = camel(index.classes.get(classId)!.name);
      aliases.set(classId, RESERVED.has(alias) ? null : alias);
    }
    return aliases.get(classId)!;
  };
  const unchanged = (id: string) => changed !== null && (id === STRUCTURE ? !structureChanged : !changed.has(id));
  const render = (file: CompiledFile, object: ObjectView | null, before: Output | undefined): Output => {
    // A render that replays iterations extends the previous render's deps in place: they hold every
    // replayed iteration's reads already (so replays report nothing), and adding to them keeps them a
    // superset of what the previous render read. Started afresh when they have grown well past the model.
    const extend = options.remember && before?.memo && before.deps && before.deps.size <= 2 * fingerprints.size + 16 ? before.deps : undefined;
    const memo: IterationMemo | undefined = !options.remember || !tracker ? undefined : {
      idOf: (v) => tracker.idOf(v),
      standIn: (id) => tracker.standIn(id),
      unchanged,
      beginReads: () => tracker.beginReads(),
      endReads: () => tracker.endReads(),
      addReads: extend ? () => {} : (ids) => tracker.addReads(ids),
      previous: before?.memo,
      next: new Map(),
      replayed: 0,
    };
    const scope: Record<string, unknown> = { model: modelInScope, metamodel: view.metamodel };
    if (object) {
      scope.object = tracker ? tracker.wrap(object) : object;
      const alias = aliasOf(file.file.forEach!);
      if (alias) scope[alias] = scope.object;
    }
    rendered++;
    const renderOutput = (): Omit<Output, "deps"> => {
      try {
        const rawPath = renderPart(compiled, file, "path", scope, object?._id);
        if (rawPath.trim() === "") return { path: null, content: "" };
        const checked = checkOutputPath(rawPath);
        if (!checked.ok) {
          return { path: null, content: "", problem: { fileId: file.file.id, part: "path", line: 1, column: 1, message: checked.error, ...(object ? { objectId: object._id } : {}) } };
        }
        // A run without `remember` has every file read (formatted, hashed, stored): it gets them as
        // flat strings (no slower in bench/generate). The live preview reads only the file on screen.
        const content = renderPart(compiled, file, "body", scope, object?._id, memo);
        return { path: checked.path, content: memo ? content : flat(content) };
      } catch (error) {
        if (!(error instanceof TemplateRenderError)) throw error;
        return { path: null, content: "", problem: error.problem };
      }
    };
    const { value, deps } = tracker ? tracker.record(renderOutput, extend) : { value: renderOutput(), deps: null };
    if (!memo) return { ...value, deps };
    iterationsReused += memo.replayed;
    return { ...value, deps, ...(memo.next.size ? { memo: memo.next } : {}) };
  };

  const renderedKeys: string[] = [];
  for (const file of compiled.files) {
    const forEach = file.file.forEach;
    const targets: Array<ObjectView | null> = forEach === null ? [null] : index.classes.has(forEach) ? (view.model.all[index.classes.get(forEach)!.name] ?? []) : [];
    if (forEach !== null && !index.classes.has(forEach)) {
      problems.push({ fileId: file.file.id, part: "path", line: 1, column: 1, message: "This file is rendered for each object of a class the meta-model no longer has. Pick another class." });
    }
    for (const object of targets) {
      const key = outputKey(file.file.id, object?._id);
      const before = reusable?.outputs.get(key);
      const output = before && !isStale(before) ? before : render(file, object, before);
      if (output !== before) renderedKeys.push(key);
      outputs.set(key, output);
      if (output.problem) problems.push(output.problem);
    }
  }

  const patched = reusable && !structureChanged ? patchFiles(reusable, outputs, renderedKeys) : null;
  if (patched) {
    return {
      files: patched,
      problems: reusable!.problems ?? problems,
      stats: { outputs: outputs.size, rendered, reused: outputs.size - rendered, iterationsReused, ms: performance.now() - started },
      state: { compiled, metamodel, model, fingerprints, structure, outputs, files: patched, problems: reusable!.problems ?? problems },
    };
  }

  const files: GeneratedFile[] = [];
  const writers = new Map<string, string>();
  for (const [key, output] of outputs) {
    if (output.path === null) continue;
    const [fileId = "", objectId = ""] = key.split("|");
    const other = writers.get(output.path);
    if (other !== undefined) {
      problems.push({ fileId, part: "path", line: 1, column: 1, message: `Two outputs write "${output.path}" (also ${other}). Make the path depend on the object, e.g. {{ object.name | kebab }}.`, ...(objectId ? { objectId } : {}) });
      continue;
    }
    writers.set(output.path, objectId ? `the output for object ${objectId}` : "a per-model file");
    files.push({ path: output.path, content: output.content, fileId, objectId: objectId || null });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  return {
    files,
    problems,
    stats: { outputs: outputs.size, rendered, reused: outputs.size - rendered, iterationsReused, ms: performance.now() - started },
    state: { compiled, metamodel, model, fingerprints, structure, outputs, files, problems },
  };
}

/**
 * The previous run's files with the contents that changed, when the outputs rendered again kept their
 * paths and neither had nor have problems (so the sorted file list and the problems are the same); else
 * null and the list is made anew. Only the outputs rendered again are looked at: the others are the
 * previous run's.
 */
function patchFiles(previous: GenerationState, outputs: Map<string, Output>, renderedKeys: readonly string[]): GeneratedFile[] | null {
  if (!previous.files || outputs.size !== previous.outputs.size) return null;
  const contents = new Map<string, string>();
  for (const key of renderedKeys) {
    const output = outputs.get(key)!;
    const before = previous.outputs.get(key);
    if (!before || before.path !== output.path || before.problem || output.problem) return null;
    if (output.path !== null && output.content !== before.content) contents.set(key, output.content);
  }
  if (!contents.size) return previous.files;
  const at = fileIndex(previous.files);
  const files = previous.files.slice();
  for (const [key, content] of contents) {
    const i = at.get(key)!;
    files[i] = { ...files[i]!, content };
  }
  fileIndexes.set(files, at);
  return files;
}

/** Where each output's file is in a run's sorted file list (the same for a patched list). */
const fileIndexes = new WeakMap<GeneratedFile[], Map<string, number>>();
function fileIndex(files: GeneratedFile[]): Map<string, number> {
  let at = fileIndexes.get(files);
  if (!at) {
    at = new Map(files.map((f, i) => [outputKey(f.fileId, f.objectId), i]));
    fileIndexes.set(files, at);
  }
  return at;
}
