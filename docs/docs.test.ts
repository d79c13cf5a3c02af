import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMetamodelFile } from "@/core/metamodel/json";
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
