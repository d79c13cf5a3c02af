import type { MetaModel } from "../../metamodel/schema";
import { starterByKey } from "../../metamodel/starters";
import { shopApiModel, shopModel } from "../../model/fixtures";
import type { Model } from "../../model/schema";
import type { Partial, Template } from "../schema";
import { toFixture, type TemplateTestCase } from "../test-cases-schema";

/**
 * Built-in templates are written in code against a starter meta-model, naming classes by name; the
 * names are resolved to the starter's stable class ids here.
 */

/** Which real validator a built-in's output must pass (server/generation/checks.ts). */
export type OutputCheck = "typescript" | "postgres" | "openapi" | "jsonschema" | "graphql";

export interface BuiltinTemplate {
  key: string;
  title: string;
  summary: string;
  /** The starter meta-model it targets. */
  starter: string;
  /** The main language of its output (for the UI). */
  language: string;
  checks: OutputCheck[];
  template: Template;
  /**
   * Its test cases, in the format of a template's (test-cases-schema.ts) without the expected files:
   * those are checked in under cases/<key>/<case id without "t_">/ (builtin-cases.test.ts runs them;
   * `npm run templates:accept` rewrites them). A template created from the built-in gets these cases
   * with the output it generates on its own meta-model.
   */
  cases: Array<Omit<TemplateTestCase, "expected">>;
}

/** A test case of a built-in: an id ("t_" + lowercase letters and digits) and a fixture model. */
export interface CaseSpec {
  id: string;
  name: string;
  model(mm: MetaModel): Model;
}

/** The fixture each starter's built-ins are tested with (core/model/fixtures.ts). */
const STARTER_CASES: Record<string, CaseSpec[]> = {
  "entity-relational": [{ id: "t_shop", name: "Shop (fixture)", model: shopModel }],
  "rest-api": [{ id: "t_shopapi", name: "Shop API (fixture)", model: shopApiModel }],
};

interface FileSpec {
  path: string;
  body: string;
  /** A class name of the starter: one output per object of it (and its subclasses). */
  forEach?: string;
}

export function defineBuiltin(
  spec: Omit<BuiltinTemplate, "template" | "cases"> & { description?: string; files: FileSpec[]; partials?: Partial[]; cases?: CaseSpec[] },
): BuiltinTemplate {
  const starter = starterByKey(spec.starter);
  if (!starter) throw new Error(`no starter ${spec.starter}`);
  const mm = starter.build();
  const classId = (name: string) => {
    const c = mm.classes.find((x) => x.name === name);
    if (!c) throw new Error(`starter ${spec.starter} has no class ${name}`);
    return c.id;
  };
  const { files, partials = [], description = spec.summary, cases = STARTER_CASES[spec.starter] ?? [], ...rest } = spec;
  return {
    ...rest,
    cases: cases.map((c) => ({ id: c.id, name: c.name, model: toFixture(mm, c.model(mm)) })),
    template: {
      name: spec.title,
      description,
      files: files.map((f, i) => ({ id: `f_${spec.key.replace(/[^a-z0-9]/g, "_")}_${i + 1}`, path: f.path, body: f.body, forEach: f.forEach ? classId(f.forEach) : null })),
      partials,
      tests: [],
    },
  };
}
