import { z } from "zod";

/** Input schemas for projects: the one source for forms, routers and types. */

export const projectNameSchema = z
  .string()
  .trim()
  .min(1, "Give the project a name.")
  .max(80, "Keep the name under 80 characters.");

export const projectDescriptionSchema = z.string().trim().max(2000, "Keep the description under 2,000 characters.");

export const projectIdSchema = z.uuid("Not a project id.");

export const PROJECT_STATUSES = ["active", "archived", "all"] as const;

export const listProjectsInput = z.object({
  search: z.string().trim().max(200).optional(),
  status: z.enum(PROJECT_STATUSES).default("active"),
});

export const createProjectInput = z.object({
  name: projectNameSchema,
  description: projectDescriptionSchema.default(""),
});

export const updateProjectInput = z.object({
  projectId: projectIdSchema,
  name: projectNameSchema.optional(),
  description: projectDescriptionSchema.optional(),
});

export const projectRefInput = z.object({ projectId: projectIdSchema });

export const deleteProjectInput = z.object({
  projectId: projectIdSchema,
  /** The project name typed by the user, as confirmation. */
  confirmName: z.string(),
});

export type ListProjectsInput = z.infer<typeof listProjectsInput>;
export type CreateProjectInput = z.infer<typeof createProjectInput>;
export type UpdateProjectInput = z.infer<typeof updateProjectInput>;
