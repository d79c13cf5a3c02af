import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "../client";
import { metamodel, user } from "../schema";

/** Meta-model rows, always scoped by workspace. */

const columns = {
  id: metamodel.id,
  projectId: metamodel.projectId,
  name: metamodel.name,
  description: metamodel.description,
  classCount: metamodel.classCount,
  enumCount: metamodel.enumCount,
  createdAt: metamodel.createdAt,
  updatedAt: metamodel.updatedAt,
  createdByName: user.name,
};

export async function listMetamodels(db: Executor, params: { workspaceId: string; projectId: string }) {
  return db
    .select(columns)
    .from(metamodel)
    .leftJoin(user, eq(user.id, metamodel.createdById))
    .where(and(eq(metamodel.workspaceId, params.workspaceId), eq(metamodel.projectId, params.projectId)))
    .orderBy(desc(metamodel.updatedAt));
}

export async function findMetamodel(db: Executor, params: { workspaceId: string; metamodelId: string }) {
  const [row] = await db
    .select(columns)
    .from(metamodel)
    .leftJoin(user, eq(user.id, metamodel.createdById))
    .where(and(eq(metamodel.workspaceId, params.workspaceId), eq(metamodel.id, params.metamodelId)));
  return row;
}

export async function insertMetamodel(
  db: Executor,
  params: { workspaceId: string; projectId: string; name: string; description: string; classCount: number; enumCount: number; createdById: string },
) {
  const [row] = await db.insert(metamodel).values(params).returning({ id: metamodel.id });
  return row!;
}

export async function deleteMetamodel(db: Executor, params: { workspaceId: string; metamodelId: string }) {
  const rows = await db
    .delete(metamodel)
    .where(and(eq(metamodel.workspaceId, params.workspaceId), eq(metamodel.id, params.metamodelId)))
    .returning({ id: metamodel.id });
  return rows.length === 1;
}

/** Refreshes what lists show from the document's content (by id only: the collab-server calls it). */
export async function updateMetamodelSummary(
  db: Executor,
  params: { metamodelId: string; name: string; description: string; classCount: number; enumCount: number },
) {
  const { metamodelId, ...summary } = params;
  await db.update(metamodel).set(summary).where(eq(metamodel.id, metamodelId));
}
