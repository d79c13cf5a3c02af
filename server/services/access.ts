import { signCollabToken } from "../../collab-server/token";
import { AppError } from "../../core/errors";
import { can } from "../../core/workspace/roles";
import { findProject } from "../../db/queries/projects";
import type { WorkspaceContext } from "./context";

/** What several services check the same way: the project a use case works in, and live-document access. */

export async function liveProject(ctx: WorkspaceContext, projectId: string) {
  const project = await findProject(ctx.db, { workspaceId: ctx.workspace.id, projectId });
  if (!project) throw new AppError("PROJECT_NOT_FOUND", "Project not found. It may have been deleted.");
  return project;
}

/** Archived projects are read-only: publishing, generating and pinning are refused there. */
export async function assertProjectWritable(ctx: WorkspaceContext, projectId: string, todo = "change its templates or generate") {
  const project = await liveProject(ctx, projectId);
  if (project.archivedAt) throw new AppError("PROJECT_ARCHIVED", `This project is archived. Restore it to ${todo}.`);
}

/**
 * A short-lived token to open a live document (meta-model, model or template draft). Viewers and
 * commenters get one too: the collab-server makes their connection read-only.
 */
export async function issueCollabToken(ctx: WorkspaceContext, documentName: string) {
  const token = await signCollabToken(ctx.authSecret, {
    userId: ctx.user.id,
    name: ctx.user.name,
    documentName,
    workspaceId: ctx.workspace.id,
    role: ctx.role,
  });
  return { token, documentName, readOnly: !can(ctx.role, "document:edit"), url: ctx.collabUrl ?? null };
}
