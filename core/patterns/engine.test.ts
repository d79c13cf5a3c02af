import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createLiquid } from "../templates/engine";
import { jsSyntax } from "../../server/patterns/syntax-js";
import { analysisSchema, type Analysis } from "./analysis";
import { analyze, apart, type SourceFile } from "./engine";
import { renderPattern } from "./template";

const sha256 = (t: string) => createHash("sha256").update(t).digest("hex");

function service(entity: string, plural: string, table: string, extra = ""): string {
  return `import { db } from "../db";

/** Reads and writes ${plural}. */
export class ${entity}Service {
  constructor(private readonly ${entity.toLowerCase()}Repo = db.table("${table}")) {}

  async find${entity}(id: string) {
    const row = await this.${entity.toLowerCase()}Repo.get(id);
    if (!row) throw new Error("No ${entity.toLowerCase()} " + id);
    return row;
  }

  async list${entity}s(limit = 20) {
    return this.${entity.toLowerCase()}Repo.scan({ limit, path: "/${plural}" });
  }
}
${extra}`;
}

const SHOP: SourceFile[] = [
  { path: "src/users.ts", text: service("User", "users", "USER_TABLE") },
  { path: "src/orders.ts", text: service("Order", "orders", "ORDER_TABLE") },
  { path: "src/products.ts", text: service("Product", "products", "PRODUCT_TABLE", "\nexport const café = \"crème {{ brûlée }}\";\n") },
];

const run = (files: SourceFile[], options = {}) => analyze({ files, options, sha256, syntax: jsSyntax });

/**
 * PA-13/PA-15: every instance renders to its bytes, instances never overlap, splicing rebuilds every file;
 * PA-19: except an instance inside a frame's, which is the value of one of the frame's nested holes.
 */
function expectRoundTrip(analysis: Analysis, files: SourceFile[]) {
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  const perFile = new Map<string, { start: number; end: number; text: string; nested: string[] }[]>();
  for (const g of analysis.groups) {
    for (const inst of g.instances) {
      const text = byPath.get(inst.file)!;
      const rendered = renderPattern(g.template, inst.bindings);
      expect(rendered).toBe(text.slice(inst.start, inst.end));
      const list = perFile.get(inst.file) ?? [];
      list.push({ start: inst.start, end: inst.end, text: rendered!, nested: g.holes.filter((h) => h.nested).map((h) => inst.bindings[h.name]!) });
      perFile.set(inst.file, list);
    }
  }
  for (const [path, list] of perFile) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    const original = byPath.get(path)!;
    let rebuilt = "";
    let at = 0;
    let outer: (typeof list)[number] | null = null;
    for (const r of list) {
      if (outer && r.start >= outer.start && r.end <= outer.end) {
        expect(outer.nested).toContain(r.text);
        continue;
      }
      outer = r;
      expect(r.start).toBeGreaterThanOrEqual(at);
      rebuilt += original.slice(at, r.start) + r.text;
      at = r.end;
    }
    rebuilt += original.slice(at);
    expect(sha256(rebuilt)).toBe(sha256(original));
  }
}

