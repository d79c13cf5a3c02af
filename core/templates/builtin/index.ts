import type { BuiltinTemplate } from "./define";
import { drizzle } from "./drizzle";
import { goStructs } from "./go-structs";
import { graphqlSdl } from "./graphql-sdl";
import { javaRecords } from "./java-records";
import { jsonSchema } from "./json-schema";
import { markdownDocs } from "./markdown-docs";
import { openapi } from "./openapi";
import { postgresDdl } from "./postgres-ddl";
import { pythonPydantic } from "./python-pydantic";
import { restCrudService } from "./rest-crud-service";
import { typescriptZod } from "./typescript-zod";

export type { BuiltinTemplate, OutputCheck } from "./define";

/** The built-in templates, in the order the UI lists them. */
export const BUILTIN_TEMPLATES: BuiltinTemplate[] = [
  typescriptZod,
  drizzle,
  postgresDdl,
  openapi,
  jsonSchema,
  pythonPydantic,
  javaRecords,
  goStructs,
  graphqlSdl,
  markdownDocs,
  restCrudService,
];

export function builtinByKey(key: string): BuiltinTemplate | undefined {
  return BUILTIN_TEMPLATES.find((b) => b.key === key);
}
