import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../core/workspace/roles";
import * as Y from "yjs";
import { createMetamodelDoc } from "../../core/collab/metamodel-doc";
import { createModelDoc } from "../../core/collab/model-doc";
import { createTemplateDoc } from "../../core/collab/template-doc";
import { starterByKey } from "../../core/metamodel/starters";
import { shopModel } from "../../core/model/fixtures";
import { builtinByKey } from "../../core/templates/builtin";
import { insertDocument } from "../../db/queries/collab";
import { insertRun } from "../../db/queries/generation";
import { insertModel } from "../../db/queries/models";
import { insertTemplate, insertTemplateVersion } from "../../db/queries/templates";
import { executeRun } from "../services/generation-service";
import { claimAnalysis, insertAnalysis, insertAnalysisFiles, storeResult } from "../../db/queries/patterns";
import { fileCoverage } from "../services/pattern-service-runner";
import { runAnalysis, sha256Hex } from "../patterns/run";
import { insertInvitation } from "../../db/queries/invitations";
import { insertMetamodel, insertMetamodelVersion } from "../../db/queries/metamodels";
import { insertMember } from "../../db/queries/members";
import { insertProject } from "../../db/queries/projects";
import { useTestDatabase } from "../../test/db";
import { createUser, createWorkspaceWithRoles, testDeps, type TestUser } from "../../test/fixtures";
import { appRouter, createCaller } from "./root";

/**
 * The authorization table: every procedure × every role × a member of another workspace.
 * Each case runs on a fresh workspace, so destructive procedures do not affect the others.
 */

const t = useTestDatabase();

type Fixture = Awaited<ReturnType<typeof build>>;

