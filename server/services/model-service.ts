import { createModelDoc } from "../../core/collab/model-doc";
import { AppError } from "../../core/errors";
import { compareMetamodels, featurePath, suggestedBump } from "../../core/metamodel/changes";
import { DRAFT } from "../../core/metamodel/inputs";
import type { MetaModel } from "../../core/metamodel/schema";
import { checkModel, type ModelProblem } from "../../core/model/conformance";
import { fromModelDocument } from "../../core/model/document";
import { shopApiModel, shopModel } from "../../core/model/fixtures";
import { modelDocumentName, type CreateModelInput } from "../../core/model/inputs";
import type { Model } from "../../core/model/schema";
import { compareSemver, sortVersions } from "../../core/templates/versions";
import { can } from "../../core/workspace/roles";
import type { Executor } from "../../db/client";
import { deleteDocument, insertDocument } from "../../db/queries/collab";
import { findMetamodel, listMetamodelVersions } from "../../db/queries/metamodels";
import { deleteModel, findModel, insertModel, listModels, listPins, updateModelMetamodelVersion } from "../../db/queries/models";
import { assertProjectWritable, issueCollabToken, liveProject } from "./access";
import { assertCan, type WorkspaceContext } from "./context";
import { readMetamodelContent, readModelContent, snapshotOf } from "./documents";
import { metamodelContent } from "./metamodel-service";

export async function loadModelRow(ctx: WorkspaceContext, modelId: string) {
  const row = await findModel(ctx.db, { workspaceId: ctx.workspace.id, modelId });
  if (!row) throw new AppError("MODEL_NOT_FOUND", "Model not found. It may have been deleted.");
  return { ...row, documentName: modelDocumentName(row.id) };
}

/**
 * The meta-model a model conforms to: the snapshot of the version it pins, or the live meta-model when
 * it follows the draft. Everything that reads a model's meta-model (checks, generation) goes through here.
 */
export async function metamodelOfModel(db: Executor, params: { workspaceId: string; modelId: string }): Promise<MetaModel> {
  const row = await findModel(db, params);
  if (!row) throw new AppError("MODEL_NOT_FOUND", "Model not found. It may have been deleted.");
  return metamodelContent(db, { workspaceId: params.workspaceId, metamodelId: row.metamodelId, version: row.metamodelVersion });
}

/** The newest published version of a meta-model, or null. */
async function latestVersionOf(ctx: WorkspaceContext, metamodelId: string): Promise<string | null> {
  const versions = await listMetamodelVersions(ctx.db, { workspaceId: ctx.workspace.id, metamodelId });
  return sortVersions(versions.map((v) => v.version))[0] ?? null;
}

/** A problem of the preview, with the feature it is about named as the meta-model had it (for removed ones). */
export type PreviewProblem = ModelProblem & { feature?: string; isNew: boolean };

const problemKey = (p: ModelProblem) => `${p.code}|${p.objectId ?? ""}|${p.featureId ?? ""}`;

/** Example models that come with starters: offered when the meta-model has every class they use. */
const EXAMPLES: Array<(mm: MetaModel) => Model> = [shopModel, shopApiModel];

function exampleFor(mm: MetaModel): Model | undefined {
  const classIds = new Set(mm.classes.map((c) => c.id));
  for (const build of EXAMPLES) {
    let example: Model;
    try {
      example = build(mm); // throws when a class or feature it names is missing
    } catch {
      continue;
    }
    if (!example.objects.every((o) => classIds.has(o.classId))) continue;
    if (checkModel(mm, example).some((p) => p.severity === "error")) continue;
    return example;
  }
  return undefined;
}

function initialModel(input: CreateModelInput, mm: MetaModel): Model {
  switch (input.source.kind) {
    case "blank":
      return { name: input.name, description: "", objects: [] };
    case "example": {
      const example = exampleFor(mm);
      if (!example) throw new AppError("METAMODEL_MISMATCH", "There is no example model for this meta-model. Start from a blank model instead.");
      return { ...example, name: input.name };
    }
    case "file": {
      let raw: unknown;
      try {
        raw = JSON.parse(input.source.content);
      } catch (error) {
        throw new AppError("INVALID_FILE", `The file is not valid JSON (${(error as Error).message}).`, { file: ["Not valid JSON."] });
      }
      const parsed = fromModelDocument(mm, raw);
      if (!parsed.ok) throw new AppError("INVALID_FILE", parsed.error, { file: [parsed.error] });
      return { ...parsed.model, name: input.name };
    }
  }
}

