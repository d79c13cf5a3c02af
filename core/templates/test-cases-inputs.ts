import { z } from "zod";
import { modelIdSchema } from "../model/inputs";
import { templateIdSchema, versionRefSchema } from "./inputs";
import { TEST_ID, TEST_LIMITS } from "./test-cases-schema";

/** Input schemas for the template test procedures (template.runTests, template.testCaseFromModel). */

export const runTemplateTestsInput = z.object({
  templateId: templateIdSchema,
  /** The live draft (default) or a published version. */
  version: versionRefSchema.default("draft"),
  /** Only these cases (e.g. the one the user re-runs); all when absent. */
  caseIds: z.array(z.string().regex(TEST_ID, "Not a test case id.")).max(TEST_LIMITS.cases).optional(),
});
export type RunTemplateTestsInput = z.infer<typeof runTemplateTestsInput>;

export const testCaseFromModelInput = z.object({
  templateId: templateIdSchema,
  modelId: modelIdSchema,
  /** The case's name; the model's name when absent. */
  name: z.string().trim().max(120, "Keep the name under 120 characters.").optional(),
});
export type TestCaseFromModelInput = z.infer<typeof testCaseFromModelInput>;
