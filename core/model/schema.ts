import { z } from "zod";
import { elementIdSchema } from "../metamodel/schema";

/**
 * A model: objects typed by the classes of one meta-model (core/model/SPEC.md).
 *
 * Everything is keyed by the meta-model's stable ids, never by names: an object names its class by
 * id, holds attribute values by attribute id and reference targets by reference id. Renaming a class
 * or a feature in the meta-model therefore changes nothing here. Enum values are stored as literal
 * ids for the same reason. Containment is not a separate structure: an object is contained by the
 * object whose containment reference lists it.
 */

/** A JSON value (attribute values of type `json` may be any JSON). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);

export const modelObjectSchema = z.object({
  id: elementIdSchema,
  classId: elementIdSchema,
  /** Attribute id → value (a list for `many` attributes). Unset attributes are absent. */
  attributes: z.record(elementIdSchema, jsonValueSchema).default({}),
  /** Reference id → target object ids, in order. */
  references: z.record(elementIdSchema, z.array(elementIdSchema)).default({}),
});
export type ModelObject = z.infer<typeof modelObjectSchema>;

export const modelSchema = z.object({
  name: z.string().trim().min(1, "A model needs a name.").max(120),
  description: z.string().default(""),
  objects: z.array(modelObjectSchema).default([]),
});
export type Model = z.infer<typeof modelSchema>;
