import { describe, expect, it } from "vitest";
import { defineMetamodel } from "./builder";
import type { MetaModel } from "./schema";
import { errorCount, validate, type ProblemCode } from "./validate";

/** One describe per SPEC rule (core/metamodel/SPEC.md, section 2). */

const codes = (mm: MetaModel) => validate(mm).map((p) => p.code);
function only(mm: MetaModel, code: ProblemCode) {
  const problems = validate(mm);
  expect(problems.map((p) => p.code)).toEqual([code]);
  return problems[0]!;
}

const shop = () =>
  defineMetamodel("Shop", "", (m) => {
    m.enum("Status", ["open", "paid"]);
    m.class("Customer").attr("name", "string", { required: true }).ref("orders", "Order", { mult: "0..*", opposite: "customer" });
    m.class("Order").attr("status", "enum:Status", { default: "open" }).ref("customer", "Customer", { mult: "1", opposite: "orders" }).contains("lines", "Line");
    m.class("Line").attr("quantity", "int", { default: 1 });
  });

describe("a valid meta-model", () => {
  it("has no problems", () => {
    expect(validate(shop())).toEqual([]);
  });
});

describe("MM-1 identifiers", () => {
  it.each(["", "1st", "order line", "é", "a-b"])("refuses the class name %j, with a suggestion", (name) => {
    const mm = shop();
    mm.classes[0]!.name = name;
    const p = only(mm, "invalid-identifier");
    expect(p).toMatchObject({ rule: "MM-1", severity: "error", elementId: mm.classes[0]!.id, nodeId: mm.classes[0]!.id });
    expect(p.fix).toMatch(/for example `[A-Za-z_][A-Za-z0-9_]*`/);
  });
  it("checks attributes, references, enums and literals too", () => {
    const mm = shop();
    mm.classes[0]!.attributes[0]!.name = "full name";
    mm.classes[0]!.references[0]!.name = "";
    mm.enums[0]!.name = "9";
    mm.enums[0]!.literals[1]!.name = "on hold";
    expect(codes(mm)).toEqual(["invalid-identifier", "invalid-identifier", "invalid-identifier", "invalid-identifier"]);
  });
});

describe("MM-2 unique type names", () => {
  it("refuses a class and an enum with one name", () => {
    const mm = shop();
    mm.enums[0]!.name = "Order";
    const p = only(mm, "duplicate-type-name");
    expect(p.elementId).toBe(mm.enums[0]!.id);
  });
});

describe("MM-3 unique feature names", () => {
  it("within a class", () => {
    const mm = shop();
    mm.classes[2]!.attributes.push({ ...mm.classes[2]!.attributes[0]!, id: "a_dup" });
    expect(only(mm, "duplicate-feature").elementId).toBe("a_dup");
  });
  it("counting attributes and references together", () => {
    const mm = shop();
    mm.classes[1]!.attributes.push({ id: "a_lines", name: "lines", description: "", type: "int", required: false, many: false, unique: false });
    expect(codes(mm)).toEqual(["duplicate-feature"]);
  });
  it("a class may not redefine an inherited feature", () => {
    const mm = defineMetamodel("X", "", (m) => {
      m.class("Named", { abstract: true }).attr("name", "string");
      m.class("Person", { extends: ["Named"] }).attr("name", "text");
    });
    const p = only(mm, "duplicate-feature");
    expect(p.message).toBe("Person.name clashes with the name it inherits from Named.");
  });
  it("nor inherit two different features with one name", () => {
    const mm = defineMetamodel("X", "", (m) => {
      m.class("A").attr("id", "uuid");
      m.class("B").attr("id", "int");
      m.class("C", { extends: ["A", "B"] });
    });
    expect(only(mm, "duplicate-feature").message).toBe("C inherits two features named id, from A and B.");
  });
  it("but a diamond inherits one feature once", () => {
    const mm = defineMetamodel("X", "", (m) => {
      m.class("Root").attr("id", "uuid");
      m.class("Left", { extends: ["Root"] });
      m.class("Right", { extends: ["Root"] });
      m.class("Bottom", { extends: ["Left", "Right"] });
    });
    expect(validate(mm)).toEqual([]);
  });
});

