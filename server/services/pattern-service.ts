import { createHash } from "node:crypto";
import { createMetamodelDoc } from "../../core/collab/metamodel-doc";
import { createModelDoc } from "../../core/collab/model-doc";
import { createTemplateDoc } from "../../core/collab/template-doc";
import { AppError } from "../../core/errors";
import { metamodelDocumentName } from "../../core/metamodel/inputs";
import { layoutMetamodel } from "../../core/metamodel/layout";
import { modelDocumentName } from "../../core/model/inputs";
import { ANALYSIS_FORMAT, type Analysis, type AnalysisOptions, type PatternGroup } from "../../core/patterns/analysis";
import { renameHole } from "../../core/patterns/holes";
import { checkFiles, isFinished, PATTERN_LIMITS, type CheckedFiles, type CreateFromGitInput, type CreateFromPasteInput } from "../../core/patterns/inputs";
import { promoteGroup, PromoteError } from "../../core/patterns/promote";
import { renderPattern } from "../../core/patterns/template";
import { templateDocumentName } from "../../core/templates/inputs";
import { can } from "../../core/workspace/roles";
import { insertDocument } from "../../db/queries/collab";
import { insertMetamodel } from "../../db/queries/metamodels";
import { insertModel } from "../../db/queries/models";
import {
  cancelAnalysis,
  deleteAnalysis,
  findAnalysis,
  findAnalysisResult,
  findGroup,
  insertAnalysis,
  insertAnalysisFiles,
  listAnalyses,
  listGroupData,
  listGroups,
  readAnalysisFiles,
  setGroupPromotion,
  updateGroupData,
} from "../../db/queries/patterns";
import { insertTemplate } from "../../db/queries/templates";
import { checkRemote, localHttpAllowed } from "../patterns/git";
import { filesFromForm } from "../patterns/upload";
import { assertProjectWritable, liveProject } from "./access";
import { assertCan, type AppDeps, type WorkspaceContext } from "./context";
import { snapshotOf } from "./documents";

/**
 * Pattern analyses (issue 5): bring code into a project (paste, upload, git clone), analyse it in the
 * background with progress and cancel, explore the groups, rename holes, and promote a group into a
 * meta-model + model + template that regenerate the code byte for byte.
 *
 * Analyses run on the pg-boss queue when the process runs one (server/jobs/queue.ts), else in this
 * process in the background. Cancelling marks the row; the runner sees it at its next progress write
 * (at most every ~250 ms) and stops, and a runner in this process is aborted at once.
 */

export interface AnalysisJob {
  analysisId: string;
  workspaceId: string;
  /** Clone this first (the files are not stored yet). */
  git?: { url: string; ref?: string };
}

export interface PatternJobQueue {
  enqueueAnalysis(job: AnalysisJob): Promise<void>;
}

/** Runs one analysis in this process (server/services/pattern-service-runner.ts registers it when loaded). */
export type AnalysisRunner = (deps: Pick<AppDeps, "db" | "log">, job: AnalysisJob, options?: { retry?: boolean }) => Promise<void>;

// On globalThis: the app's bundle and the job worker (loaded by scripts/start.ts) are separate module instances.
const globals = globalThis as unknown as {
  metaforgePatternJobs?: PatternJobQueue;
  metaforgePatternRunner?: AnalysisRunner;
  metaforgeRunningAnalyses?: Map<string, AbortController>;
};
export const registerPatternQueue = (queue: PatternJobQueue | undefined) => (globals.metaforgePatternJobs = queue);
export const registerAnalysisRunner = (runner: AnalysisRunner | undefined) => (globals.metaforgePatternRunner = runner);
/** Analyses running in this process, by id, to abort at once on cancel. */
export const runningAnalyses = () => (globals.metaforgeRunningAnalyses ??= new Map<string, AbortController>());

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Queues the analysis: on pg-boss when this process runs the job queue (the app), else on the
 * in-process runner (tests and scripts), in the background. The runner is not imported here: it pulls
 * in the engine's parsers and worker threads, which stay out of the app's bundle.
 */
