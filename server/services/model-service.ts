import { createModelDoc } from "../../core/collab/model-doc";
import { AppError } from "../../core/errors";
import type { MetaModel } from "../../core/metamodel/schema";
import { checkModel } from "../../core/model/conformance";
import { fromModelDocument } from "../../core/model/document";
import { shopApiModel, shopModel } from "../../core/model/fixtures";
import { modelDocumentName, type CreateModelInput } from "../../core/model/inputs";
import type { Model } from "../../core/model/schema";
import { can } from "../../core/workspace/roles";
import { deleteDocument, insertDocument } from "../../db/queries/collab";
import { findMetamodel } from "../../db/queries/metamodels";
import { deleteModel, findModel, insertModel, listModels, listPins } from "../../db/queries/models";
import { issueCollabToken, liveProject } from "./access";
import { assertCan, type WorkspaceContext } from "./context";
import { readMetamodelContent, readModelContent, snapshotOf } from "./documents";

export async function loadModelRow(ctx: WorkspaceContext, modelId: string) {
  const row = await findModel(ctx.db, { workspaceId: ctx.workspace.id, modelId });
  if (!row) throw new AppError("MODEL_NOT_FOUND", "Model not found. It may have been deleted.");
  return { ...row, documentName: modelDocumentName(row.id) };
}

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
    const pins = await listPins(ctx.db, { workspaceId: ctx.workspace.id, modelId: row.id });
    return { ...row, pins, canEdit: can(ctx.role, "document:edit") };
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
    const [model, metamodel] = await Promise.all([readModelContent(ctx.db, row.id), readMetamodelContent(ctx.db, row.metamodelId)]);
    if (!model || !metamodel) throw new AppError("MODEL_NOT_FOUND", "The model's content is missing.");
    return { model, metamodel, problems: checkModel(metamodel, model) };
  },

  async collabToken(ctx: WorkspaceContext, input: { modelId: string }) {
    assertCan(ctx, "project:read");
    const row = await loadModelRow(ctx, input.modelId);
    return issueCollabToken(ctx, row.documentName);
  },
};