async function build() {
  const base = await createWorkspaceWithRoles(t.db);
  const ws = base.workspace.id;
  const project = await insertProject(t.db, { workspaceId: ws, name: "Shop", description: "", createdById: base.members.owner.id });
  const target = await createUser(t.db, "Target");
  const targetMember = await insertMember(t.db, { workspaceId: ws, userId: target.id, role: "viewer" });
  const invitation = await insertInvitation(t.db, {
    workspaceId: ws,
    token: `tok_${crypto.randomUUID().replaceAll("-", "")}`,
    role: "viewer",
    email: null,
    invitedById: base.members.owner.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const mm = await insertMetamodel(t.db, {
    workspaceId: ws,
    projectId: project.id,
    name: "Domain",
    description: "",
    classCount: 0,
    enumCount: 0,
    createdById: base.members.owner.id,
  });
  await insertDocument(t.db, { name: `metamodel:${mm.id}`, workspaceId: ws, snapshot: Y.encodeStateAsUpdate(createMetamodelDoc(STARTER)) });
  return {
    ...base,
    ws,
    projectId: project.id,
    metamodelId: mm.id,
    targetMemberId: targetMember.id,
    invitationId: invitation.id,
    // Filled by `withGeneration` for the model, template and generation procedures.
    modelId: "",
    templateId: "",
    runId: "",
    // Filled by `withAnalysis` for the pattern procedures.
    analysisId: "",
    groupId: "",
    hole: "",
  };
}

const STARTER = starterByKey("entity-relational")!.build();
const DOCS = builtinByKey("markdown-docs")!.template;

/** A model (the shop), a template (Markdown docs, version 1.0.0 published) and a finished run. */
async function withGeneration(f: Fixture) {
  const by = f.members.owner.id;
  const model = await insertModel(t.db, { workspaceId: f.ws, projectId: f.projectId, metamodelId: f.metamodelId, name: "Shop", description: "", objectCount: 0, createdById: by });
  await insertDocument(t.db, { name: `model:${model.id}`, workspaceId: f.ws, snapshot: Y.encodeStateAsUpdate(createModelDoc(shopModel(STARTER))) });
  const template = await insertTemplate(t.db, { workspaceId: f.ws, projectId: f.projectId, metamodelId: f.metamodelId, name: "Docs", description: "", builtinKey: "markdown-docs", fileCount: DOCS.files.length, createdById: by });
  await insertDocument(t.db, { name: `template:${template.id}`, workspaceId: f.ws, snapshot: Y.encodeStateAsUpdate(createTemplateDoc(DOCS)) });
  await insertTemplateVersion(t.db, { workspaceId: f.ws, templateId: template.id, version: "1.0.0", changelog: "", content: DOCS, createdById: by });
  const run = await insertRun(t.db, { workspaceId: f.ws, projectId: f.projectId, modelId: model.id, templateId: template.id, templateVersion: "1.0.0", createdById: by });
  await executeRun(testDeps(t.db), { runId: run.id, workspaceId: f.ws });
  Object.assign(f, { modelId: model.id, templateId: template.id, runId: run.id });
}

/** `withGeneration`, and version 1.0.0 of the meta-model published. */
async function withMetamodelVersion(f: Fixture) {
  await withGeneration(f);
  await insertMetamodelVersion(t.db, { workspaceId: f.ws, metamodelId: f.metamodelId, version: "1.0.0", changelog: "", snapshot: STARTER, createdById: f.members.owner.id });
}

/** Three services of one shape, analysed (the result stored as the job would). */
const SERVICES = ["User", "Order", "Product"].map((e) => ({
  path: `src/${e.toLowerCase()}.ts`,
  text: `export class ${e}Service {\n  async find${e}(id: string) {\n    const row = await db.get("${e.toLowerCase()}s", id);\n    if (!row) throw new Error("No ${e.toLowerCase()} " + id);\n    return row;\n  }\n\n  async list${e}s(limit = 20) {\n    return db.scan("${e.toLowerCase()}s", { limit });\n  }\n}\n`,
}));

async function withAnalysis(f: Fixture) {
  const row = await insertAnalysis(t.db, { workspaceId: f.ws, projectId: f.projectId, name: "Services", sourceKind: "paste", source: "3 files pasted", fileCount: 3, totalBytes: 0, ignored: [], options: {}, createdById: f.members.owner.id });
  await insertAnalysisFiles(t.db, { workspaceId: f.ws, analysisId: row.id, files: SERVICES.map((s) => ({ ...s, hash: sha256Hex(s.text) })) });
  await claimAnalysis(t.db, { analysisId: row.id });
  const analysis = await runAnalysis(SERVICES);
  await storeResult(t.db, { analysisId: row.id, analysis, files: fileCoverage(analysis), durationMs: 1 });
  Object.assign(f, { analysisId: row.id, groupId: analysis.groups[0]!.id, hole: analysis.groups[0]!.holes[0]!.name });
}

/** The test-only allowance for cloning from http://127.0.0.1 (the clone itself then fails in the background: nothing listens). */
async function withLocalGit<T>(run: () => Promise<T>): Promise<T> {
  const saved = process.env.METAFORGE_TEST_GIT_HTTP;
  process.env.METAFORGE_TEST_GIT_HTTP = "1";
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env.METAFORGE_TEST_GIT_HTTP;
    else process.env.METAFORGE_TEST_GIT_HTTP = saved;
  }
}

function callerFor(u: TestUser | null) {
  return createCaller({ ...testDeps(t.db), user: u });
}
type Caller = ReturnType<typeof callerFor>;

interface Case {
  allowed: readonly Role[];
  prepare?(fx: Fixture): Promise<void>;
  call(c: Caller, fx: Fixture): Promise<unknown>;
}

const ALL = ROLES;
const EDITORS = ["owner", "admin", "editor"] as const;
const ADMINS = ["owner", "admin"] as const;

/** Procedures scoped to a workspace (they take workspaceId). */
const WORKSPACE_TABLE: Record<string, Case> = {
  "workspace.update": { allowed: ADMINS, call: (c, f) => c.workspace.update({ workspaceId: f.ws, name: "Renamed" }) },
  "workspace.delete": {
    allowed: ["owner"],
    call: (c, f) => c.workspace.delete({ workspaceId: f.ws, confirmName: f.workspace.name }),
  },
  "workspace.leave": {
    allowed: ALL,
    // a second owner, so the owner's leaving is about permission and not the last-owner rule
    prepare: async (f) => {
      const other = await createUser(t.db, "Second Owner");
      await insertMember(t.db, { workspaceId: f.ws, userId: other.id, role: "owner" });
    },
    call: (c, f) => c.workspace.leave({ workspaceId: f.ws }),
  },
  "member.list": { allowed: ALL, call: (c, f) => c.member.list({ workspaceId: f.ws }) },
  "member.updateRole": {
    allowed: ADMINS,
    call: (c, f) => c.member.updateRole({ workspaceId: f.ws, memberId: f.targetMemberId, role: "commenter" }),
  },
  "member.remove": { allowed: ADMINS, call: (c, f) => c.member.remove({ workspaceId: f.ws, memberId: f.targetMemberId }) },
  "invitation.list": { allowed: ADMINS, call: (c, f) => c.invitation.list({ workspaceId: f.ws }) },
  "invitation.create": { allowed: ADMINS, call: (c, f) => c.invitation.create({ workspaceId: f.ws, role: "viewer", expiresInDays: 7 }) },
  "invitation.revoke": { allowed: ADMINS, call: (c, f) => c.invitation.revoke({ workspaceId: f.ws, invitationId: f.invitationId }) },
  "project.list": { allowed: ALL, call: (c, f) => c.project.list({ workspaceId: f.ws, status: "all" }) },
  "project.get": { allowed: ALL, call: (c, f) => c.project.get({ workspaceId: f.ws, projectId: f.projectId }) },
  "project.create": { allowed: EDITORS, call: (c, f) => c.project.create({ workspaceId: f.ws, name: "New one", description: "" }) },
  "project.update": { allowed: EDITORS, call: (c, f) => c.project.update({ workspaceId: f.ws, projectId: f.projectId, name: "Shop 2" }) },
  "project.archive": { allowed: EDITORS, call: (c, f) => c.project.archive({ workspaceId: f.ws, projectId: f.projectId }) },
  "project.unarchive": { allowed: EDITORS, call: (c, f) => c.project.unarchive({ workspaceId: f.ws, projectId: f.projectId }) },
  "metamodel.list": { allowed: ALL, call: (c, f) => c.metamodel.list({ workspaceId: f.ws, projectId: f.projectId }) },
  "metamodel.get": { allowed: ALL, call: (c, f) => c.metamodel.get({ workspaceId: f.ws, metamodelId: f.metamodelId }) },
  "metamodel.create": {
    allowed: EDITORS,
    call: (c, f) => c.metamodel.create({ workspaceId: f.ws, projectId: f.projectId, name: "New", source: { kind: "blank" } }),
  },
  "metamodel.delete": {
    allowed: EDITORS,
    call: (c, f) => c.metamodel.delete({ workspaceId: f.ws, metamodelId: f.metamodelId, confirmName: "Domain" }),
  },
  "metamodel.collabToken": { allowed: ALL, call: (c, f) => c.metamodel.collabToken({ workspaceId: f.ws, metamodelId: f.metamodelId }) },
  "metamodel.publish": {
    allowed: EDITORS,
    prepare: withMetamodelVersion,
    call: (c, f) => c.metamodel.publish({ workspaceId: f.ws, metamodelId: f.metamodelId, version: "1.1.0", changelog: "" }),
  },
  "metamodel.versions": { allowed: ALL, prepare: withMetamodelVersion, call: (c, f) => c.metamodel.versions({ workspaceId: f.ws, metamodelId: f.metamodelId }) },
  "metamodel.version": { allowed: ALL, prepare: withMetamodelVersion, call: (c, f) => c.metamodel.version({ workspaceId: f.ws, metamodelId: f.metamodelId, version: "1.0.0" }) },
  "metamodel.compareVersions": {
    allowed: ALL,
    prepare: withMetamodelVersion,
    call: (c, f) => c.metamodel.compareVersions({ workspaceId: f.ws, metamodelId: f.metamodelId, from: "1.0.0", to: "draft" }),
  },
  "project.delete": {
    allowed: ADMINS,
    call: (c, f) => c.project.delete({ workspaceId: f.ws, projectId: f.projectId, confirmName: "Shop" }),
  },
  "model.list": { allowed: ALL, call: (c, f) => c.model.list({ workspaceId: f.ws, projectId: f.projectId }) },
  "model.get": { allowed: ALL, prepare: withGeneration, call: (c, f) => c.model.get({ workspaceId: f.ws, modelId: f.modelId }) },
  "model.snapshot": { allowed: ALL, prepare: withGeneration, call: (c, f) => c.model.snapshot({ workspaceId: f.ws, modelId: f.modelId }) },
  "model.create": {
    allowed: EDITORS,
    call: (c, f) => c.model.create({ workspaceId: f.ws, projectId: f.projectId, metamodelId: f.metamodelId, name: "New", source: { kind: "example" } }),
  },
  "model.delete": { allowed: EDITORS, prepare: withGeneration, call: (c, f) => c.model.delete({ workspaceId: f.ws, modelId: f.modelId, confirmName: "Shop" }) },
  "model.setMetamodelVersion": {
    allowed: EDITORS,
    prepare: withMetamodelVersion,
    call: (c, f) => c.model.setMetamodelVersion({ workspaceId: f.ws, modelId: f.modelId, version: "1.0.0" }),
  },
  "model.upgradePreview": {
    allowed: ALL,
    prepare: withMetamodelVersion,
    call: (c, f) => c.model.upgradePreview({ workspaceId: f.ws, modelId: f.modelId, version: "1.0.0" }),
  },
  "model.collabToken": { allowed: ALL, prepare: withGeneration, call: (c, f) => c.model.collabToken({ workspaceId: f.ws, modelId: f.modelId }) },
  "template.list": { allowed: ALL, call: (c, f) => c.template.list({ workspaceId: f.ws, projectId: f.projectId }) },
  "template.get": { allowed: ALL, prepare: withGeneration, call: (c, f) => c.template.get({ workspaceId: f.ws, templateId: f.templateId }) },
  "template.create": {
    allowed: EDITORS,
    call: (c, f) => c.template.create({ workspaceId: f.ws, projectId: f.projectId, metamodelId: f.metamodelId, source: { kind: "builtin", key: "postgres-ddl" } }),
  },
  "template.delete": { allowed: EDITORS, prepare: withGeneration, call: (c, f) => c.template.delete({ workspaceId: f.ws, templateId: f.templateId, confirmName: "Docs" }) },
  "template.publish": {
    allowed: EDITORS,
    prepare: withGeneration,
    call: (c, f) => c.template.publish({ workspaceId: f.ws, templateId: f.templateId, version: "1.1.0", changelog: "" }),
  },
  "template.version": { allowed: ALL, prepare: withGeneration, call: (c, f) => c.template.version({ workspaceId: f.ws, templateId: f.templateId, version: "1.0.0" }) },
  "template.diff": {
    allowed: ALL,
    prepare: withGeneration,
    call: (c, f) => c.template.diff({ workspaceId: f.ws, templateId: f.templateId, from: "1.0.0", to: "draft", modelId: f.modelId }),
  },
  "template.collabToken": { allowed: ALL, prepare: withGeneration, call: (c, f) => c.template.collabToken({ workspaceId: f.ws, templateId: f.templateId }) },
  "template.runTests": { allowed: ALL, prepare: withGeneration, call: (c, f) => c.template.runTests({ workspaceId: f.ws, templateId: f.templateId, version: "draft" }) },
  "template.testCaseFromModel": {
    allowed: EDITORS,
    prepare: withGeneration,
    call: (c, f) => c.template.testCaseFromModel({ workspaceId: f.ws, templateId: f.templateId, modelId: f.modelId }),
  },
  "generation.start": { allowed: EDITORS, prepare: withGeneration, call: (c, f) => c.generation.start({ workspaceId: f.ws, modelId: f.modelId, templateId: f.templateId }) },
  "generation.get": { allowed: ALL, prepare: withGeneration, call: (c, f) => c.generation.get({ workspaceId: f.ws, runId: f.runId }) },
  "generation.list": { allowed: ALL, prepare: withGeneration, call: (c, f) => c.generation.list({ workspaceId: f.ws, modelId: f.modelId }) },
  "generation.files": { allowed: ALL, prepare: withGeneration, call: (c, f) => c.generation.files({ workspaceId: f.ws, runId: f.runId }) },
  "generation.file": { allowed: ALL, prepare: withGeneration, call: (c, f) => c.generation.file({ workspaceId: f.ws, runId: f.runId, path: "README.md" }) },
  "generation.diff": { allowed: ALL, prepare: withGeneration, call: (c, f) => c.generation.diff({ workspaceId: f.ws, runId: f.runId }) },
  "generation.pin": {
    allowed: EDITORS,
    prepare: withGeneration,
    call: (c, f) => c.generation.pin({ workspaceId: f.ws, modelId: f.modelId, templateId: f.templateId, version: "1.0.0" }),
  },
  "pattern.list": { allowed: ALL, call: (c, f) => c.pattern.list({ workspaceId: f.ws, projectId: f.projectId }) },
  "pattern.get": { allowed: ALL, prepare: withAnalysis, call: (c, f) => c.pattern.get({ workspaceId: f.ws, analysisId: f.analysisId }) },
  "pattern.group": { allowed: ALL, prepare: withAnalysis, call: (c, f) => c.pattern.group({ workspaceId: f.ws, analysisId: f.analysisId, groupId: f.groupId }) },
  "pattern.occurrence": { allowed: ALL, prepare: withAnalysis, call: (c, f) => c.pattern.occurrence({ workspaceId: f.ws, analysisId: f.analysisId, groupId: f.groupId, index: 0 }) },
  "pattern.createFromPaste": {
    allowed: EDITORS,
    call: (c, f) => c.pattern.createFromPaste({ workspaceId: f.ws, projectId: f.projectId, files: SERVICES }),
  },
  "pattern.createFromGit": {
    allowed: EDITORS,
    call: (c, f) => withLocalGit(() => c.pattern.createFromGit({ workspaceId: f.ws, projectId: f.projectId, url: "http://127.0.0.1:9/shop.git" })),
  },
  "pattern.cancel": { allowed: EDITORS, prepare: withAnalysis, call: (c, f) => c.pattern.cancel({ workspaceId: f.ws, analysisId: f.analysisId }) },
  "pattern.delete": { allowed: EDITORS, prepare: withAnalysis, call: (c, f) => c.pattern.delete({ workspaceId: f.ws, analysisId: f.analysisId }) },
  "pattern.renameHole": {
    allowed: EDITORS,
    prepare: withAnalysis,
    call: (c, f) => c.pattern.renameHole({ workspaceId: f.ws, analysisId: f.analysisId, groupId: f.groupId, from: f.hole, to: "entity_name" }),
  },
  "pattern.promote": { allowed: EDITORS, prepare: withAnalysis, call: (c, f) => c.pattern.promote({ workspaceId: f.ws, analysisId: f.analysisId, groupId: f.groupId }) },
};

/** Procedures not scoped to one workspace, and who may call them. */
const USER_LEVEL = ["workspace.list", "workspace.bySlug", "workspace.create", "invitation.accept", "template.builtins"];
const PUBLIC = ["invitation.preview"];

async function outcome(run: () => Promise<unknown>): Promise<"ok" | string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe("authorization table", () => {
  it("covers every procedure of the router", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(procedures).toEqual([...Object.keys(WORKSPACE_TABLE), ...USER_LEVEL, ...PUBLIC].sort());
  });

  for (const [path, rule] of Object.entries(WORKSPACE_TABLE)) {
    describe(path, () => {
      for (const role of ROLES) {
        const expected = rule.allowed.includes(role) ? "ok" : "FORBIDDEN";
        it(`${role}: ${expected === "ok" ? "allowed" : "refused"}`, async () => {
          const fx = await build();
          await rule.prepare?.(fx);
          expect(await outcome(() => rule.call(callerFor(fx.members[role]), fx))).toBe(expected);
        });
      }
      it("member of another workspace: not found", async () => {
        const fx = await build();
        await rule.prepare?.(fx);
        expect(await outcome(() => rule.call(callerFor(fx.outsider), fx))).toBe("NOT_FOUND");
      });
      it("signed out: unauthorized", async () => {
        const fx = await build();
        await rule.prepare?.(fx);
        expect(await outcome(() => rule.call(callerFor(null), fx))).toBe("UNAUTHORIZED");
      });
    });
  }

  it("user-level procedures need a session; preview does not", async () => {
    const anonymous = callerFor(null);
    expect(await outcome(() => anonymous.workspace.list())).toBe("UNAUTHORIZED");
    expect(await outcome(() => anonymous.workspace.bySlug({ slug: "acme" }))).toBe("UNAUTHORIZED");
    expect(await outcome(() => anonymous.workspace.create({ name: "X" }))).toBe("UNAUTHORIZED");
    expect(await outcome(() => anonymous.invitation.accept({ token: "a".repeat(32) }))).toBe("UNAUTHORIZED");
    expect(await outcome(() => anonymous.template.builtins())).toBe("UNAUTHORIZED");
    expect(await outcome(() => anonymous.invitation.preview({ token: "a".repeat(32) }))).toBe("NOT_FOUND");
  });
});

