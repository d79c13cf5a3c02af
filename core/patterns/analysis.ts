import { z } from "zod";

/**
 * The analysis format, `metaforge.pattern-analysis` version 1: what the engine returns, the CLI writes
 * and the app stores. Documented in docs/reference/pattern-analysis-format.md.
 */

export const ANALYSIS_FORMAT = "metaforge.pattern-analysis";

export const holeTypeSchema = z.enum(["identifier", "string", "number", "code"]);
export const unitKindSchema = z.enum(["file", "class", "function", "method", "members", "statements", "block", "definition"]);

export const analysisOptionsSchema = z.object({
  /** An instance holds at least this many tokens, unless its group is a family of small units (below). */
  minTokens: z.int().min(10).max(10_000).default(50),
  /** An instance spans at least this many lines. */
  minLines: z.int().min(1).max(1000).default(3),
  /** Small units (at least `minItemTokens` tokens) form a group when it has at least `minItemInstances` instances. */
  minItemTokens: z.int().min(5).max(10_000).default(12),
  minItemInstances: z.int().min(2).max(1000).default(3),
  /** Groups whose holes outside comments hold more than this share of the instances' bytes are dropped. */
  maxHoleShare: z.number().min(0).max(1).default(0.65),
  /** Languages to analyse (others are listed as skipped); empty: all. */
  languages: z.array(z.string()).default([]),
});
export type AnalysisOptions = z.infer<typeof analysisOptionsSchema>;

export const analysisFileSchema = z.object({
  path: z.string(),
  language: z.string(),
  lines: z.int().min(0),
  bytes: z.int().min(0),
  sha256: z.string(),
  skipped: z.enum(["binary", "too-large", "minified", "language"]).optional(),
});
export type AnalysisFile = z.infer<typeof analysisFileSchema>;

export const holeSchema = z.object({
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  type: holeTypeSchema,
  /** The hole holds, in every instance, an instance of another group (the group is a frame, PA-19). */
  nested: z.literal(true).optional(),
});

export const instanceSchema = z.object({
  file: z.string(),
  start: z.int().min(0),
  end: z.int().min(0),
  startLine: z.int().min(1),
  endLine: z.int().min(1),
  bindings: z.record(z.string(), z.string()),
});
export type PatternInstance = z.infer<typeof instanceSchema>;

export const groupStatsSchema = z.object({
  lines: z.int(),
  linesSaved: z.int(),
  templateBytes: z.int(),
  bindingBytes: z.int(),
  originalBytes: z.int(),
  compression: z.number(),
  holeShare: z.number(),
  score: z.number(),
});

export const groupSchema = z.object({
  id: z.string(),
  unit: unitKindSchema,
  language: z.string(),
  template: z.string(),
  holes: z.array(holeSchema),
  instances: z.array(instanceSchema).min(2),
  stats: groupStatsSchema,
});
export type PatternGroup = z.infer<typeof groupSchema>;

export const analysisSchema = z.object({
  format: z.literal(ANALYSIS_FORMAT),
  version: z.literal(1),
  options: analysisOptionsSchema,
  files: z.array(analysisFileSchema),
  groups: z.array(groupSchema),
  summary: z.object({
    files: z.int(),
    skipped: z.int(),
    lines: z.int(),
    groups: z.int(),
    coveredLines: z.int(),
    coverage: z.number(),
    compression: z.number(),
  }),
});
export type Analysis = z.infer<typeof analysisSchema>;
