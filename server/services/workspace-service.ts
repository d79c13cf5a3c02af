import { AppError } from "../../core/errors";
import { keepsAnOwner } from "../../core/workspace/roles";
import {
  slugify,
  type CreateWorkspaceInput,
  type UpdateWorkspaceInput,
} from "../../core/workspace/schemas";
import { notifyAccessChanged } from "../../db/queries/collab";
import { isUniqueViolation } from "../../db/queries/errors";
import { deleteMember, insertMember, lockOwners } from "../../db/queries/members";
import {
  deleteWorkspace,
  findMembership,
  findMembershipBySlug,
  insertWorkspace,
  listWorkspacesForUser,
  slugsStartingWith,
  updateWorkspace,
} from "../../db/queries/workspaces";
import { assertCan, type ServiceContext, type WorkspaceContext } from "./context";

const SLUG_TAKEN_MESSAGE = "That URL name is taken. Try another.";

function slugTaken(): AppError {
  return new AppError("SLUG_TAKEN", SLUG_TAKEN_MESSAGE, { slug: [SLUG_TAKEN_MESSAGE] });
}

/** The first of `base`, `base-2`, `base-3`, ... not yet used. */
async function freeSlug(ctx: ServiceContext, base: string): Promise<string> {
  const taken = await slugsStartingWith(ctx.db, { prefix: base });
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export const workspaceService = {
  list(ctx: ServiceContext) {
    return listWorkspacesForUser(ctx.db, { userId: ctx.user.id });
  },

  /** Resolves the caller's membership; a workspace they are not in is reported as not found. */
  async enter(ctx: ServiceContext, workspaceId: string): Promise<WorkspaceContext> {
    const membership = await findMembership(ctx.db, { workspaceId, userId: ctx.user.id });
    if (!membership) throw new AppError("WORKSPACE_NOT_FOUND", "Workspace not found, or you are not a member of it.");
    return { ...ctx, workspace: membership.workspace, role: membership.role, memberId: membership.memberId };
  },

  async bySlug(ctx: ServiceContext, slug: string) {
    const membership = await findMembershipBySlug(ctx.db, { slug, userId: ctx.user.id });
    if (!membership) throw new AppError("WORKSPACE_NOT_FOUND", "Workspace not found, or you are not a member of it.");
    return { ...membership.workspace, role: membership.role, memberId: membership.memberId };
  },

  async create(ctx: ServiceContext, input: CreateWorkspaceInput) {
    const slug = input.slug ?? (await freeSlug(ctx, slugify(input.name)));
    try {
      const created = await ctx.db.transaction(async (tx) => {
        const ws = await insertWorkspace(tx, { name: input.name, slug, createdById: ctx.user.id });
        await insertMember(tx, { workspaceId: ws.id, userId: ctx.user.id, role: "owner" });
        return ws;
      });
      ctx.log.info({ workspaceId: created.id, userId: ctx.user.id }, "workspace created");
      return { id: created.id, name: created.name, slug: created.slug };
    } catch (error) {
      if (isUniqueViolation(error, "workspace_slug_unique")) throw slugTaken();
      throw error;
    }
  },

  async update(ctx: WorkspaceContext, input: UpdateWorkspaceInput) {
    assertCan(ctx, "workspace:update");
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    if (Object.keys(patch).length === 0) return ctx.workspace;
    try {
      const row = await updateWorkspace(ctx.db, { workspaceId: ctx.workspace.id, patch });
      return { id: row!.id, name: row!.name, slug: row!.slug };
    } catch (error) {
      if (isUniqueViolation(error, "workspace_slug_unique")) throw slugTaken();
      throw error;
    }
  },

  async remove(ctx: WorkspaceContext, input: { confirmName: string }) {
    assertCan(ctx, "workspace:delete");
    if (input.confirmName.trim() !== ctx.workspace.name) {
      throw new AppError("CONFIRMATION_MISMATCH", `Type the workspace name "${ctx.workspace.name}" to confirm.`, {
        confirmName: ["The name does not match."],
      });
    }
    await ctx.db.transaction(async (tx) => {
      await deleteWorkspace(tx, { workspaceId: ctx.workspace.id });
      await notifyAccessChanged(tx, { workspaceId: ctx.workspace.id, userId: "*" });
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, userId: ctx.user.id }, "workspace deleted");
    return { id: ctx.workspace.id };
  },

  async leave(ctx: WorkspaceContext) {
    await ctx.db.transaction(async (tx) => {
      const owners = await lockOwners(tx, { workspaceId: ctx.workspace.id });
      if (!keepsAnOwner(owners, ctx.role)) {
        throw new AppError(
          "LAST_OWNER",
          "You are the last owner. Make another member an owner first, or delete the workspace.",
        );
      }
      await deleteMember(tx, { workspaceId: ctx.workspace.id, memberId: ctx.memberId });
      await notifyAccessChanged(tx, { workspaceId: ctx.workspace.id, userId: ctx.user.id });
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, userId: ctx.user.id }, "member left workspace");
    return { id: ctx.workspace.id };
  },
};