describe("MM-4 no dangling ids", () => {
  it("supertypes, targets, enum types and opposites must exist", () => {
    const mm = shop();
    mm.classes[2]!.supertypes.push("c_gone");
    mm.classes[1]!.references[1]!.target = "c_gone";
    mm.classes[1]!.attributes[0]!.enumId = "e_gone";
    mm.classes[0]!.references[0]!.opposite = "r_gone";
    const problems = validate(mm).filter((p) => p.code === "dangling-reference");
    expect(problems.map((p) => p.elementId).sort()).toEqual(
      [mm.classes[0]!.references[0]!.id, mm.classes[1]!.attributes[0]!.id, mm.classes[1]!.references[1]!.id, mm.classes[2]!.id].sort(),
    );
  });
});

describe("MM-5 no inheritance cycles", () => {
  it("reports each class of the cycle", () => {
    const mm = defineMetamodel("X", "", (m) => {
      m.class("A", { extends: ["C"] });
      m.class("B", { extends: ["A"] });
      m.class("C", { extends: ["B"] });
      m.class("D", { extends: ["A"] });
    });
    const problems = validate(mm);
    expect(problems.map((p) => p.code)).toEqual(["inheritance-cycle", "inheritance-cycle", "inheritance-cycle"]);
    expect(problems.map((p) => p.elementId).sort()).toEqual(["c_a", "c_b", "c_c"]);
  });
  it("including a class that extends itself", () => {
    const mm = defineMetamodel("X", "", (m) => void m.class("A", { extends: ["A"] }));
    expect(only(mm, "inheritance-cycle").message).toBe("A inherits from itself.");
  });
});

describe("MM-6 one container per class", () => {
  it("warns when two unrelated classes contain a class", () => {
    const mm = defineMetamodel("X", "", (m) => {
      m.class("Folder").contains("files", "File");
      m.class("Archive").contains("files", "File");
      m.class("File");
    });
    const p = only(mm, "multiple-containers");
    expect(p).toMatchObject({ severity: "warning", elementId: "c_file" });
    expect(p.message).toContain("Folder.files and Archive.files");
  });
  it("but not for a recursive tree under a root", () => {
    const mm = defineMetamodel("X", "", (m) => {
      m.class("Drive").contains("folders", "Folder");
      m.class("Folder").contains("folders", "Folder");
    });
    expect(validate(mm)).toEqual([]);
  });
  it("nor when the containers are sub and super class", () => {
    const mm = defineMetamodel("X", "", (m) => {
      m.class("Region").contains("states", "State");
      m.class("Composite", { extends: ["Region"] }).contains("children", "State");
      m.class("State");
    });
    expect(validate(mm)).toEqual([]);
  });
});

describe("MM-7 no required containment cycles", () => {
  it("an all-required loop is an error", () => {
    const mm = defineMetamodel("X", "", (m) => {
      m.class("A").contains("b", "B", { mult: "1" });
      m.class("B").contains("a", "A", { mult: "1..*" });
    });
    const problems = validate(mm).filter((p) => p.code === "containment-cycle");
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/A\.b → B\.a → back to A|B\.a → A\.b → back to B/);
  });
  it("a recursive tree with an optional step is fine", () => {
    const mm = defineMetamodel("X", "", (m) => void m.class("Folder").contains("folders", "Folder"));
    expect(validate(mm)).toEqual([]);
  });
  it("counts inherited required containments", () => {
    const mm = defineMetamodel("X", "", (m) => {
      m.class("Base", { abstract: true }).contains("child", "Leaf", { mult: "1" });
      m.class("Leaf", { extends: ["Base"] });
    });
    expect(codes(mm)).toContain("containment-cycle");
  });
});

