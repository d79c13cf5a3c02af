import { describe, expect, it } from "vitest";
import { validate } from "../core/metamodel/validate";
import { syntheticMetamodel } from "./synthetic";

describe("syntheticMetamodel", () => {
  it.each([10, 300, 1000])("%i classes, valid", (n) => {
    const mm = syntheticMetamodel(n);
    expect(mm.classes).toHaveLength(n);
    expect(validate(mm)).toEqual([]);
  });
});
