import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMetamodelFile } from "@/core/metamodel/json";
import { createLiquid } from "@/core/templates/engine";
import { validate } from "@/core/metamodel/validate";

/** Examples in the docs are real: each one parses, and means what the text around it says. */

const read = (file: string) => fs.readFileSync(path.join(import.meta.dirname, file), "utf8");
const jsonBlocks = (md: string) => [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("docs/reference/metamodel-format.md", () => {
  it("its example is a valid meta-model file with no problems", () => {
    const [example] = jsonBlocks(read("reference/metamodel-format.md"));
    const parsed = parseMetamodelFile(example!);
    expect(parsed.ok ? [] : parsed.error).toEqual([]);
    if (!parsed.ok) return;
    expect(parsed.metamodel.classes.map((c) => c.name)).toEqual(["Order", "OrderLine"]);
    expect(validate(parsed.metamodel)).toEqual([]);
    expect(Object.keys(parsed.layout)).toHaveLength(3);
  });
});

describe("docs/reference/template-filters.md", () => {
  // "- `{{ … }}` → `output`". `\n` / `\t` inside the template's string literal stand for a line
  // break / tab; the multi-line outputs of indent and comment are written as JSON strings. Examples that render a
  // variable ("… for `{ type: … }`") need a scope and are left out.
  const examples = [...read("reference/template-filters.md").matchAll(/^- `(\{\{.*\}\})` → `(.*)`$/gm)]
    .filter((m) => !m[2]!.includes("` for "))
    .map((m) => ({
      template: m[1]!.replace(/\\n/g, "\n").replace(/\\t/g, "\t"),
      expected: /\| (indent|comment)\b/.test(m[1]!) && m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!,
    }));

  it("has examples", () => {
    expect(examples.length).toBeGreaterThan(30);
  });

  it.each(examples)("$template renders $expected", ({ template, expected }) => {
    const liquid = createLiquid();
    expect(liquid.parseAndRenderSync(template)).toBe(expected);
  });
});
