import type { Logger } from "pino";
import { AppError } from "../../core/errors";
import { can, forbiddenMessage, type Action, type Role } from "../../core/workspace/roles";
import type { Db } from "../../db/client";

/** The platform every use case runs on: the database, a logger, the app's public URL, its secret. */
export interface AppDeps {
  db: Db;
  log: Logger;
  appUrl: string;
  /** BETTER_AUTH_SECRET: signs sessions, and (through a derived key) collab tokens. */
  authSecret: string;
  /** Where browsers reach the collab-server: a standalone one's URL, or null for this app's /collab. */
  collabUrl?: string | null;
}

/** What every use case receives: the platform and the signed-in user. */
export interface ServiceContext extends AppDeps {
  user: { id: string; name: string; email: string };
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
