import { describe, expect, it } from "vitest";
import { defineMetamodel } from "../metamodel/builder";
import { defineModel } from "../model/builder";
import type { Template } from "./schema";
import { templateSchema } from "./schema";
import { exportTemplateFile, parseTemplateFile } from "./test-cases-file";
import { compareFiles, formatTestReport, runTemplateTests, testCaseFromModel, testCaseSchema, TEST_LIMITS, toFixture, type TemplateTestCase } from "./test-cases";

const mm = defineMetamodel("Shop", "", (m) => {
  m.class("Catalog").attr("name", "string", { required: true }).contains("products", "Product");
  m.class("Product").attr("name", "string", { required: true }).attr("price", "float");
});
const productId = mm.classes.find((c) => c.name === "Product")!.id;

const model = defineModel(mm, "Shop", (m) => {
  const c = m.object("Catalog", { name: "Main" });
  m.object("Product", { name: "Kettle", price: 20 }, { in: [c, "products"] });
  m.object("Product", { name: "Ebook" }, { in: [c, "products"] });
});

const template = (over: Partial<Template> = {}): Template => ({
  name: "Docs",
  description: "",
  files: [
    { id: "f_index", path: "index.md", body: "# {{ model.name }}\n{% for p in model.all.Product %}- {{ p.name }}\n{% endfor %}", forEach: null },
    { id: "f_product", path: "products/{{ object.name | kebab }}.md", body: "{{ object.name }}: {{ object.price | default: 'free' }}\n", forEach: productId },
  ],
  partials: [],
  tests: [],
  ...over,
});

const EXPECTED = [
  { path: "index.md", content: "# Shop\n- Kettle\n- Ebook\n" },
  { path: "products/ebook.md", content: "Ebook: free\n" },
  { path: "products/kettle.md", content: "Kettle: 20\n" },
];

const testCase = (over: Partial<TemplateTestCase> = {}): TemplateTestCase => ({ id: "t_shop01", name: "Shop", model: toFixture(mm, model), expected: EXPECTED, ...over });

describe("the test case schema", () => {
  it("accepts a case, and a template carries cases (none by default)", () => {
    expect(testCaseSchema.parse(testCase())).toEqual(testCase());
    expect(templateSchema.parse({ name: "T", files: [] }).tests).toEqual([]);
    expect(templateSchema.parse(template({ tests: [testCase()] })).tests).toHaveLength(1);
  });

  it("refuses what cannot be a case, with a message", () => {
    const issue = (v: unknown) => testCaseSchema.safeParse(v).error?.issues[0]?.message;
    expect(issue(testCase({ id: "f_1" }))).toMatch(/test case id/);
    expect(issue(testCase({ name: "  " }))).toBe("A test case needs a name.");
    expect(issue(testCase({ expected: [EXPECTED[0]!, EXPECTED[0]!] }))).toBe("Two expected files share a path.");
    expect(issue({ ...testCase(), model: { format: "metaforge.metamodel", version: 1, name: "x" } })).toMatch(/metaforge.model/);
    const big = "x".repeat(TEST_LIMITS.fileChars);
    const many = Array.from({ length: 6 }, (_, i) => ({ path: `f${i}`, content: big }));
    expect(issue(testCase({ expected: many }))).toMatch(/5 MB together/);
    const tooMany = Array.from({ length: TEST_LIMITS.cases + 1 }, (_, i) => testCase({ id: `t_case${i}` }));
    expect(templateSchema.safeParse(template({ tests: tooMany })).error?.issues[0]?.message).toMatch(/at most 50 test cases/);
  });
});

describe("compareFiles", () => {
  it("gives every path a status: same, changed, missing (expected only), unexpected (generated only)", () => {
    const { files, diff } = compareFiles(
      [
        { path: "a", content: "1\n" },
        { path: "b", content: "2\n" },
        { path: "c", content: "3\n" },
      ],
      [
        { path: "a", content: "1\n" },
        { path: "b", content: "two\n" },
        { path: "d", content: "4\n" },
      ],
    );
    expect(files).toEqual([
      { path: "a", status: "same" },
      { path: "b", status: "changed" },
      { path: "c", status: "missing" },
      { path: "d", status: "unexpected" },
    ]);
    expect(diff.files.find((f) => f.path === "b")!.hunks[0]!.lines.map((l) => [l.kind, l.text])).toEqual([
      ["removed", "2"],
      ["added", "two"],
    ]);
  });
});

