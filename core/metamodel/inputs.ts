import { z } from "zod";
import { projectIdSchema } from "../project/schemas";
import { SEMVER } from "../templates/versions";
import { STARTER_KEYS } from "./starters";

/** Input schemas for meta-model procedures: the one source for forms, routers and types. */

export const metamodelIdSchema = z.uuid("Not a meta-model id.");

/** Files over this size are refused before parsing. */
export const METAMODEL_FILE_MAX_BYTES = 2 * 1024 * 1024;

export const metamodelSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("blank") }),
  z.object({ kind: z.literal("starter"), key: z.enum(STARTER_KEYS, { message: "Pick one of the starters." }) }),
  z.object({
    kind: z.literal("file"),
    content: z.string().max(METAMODEL_FILE_MAX_BYTES, "The file is over 2 MB."),
  }),
]);

export const createMetamodelInput = z.object({
  projectId: projectIdSchema,
  /** Optional for starters and files (their own name is used). */
  name: z.string().trim().max(120, "Keep the name under 120 characters.").optional(),
  source: metamodelSourceSchema,
});

export const metamodelRefInput = z.object({ metamodelId: metamodelIdSchema });

export const deleteMetamodelInput = z.object({ metamodelId: metamodelIdSchema, confirmName: z.string() });

export type CreateMetamodelInput = z.infer<typeof createMetamodelInput>;

/** What a model follows when it pins no published version: the live meta-model. */
export const DRAFT = "draft";

export const metamodelVersionSchema = z.string().trim().regex(SEMVER, 'Write the version as MAJOR.MINOR.PATCH, e.g. "1.1.0".');
/** A published version, or the live draft. */
export const metamodelVersionRefSchema = z.union([z.literal(DRAFT), metamodelVersionSchema]);

export const publishMetamodelInput = z.object({
  metamodelId: metamodelIdSchema,
  version: metamodelVersionSchema,
  changelog: z.string().trim().max(10_000, "Keep the changelog under 10,000 characters.").default(""),
});

export const metamodelVersionInput = z.object({ metamodelId: metamodelIdSchema, version: metamodelVersionRefSchema });

export const compareMetamodelVersionsInput = z.object({ metamodelId: metamodelIdSchema, from: metamodelVersionRefSchema, to: metamodelVersionRefSchema });

export function metamodelDocumentName(metamodelId: string): string {
  return `metamodel:${metamodelId}`;
}
