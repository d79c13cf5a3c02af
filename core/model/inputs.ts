import { z } from "zod";
import { metamodelIdSchema, metamodelVersionRefSchema } from "../metamodel/inputs";
import { projectIdSchema } from "../project/schemas";

/** Input schemas for model procedures: the one source for forms, routers and types. */

export const modelIdSchema = z.uuid("Not a model id.");

export const MODEL_FILE_MAX_BYTES = 5 * 1024 * 1024;

export const modelSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("blank") }),
  /** The starter's example model (for meta-models made from a starter that has one). */
  z.object({ kind: z.literal("example") }),
  z.object({ kind: z.literal("file"), content: z.string().max(MODEL_FILE_MAX_BYTES, "The file is over 5 MB.") }),
]);

export const createModelInput = z.object({
  projectId: projectIdSchema,
  metamodelId: metamodelIdSchema,
  name: z.string().trim().min(1, "Give the model a name.").max(120, "Keep the name under 120 characters."),
  source: modelSourceSchema.default({ kind: "blank" }),
});
export type CreateModelInput = z.infer<typeof createModelInput>;

export const modelRefInput = z.object({ modelId: modelIdSchema });
export const deleteModelInput = z.object({ modelId: modelIdSchema, confirmName: z.string() });

/** Pin the model to a published meta-model version, or follow the live draft. */
export const setMetamodelVersionInput = z.object({ modelId: modelIdSchema, version: metamodelVersionRefSchema });
/** What the model would look like under another meta-model version. */
export const upgradePreviewInput = z.object({ modelId: modelIdSchema, version: metamodelVersionRefSchema });

export function modelDocumentName(modelId: string): string {
  return `model:${modelId}`;
}
