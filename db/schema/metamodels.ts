import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { MetaModel } from "../../core/metamodel/schema";
import { user } from "./auth";
import { project } from "./projects";
import { workspace } from "./workspaces";

/**
 * Meta-models of a project. The content lives in the collaborative document `metamodel:<id>`; this row
 * holds what lists need (name, counts), refreshed by the collab-server as the document changes.
 * Published versions are immutable rows of `metamodel_version`; models pin one (or follow the draft).
 */
export const metamodel = pgTable(
  "metamodel",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspace.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    classCount: integer("class_count").notNull().default(0),
    enumCount: integer("enum_count").notNull().default(0),
    createdById: text("created_by_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [index("metamodel_project_idx").on(t.workspaceId, t.projectId)],
);

/** A published, immutable snapshot of a meta-model (validated with core/metamodel/schema.ts on write). */
export const metamodelVersion = pgTable(
  "metamodel_version",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspace.id, { onDelete: "cascade" }),
    metamodelId: uuid("metamodel_id")
      .notNull()
      .references(() => metamodel.id, { onDelete: "cascade" }),
    /** Semver, e.g. "1.2.0". */
    version: text("version").notNull(),
    changelog: text("changelog").notNull().default(""),
    snapshot: jsonb("snapshot").$type<MetaModel>().notNull(),
    createdById: text("created_by_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("metamodel_version_unique").on(t.metamodelId, t.version)],
);
