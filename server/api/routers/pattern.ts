import {
  analysisRefInput,
  createFromGitInput,
  createFromPasteInput,
  groupRefInput,
  listAnalysesInput,
  occurrenceInput,
  promoteInput,
  renameHoleInput,
} from "../../../core/patterns/inputs";
import { patternService } from "../../services/pattern-service";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

/** Pattern analyses. Uploads (zip, folder) come through POST /api/projects/:projectId/analyses. */
export const patternRouter = createTRPCRouter({
  list: workspaceProcedure.input(listAnalysesInput).query(({ ctx, input }) => patternService.list(ctx.ws, input)),
  get: workspaceProcedure.input(analysisRefInput).query(({ ctx, input }) => patternService.get(ctx.ws, input)),
  group: workspaceProcedure.input(groupRefInput).query(({ ctx, input }) => patternService.group(ctx.ws, input)),
  occurrence: workspaceProcedure.input(occurrenceInput).query(({ ctx, input }) => patternService.occurrence(ctx.ws, input)),
  createFromPaste: workspaceProcedure.input(createFromPasteInput).mutation(({ ctx, input }) => patternService.createFromPaste(ctx.ws, input)),
  createFromGit: workspaceProcedure.input(createFromGitInput).mutation(({ ctx, input }) => patternService.createFromGit(ctx.ws, input)),
  cancel: workspaceProcedure.input(analysisRefInput).mutation(({ ctx, input }) => patternService.cancel(ctx.ws, input)),
  delete: workspaceProcedure.input(analysisRefInput).mutation(({ ctx, input }) => patternService.remove(ctx.ws, input)),
  renameHole: workspaceProcedure.input(renameHoleInput).mutation(({ ctx, input }) => patternService.renameHole(ctx.ws, input)),
  promote: workspaceProcedure.input(promoteInput).mutation(({ ctx, input }) => patternService.promote(ctx.ws, input)),
});
