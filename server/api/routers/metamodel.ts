import { z } from "zod";
import {
  compareMetamodelVersionsInput,
  createMetamodelInput,
  deleteMetamodelInput,
  metamodelRefInput,
  metamodelVersionInput,
  publishMetamodelInput,
} from "../../../core/metamodel/inputs";
import { projectIdSchema } from "../../../core/project/schemas";
import { metamodelService } from "../../services/metamodel-service";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const metamodelRouter = createTRPCRouter({
  list: workspaceProcedure
    .input(z.object({ projectId: projectIdSchema }))
    .query(({ ctx, input }) => metamodelService.list(ctx.ws, input)),
  get: workspaceProcedure.input(metamodelRefInput).query(({ ctx, input }) => metamodelService.get(ctx.ws, input)),
  create: workspaceProcedure
    .input(createMetamodelInput)
    .mutation(({ ctx, input: { workspaceId: _, ...rest } }) => metamodelService.create(ctx.ws, rest)),
  delete: workspaceProcedure
    .input(deleteMetamodelInput)
    .mutation(({ ctx, input }) => metamodelService.remove(ctx.ws, input)),
  publish: workspaceProcedure.input(publishMetamodelInput).mutation(({ ctx, input }) => metamodelService.publish(ctx.ws, input)),
  versions: workspaceProcedure.input(metamodelRefInput).query(({ ctx, input }) => metamodelService.versions(ctx.ws, input)),
  version: workspaceProcedure.input(metamodelVersionInput).query(({ ctx, input }) => metamodelService.version(ctx.ws, input)),
  compareVersions: workspaceProcedure
    .input(compareMetamodelVersionsInput)
    .query(({ ctx, input }) => metamodelService.compareVersions(ctx.ws, input)),
  collabToken: workspaceProcedure
    .input(metamodelRefInput)
    .mutation(({ ctx, input }) => metamodelService.collabToken(ctx.ws, input)),
});
