import { generationRouter } from "./routers/generation";
import { invitationRouter } from "./routers/invitation";
import { memberRouter } from "./routers/member";
import { metamodelRouter } from "./routers/metamodel";
import { modelRouter } from "./routers/model";
import { patternRouter } from "./routers/pattern";
import { projectRouter } from "./routers/project";
import { templateRouter } from "./routers/template";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  workspace: workspaceRouter,
  member: memberRouter,
  invitation: invitationRouter,
  project: projectRouter,
  metamodel: metamodelRouter,
  model: modelRouter,
  template: templateRouter,
  generation: generationRouter,
  pattern: patternRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller (tests, server components). */
export const createCaller = createCallerFactory(appRouter);
