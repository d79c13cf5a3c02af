import { z } from "zod";
import { roleSchema } from "./roles";

/** Input schemas for workspaces, members and invitations: the one source for forms, routers and types. */

const RESERVED_SLUGS = new Set(["api", "app", "new", "settings", "invite", "sign-in", "sign-up", "onboarding", "w", "admin"]);

export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1, "Give the workspace a name.")
  .max(64, "Keep the name under 64 characters.");

export const slugSchema = z
  .string()
  .trim()
  .min(2, "The URL name needs at least 2 characters.")
  .max(48, "Keep the URL name under 48 characters.")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lowercase letters, digits and single dashes (not at the ends).")
  .refine((s) => !s.includes("--"), "Use single dashes only.")
  .refine((s) => !RESERVED_SLUGS.has(s), "That URL name is reserved; pick another.");

/** A URL-safe slug from a free-form name; empty names give "workspace". Always satisfies `slugSchema` shape. */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  if (base.length < 2) return base.length === 1 ? `${base}-workspace` : "workspace";
  return RESERVED_SLUGS.has(base) ? `${base}-workspace` : base;
}

export const workspaceIdSchema = z.uuid("Not a workspace id.");

export const createWorkspaceInput = z.object({
  name: workspaceNameSchema,
  slug: slugSchema.optional(),
});

export const updateWorkspaceInput = z.object({
  name: workspaceNameSchema.optional(),
  slug: slugSchema.optional(),
});

export const deleteWorkspaceInput = z.object({
  /** The workspace name typed by the user, as confirmation. */
  confirmName: z.string(),
});

export const memberIdSchema = z.uuid("Not a member id.");

export const updateMemberRoleInput = z.object({ memberId: memberIdSchema, role: roleSchema });
export const removeMemberInput = z.object({ memberId: memberIdSchema });

export const INVITATION_MAX_DAYS = 30;

export const createInvitationInput = z.object({
  role: roleSchema,
  /** When set, only a user signed in with this email can accept. */
  email: z.email("Enter a valid email, or leave it empty for an open link.").optional(),
  expiresInDays: z.number().int().min(1).max(INVITATION_MAX_DAYS).default(7),
});

export const invitationTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, "This invitation link is malformed. Ask for a new one.");

export const revokeInvitationInput = z.object({ invitationId: z.uuid("Not an invitation id.") });

export type CreateWorkspaceInput = z.infer<typeof createWorkspaceInput>;
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceInput>;
export type CreateInvitationInput = z.infer<typeof createInvitationInput>;
