import { z } from "zod";
import { createWorkspaceInput, deleteWorkspaceInput, slugSchema, updateWorkspaceInput } from "../../../core/workspace/schemas";
import { workspaceService } from "../../services/workspace-service";
import { createTRPCRouter, protectedProcedure, workspaceProcedure } from "../trpc";

export const workspaceRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => workspaceService.list(ctx.service)),
  bySlug: protectedProcedure
    .input(z.object({ slug: slugSchema }))
    .query(({ ctx, input }) => workspaceService.bySlug(ctx.service, input.slug)),
  create: protectedProcedure
    .input(createWorkspaceInput)
    .mutation(({ ctx, input }) => workspaceService.create(ctx.service, input)),
  update: workspaceProcedure
    .input(updateWorkspaceInput)
    .mutation(({ ctx, input: { workspaceId: _, ...patch } }) => workspaceService.update(ctx.ws, patch)),
  delete: workspaceProcedure
    .input(deleteWorkspaceInput)
    .mutation(({ ctx, input }) => workspaceService.remove(ctx.ws, input)),
  leave: workspaceProcedure.mutation(({ ctx }) => workspaceService.leave(ctx.ws)),
});
