import { describe, expect, it } from "vitest";
import { formatAttribute, parseAttribute, parseMultiplicity } from "./notation";
import type { Attribute } from "./schema";

const enums = [{ id: "e_status", name: "Status" }];
const attr = (a: Partial<Attribute>): Attribute => ({ id: "a1", name: "x", description: "", type: "string", required: false, many: false, unique: false, ...a });

describe("attribute notation", () => {
  it.each([
    [attr({ name: "title", required: true }), "title: string"],
    [attr({ name: "note", type: "text" }), "note?: text"],
    [attr({ name: "tags", many: true }), "tags?: string[]"],
    [attr({ name: "status", type: "enum", enumId: "e_status", required: true, default: "open" }), "status: Status = open"],
    [attr({ name: "qty", type: "int", default: 1 }), "qty?: int = 1"],
    [attr({ name: "label", default: "a b" }), 'label?: string = "a b"'],
  ])("formats %j as %s, and parses it back", (a, text) => {
    expect(formatAttribute(a, enums)).toBe(text);
    const parsed = parseAttribute(text, enums);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.value).toMatchObject({ name: a.name, type: a.type, required: a.required, many: a.many });
      if (a.default !== undefined) expect(parsed.value.default).toEqual(a.default);
    }
  });

  it("reads a bare name as a required string", () => {
    expect(parseAttribute("email", enums)).toEqual({ ok: true, value: { name: "email", type: "string", required: true, many: false } });
  });

  it.each([
    ["price: money", /Unknown type "money"/],
    [": int", /Start with the attribute name/],
    ["qty: int = lots", /not a number/],
    ["on: bool = yes", /true or false/],
  ])("explains what is wrong with %j", (text, error) => {
    const parsed = parseAttribute(text, enums);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});

describe("parseMultiplicity", () => {
  it.each([
    ["0..1", { lower: 0, upper: 1 }],
    ["1", { lower: 1, upper: 1 }],
    ["*", { lower: 0, upper: -1 }],
    ["1..*", { lower: 1, upper: -1 }],
    ["2..5", { lower: 2, upper: 5 }],
    ["x", undefined],
    ["1..", undefined],
  ])("%s", (text, bounds) => expect(parseMultiplicity(text)).toEqual(bounds));
});
