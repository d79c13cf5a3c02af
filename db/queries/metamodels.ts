import { and, desc, eq, inArray } from "drizzle-orm";
import type { MetaModel } from "../../core/metamodel/schema";
import type { Executor } from "../client";
import { metamodel, metamodelVersion, user } from "../schema";

/** Meta-model rows and their published versions, always scoped by workspace. */

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

export async function listMetamodelVersions(db: Executor, params: { workspaceId: string; metamodelId: string }) {
  return db
    .select({
      version: metamodelVersion.version,
      changelog: metamodelVersion.changelog,
      createdAt: metamodelVersion.createdAt,
      createdByName: user.name,
    })
    .from(metamodelVersion)
    .leftJoin(user, eq(user.id, metamodelVersion.createdById))
    .where(and(eq(metamodelVersion.workspaceId, params.workspaceId), eq(metamodelVersion.metamodelId, params.metamodelId)))
    .orderBy(desc(metamodelVersion.createdAt));
}

export async function findMetamodelVersion(db: Executor, params: { workspaceId: string; metamodelId: string; version: string }) {
  const [row] = await db
    .select({
      version: metamodelVersion.version,
      changelog: metamodelVersion.changelog,
      snapshot: metamodelVersion.snapshot,
      createdAt: metamodelVersion.createdAt,
    })
    .from(metamodelVersion)
    .where(
      and(
        eq(metamodelVersion.workspaceId, params.workspaceId),
        eq(metamodelVersion.metamodelId, params.metamodelId),
        eq(metamodelVersion.version, params.version),
      ),
    );
  return row;
}

export async function insertMetamodelVersion(
  db: Executor,
  params: { workspaceId: string; metamodelId: string; version: string; changelog: string; snapshot: MetaModel; createdById: string },
) {
  await db.insert(metamodelVersion).values(params);
}

/** The published version numbers of several meta-models, in one query. */
export async function listMetamodelVersionNumbers(db: Executor, params: { workspaceId: string; metamodelIds: string[] }) {
  if (params.metamodelIds.length === 0) return [];
  return db
    .select({ metamodelId: metamodelVersion.metamodelId, version: metamodelVersion.version })
    .from(metamodelVersion)
    .where(and(eq(metamodelVersion.workspaceId, params.workspaceId), inArray(metamodelVersion.metamodelId, params.metamodelIds)));
}
