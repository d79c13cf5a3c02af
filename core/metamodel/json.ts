import { z } from "zod";
import {
  elementIdSchema,
  metamodelSchema,
  positionSchema,
  type Attribute,
  type Layout,
  type MetaClass,
  type MetaEnum,
  type MetaModel,
  type Reference,
} from "./schema";

/** The meta-model JSON file format (SPEC.md section 3; docs/reference/metamodel-format.md). */

export const METAMODEL_FORMAT = "metaforge.metamodel";
export const METAMODEL_FORMAT_VERSION = 1;

export const metamodelFileSchema = metamodelSchema.extend({
  format: z.literal(METAMODEL_FORMAT, { message: `"format" must be "${METAMODEL_FORMAT}"` }),
  version: z.literal(METAMODEL_FORMAT_VERSION, { message: `"version" must be ${METAMODEL_FORMAT_VERSION}` }),
  diagram: z.object({ positions: z.record(elementIdSchema, positionSchema).default({}) }).default({ positions: {} }),
});

export type ParseResult = { ok: true; metamodel: MetaModel; layout: Layout } | { ok: false; error: string };

function allIds(mm: MetaModel): string[] {
  const ids: string[] = [];
  for (const c of mm.classes) ids.push(c.id, ...c.attributes.map((a) => a.id), ...c.references.map((r) => r.id));
  for (const e of mm.enums) ids.push(e.id, ...e.literals.map((l) => l.id));
  return ids;
}

/** Parses a meta-model file. Structural errors are refused with the path of the first wrong field. */
export function parseMetamodelFile(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON (${(error as Error).message}).` };
  }
  const header = metamodelFileSchema.pick({ format: true, version: true }).safeParse(raw);
  const parsed = header.success ? metamodelFileSchema.safeParse(raw) : header;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join(".") : "the file";
    return { ok: false, error: `Not a Metaforge meta-model file: ${where}: ${issue.message}` };
  }
  const { format: _f, version: _v, diagram, ...metamodel } = parsed.data as z.infer<typeof metamodelFileSchema>;
  const seen = new Set<string>();
  for (const id of allIds(metamodel)) {
    if (seen.has(id)) return { ok: false, error: `Not a Metaforge meta-model file: two elements share the id "${id}".` };
    seen.add(id);
  }
  const layout: Layout = {};
  const nodeIds = new Set([...metamodel.classes.map((c) => c.id), ...metamodel.enums.map((e) => e.id)]);
  for (const [id, p] of Object.entries(diagram.positions)) if (nodeIds.has(id)) layout[id] = p;
  return { ok: true, metamodel, layout };
}

// Canonical objects: fixed key order, optional keys omitted when unset, so export is byte-stable.
const attr = (a: Attribute) => ({
  id: a.id,
  name: a.name,
  ...(a.description ? { description: a.description } : {}),
  type: a.type,
  ...(a.type === "enum" && a.enumId ? { enumId: a.enumId } : {}),
  required: a.required,
  many: a.many,
  unique: a.unique,
  ...(a.default !== undefined ? { default: a.default } : {}),
});
const ref = (r: Reference) => ({
  id: r.id,
  name: r.name,
  ...(r.description ? { description: r.description } : {}),
  target: r.target,
  containment: r.containment,
  lower: r.lower,
  upper: r.upper,
  ...(r.opposite ? { opposite: r.opposite } : {}),
});
const cls = (c: MetaClass) => ({
  id: c.id,
  name: c.name,
  ...(c.description ? { description: c.description } : {}),
  abstract: c.abstract,
  supertypes: [...c.supertypes],
  attributes: c.attributes.map(attr),
  references: c.references.map(ref),
});
const enm = (e: MetaEnum) => ({
  id: e.id,
  name: e.name,
  ...(e.description ? { description: e.description } : {}),
  literals: e.literals.map((l) => ({ id: l.id, name: l.name })),
});

/** The file for `mm` (and its diagram positions). The same input always gives the same text. */
export function exportMetamodelFile(mm: MetaModel, layout: Layout = {}): string {
  const positions: Layout = {};
  for (const id of [...mm.classes.map((c) => c.id), ...mm.enums.map((e) => e.id)]) {
    const p = layout[id];
    if (p) positions[id] = { x: Math.round(p.x), y: Math.round(p.y) };
  }
  const file = {
    format: METAMODEL_FORMAT,
    version: METAMODEL_FORMAT_VERSION,
    name: mm.name,
    description: mm.description,
    classes: mm.classes.map(cls),
    enums: mm.enums.map(enm),
    diagram: { positions },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
