import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { jsSyntax } from "../../server/patterns/syntax-js";
import { generate } from "../generate/generator";
import { validate } from "../metamodel/validate";
import { checkModel } from "../model/conformance";
import { compileTemplate } from "../templates/engine";
import { templateSchema } from "../templates/schema";
import type { PatternGroup } from "./analysis";
import { analyze } from "./engine";
import { patternClassName, promoteGroup, PromoteError, PROMOTED_IDS } from "./promote";
import { renderPattern } from "./template";

const sha256 = (t: string) => createHash("sha256").update(t).digest("hex");

/** Files built around a template: each occurrence is the template rendered with its bindings. */
function fixture(template: string, layout: Array<{ path: string; pieces: Array<string | Record<string, string>> }>) {
  const files: Array<{ path: string; text: string }> = [];
  const instances: PatternGroup["instances"] = [];
  for (const f of layout) {
    let text = "";
    for (const piece of f.pieces) {
      if (typeof piece === "string") {
        text += piece;
        continue;
      }
      const rendered = renderPattern(template, piece)!;
      const start = text.length;
      const startLine = text.split("\n").length;
      text += rendered;
      instances.push({ file: f.path, start, end: text.length, startLine, endLine: startLine + rendered.split("\n").length - 1, bindings: piece });
    }
    files.push({ path: f.path, text });
  }
  return { files, instances };
}

const TEMPLATE = 'export function get{{ entity }}(id: string) {\n  // {% raw %}{{ not liquid }}{% endraw %} for {{ entity | snake }}\n  return db.query("{{ entity | plural | snake }}", id, {{ limit }});\n}';

function group(instances: PatternGroup["instances"]): PatternGroup {
  return {
    id: "g1",
    unit: "function",
    language: "typescript",
    template: TEMPLATE,
    holes: [
      { name: "entity", type: "identifier" },
      { name: "limit", type: "number" },
    ],
    instances,
    stats: { lines: 4, linesSaved: 4, templateBytes: 0, bindingBytes: 0, originalBytes: 0, compression: 0, holeShare: 0, score: 1 },
  };
}

function regenerate(result: ReturnType<typeof promoteGroup>) {
  const compiled = compileTemplate(templateSchema.parse(result.template));
  expect(compiled.problems).toEqual([]);
  const out = generate(compiled, result.metamodel, result.model);
  expect(out.problems).toEqual([]);
  return out.files.map((f) => ({ path: f.path, text: f.content }));
}

