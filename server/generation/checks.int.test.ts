import { describe, expect, it } from "vitest";
import { formatFiles } from "@/core/generate/format";
import { generate, type GeneratedFile } from "@/core/generate/generator";
import { starterByKey } from "@/core/metamodel/starters";
import { shopApiModel, shopModel } from "@/core/model/fixtures";
import { BUILTIN_TEMPLATES } from "@/core/templates/builtin";
import { compileTemplate } from "@/core/templates/engine";
import { useTestDatabase } from "@/test/db";
import { checkGraphql, checkJsonSchema, checkOpenApi, checkPostgres, checkTypeScript, runOutputChecks } from "./checks";
import { oxfmtFormatter } from "./formatter";

const OK_API = "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      responses:\n        '200': { description: ok }\n";

const file = (path: string, content: string): GeneratedFile => ({ path, content, fileId: "f", objectId: null });

describe("output checks catch broken output", () => {
  const db = useTestDatabase();

  it("typescript: a type error is reported with its file and line; imports of installed packages resolve", () => {
    const good = checkTypeScript([file("src/a.ts", 'import { z } from "zod";\nexport const A = z.object({ n: z.number() });\nexport type A = z.infer<typeof A>;\n')]);
    expect(good).toMatchObject({ ok: true, files: 1 });
    const bad = checkTypeScript([file("src/a.ts", "export const n: number = 1;\n"), file("src/b.ts", 'import { n } from "./a";\nexport const s: string = n;\n')]);
    expect(bad.ok).toBe(false);
    expect(bad.messages[0]).toMatch(/^src\/b\.ts:2:14 Type 'number' is not assignable to type 'string'/);
  });

  it("postgres: DDL that does not apply is reported with its line, and nothing is left behind", async () => {
    const ok = await checkPostgres([file("schema.sql", "create table a (id uuid primary key);\ncreate table b (a_id uuid references a(id));\n")], db.sql);
    expect(ok).toMatchObject({ ok: true, files: 1 });
    const bad = await checkPostgres([file("schema.sql", "create table a (id uuid primary key);\n\ncreate table b (x nosuchtype);\n")], db.sql);
    expect(bad.ok).toBe(false);
    expect(bad.messages[0]).toMatch(/^schema\.sql:3 type "nosuchtype" does not exist/);
    const leftovers = await db.sql`select nspname from pg_namespace where nspname like 'mf_check_%'`;
    expect(leftovers).toHaveLength(0);
  });

  it("openapi, json schema, graphql: invalid documents are refused", async () => {
    expect((await checkOpenApi([file("openapi.yaml", OK_API)])).messages).toEqual([]);
    const badApi = await checkOpenApi([file("openapi.yaml", OK_API.replace("version: '1' ", ""))]);
    expect(badApi.ok).toBe(false);
    expect(checkJsonSchema([file("a.json", JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object" }))]).ok).toBe(true);
    expect(checkJsonSchema([file("a.json", JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "objekt" }))]).ok).toBe(false);
    expect(checkGraphql([file("s.graphql", "type Query { a: Int }")]).ok).toBe(true);
    const badGql = checkGraphql([file("s.graphql", "type Query { a: Missing }")]);
    expect(badGql.ok).toBe(false);
    expect(badGql.messages[0]).toContain("Missing");
  });
});

describe("every built-in template's output passes its checks on the fixture model", () => {
  const db = useTestDatabase();
  for (const builtin of BUILTIN_TEMPLATES) {
    it(`${builtin.key}: ${builtin.checks.join(", ") || "no checks"}`, async () => {
      const mm = starterByKey(builtin.starter)!.build();
      const model = builtin.starter === "rest-api" ? shopApiModel(mm) : shopModel(mm);
      const result = generate(compileTemplate(builtin.template), mm, model);
      expect(result.problems).toEqual([]);
      const formatted = await formatFiles(result.files, oxfmtFormatter);
      expect(formatted.warnings).toEqual([]);
      const checks = await runOutputChecks(builtin.checks, formatted.files, { sql: db.sql });
      for (const c of checks) expect({ check: c.check, messages: c.messages }).toEqual({ check: c.check, messages: [] });
      expect(checks.every((c) => c.files > 0)).toBe(true);
    }, 60_000);
  }
});
