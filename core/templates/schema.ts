import { z } from "zod";
import { elementIdSchema } from "../metamodel/schema";
import { testCasesSchema } from "./test-cases-schema";

/**
 * A template: a set of files, each a path template and a body template (Liquid), rendered once per
 * model or once per object of a class (and its subclasses); plus named partials the bodies can
 * `{% render %}`. See docs/reference/template-language.md.
 */

export const templateFileSchema = z.object({
  id: elementIdSchema,
  /** Liquid; renders to a relative path inside the output folder. Rendering to "" skips the output. */
  path: z.string().trim().min(1, "A file needs a path template.").max(1000),
  body: z.string().max(1_000_000, "A file body is limited to 1 MB."),
  /** Class id: one output per object of that class or a subclass; null: one output per model. */
  forEach: elementIdSchema.nullable().default(null),
  /** false: the output is written exactly as rendered (no oxfmt); absent means formatted, as before. */
  format: z.boolean().optional(),
});
export type TemplateFile = z.infer<typeof templateFileSchema>;

export const PARTIAL_NAME = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/;

export const partialSchema = z.object({
  name: z.string().regex(PARTIAL_NAME, 'A partial name is lowercase words, e.g. "field" or "sql/column".'),
  body: z.string().max(1_000_000),
});
export type Partial = z.infer<typeof partialSchema>;

export const templateSchema = z.object({
  name: z.string().trim().min(1, "A template needs a name.").max(120),
  description: z.string().default(""),
  files: z.array(templateFileSchema).max(500, "A template has at most 500 files."),
  partials: z.array(partialSchema).max(500).default([]),
  /** Test cases: a fixture model and the files expected from it (test-cases-schema.ts). */
  tests: testCasesSchema.default([]),
});
export type Template = z.infer<typeof templateSchema>;
