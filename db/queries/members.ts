import { and, asc, eq, sql } from "drizzle-orm";
import type { Role } from "../../core/workspace/roles";
import type { Executor } from "../client";
import { member, user } from "../schema";

/** Member queries, always scoped by workspace. */

export async function listMembers(db: Executor, params: { workspaceId: string }) {
  return db
    .select({
      id: member.id,
      userId: member.userId,
      role: member.role,
      joinedAt: member.createdAt,
      name: user.name,
      email: user.email,
      image: user.image,
    })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.workspaceId, params.workspaceId))
    .orderBy(asc(sql`lower(${user.name})`));
}

export async function findMember(db: Executor, params: { workspaceId: string; memberId: string }) {
  const rows = await db
    .select({ id: member.id, userId: member.userId, role: member.role })
    .from(member)
    .where(and(eq(member.workspaceId, params.workspaceId), eq(member.id, params.memberId)))
    .limit(1);
  return rows[0];
}

export async function insertMember(db: Executor, params: { workspaceId: string; userId: string; role: Role }) {
  const [row] = await db.insert(member).values(params).returning();
  return row!;
}

export async function updateMemberRole(db: Executor, params: { workspaceId: string; memberId: string; role: Role }) {
  await db
    .update(member)
    .set({ role: params.role })
    .where(and(eq(member.workspaceId, params.workspaceId), eq(member.id, params.memberId)));
}

export async function deleteMember(db: Executor, params: { workspaceId: string; memberId: string }) {
  await db.delete(member).where(and(eq(member.workspaceId, params.workspaceId), eq(member.id, params.memberId)));
}

/**
 * The number of owners, locking their rows until the transaction ends, so two concurrent demotions
 * cannot both see "another owner remains" and leave the workspace with none.
 */
export async function lockOwners(db: Executor, params: { workspaceId: string }): Promise<number> {
  const rows = await db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.workspaceId, params.workspaceId), eq(member.role, "owner")))
    .for("update");
  return rows.length;
}
