/**
 * tRPC in one file: the context, the error shape, and the three kinds of procedure.
 *
 * - `publicProcedure`: anyone.
 * - `protectedProcedure`: a signed-in user (narrows `ctx.user`).
 * - `workspaceProcedure`: a member of the workspace named by `input.workspaceId` (adds `ctx.ws`, the
 *   workspace context with the member's role). Whether the role allows the action is decided by the
 *   service it calls.
 *
 * Services throw `AppError`s; one table (core/errors.ts) maps their codes to tRPC/HTTP codes here.
 * Zod errors come back flattened (`data.fieldErrors`) so forms can show them per field.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { isAppError } from "../../core/errors";
import { workspaceIdSchema } from "../../core/workspace/schemas";
import type { Auth } from "../auth/auth";
import type { AppDeps, ServiceContext, WorkspaceContext } from "../services/context";
import { workspaceService } from "../services/workspace-service";

export interface Context extends AppDeps {
  user: ServiceContext["user"] | null;
}

/** Builds request contexts: the session (if any) is read from the request's cookies. */
export function contextFactory({ auth, ...deps }: AppDeps & { auth: Pick<Auth, "api"> }) {
  return async (opts: { headers: Headers }): Promise<Context> => {
    const session = await auth.api.getSession({ headers: opts.headers });
    const user = session ? { id: session.user.id, name: session.user.name, email: session.user.email } : null;
    return { ...deps, user };
  };
}

const INTERNAL_MESSAGE = "Something went wrong on our side. Try again; if it keeps happening, check the server log.";

function firstIssueMessage(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The request is not valid.";
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const zodError = cause instanceof ZodError ? cause : null;
    const appError = isAppError(cause) ? cause : null;
    let message = shape.message;
    if (zodError) message = firstIssueMessage(zodError);
    else if (error.code === "INTERNAL_SERVER_ERROR" && !appError) message = INTERNAL_MESSAGE;
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        appCode: appError?.code ?? null,
        fieldErrors: zodError ? z.flattenError(zodError).fieldErrors : (appError?.fieldErrors ?? null),
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns a domain error thrown below into the tRPC error its code maps to. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isAppError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.transport.trpc, message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(appErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  const service: ServiceContext = { ...ctx, user: ctx.user };
  return next({ ctx: { user: ctx.user, service } });
});

export const workspaceProcedure = protectedProcedure
  .input(z.object({ workspaceId: workspaceIdSchema }))
  .use(async ({ ctx, input, next }) => {
    const ws: WorkspaceContext = await workspaceService.enter(ctx.service, input.workspaceId);
    return next({ ctx: { ws } });
  });
