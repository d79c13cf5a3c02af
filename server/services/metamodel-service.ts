import * as Y from "yjs";
import { createMetamodelDoc } from "../../core/collab/metamodel-doc";
import { AppError } from "../../core/errors";
import { compareMetamodels, suggestedBump } from "../../core/metamodel/changes";
import { DRAFT, metamodelDocumentName, type CreateMetamodelInput } from "../../core/metamodel/inputs";
import { parseMetamodelFile } from "../../core/metamodel/json";
import { layoutMetamodel } from "../../core/metamodel/layout";
import { metamodelSchema, type Layout, type MetaModel } from "../../core/metamodel/schema";
import { starterByKey } from "../../core/metamodel/starters";
import { validate } from "../../core/metamodel/validate";
import { nextVersions, sortVersions, versionProblem } from "../../core/templates/versions";
import { can } from "../../core/workspace/roles";
import type { Executor } from "../../db/client";
import { deleteDocument, insertDocument } from "../../db/queries/collab";
import { isUniqueViolation } from "../../db/queries/errors";
import {
  deleteMetamodel,
  findMetamodel,
  findMetamodelVersion,
  insertMetamodel,
  insertMetamodelVersion,
  listMetamodels,
  listMetamodelVersionNumbers,
  listMetamodelVersions,
} from "../../db/queries/metamodels";
import { assertProjectWritable, issueCollabToken, liveProject } from "./access";
import { assertCan, type WorkspaceContext } from "./context";
import { readMetamodelContent } from "./documents";

async function load(ctx: WorkspaceContext, metamodelId: string) {
  const row = await findMetamodel(ctx.db, { workspaceId: ctx.workspace.id, metamodelId });
  if (!row) throw new AppError("METAMODEL_NOT_FOUND", "Meta-model not found. It may have been deleted.");
  return { ...row, documentName: metamodelDocumentName(row.id) };
}

/**
 * The content of a meta-model version: a published snapshot (immutable), or the live draft ("draft").
 * Snapshots are parsed with the meta-model schema on the way out too, so older rows get its defaults.
 */
export async function metamodelContent(db: Executor, params: { workspaceId: string; metamodelId: string; version: string }): Promise<MetaModel> {
  const { workspaceId, metamodelId, version } = params;
  if (version === DRAFT) {
    const draft = await readMetamodelContent(db, metamodelId);
    if (!draft) throw new AppError("METAMODEL_NOT_FOUND", "The meta-model's content is missing.");
    return draft;
  }
  const row = await findMetamodelVersion(db, { workspaceId, metamodelId, version });
  if (!row) throw new AppError("METAMODEL_VERSION_NOT_FOUND", `Version ${version} of this meta-model does not exist. Pick one of its published versions.`);
  return metamodelSchema.parse(row.snapshot);
}

/** Published versions, newest first, with the latest and the next version numbers. */
async function versionsOf(ctx: WorkspaceContext, metamodelId: string) {
  const rows = await listMetamodelVersions(ctx.db, { workspaceId: ctx.workspace.id, metamodelId });
  const ordered = sortVersions(rows.map((v) => v.version));
  const latestVersion = ordered[0] ?? null;
  return { versions: ordered.map((v) => rows.find((x) => x.version === v)!), latestVersion, suggestedVersions: nextVersions(latestVersion) };
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
    const rows = await listMetamodels(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId });
    const versions = await listMetamodelVersionNumbers(ctx.db, { workspaceId: ctx.workspace.id, metamodelIds: rows.map((r) => r.id) });
    const latest = (id: string) => sortVersions(versions.filter((v) => v.metamodelId === id).map((v) => v.version))[0] ?? null;
    return rows.map((r) => ({ ...r, latestVersion: latest(r.id) }));
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
   * Publishes the live draft as an immutable version. Refused when the draft has validation errors
   * (core/metamodel/validate.ts), or when the version is not above every published one.
   */
  async publish(ctx: WorkspaceContext, input: { metamodelId: string; version: string; changelog: string }) {
    assertCan(ctx, "document:edit");
    const row = await load(ctx, input.metamodelId);
    await assertProjectWritable(ctx, row.projectId, "publish its meta-models");
    const version = input.version.trim();
    const existing = (await listMetamodelVersions(ctx.db, { workspaceId: ctx.workspace.id, metamodelId: row.id })).map((v) => v.version);
    const problem = versionProblem(version, existing);
    if (problem) throw new AppError(existing.includes(version) ? "VERSION_EXISTS" : "VALIDATION_FAILED", problem, { version: [problem] });
    const draft = metamodelSchema.safeParse(await metamodelContent(ctx.db, { workspaceId: ctx.workspace.id, metamodelId: row.id, version: DRAFT }));
    if (!draft.success) {
      throw new AppError("METAMODEL_INVALID", `Fix the meta-model before publishing: ${draft.error.issues[0]?.message ?? "it does not fit the format"}`);
    }
    const errors = validate(draft.data).filter((p) => p.severity === "error");
    if (errors.length) {
      const first = errors.slice(0, 3).map((p) => p.message.replace(/\.$/, ""));
      const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : "";
      throw new AppError("METAMODEL_INVALID", `Fix the meta-model before publishing: ${first.join("; ")}${more}. The problems panel lists each one with a fix.`);
    }
    try {
      await insertMetamodelVersion(ctx.db, {
        workspaceId: ctx.workspace.id,
        metamodelId: row.id,
        version,
        changelog: input.changelog,
        snapshot: draft.data,
        createdById: ctx.user.id,
      });
    } catch (error) {
      // Two people publishing the same number at once: the unique index decides.
      if (isUniqueViolation(error, "metamodel_version_unique")) {
        throw new AppError("VERSION_EXISTS", `Version ${version} was just published by someone else. Pick a higher one.`, { version: ["Already published."] });
      }
      throw error;
    }
    ctx.log.info({ workspaceId: ctx.workspace.id, metamodelId: row.id, version }, "meta-model version published");
    return { version };
  },

  /** Published versions, newest first, with changelogs and the suggested next version numbers. */
  async versions(ctx: WorkspaceContext, input: { metamodelId: string }) {
    assertCan(ctx, "project:read");
    const row = await load(ctx, input.metamodelId);
    return versionsOf(ctx, row.id);
  },

  /** One version's content (a published snapshot, or the draft as it is now). */
  async version(ctx: WorkspaceContext, input: { metamodelId: string; version: string }) {
    assertCan(ctx, "project:read");
    const row = await load(ctx, input.metamodelId);
    const metamodel = await metamodelContent(ctx.db, { workspaceId: ctx.workspace.id, metamodelId: row.id, version: input.version });
    return { version: input.version, metamodel };
  },

  /** What changed from one version to another (either may be the draft), with the semver bump it calls for. */
  async compareVersions(ctx: WorkspaceContext, input: { metamodelId: string; from: string; to: string }) {
    assertCan(ctx, "project:read");
    const row = await load(ctx, input.metamodelId);
    const read = (version: string) => metamodelContent(ctx.db, { workspaceId: ctx.workspace.id, metamodelId: row.id, version });
    const [from, to] = await Promise.all([read(input.from), read(input.to)]);
    const changes = compareMetamodels(from, to);
    return { from: input.from, to: input.to, changes, bump: suggestedBump(changes) };
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
