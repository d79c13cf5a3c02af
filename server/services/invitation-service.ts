import { randomBytes } from "node:crypto";
import { AppError } from "../../core/errors";
import { assignableRoles, ROLE_INFO } from "../../core/workspace/roles";
import type { CreateInvitationInput } from "../../core/workspace/schemas";
import type { Db } from "../../db/client";
import {
  findInvitationByToken,
  insertInvitation,
  listOpenInvitations,
  markInvitationAccepted,
  revokeInvitation,
} from "../../db/queries/invitations";
import { insertMember } from "../../db/queries/members";
import { findMembership } from "../../db/queries/workspaces";
import { assertCan, type ServiceContext, type WorkspaceContext } from "./context";

const DAY_MS = 24 * 60 * 60 * 1000;

export type InvitationStatus = "open" | "expired" | "revoked" | "accepted";

function statusOf(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationStatus {
  if (inv.revokedAt) return "revoked";
  if (inv.acceptedAt) return "accepted";
  if (inv.expiresAt <= now) return "expired";
  return "open";
}

export function invitationUrl(appUrl: string, token: string): string {
  return `${appUrl}/invite/${token}`;
}

const NOT_FOUND = "This invitation link is not valid. Ask a workspace admin for a new one.";

export const invitationService = {
  async create(ctx: WorkspaceContext, input: CreateInvitationInput) {
    assertCan(ctx, "invitation:manage");
    if (!assignableRoles(ctx.role).includes(input.role)) {
      throw new AppError("FORBIDDEN", `Only owners can invite someone as ${ROLE_INFO[input.role].label.toLowerCase()}.`, {
        role: ["Pick a role at or below your own."],
      });
    }
    const token = randomBytes(24).toString("base64url");
    const row = await insertInvitation(ctx.db, {
      workspaceId: ctx.workspace.id,
      token,
      role: input.role,
      email: input.email?.toLowerCase() ?? null,
      invitedById: ctx.user.id,
      expiresAt: new Date(Date.now() + input.expiresInDays * DAY_MS),
    });
    const url = invitationUrl(ctx.appUrl, token);
    // There is no mail server: the link is shown in the UI and printed here for whoever runs the app.
    ctx.log.info(
      { workspaceId: ctx.workspace.id, role: input.role, email: row.email, url },
      `Invitation link for "${ctx.workspace.name}" (${input.role}): ${url}`,
    );
    return { id: row.id, role: row.role, email: row.email, expiresAt: row.expiresAt, url };
  },

  async list(ctx: WorkspaceContext) {
    assertCan(ctx, "invitation:read");
    const rows = await listOpenInvitations(ctx.db, { workspaceId: ctx.workspace.id, now: new Date() });
    return rows.map(({ token, ...rest }) => ({ ...rest, url: invitationUrl(ctx.appUrl, token) }));
  },

  async revoke(ctx: WorkspaceContext, input: { invitationId: string }) {
    assertCan(ctx, "invitation:manage");
    const done = await revokeInvitation(ctx.db, {
      workspaceId: ctx.workspace.id,
      invitationId: input.invitationId,
      now: new Date(),
    });
    if (!done) throw new AppError("INVITATION_NOT_FOUND", "That invitation was already used or revoked. Refresh the list.");
    ctx.log.info({ workspaceId: ctx.workspace.id, invitationId: input.invitationId }, "invitation revoked");
    return { id: input.invitationId };
  },

  /** What the invite page shows before accepting. Anyone holding the link may see this. */
  async preview(db: Db, token: string) {
    const inv = await findInvitationByToken(db, { token });
    if (!inv) throw new AppError("INVITATION_NOT_FOUND", NOT_FOUND);
    return {
      workspaceName: inv.workspaceName,
      role: inv.role,
      email: inv.email,
      invitedBy: inv.invitedBy,
      expiresAt: inv.expiresAt,
      status: statusOf(inv, new Date()),
    };
  },

  async accept(ctx: ServiceContext, token: string) {
    const inv = await findInvitationByToken(ctx.db, { token });
    if (!inv) throw new AppError("INVITATION_NOT_FOUND", NOT_FOUND);
    const existing = await findMembership(ctx.db, { workspaceId: inv.workspaceId, userId: ctx.user.id });
    if (existing) return { slug: existing.workspace.slug, alreadyMember: true };

    const status = statusOf(inv, new Date());
    if (status === "revoked") throw new AppError("INVITATION_REVOKED", "This invitation was revoked. Ask for a new one.");
    if (status === "accepted") throw new AppError("INVITATION_USED", "This invitation was already used. Ask for a new one.");
    if (status === "expired") throw new AppError("INVITATION_EXPIRED", "This invitation has expired. Ask for a new one.");
    if (inv.email && inv.email !== ctx.user.email.toLowerCase()) {
      throw new AppError(
        "INVITATION_EMAIL_MISMATCH",
        `This invitation is for ${inv.email}. Sign in with that email to accept it.`,
      );
    }

    await ctx.db.transaction(async (tx) => {
      const claimed = await markInvitationAccepted(tx, { invitationId: inv.id, userId: ctx.user.id, now: new Date() });
      if (!claimed) throw new AppError("INVITATION_USED", "This invitation was just used by someone else. Ask for a new one.");
      await insertMember(tx, { workspaceId: inv.workspaceId, userId: ctx.user.id, role: inv.role });
    });
    ctx.log.info({ workspaceId: inv.workspaceId, userId: ctx.user.id, role: inv.role }, "invitation accepted");
    return { slug: inv.workspaceSlug, alreadyMember: false };
  },
};
