import { describe, expect, it } from "vitest";
import { exportMetamodelFile, parseMetamodelFile } from "../json";
import { metamodelSchema } from "../schema";
import { validate } from "../validate";
import { STARTERS } from "./index";

describe("starter meta-models", () => {
  it("there are at least 8, with distinct keys", () => {
    expect(STARTERS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(STARTERS.map((s) => s.key)).size).toBe(STARTERS.length);
  });

  for (const starter of STARTERS) {
    describe(starter.title, () => {
      const mm = starter.build();
      it("validates with no errors and no warnings", () => {
        expect(validate(mm)).toEqual([]);
      });
      it("is a real design: several classes, references, and a containment root", () => {
        expect(mm.classes.length).toBeGreaterThanOrEqual(6);
        expect(mm.classes.flatMap((c) => c.references).length).toBeGreaterThanOrEqual(5);
        const contained = new Set(mm.classes.flatMap((c) => c.references.filter((r) => r.containment).map((r) => r.target)));
        expect(mm.classes.some((c) => !contained.has(c.id) && !c.abstract)).toBe(true);
      });
      it("matches the schema and survives the JSON file round trip", () => {
        expect(metamodelSchema.parse(mm)).toEqual(mm);
        const parsed = parseMetamodelFile(exportMetamodelFile(mm));
        expect(parsed.ok && parsed.metamodel).toEqual(mm);
      });
    });
  }
});
