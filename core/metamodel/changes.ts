import { MetamodelIndex } from "./inheritance";
import { MANY, multiplicity, type Attribute, type MetaClass, type MetaEnum, type MetaModel, type Reference } from "./schema";

/**
 * What changed between two versions of a meta-model, element by element. Elements are matched by
 * their stable ids (SPEC.md 1.2), so a renamed class is one "renamed" change, not a removal and an
 * addition. Each change carries its semver impact, for suggesting the next version:
 *
 * - major: models that conformed may stop conforming, or names templates use change (removed,
 *   renamed, retyped, tightened, moved away);
 * - minor: additions and loosened constraints (every model that conformed still does);
 * - patch: descriptions and defaults.
 */

export type ChangeImpact = "major" | "minor" | "patch";
export type ChangeElement = "class" | "attribute" | "reference" | "enum" | "literal";
export type ChangeKind =
  | "added"
  | "removed"
  | "renamed"
  | "moved"
  | "type"
  | "multiplicity"
  | "target"
  | "containment"
  | "opposite"
  | "abstract"
  | "supertypes"
  | "unique"
  | "default"
  | "description";

export interface MetamodelChange {
  kind: ChangeKind;
  element: ChangeElement;
  /** The element's stable id. */
  id: string;
  /** Where the element is, e.g. `Entity.tableName`: in the newer meta-model, or the older one when removed. */
  path: string;
  /** The old and the new value as shown: a name, a type, a multiplicity, a class. */
  before?: string;
  after?: string;
  impact: ChangeImpact;
  /** One sentence: what changed, and what it means for models. */
  message: string;
}

type Feature = { owner: MetaClass; kind: "attribute"; feature: Attribute } | { owner: MetaClass; kind: "reference"; feature: Reference };

function featuresById(mm: MetaModel): Map<string, Feature> {
  const out = new Map<string, Feature>();
  for (const owner of mm.classes) {
    for (const feature of owner.attributes) out.set(feature.id, { owner, kind: "attribute", feature });
    for (const feature of owner.references) out.set(feature.id, { owner, kind: "reference", feature });
  }
  return out;
}

/** `Owner.name` of an attribute or reference of `mm`, or undefined when `mm` has no feature with that id. */
export function featurePath(mm: MetaModel, featureId: string): string | undefined {
  const f = featuresById(mm).get(featureId);
  return f && `${f.owner.name}.${f.feature.name}`;
}

function typeText(mm: MetaModel, a: Attribute): string {
  if (a.type !== "enum") return a.type;
  return `enum ${mm.enums.find((e) => e.id === a.enumId)?.name ?? "(missing)"}`;
}

/** An attribute's multiplicity: 0..1, 1, 0..* or 1..*. */
function attributeMultiplicity(a: Attribute): string {
  return multiplicity(a.required ? 1 : 0, a.many ? MANY : 1);
}

const upperOf = (upper: number) => (upper === MANY ? Number.POSITIVE_INFINITY : upper);
const namesOf = (mm: MetaModel, ids: string[]) => ids.map((id) => mm.classes.find((c) => c.id === id)?.name ?? id).join(", ") || "none";

class Changes {
  readonly list: MetamodelChange[] = [];
  add(change: MetamodelChange) {
    this.list.push(change);
  }
}

function compareClass(out: Changes, from: MetaModel, to: MetaModel, before: MetaClass, after: MetaClass) {
  const path = after.name;
  if (before.name !== after.name) {
    out.add({
      kind: "renamed", element: "class", id: after.id, path, before: before.name, after: after.name, impact: "major",
      message: `Class ${before.name} was renamed to ${after.name}: models follow it by id; templates that use the old name need the new one.`,
    });
  }
  if (before.abstract !== after.abstract) {
    out.add(
      after.abstract
        ? { kind: "abstract", element: "class", id: after.id, path, before: "concrete", after: "abstract", impact: "major", message: `${path} became abstract: its existing objects must be re-created as one of its subclasses.` }
        : { kind: "abstract", element: "class", id: after.id, path, before: "abstract", after: "concrete", impact: "minor", message: `${path} is no longer abstract: models can now have ${path} objects.` },
    );
  }
  const lost = before.supertypes.filter((s) => !after.supertypes.includes(s));
  const gained = after.supertypes.filter((s) => !before.supertypes.includes(s));
  if (lost.length || gained.length) {
    out.add({
      kind: "supertypes", element: "class", id: after.id, path,
      before: namesOf(from, before.supertypes), after: namesOf(to, after.supertypes),
      impact: lost.length ? "major" : "minor",
      message: lost.length
        ? `${path} no longer inherits from ${namesOf(from, lost)}: values of the features it inherited become orphaned.`
        : `${path} now also inherits from ${namesOf(to, gained)}.`,
    });
  }
  if (before.description !== after.description) {
    out.add({ kind: "description", element: "class", id: after.id, path, impact: "patch", message: `The description of ${path} changed.` });
  }
}

