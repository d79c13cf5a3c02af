import { MetamodelIndex } from "./inheritance";
import { IDENTIFIER, MANY, multiplicity, type Attribute, type MetaClass, type MetaModel, type Reference } from "./schema";

/** Problems found by `validate`, one per violation of a rule in SPEC.md. */

export type ProblemCode =
  | "invalid-identifier"
  | "duplicate-type-name"
  | "duplicate-feature"
  | "dangling-reference"
  | "inheritance-cycle"
  | "multiple-containers"
  | "containment-cycle"
  | "bad-multiplicity"
  | "opposite-mismatch"
  | "duplicate-literal"
  | "empty-enum"
  | "bad-default"
  | "default-ignored";

export type Severity = "error" | "warning";

export interface Problem {
  /** The SPEC rule, e.g. "MM-3". */
  rule: string;
  code: ProblemCode;
  severity: Severity;
  /** The element to point at: a class, attribute, reference, enum or literal id. */
  elementId: string;
  /** The class or enum that shows the problem on the diagram. */
  nodeId: string;
  message: string;
  /** What to do about it. */
  fix: string;
}

const RULES: Record<ProblemCode, { rule: string; severity: Severity }> = {
  "invalid-identifier": { rule: "MM-1", severity: "error" },
  "duplicate-type-name": { rule: "MM-2", severity: "error" },
  "duplicate-feature": { rule: "MM-3", severity: "error" },
  "dangling-reference": { rule: "MM-4", severity: "error" },
  "inheritance-cycle": { rule: "MM-5", severity: "error" },
  "multiple-containers": { rule: "MM-6", severity: "warning" },
  "containment-cycle": { rule: "MM-7", severity: "error" },
  "bad-multiplicity": { rule: "MM-8", severity: "error" },
  "opposite-mismatch": { rule: "MM-9", severity: "error" },
  "duplicate-literal": { rule: "MM-10", severity: "error" },
  "empty-enum": { rule: "MM-10", severity: "warning" },
  "bad-default": { rule: "MM-11", severity: "error" },
  "default-ignored": { rule: "MM-11", severity: "warning" },
};

class Collector {
  readonly problems: Problem[] = [];
  add(code: ProblemCode, elementId: string, nodeId: string, message: string, fix: string) {
    this.problems.push({ ...RULES[code], code, elementId, nodeId, message, fix });
  }
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ISO_DATETIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function suggestIdentifier(name: string, pascal: boolean): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (words.length === 0) return pascal ? "NewClass" : "newName";
  let out = words.map((w, i) => (i === 0 && !pascal ? w[0]!.toLowerCase() : w[0]!.toUpperCase()) + w.slice(1)).join("");
  if (/^\d/.test(out)) out = `_${out}`;
  return out;
}

function checkIdentifier(c: Collector, kind: string, name: string, elementId: string, nodeId: string, pascal: boolean) {
  if (IDENTIFIER.test(name)) return;
  const shown = name === "" ? "has no name" : `name "${name}" is not an identifier`;
  c.add(
    "invalid-identifier",
    elementId,
    nodeId,
    `The ${kind} ${shown}.`,
    `Use letters, digits and _, starting with a letter: for example \`${suggestIdentifier(name, pascal)}\`.`,
  );
}

/** Why `value` does not fit `attr`'s type, or undefined when it does. */
export function defaultProblem(attr: Attribute, enumLiterals: string[] | undefined): string | undefined {
  const v = attr.default;
  if (v === undefined || v === null) return undefined;
  switch (attr.type) {
    case "string":
    case "text":
      return typeof v === "string" ? undefined : "a string";
    case "uuid":
      return typeof v === "string" && UUID.test(v) ? undefined : "a UUID like 3f2b8c1e-9a4d-4e8b-8f1a-2c3d4e5f6a7b";
    case "int":
      return typeof v === "number" && Number.isInteger(v) ? undefined : "a whole number";
    case "float":
      return typeof v === "number" && Number.isFinite(v) ? undefined : "a number";
    case "bool":
      return typeof v === "boolean" ? undefined : "true or false";
    case "date":
      return typeof v === "string" && ISO_DATE.test(v) ? undefined : "a date like 2026-01-31";
    case "datetime":
      return typeof v === "string" && ISO_DATETIME.test(v) && !Number.isNaN(Date.parse(v))
        ? undefined
        : "a date-time like 2026-01-31T09:30:00Z";
    case "json":
      if (typeof v !== "string") return "JSON text";
      try {
        JSON.parse(v);
        return undefined;
      } catch {
        return "valid JSON text";
      }
    case "enum":
      if (!enumLiterals) return undefined; // the dangling enum is reported by MM-4
      return typeof v === "string" && enumLiterals.includes(v) ? undefined : `one of ${enumLiterals.join(", ") || "(no literals)"}`;
  }
}

