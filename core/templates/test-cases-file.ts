import { z } from "zod";
import { exportMetamodelFile, parseMetamodelFile } from "../metamodel/json";
import type { MetaModel } from "../metamodel/schema";
import { templateSchema, type Template } from "./schema";

/**
 * The template file: a template (files, partials, test cases) with the meta-model it is written for,
 * in one JSON document, so its test cases can run anywhere (`scripts/template-test.ts` in a team's CI).
 * The template page's Tests panel downloads it.
 *
 *   { "format": "metaforge.template", "version": 1,
 *     "metamodel": { "format": "metaforge.metamodel", ... },   // docs/reference/metamodel-format.md
 *     "template": { "name", "description", "files", "partials", "tests" } }
 */

export const TEMPLATE_FORMAT = "metaforge.template";
export const TEMPLATE_FORMAT_VERSION = 1;

const headerSchema = z.object({
  format: z.literal(TEMPLATE_FORMAT, { message: `"format" must be "${TEMPLATE_FORMAT}"` }),
  version: z.literal(TEMPLATE_FORMAT_VERSION, { message: `"version" must be ${TEMPLATE_FORMAT_VERSION}` }),
});

const fileSchema = headerSchema.extend({ metamodel: z.unknown(), template: templateSchema });

export type TemplateFileResult = { ok: true; template: Template; metamodel: MetaModel } | { ok: false; error: string };

/** The file for `template` and its meta-model. The same input always gives the same text. */
export function exportTemplateFile(template: Template, metamodel: MetaModel): string {
  const file = {
    format: TEMPLATE_FORMAT,
    version: TEMPLATE_FORMAT_VERSION,
    metamodel: JSON.parse(exportMetamodelFile(metamodel)) as unknown,
    template: templateSchema.parse(template),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads a template file; refused with the path of the first wrong field. */
export function parseTemplateFile(text: string): TemplateFileResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON (${(error as Error).message}).` };
  }
  const header = headerSchema.safeParse(raw);
  const parsed = header.success ? fileSchema.safeParse(raw) : header;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `Not a Metaforge template file: ${issue.path.length ? issue.path.join(".") : "the file"}: ${issue.message}` };
  }
  const data = parsed.data as z.infer<typeof fileSchema>;
  const mm = parseMetamodelFile(JSON.stringify(data.metamodel));
  if (!mm.ok) return { ok: false, error: `Not a Metaforge template file: metamodel: ${mm.error}` };
  return { ok: true, template: data.template, metamodel: mm.metamodel };
}
