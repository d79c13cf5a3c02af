import { createTemplateDoc } from "../../core/collab/template-doc";
import { AppError } from "../../core/errors";
import { diffFiles, type FileEntry } from "../../core/generate/diff";
import { generate } from "../../core/generate/generator";
import type { MetaModel } from "../../core/metamodel/schema";
import { starterByKey } from "../../core/metamodel/starters";
import { builtinByKey } from "../../core/templates/builtin";
import { compileTemplate } from "../../core/templates/engine";
import { describeProblem } from "../../core/templates/errors";
import { templateDocumentName, type CreateTemplateInput } from "../../core/templates/inputs";
import type { Template } from "../../core/templates/schema";
import { runTemplateTests, testCaseFromModel, withCurrentOutput } from "../../core/templates/test-cases";
import { nextVersions, sortVersions, versionProblem } from "../../core/templates/versions";
import { can } from "../../core/workspace/roles";
import type { Executor } from "../../db/client";
import { deleteDocument, insertDocument } from "../../db/queries/collab";
import { findMetamodel } from "../../db/queries/metamodels";
import {
  deleteTemplate,
  findTemplate,
  findTemplateVersion,
  insertTemplate,
  insertTemplateVersion,
  listTemplates,
  listTemplateVersions,
  listVersionNumbers,
} from "../../db/queries/templates";
import { oxfmtFormatter } from "../generation/formatter";
import { assertProjectWritable, issueCollabToken, liveProject } from "./access";
import { assertCan, type WorkspaceContext } from "./context";
import { readMetamodelContent, readModelContent, readTemplateDraft, snapshotOf } from "./documents";
import { loadModelRow, metamodelOfModel } from "./model-service";

export async function loadTemplateRow(ctx: WorkspaceContext, templateId: string) {
  const row = await findTemplate(ctx.db, { workspaceId: ctx.workspace.id, templateId });
  if (!row) throw new AppError("TEMPLATE_NOT_FOUND", "Template not found. It may have been deleted.");
  return { ...row, documentName: templateDocumentName(row.id) };
}

/** The content of a version: a published one, or the live draft. */
export async function templateContent(db: Executor, params: { workspaceId: string; templateId: string; version: string }): Promise<Template> {
  const { workspaceId, templateId, version } = params;
  if (version === "draft") {
    const draft = await readTemplateDraft(db, templateId);
    if (!draft) throw new AppError("TEMPLATE_NOT_FOUND", "The template's draft is missing.");
    return draft;
  }
  const row = await findTemplateVersion(db, { workspaceId, templateId, version });
  if (!row) throw new AppError("TEMPLATE_VERSION_NOT_FOUND", `Version ${version} of this template does not exist.`);
  // Versions published before templates had tests have none.
  return { ...row.content, tests: row.content.tests ?? [] };
}

const BLANK_BODY = `# {{ model.name }}

{% for object in model.objects -%}
- {{ object._class }} {{ object._id }}
{% endfor %}`;

/** A blank template: one file that lists the model, to show the idea. */
function blankTemplate(name: string): Template {
  return { name, description: "", files: [{ id: "f_readme", path: "README.md", body: BLANK_BODY, forEach: null }], partials: [], tests: [] };
}

/** A built-in fits a meta-model made from its starter: every class of the starter is there (by id). */
function builtinFits(starter: MetaModel, mm: MetaModel): boolean {
  const ids = new Set(mm.classes.map((c) => c.id));
  return starter.classes.every((c) => ids.has(c.id));
}

/** JSON with object keys sorted: published versions are stored as jsonb, which does not keep key order. */
const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v), 2);

const asEntries = (t: Template): FileEntry[] => {
  const named = (c: Template["tests"][number]) => (t.tests.filter((x) => x.name === c.name).length > 1 ? `${c.name} (${c.id})` : c.name);
  return [
    ...t.files.map((f) => ({ path: `files/${f.path}`, content: f.body })),
    ...t.partials.map((p) => ({ path: `partials/${p.name}`, content: p.body })),
    // What each test case expects (its fixture model is compared as its document).
    ...(t.tests ?? []).flatMap((c) => [
      { path: `tests/${named(c)}/model.json`, content: `${sortedJson(c.model)}\n` },
      ...c.expected.map((f) => ({ path: `tests/${named(c)}/expected/${f.path}`, content: f.content })),
    ]),
  ];
};

