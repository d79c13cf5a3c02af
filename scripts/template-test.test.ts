import { describe, expect, it } from "vitest";
import { starterByKey } from "../core/metamodel/starters";
import { shopModel } from "../core/model/fixtures";
import type { Template } from "../core/templates/schema";
import { toFixture } from "../core/templates/test-cases";
import { exportTemplateFile } from "../core/templates/test-cases-file";
import { templateTestCli } from "./template-test";

/** The CLI a team runs in its CI on a downloaded template file. */

const mm = starterByKey("entity-relational")!.build();
const template = (expected: string): Template => ({
  name: "Readme",
  description: "",
  files: [{ id: "f_readme", path: "README.md", body: "# {{ model.name }}\n\n{{ model.description }}\n", forEach: null }],
  partials: [],
  tests: [{ id: "t_shop", name: "Shop", model: toFixture(mm, shopModel(mm)), expected: [{ path: "README.md", content: expected }] }],
});

async function cli(files: Record<string, string>, args = Object.keys(files)) {
  let out = "";
  let err = "";
  const code = await templateTestCli(args, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    readFile: (f) => {
      if (!(f in files)) throw Object.assign(new Error("missing"), { code: "ENOENT" });
      return files[f]!;
    },
  });
  return { code, out, err };
}

describe("scripts/template-test.ts", () => {
  it("exits 0 when every case passes (the output is formatted, as generation formats it)", async () => {
    const r = await cli({ "ok.json": exportTemplateFile(template("# Shop\n\nCustomers, products, orders and order lines.\n"), mm) });
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toContain("Readme (ok.json)\n✓ Shop\n");
    expect(r.out).toMatch(/1 of 1 case passed \(\d+ ms\)\./);
  });

  it("exits 1 with the diff when a case fails", async () => {
    const r = await cli({ "red.json": exportTemplateFile(template("# The shop\n\nCustomers, products, orders and order lines.\n"), mm) });
    expect(r.code).toBe(1);
    expect(r.out).toContain("✗ Shop\n    changed    README.md\n");
    expect(r.out).toContain("    -# The shop\n    +# Shop\n");
  });

  it("exits 1 on a file it cannot read or that is not a template file, and runs the others", async () => {
    const r = await cli({ "ok.json": exportTemplateFile(template("# Shop\n\nCustomers, products, orders and order lines.\n"), mm), "model.json": '{"format":"metaforge.model","version":1}' }, ["gone.json", "model.json", "ok.json"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("✖ gone.json: cannot read it (ENOENT).");
    expect(r.err).toContain('✖ model.json: Not a Metaforge template file: format: "format" must be "metaforge.template"');
    expect(r.out).toContain("✓ Shop");
  });

  it("prints its usage without arguments", async () => {
    const r = await cli({}, []);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Usage: node --import tsx scripts\/template-test.ts/);
  });
});