describe("runTemplateTests", () => {
  it("passes a case whose expected files are exactly what the template generates", async () => {
    const run = await runTemplateTests(mm, template(), [testCase()]);
    expect(run).toMatchObject({ passed: 1, failed: 0 });
    const [c] = run.cases;
    expect(c).toMatchObject({ id: "t_shop01", name: "Shop", passed: true, problems: [], modelProblems: [], modelError: null, actual: null });
    expect(c!.files.map((f) => f.status)).toEqual(["same", "same", "same"]);
  });

  it("runs the template's own cases by default", async () => {
    const run = await runTemplateTests(mm, template({ tests: [testCase(), testCase({ id: "t_other1", name: "Other", expected: [] })] }));
    expect(run.cases.map((c) => [c.name, c.passed])).toEqual([
      ["Shop", true],
      ["Other", false],
    ]);
  });

  it("fails a changed output with the line diff, and reports missing and unexpected files", async () => {
    const edited = template();
    edited.files[1] = { ...edited.files[1]!, body: "{{ object.name }} costs {{ object.price | default: 'nothing' }}\n" };
    const expected = [...EXPECTED, { path: "CHANGELOG.md", content: "none\n" }].filter((f) => f.path !== "index.md");
    const run = await runTemplateTests(mm, edited, [testCase({ expected })]);
    const [c] = run.cases;
    expect(c!.passed).toBe(false);
    expect(Object.fromEntries(c!.files.map((f) => [f.path, f.status]))).toEqual({
      "CHANGELOG.md": "missing",
      "index.md": "unexpected",
      "products/ebook.md": "changed",
      "products/kettle.md": "changed",
    });
    const kettle = c!.diff.files.find((f) => f.path === "products/kettle.md")!;
    expect(kettle.hunks[0]!.lines.map((l) => [l.kind, l.text])).toEqual([
      ["removed", "Kettle: 20"],
      ["added", "Kettle costs 20"],
    ]);
    // The current output comes back, to accept it as the new expectation.
    expect(c!.actual!.find((f) => f.path === "products/kettle.md")!.content).toBe("Kettle costs 20\n");
    expect(run).toMatchObject({ passed: 0, failed: 1 });
  });

  it("fails on a render error, located as the engine reports it (file, part, line, column, object)", async () => {
    const broken = template();
    broken.files[1] = { ...broken.files[1]!, body: "{{ object.name }}\n{{ object.nmae }}\n" };
    const [c] = (await runTemplateTests(mm, broken, [testCase()])).cases;
    expect(c!.passed).toBe(false);
    expect(c!.problems).toHaveLength(1);
    expect(c!.problems[0]).toMatchObject({ fileId: "f_product", part: "body", line: 2, column: 4 });
    expect(model.objects.map((o) => o.id)).toContain(c!.problems[0]!.objectId);
    expect(c!.problems[0]!.message).toMatch(/"object.nmae" does not exist here/);
    // The outputs it could not write are missing, without a line diff that would only repeat the expectation.
    expect(c!.files.filter((f) => f.status === "missing").map((f) => f.path)).toEqual(["products/ebook.md", "products/kettle.md"]);
    expect(c!.diff.files).toEqual([]);
  });

  it("fails a case whose fixture model does not conform, with the conformance problems, without generating", async () => {
    const fixture = toFixture(mm, model);
    const objects = fixture.objects.map((o) => (o.class === "Product" && o.name === "Ebook" ? { id: o.id, class: o.class } : o));
    const [c] = (await runTemplateTests(mm, template(), [testCase({ model: { ...fixture, objects } })])).cases;
    expect(c!.passed).toBe(false);
    expect(c!.modelProblems.map((p) => p.code)).toEqual(["missing-value"]);
    expect(c!.actual).toBeNull();
    expect(c!.files.every((f) => f.status === "missing")).toBe(true);
    expect(c!.diff.files).toEqual([]);
  });

  it("fails a case whose fixture no longer fits the meta-model (a class was renamed), saying why", async () => {
    const fixture = toFixture(mm, model);
    const objects = fixture.objects.map((o) => (o.class === "Product" ? { ...o, class: "Item" } : o));
    const [c] = (await runTemplateTests(mm, template(), [testCase({ model: { ...fixture, objects } })])).cases;
    expect(c!.modelError).toMatch(/^The fixture model does not fit the meta-model: objects\[1\]\.class: Shop has no class named "Item"/);
    expect(c!.passed).toBe(false);
  });

  it("compares formatted output when given the formatter generation uses", async () => {
    const formatter = async (path: string, content: string) => (path.endsWith(".md") ? content.toUpperCase() : content);
    const upper = EXPECTED.map((f) => ({ ...f, content: f.content.toUpperCase() }));
    expect((await runTemplateTests(mm, template(), [testCase({ expected: upper })], { formatter })).passed).toBe(1);
    expect((await runTemplateTests(mm, template(), [testCase()], { formatter })).passed).toBe(0);
    // A file the formatter cannot parse is compared as rendered, with a warning.
    const failing = async () => {
      throw new Error("Unexpected token");
    };
    const [c] = (await runTemplateTests(mm, template(), [testCase()], { formatter: failing })).cases;
    expect(c!.passed).toBe(true);
    expect(c!.warnings.map((w) => w.path)).toEqual(["index.md", "products/ebook.md", "products/kettle.md"]);
  });

  it("leaves the outputs of files with formatting turned off as rendered, as generation does", async () => {
    const formatter = async (_: string, content: string) => content.toUpperCase();
    const t = template();
    t.files[1] = { ...t.files[1]!, format: false };
    const expected = EXPECTED.map((f) => (f.path === "index.md" ? { ...f, content: f.content.toUpperCase() } : f));
    const run = await runTemplateTests(mm, t, [testCase({ expected })], { formatter });
    expect(run.cases[0]!.files.map((f) => f.status)).toEqual(["same", "same", "same"]);
  });
});