describe("pattern engine", () => {
  it("PA-8/PA-9/PA-10: renamed clones form one group whose case and plural variants are one hole", () => {
    const analysis = run(SHOP);
    expect(analysisSchema.parse(analysis)).toBeTruthy();
    const g = analysis.groups[0]!;
    expect(g.instances.map((i) => i.file)).toEqual(["src/orders.ts", "src/products.ts", "src/users.ts"]);
    // UserService, userRepo, /users, USER_TABLE and "No user" are one hole, named from its first value.
    expect(g.holes).toEqual([{ name: "order", type: "identifier" }]);
    expect(g.template).toContain("export class {{ order }}Service {");
    expect(g.template).toContain("private readonly {{ order | camel }}Repo");
    expect(g.template).toContain('db.table("{{ order | constant }}_TABLE")');
    expect(g.template).toContain('path: "/{{ order | plural | camel }}"');
    expect(g.template).toContain("/** Reads and writes {{ order | plural | camel }}. */");
    expect(g.instances.map((i) => i.bindings)).toEqual([{ order: "Order" }, { order: "Product" }, { order: "User" }]);
    expectRoundTrip(analysis, SHOP);
  });

  it("PA-13: templates render identically with LiquidJS and the registered filters", async () => {
    const analysis = run(SHOP);
    const liquid = createLiquid();
    for (const g of analysis.groups) {
      for (const inst of g.instances) {
        const text = SHOP.find((f) => f.path === inst.file)!.text;
        expect(await liquid.parseAndRender(g.template, inst.bindings)).toBe(text.slice(inst.start, inst.end));
      }
    }
  });

  it("PA-12: literal text that looks like Liquid stays literal", async () => {
    const body = (name: string) => `export function ${name}() {
  const a = "{{ not a hole }}";
  const b = "{% if x %}{% endraw %}";
  const c = { d: { e: 1 } };
  return [a, b, c, "${name}"].join("{");
}
`;
    const files = [
      { path: "a.ts", text: body("alpha") },
      { path: "b.ts", text: body("beta") },
    ];
    const analysis = run(files, { minTokens: 20 });
    expect(analysis.groups.length).toBeGreaterThan(0);
    const liquid = createLiquid();
    for (const g of analysis.groups) {
      expect(g.template).toContain("{% raw %}");
      for (const inst of g.instances) {
        const text = files.find((f) => f.path === inst.file)!.text;
        expect(await liquid.parseAndRender(g.template, inst.bindings)).toBe(text.slice(inst.start, inst.end));
      }
    }
    expectRoundTrip(analysis, files);
  });

  it("PA-1: the analysis does not depend on the order of the files", () => {
    const a = JSON.stringify(run(SHOP));
    const b = JSON.stringify(run([...SHOP].reverse()));
    const c = JSON.stringify(run([SHOP[1]!, SHOP[2]!, SHOP[0]!]));
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it("PA-2: binary, minified and too-large files are listed as skipped with their reason", () => {
    const files = [
      { path: "logo.png", text: "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000" },
      { path: "app.min.js", text: `var a=1;${"x=1;".repeat(2000)}\n` },
      { path: "big.ts", text: "a\n".repeat(50) },
      ...SHOP,
    ];
    const analysis = analyze({ files, sha256, syntax: jsSyntax, limits: { maxFileChars: 90, minifiedLine: 1000, minifiedAverage: 300 } });
    const reasons = Object.fromEntries(analysis.files.map((f) => [f.path, f.skipped ?? null]));
    expect(reasons["logo.png"]).toBe("binary");
    expect(reasons["app.min.js"]).toBe("too-large");
    expect(reasons["src/users.ts"]).toBe("too-large");
    const normal = analyze({ files, sha256, syntax: jsSyntax });
    const normalReasons = Object.fromEntries(normal.files.map((f) => [f.path, f.skipped ?? null]));
    expect(normalReasons).toMatchObject({ "logo.png": "binary", "app.min.js": "minified", "big.ts": null, "src/users.ts": null });
    expect(analyze({ files: SHOP, sha256, syntax: jsSyntax, options: { languages: ["python"] } }).files.every((f) => f.skipped === "language")).toBe(true);
  });

  it("PA-3: an unknown language and garbage go through the token-level path without throwing", () => {
    const block = (n: string) => `section ${n}\n  key-${n} = value one\n  other = value two three four\n  more = stuff here for ${n}\n  last = item\n`;
    const files = [
      { path: "conf/a.weird", text: block("alpha") + "\n" + block("beta") + "\n" + block("gamma") },
      { path: "junk.ts", text: "}}}{{{ ((( \"unterminated\n/* open comment" },
      { path: "empty.rs", text: "" },
    ];
    const analysis = analyze({ files, sha256, options: { minTokens: 10, minItemTokens: 10 } });
    expect(analysis.files.find((f) => f.path === "conf/a.weird")!.language).toBe("text");
    expect(analysis.groups.length).toBeGreaterThan(0);
    expectRoundTrip(analysis, files);
  });

  it("PA-6: instances start at the start of a line", () => {
    const analysis = run(SHOP, { minTokens: 10, minItemTokens: 10, minItemInstances: 2 });
    for (const g of analysis.groups) {
      for (const inst of g.instances) {
        const text = SHOP.find((f) => f.path === inst.file)!.text;
        const lineStart = text.lastIndexOf("\n", inst.start - 1) + 1;
        expect(text.slice(lineStart, inst.start).trim()).toBe("");
      }
    }
    expectRoundTrip(analysis, SHOP);
  });

  it("PA-7: small units need a family of minItemInstances", () => {
    const item = (n: string) => `  ${n}: stripeMethod({
    method: 'POST',
    fullPath: '/v1/${n}',
  }),
`;
    const file = (names: string[]) => `export const R = Resource.extend({\n${names.map(item).join("")}});\n`;
    const two = [{ path: "a.js", text: file(["create", "update"]) }];
    const three = [{ path: "a.js", text: file(["create", "update", "delete"]) }];
    const small = (a: Analysis) => a.groups.filter((g) => g.unit === "method");
    expect(small(run(two))).toHaveLength(0);
    const found = small(run(three));
    expect(found).toHaveLength(1);
    expect(found[0]!.instances).toHaveLength(3);
    expect(found[0]!.template).toContain("{{ create }}: stripeMethod");
    expect(found[0]!.template).toContain("fullPath: '/v1/{{ create }}'");
    expectRoundTrip(run(three), three);
  });

  it("PA-7: small files are small units: a family of tiny generated files is one file group", () => {
    // Four lines and ~40 tokens each: under minTokens, so only a family of minItemInstances forms a group.
    const command = (name: string) => `import { _ep0, _mw0, command } from "../commandBuilder";
import { ${name}$ } from "../schemas/schemas_0";
export class ${name}Command extends command(_ep0, _mw0, "${name}", ${name}$) {
}
`;
    const files = (names: string[]) => names.map((n) => ({ path: `commands/${n}Command.js`, text: command(n) }));
    const fileGroups = (a: Analysis) => a.groups.filter((g) => g.unit === "file");
    expect(fileGroups(run(files(["Query", "Scan"])))).toHaveLength(0);
    const three = files(["Query", "Scan", "DescribeTable"]);
    const analysis = run(three);
    const found = fileGroups(analysis);
    expect(found).toHaveLength(1);
    // Whole files (up to their last token), in path order.
    const whole = [...three].sort((a, b) => a.path.localeCompare(b.path)).map((f) => [f.path, 0, f.text.trimEnd().length]);
    expect(found[0]!.instances.map((i) => [i.file, i.start, i.end])).toEqual(whole);
    expect(found[0]!.template).toContain("export class {{ describe_table }}Command extends command(_ep0, _mw0, \"{{ describe_table }}\", {{ describe_table }}$) {");
    expectRoundTrip(analysis, three);
  });

  /** Distinct names for generated siblings: OpA0, OpB1, … */
  const opNames = (n: number, suffix = "") => Array.from({ length: n }, (_, i) => `Op${String.fromCharCode(65 + (i % 26))}${i}${suffix}`);
  /** [lines, instances] of each group, shortest pieces first. */
  const pieces = (analysis: Analysis) => analysis.groups.map((g) => [g.stats.lines, g.instances.length]).sort((a, b) => a[0]! - b[0]!);
  /** The files are covered on `lines` lines by groups of these [lines, instances], and round trip. */
  const expectPieces = (files: SourceFile[], lines: number, expected: number[][]) => {
    const analysis = run(files);
    expect(analysis.summary.coveredLines).toBe(lines);
    expect(pieces(analysis)).toEqual(expected);
    expectRoundTrip(analysis, files);
  };

  it("PA-5: a long stretch of similar siblings is cut into pieces that cover it whole", () => {
    const names = opNames(62, "Command");
    // 5 tokens a line: the shortest big run is 10 lines; 62 = 4 × 10 + 2 × 11.
    expectPieces([{ path: "commands/index.d.ts", text: names.map((n) => `export * from "./${n}";\n`).join("") }], 62, [
      [10, 4],
      [11, 2],
    ]);
    // A stretch the shortest run divides keeps its pieces of that length.
    const even = [{ path: "e.ts", text: names.slice(0, 30).map((n) => `export * from "./${n}";\n`).join("") }];
    expect(pieces(run(even))).toEqual([[10, 3]]);
  });

  it("PA-5: a stretch repeating a pattern of several siblings is cut into whole patterns", () => {
    // Two one-line statements repeated 21 times: the shortest big run from a declaration is three lines
    // (declaration, registration, declaration), which would leave every other registration out.
    const names = opNames(21);
    const text = names.map((n) => `export const ${n}Schema = schema("${n.toLowerCase()}", { version: 2, strict: true });\nregistry.register(${n}Schema, "${n}");\n`).join("");
    // 21 patterns of 2 lines, 2 patterns a piece at least: 6 pieces of 2 patterns and 3 of 3.
    expectPieces([{ path: "schemas.ts", text }], 42, [
      [4, 6],
      [6, 3],
    ]);
  });

  it("PA-14/PA-16: groups are ranked by score and hole-heavy groups are dropped", () => {
    const analysis = run(SHOP, { minTokens: 10, minItemTokens: 10, minItemInstances: 2 });
    const scores = analysis.groups.map((g) => g.stats.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const g of analysis.groups) expect(g.stats.holeShare).toBeLessThanOrEqual(0.5);
    const strict = run(SHOP, { maxHoleShare: 0 });
    for (const g of strict.groups) expect(g.holes).toHaveLength(0);
  });

  it("PA-14: holes inside comments do not count against a group (documentation that differs is bound per instance)", () => {
    // The same declaration under long doc comments that share their example but not their prose.
    const prose = (topic: string, n: number) =>
      Array.from({ length: n }, (_, i) => ` * ${topic} paragraph ${i}: ${topic.repeat(3)} explains ${i * 7} things about ${topic}s.`).join("\n");
    const command = (name: string, topic: string, n: number) => `/**
${prose(topic, n)}
 * @example
 * const client = new Client(config);
 * const command = new ${name}Command(input);
 * const response = await client.send(command);
 */
export declare class ${name}Command extends Command<${name}Input, ${name}Output> {
    protected static __types: {
        api: { input: ${name}Input; output: ${name}Output; };
        sdk: { input: ${name}CommandInput; output: ${name}CommandOutput; };
    };
    static from(input: ${name}Input, options?: { retries: number; timeout: number }): ${name}Command;
    send(client: Client): Promise<${name}Output>;
}
`;
    const files = [
      { path: "a.d.ts", text: command("ListTables", "table", 40) },
      { path: "b.d.ts", text: command("GetItem", "item", 25) },
      { path: "c.d.ts", text: command("DeleteBackup", "backup", 55) },
    ];
    const analysis = run(files);
    const g = analysis.groups.find((x) => x.instances.length === 3 && x.unit === "file");
    expect(g).toBeDefined();
    // Most bytes are prose that differs: a hole, yet the group stays, and the shared lines of the example are literal.
    expect(g!.stats.holeShare).toBeGreaterThan(0.5);
    expect(g!.template).toContain(" * const client = new Client(config);\n * const command = new {{ ");
    expectRoundTrip(analysis, files);
    // The same prose in a string, i.e. in code, makes the files too different to form a group.
    const inCode = files.map((f) => ({ ...f, text: f.text.replace(/^\/\*\*\n([^]*?)\n \* @example[^]*?\*\/\n/, (_, p: string) => `const doc = \`${p}\`;\n`) }));
    expect(inCode[0]!.text.startsWith("const doc = ` * table paragraph 0")).toBe(true);
    const dropped = run(inCode);
    expect(dropped.groups.some((x) => x.instances.length === 3)).toBe(true);
    expect(dropped.groups.flatMap((x) => x.instances).filter((i) => i.startLine === 1)).toHaveLength(0);
  });

  it("PA-14: a hole that fills several places counts once", () => {
    const en = (name: string, ...keys: string[]) => `export const ${name} = {\n${keys.map((k) => `    ${k}: "${k}",`).join("\n")}\n};\n`;
    const files = [{ path: "e.js", text: en("BillingMode", "PAY_PER_REQUEST", "PROVISIONED") + en("KeyType", "HASH_KEY", "RANGE_KEY") + en("SSEType", "AES256", "KMS_MANAGED") + en("Status", "DISABLED", "ENABLED_NOW") }];
    const analysis = run(files);
    const g = analysis.groups.find((x) => x.instances.length === 4);
    expect(g).toBeDefined();
    // The rendered holes hold more than half the bytes, but each key is written twice from one hole.
    expect(g!.stats.holeShare).toBeGreaterThan(0.5);
    expect(g!.template).toContain('{{ pay_per_request }}: "{{ pay_per_request }}"');
    expectRoundTrip(analysis, files);
  });

  it("PA-8: the same code nested deeper is one group, its extra indentation one hole", () => {
    const schema = (pad: string, name: string) =>
      [`${name}: {`, `  kind: "object",`, `  fields: {`, `    amount: { kind: "nullable", inner: { kind: "decimal_string" } },`, `    quantity: { kind: "nullable", inner: { kind: "decimal_string" } },`, `    unit_cost: { kind: "nullable", inner: { kind: "decimal_string" } },`, `  },`, `},`]
        .map((l) => pad + l)
        .join("\n");
    const files = [
      { path: "a.js", text: `export const a = {\n${schema("  ", "price")}\n  other: 1,\n};\n` },
      { path: "b.js", text: `export const b = {\n  data: {\n    element: {\n${schema("      ", "line")}\n      other: 2,\n    },\n  },\n};\n` },
    ];
    const analysis = run(files);
    const g = analysis.groups.find((x) => x.holes.some((h) => h.name === "indent"));
    expect(g).toBeDefined();
    expect(g!.template).toContain('\n  {{ indent }}  kind: "object",\n  {{ indent }}  fields: {\n');
    expect(g!.instances.map((i) => [i.file, i.bindings.indent])).toEqual([
      ["a.js", ""],
      ["b.js", "    "],
    ]);
    expectRoundTrip(analysis, files);
  });

  it("PA-15: a group whose instances enclose instances of a better group takes them over when that scores more", () => {
    const inner = (v: string) => [`const ${v}Config = {`, `  retries: 3,`, `  timeout: 1000,`, `  backoff: "exponential",`, `  onError: (e) => log.warn("${v} failed", e),`, `};`];
    const outer = (name: string) =>
      [
        `export function ${name}(client) {`,
        ...inner(name).map((l) => "  " + l),
        `  const started = Date.now();`,
        `  const result = client.call("${name}", ${name}Config);`,
        `  metrics.observe("${name}", Date.now() - started);`,
        `  if (!result.ok) throw new Error("${name} failed: " + result.status);`,
        `  return result.value;`,
        `}`,
      ].join("\n");
    const files = [
      { path: "x.js", text: `${outer("fetchUsers")}\n\n${outer("fetchOrders")}\n` },
      { path: "y.js", text: `${["alpha", "beta", "gamma", "delta"].map((v) => inner(v).join("\n")).join("\n\n")}\n` },
    ];
    const analysis = run(files);
    // The six `const …Config` blocks alone score more than the two functions, yet the functions are kept
    // whole and the blocks keep the four instances outside them.
    const fn = analysis.groups.find((g) => g.unit === "function");
    expect(fn?.instances.map((i) => [i.file, i.startLine, i.endLine])).toEqual([
      ["x.js", 1, 13],
      ["x.js", 15, 27],
    ]);
    const blocks = analysis.groups.find((g) => g.instances.every((i) => i.file === "y.js"));
    expect(blocks?.instances).toHaveLength(4);
    expect(blocks!.stats.score).toBeGreaterThan(fn!.stats.score);
    expectRoundTrip(analysis, files);
  });

  it("PA-15: a group that loses instances to a better one keeps the rest when enough remain", () => {
    const analysis = run(SHOP, { minTokens: 10, minItemTokens: 10, minItemInstances: 2 });
    const seen = new Map<string, [number, number][]>();
    for (const g of analysis.groups) {
      for (const i of g.instances) {
        const list = seen.get(i.file) ?? [];
        for (const [s, e] of list) expect(i.end <= s || i.start >= e).toBe(true);
        list.push([i.start, i.end]);
        seen.set(i.file, list);
      }
    }
  });

  it("summary counts non-blank lines and the share in groups", () => {
    const analysis = run(SHOP);
    const nonBlank = SHOP.reduce((n, f) => n + f.text.split("\n").filter((l) => l.trim()).length, 0);
    expect(analysis.summary.lines).toBe(nonBlank);
    expect(analysis.summary.coverage).toBeGreaterThan(0.8);
    expect(analysis.summary.coveredLines).toBeLessThanOrEqual(nonBlank);
  });

  it("PA-17: near-miss clones (a statement added, a call changed) form one group with code holes", () => {
    const handler = (name: string, extra: string, call: string) => `export async function handle${name}(request: Request, context: Context) {
  const session = await context.sessions.require(request);
  const body = await request.json();
  const parsed = ${name.toLowerCase()}Schema.safeParse(body);
  if (!parsed.success) {
    return Response.json({ error: parsed.error.flatten() }, { status: 400 });
  }${extra}
  const saved = await context.db.${call}(session.workspaceId, parsed.data);
  context.log.info({ id: saved.id, user: session.userId }, "${name.toLowerCase()} saved");
  return Response.json(saved, { status: 201 });
}
`;
    const files = [
      { path: "a.ts", text: handler("Order", "", "orders.insert") },
      { path: "b.ts", text: handler("Invoice", "\n  await context.audit.record(session, \"invoice\");", "invoices.insert") },
      { path: "c.ts", text: handler("Refund", "", "payments.refund") },
    ];
    const analysis = run(files);
    const g = analysis.groups.find((x) => x.instances.length === 3);
    expect(g).toBeDefined();
    expect(g!.holes.some((h) => h.type === "code")).toBe(true);
    expect(g!.instances.find((i) => i.file === "b.ts")!.bindings).toSatisfy((b: Record<string, string>) =>
      Object.values(b).some((v) => v.includes("context.audit.record")),
    );
    expectRoundTrip(analysis, files);
  });

  it("PA-18: a group grows over the sibling that follows each of its instances when those are alike and free", () => {
    // Thirteen error declarations, each followed by its registration. A declaration alone is a small unit
    // with a family of 13; the runs that pair them (PA-5) score less, so the registrations were left out.
    const decl = (name: string) =>
      `export var ${name}$ = [-3, n0, _${name.slice(0, 4)},\n    { [_e]: _c },\n    [_m],\n    [0]\n];\nn0_registry.registerError(${name}$, ${name});\n`;
    const text = opNames(13, "Exception").map(decl).join("");
    const files = [{ path: "schemas.js", text }];
    const analysis = run(files);
    expectRoundTrip(analysis, files);
    const covered = (line: number) => analysis.groups.some((g) => g.instances.some((i) => i.startLine <= line && line <= i.endLine));
    const lines = text.split("\n");
    lines.forEach((l, k) => {
      if (l.startsWith("n0_registry")) expect(covered(k + 1), l).toBe(true);
    });
    const g = analysis.groups.find((x) => x.instances.length === 13)!;
    expect(g.unit).toBe("statements");
    expect(g.stats.lines).toBe(6);
    // The registration reuses the declaration's name hole.
    expect(g.template).toMatch(/n0_registry\.registerError\(Op\{\{ (\w+) \}\}Exception\$, Op\{\{ \1 \}\}Exception\);$/);
  });

  it("PA-19: classes around methods that groups of their own generate form a frame group with nested holes", () => {
    const kinds: Record<string, (n: string) => string> = {
      total: (n) => `    total${n}(items) {\n        let sum = 0;\n        for (const item of items) {\n            if (item.${n.toLowerCase()} > 0) sum += item.${n.toLowerCase()} * 2;\n        }\n        return sum;\n    }\n`,
      fetch: (n) => `    async fetch${n}(id, client) {\n        const response = await client.get(\`/${n.toLowerCase()}/\${id}\`, { retries: 3 });\n        if (!response.ok) throw new Error('No ${n} ' + id);\n        return response.json();\n    }\n`,
    };
    // The methods in either order: no two classes are alike, but every class is the same frame around them.
    const cls = (n: string, x: string, y: string) => `export class ${n}Resource extends Resource {\n    static path = '/v1/${n.toLowerCase()}s';\n${kinds[x]!(n)}${kinds[y]!(n)}}\n`;
    const files = [cls("Invoice", "total", "fetch"), cls("Quote", "fetch", "total"), cls("Price", "fetch", "total"), cls("Plan", "total", "fetch")].map((text, i) => ({ path: `resources/${i}.js`, text }));
    const analysis = analysisSchema.parse(run(files));
    expectRoundTrip(analysis, files);
    const frame = analysis.groups.find((g) => g.holes.some((h) => h.nested))!;
    expect(frame.instances).toHaveLength(4);
    expect(frame.template).toBe("export class {{ invoice }}Resource extends Resource {\n    static path = '/v1/{{ invoice | plural | camel }}';\n    {{ part }}\n    {{ part_2 }}\n}");
    expect(frame.holes.filter((h) => h.nested).map((h) => h.name)).toEqual(["part", "part_2"]);
    // Each nested value is an instance of a method group; the frame saves its own three lines per class.
    const methods = analysis.groups.filter((g) => g !== frame);
    expect(methods).toHaveLength(2);
    expect(frame.instances[1]!.bindings.part).toBe(files[1]!.text.slice(files[1]!.text.indexOf("async"), files[1]!.text.indexOf("    total") - 1));
    expect(frame.stats.linesSaved).toBe(3 * 3);
    // Nested holes are not holes for the share (PA-14): only the resource name differs.
    expect(frame.stats.holeShare).toBeLessThan(0.1);
    expect(analysis.summary.coverage).toBe(1);
    // A frame this small needs a family of three (PA-7): two classes have none.
    const two = run(files.slice(0, 2));
    expect(two.groups.some((g) => g.holes.some((h) => h.nested))).toBe(false);
  });

  it("PA-20: declarations alike but for how many entries their lists of data hold form one group with list holes", () => {
    const route = (name: string, methods: string[], roles: string[]) =>
      `export const ${name}Route = {\n    path: "/${name}",\n    methods: [${methods.map((m) => `"${m}"`).join(", ")}],\n    roles: [${roles.map((r) => `"${r}"`).join(", ")}],\n    handler: handlers.${name},\n};\n`;
    // Lists of 1 to 9 entries: no two declarations have the same tokens, nor lengths near enough for PA-17.
    const all = [
      route("users", ["GET"], ["admin"]),
      route("orders", ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"], ["admin", "editor", "viewer", "guest", "owner", "auditor", "support", "billing", "ops"]),
      route("invoices", ["GET", "POST"], ["admin", "billing"]),
      route("reports", ["GET", "POST", "PUT"], ["admin", "auditor", "ops", "viewer", "guest"]),
    ];
    const files = [{ path: "routes.js", text: all.join("") }];
    const analysis = analysisSchema.parse(run(files));
    expectRoundTrip(analysis, files);
    expect(analysis.groups).toHaveLength(1);
    const g = analysis.groups[0]!;
    expect(g.instances).toHaveLength(4);
    // Each list is one `code` hole named after its key; the rest of the declaration is template text.
    expect(g.template).toBe('export const {{ user }}Route = {\n    path: "/{{ user }}",\n    methods: {{ method }},\n    roles: {{ role }},\n    handler: handlers.{{ user }},\n};');
    expect(g.holes.filter((h) => h.type === "code").map((h) => h.name)).toEqual(["method", "role"]);
    expect(g.instances[1]!.bindings.method).toBe('["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]');
    // The lists' bytes are holes (PA-14, PA-16).
    expect(g.stats.holeShare).toBeGreaterThan(0.3);
    // Its own tokens make it small (PA-7): three are a family, two are not.
    expect(run([{ path: "routes.js", text: all.slice(0, 3).join("") }]).groups).toHaveLength(1);
    expect(run([{ path: "routes.js", text: all.slice(0, 2).join("") }]).groups).toHaveLength(0);
  });

  it("PA-15: occurrences are kept apart against the last one kept, not the last one seen", () => {
    const o = (file: number, t0: number, t1: number) => ({ file, t0, t1, kind: "statements" as const });
    // [0, 50) kept; [10, 20) inside it dropped; [40, 60) still overlaps [0, 50): dropped too.
    expect(apart([o(0, 0, 50), o(0, 10, 20), o(0, 40, 60), o(0, 50, 70), o(1, 0, 10)])).toEqual([true, false, false, true, true]);
  });

  it("PA-17: small units form near-miss groups when they are a family", () => {
    const shape = (name: string, keys: string[]) =>
      `export var ${name}$ = [3, n0, _${name.slice(0, 3)},\n    0,\n    [${keys.map((k) => `_${k}`).join(", ")}],\n    [${keys.map((_, i) => i % 2).join(", ")}]\n];\n`;
    const all = [
      shape("ListTablesInput", ["ESTN", "L"]),
      shape("ListBackupsInput", ["TN", "L", "TRLB", "TRUB"]),
      shape("ListExportsInput", ["TA", "MR", "NT"]),
      shape("ListImportsInput", ["TA", "PS", "NT"]),
    ];
    const files = [{ path: "schemas.js", text: all.join("") }];
    const analysis = run(files);
    const g = analysis.groups.find((x) => x.instances.length === 4);
    expect(g).toBeDefined();
    expect(g!.holes.some((h) => h.type === "code")).toBe(true);
    expectRoundTrip(analysis, files);
    // Two are not a family.
    const two = [{ path: "schemas.js", text: all.slice(0, 2).join("") }];
    expect(run(two).groups).toHaveLength(0);
  });
});
