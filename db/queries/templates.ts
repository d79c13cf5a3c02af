import { and, desc, eq, inArray } from "drizzle-orm";
import type { Template } from "../../core/templates/schema";
import type { Executor } from "../client";
import { metamodel, template, templateVersion, user } from "../schema";

/** Template rows and their published versions, always scoped by workspace. */

const columns = {
  id: template.id,
  projectId: template.projectId,
  metamodelId: template.metamodelId,
  metamodelName: metamodel.name,
  name: template.name,
  description: template.description,
  builtinKey: template.builtinKey,
  fileCount: template.fileCount,
  createdAt: template.createdAt,
  updatedAt: template.updatedAt,
  createdByName: user.name,
};

export async function listTemplates(db: Executor, params: { workspaceId: string; projectId: string }) {
  return db
    .select(columns)
    .from(template)
    .innerJoin(metamodel, eq(metamodel.id, template.metamodelId))
    .leftJoin(user, eq(user.id, template.createdById))
    .where(and(eq(template.workspaceId, params.workspaceId), eq(template.projectId, params.projectId)))
    .orderBy(desc(template.updatedAt));
}

export async function findTemplate(db: Executor, params: { workspaceId: string; templateId: string }) {
  const [row] = await db
    .select(columns)
    .from(template)
    .innerJoin(metamodel, eq(metamodel.id, template.metamodelId))
    .leftJoin(user, eq(user.id, template.createdById))
    .where(and(eq(template.workspaceId, params.workspaceId), eq(template.id, params.templateId)));
  return row;
}

export async function insertTemplate(
  db: Executor,
  params: {
    workspaceId: string;
    projectId: string;
    metamodelId: string;
    name: string;
    description: string;
    builtinKey: string | null;
    fileCount: number;
    createdById: string;
  },
) {
  const [row] = await db.insert(template).values(params).returning({ id: template.id });
  return row!;
}

export async function deleteTemplate(db: Executor, params: { workspaceId: string; templateId: string }) {
  const rows = await db
    .delete(template)
    .where(and(eq(template.workspaceId, params.workspaceId), eq(template.id, params.templateId)))
    .returning({ id: template.id });
  return rows.length === 1;
}

export async function updateTemplateSummary(db: Executor, params: { templateId: string; name: string; description: string; fileCount: number }) {
  const { templateId, ...summary } = params;
  await db.update(template).set(summary).where(eq(template.id, templateId));
}

export async function listTemplateVersions(db: Executor, params: { workspaceId: string; templateId: string }) {
  return db
    .select({
      version: templateVersion.version,
      changelog: templateVersion.changelog,
      createdAt: templateVersion.createdAt,
      createdByName: user.name,
    })
    .from(templateVersion)
    .leftJoin(user, eq(user.id, templateVersion.createdById))
    .where(and(eq(templateVersion.workspaceId, params.workspaceId), eq(templateVersion.templateId, params.templateId)))
    .orderBy(desc(templateVersion.createdAt));
}

export async function findTemplateVersion(db: Executor, params: { workspaceId: string; templateId: string; version: string }) {
  const [row] = await db
    .select({ version: templateVersion.version, changelog: templateVersion.changelog, content: templateVersion.content, createdAt: templateVersion.createdAt })
    .from(templateVersion)
    .where(
      and(
        eq(templateVersion.workspaceId, params.workspaceId),
        eq(templateVersion.templateId, params.templateId),
        eq(templateVersion.version, params.version),
      ),
    );
  return row;
}

export async function insertTemplateVersion(
  db: Executor,
  params: { workspaceId: string; templateId: string; version: string; changelog: string; content: Template; createdById: string },
) {
  await db.insert(templateVersion).values(params);
}

/** The published version numbers of several templates, in one query. */
export async function listVersionNumbers(db: Executor, params: { workspaceId: string; templateIds: string[] }) {
  if (params.templateIds.length === 0) return [];
  return db
    .select({ templateId: templateVersion.templateId, version: templateVersion.version })
    .from(templateVersion)
    .where(and(eq(templateVersion.workspaceId, params.workspaceId), inArray(templateVersion.templateId, params.templateIds)));
}
