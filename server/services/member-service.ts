import { AppError } from "../../core/errors";
import { canChangeRole, canRemoveMember, keepsAnOwner, type Role } from "../../core/workspace/roles";
import type { Executor } from "../../db/client";
import { notifyAccessChanged } from "../../db/queries/collab";
import { deleteMember, findMember, listMembers, lockOwners, updateMemberRole } from "../../db/queries/members";
import { assertCan, type WorkspaceContext } from "./context";

async function targetMember(db: Executor, workspaceId: string, memberId: string) {
  const target = await findMember(db, { workspaceId, memberId });
  if (!target) throw new AppError("MEMBER_NOT_FOUND", "That member is no longer in this workspace. Refresh the list.");
  return target;
}

export const memberService = {
  async list(ctx: WorkspaceContext) {
    assertCan(ctx, "member:read");
    return listMembers(ctx.db, { workspaceId: ctx.workspace.id });
  },

  async updateRole(ctx: WorkspaceContext, input: { memberId: string; role: Role }) {
    assertCan(ctx, "member:manage");
    await ctx.db.transaction(async (tx) => {
      const target = await targetMember(tx, ctx.workspace.id, input.memberId);
      const rule = canChangeRole(ctx.role, target.role, input.role);
      if (!rule.ok) throw new AppError("FORBIDDEN", rule.reason);
      if (target.role === "owner" && input.role !== "owner") {
        const owners = await lockOwners(tx, { workspaceId: ctx.workspace.id });
        if (!keepsAnOwner(owners, "owner")) {
          throw new AppError("LAST_OWNER", "A workspace needs at least one owner. Make someone else an owner first.");
        }
      }
      await updateMemberRole(tx, { workspaceId: ctx.workspace.id, memberId: input.memberId, role: input.role });
      await notifyAccessChanged(tx, { workspaceId: ctx.workspace.id, userId: target.userId });
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, memberId: input.memberId, role: input.role }, "member role changed");
    return { memberId: input.memberId, role: input.role };
  },

  async remove(ctx: WorkspaceContext, input: { memberId: string }) {
    assertCan(ctx, "member:manage");
    if (input.memberId === ctx.memberId) {
      throw new AppError("FORBIDDEN", "To remove yourself, use Leave workspace instead.");
    }
    await ctx.db.transaction(async (tx) => {
      const target = await targetMember(tx, ctx.workspace.id, input.memberId);
      const rule = canRemoveMember(ctx.role, target.role);
      if (!rule.ok) throw new AppError("FORBIDDEN", rule.reason);
      const owners = await lockOwners(tx, { workspaceId: ctx.workspace.id });
      if (!keepsAnOwner(owners, target.role)) {
        throw new AppError("LAST_OWNER", "A workspace needs at least one owner. Make someone else an owner first.");
      }
      await deleteMember(tx, { workspaceId: ctx.workspace.id, memberId: input.memberId });
      await notifyAccessChanged(tx, { workspaceId: ctx.workspace.id, userId: target.userId });
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, memberId: input.memberId }, "member removed");
    return { memberId: input.memberId };
  },
};
