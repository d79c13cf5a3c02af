import { createHash } from "node:crypto";
import { AppError } from "../../core/errors";
import { diffFiles } from "../../core/generate/diff";
import { formatFiles } from "../../core/generate/format";
import { generate } from "../../core/generate/generator";
import { MetamodelIndex } from "../../core/metamodel/inheritance";
import { compileTemplate } from "../../core/templates/engine";
import { sortVersions } from "../../core/templates/versions";
import type { Executor } from "../../db/client";
import { findRun, findPreviousRun, insertRun, insertRunFiles, listRunFiles, listRuns, readRunFile, updateRun } from "../../db/queries/generation";
import { listPins, upsertPin } from "../../db/queries/models";
import { findTemplate, listTemplateVersions } from "../../db/queries/templates";
import { oxfmtFormatter } from "../generation/formatter";
import { assertProjectWritable } from "./access";
import { assertCan, type AppDeps, type WorkspaceContext } from "./context";
import { readModelContent } from "./documents";
import { loadModelRow, metamodelOfModel } from "./model-service";
import { loadTemplateRow, templateContent } from "./template-service";

/**
 * Generation runs: (model as stored now, template version) → files, stored content-addressed. Small
 * runs happen within the request; larger ones (more than `inlineOutputs` outputs) go to the job queue
 * when the process runs one, and report progress on the run row.
 */

export const GENERATION_LIMITS = { inlineOutputs: 400 };

/** The background queue, when the app process runs one (see server/jobs/queue.ts). */
export interface JobQueue {
  enqueueRun(run: { runId: string; workspaceId: string }): Promise<void>;
}
const globalJobs = globalThis as unknown as { metaforgeJobs?: JobQueue };
export const registerJobQueue = (queue: JobQueue | undefined) => (globalJobs.metaforgeJobs = queue);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Runs one generation and stores its files. Used inline and by the job worker. */
export async function executeRun(deps: Pick<AppDeps, "db" | "log">, params: { runId: string; workspaceId: string }) {
  const { db, log } = deps;
  const run = await findRun(db, { workspaceId: params.workspaceId, runId: params.runId });
  if (!run) return;
  const started = performance.now();
  await updateRun(db, { runId: run.id, status: "running", progress: 5 });
  try {
    const content = await loadRunInputs(db, { workspaceId: params.workspaceId, modelId: run.modelId, templateId: run.templateId, version: run.templateVersion });
    const compiled = compileTemplate(content.template);
    const result = generate(compiled, content.metamodel, content.model, undefined, { track: false });
    await updateRun(db, { runId: run.id, progress: 50 });
    // Files whose template file turns formatting off (`format: false`) are written exactly as rendered.
    const asRendered = new Set(content.template.files.filter((f) => f.format === false).map((f) => f.id));
    const formatted = await formatFiles(result.files.filter((f) => !asRendered.has(f.fileId)), oxfmtFormatter);
    await updateRun(db, { runId: run.id, progress: 80 });
    const byPath = new Map(formatted.files.map((f) => [f.path, f]));
    const files = result.files.map((raw) => byPath.get(raw.path) ?? raw).map((f) => ({ path: f.path, content: f.content, hash: sha256(f.content) }));
    await db.transaction(async (tx) => {
      await insertRunFiles(tx, { workspaceId: params.workspaceId, runId: run.id, files });
      await updateRun(tx, {
        runId: run.id,
        status: result.problems.length ? "failed" : "succeeded",
        progress: 100,
        fileCount: files.length,
        totalBytes: files.reduce((n, f) => n + Buffer.byteLength(f.content), 0),
        problems: result.problems,
        warnings: formatted.warnings,
        error: result.problems.length ? `${result.problems.length} problem(s) in the template: see the list.` : null,
        durationMs: Math.round(performance.now() - started),
        finishedAt: new Date(),
      });
    });
    log.info({ runId: run.id, files: files.length, ms: Math.round(performance.now() - started) }, "generation run finished");
  } catch (error) {
    log.error({ err: error, runId: run.id }, "generation run failed");
    await updateRun(db, {
      runId: run.id,
      status: "failed",
      error: error instanceof AppError ? error.message : "The run failed unexpectedly. Try again; if it keeps failing, the server log has the details.",
      durationMs: Math.round(performance.now() - started),
      finishedAt: new Date(),
    });
  }
}

async function loadRunInputs(db: Executor, params: { workspaceId: string; modelId: string; templateId: string; version: string }) {
  const [model, tplRow] = await Promise.all([
    readModelContent(db, params.modelId),
    findTemplate(db, { workspaceId: params.workspaceId, templateId: params.templateId }),
  ]);
  if (!model || !tplRow) throw new AppError("MODEL_NOT_FOUND", "The model or the template was deleted.");
  // The meta-model version the model pins (or the live draft when it follows it).
  const metamodel = await metamodelOfModel(db, { workspaceId: params.workspaceId, modelId: params.modelId });
  const template = await templateContent(db, params);
  return { model, metamodel, template };
}

/** The version a model generates with: its pin, else the latest published version, else the draft. */
async function defaultVersion(ctx: WorkspaceContext, modelId: string, templateId: string): Promise<string> {
  const pin = (await listPins(ctx.db, { workspaceId: ctx.workspace.id, modelId })).find((p) => p.templateId === templateId);
  if (pin) return pin.version;
  const versions = (await listTemplateVersions(ctx.db, { workspaceId: ctx.workspace.id, templateId })).map((v) => v.version);
  return sortVersions(versions)[0] ?? "draft";
}

