import { z } from "zod";
import { createModelInput, deleteModelInput, modelRefInput, setMetamodelVersionInput, upgradePreviewInput } from "../../../core/model/inputs";
import { projectIdSchema } from "../../../core/project/schemas";
import { modelService } from "../../services/model-service";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const modelRouter = createTRPCRouter({
  list: workspaceProcedure.input(z.object({ projectId: projectIdSchema })).query(({ ctx, input }) => modelService.list(ctx.ws, input)),
  get: workspaceProcedure.input(modelRefInput).query(({ ctx, input }) => modelService.get(ctx.ws, input)),
  snapshot: workspaceProcedure.input(modelRefInput).query(({ ctx, input }) => modelService.snapshot(ctx.ws, input)),
  create: workspaceProcedure.input(createModelInput).mutation(({ ctx, input: { workspaceId: _, ...rest } }) => modelService.create(ctx.ws, rest)),
  delete: workspaceProcedure.input(deleteModelInput).mutation(({ ctx, input }) => modelService.remove(ctx.ws, input)),
  setMetamodelVersion: workspaceProcedure.input(setMetamodelVersionInput).mutation(({ ctx, input }) => modelService.setMetamodelVersion(ctx.ws, input)),
  upgradePreview: workspaceProcedure.input(upgradePreviewInput).query(({ ctx, input }) => modelService.upgradePreview(ctx.ws, input)),
  collabToken: workspaceProcedure.input(modelRefInput).mutation(({ ctx, input }) => modelService.collabToken(ctx.ws, input)),
});
