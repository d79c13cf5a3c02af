import { removeMemberInput, updateMemberRoleInput } from "../../../core/workspace/schemas";
import { memberService } from "../../services/member-service";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const memberRouter = createTRPCRouter({
  list: workspaceProcedure.query(({ ctx }) => memberService.list(ctx.ws)),
  updateRole: workspaceProcedure
    .input(updateMemberRoleInput)
    .mutation(({ ctx, input }) => memberService.updateRole(ctx.ws, input)),
  remove: workspaceProcedure
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => memberService.remove(ctx.ws, input)),
});
