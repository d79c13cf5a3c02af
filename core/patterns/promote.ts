import { MANY, type Attribute, type MetaModel } from "../metamodel/schema";
import type { Model, ModelObject } from "../model/schema";
import { pascal } from "../templates/case";
import type { Template, TemplateFile } from "../templates/schema";
import type { PatternGroup } from "./analysis";
import { renderPattern } from "./template";

/**
 * Promoting a pattern group: the repeated shape becomes something the team generates from.
 *
 * - a **meta-model**: `SourceFile` (path) holds an ordered list of `Segment`s; a segment is either a
 *   `Text` (literal text, copied verbatim) or an object of the group's class, whose attributes are the
 *   group's holes;
 * - a **model**: one `SourceFile` per file that has an occurrence, its segments in file order: the text
 *   between occurrences, and one pattern object per occurrence holding its bindings;
 * - a **template**: one file per `SourceFile` at `{{ sourceFile.path }}` that writes each segment: text
 *   as is, pattern objects through the partial `pattern` (the group's extracted template). Formatting
 *   is off for it, so generating gives back the original files byte for byte.
 */

export const PROMOTED_IDS = {
  segment: "c_segment",
  sourceFile: "c_source_file",
  text: "c_text",
  pattern: "c_pattern",
  path: "a_path",
  segments: "r_segments",
  textValue: "a_text",
  file: "f_source_file",
} as const;

export const PROMOTED_PARTIAL = "pattern";

const TAKEN_CLASS_NAMES = new Set(["Segment", "SourceFile", "Text", "Model", "Metamodel", "Object"]);
const GENERIC_HOLES = new Set(["text", "code", "n", "value", "name", "s", "str"]);

/** An identifier from arbitrary text (ASCII letters and digits), or `fallback`. */
function identifier(text: string, fallback: string): string {
  const cleaned = pascal(text).replace(/[^A-Za-z0-9_]/g, "");
  if (!cleaned) return fallback;
  return /^[0-9]/.test(cleaned) ? `P${cleaned}` : cleaned;
}

/** The class an occurrence becomes: named after the group's first meaningful hole, else its unit kind. */
export function patternClassName(group: Pick<PatternGroup, "holes" | "unit">, name?: string): string {
  let base: string;
  if (name?.trim()) base = identifier(name, "Pattern");
  else {
    const hole = group.holes.find((h) => h.type === "identifier" && !GENERIC_HOLES.has(h.name)) ?? group.holes.find((h) => !GENERIC_HOLES.has(h.name));
    base = hole ? identifier(hole.name, "Pattern") : `${identifier(group.unit, "Unit")}Pattern`;
  }
  if (TAKEN_CLASS_NAMES.has(base)) base = `${base}Pattern`;
  return base.slice(0, 64);
}

/** Attribute names for holes: the hole name, unless it would clash with what templates see (`_id`, …). */
function attributeName(hole: string): string {
  return hole.startsWith("_") ? `h${hole}` : hole;
}

export interface PromoteInput {
  group: PatternGroup;
  /** The analysed files the group's instances point into (others are ignored). */
  files: ReadonlyArray<{ path: string; text: string }>;
  /** What to call the result (the class and the documents); defaults to a name from the group. */
  name?: string;
}

export interface Promoted {
  className: string;
  metamodel: MetaModel;
  model: Model;
  template: Template;
  /** The files the template regenerates from the model: each is byte for byte the analysed file. */
  expected: Array<{ path: string; text: string }>;
}

export class PromoteError extends Error {}

/** The body of the per-file template: segments in order, text verbatim, occurrences through the partial. */
export function promotedBody(holes: ReadonlyArray<{ name: string }>): string {
  const args = holes.map((h) => `, ${h.name}: segment.${attributeName(h.name)}`).join("");
  return `{% for segment in sourceFile.segments %}{% if segment._class == "Text" %}{{ segment.text }}{% else %}{% render "${PROMOTED_PARTIAL}"${args} %}{% endif %}{% endfor %}`;
}

/**
 * Builds the meta-model, model and template for `group`. Throws PromoteError when an instance does not
 * match its file (the analysis and the files disagree) or a template no longer reproduces an instance.
 */
