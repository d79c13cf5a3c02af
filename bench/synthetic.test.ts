import { describe, expect, it } from "vitest";
import { validate } from "../core/metamodel/validate";
import { checkModel } from "../core/model/conformance";
import { syntheticDataModel, syntheticMetamodel } from "./synthetic";

describe("syntheticMetamodel", () => {
  it.each([10, 300, 1000])("%i classes, valid", (n) => {
    const mm = syntheticMetamodel(n);
    expect(mm.classes).toHaveLength(n);
    expect(validate(mm)).toEqual([]);
  });
});

describe("syntheticDataModel", () => {
  it("has the asked number of entities, each with eight fields, and conforms", () => {
    const { metamodel, model } = syntheticDataModel(50);
    const entity = metamodel.classes.find((c) => c.name === "Entity")!;
    const field = metamodel.classes.find((c) => c.name === "Field")!;
    expect(model.objects.filter((o) => o.classId === entity.id)).toHaveLength(50);
    expect(model.objects.filter((o) => o.classId === field.id)).toHaveLength(400);
    expect(checkModel(metamodel, model)).toEqual([]);
  });
});
