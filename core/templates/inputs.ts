import { z } from "zod";
import { metamodelIdSchema } from "../metamodel/inputs";
import { modelIdSchema } from "../model/inputs";
import { projectIdSchema } from "../project/schemas";
import { SEMVER } from "./versions";

/** Input schemas for template and generation procedures. */

export const templateIdSchema = z.uuid("Not a template id.");
export const runIdSchema = z.uuid("Not a generation run id.");

export const versionSchema = z.string().trim().regex(SEMVER, 'Write the version as MAJOR.MINOR.PATCH, e.g. "1.1.0".');
/** A published version, or the live draft. */
export const versionRefSchema = z.union([z.literal("draft"), versionSchema]);

export const createTemplateInput = z.object({
  projectId: projectIdSchema,
  metamodelId: metamodelIdSchema,
  name: z.string().trim().max(120, "Keep the name under 120 characters.").optional(),
  source: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("blank") }),
    z.object({ kind: z.literal("builtin"), key: z.string().min(1).max(64) }),
  ]),
});
export type CreateTemplateInput = z.infer<typeof createTemplateInput>;

export const templateRefInput = z.object({ templateId: templateIdSchema });
export const deleteTemplateInput = z.object({ templateId: templateIdSchema, confirmName: z.string() });

export const publishTemplateInput = z.object({
  templateId: templateIdSchema,
  version: versionSchema,
  changelog: z.string().trim().max(10_000, "Keep the changelog under 10,000 characters.").default(""),
});

export const templateVersionInput = z.object({ templateId: templateIdSchema, version: versionRefSchema });

export const diffTemplateVersionsInput = z.object({
  templateId: templateIdSchema,
  from: versionRefSchema,
  to: versionRefSchema,
  /** With a model: also the difference of the generated files. */
  modelId: modelIdSchema.optional(),
});

export const pinTemplateInput = z.object({ modelId: modelIdSchema, templateId: templateIdSchema, version: versionRefSchema });

export const startRunInput = z.object({ modelId: modelIdSchema, templateId: templateIdSchema, version: versionRefSchema.optional() });
export const runRefInput = z.object({ runId: runIdSchema });
export const runFileInput = z.object({ runId: runIdSchema, path: z.string().min(1).max(1024) });
export const listRunsInput = z.object({ modelId: modelIdSchema.optional(), projectId: projectIdSchema.optional() });

export function templateDocumentName(templateId: string): string {
  return `template:${templateId}`;
}