async function enqueue(ctx: WorkspaceContext, job: AnalysisJob) {
  const queue = globals.metaforgePatternJobs;
  if (queue) return queue.enqueueAnalysis(job);
  const runner = globals.metaforgePatternRunner;
  if (!runner) throw new AppError("INTERNAL", "No analysis worker runs in this process. Start Metaforge with npm start.");
  void runner(ctx, job).catch((error: unknown) => ctx.log.error({ err: error, analysisId: job.analysisId }, "pattern analysis could not start"));
}

async function loadRow(ctx: WorkspaceContext, analysisId: string) {
  const row = await findAnalysis(ctx.db, { workspaceId: ctx.workspace.id, analysisId });
  if (!row) throw new AppError("ANALYSIS_NOT_FOUND", "Analysis not found. It may have been deleted.");
  return row;
}

async function loadDoneRow(ctx: WorkspaceContext, analysisId: string) {
  const row = await loadRow(ctx, analysisId);
  if (row.status !== "done") throw new AppError("ANALYSIS_NOT_READY", row.status === "failed" || row.status === "cancelled" ? "This analysis has no result. Start a new one." : "The analysis is still running. Wait for it to finish.");
  return row;
}

async function loadGroup(ctx: WorkspaceContext, analysisId: string, groupId: string) {
  const group = await findGroup(ctx.db, { workspaceId: ctx.workspace.id, analysisId, groupId });
  if (!group) throw new AppError("GROUP_NOT_FOUND", `There is no group ${groupId} in this analysis.`);
  return group;
}

async function writableProject(ctx: WorkspaceContext, projectId: string) {
  const project = await liveProject(ctx, projectId);
  if (project.archivedAt) throw new AppError("PROJECT_ARCHIVED", "This project is archived. Restore it to analyse code.");
  return project;
}

/** A readable default name from where the code came from. */
function defaultName(source: string): string {
  const base = source.replace(/\s*\(.*\)$/, "").replace(/^folder\s+/, "");
  const last = base.split(/[/@\s]/).filter(Boolean).pop() ?? base;
  return (last.replace(/\.(zip|git)$/i, "") || "Analysis").slice(0, 120);
}

function filesText(count: number) {
  return `${count} ${count === 1 ? "file" : "files"}`;
}

