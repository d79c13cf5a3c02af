import { randomUUID } from "node:crypto";
import { AppError } from "../core/errors";
import type { Role } from "../core/workspace/roles";
import type { Db } from "../db/client";
import { insertMember } from "../db/queries/members";
import { insertWorkspace } from "../db/queries/workspaces";
import { user } from "../db/schema";
import type { AppDeps, ServiceContext, WorkspaceContext } from "../server/services/context";
import { workspaceService } from "../server/services/workspace-service";
import { silentLogger } from "./db";

/** Test data built straight through the queries (no password hashing), reused by integration tests. */

export interface TestUser {
  id: string;
  name: string;
  email: string;
}

export async function createUser(db: Db, name = "Test User"): Promise<TestUser> {
  const id = randomUUID();
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${id.slice(0, 8)}@example.test`;
  await db.insert(user).values({ id, name, email });
  return { id, name, email };
}

export const TEST_AUTH_SECRET = "test-auth-secret-".padEnd(40, "t");

export function testDeps(db: Db): AppDeps {
  return { db, log: silentLogger, appUrl: "http://localhost:3000", authSecret: TEST_AUTH_SECRET };
}

export function serviceContext(db: Db, u: TestUser): ServiceContext {
  return { ...testDeps(db), user: u };
}

export async function workspaceContext(db: Db, u: TestUser, workspaceId: string): Promise<WorkspaceContext> {
  return workspaceService.enter(serviceContext(db, u), workspaceId);
}

/** A workspace with one member per role, plus an outsider who owns another workspace. */
export async function createWorkspaceWithRoles(db: Db, label = "Acme") {
  const members = {} as Record<Role, TestUser>;
  const slug = `${label.toLowerCase()}-${randomUUID().slice(0, 8)}`;
  const owner = await createUser(db, `${label} Owner`);
  const ws = await insertWorkspace(db, { name: label, slug, createdById: owner.id });
  const memberIds = {} as Record<Role, string>;
  for (const role of ["owner", "admin", "editor", "commenter", "viewer"] as const) {
    const u = role === "owner" ? owner : await createUser(db, `${label} ${role}`);
    members[role] = u;
    memberIds[role] = (await insertMember(db, { workspaceId: ws.id, userId: u.id, role })).id;
  }
  const outsider = await createUser(db, `${label} Outsider`);
  const other = await insertWorkspace(db, { name: `${label} Other`, slug: `${slug}-other`, createdById: outsider.id });
  await insertMember(db, { workspaceId: other.id, userId: outsider.id, role: "owner" });
  return { workspace: ws, members, memberIds, outsider, otherWorkspace: other };
}

/** "ok" when the call succeeds, else the domain error code it failed with (other errors propagate). */
export async function outcomeCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}
