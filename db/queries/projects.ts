import { and, desc, eq, ilike, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import { project, user } from "../schema";

/** Project queries, always scoped by workspace. */

const projectColumns = {
  id: project.id,
  workspaceId: project.workspaceId,
  name: project.name,
  description: project.description,
  archivedAt: project.archivedAt,
  createdAt: project.createdAt,
  updatedAt: project.updatedAt,
  createdByName: user.name,
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listProjects(
  db: Executor,
  params: { workspaceId: string; search?: string; status: "active" | "archived" | "all" },
) {
  const filters: SQL[] = [eq(project.workspaceId, params.workspaceId)];
  if (params.status === "active") filters.push(isNull(project.archivedAt));
  if (params.status === "archived") filters.push(isNotNull(project.archivedAt));
  if (params.search) {
    const pattern = `%${escapeLike(params.search)}%`;
    filters.push(or(ilike(project.name, pattern), ilike(project.description, pattern))!);
  }
  return db
    .select(projectColumns)
    .from(project)
    .leftJoin(user, eq(user.id, project.createdById))
    .where(and(...filters))
    .orderBy(desc(project.updatedAt));
}

export async function findProject(db: Executor, params: { workspaceId: string; projectId: string }) {
  const rows = await db
    .select(projectColumns)
    .from(project)
    .leftJoin(user, eq(user.id, project.createdById))
    .where(and(eq(project.workspaceId, params.workspaceId), eq(project.id, params.projectId)))
    .limit(1);
  return rows[0];
}

export async function insertProject(
  db: Executor,
  params: { workspaceId: string; name: string; description: string; createdById: string },
) {
  const [row] = await db.insert(project).values(params).returning({ id: project.id });
  return row!;
}

export async function updateProject(
  db: Executor,
  params: {
    workspaceId: string;
    projectId: string;
    patch: { name?: string; description?: string; archivedAt?: Date | null };
  },
): Promise<boolean> {
  const rows = await db
    .update(project)
    .set(params.patch)
    .where(and(eq(project.workspaceId, params.workspaceId), eq(project.id, params.projectId)))
    .returning({ id: project.id });
  return rows.length === 1;
}

export async function deleteProject(db: Executor, params: { workspaceId: string; projectId: string }) {
  const rows = await db
    .delete(project)
    .where(and(eq(project.workspaceId, params.workspaceId), eq(project.id, params.projectId)))
    .returning({ id: project.id });
  return rows.length === 1;
}