export const patternService = {
  async list(ctx: WorkspaceContext, input: { projectId: string }) {
    assertCan(ctx, "project:read");
    await liveProject(ctx, input.projectId);
    return listAnalyses(ctx.db, { workspaceId: ctx.workspace.id, projectId: input.projectId });
  },

  /** The analysis; once done, with its files (coverage per file, for the treemap) and ranked groups. */
  async get(ctx: WorkspaceContext, input: { analysisId: string }) {
    assertCan(ctx, "project:read");
    const row = await loadRow(ctx, input.analysisId);
    const canEdit = can(ctx.role, "document:edit");
    if (row.status !== "done") return { ...row, canEdit, result: null };
    const [result, groups] = await Promise.all([
      findAnalysisResult(ctx.db, { workspaceId: ctx.workspace.id, analysisId: row.id }),
      listGroups(ctx.db, { workspaceId: ctx.workspace.id, analysisId: row.id }),
    ]);
    return { ...row, canEdit, result: { files: result?.files ?? [], options: result?.resultOptions ?? null, groups } };
  },

  /** One group in full: template, holes, every instance with its bindings. */
  async group(ctx: WorkspaceContext, input: { analysisId: string; groupId: string }) {
    assertCan(ctx, "project:read");
    await loadDoneRow(ctx, input.analysisId);
    const group = await loadGroup(ctx, input.analysisId, input.groupId);
    return { ...group.data, rank: group.rank, promoted: group.promoted ?? null };
  },

  /** The text of one occurrence, with a few lines of context on each side. */
  async occurrence(ctx: WorkspaceContext, input: { analysisId: string; groupId: string; index: number }) {
    assertCan(ctx, "project:read");
    await loadDoneRow(ctx, input.analysisId);
    const group = await loadGroup(ctx, input.analysisId, input.groupId);
    const instance = group.data.instances[input.index];
    if (!instance) throw new AppError("GROUP_NOT_FOUND", `Group ${input.groupId} has no occurrence ${input.index + 1}.`);
    const [file] = await readAnalysisFiles(ctx.db, { workspaceId: ctx.workspace.id, analysisId: input.analysisId, paths: [instance.file] });
    if (!file) throw new AppError("ANALYSIS_NOT_FOUND", `The file ${instance.file} is missing from this analysis.`);
    const text = file.text;
    const lineStart = text.lastIndexOf("\n", instance.start - 1) + 1;
    let beforeStart = lineStart;
    for (let k = 0; k < 3 && beforeStart > 0; k++) beforeStart = text.lastIndexOf("\n", beforeStart - 2) + 1;
    const lineEnd = text.indexOf("\n", instance.end);
    let afterEnd = lineEnd < 0 ? text.length : lineEnd;
    for (let k = 0; k < 3 && afterEnd < text.length; k++) {
      const nl = text.indexOf("\n", afterEnd + 1);
      afterEnd = nl < 0 ? text.length : nl;
    }
    return {
      index: input.index,
      file: instance.file,
      startLine: instance.startLine,
      endLine: instance.endLine,
      bindings: instance.bindings,
      /** Text from the start of the occurrence's first line (its indentation) to the occurrence. */
      indent: text.slice(lineStart, instance.start),
      text: text.slice(instance.start, instance.end),
      before: text.slice(beforeStart, lineStart),
      after: text.slice(instance.end, afterEnd),
      beforeLine: instance.startLine - (text.slice(beforeStart, lineStart).split("\n").length - 1),
    };
  },

  /** Shared by paste and upload: stores the checked files and queues the analysis. */
  async createFromFiles(
    ctx: WorkspaceContext,
    input: { projectId: string; name?: string; sourceKind: "paste" | "upload"; source: string; checked: CheckedFiles; options?: Partial<AnalysisOptions> },
  ) {
    assertCan(ctx, "document:edit");
    const project = await writableProject(ctx, input.projectId);
    const files = input.checked.files.map((f) => ({ ...f, hash: sha256(f.text) }));
    const created = await ctx.db.transaction(async (tx) => {
      const row = await insertAnalysis(tx, {
        workspaceId: ctx.workspace.id,
        projectId: project.id,
        name: input.name?.trim() || defaultName(input.source),
        sourceKind: input.sourceKind,
        source: input.source,
        fileCount: files.length,
        totalBytes: input.checked.totalBytes,
        ignored: input.checked.ignored.slice(0, 5000),
        options: input.options ?? {},
        createdById: ctx.user.id,
      });
      await insertAnalysisFiles(tx, { workspaceId: ctx.workspace.id, analysisId: row.id, files });
      return row;
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, analysisId: created.id, source: input.sourceKind, files: files.length }, "pattern analysis queued");
    await enqueue(ctx, { analysisId: created.id, workspaceId: ctx.workspace.id });
    return loadRow(ctx, created.id);
  },

  /** An upload (a zip or a folder's files, see filesFromForm); the form is read once the caller may upload here. */
  async createFromUpload(ctx: WorkspaceContext, input: { projectId: string; form: () => Promise<FormData> }) {
    assertCan(ctx, "document:edit");
    await writableProject(ctx, input.projectId);
    const form = await input.form();
    const uploaded = await filesFromForm(form);
    const name = form.get("name");
    return patternService.createFromFiles(ctx, {
      projectId: input.projectId,
      name: typeof name === "string" ? name.slice(0, 120) : undefined,
      sourceKind: "upload",
      source: uploaded.source,
      checked: uploaded,
    });
  },

  async createFromPaste(ctx: WorkspaceContext, input: CreateFromPasteInput) {
    assertCan(ctx, "document:edit");
    const checked = checkFiles(input.files, { maxFiles: PATTERN_LIMITS.maxPastedFiles, maxTotalBytes: PATTERN_LIMITS.maxPastedBytes });
    if (!checked.ok) throw new AppError("VALIDATION_FAILED", checked.error, { files: [checked.error] });
    const source = `${filesText(checked.value.files.length)} pasted`;
    return patternService.createFromFiles(ctx, { projectId: input.projectId, name: input.name || "Pasted code", sourceKind: "paste", source, checked: checked.value, options: input.options });
  },

  async createFromGit(ctx: WorkspaceContext, input: CreateFromGitInput) {
    assertCan(ctx, "document:edit");
    const project = await writableProject(ctx, input.projectId);
    const url = await checkRemote(input.url, { allowLocalHttp: localHttpAllowed() });
    const source = input.ref ? `${url} @ ${input.ref}` : url;
    const row = await insertAnalysis(ctx.db, {
      workspaceId: ctx.workspace.id,
      projectId: project.id,
      name: input.name?.trim() || defaultName(url),
      sourceKind: "git",
      source,
      fileCount: 0,
      totalBytes: 0,
      ignored: [],
      options: input.options ?? {},
      createdById: ctx.user.id,
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, analysisId: row.id, source: "git" }, "pattern analysis queued");
    await enqueue(ctx, { analysisId: row.id, workspaceId: ctx.workspace.id, git: { url, ...(input.ref ? { ref: input.ref } : {}) } });
    return loadRow(ctx, row.id);
  },

  async cancel(ctx: WorkspaceContext, input: { analysisId: string }) {
    assertCan(ctx, "document:edit");
    const row = await loadRow(ctx, input.analysisId);
    if (isFinished(row.status)) return loadRow(ctx, row.id);
    await cancelAnalysis(ctx.db, { workspaceId: ctx.workspace.id, analysisId: row.id });
    runningAnalyses().get(row.id)?.abort();
    ctx.log.info({ workspaceId: ctx.workspace.id, analysisId: row.id }, "pattern analysis cancelled");
    return loadRow(ctx, row.id);
  },

  async remove(ctx: WorkspaceContext, input: { analysisId: string }) {
    assertCan(ctx, "document:edit");
    const row = await loadRow(ctx, input.analysisId);
    await cancelAnalysis(ctx.db, { workspaceId: ctx.workspace.id, analysisId: row.id });
    runningAnalyses().get(row.id)?.abort();
    await deleteAnalysis(ctx.db, { workspaceId: ctx.workspace.id, analysisId: row.id });
    ctx.log.info({ workspaceId: ctx.workspace.id, analysisId: row.id }, "pattern analysis deleted");
    return { id: row.id };
  },

  /**
   * Renames a hole of a group: the template's output tags and every occurrence's bindings. Checked
   * against the analysed files before it is saved: every occurrence must still render to its text.
   */
  async renameHole(ctx: WorkspaceContext, input: { analysisId: string; groupId: string; from: string; to: string }) {
    assertCan(ctx, "document:edit");
    const row = await loadDoneRow(ctx, input.analysisId);
    await assertProjectWritable(ctx, row.projectId, "rename holes");
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await loadGroup(ctx, row.id, input.groupId);
      const renamed = renameHole(current.data, input.from, input.to);
      if (!renamed.ok) throw new AppError("VALIDATION_FAILED", renamed.error, { to: [renamed.error] });
      const group = renamed.group;
      if (group === current.data) return { ...group, rank: current.rank, promoted: current.promoted ?? null };
      const texts = new Map(
        (await readAnalysisFiles(ctx.db, { workspaceId: ctx.workspace.id, analysisId: row.id, paths: [...new Set(group.instances.map((i) => i.file))] })).map((f) => [f.path, f.text]),
      );
      for (const inst of group.instances) {
        if (renderPattern(group.template, inst.bindings) !== texts.get(inst.file)?.slice(inst.start, inst.end)) {
          throw new AppError("VALIDATION_FAILED", `After the rename, the occurrence at ${inst.file}:${inst.startLine} would not render to its text; nothing was changed.`, { to: ["The rename would change the code."] });
        }
      }
      if (await updateGroupData(ctx.db, { analysisId: row.id, groupId: input.groupId, expectedTemplate: current.data.template, data: group })) {
        ctx.log.info({ workspaceId: ctx.workspace.id, analysisId: row.id, groupId: input.groupId, from: input.from, to: input.to }, "hole renamed");
        return { ...group, rank: current.rank, promoted: current.promoted ?? null };
      }
    }
    throw new AppError("VALIDATION_FAILED", "Someone else is renaming holes of this group right now. Try again.");
  },

  /**
   * Promotes a group: a meta-model (SourceFile, Text and the group's class with one attribute per
   * hole), a model (one object per occurrence, in file order) and a template (the extracted one as a
   * partial, formatting off) in the project. Generating the model with the template gives back every
   * file that has an occurrence, byte for byte.
   */
  async promote(ctx: WorkspaceContext, input: { analysisId: string; groupId: string; name?: string }) {
    assertCan(ctx, "document:edit");
    const row = await loadDoneRow(ctx, input.analysisId);
    await assertProjectWritable(ctx, row.projectId, "promote patterns");
    const group = await loadGroup(ctx, row.id, input.groupId);
    const files = await readAnalysisFiles(ctx.db, { workspaceId: ctx.workspace.id, analysisId: row.id, paths: [...new Set(group.data.instances.map((i) => i.file))] });
    let promoted: ReturnType<typeof promoteGroup>;
    try {
      promoted = promoteGroup({ group: group.data, files, name: input.name });
    } catch (error) {
      if (error instanceof PromoteError) throw new AppError("ANALYSIS_NOT_READY", error.message);
      throw error;
    }
    const { metamodel, model, template } = promoted;
    const layout = await layoutMetamodel(metamodel);
    const ids = await ctx.db.transaction(async (tx) => {
      const base = { workspaceId: ctx.workspace.id, projectId: row.projectId, createdById: ctx.user.id };
      const mm = await insertMetamodel(tx, { ...base, name: metamodel.name, description: metamodel.description, classCount: metamodel.classes.length, enumCount: 0 });
      await insertDocument(tx, { name: metamodelDocumentName(mm.id), workspaceId: ctx.workspace.id, snapshot: snapshotOf(createMetamodelDoc(metamodel, layout)) });
      const mo = await insertModel(tx, { ...base, metamodelId: mm.id, name: model.name, description: model.description, objectCount: model.objects.length });
      await insertDocument(tx, { name: modelDocumentName(mo.id), workspaceId: ctx.workspace.id, snapshot: snapshotOf(createModelDoc(model, {}, { metamodel })) });
      const tp = await insertTemplate(tx, { ...base, metamodelId: mm.id, name: template.name, description: template.description, builtinKey: null, fileCount: template.files.length });
      await insertDocument(tx, { name: templateDocumentName(tp.id), workspaceId: ctx.workspace.id, snapshot: snapshotOf(createTemplateDoc(template)) });
      const result = { metamodelId: mm.id, modelId: mo.id, templateId: tp.id, className: promoted.className, promotedAt: new Date().toISOString() };
      await setGroupPromotion(tx, { analysisId: row.id, groupId: input.groupId, promoted: result });
      return result;
    });
    ctx.log.info({ workspaceId: ctx.workspace.id, analysisId: row.id, groupId: input.groupId, ...ids }, "pattern group promoted");
    return { ...ids, projectId: row.projectId, files: promoted.expected.length, occurrences: group.data.instances.length };
  },

  /** The analysis in the documented format (docs/reference/pattern-analysis-format.md), renames applied. */
  async exportJson(ctx: WorkspaceContext, input: { analysisId: string }): Promise<{ name: string; analysis: Analysis }> {
    assertCan(ctx, "project:read");
    const row = await loadDoneRow(ctx, input.analysisId);
    const [result, groups] = await Promise.all([
      findAnalysisResult(ctx.db, { workspaceId: ctx.workspace.id, analysisId: row.id }),
      listGroupData(ctx.db, { workspaceId: ctx.workspace.id, analysisId: row.id }),
    ]);
    const files = (result?.files ?? []).map(({ coveredLines: _c, groups: _g, ...f }) => f);
    return {
      name: row.name,
      analysis: { format: ANALYSIS_FORMAT, version: 1, options: result!.resultOptions!, files, groups: groups as PatternGroup[], summary: row.summary! },
    };
  },
};