export const generationService = {
  async start(ctx: WorkspaceContext, input: { modelId: string; templateId: string; version?: string }) {
    assertCan(ctx, "document:edit");
    const modelRow = await loadModelRow(ctx, input.modelId);
    const tplRow = await loadTemplateRow(ctx, input.templateId);
    await assertProjectWritable(ctx, modelRow.projectId);
    if (modelRow.metamodelId !== tplRow.metamodelId) {
      throw new AppError("METAMODEL_MISMATCH", `"${tplRow.name}" is written for the meta-model "${tplRow.metamodelName}"; this model uses "${modelRow.metamodelName}".`);
    }
    const version = input.version ?? (await defaultVersion(ctx, modelRow.id, tplRow.id));
    // Fails early (not found) before a run row exists.
    const template = await templateContent(ctx.db, { workspaceId: ctx.workspace.id, templateId: tplRow.id, version: version });
    const { id } = await insertRun(ctx.db, {
      workspaceId: ctx.workspace.id,
      projectId: modelRow.projectId,
      modelId: modelRow.id,
      templateId: tplRow.id,
      templateVersion: version,
      createdById: ctx.user.id,
    });
    const run = { runId: id, workspaceId: ctx.workspace.id };
    const queue = globalJobs.metaforgeJobs;
    if (queue && (await estimateOutputs(ctx, modelRow.id, template)) > GENERATION_LIMITS.inlineOutputs) {
      await queue.enqueueRun(run);
    } else {
      await executeRun(ctx, run);
    }
    return generationService.get(ctx, { runId: id });
  },

  async get(ctx: WorkspaceContext, input: { runId: string }) {
    assertCan(ctx, "project:read");
    const run = await findRun(ctx.db, { workspaceId: ctx.workspace.id, runId: input.runId });
    if (!run) throw new AppError("RUN_NOT_FOUND", "Generation run not found. It may have been deleted with its model.");
    return run;
  },

  async list(ctx: WorkspaceContext, input: { modelId?: string; projectId?: string }) {
    assertCan(ctx, "project:read");
    return listRuns(ctx.db, { workspaceId: ctx.workspace.id, ...input });
  },

  async files(ctx: WorkspaceContext, input: { runId: string }) {
    const run = await generationService.get(ctx, input);
    const files = await listRunFiles(ctx.db, { workspaceId: ctx.workspace.id, runId: run.id });
    return files.map(({ path, size, hash }) => ({ path, size, hash }));
  },

  async file(ctx: WorkspaceContext, input: { runId: string; path: string }) {
    assertCan(ctx, "project:read");
    const file = await readRunFile(ctx.db, { workspaceId: ctx.workspace.id, ...input });
    if (!file) throw new AppError("RUN_NOT_FOUND", `No file "${input.path}" in this run.`);
    return file;
  },

  /** Files with contents, for the zip download. */
  async contents(ctx: WorkspaceContext, input: { runId: string }) {
    const run = await generationService.get(ctx, input);
    return { run, files: await listRunFiles(ctx.db, { workspaceId: ctx.workspace.id, runId: run.id, withContent: true }) };
  },

  /** The difference from the previous successful run of the same model and template. */
  async diffWithPrevious(ctx: WorkspaceContext, input: { runId: string }) {
    const run = await generationService.get(ctx, input);
    const previous = await findPreviousRun(ctx.db, { workspaceId: ctx.workspace.id, runId: run.id });
    const current = await listRunFiles(ctx.db, { workspaceId: ctx.workspace.id, runId: run.id, withContent: true });
    const before = previous ? await listRunFiles(ctx.db, { workspaceId: ctx.workspace.id, runId: previous.id, withContent: true }) : [];
    const entries = (rows: typeof current) => rows.map((r) => ({ path: r.path, content: r.content ?? "" }));
    return { previous: previous ?? null, diff: diffFiles(entries(before), entries(current)) };
  },

  async pin(ctx: WorkspaceContext, input: { modelId: string; templateId: string; version: string }) {
    assertCan(ctx, "document:edit");
    const modelRow = await loadModelRow(ctx, input.modelId);
    const tplRow = await loadTemplateRow(ctx, input.templateId);
    await assertProjectWritable(ctx, modelRow.projectId);
    if (modelRow.metamodelId !== tplRow.metamodelId) throw new AppError("METAMODEL_MISMATCH", "This model and this template are for different meta-models.");
    await templateContent(ctx.db, { workspaceId: ctx.workspace.id, templateId: tplRow.id, version: input.version }); // the version must exist
    await upsertPin(ctx.db, { workspaceId: ctx.workspace.id, ...input });
    return { version: input.version };
  },
};

/** How many outputs a run will have: per-model files once, per-object files once per matching object. */
async function estimateOutputs(ctx: WorkspaceContext, modelId: string, template: { files: Array<{ forEach: string | null }> }) {
  const [model, mm] = await Promise.all([readModelContent(ctx.db, modelId), metamodelOfModel(ctx.db, { workspaceId: ctx.workspace.id, modelId })]);
  if (!model || !mm) return 0;
  const index = new MetamodelIndex(mm);
  return template.files.reduce(
    (n, f) => n + (f.forEach === null ? 1 : model.objects.filter((o) => index.conformsTo(o.classId, f.forEach!)).length),
    0,
  );
}
