import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { metamodel } from "./metamodels";
import { project } from "./projects";
import { template } from "./templates";
import { workspace } from "./workspaces";

/**
 * Models of a project, each conforming to one meta-model. The content lives in the collaborative
 * document `model:<id>`; this row holds what lists need, refreshed by the collab-server.
 */
export const model = pgTable(
  "model",
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
    /** The meta-model version the model conforms to: "draft" follows the live meta-model, else a published version. */
    metamodelVersion: text("metamodel_version").notNull().default("draft"),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    objectCount: integer("object_count").notNull().default(0),
    createdById: text("created_by_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [index("model_project_idx").on(t.workspaceId, t.projectId)],
);

/** The template version a model generates with ("draft" for the live draft). */
export const modelTemplatePin = pgTable(
  "model_template_pin",
  {
    modelId: uuid("model_id")
      .notNull()
      .references(() => model.id, { onDelete: "cascade" }),
    templateId: uuid("template_id")
      .notNull()
      .references(() => template.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspace.id, { onDelete: "cascade" }),
    version: text("version").notNull(),
    pinnedAt: timestamp("pinned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.templateId] })],
);
