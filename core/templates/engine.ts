import { Liquid, type Template as LiquidTemplate } from "liquidjs";
import { compileLiquid, type CompiledRender, type IterationMemo } from "./compile";
import type { TemplateProblem } from "./errors";
import { FILTERS } from "./filters";
import { FAST_LIQUID_FILTERS } from "./liquid-filters";
import type { Partial, Template, TemplateFile } from "./schema";

/**
 * Renders templates written by anyone, safely: Liquid runs no JavaScript, every filter and variable
 * must exist (a typo is an error, not an empty string), only own properties are readable (no
 * `constructor` or `__proto__`), and parse size, render time and memory are bounded. Errors are
 * reported with the template file, part, line and column.
 */

export const LIMITS = {
  /** Characters parsed per template file or partial. */
  parse: 2_000_000,
  /** Milliseconds per render of one output (a one-file output of a large model takes seconds). */
  render: 10_000,
  /** LiquidJS's allocation budget (roughly characters created) per render. */
  memory: 50_000_000,
};

export interface CompiledFile {
  file: TemplateFile;
  path: LiquidTemplate[];
  body: LiquidTemplate[];
  /** The parts compiled to closures (compile.ts), or null where LiquidJS interprets them. */
  render: { path: CompiledRender; body: CompiledRender } | null;
}

/**
 * How templates are rendered: "compiled" (the default) runs compile.ts's closures over LiquidJS's parse
 * tree; "interpreted" runs LiquidJS's own renderer. They give the same output and errors (compile.test.ts
 * checks it); the interpreter stays as the reference.
 */
export type RenderEngine = "compiled" | "interpreted";

export interface CompiledTemplate {
  template: Template;
  files: CompiledFile[];
  /** Parse problems; files with problems are left out of `files`. */
  problems: TemplateProblem[];
  liquid: Liquid;
}

export function createLiquid(partials: Partial[] = []): Liquid {
  const liquid = new Liquid({
    templates: Object.fromEntries(partials.map((p) => [p.name, p.body])),
    strictFilters: true,
    strictVariables: true,
    ownPropertyOnly: true,
    // A missing variable is an error, except where the template asks whether it exists: in an
    // `{% if %}`/`{% unless %}` condition and through the `default` filter.
    lenientIf: true,
    // Partials are parsed once, not on every `{% render %}`.
    cache: true,
    parseLimit: LIMITS.parse,
    renderLimit: LIMITS.render,
    memoryLimit: LIMITS.memory,
    // Generated code keeps its blank lines; whitespace control ({%- -%}) trims one line at a time.
    greedy: false,
  });
  for (const [name, filter] of Object.entries(FAST_LIQUID_FILTERS)) liquid.registerFilter(name, filter);
  for (const [name, filter] of Object.entries(FILTERS)) liquid.registerFilter(name, filter);
  return liquid;
}

interface LiquidErrorLike {
  message: string;
  originalError?: Error;
  token?: { getPosition(): number[]; file?: string };
}

/** Turns a LiquidJS error into a located problem (a partial's error points into the partial). */
export function toProblem(error: unknown, fileId: string | null, part: "path" | "body", objectId?: string): TemplateProblem {
  const e = error as LiquidErrorLike;
  const [line = 1, column = 1] = e.token?.getPosition?.() ?? [];
  const raw = e.originalError?.message ?? e.message ?? String(error);
  const message = raw.replace(/(, file:[^,]*)?, line:\d+, col:\d+$/, "");
  const partial = e.token?.file;
  return {
    fileId: partial ? null : fileId,
    part: partial ? { partial } : part,
    line,
    column,
    message: friendly(message),
    ...(objectId ? { objectId } : {}),
  };
}

/** LiquidJS's terse messages, with the next step added. */
function friendly(message: string): string {
  const undefinedVariable = /^undefined variable: (.+)$/.exec(message);
  if (undefinedVariable) return `"${undefinedVariable[1]}" does not exist here. Check the spelling, or use {{ x | default: "" }} for something that may be missing.`;
  const undefinedFilter = /^undefined filter: (.+)$/.exec(message);
  if (undefinedFilter) return `There is no filter "${undefinedFilter[1]}". See the filter reference for the ones that exist.`;
  if (message === "memory alloc limit exceeded") return "The template produced too much output or looped too long (memory limit). Look for a loop that does not end.";
  if (message.startsWith("template render limit exceeded")) return `Rendering took longer than ${LIMITS.render} ms. Look for a loop that does not end.`;
  if (message.startsWith("template parse limit exceeded")) return "The template is too large to parse.";
  return message;
}

export function compileTemplate(template: Template, options: { engine?: RenderEngine } = {}): CompiledTemplate {
  const engine = options.engine ?? "compiled";
  const liquid = createLiquid(template.partials);
  const files: CompiledFile[] = [];
  const problems: TemplateProblem[] = [];
  for (const file of template.files) {
    let path: LiquidTemplate[] | undefined;
    let body: LiquidTemplate[] | undefined;
    try {
      path = liquid.parse(file.path);
    } catch (error) {
      problems.push(toProblem(error, file.id, "path"));
    }
    try {
      body = liquid.parse(file.body);
    } catch (error) {
      problems.push(toProblem(error, file.id, "body"));
    }
    if (path && body) {
      const renderPath = engine === "compiled" ? compileLiquid(liquid, path) : null;
      const renderBody = engine === "compiled" ? compileLiquid(liquid, body) : null;
      files.push({ file, path, body, render: renderPath && renderBody ? { path: renderPath, body: renderBody } : null });
    }
  }
  return { template, files, problems, liquid };
}

/** Renders one part of a compiled file; throws a located TemplateProblem-carrying error. */
export function renderPart(compiled: CompiledTemplate, file: CompiledFile, part: "path" | "body", scope: object, objectId?: string, memo?: IterationMemo): string {
  try {
    if (file.render) return file.render[part](scope, memo);
    return String(compiled.liquid.renderSync(part === "path" ? file.path : file.body, scope));
  } catch (error) {
    throw new TemplateRenderError(toProblem(error, file.file.id, part, objectId));
  }
}

export class TemplateRenderError extends Error {
  constructor(readonly problem: TemplateProblem) {
    super(problem.message);
  }
}
