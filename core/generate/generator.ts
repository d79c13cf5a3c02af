import { MetamodelIndex } from "../metamodel/inheritance";
import type { MetaModel } from "../metamodel/schema";
import type { Model, ModelObject } from "../model/schema";
import { buildView, type BuiltView, type ObjectView } from "../model/view";
import { camel } from "../templates/case";
import { renderPart, TemplateRenderError, type CompiledFile, type CompiledTemplate } from "../templates/engine";
import type { TemplateProblem } from "../templates/errors";
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
  ms: number;
}

export interface GenerationResult {
  files: GeneratedFile[];
  problems: TemplateProblem[];
  stats: GenerationStats;
  state: GenerationState;
}

interface Output {
  deps: Set<string>;
  /** The checked path, or null when the path rendered empty (the output is skipped). */
  path: string | null;
  content: string;
  problem?: TemplateProblem;
}

export interface GenerationState {
  compiled: CompiledTemplate;
  metamodel: MetaModel;
  fingerprints: Map<string, string>;
  structure: string;
  outputs: Map<string, Output>;
}

const fingerprintCache = new WeakMap<ModelObject, string>();
function fingerprint(o: ModelObject, container: string | undefined): string {
  let own = fingerprintCache.get(o);
  if (own === undefined) fingerprintCache.set(o, (own = JSON.stringify([o.classId, o.attributes, o.references])));
  return container === undefined ? own : `${own}<${container}`;
}

function containers(mm: MetaModel, model: Model): Map<string, string> {
  const containment = new Set(mm.classes.flatMap((c) => c.references.filter((r) => r.containment).map((r) => r.id)));
  const out = new Map<string, string>();
  for (const o of model.objects) {
    for (const [refId, targets] of Object.entries(o.references)) {
      if (!containment.has(refId)) continue;
      for (const t of targets) if (!out.has(t)) out.set(t, `${o.id}/${refId}`);
    }
  }
  return out;
}

/** The objects whose fingerprint differs from the previous run's (added and removed ones included). */
function changedObjects(previous: Map<string, string>, current: Map<string, string>): Set<string> {
  const changed = new Set<string>();
  for (const [id, fp] of current) if (previous.get(id) !== fp) changed.add(id);
  for (const id of previous.keys()) if (!current.has(id)) changed.add(id);
  return changed;
}

function structuralSet(view: BuiltView): WeakSet<object> {
  const set = new WeakSet<object>([view.model, view.model.objects, view.model.roots, view.model.all]);
  for (const list of Object.values(view.model.all)) set.add(list);
  return set;
}

const RESERVED = new Set(["model", "metamodel", "object"]);

export function generate(compiled: CompiledTemplate, metamodel: MetaModel, model: Model, previous?: GenerationState): GenerationResult {
  const started = performance.now();
  const index = new MetamodelIndex(metamodel);
  const containerOf = containers(metamodel, model);
  const fingerprints = new Map(model.objects.map((o) => [o.id, fingerprint(o, containerOf.get(o.id))]));
  const structure = model.objects.map((o) => `${o.id}:${o.classId}`).join(",");
  const reusable = previous && previous.compiled === compiled && previous.metamodel === metamodel ? previous : undefined;
  const changed = reusable ? changedObjects(reusable.fingerprints, fingerprints) : null;
  const structureChanged = reusable ? reusable.structure !== structure : true;
  const isStale = (o: Output) => !changed || [...o.deps].some((d) => changed.has(d) || (d === STRUCTURE && structureChanged));

  const view = buildView(metamodel, model);
  const structural = structuralSet(view);
  const outputs = new Map<string, Output>();
  const problems: TemplateProblem[] = [...compiled.problems];
  let rendered = 0;

  const render = (file: CompiledFile, object: ObjectView | null): Output => {
    const tracker = new ReadTracker(structural);
    const scope: Record<string, unknown> = { model: tracker.wrap(view.model), metamodel: view.metamodel };
    if (object) {
      scope.object = tracker.wrap(object);
      const alias = camel(index.classes.get(file.file.forEach!)!.name);
      if (!RESERVED.has(alias)) scope[alias] = scope.object;
    }
    rendered++;
    try {
      const rawPath = renderPart(compiled, file, "path", scope, object?._id);
      if (rawPath.trim() === "") return { deps: tracker.deps, path: null, content: "" };
      const checked = checkOutputPath(rawPath);
      if (!checked.ok) {
        return { deps: tracker.deps, path: null, content: "", problem: { fileId: file.file.id, part: "path", line: 1, column: 1, message: checked.error, ...(object ? { objectId: object._id } : {}) } };
      }
      return { deps: tracker.deps, path: checked.path, content: renderPart(compiled, file, "body", scope, object?._id) };
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      return { deps: tracker.deps, path: null, content: "", problem: error.problem };
    }
  };

  for (const file of compiled.files) {
    const forEach = file.file.forEach;
    const targets: Array<ObjectView | null> = forEach === null ? [null] : index.classes.has(forEach) ? (view.model.all[index.classes.get(forEach)!.name] ?? []) : [];
    if (forEach !== null && !index.classes.has(forEach)) {
      problems.push({ fileId: file.file.id, part: "path", line: 1, column: 1, message: "This file is rendered for each object of a class the meta-model no longer has. Pick another class." });
    }
    for (const object of targets) {
      const key = `${file.file.id}|${object?._id ?? ""}`;
      const before = reusable?.outputs.get(key);
      const output = before && !isStale(before) ? before : render(file, object);
      outputs.set(key, output);
      if (output.problem) problems.push(output.problem);
    }
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
    stats: { outputs: outputs.size, rendered, reused: outputs.size - rendered, ms: performance.now() - started },
    state: { compiled, metamodel, fingerprints, structure, outputs },
  };
}
