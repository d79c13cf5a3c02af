import * as Y from "yjs";
import { createMetamodelDoc } from "../../core/collab/metamodel-doc";
import { AppError } from "../../core/errors";
import { metamodelDocumentName, type CreateMetamodelInput } from "../../core/metamodel/inputs";
import { parseMetamodelFile } from "../../core/metamodel/json";
import { layoutMetamodel } from "../../core/metamodel/layout";
import type { Layout, MetaModel } from "../../core/metamodel/schema";
import { starterByKey } from "../../core/metamodel/starters";
import { can } from "../../core/workspace/roles";
import { deleteDocument, insertDocument } from "../../db/queries/collab";
import { deleteMetamodel, findMetamodel, insertMetamodel, listMetamodels } from "../../db/queries/metamodels";
import { issueCollabToken, liveProject } from "./access";
import { assertCan, type WorkspaceContext } from "./context";

async function load(ctx: WorkspaceContext, metamodelId: string) {
  const row = await findMetamodel(ctx.db, { workspaceId: ctx.workspace.id, metamodelId });
  if (!row) throw new AppError("METAMODEL_NOT_FOUND", "Meta-model not found. It may have been deleted.");
  return { ...row, documentName: metamodelDocumentName(row.id) };
}

/** The meta-model (and positions) a new one starts from. */
async function initialContent(input: CreateMetamodelInput): Promise<{ metamodel: MetaModel; layout: Layout }> {
  const name = input.name?.trim();
  switch (input.source.kind) {
    case "blank":
      if (!name) throw new AppError("VALIDATION_FAILED", "Give the meta-model a name.", { name: ["Give the meta-model a name."] });
      return { metamodel: { name, description: "", classes: [], enums: [] }, layout: {} };
    case "starter": {
      const starter = starterByKey(input.source.key)!;
      const metamodel = { ...starter.build(), ...(name ? { name } : {}) };
      return { metamodel, layout: await layoutMetamodel(metamodel) };
    }
    case "file": {
      const parsed = parseMetamodelFile(input.source.content);
      if (!parsed.ok) throw new AppError("INVALID_FILE", parsed.error, { file: [parsed.error] });
      const metamodel = { ...parsed.metamodel, ...(name ? { name } : {}) };
      const missing = [...metamodel.classes, ...metamodel.enums].some((n) => !parsed.layout[n.id]);
      return { metamodel, layout: missing ? { ...(await layoutMetamodel(metamodel)), ...parsed.layout } : parsed.layout };
    }
  }
}

export const metamodelService = {
  async list(ctx: WorkspaceContext, input: { projectId: string }) {
    assertCan(ctx, "project:read");
    await liveProject(ctx, input.projectId);
    return listMetamodels(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId });
  },

  async get(ctx: WorkspaceContext, input: { metamodelId: string }) {
    assertCan(ctx, "project:read");
    const row = await load(ctx, input.metamodelId);
    return { ...row, canEdit: can(ctx.role, "document:edit") };
  },

  async create(ctx: WorkspaceContext, input: CreateMetamodelInput) {
    assertCan(ctx, "document:edit");
    const project = await liveProject(ctx, input.projectId);
    if (project.archivedAt) throw new AppError("PROJECT_ARCHIVED", "This project is archived. Restore it to add meta-models.");
    const { metamodel, layout } = await initialContent(input);
    const doc = createMetamodelDoc(metamodel, layout);
    const snapshot = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const created = await ctx.db.transaction(async (tx) => {
      const row = await insertMetamodel(tx, {
        workspaceId: ctx.workspace.id,
        projectId: project.id,
        name: metamodel.name,
        description: metamodel.description,
        classCount: metamodel.classes.length,
        enumCount: metamodel.enums.length,
        createdById: ctx.user.id,
      });
      await insertDocument(tx, { name: metamodelDocumentName(row.id), workspaceId: ctx.workspace.id, snapshot });
      return row;
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, metamodelId: created.id, source: input.source.kind }, "meta-model created");
    return load(ctx, created.id);
  },

  async remove(ctx: WorkspaceContext, input: { metamodelId: string; confirmName: string }) {
    assertCan(ctx, "document:edit");
    const row = await load(ctx, input.metamodelId);
    if (input.confirmName.trim() !== row.name) {
      throw new AppError("CONFIRMATION_MISMATCH", `Type the meta-model name "${row.name}" to confirm.`, {
        confirmName: ["The name does not match."],
      });
    }
    await ctx.db.transaction(async (tx) => {
      await deleteMetamodel(tx, { workspaceId: ctx.workspace.id, metamodelId: row.id });
      await deleteDocument(tx, { workspaceId: ctx.workspace.id, name: row.documentName });
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, metamodelId: row.id }, "meta-model deleted");
    return { id: row.id };
  },

  /**
   * A short-lived token to open the meta-model's live document. Viewers and commenters get one too:
   * the collab-server makes their connection read-only.
   */
  async collabToken(ctx: WorkspaceContext, input: { metamodelId: string }) {
    assertCan(ctx, "project:read");
    const row = await load(ctx, input.metamodelId);
    return issueCollabToken(ctx, row.documentName);
  },
};