function checkNames(c: Collector, mm: MetaModel) {
  const typeNames = new Map<string, string[]>();
  for (const cls of mm.classes) {
    checkIdentifier(c, "class", cls.name, cls.id, cls.id, true);
    for (const a of cls.attributes) checkIdentifier(c, `attribute of ${cls.name}`, a.name, a.id, cls.id, false);
    for (const r of cls.references) checkIdentifier(c, `reference of ${cls.name}`, r.name, r.id, cls.id, false);
    typeNames.set(cls.name, [...(typeNames.get(cls.name) ?? []), cls.id]);
  }
  for (const e of mm.enums) {
    checkIdentifier(c, "enum", e.name, e.id, e.id, true);
    for (const l of e.literals) checkIdentifier(c, `literal of ${e.name}`, l.name, l.id, e.id, true);
    typeNames.set(e.name, [...(typeNames.get(e.name) ?? []), e.id]);
  }
  for (const [name, ids] of typeNames) {
    if (name === "" || ids.length < 2) continue;
    for (const id of ids.slice(1)) {
      c.add("duplicate-type-name", id, id, `Two types are named ${name}.`, `Rename one of them, e.g. to \`${name}${ids.indexOf(id) + 1}\`.`);
    }
  }
}

function checkDangling(c: Collector, mm: MetaModel, idx: MetamodelIndex) {
  for (const cls of mm.classes) {
    for (const s of cls.supertypes) {
      if (!idx.classes.has(s)) {
        c.add("dangling-reference", cls.id, cls.id, `${cls.name} inherits from a class that no longer exists.`, "Remove the inheritance link, or restore the class.");
      }
    }
    for (const a of cls.attributes) {
      if (a.type === "enum" && (!a.enumId || !idx.enums.has(a.enumId))) {
        c.add("dangling-reference", a.id, cls.id, `${cls.name}.${a.name} is typed by an enum that does not exist.`, "Pick an existing enum, or another type.");
      }
    }
    for (const r of cls.references) {
      if (!idx.classes.has(r.target)) {
        c.add("dangling-reference", r.id, cls.id, `${cls.name}.${r.name} points at a class that does not exist.`, "Point it at an existing class, or delete the reference.");
      }
      if (r.opposite !== undefined && !idx.references.has(r.opposite)) {
        c.add("dangling-reference", r.id, cls.id, `The opposite of ${cls.name}.${r.name} does not exist.`, "Pick an existing opposite, or clear it.");
      }
    }
  }
}

function checkInheritanceCycles(c: Collector, mm: MetaModel, idx: MetamodelIndex): Set<string> {
  const inCycle = new Set<string>();
  for (const cls of mm.classes) {
    // DFS from cls over supertypes; a path back to cls is a cycle through it.
    const stack = [...cls.supertypes];
    const seen = new Set<string>();
    while (stack.length) {
      const id = stack.pop()!;
      if (id === cls.id) {
        inCycle.add(cls.id);
        break;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(idx.classes.get(id)?.supertypes ?? []));
    }
  }
  for (const id of inCycle) {
    const cls = idx.classes.get(id)!;
    c.add(
      "inheritance-cycle",
      id,
      id,
      `${cls.name} inherits from itself${cls.supertypes.includes(id) ? "" : " through its supertypes"}.`,
      "Remove one of the inheritance links in the cycle.",
    );
  }
  return inCycle;
}

