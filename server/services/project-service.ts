import { AppError } from "../../core/errors";
import type { CreateProjectInput, ListProjectsInput, UpdateProjectInput } from "../../core/project/schemas";
import { isUniqueViolation } from "../../db/queries/errors";
import { deleteProject, findProject, insertProject, listProjects, updateProject } from "../../db/queries/projects";
import { assertCan, type WorkspaceContext } from "./context";

function nameTaken(name: string): AppError {
  const message = `A project named "${name}" already exists in this workspace. Pick another name.`;
  return new AppError("PROJECT_NAME_TAKEN", message, { name: [message] });
}

async function loadProject(ctx: WorkspaceContext, projectId: string) {
  const found = await findProject(ctx.db, { workspaceId: ctx.workspace.id, projectId });
  if (!found) throw new AppError("PROJECT_NOT_FOUND", "Project not found. It may have been deleted.");
  return found;
}

export const projectService = {
  async list(ctx: WorkspaceContext, input: ListProjectsInput) {
    assertCan(ctx, "project:read");
    return listProjects(ctx.db, { workspaceId: ctx.workspace.id, search: input.search || undefined, status: input.status });
  },

  async get(ctx: WorkspaceContext, input: { projectId: string }) {
    assertCan(ctx, "project:read");
    return loadProject(ctx, input.projectId);
  },

  async create(ctx: WorkspaceContext, input: CreateProjectInput) {
    assertCan(ctx, "project:create");
    try {
      const row = await insertProject(ctx.db, {
        workspaceId: ctx.workspace.id,
        name: input.name,
        description: input.description,
        createdById: ctx.user.id,
      });
      ctx.log.info({ workspaceId: ctx.workspace.id, projectId: row.id }, "project created");
      return loadProject(ctx, row.id);
    } catch (error) {
      if (isUniqueViolation(error, "project_workspace_name_uq")) throw nameTaken(input.name);
      throw error;
    }
  },

  async update(ctx: WorkspaceContext, input: UpdateProjectInput) {
    assertCan(ctx, "project:update");
    const current = await loadProject(ctx, input.projectId);
    if (current.archivedAt) throw new AppError("PROJECT_ARCHIVED", "This project is archived. Restore it to edit it.");
    const { projectId, ...fields } = input;
    const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    if (Object.keys(patch).length === 0) return current;
    try {
      await updateProject(ctx.db, { workspaceId: ctx.workspace.id, projectId, patch });
    } catch (error) {
      if (isUniqueViolation(error, "project_workspace_name_uq")) throw nameTaken(patch.name ?? current.name);
      throw error;
    }
    return loadProject(ctx, projectId);
  },

  async setArchived(ctx: WorkspaceContext, input: { projectId: string; archived: boolean }) {
    assertCan(ctx, "project:archive");
    await loadProject(ctx, input.projectId);
    await updateProject(ctx.db, {
      workspaceId: ctx.workspace.id,
      projectId: input.projectId,
      patch: { archivedAt: input.archived ? new Date() : null },
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, projectId: input.projectId, archived: input.archived }, "project archive state changed");
    return loadProject(ctx, input.projectId);
  },

  async remove(ctx: WorkspaceContext, input: { projectId: string; confirmName: string }) {
    assertCan(ctx, "project:delete");
    const current = await loadProject(ctx, input.projectId);
    if (input.confirmName.trim() !== current.name) {
      throw new AppError("CONFIRMATION_MISMATCH", `Type the project name "${current.name}" to confirm.`, {
        confirmName: ["The name does not match."],
      });
    }
    await deleteProject(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId });
    ctx.log.info({ workspaceId: ctx.workspace.id, projectId: input.projectId }, "project deleted");
    return { id: input.projectId };
  },
};
