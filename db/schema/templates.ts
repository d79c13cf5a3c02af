import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { Template } from "../../core/templates/schema";
import { user } from "./auth";
import { metamodel } from "./metamodels";
import { project } from "./projects";
import { workspace } from "./workspaces";

/**
 * Templates of a project, each targeting one meta-model. The draft lives in the collaborative
 * document `template:<id>`; published versions are immutable rows of `template_version`.
 */
export const template = pgTable(
  "template",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspace.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    metamodelId: uuid("metamodel_id")
      .notNull()
      .references(() => metamodel.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** The built-in it was created from, if any. */
    builtinKey: text("builtin_key"),
    fileCount: integer("file_count").notNull().default(0),
    createdById: text("created_by_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [index("template_project_idx").on(t.workspaceId, t.projectId)],
);

export const templateVersion = pgTable(
  "template_version",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    templateId: uuid("template_id")
      .notNull()
      .references(() => template.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspace.id, { onDelete: "cascade" }),
    /** Semver, e.g. "1.1.0". */
    version: text("version").notNull(),
    changelog: text("changelog").notNull().default(""),
    content: jsonb("content").$type<Template>().notNull(),
    createdById: text("created_by_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("template_version_unique").on(t.templateId, t.version)],
);