describe("a member of workspace A can never read or change workspace B", () => {
  it("bySlug and list show only the caller's workspaces", async () => {
    const fx = await build();
    const outsider = callerFor(fx.outsider);
    expect(await outcome(() => outsider.workspace.bySlug({ slug: fx.workspace.slug }))).toBe("NOT_FOUND");
    const list = await outsider.workspace.list();
    expect(list.map((w) => w.id)).toEqual([fx.otherWorkspace.id]);
  });

  it("ids from B are not found through A, for every project procedure", async () => {
    const fx = await build();
    const projectInB = await insertProject(t.db, {
      workspaceId: fx.otherWorkspace.id,
      name: "Secret",
      description: "",
      createdById: fx.outsider.id,
    });
    const ownerOfA = callerFor(fx.members.owner);
    const ref = { workspaceId: fx.ws, projectId: projectInB.id };
    expect(await outcome(() => ownerOfA.project.get(ref))).toBe("NOT_FOUND");
    expect(await outcome(() => ownerOfA.project.update({ ...ref, name: "Stolen" }))).toBe("NOT_FOUND");
    expect(await outcome(() => ownerOfA.project.archive(ref))).toBe("NOT_FOUND");
    expect(await outcome(() => ownerOfA.project.delete({ ...ref, confirmName: "Secret" }))).toBe("NOT_FOUND");
    const inB = await callerFor(fx.outsider).project.get({ workspaceId: fx.otherWorkspace.id, projectId: projectInB.id });
    expect(inB).toMatchObject({ name: "Secret", archivedAt: null });
  });

  it("members and invitations of B cannot be changed through A", async () => {
    const fx = await build();
    const viewerInB = await createUser(t.db, "B Viewer");
    const memberInB = await insertMember(t.db, { workspaceId: fx.otherWorkspace.id, userId: viewerInB.id, role: "viewer" });
    const ownerOfA = callerFor(fx.members.owner);
    expect(
      await outcome(() => ownerOfA.member.updateRole({ workspaceId: fx.ws, memberId: memberInB.id, role: "admin" })),
    ).toBe("NOT_FOUND");
    expect(await outcome(() => ownerOfA.member.remove({ workspaceId: fx.ws, memberId: memberInB.id }))).toBe("NOT_FOUND");
    const bMembers = await callerFor(fx.outsider).member.list({ workspaceId: fx.otherWorkspace.id });
    expect(bMembers.find((m) => m.id === memberInB.id)?.role).toBe("viewer");
  });
});