export function promoteGroup(input: PromoteInput): Promoted {
  const { group } = input;
  const className = patternClassName(group, input.name);
  const title = input.name?.trim() || className;
  const byPath = new Map(input.files.map((f) => [f.path, f.text]));

  const multiline = (hole: string) => group.instances.some((i) => /[\r\n]/.test(i.bindings[hole] ?? ""));
  const attributes: Attribute[] = group.holes.map((h, i) => ({
    id: `a_hole_${i + 1}`,
    name: attributeName(h.name),
    description: `The ${h.type} hole "${h.name}" of the template.`,
    // Numbers stay strings: the exact spelling (0x1F, 1_000, 2.50) is part of the code.
    type: h.type === "code" || multiline(h.name) ? "text" : "string",
    required: true,
    many: false,
    unique: false,
  }));

  const metamodel: MetaModel = {
    name: title.slice(0, 120),
    description: `Promoted from a ${group.unit} pattern (${group.language}) with ${group.instances.length} occurrences.`,
    enums: [],
    classes: [
      {
        id: PROMOTED_IDS.sourceFile,
        name: "SourceFile",
        description: "A file of the codebase: its path and its content as segments.",
        abstract: false,
        supertypes: [],
        attributes: [{ id: PROMOTED_IDS.path, name: "path", description: "Relative path, / between folders.", type: "string", required: true, many: false, unique: true }],
        references: [{ id: PROMOTED_IDS.segments, name: "segments", description: "The file's content, in order.", target: PROMOTED_IDS.segment, containment: true, lower: 0, upper: MANY }],
      },
      { id: PROMOTED_IDS.segment, name: "Segment", description: "A piece of a file.", abstract: true, supertypes: [], attributes: [], references: [] },
      {
        id: PROMOTED_IDS.text,
        name: "Text",
        description: "Code copied as is.",
        abstract: false,
        supertypes: [PROMOTED_IDS.segment],
        attributes: [{ id: PROMOTED_IDS.textValue, name: "text", description: "", type: "text", required: true, many: false, unique: false }],
        references: [],
      },
      {
        id: PROMOTED_IDS.pattern,
        name: className,
        description: `One occurrence of the pattern: its values for the template's holes.`,
        abstract: false,
        supertypes: [PROMOTED_IDS.segment],
        attributes,
        references: [],
      },
    ],
  };

  // Instances are sorted by file then start (the analysis format); group them per file in that order.
  const perFile = new Map<string, PatternGroup["instances"]>();
  for (const inst of group.instances) {
    let list = perFile.get(inst.file);
    if (!list) perFile.set(inst.file, (list = []));
    list.push(inst);
  }
  const objects: ModelObject[] = [];
  const expected: Promoted["expected"] = [];
  let fileNo = 0;
  let textNo = 0;
  let instNo = 0;
  for (const path of [...perFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const text = byPath.get(path);
    if (text === undefined) throw new PromoteError(`The file "${path}" of an occurrence is missing from the analysis.`);
    const instances = [...perFile.get(path)!].sort((a, b) => a.start - b.start);
    const fileObject: ModelObject = { id: `o_file_${++fileNo}`, classId: PROMOTED_IDS.sourceFile, attributes: { [PROMOTED_IDS.path]: path }, references: {} };
    const segments: ModelObject[] = [];
    const addText = (t: string) => {
      if (t) segments.push({ id: `o_text_${++textNo}`, classId: PROMOTED_IDS.text, attributes: { [PROMOTED_IDS.textValue]: t }, references: {} });
    };
    let at = 0;
    for (const inst of instances) {
      if (inst.start < at || inst.end > text.length) throw new PromoteError(`An occurrence in "${path}" overlaps another or lies outside the file.`);
      const original = text.slice(inst.start, inst.end);
      if (renderPattern(group.template, inst.bindings) !== original) {
        throw new PromoteError(`The template no longer reproduces the occurrence at ${path}:${inst.startLine}. Run the analysis again.`);
      }
      addText(text.slice(at, inst.start));
      const values: Record<string, string> = {};
      group.holes.forEach((h, i) => (values[attributes[i]!.id] = inst.bindings[h.name] ?? ""));
      segments.push({ id: `o_occurrence_${++instNo}`, classId: PROMOTED_IDS.pattern, attributes: values, references: {} });
      at = inst.end;
    }
    addText(text.slice(at));
    fileObject.references[PROMOTED_IDS.segments] = segments.map((s) => s.id);
    objects.push(fileObject, ...segments);
    expected.push({ path, text });
  }

  const model: Model = {
    name: title.slice(0, 120),
    description: `${instNo} occurrences in ${fileNo} ${fileNo === 1 ? "file" : "files"}, promoted from a pattern analysis.`,
    objects,
  };

  const file: TemplateFile = {
    id: PROMOTED_IDS.file,
    path: "{{ sourceFile.path }}",
    body: promotedBody(group.holes),
    forEach: PROMOTED_IDS.sourceFile,
    format: false,
  };
  const template: Template = {
    name: title.slice(0, 120),
    description: `Regenerates the files of the ${className} pattern: text as is, each occurrence from the partial "${PROMOTED_PARTIAL}".`,
    files: [file],
    partials: [{ name: PROMOTED_PARTIAL, body: group.template }],
    tests: [],
  };

  return { className, metamodel, model, template, expected };
}
