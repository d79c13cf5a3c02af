import { z } from "zod";
import { createInvitationInput, invitationTokenSchema, revokeInvitationInput } from "../../../core/workspace/schemas";
import { invitationService } from "../../services/invitation-service";
import { createTRPCRouter, protectedProcedure, publicProcedure, workspaceProcedure } from "../trpc";

const tokenInput = z.object({ token: invitationTokenSchema });

export const invitationRouter = createTRPCRouter({
  list: workspaceProcedure.query(({ ctx }) => invitationService.list(ctx.ws)),
  create: workspaceProcedure
    .input(createInvitationInput)
    .mutation(({ ctx, input: { workspaceId: _, ...rest } }) => invitationService.create(ctx.ws, rest)),
  revoke: workspaceProcedure
    .input(revokeInvitationInput)
    .mutation(({ ctx, input }) => invitationService.revoke(ctx.ws, input)),
  preview: publicProcedure.input(tokenInput).query(({ ctx, input }) => invitationService.preview(ctx.db, input.token)),
  accept: protectedProcedure
    .input(tokenInput)
    .mutation(({ ctx, input }) => invitationService.accept(ctx.service, input.token)),
});
