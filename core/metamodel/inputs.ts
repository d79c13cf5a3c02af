import { z } from "zod";
import { projectIdSchema } from "../project/schemas";
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

export function metamodelDocumentName(metamodelId: string): string {
  return `metamodel:${metamodelId}`;
}
