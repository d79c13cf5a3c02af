import { z } from "zod";

/**
 * The meta-model: classes (abstract, supertypes) with attributes and references, and enums. Every
 * element has a stable id, so renaming breaks nothing. See SPEC.md for the rules a valid one follows.
 */

export const PRIMITIVE_TYPES = ["string", "text", "int", "float", "bool", "date", "datetime", "uuid", "json"] as const;
export const ATTRIBUTE_TYPES = [...PRIMITIVE_TYPES, "enum"] as const;
export type PrimitiveType = (typeof PRIMITIVE_TYPES)[number];

/** Upper bound meaning "unbounded" (written `*`). */
export const MANY = -1;

export const elementIdSchema = z
  .string()
  .min(1, "Every element needs an id.")
  .max(64, "Ids are at most 64 characters.")
  .regex(/^[A-Za-z0-9_-]+$/, "Ids use letters, digits, _ and - only.");

export const attributeTypeSchema = z.enum(ATTRIBUTE_TYPES);
export type AttributeType = z.infer<typeof attributeTypeSchema>;

export const defaultValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type DefaultValue = z.infer<typeof defaultValueSchema>;

export const attributeSchema = z.object({
  id: elementIdSchema,
  name: z.string(),
  description: z.string().default(""),
  type: attributeTypeSchema,
  /** The enum, when `type` is "enum". */
  enumId: elementIdSchema.optional(),
  required: z.boolean().default(false),
  many: z.boolean().default(false),
  unique: z.boolean().default(false),
  default: defaultValueSchema.optional(),
});
export type Attribute = z.infer<typeof attributeSchema>;

export const referenceSchema = z.object({
  id: elementIdSchema,
  name: z.string(),
  description: z.string().default(""),
  target: elementIdSchema,
  containment: z.boolean().default(false),
  lower: z.number().int().default(0),
  /** -1 (MANY) for unbounded. */
  upper: z.number().int().default(1),
  opposite: elementIdSchema.optional(),
});
export type Reference = z.infer<typeof referenceSchema>;

export const classSchema = z.object({
  id: elementIdSchema,
  name: z.string(),
  description: z.string().default(""),
  abstract: z.boolean().default(false),
  supertypes: z.array(elementIdSchema).default([]),
  attributes: z.array(attributeSchema).default([]),
  references: z.array(referenceSchema).default([]),
});
export type MetaClass = z.infer<typeof classSchema>;

export const literalSchema = z.object({ id: elementIdSchema, name: z.string() });
export type Literal = z.infer<typeof literalSchema>;

export const enumSchema = z.object({
  id: elementIdSchema,
  name: z.string(),
  description: z.string().default(""),
  literals: z.array(literalSchema).default([]),
});
export type MetaEnum = z.infer<typeof enumSchema>;

export const metamodelSchema = z.object({
  name: z.string().trim().min(1, "A meta-model needs a name.").max(120),
  description: z.string().default(""),
  classes: z.array(classSchema).default([]),
  enums: z.array(enumSchema).default([]),
});
export type MetaModel = z.infer<typeof metamodelSchema>;

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });
export type Position = z.infer<typeof positionSchema>;
/** Diagram positions by class or enum id. */
export type Layout = Record<string, Position>;

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Formats a multiplicity like `0..1`, `1`, `0..*`, `1..*`. */
export function multiplicity(lower: number, upper: number): string {
  const up = upper === MANY ? "*" : String(upper);
  return lower === upper ? up : `${lower}..${up}`;
}
