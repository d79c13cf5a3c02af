import { z } from "zod";
import { elementIdSchema } from "../metamodel/schema";
import type { MetaModel } from "../metamodel/schema";
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, toModelDocument } from "../model/document";
import type { Model } from "../model/schema";

/**
 * A template's test cases: a fixture model (as a `metaforge.model` document, name-keyed, so people
 * can read it) and the files the template must generate from it, byte for byte (formatted the way
 * generation formats them). Part of the template: co-edited in the draft, frozen in each version.
 *
 * The model is checked only loosely here (header, ids, class names are strings); reading it against
 * the meta-model happens when the case runs (`runTemplateTests`), which reports what does not fit.
 */

export const TEST_LIMITS = {
  /** Test cases per template. */
  cases: 50,
  /** Objects in one fixture model. */
  objects: 5_000,
  /** Expected files per case. */
  files: 500,
  /** Characters of one expected file. */
  fileChars: 1_000_000,
  /** Characters of all expected files of one case together. */
  caseChars: 5_000_000,
};

export const TEST_ID = /^t_[a-z0-9]{4,40}$/;

/** A new test case id: "t_" and 10 random base-36 characters (Web Crypto, no I/O). */
export function newTestCaseId(): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let out = "t_";
  for (const b of bytes) out += "0123456789abcdefghijklmnopqrstuvwxyz"[b % 36];
  return out;
}

/** The fixture: a model document (core/model/document.ts), validated against the meta-model at run time. */
export const fixtureModelSchema = z.looseObject({
  format: z.literal(MODEL_FORMAT, { message: `The fixture model must be a "${MODEL_FORMAT}" document.` }),
  version: z.literal(MODEL_FORMAT_VERSION),
  name: z.string().max(120),
  description: z.string().max(100_000).default(""),
  objects: z
    .array(z.looseObject({ id: elementIdSchema, class: z.string().max(200) }))
    .max(TEST_LIMITS.objects, `A fixture model has at most ${TEST_LIMITS.objects} objects.`)
    .default([]),
});
export type FixtureModel = z.infer<typeof fixtureModelSchema>;

/** A model as a fixture: its document (name-keyed, ids kept). Throws past the object limit. */
export function toFixture(mm: MetaModel, model: Model): FixtureModel {
  return fixtureModelSchema.parse(toModelDocument(mm, model));
}

export const expectedFileSchema = z.object({
  path: z.string().min(1).max(1024),
  content: z.string().max(TEST_LIMITS.fileChars, "An expected file is limited to 1 MB."),
});
export type ExpectedFile = z.infer<typeof expectedFileSchema>;

export const testCaseSchema = z.object({
  id: z.string().regex(TEST_ID, 'A test case id looks like "t_k3j9x0a2mz".'),
  name: z.string().trim().min(1, "A test case needs a name.").max(120, "Keep the name under 120 characters."),
  model: fixtureModelSchema,
  expected: z
    .array(expectedFileSchema)
    .max(TEST_LIMITS.files, `A test case expects at most ${TEST_LIMITS.files} files.`)
    .refine((files) => new Set(files.map((f) => f.path)).size === files.length, "Two expected files share a path.")
    .refine((files) => files.reduce((n, f) => n + f.content.length, 0) <= TEST_LIMITS.caseChars, "The expected files of one case are limited to 5 MB together."),
});
export type TemplateTestCase = z.infer<typeof testCaseSchema>;

export const testCasesSchema = z
  .array(testCaseSchema)
  .max(TEST_LIMITS.cases, `A template has at most ${TEST_LIMITS.cases} test cases.`)
  .refine((cases) => new Set(cases.map((c) => c.id)).size === cases.length, "Two test cases share an id.");
