import path from "node:path";
import { validate as validateOpenApi, compileErrors } from "@readme/openapi-parser";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { buildSchema, validateSchema } from "graphql";
import type postgres from "postgres";
import ts from "typescript";
import YAML from "yaml";
import type { GeneratedFile } from "@/core/generate/generator";
import type { OutputCheck } from "@/core/templates/builtin/define";

/**
 * Checks on generated output with the real tools: the TypeScript compiler (in process), PostgreSQL
 * (the DDL applied in a scratch schema inside a transaction that is always rolled back), the OpenAPI
 * 3.1 validator, Ajv for JSON Schema 2020-12, and graphql-js for SDL.
 */

export interface CheckResult {
  check: OutputCheck;
  ok: boolean;
  /** One line per finding: "path:line:column message". Empty when ok. */
  messages: string[];
  /** Files the check looked at. */
  files: number;
}

const ext = (p: string) => p.slice(p.lastIndexOf(".") + 1).toLowerCase();

/** Type-checks the .ts files as one strict project; imports resolve against this app's node_modules. */
export function checkTypeScript(files: GeneratedFile[]): CheckResult {
  const sources = files.filter((f) => ["ts", "tsx", "mts"].includes(ext(f.path)));
  // A virtual folder inside the project, so `import { z } from "zod"` finds node_modules/zod.
  const root = path.join(process.cwd(), ".generated-check");
  const memory = new Map(sources.map((f) => [path.join(root, f.path), f.content]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    esModuleInterop: true,
    types: ["node"],
    typeRoots: [path.join(process.cwd(), "node_modules/@types")],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const directoryExists = host.directoryExists?.bind(host);
  const dirs = new Set([...memory.keys()].flatMap((f) => {
    const out: string[] = [];
    for (let d = path.dirname(f); d.startsWith(root); d = path.dirname(d)) out.push(d);
    return out;
  }));
  host.readFile = (f) => memory.get(f) ?? readFile(f);
  host.fileExists = (f) => memory.has(f) || fileExists(f);
  host.directoryExists = (d) => dirs.has(d) || (directoryExists ? directoryExists(d) : false);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError) => {
    const text = memory.get(f);
    return text !== undefined ? ts.createSourceFile(f, text, lang) : getSourceFile(f, lang, onError);
  };
  const program = ts.createProgram([...memory.keys()], options, host);
  const messages = ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n").split("\n")[0];
    if (!d.file || d.start === undefined) return text ?? "";
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(root, d.file.fileName)}:${line + 1}:${character + 1} ${text}`;
  });
  return { check: "typescript", ok: messages.length === 0, messages, files: sources.length };
}

class Rollback extends Error {}

/** Applies every .sql file, in path order, to a fresh schema in a transaction that is rolled back. */
export async function checkPostgres(files: GeneratedFile[], sql: postgres.Sql): Promise<CheckResult> {
  const scripts = files.filter((f) => ext(f.path) === "sql").sort((a, b) => (a.path < b.path ? -1 : 1));
  const messages: string[] = [];
  try {
    await sql.begin(async (tx) => {
      const schema = `mf_check_${Math.random().toString(36).slice(2, 10)}`;
      await tx.unsafe(`create schema ${schema}`);
      await tx.unsafe(`set local search_path to ${schema}`);
      for (const f of scripts) {
        try {
          await tx.unsafe(f.content);
        } catch (error) {
          const e = error as Error & { position?: string };
          const at = e.position ? Number(e.position) : undefined;
          const line = at ? f.content.slice(0, at).split("\n").length : undefined;
          messages.push(`${f.path}${line ? `:${line}` : ""} ${e.message}`);
          break;
        }
      }
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return { check: "postgres", ok: messages.length === 0, messages, files: scripts.length };
}

function parseStructured(f: GeneratedFile): unknown {
  return ["yaml", "yml"].includes(ext(f.path)) ? YAML.parse(f.content) : JSON.parse(f.content);
}

/** Validates every file that declares `openapi: 3.x` against the OpenAPI specification. */
export async function checkOpenApi(files: GeneratedFile[]): Promise<CheckResult> {
  const messages: string[] = [];
  let count = 0;
  for (const f of files.filter((x) => ["yaml", "yml", "json"].includes(ext(x.path)))) {
    let doc: unknown;
    try {
      doc = parseStructured(f);
    } catch (error) {
      messages.push(`${f.path} ${(error as Error).message}`);
      continue;
    }
    if (!doc || typeof doc !== "object" || !("openapi" in doc)) continue;
    count++;
    const result = await validateOpenApi(structuredClone(doc) as Parameters<typeof validateOpenApi>[0]);
    if (!result.valid) messages.push(`${f.path} ${compileErrors(result)}`);
  }
  if (count === 0) messages.push("No OpenAPI document (a JSON or YAML file with an `openapi` key) was generated.");
  return { check: "openapi", ok: messages.length === 0, messages, files: count };
}

/** Compiles every .json file that declares a JSON Schema `$schema` with Ajv (2020-12, strict). */
export function checkJsonSchema(files: GeneratedFile[]): CheckResult {
  const messages: string[] = [];
  const schemas = files.filter((f) => ext(f.path) === "json").flatMap((f) => {
    try {
      const doc = JSON.parse(f.content) as { $schema?: string };
      return typeof doc.$schema === "string" && doc.$schema.includes("json-schema.org") ? [{ f, doc }] : [];
    } catch (error) {
      messages.push(`${f.path} ${(error as Error).message}`);
      return [];
    }
  });
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  for (const { f, doc } of schemas) {
    try {
      ajv.addSchema(doc, f.path);
    } catch (error) {
      messages.push(`${f.path} ${(error as Error).message}`);
    }
  }
  for (const { f } of schemas) {
    try {
      ajv.getSchema(f.path);
    } catch (error) {
      messages.push(`${f.path} ${(error as Error).message}`);
    }
  }
  if (schemas.length === 0) messages.push("No JSON Schema file (a .json file with a json-schema.org `$schema`) was generated.");
  return { check: "jsonschema", ok: messages.length === 0, messages, files: schemas.length };
}

/** Builds every .graphql file into a schema with graphql-js and validates it. */
export function checkGraphql(files: GeneratedFile[]): CheckResult {
  const sdl = files.filter((f) => ["graphql", "gql"].includes(ext(f.path)));
  const messages: string[] = [];
  for (const f of sdl) {
    try {
      const errors = validateSchema(buildSchema(f.content));
      for (const e of errors) messages.push(`${f.path} ${e.message}`);
    } catch (error) {
      const e = error as Error & { locations?: Array<{ line: number; column: number }> };
      const at = e.locations?.[0];
      messages.push(`${f.path}${at ? `:${at.line}:${at.column}` : ""} ${e.message.split("\n")[0]}`);
    }
  }
  if (sdl.length === 0) messages.push("No GraphQL file (.graphql) was generated.");
  return { check: "graphql", ok: messages.length === 0, messages, files: sdl.length };
}

export async function runOutputChecks(checks: OutputCheck[], files: GeneratedFile[], deps: { sql: postgres.Sql }): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (check === "typescript") results.push(checkTypeScript(files));
    else if (check === "postgres") results.push(await checkPostgres(files, deps.sql));
    else if (check === "openapi") results.push(await checkOpenApi(files));
    else if (check === "jsonschema") results.push(checkJsonSchema(files));
    else results.push(checkGraphql(files));
  }
  return results;
}