describe("MM-8 multiplicities", () => {
  it.each([
    [-1, 1, "its lower bound is negative"],
    [0, 0, "its upper bound must be at least 1, or *"],
    [3, 2, "its lower bound 3 is above its upper bound 2"],
    [0, -2, "its upper bound must be at least 1, or *"],
  ])("%i..%i is refused", (lower, upper, why) => {
    const mm = shop();
    Object.assign(mm.classes[1]!.references[1]!, { lower, upper });
    expect(only(mm, "bad-multiplicity").message).toContain(why);
  });
  it.each([
    [0, 1],
    [1, 1],
    [0, -1],
    [2, -1],
    [2, 5],
  ])("%i..%i is fine", (lower, upper) => {
    const mm = shop();
    Object.assign(mm.classes[1]!.references[1]!, { lower, upper });
    expect(validate(mm)).toEqual([]);
  });
});

describe("MM-9 opposites agree", () => {
  it("must name each other", () => {
    const mm = shop();
    delete mm.classes[1]!.references[0]!.opposite;
    expect(only(mm, "opposite-mismatch").message).toContain("does not name it back");
  });
  it("must belong to each other's classes", () => {
    const mm = defineMetamodel("X", "", (m) => {
      m.class("A").ref("b", "B");
      m.class("B").ref("a", "C");
      m.class("C");
    });
    mm.classes[0]!.references[0]!.opposite = "r_b_a";
    mm.classes[1]!.references[0]!.opposite = "r_a_b";
    const messages = validate(mm).map((p) => p.message);
    expect(messages).toEqual(["A.b belongs to A, but its opposite points at C.", "B.a targets C, but its opposite belongs to A."]);
  });
  it("may not both be containments, nor be itself", () => {
    const mm = defineMetamodel("X", "", (m) => {
      m.class("A").contains("b", "B", { mult: "0..1", opposite: "a" });
      m.class("B").contains("a", "A", { mult: "0..1", opposite: "b" });
      m.class("C").ref("self", "C", { opposite: "self" });
    });
    const messages = validate(mm).filter((p) => p.code === "opposite-mismatch").map((p) => p.message);
    expect(messages).toEqual(["A.b and its opposite are both containments.", "B.a and its opposite are both containments.", "C.self is its own opposite."]);
  });
});

describe("MM-10 enum literals", () => {
  it("are unique in their enum", () => {
    const mm = shop();
    mm.enums[0]!.literals.push({ id: "l_dup", name: "paid" });
    expect(only(mm, "duplicate-literal").elementId).toBe("l_dup");
  });
  it("an empty enum is a warning", () => {
    const mm = shop();
    mm.enums.push({ id: "e_empty", name: "Empty", description: "", literals: [] });
    expect(only(mm, "empty-enum").severity).toBe("warning");
  });
});

describe("MM-11 defaults fit their type", () => {
  const cases: Array<[string, unknown, boolean]> = [
    ["string", "x", true],
    ["string", 3, false],
    ["int", 3, true],
    ["int", 3.5, false],
    ["float", 3.5, true],
    ["bool", false, true],
    ["bool", "true", false],
    ["date", "2026-02-28", true],
    ["date", "2026-13-01", false],
    ["datetime", "2026-02-28T10:00:00Z", true],
    ["datetime", "2026-02-28 10:00", false],
    ["uuid", "3f2b8c1e-9a4d-4e8b-8f1a-2c3d4e5f6a7b", true],
    ["uuid", "nope", false],
    ["json", '{"a":1}', true],
    ["json", "{a:1}", false],
  ];
  it.each(cases)("%s default %j fits: %s", (type, value, ok) => {
    const mm = defineMetamodel("X", "", (m) => void m.class("A").attr("v", type as "string", { default: value as string }));
    expect(errorCount(validate(mm))).toBe(ok ? 0 : 1);
    if (!ok) expect(only(mm, "bad-default").fix).toMatch(/^Change the default to/);
  });
  it("an enum default is one of its literals", () => {
    const mm = shop();
    mm.classes[1]!.attributes[0]!.default = "shipped";
    expect(only(mm, "bad-default").message).toContain("is not one of open, paid");
  });
  it("a default on a list is ignored, with a warning", () => {
    const mm = defineMetamodel("X", "", (m) => void m.class("A").attr("tags", "string", { many: true, default: "x" }));
    expect(only(mm, "default-ignored").severity).toBe("warning");
  });
});