describe("testCaseFromModel", () => {
  it("records the model and the current output; the new case passes", async () => {
    const made = await testCaseFromModel(mm, template(), model, { name: "From the shop" });
    if (!made.ok) throw new Error(made.error);
    expect(made.test.name).toBe("From the shop");
    expect(made.test.id).toMatch(/^t_[a-z0-9]{10}$/);
    expect(made.test.expected).toEqual(EXPECTED);
    expect(made.test.model).toMatchObject({ format: "metaforge.model", name: "Shop" });
    expect((await runTemplateTests(mm, template(), [made.test])).passed).toBe(1);
  });

  it("refuses a model that does not conform, and a template with problems", async () => {
    const bad = { ...model, objects: model.objects.map((o) => (o.classId === productId ? { ...o, attributes: {} } : o)) };
    const a = await testCaseFromModel(mm, template(), bad);
    expect(a.ok ? "" : a.error).toMatch(/^The model has 2 conformance problems/);
    const broken = template({ files: [{ id: "f_x", path: "x.md", body: "{{ nope }}", forEach: null }] });
    const b = await testCaseFromModel(mm, broken, model);
    expect(b.ok ? "" : b.error).toMatch(/^Fix the template first: x.md \(body\), line 1, column 4: "nope" does not exist here/);
  });
});

describe("formatTestReport", () => {
  it("lists cases, and under a failing one its files and line diff", async () => {
    const edited = template();
    edited.files[0] = { ...edited.files[0]!, body: edited.files[0]!.body.replace("{{ model.name }}", "{{ model.name }}!") };
    const run = await runTemplateTests(mm, edited, [testCase(), testCase({ id: "t_empty1", name: "Empty", expected: [], model: toFixture(mm, { ...model, objects: [] }) })]);
    const report = formatTestReport(edited, run);
    expect(report).toContain("✗ Shop\n    changed    index.md\n");
    expect(report).toContain("    --- expected/index.md\n    +++ generated/index.md\n    @@ -1 +1 @@\n    -# Shop\n    +# Shop!\n     - Kettle\n");
    expect(report).toMatch(/\n✗ Empty\n {4}unexpected index.md\n/);
    expect(report).toMatch(/\n0 of 2 cases passed, 2 failed \(\d+ ms\)\.\n$/);
  });
});

describe("the template file", () => {
  it("round-trips a template with its tests and meta-model", () => {
    const t = template({ tests: [testCase()] });
    const text = exportTemplateFile(t, mm);
    const parsed = parseTemplateFile(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.template).toEqual(t);
    expect(parsed.metamodel).toEqual(mm);
    expect(exportTemplateFile(parsed.template, parsed.metamodel)).toBe(text);
  });

  it("refuses other files with the first wrong field", () => {
    const wrong = (v: unknown) => {
      const r = parseTemplateFile(typeof v === "string" ? v : JSON.stringify(v));
      return r.ok ? "ok" : r.error;
    };
    expect(wrong("{")).toMatch(/^The file is not valid JSON/);
    expect(wrong({ format: "metaforge.model", version: 1 })).toBe('Not a Metaforge template file: format: "format" must be "metaforge.template"');
    const good = JSON.parse(exportTemplateFile(template(), mm)) as Record<string, unknown>;
    expect(wrong({ ...good, template: { ...(good.template as object), files: "x" } })).toMatch(/^Not a Metaforge template file: template.files:/);
    expect(wrong({ ...good, metamodel: { format: "metaforge.metamodel", version: 2, name: "X" } })).toMatch(/^Not a Metaforge template file: metamodel: /);
  });
});