export const modelService = {
  async list(ctx: WorkspaceContext, input: { projectId: string }) {
    assertCan(ctx, "project:read");
    await liveProject(ctx, input.projectId);
    return listModels(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId });
  },

  async get(ctx: WorkspaceContext, input: { modelId: string }) {
    assertCan(ctx, "project:read");
    const row = await loadModelRow(ctx, input.modelId);
    const [pins, latestMetamodelVersion] = await Promise.all([
      listPins(ctx.db, { workspaceId: ctx.workspace.id, modelId: row.id }),
      latestVersionOf(ctx, row.metamodelId),
    ]);
    // Models that follow the draft already see every change; pinned ones are offered newer versions.
    const upgradeAvailable = row.metamodelVersion !== DRAFT && latestMetamodelVersion !== null && compareSemver(latestMetamodelVersion, row.metamodelVersion) > 0;
    return { ...row, pins, latestMetamodelVersion, upgradeAvailable, canEdit: can(ctx.role, "document:edit") };
  },

  async create(ctx: WorkspaceContext, input: CreateModelInput) {
    assertCan(ctx, "document:edit");
    const project = await liveProject(ctx, input.projectId);
    if (project.archivedAt) throw new AppError("PROJECT_ARCHIVED", "This project is archived. Restore it to add models.");
    const mmRow = await findMetamodel(ctx.db, { workspaceId: ctx.workspace.id, metamodelId: input.metamodelId });
    if (!mmRow || mmRow.projectId !== project.id) throw new AppError("METAMODEL_NOT_FOUND", "Meta-model not found in this project.");
    const mm = await readMetamodelContent(ctx.db, mmRow.id);
    if (!mm) throw new AppError("METAMODEL_NOT_FOUND", "Meta-model not found in this project.");
    const content = initialModel(input, mm);
    const snapshot = snapshotOf(createModelDoc(content, {}, { metamodel: mm }));
    const created = await ctx.db.transaction(async (tx) => {
      const row = await insertModel(tx, {
        workspaceId: ctx.workspace.id,
        projectId: project.id,
        metamodelId: mmRow.id,
        name: content.name,
        description: content.description,
        objectCount: content.objects.length,
        createdById: ctx.user.id,
      });
      await insertDocument(tx, { name: modelDocumentName(row.id), workspaceId: ctx.workspace.id, snapshot });
      return row;
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, modelId: created.id, source: input.source.kind }, "model created");
    return loadModelRow(ctx, created.id);
  },

  async remove(ctx: WorkspaceContext, input: { modelId: string; confirmName: string }) {
    assertCan(ctx, "document:edit");
    const row = await loadModelRow(ctx, input.modelId);
    if (input.confirmName.trim() !== row.name) {
      throw new AppError("CONFIRMATION_MISMATCH", `Type the model name "${row.name}" to confirm.`, { confirmName: ["The name does not match."] });
    }
    await ctx.db.transaction(async (tx) => {
      await deleteModel(tx, { workspaceId: ctx.workspace.id, modelId: row.id });
      await deleteDocument(tx, { workspaceId: ctx.workspace.id, name: row.documentName });
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, modelId: row.id }, "model deleted");
    return { id: row.id };
  },

  /** The model and its meta-model as stored now, with conformance problems. */
  async snapshot(ctx: WorkspaceContext, input: { modelId: string }) {
    assertCan(ctx, "project:read");
    const row = await loadModelRow(ctx, input.modelId);
    const [model, metamodel] = await Promise.all([
      readModelContent(ctx.db, row.id),
      metamodelContent(ctx.db, { workspaceId: ctx.workspace.id, metamodelId: row.metamodelId, version: row.metamodelVersion }),
    ]);
    if (!model) throw new AppError("MODEL_NOT_FOUND", "The model's content is missing.");
    return { model, metamodel, metamodelVersion: row.metamodelVersion, problems: checkModel(metamodel, model) };
  },

  /** Pins the model to a published meta-model version, or back to following the live draft. */
  async setMetamodelVersion(ctx: WorkspaceContext, input: { modelId: string; version: string }) {
    assertCan(ctx, "document:edit");
    const row = await loadModelRow(ctx, input.modelId);
    await assertProjectWritable(ctx, row.projectId, "pin its models to meta-model versions");
    // The version must exist (a snapshot of this model's meta-model).
    await metamodelContent(ctx.db, { workspaceId: ctx.workspace.id, metamodelId: row.metamodelId, version: input.version });
    await updateModelMetamodelVersion(ctx.db, { workspaceId: ctx.workspace.id, modelId: row.id, version: input.version });
    ctx.log.info({ workspaceId: ctx.workspace.id, modelId: row.id, from: row.metamodelVersion, to: input.version }, "model pinned to a meta-model version");
    return { version: input.version };
  },

  /**
   * What moving the model to another meta-model version would do: the changes between the version it
   * conforms to now and the target, and the conformance problems it would have there (each with its
   * fix; `isNew` for those it does not have now). Values of removed features show as orphaned values.
   */
  async upgradePreview(ctx: WorkspaceContext, input: { modelId: string; version: string }) {
    assertCan(ctx, "project:read");
    const row = await loadModelRow(ctx, input.modelId);
    const read = (version: string) => metamodelContent(ctx.db, { workspaceId: ctx.workspace.id, metamodelId: row.metamodelId, version });
    const [model, current, target] = await Promise.all([readModelContent(ctx.db, row.id), read(row.metamodelVersion), read(input.version)]);
    if (!model) throw new AppError("MODEL_NOT_FOUND", "The model's content is missing.");
    const changes = compareMetamodels(current, target);
    const before = checkModel(current, model);
    const now = new Set(before.map(problemKey));
    const problems: PreviewProblem[] = checkModel(target, model).map((p) => {
      const feature = p.featureId ? (featurePath(target, p.featureId) ?? featurePath(current, p.featureId)) : undefined;
      return { ...p, ...(feature ? { feature } : {}), isNew: !now.has(problemKey(p)) };
    });
    return { from: row.metamodelVersion, to: input.version, changes, bump: suggestedBump(changes), problems, problemsNow: before.length };
  },

  async collabToken(ctx: WorkspaceContext, input: { modelId: string }) {
    assertCan(ctx, "project:read");
    const row = await loadModelRow(ctx, input.modelId);
    return issueCollabToken(ctx, row.documentName);
  },
};