function checkFeatures(c: Collector, mm: MetaModel, idx: MetamodelIndex, cyclic: Set<string>) {
  for (const cls of mm.classes) {
    const own = new Map<string, string>();
    for (const f of [...cls.attributes, ...cls.references]) {
      if (f.name === "") continue;
      if (own.has(f.name)) {
        c.add("duplicate-feature", f.id, cls.id, `${cls.name} has two features named ${f.name}.`, `Rename one of them, e.g. to \`${f.name}2\`.`);
      } else own.set(f.name, f.id);
    }
    if (cyclic.has(cls.id)) continue;
    const inherited = new Map<string, { id: string; owner: MetaClass }>();
    for (const anc of idx.ancestors(cls.id)) {
      for (const f of [...anc.attributes, ...anc.references]) {
        if (f.name === "") continue;
        const previous = inherited.get(f.name);
        if (previous && previous.id !== f.id && !idx.conformsTo(previous.owner.id, anc.id)) {
          c.add(
            "duplicate-feature",
            cls.id,
            cls.id,
            `${cls.name} inherits two features named ${f.name}, from ${previous.owner.name} and ${anc.name}.`,
            `Rename one of them, or move ${f.name} to a common supertype.`,
          );
        } else if (!previous) inherited.set(f.name, { id: f.id, owner: anc });
      }
    }
    for (const f of [...cls.attributes, ...cls.references]) {
      const clash = inherited.get(f.name);
      if (clash) {
        c.add(
          "duplicate-feature",
          f.id,
          cls.id,
          `${cls.name}.${f.name} clashes with the ${f.name} it inherits from ${clash.owner.name}.`,
          `Rename it, or delete it and use the inherited ${f.name}.`,
        );
      }
    }
  }
}

function checkMultiplicities(c: Collector, mm: MetaModel) {
  for (const cls of mm.classes) {
    for (const r of cls.references) {
      const bad =
        r.lower < 0 ? "its lower bound is negative" :
        r.upper === 0 || r.upper < MANY ? "its upper bound must be at least 1, or *" :
        r.upper !== MANY && r.lower > r.upper ? `its lower bound ${r.lower} is above its upper bound ${r.upper}` :
        undefined;
      if (bad) {
        c.add(
          "bad-multiplicity",
          r.id,
          cls.id,
          `${cls.name}.${r.name} has multiplicity ${multiplicity(r.lower, r.upper)}: ${bad}.`,
          "Use 0..1, 1, 0..* or 1..*, or bounds with lower ≤ upper.",
        );
      }
    }
  }
}

function checkContainment(c: Collector, mm: MetaModel, idx: MetamodelIndex) {
  // MM-6: containers of each class, by the class declaring the containment.
  const containers = new Map<string, Array<{ owner: MetaClass; ref: Reference }>>();
  for (const cls of mm.classes) {
    for (const r of cls.references) {
      if (!r.containment || !idx.classes.has(r.target)) continue;
      containers.set(r.target, [...(containers.get(r.target) ?? []), { owner: cls, ref: r }]);
    }
  }
  for (const [target, all] of containers) {
    // Recursive trees (a folder in a folder) are the normal case: containers related to the target
    // itself do not count.
    const list = all.filter((a) => !idx.conformsTo(a.owner.id, target) && !idx.conformsTo(target, a.owner.id));
    const unrelated = list.filter((a) => !list.some((b) => b !== a && (idx.conformsTo(a.owner.id, b.owner.id) || idx.conformsTo(b.owner.id, a.owner.id))));
    const owners = new Set(unrelated.map((u) => u.owner.id));
    if (owners.size < 2) continue;
    const cls = idx.classes.get(target)!;
    const where = unrelated.map((u) => `${u.owner.name}.${u.ref.name}`).join(" and ");
    c.add(
      "multiple-containers",
      target,
      target,
      `${cls.name} can be contained by ${where}; each object lives in one of them at a time.`,
      "If that is intended, keep it; otherwise make all but one of these references non-containment.",
    );
  }

  // MM-7: cycles of required containment. Edge A -> T for a required containment ref of A (or of a
  // supertype of A) to T, and T -> every concrete-or-not subclass is not needed: requiring a T means
  // an object of T or of a subclass; the cycle must hold for T itself, so follow T's own requirements.
  const required = new Map<string, Array<{ ref: Reference; owner: MetaClass }>>();
  for (const cls of mm.classes) {
    const list: Array<{ ref: Reference; owner: MetaClass }> = [];
    for (const { owner, feature, kind } of idx.allFeatures(cls.id)) {
      const ref = feature as Reference;
      if (kind === "reference" && ref.containment && ref.lower >= 1 && idx.classes.has(ref.target)) list.push({ ref, owner });
    }
    required.set(cls.id, list);
  }
  const reported = new Set<string>();
  for (const start of mm.classes) {
    const path: Array<{ ref: Reference; owner: MetaClass }> = [];
    const visiting = new Set<string>();
    const dfs = (id: string): boolean => {
      if (id === start.id && path.length > 0) return true;
      if (visiting.has(id)) return false;
      visiting.add(id);
      for (const step of required.get(id) ?? []) {
        path.push(step);
        if (dfs(step.ref.target)) return true;
        path.pop();
      }
      return false;
    };
    if (!dfs(start.id)) continue;
    const refIds = path.map((p) => p.ref.id).sort().join(",");
    if (reported.has(refIds)) continue;
    reported.add(refIds);
    const first = path[0]!;
    c.add(
      "containment-cycle",
      first.ref.id,
      first.owner.id,
      `Required containment loops: ${path.map((p) => `${p.owner.name}.${p.ref.name}`).join(" → ")} → back to ${start.name}; no finite model fits.`,
      "Make one reference in the loop optional (lower bound 0).",
    );
  }
}

