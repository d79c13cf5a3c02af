import { starterByKey } from "../../metamodel/starters";
import type { Partial, Template } from "../schema";

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
}

interface FileSpec {
  path: string;
  body: string;
  /** A class name of the starter: one output per object of it (and its subclasses). */
  forEach?: string;
}

export function defineBuiltin(spec: Omit<BuiltinTemplate, "template"> & { description?: string; files: FileSpec[]; partials?: Partial[] }): BuiltinTemplate {
  const starter = starterByKey(spec.starter);
  if (!starter) throw new Error(`no starter ${spec.starter}`);
  const mm = starter.build();
  const classId = (name: string) => {
    const c = mm.classes.find((x) => x.name === name);
    if (!c) throw new Error(`starter ${spec.starter} has no class ${name}`);
    return c.id;
  };
  const { files, partials = [], description = spec.summary, ...rest } = spec;
  return {
    ...rest,
    template: {
      name: spec.title,
      description,
      files: files.map((f, i) => ({ id: `f_${spec.key.replace(/[^a-z0-9]/g, "_")}_${i + 1}`, path: f.path, body: f.body, forEach: f.forEach ? classId(f.forEach) : null })),
      partials,
    },
  };
}
