import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Analysis, AnalysisFile, AnalysisOptions, PatternGroup } from "../../core/patterns/analysis";
import { user } from "./auth";
import { project } from "./projects";
import { workspace } from "./workspaces";

/**
 * Pattern analyses (issue 5): code brought into a project (upload, paste, git clone), analysed by a
 * background job into groups of repeated code. Inputs are content-addressed blobs (`blob`, shared
 * with generation runs) listed by `pattern_analysis_file`; the result is split into the analysis row
 * (files, summary) and one `pattern_group` row per group, so a hole rename rewrites one row.
 */
export const patternAnalysis = pgTable(
  "pattern_analysis",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspace.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** upload | paste | git */
    sourceKind: text("source_kind").notNull(),
    /** What was brought in, for people: "shop.zip", "4 pasted files", a git URL and ref. */
    source: text("source").notNull(),
    /** queued → running → done | failed | cancelled */
    status: text("status").notNull().default("queued"),
    /** The engine's phase while running: reading, matching, extracting. */
    phase: text("phase"),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    error: text("error"),
    fileCount: integer("file_count").notNull().default(0),
    totalBytes: integer("total_bytes").notNull().default(0),
    /** Files left out when the code came in (ignored folders, binary files, symlinks), with why. */
    ignored: jsonb("ignored").$type<Array<{ path: string; reason: string }>>().notNull().default([]),
    options: jsonb("options").$type<Partial<AnalysisOptions>>().notNull().default({}),
    /** The result (set when done): the analysis's options, files and summary; groups are rows below. */
    resultOptions: jsonb("result_options").$type<AnalysisOptions>(),
    files: jsonb("files").$type<StoredAnalysisFile[]>(),
    summary: jsonb("summary").$type<Analysis["summary"]>(),
    createdById: text("created_by_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
  },
  (t) => [index("pattern_analysis_project_idx").on(t.workspaceId, t.projectId, t.createdAt)],
);

/** A file of the analysis result, with how many of its lines lie in a group and which groups. */
export type StoredAnalysisFile = AnalysisFile & { coveredLines: number; groups: string[] };

/** The analysed files: path → content (a blob of the workspace, by SHA-256). */
export const patternAnalysisFile = pgTable(
  "pattern_analysis_file",
  {
    analysisId: uuid("analysis_id")
      .notNull()
      .references(() => patternAnalysis.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    hash: text("hash").notNull(),
    size: integer("size").notNull(),
  },
  (t) => [primaryKey({ columns: [t.analysisId, t.path] })],
);

/** What promoting a group created. */
export interface GroupPromotion {
  metamodelId: string;
  modelId: string;
  templateId: string;
  className: string;
  promotedAt: string;
}

/** One group of an analysis, in rank order (the analysis format's `groups[i]`, renames applied). */
export const patternGroup = pgTable(
  "pattern_group",
  {
    analysisId: uuid("analysis_id")
      .notNull()
      .references(() => patternAnalysis.id, { onDelete: "cascade" }),
    groupId: text("group_id").notNull(),
    rank: integer("rank").notNull(),
    data: jsonb("data").$type<PatternGroup>().notNull(),
    promoted: jsonb("promoted").$type<GroupPromotion>(),
  },
  (t) => [primaryKey({ columns: [t.analysisId, t.groupId] })],
);