function checkOpposites(c: Collector, mm: MetaModel, idx: MetamodelIndex) {
  for (const cls of mm.classes) {
    for (const r of cls.references) {
      if (r.opposite === undefined) continue;
      const s = idx.references.get(r.opposite);
      if (!s) continue; // MM-4
      const sOwner = idx.referenceOwner.get(s.id)!;
      const label = `${cls.name}.${r.name}`;
      const problem =
        s.id === r.id ? "is its own opposite" :
        s.opposite !== r.id ? `names ${sOwner.name}.${s.name} as opposite, which does not name it back` :
        idx.classes.has(r.target) && !idx.conformsTo(r.target, sOwner.id) ? `targets ${idx.classes.get(r.target)!.name}, but its opposite belongs to ${sOwner.name}` :
        idx.classes.has(s.target) && !idx.conformsTo(cls.id, s.target) ? `belongs to ${cls.name}, but its opposite points at ${idx.classes.get(s.target)!.name}` :
        r.containment && s.containment ? "and its opposite are both containments" :
        undefined;
      if (problem) {
        c.add("opposite-mismatch", r.id, cls.id, `${label} ${problem}.`, "Make the two references name each other and point at each other's classes, or clear the opposite.");
      }
    }
  }
}

function checkEnumsAndDefaults(c: Collector, mm: MetaModel, idx: MetamodelIndex) {
  for (const e of mm.enums) {
    if (e.literals.length === 0) {
      c.add("empty-enum", e.id, e.id, `${e.name} has no literals, so it can never hold a value.`, "Add a literal.");
    }
    const seen = new Set<string>();
    for (const l of e.literals) {
      if (l.name !== "" && seen.has(l.name)) {
        c.add("duplicate-literal", l.id, e.id, `${e.name} has ${l.name} twice.`, "Rename or delete one of them.");
      }
      seen.add(l.name);
    }
  }
  for (const cls of mm.classes) {
    for (const a of cls.attributes) {
      if (a.default === undefined || a.default === null) continue;
      if (a.many) {
        c.add("default-ignored", a.id, cls.id, `${cls.name}.${a.name} is a list, so its default is ignored.`, "Clear the default, or make the attribute single-valued.");
        continue;
      }
      const literals = a.type === "enum" && a.enumId ? idx.model.enums.find((e) => e.id === a.enumId)?.literals.map((l) => l.name) : undefined;
      const expected = defaultProblem(a, literals);
      if (expected) {
        c.add("bad-default", a.id, cls.id, `The default of ${cls.name}.${a.name} (${JSON.stringify(a.default)}) is not ${expected}.`, `Change the default to ${expected}, or clear it.`);
      }
    }
  }
}

/** All problems of `mm`, in rule order (see SPEC.md section 2). */
export function validate(mm: MetaModel): Problem[] {
  const c = new Collector();
  const idx = new MetamodelIndex(mm);
  checkNames(c, mm);
  checkDangling(c, mm, idx);
  const cyclic = checkInheritanceCycles(c, mm, idx);
  checkFeatures(c, mm, idx, cyclic);
  checkMultiplicities(c, mm);
  checkContainment(c, mm, idx);
  checkOpposites(c, mm, idx);
  checkEnumsAndDefaults(c, mm, idx);
  const order = (p: Problem) => Number(p.rule.slice(3));
  return c.problems.sort((a, b) => order(a) - order(b));
}

export function errorCount(problems: Problem[]): number {
  return problems.filter((p) => p.severity === "error").length;
}
