import { z } from "zod";
import { projectIdSchema } from "../../../core/project/schemas";
import { BUILTIN_TEMPLATES } from "../../../core/templates/builtin";
import {
  createTemplateInput,
  deleteTemplateInput,
  diffTemplateVersionsInput,
  publishTemplateInput,
  templateRefInput,
  templateVersionInput,
} from "../../../core/templates/inputs";
import { runTemplateTestsInput, testCaseFromModelInput } from "../../../core/templates/test-cases-inputs";
import { templateService } from "../../services/template-service";
import { createTRPCRouter, protectedProcedure, workspaceProcedure } from "../trpc";

export const templateRouter = createTRPCRouter({
  builtins: protectedProcedure.query(() =>
    BUILTIN_TEMPLATES.map(({ key, title, summary, starter, language, checks }) => ({ key, title, summary, starter, language, checks })),
  ),
  list: workspaceProcedure.input(z.object({ projectId: projectIdSchema })).query(({ ctx, input }) => templateService.list(ctx.ws, input)),
  get: workspaceProcedure.input(templateRefInput).query(({ ctx, input }) => templateService.get(ctx.ws, input)),
  create: workspaceProcedure.input(createTemplateInput).mutation(({ ctx, input: { workspaceId: _, ...rest } }) => templateService.create(ctx.ws, rest)),
  delete: workspaceProcedure.input(deleteTemplateInput).mutation(({ ctx, input }) => templateService.remove(ctx.ws, input)),
  publish: workspaceProcedure.input(publishTemplateInput).mutation(({ ctx, input }) => templateService.publish(ctx.ws, input)),
  version: workspaceProcedure.input(templateVersionInput).query(({ ctx, input }) => templateService.version(ctx.ws, input)),
  diff: workspaceProcedure.input(diffTemplateVersionsInput).query(({ ctx, input }) => templateService.diff(ctx.ws, input)),
  runTests: workspaceProcedure.input(runTemplateTestsInput).mutation(({ ctx, input: { workspaceId: _, ...rest } }) => templateService.runTests(ctx.ws, rest)),
  testCaseFromModel: workspaceProcedure.input(testCaseFromModelInput).mutation(({ ctx, input: { workspaceId: _, ...rest } }) => templateService.testCaseFromModel(ctx.ws, rest)),
  collabToken: workspaceProcedure.input(templateRefInput).mutation(({ ctx, input }) => templateService.collabToken(ctx.ws, input)),
});