describe("promoting a pattern group", () => {
  const { files, instances } = fixture(TEMPLATE, [
    {
      path: "src/users.ts",
      pieces: ["// Utilisateurs — café ☕ {{ x }} {% if %}\r\n\r\n", { entity: "User", limit: "0x10" }, "\n\n", { entity: "Person", limit: "1_000" }, "\n// fin 🎉\n"],
    },
    { path: "src/orders.ts", pieces: [{ entity: "Order", limit: "20" }] },
    { path: "README.md", pieces: ["# Not part of the pattern {{ nope }}\n"] },
  ]);

  it("regenerates every file that has an occurrence byte for byte with the real generator (non-ASCII, CRLF, Liquid-looking text)", () => {
    const result = promoteGroup({ group: group(instances), files });
    const generated = regenerate(result);
    const originals = files.filter((f) => f.path !== "README.md").sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(generated).toEqual(originals);
    expect(result.expected).toEqual(originals);
    for (const g of generated) expect(sha256(g.text)).toBe(sha256(files.find((f) => f.path === g.path)!.text));
  });

  it("produces a valid meta-model and a conforming model: SourceFile with ordered Text and pattern segments", () => {
    const result = promoteGroup({ group: group(instances), files });
    expect(validate(result.metamodel).filter((p) => p.severity === "error")).toEqual([]);
    expect(checkModel(result.metamodel, result.model).filter((p) => p.severity === "error")).toEqual([]);
    expect(result.className).toBe("Entity");
    const cls = result.metamodel.classes.find((c) => c.id === PROMOTED_IDS.pattern)!;
    expect(cls.attributes.map((a) => [a.name, a.type])).toEqual([
      ["entity", "string"],
      ["limit", "string"],
    ]);
    const sourceFiles = result.model.objects.filter((o) => o.classId === PROMOTED_IDS.sourceFile);
    expect(sourceFiles.map((o) => o.attributes[PROMOTED_IDS.path])).toEqual(["src/orders.ts", "src/users.ts"]);
    const users = sourceFiles[1]!;
    const kinds = users.references[PROMOTED_IDS.segments]!.map((id) => result.model.objects.find((o) => o.id === id)!.classId);
    expect(kinds).toEqual([PROMOTED_IDS.text, PROMOTED_IDS.pattern, PROMOTED_IDS.text, PROMOTED_IDS.pattern, PROMOTED_IDS.text]);
    // The orders file is one occurrence and nothing else: no empty Text segments.
    expect(sourceFiles[0]!.references[PROMOTED_IDS.segments]).toHaveLength(1);
    // Number holes keep their exact spelling.
    const occurrences = result.model.objects.filter((o) => o.classId === PROMOTED_IDS.pattern);
    expect(occurrences.map((o) => Object.values(o.attributes)[1])).toEqual(["20", "0x10", "1_000"]);
  });

  it("turns formatting off for the generated file and puts the extracted template in a partial", () => {
    const result = promoteGroup({ group: group(instances), files, name: "Data access" });
    expect(result.template.files).toHaveLength(1);
    expect(result.template.files[0]).toMatchObject({ path: "{{ sourceFile.path }}", forEach: PROMOTED_IDS.sourceFile, format: false });
    expect(result.template.partials).toEqual([{ name: "pattern", body: TEMPLATE }]);
    expect(result.className).toBe("DataAccess");
    expect(result.metamodel.name).toBe("Data access");
  });

  it("multi-line hole values become text attributes; class names avoid the built-in classes", () => {
    const g = group(instances);
    expect(patternClassName({ ...g, holes: [{ name: "segment", type: "identifier" }] })).toBe("SegmentPattern");
    expect(patternClassName({ ...g, holes: [{ name: "text", type: "code" }] })).toBe("FunctionPattern");
    expect(patternClassName({ ...g, holes: [{ name: "user_service", type: "identifier" }] })).toBe("UserService");
    expect(patternClassName({ ...g, holes: [] })).toBe("FunctionPattern");
    const multi = fixture("x = {{ body }};\n", [{ path: "a.py", pieces: [{ body: "1 +\n 2" }, { body: "3" }] }]);
    const res = promoteGroup({ group: { ...g, template: "x = {{ body }};\n", holes: [{ name: "body", type: "string" }], instances: multi.instances }, files: multi.files });
    expect(res.metamodel.classes.find((c) => c.id === PROMOTED_IDS.pattern)!.attributes[0]!.type).toBe("text");
    expect(regenerate(res)).toEqual(multi.files);
  });

  it("refuses an analysis whose occurrences no longer match the files", () => {
    const changed = files.map((f) => (f.path === "src/orders.ts" ? { ...f, text: f.text.replace("Order", "Ordre") } : f));
    expect(() => promoteGroup({ group: group(instances), files: changed })).toThrow(PromoteError);
    expect(() => promoteGroup({ group: group(instances), files: files.filter((f) => f.path !== "src/orders.ts") })).toThrow(/missing/);
  });

  it("round-trips a group the engine found in real code (TypeScript services)", () => {
    const service = (e: string, table: string) => `import { db } from "../db";

/** Reads and writes ${e.toLowerCase()}s — « ${e} » {{ cache }}. */
export class ${e}Service {
  constructor(private readonly repo = db.table("${table}")) {}

  async find${e}(id: string) {
    const row = await this.repo.get(id);
    if (!row) throw new Error("No ${e.toLowerCase()} " + id);
    return row;
  }

  async list${e}s(limit = 20) {
    return this.repo.scan({ limit, path: "/${e.toLowerCase()}s" });
  }
}
`;
    const code = [
      { path: "src/users.ts", text: service("User", "USERS") },
      { path: "src/orders.ts", text: service("Order", "ORDERS") },
      { path: "src/products.ts", text: `${service("Product", "PRODUCTS")}\nexport const café = "crème";\n` },
    ];
    const analysis = analyze({ files: code, sha256, syntax: jsSyntax });
    expect(analysis.groups.length).toBeGreaterThan(0);
    for (const g of analysis.groups) {
      const result = promoteGroup({ group: g, files: code });
      const generated = regenerate(result);
      const paths = new Set(g.instances.map((i) => i.file));
      expect(generated).toEqual(code.filter((f) => paths.has(f.path)).sort((a, b) => (a.path < b.path ? -1 : 1)));
    }
  });
});
