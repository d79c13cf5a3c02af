import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Role } from "../../core/workspace/roles";
import type { Executor } from "../client";
import { invitation, user, workspace } from "../schema";

/** Invitation queries. All are scoped by workspace except the lookup by token, which is the capability. */

export async function insertInvitation(
  db: Executor,
  params: { workspaceId: string; token: string; role: Role; email: string | null; invitedById: string; expiresAt: Date },
) {
  const [row] = await db.insert(invitation).values(params).returning();
  return row!;
}

/** Invitations still usable: not accepted, not revoked, not expired. */
export async function listOpenInvitations(db: Executor, params: { workspaceId: string; now: Date }) {
  return db
    .select({
      id: invitation.id,
      token: invitation.token,
      role: invitation.role,
      email: invitation.email,
      expiresAt: invitation.expiresAt,
      createdAt: invitation.createdAt,
      invitedBy: user.name,
    })
    .from(invitation)
    .leftJoin(user, eq(user.id, invitation.invitedById))
    .where(
      and(
        eq(invitation.workspaceId, params.workspaceId),
        isNull(invitation.acceptedAt),
        isNull(invitation.revokedAt),
        gt(invitation.expiresAt, params.now),
      ),
    )
    .orderBy(desc(invitation.createdAt));
}

export async function findInvitationByToken(db: Executor, params: { token: string }) {
  const rows = await db
    .select({
      id: invitation.id,
      workspaceId: invitation.workspaceId,
      role: invitation.role,
      email: invitation.email,
      expiresAt: invitation.expiresAt,
      acceptedAt: invitation.acceptedAt,
      revokedAt: invitation.revokedAt,
      workspaceName: workspace.name,
      workspaceSlug: workspace.slug,
      invitedBy: user.name,
    })
    .from(invitation)
    .innerJoin(workspace, eq(workspace.id, invitation.workspaceId))
    .leftJoin(user, eq(user.id, invitation.invitedById))
    .where(eq(invitation.token, params.token))
    .limit(1);
  return rows[0];
}

/** Marks an open invitation accepted; returns false when someone else used it first. */
export async function markInvitationAccepted(
  db: Executor,
  params: { invitationId: string; userId: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(invitation)
    .set({ acceptedAt: params.now, acceptedById: params.userId })
    .where(and(eq(invitation.id, params.invitationId), isNull(invitation.acceptedAt), isNull(invitation.revokedAt)))
    .returning({ id: invitation.id });
  return rows.length === 1;
}

export async function revokeInvitation(
  db: Executor,
  params: { workspaceId: string; invitationId: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(invitation)
    .set({ revokedAt: params.now })
    .where(
      and(
        eq(invitation.workspaceId, params.workspaceId),
        eq(invitation.id, params.invitationId),
        isNull(invitation.acceptedAt),
        isNull(invitation.revokedAt),
      ),
    )
    .returning({ id: invitation.id });
  return rows.length === 1;
}