function compareAttribute(out: Changes, from: MetaModel, to: MetaModel, path: string, before: Attribute, after: Attribute) {
  const id = after.id;
  const oldType = typeText(from, before);
  const newType = typeText(to, after);
  if (before.type !== after.type || (after.type === "enum" && before.enumId !== after.enumId)) {
    out.add({ kind: "type", element: "attribute", id, path, before: oldType, after: newType, impact: "major", message: `${path} changed type from ${oldType} to ${newType}: existing values may no longer fit.` });
  }
  const oldMult = attributeMultiplicity(before);
  const newMult = attributeMultiplicity(after);
  if (oldMult !== newMult) {
    const tighter = before.many !== after.many || (!before.required && after.required);
    const why =
      before.many !== after.many
        ? after.many
          ? "single values must become lists"
          : "lists must become single values"
        : after.required
          ? "objects without a value stop conforming"
          : "a value is no longer required";
    out.add({ kind: "multiplicity", element: "attribute", id, path, before: oldMult, after: newMult, impact: tighter ? "major" : "minor", message: `${path} changed multiplicity from ${oldMult} to ${newMult}: ${why}.` });
  }
  if (before.unique !== after.unique) {
    out.add({
      kind: "unique", element: "attribute", id, path, before: before.unique ? "unique" : "not unique", after: after.unique ? "unique" : "not unique",
      impact: after.unique ? "major" : "minor",
      message: after.unique ? `${path} must now be unique: objects sharing a value stop conforming.` : `${path} no longer needs to be unique.`,
    });
  }
  if (JSON.stringify(before.default) !== JSON.stringify(after.default)) {
    const show = (v: Attribute["default"]) => (v === undefined ? "none" : JSON.stringify(v));
    out.add({ kind: "default", element: "attribute", id, path, before: show(before.default), after: show(after.default), impact: "patch", message: `The default of ${path} changed from ${show(before.default)} to ${show(after.default)} (new objects only).` });
  }
  if (before.description !== after.description) {
    out.add({ kind: "description", element: "attribute", id, path, impact: "patch", message: `The description of ${path} changed.` });
  }
}

function compareReference(out: Changes, from: MetaModel, to: MetaModel, toIndex: MetamodelIndex, path: string, before: Reference, after: Reference) {
  const id = after.id;
  if (before.target !== after.target) {
    const oldTarget = from.classes.find((c) => c.id === before.target)?.name ?? before.target;
    const newTarget = to.classes.find((c) => c.id === after.target)?.name ?? after.target;
    // Pointing at a supertype of the old target accepts every object it accepted before.
    const wider = toIndex.classes.has(before.target) && toIndex.conformsTo(before.target, after.target);
    out.add({
      kind: "target", element: "reference", id, path, before: oldTarget, after: newTarget, impact: wider ? "minor" : "major",
      message: wider ? `${path} now points at ${newTarget} (a supertype of ${oldTarget}).` : `${path} now points at ${newTarget} instead of ${oldTarget}: existing links to ${oldTarget} objects stop conforming.`,
    });
  }
  const oldMult = multiplicity(before.lower, before.upper);
  const newMult = multiplicity(after.lower, after.upper);
  if (oldMult !== newMult) {
    const tighter = after.lower > before.lower || upperOf(after.upper) < upperOf(before.upper);
    out.add({
      kind: "multiplicity", element: "reference", id, path, before: oldMult, after: newMult, impact: tighter ? "major" : "minor",
      message: `${path} changed multiplicity from ${oldMult} to ${newMult}${tighter ? ": objects outside the new bounds stop conforming" : ""}.`,
    });
  }
  if (before.containment !== after.containment) {
    out.add({
      kind: "containment", element: "reference", id, path, before: before.containment ? "containment" : "reference", after: after.containment ? "containment" : "reference", impact: "major",
      message: after.containment ? `${path} now contains its targets: an object may then live in one container only.` : `${path} no longer contains its targets: they need another container.`,
    });
  }
  if (before.opposite !== after.opposite) {
    out.add({ kind: "opposite", element: "reference", id, path, impact: "minor", message: `The opposite of ${path} changed.` });
  }
  if (before.description !== after.description) {
    out.add({ kind: "description", element: "reference", id, path, impact: "patch", message: `The description of ${path} changed.` });
  }
}

