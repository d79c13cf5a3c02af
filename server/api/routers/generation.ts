import { listRunsInput, pinTemplateInput, runFileInput, runRefInput, startRunInput } from "../../../core/templates/inputs";
import { generationService } from "../../services/generation-service";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const generationRouter = createTRPCRouter({
  start: workspaceProcedure.input(startRunInput).mutation(({ ctx, input }) => generationService.start(ctx.ws, input)),
  get: workspaceProcedure.input(runRefInput).query(({ ctx, input }) => generationService.get(ctx.ws, input)),
  list: workspaceProcedure.input(listRunsInput).query(({ ctx, input }) => generationService.list(ctx.ws, input)),
  files: workspaceProcedure.input(runRefInput).query(({ ctx, input }) => generationService.files(ctx.ws, input)),
  file: workspaceProcedure.input(runFileInput).query(({ ctx, input }) => generationService.file(ctx.ws, input)),
  diff: workspaceProcedure.input(runRefInput).query(({ ctx, input }) => generationService.diffWithPrevious(ctx.ws, input)),
  pin: workspaceProcedure.input(pinTemplateInput).mutation(({ ctx, input }) => generationService.pin(ctx.ws, input)),
});
