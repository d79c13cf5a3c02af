import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { TemplateProblem } from "../../core/templates/errors";
import { user } from "./auth";
import { model } from "./models";
import { project } from "./projects";
import { template } from "./templates";
import { workspace } from "./workspaces";

/** File contents, stored once per workspace by their SHA-256. */
export const blob = pgTable(
  "blob",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspace.id, { onDelete: "cascade" }),
    hash: text("hash").notNull(),
    size: integer("size").notNull(),
    content: text("content").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.hash] })],
);

/** One generation: (model state, template version) → files. */
export const generationRun = pgTable(
  "generation_run",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspace.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    modelId: uuid("model_id")
      .notNull()
      .references(() => model.id, { onDelete: "cascade" }),
    templateId: uuid("template_id")
      .notNull()
      .references(() => template.id, { onDelete: "cascade" }),
    /** A published version, or "draft". */
    templateVersion: text("template_version").notNull(),
    /** queued → running → succeeded | failed */
    status: text("status").notNull().default("queued"),
    /** 0..100 while running. */
    progress: integer("progress").notNull().default(0),
    fileCount: integer("file_count").notNull().default(0),
    totalBytes: integer("total_bytes").notNull().default(0),
    problems: jsonb("problems").$type<TemplateProblem[]>().notNull().default([]),
    warnings: jsonb("warnings").$type<Array<{ path: string; message: string }>>().notNull().default([]),
    error: text("error"),
    durationMs: integer("duration_ms"),
    createdById: text("created_by_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("generation_run_model_idx").on(t.workspaceId, t.modelId, t.createdAt)],
);

export const generationFile = pgTable(
  "generation_file",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => generationRun.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    hash: text("hash").notNull(),
    size: integer("size").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.path] })],
);
