import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "../client";
import { metamodel, model, modelTemplatePin, user } from "../schema";

/** Model rows and template pins, always scoped by workspace. */

const columns = {
  id: model.id,
  projectId: model.projectId,
  metamodelId: model.metamodelId,
  metamodelName: metamodel.name,
  metamodelVersion: model.metamodelVersion,
  name: model.name,
  description: model.description,
  objectCount: model.objectCount,
  createdAt: model.createdAt,
  updatedAt: model.updatedAt,
  createdByName: user.name,
};

export async function listModels(db: Executor, params: { workspaceId: string; projectId: string }) {
  return db
    .select(columns)
    .from(model)
    .innerJoin(metamodel, eq(metamodel.id, model.metamodelId))
    .leftJoin(user, eq(user.id, model.createdById))
    .where(and(eq(model.workspaceId, params.workspaceId), eq(model.projectId, params.projectId)))
    .orderBy(desc(model.updatedAt));
}

export async function findModel(db: Executor, params: { workspaceId: string; modelId: string }) {
  const [row] = await db
    .select(columns)
    .from(model)
    .innerJoin(metamodel, eq(metamodel.id, model.metamodelId))
    .leftJoin(user, eq(user.id, model.createdById))
    .where(and(eq(model.workspaceId, params.workspaceId), eq(model.id, params.modelId)));
  return row;
}

export async function insertModel(
  db: Executor,
  params: { workspaceId: string; projectId: string; metamodelId: string; name: string; description: string; objectCount: number; createdById: string },
) {
  const [row] = await db.insert(model).values(params).returning({ id: model.id });
  return row!;
}

export async function deleteModel(db: Executor, params: { workspaceId: string; modelId: string }) {
  const rows = await db
    .delete(model)
    .where(and(eq(model.workspaceId, params.workspaceId), eq(model.id, params.modelId)))
    .returning({ id: model.id });
  return rows.length === 1;
}

/** Pins the model to a published meta-model version, or "draft" to follow the live meta-model. */
export async function updateModelMetamodelVersion(db: Executor, params: { workspaceId: string; modelId: string; version: string }) {
  const rows = await db
    .update(model)
    .set({ metamodelVersion: params.version })
    .where(and(eq(model.workspaceId, params.workspaceId), eq(model.id, params.modelId)))
    .returning({ id: model.id });
  return rows.length === 1;
}

/** Refreshes what lists show from the document's content (by id only: the collab-server calls it). */
export async function updateModelSummary(db: Executor, params: { modelId: string; name: string; description: string; objectCount: number }) {
  const { modelId, ...summary } = params;
  await db.update(model).set(summary).where(eq(model.id, modelId));
}

export async function listPins(db: Executor, params: { workspaceId: string; modelId: string }) {
  return db
    .select({ templateId: modelTemplatePin.templateId, version: modelTemplatePin.version, pinnedAt: modelTemplatePin.pinnedAt })
    .from(modelTemplatePin)
    .where(and(eq(modelTemplatePin.workspaceId, params.workspaceId), eq(modelTemplatePin.modelId, params.modelId)));
}

export async function upsertPin(db: Executor, params: { workspaceId: string; modelId: string; templateId: string; version: string }) {
  await db
    .insert(modelTemplatePin)
    .values(params)
    .onConflictDoUpdate({ target: [modelTemplatePin.modelId, modelTemplatePin.templateId], set: { version: params.version, pinnedAt: new Date() } });
}
