import { z } from "zod";

/**
 * Workspace roles and what each may do. Pure rules; services call `assertCan` before acting and the
 * authorization test table checks every procedure against these.
 */

export const ROLES = ["owner", "admin", "editor", "commenter", "viewer"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

const RANK: Record<Role, number> = { viewer: 0, commenter: 1, editor: 2, admin: 3, owner: 4 };

export const ROLE_INFO: Record<Role, { label: string; description: string }> = {
  owner: { label: "Owner", description: "Everything, including deleting the workspace and managing owners." },
  admin: { label: "Admin", description: "Manage members, invitations and workspace settings." },
  editor: { label: "Editor", description: "Create and edit projects, meta-models, models and templates." },
  commenter: { label: "Commenter", description: "Read everything and leave comments." },
  viewer: { label: "Viewer", description: "Read everything." },
};

/** The least role each action needs, and how to say it in an error ("Viewers can't <label>"). */
export const ACTIONS = {
  "workspace:read": { minRole: "viewer", label: "open this workspace" },
  "workspace:update": { minRole: "admin", label: "change workspace settings" },
  "workspace:delete": { minRole: "owner", label: "delete the workspace" },
  "member:read": { minRole: "viewer", label: "see members" },
  "member:manage": { minRole: "admin", label: "manage members" },
  "invitation:read": { minRole: "admin", label: "see invitations" },
  "invitation:manage": { minRole: "admin", label: "invite people" },
  "project:read": { minRole: "viewer", label: "open projects" },
  "project:create": { minRole: "editor", label: "create projects" },
  "project:update": { minRole: "editor", label: "edit projects" },
  "project:archive": { minRole: "editor", label: "archive projects" },
  "project:delete": { minRole: "admin", label: "delete projects" },
  "document:edit": { minRole: "editor", label: "edit meta-models, models and templates" },
  "comment:create": { minRole: "commenter", label: "comment" },
} as const satisfies Record<string, { minRole: Role; label: string }>;

export type Action = keyof typeof ACTIONS;

export function roleRank(role: Role): number {
  return RANK[role];
}

export function can(role: Role, action: Action): boolean {
  return RANK[role] >= RANK[ACTIONS[action].minRole];
}

/** Roles the actor may hand out (in invitations or role changes): never above their own. */
export function assignableRoles(actor: Role): Role[] {
  if (!can(actor, "member:manage")) return [];
  return ROLES.filter((r) => RANK[r] <= RANK[actor]);
}

export type RuleResult = { ok: true } | { ok: false; reason: string };

/** May `actor` change a member from `current` to `next`? (The last-owner rule needs a count: see `keepsAnOwner`.) */
export function canChangeRole(actor: Role, current: Role, next: Role): RuleResult {
  if (!can(actor, "member:manage")) return { ok: false, reason: "Only admins and owners can change roles." };
  if (RANK[current] > RANK[actor]) return { ok: false, reason: `Only an owner can change an ${current}'s role.` };
  if (RANK[next] > RANK[actor]) return { ok: false, reason: `Only an owner can make someone an ${next}.` };
  return { ok: true };
}

/** May `actor` remove a member whose role is `target`? */
export function canRemoveMember(actor: Role, target: Role): RuleResult {
  if (!can(actor, "member:manage")) return { ok: false, reason: "Only admins and owners can remove members." };
  if (RANK[target] > RANK[actor]) return { ok: false, reason: `Only an owner can remove an ${target}.` };
  return { ok: true };
}

/** After taking away `leaving` (a member's current role), does the workspace still have an owner? */
export function keepsAnOwner(ownerCount: number, leaving: Role): boolean {
  return leaving !== "owner" || ownerCount > 1;
}

/** The sentence shown when `role` may not do `action`, with a next step. */
export function forbiddenMessage(role: Role, action: Action): string {
  const { minRole, label } = ACTIONS[action];
  return `${ROLE_INFO[role].label}s can't ${label}. Ask a workspace admin for the ${ROLE_INFO[minRole].label.toLowerCase()} role.`;
}