function compareFeatures(out: Changes, from: MetaModel, to: MetaModel, toIndex: MetamodelIndex, cls: MetaClass, fromFeatures: Map<string, Feature>, toFeatures: Map<string, Feature>) {
  const own: Feature[] = [
    ...cls.attributes.map((feature) => ({ owner: cls, kind: "attribute" as const, feature })),
    ...cls.references.map((feature) => ({ owner: cls, kind: "reference" as const, feature })),
  ];
  for (const now of own) {
    const path = `${cls.name}.${now.feature.name}`;
    const was = fromFeatures.get(now.feature.id);
    if (!was || was.kind !== now.kind) {
      const needed = now.kind === "attribute" ? now.feature.required : now.feature.lower >= 1;
      out.add({
        kind: "added", element: now.kind, id: now.feature.id, path, impact: needed ? "major" : "minor",
        after: now.kind === "attribute" ? `${typeText(to, now.feature)} ${attributeMultiplicity(now.feature)}` : `${namesOf(to, [now.feature.target])} ${multiplicity(now.feature.lower, now.feature.upper)}`,
        message: needed
          ? `${path} was added and is required: existing ${cls.name} objects need a value.`
          : `${path} was added (optional).`,
      });
      continue;
    }
    if (was.owner.id !== cls.id) {
      // Moved to a supertype of the old owner: the old owner's objects still have it.
      const kept = toIndex.classes.has(was.owner.id) && toIndex.conformsTo(was.owner.id, cls.id);
      out.add({
        kind: "moved", element: now.kind, id: now.feature.id, path, before: `${was.owner.name}.${was.feature.name}`, after: path, impact: kept ? "minor" : "major",
        message: kept
          ? `${was.owner.name}.${was.feature.name} moved up to ${cls.name}; ${was.owner.name} objects still have it.`
          : `${was.owner.name}.${was.feature.name} moved to ${cls.name}: values held by ${was.owner.name} objects become orphaned.`,
      });
    }
    if (was.feature.name !== now.feature.name) {
      out.add({
        kind: "renamed", element: now.kind, id: now.feature.id, path, before: was.feature.name, after: now.feature.name, impact: "major",
        message: `${cls.name}.${was.feature.name} was renamed to ${now.feature.name}: models keep their values (by id); templates that use the old name need the new one.`,
      });
    }
    if (now.kind === "attribute" && was.kind === "attribute") compareAttribute(out, from, to, path, was.feature, now.feature);
    if (now.kind === "reference" && was.kind === "reference") compareReference(out, from, to, toIndex, path, was.feature, now.feature);
  }
  // Features of this class that are gone from the whole meta-model (moved ones are reported where they went).
  const before = from.classes.find((c) => c.id === cls.id);
  for (const f of before ? [...before.attributes, ...before.references] : []) {
    if (toFeatures.has(f.id)) continue;
    const was = fromFeatures.get(f.id)!;
    const path = `${cls.name}.${f.name}`;
    out.add({
      kind: "removed", element: was.kind, id: f.id, path, impact: "major",
      before: was.kind === "attribute" ? `${typeText(from, was.feature)} ${attributeMultiplicity(was.feature)}` : `${namesOf(from, [was.feature.target])} ${multiplicity(was.feature.lower, was.feature.upper)}`,
      message: `${path} was removed: values in models are kept and reported as orphaned until you move or delete them.`,
    });
  }
}

