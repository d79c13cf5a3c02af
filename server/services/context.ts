import type { Logger } from "pino";
import { AppError } from "../../core/errors";
import { can, forbiddenMessage, type Action, type Role } from "../../core/workspace/roles";
import type { Db } from "../../db/client";

/** What every use case receives: the database, the signed-in user, a logger and the app's public URL. */
export interface ServiceContext {
  db: Db;
  user: { id: string; name: string; email: string };
  log: Logger;
  appUrl: string;
}

/** A use case inside one workspace, for a member with `role`. */
export interface WorkspaceContext extends ServiceContext {
  workspace: { id: string; name: string; slug: string };
  role: Role;
  memberId: string;
}

/** Authorization is decided here, in services: throws FORBIDDEN with a next step. */
export function assertCan(ctx: WorkspaceContext, action: Action): void {
  if (!can(ctx.role, action)) throw new AppError("FORBIDDEN", forbiddenMessage(ctx.role, action));
}