export const templateService = {
  async list(ctx: WorkspaceContext, input: { projectId: string }) {
    assertCan(ctx, "project:read");
    await liveProject(ctx, input.projectId);
    const rows = await listTemplates(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId });
    const versions = await listVersionNumbers(ctx.db, { workspaceId: ctx.workspace.id, templateIds: rows.map((r) => r.id) });
    const latest = (id: string) => sortVersions(versions.filter((v) => v.templateId === id).map((v) => v.version))[0] ?? null;
    return rows.map((r) => ({ ...r, latestVersion: latest(r.id) }));
  },

  async get(ctx: WorkspaceContext, input: { templateId: string }) {
    assertCan(ctx, "project:read");
    const row = await loadTemplateRow(ctx, input.templateId);
    const versions = await listTemplateVersions(ctx.db, { workspaceId: ctx.workspace.id, templateId: row.id });
    const ordered = sortVersions(versions.map((v) => v.version));
    return {
      ...row,
      versions: ordered.map((v) => versions.find((x) => x.version === v)!),
      latestVersion: ordered[0] ?? null,
      suggestedVersions: nextVersions(ordered[0] ?? null),
      canEdit: can(ctx.role, "document:edit"),
    };
  },

  async create(ctx: WorkspaceContext, input: CreateTemplateInput) {
    assertCan(ctx, "document:edit");
    const project = await liveProject(ctx, input.projectId);
    if (project.archivedAt) throw new AppError("PROJECT_ARCHIVED", "This project is archived. Restore it to add templates.");
    const mmRow = await findMetamodel(ctx.db, { workspaceId: ctx.workspace.id, metamodelId: input.metamodelId });
    if (!mmRow || mmRow.projectId !== project.id) throw new AppError("METAMODEL_NOT_FOUND", "Meta-model not found in this project.");
    let content: Template;
    let builtinKey: string | null = null;
    if (input.source.kind === "builtin") {
      const builtin = builtinByKey(input.source.key);
      if (!builtin) throw new AppError("VALIDATION_FAILED", "Pick one of the built-in templates.", { source: ["Unknown built-in template."] });
      const mm = await readMetamodelContent(ctx.db, mmRow.id);
      if (!mm || !builtinFits(starterByKey(builtin.starter)!.build(), mm)) {
        throw new AppError("METAMODEL_MISMATCH", `"${builtin.title}" is written for the ${builtin.starter} starter; this meta-model lacks classes it needs. Pick a meta-model made from that starter.`);
      }
      // Its test cases come along, expecting what it generates on this meta-model (formatted like a run).
      const { tests } = await withCurrentOutput(mm, builtin.template, builtin.cases, { formatter: oxfmtFormatter });
      content = { ...builtin.template, name: input.name?.trim() || builtin.title, tests };
      builtinKey = builtin.key;
    } else {
      const name = input.name?.trim();
      if (!name) throw new AppError("VALIDATION_FAILED", "Give the template a name.", { name: ["Give the template a name."] });
      content = blankTemplate(name);
    }
    const snapshot = snapshotOf(createTemplateDoc(content));
    const created = await ctx.db.transaction(async (tx) => {
      const row = await insertTemplate(tx, {
        workspaceId: ctx.workspace.id,
        projectId: project.id,
        metamodelId: mmRow.id,
        name: content.name,
        description: content.description,
        builtinKey,
        fileCount: content.files.length,
        createdById: ctx.user.id,
      });
      await insertDocument(tx, { name: templateDocumentName(row.id), workspaceId: ctx.workspace.id, snapshot });
      return row;
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, templateId: created.id, source: input.source.kind }, "template created");
    return loadTemplateRow(ctx, created.id);
  },

  async remove(ctx: WorkspaceContext, input: { templateId: string; confirmName: string }) {
    assertCan(ctx, "document:edit");
    const row = await loadTemplateRow(ctx, input.templateId);
    if (input.confirmName.trim() !== row.name) {
      throw new AppError("CONFIRMATION_MISMATCH", `Type the template name "${row.name}" to confirm.`, { confirmName: ["The name does not match."] });
    }
    await ctx.db.transaction(async (tx) => {
      await deleteTemplate(tx, { workspaceId: ctx.workspace.id, templateId: row.id });
      await deleteDocument(tx, { workspaceId: ctx.workspace.id, name: row.documentName });
    });
    return { id: row.id };
  },

  /** Publishes the current draft as an immutable version; refused when the draft does not compile. */
  async publish(ctx: WorkspaceContext, input: { templateId: string; version: string; changelog: string }) {
    assertCan(ctx, "document:edit");
    const row = await loadTemplateRow(ctx, input.templateId);
    await assertProjectWritable(ctx, row.projectId);
    const existing = (await listTemplateVersions(ctx.db, { workspaceId: ctx.workspace.id, templateId: row.id })).map((v) => v.version);
    const problem = versionProblem(input.version, existing);
    if (problem) throw new AppError(existing.includes(input.version) ? "VERSION_EXISTS" : "VALIDATION_FAILED", problem, { version: [problem] });
    const draft = await templateContent(ctx.db, { workspaceId: ctx.workspace.id, templateId: row.id, version: "draft" });
    const compiled = compileTemplate(draft);
    if (compiled.problems.length) {
      const label = (id: string | null) => draft.files.find((f) => f.id === id)?.path ?? "a partial";
      const first = compiled.problems.slice(0, 3).map((p) => describeProblem(p, label(p.fileId)));
      throw new AppError("TEMPLATE_INVALID", `Fix the template before publishing: ${first.join("; ")}`);
    }
    await insertTemplateVersion(ctx.db, {
      workspaceId: ctx.workspace.id,
      templateId: row.id,
      version: input.version.trim(),
      changelog: input.changelog,
      content: draft,
      createdById: ctx.user.id,
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, templateId: row.id, version: input.version }, "template version published");
    return { version: input.version.trim() };
  },

  async version(ctx: WorkspaceContext, input: { templateId: string; version: string }) {
    assertCan(ctx, "project:read");
    await loadTemplateRow(ctx, input.templateId);
    return templateContent(ctx.db, { workspaceId: ctx.workspace.id, templateId: input.templateId, version: input.version });
  },

  /**
   * What changed between two versions: the template's own files, and with a model, the generated
   * output (so an upgrade shows what it would change in the code).
   */
  async diff(ctx: WorkspaceContext, input: { templateId: string; from: string; to: string; modelId?: string }) {
    assertCan(ctx, "project:read");
    const row = await loadTemplateRow(ctx, input.templateId);
    const [from, to] = await Promise.all([templateContent(ctx.db, { workspaceId: ctx.workspace.id, templateId: row.id, version: input.from }), templateContent(ctx.db, { workspaceId: ctx.workspace.id, templateId: row.id, version: input.to })]);
    const template = diffFiles(asEntries(from), asEntries(to));
    if (!input.modelId) return { template, output: null };
    const modelRow = await loadModelRow(ctx, input.modelId);
    if (modelRow.metamodelId !== row.metamodelId) throw new AppError("METAMODEL_MISMATCH", "This model and this template are for different meta-models.");
    // The model's own meta-model: the version it pins, or the live draft when it follows it (as generation does).
    const [model, mm] = await Promise.all([readModelContent(ctx.db, modelRow.id), metamodelOfModel(ctx.db, { workspaceId: ctx.workspace.id, modelId: modelRow.id })]);
    if (!model) throw new AppError("MODEL_NOT_FOUND", "The model's content is missing.");
    const render = (t: Template) => generate(compileTemplate(t), mm, model, undefined, { track: false }).files;
    return { template, output: diffFiles(render(from), render(to)) };
  },

  /**
   * Runs the test cases of the draft (as last synced) or of a published version, against the
   * template's meta-model, formatted like a generation run. Reading is enough: nothing is stored.
   */
  async runTests(ctx: WorkspaceContext, input: { templateId: string; version: string; caseIds?: string[] }) {
    assertCan(ctx, "project:read");
    const row = await loadTemplateRow(ctx, input.templateId);
    const [template, mm] = await Promise.all([
      templateContent(ctx.db, { workspaceId: ctx.workspace.id, templateId: row.id, version: input.version }),
      readMetamodelContent(ctx.db, row.metamodelId),
    ]);
    if (!mm) throw new AppError("METAMODEL_NOT_FOUND", "The template's meta-model was deleted.");
    const cases = input.caseIds ? template.tests.filter((t) => input.caseIds!.includes(t.id)) : template.tests;
    const run = await runTemplateTests(mm, template, cases, { formatter: oxfmtFormatter });
    ctx.log.info({ workspaceId: ctx.workspace.id, templateId: row.id, version: input.version, passed: run.passed, failed: run.failed, ms: Math.round(run.ms) }, "template tests run");
    return { version: input.version, ...run };
  },

  /**
   * A new test case from a model: the model as it is now, and what the draft generates from it now
   * (formatted), for the editor to add to the draft (so adding it is co-edited and undoable) and the
   * user to review. Refused when the model does not conform or the draft has problems.
   */
  async testCaseFromModel(ctx: WorkspaceContext, input: { templateId: string; modelId: string; name?: string }) {
    assertCan(ctx, "document:edit");
    const row = await loadTemplateRow(ctx, input.templateId);
    await assertProjectWritable(ctx, row.projectId);
    const modelRow = await loadModelRow(ctx, input.modelId);
    if (modelRow.metamodelId !== row.metamodelId) {
      throw new AppError("METAMODEL_MISMATCH", `"${modelRow.name}" is a model of "${modelRow.metamodelName}"; this template is written for "${row.metamodelName}". Pick a model of "${row.metamodelName}".`);
    }
    const [model, mm, draft] = await Promise.all([
      readModelContent(ctx.db, modelRow.id),
      readMetamodelContent(ctx.db, row.metamodelId),
      templateContent(ctx.db, { workspaceId: ctx.workspace.id, templateId: row.id, version: "draft" }),
    ]);
    if (!model || !mm) throw new AppError("MODEL_NOT_FOUND", "The model's content is missing.");
    const made = await testCaseFromModel(mm, draft, model, { name: input.name || modelRow.name, formatter: oxfmtFormatter });
    if (!made.ok) throw new AppError(made.reason === "template" ? "TEMPLATE_INVALID" : "VALIDATION_FAILED", made.error);
    return made.test;
  },

  async collabToken(ctx: WorkspaceContext, input: { templateId: string }) {
    assertCan(ctx, "project:read");
    const row = await loadTemplateRow(ctx, input.templateId);
    return issueCollabToken(ctx, row.documentName);
  },
};
