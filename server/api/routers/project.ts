import {
  createProjectInput,
  deleteProjectInput,
  listProjectsInput,
  projectRefInput,
  updateProjectInput,
} from "../../../core/project/schemas";
import { projectService } from "../../services/project-service";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const projectRouter = createTRPCRouter({
  list: workspaceProcedure.input(listProjectsInput).query(({ ctx, input }) => projectService.list(ctx.ws, input)),
  get: workspaceProcedure.input(projectRefInput).query(({ ctx, input }) => projectService.get(ctx.ws, input)),
  create: workspaceProcedure
    .input(createProjectInput)
    .mutation(({ ctx, input }) => projectService.create(ctx.ws, input)),
  update: workspaceProcedure
    .input(updateProjectInput)
    .mutation(({ ctx, input: { workspaceId: _, ...rest } }) => projectService.update(ctx.ws, rest)),
  archive: workspaceProcedure
    .input(projectRefInput)
    .mutation(({ ctx, input }) => projectService.setArchived(ctx.ws, { projectId: input.projectId, archived: true })),
  unarchive: workspaceProcedure
    .input(projectRefInput)
    .mutation(({ ctx, input }) => projectService.setArchived(ctx.ws, { projectId: input.projectId, archived: false })),
  delete: workspaceProcedure
    .input(deleteProjectInput)
    .mutation(({ ctx, input }) => projectService.remove(ctx.ws, input)),
});