function compareEnum(out: Changes, before: MetaEnum, after: MetaEnum) {
  const path = after.name;
  if (before.name !== after.name) {
    out.add({ kind: "renamed", element: "enum", id: after.id, path, before: before.name, after: after.name, impact: "major", message: `Enum ${before.name} was renamed to ${after.name}: templates that use the old name need the new one.` });
  }
  if (before.description !== after.description) {
    out.add({ kind: "description", element: "enum", id: after.id, path, impact: "patch", message: `The description of ${path} changed.` });
  }
  const old = new Map(before.literals.map((l) => [l.id, l]));
  for (const l of after.literals) {
    const was = old.get(l.id);
    if (!was) out.add({ kind: "added", element: "literal", id: l.id, path: `${path}.${l.name}`, impact: "minor", message: `${path} gained the literal ${l.name}.` });
    else if (was.name !== l.name) {
      out.add({
        kind: "renamed", element: "literal", id: l.id, path: `${path}.${l.name}`, before: was.name, after: l.name, impact: "major",
        message: `${path}.${was.name} was renamed to ${l.name}: models keep the value (by id); generated code changes.`,
      });
    }
  }
  const now = new Set(after.literals.map((l) => l.id));
  for (const l of before.literals) {
    if (!now.has(l.id)) out.add({ kind: "removed", element: "literal", id: l.id, path: `${path}.${l.name}`, impact: "major", message: `${path}.${l.name} was removed: objects holding it stop conforming until they pick another literal.` });
  }
}

/** The changes from `from` to `to`, classes (with their features) first, then enums, in meta-model order. */
export function compareMetamodels(from: MetaModel, to: MetaModel): MetamodelChange[] {
  const out = new Changes();
  const fromClasses = new Map(from.classes.map((c) => [c.id, c]));
  const toClassIds = new Set(to.classes.map((c) => c.id));
  const fromFeatures = featuresById(from);
  const toFeatures = featuresById(to);
  const toIndex = new MetamodelIndex(to);
  for (const cls of to.classes) {
    const was = fromClasses.get(cls.id);
    if (!was) {
      out.add({ kind: "added", element: "class", id: cls.id, path: cls.name, impact: "minor", message: `Class ${cls.name} was added${cls.abstract ? " (abstract)" : ""}.` });
      // Its features come with it; only those moved in from elsewhere are worth a line.
      for (const f of [...cls.attributes, ...cls.references]) {
        const moved = fromFeatures.get(f.id);
        if (!moved) continue;
        out.add({
          kind: "moved", element: moved.kind, id: f.id, path: `${cls.name}.${f.name}`, before: `${moved.owner.name}.${moved.feature.name}`, after: `${cls.name}.${f.name}`, impact: "major",
          message: `${moved.owner.name}.${moved.feature.name} moved to the new class ${cls.name}: values held by ${moved.owner.name} objects become orphaned.`,
        });
      }
      continue;
    }
    compareClass(out, from, to, was, cls);
    compareFeatures(out, from, to, toIndex, cls, fromFeatures, toFeatures);
  }
  for (const cls of from.classes) {
    if (toClassIds.has(cls.id)) continue;
    out.add({
      kind: "removed", element: "class", id: cls.id, path: cls.name, impact: "major",
      message: `Class ${cls.name} was removed: its objects are kept with their values, and reported until you delete them.`,
    });
  }
  const fromEnums = new Map(from.enums.map((e) => [e.id, e]));
  const toEnumIds = new Set(to.enums.map((e) => e.id));
  for (const en of to.enums) {
    const was = fromEnums.get(en.id);
    if (was) compareEnum(out, was, en);
    else out.add({ kind: "added", element: "enum", id: en.id, path: en.name, impact: "minor", message: `Enum ${en.name} was added.` });
  }
  for (const en of from.enums) {
    if (!toEnumIds.has(en.id)) out.add({ kind: "removed", element: "enum", id: en.id, path: en.name, impact: "major", message: `Enum ${en.name} was removed: attributes typed by it need another type.` });
  }
  return out.list;
}

/** The semver part to bump for these changes, or null when nothing changed. */
export function suggestedBump(changes: MetamodelChange[]): ChangeImpact | null {
  if (changes.some((c) => c.impact === "major")) return "major";
  if (changes.some((c) => c.impact === "minor")) return "minor";
  return changes.length ? "patch" : null;
}
