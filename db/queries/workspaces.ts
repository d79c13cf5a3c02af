import { and, asc, eq, sql } from "drizzle-orm";
import type { Role } from "../../core/workspace/roles";
import type { Executor } from "../client";
import { member, workspace } from "../schema";

/** Workspace queries. Reads go through a membership, so a user only ever sees their own workspaces. */

export interface Membership {
  memberId: string;
  role: Role;
  workspace: { id: string; name: string; slug: string; createdAt: Date };
}

const membershipColumns = {
  memberId: member.id,
  role: member.role,
  workspace: { id: workspace.id, name: workspace.name, slug: workspace.slug, createdAt: workspace.createdAt },
};

export async function listWorkspacesForUser(db: Executor, params: { userId: string }) {
  return db
    .select({
      id: workspace.id,
      name: workspace.name,
      slug: workspace.slug,
      role: member.role,
      memberCount: sql<number>`(select count(*)::int from ${member} m2 where m2.workspace_id = ${workspace.id})`,
    })
    .from(member)
    .innerJoin(workspace, eq(workspace.id, member.workspaceId))
    .where(eq(member.userId, params.userId))
    .orderBy(asc(sql`lower(${workspace.name})`));
}

export async function findMembership(
  db: Executor,
  params: { workspaceId: string; userId: string },
): Promise<Membership | undefined> {
  const rows = await db
    .select(membershipColumns)
    .from(member)
    .innerJoin(workspace, eq(workspace.id, member.workspaceId))
    .where(and(eq(member.workspaceId, params.workspaceId), eq(member.userId, params.userId)))
    .limit(1);
  return rows[0];
}

export async function findMembershipBySlug(
  db: Executor,
  params: { slug: string; userId: string },
): Promise<Membership | undefined> {
  const rows = await db
    .select(membershipColumns)
    .from(member)
    .innerJoin(workspace, eq(workspace.id, member.workspaceId))
    .where(and(eq(workspace.slug, params.slug), eq(member.userId, params.userId)))
    .limit(1);
  return rows[0];
}

export async function slugsStartingWith(db: Executor, params: { prefix: string }): Promise<Set<string>> {
  const rows = await db
    .select({ slug: workspace.slug })
    .from(workspace)
    .where(sql`${workspace.slug} = ${params.prefix} or ${workspace.slug} like ${`${params.prefix}-%`}`);
  return new Set(rows.map((r) => r.slug));
}

export async function insertWorkspace(db: Executor, params: { name: string; slug: string; createdById: string }) {
  const [row] = await db.insert(workspace).values(params).returning();
  return row!;
}

export async function updateWorkspace(
  db: Executor,
  params: { workspaceId: string; patch: { name?: string; slug?: string } },
) {
  const [row] = await db
    .update(workspace)
    .set(params.patch)
    .where(eq(workspace.id, params.workspaceId))
    .returning();
  return row;
}

export async function deleteWorkspace(db: Executor, params: { workspaceId: string }) {
  await db.delete(workspace).where(eq(workspace.id, params.workspaceId));
}
