import type { Attribute, MetaClass, MetaModel, Reference } from "./schema";

/** Lookups over one meta-model: classes by id, supertype closure, features including inherited ones. */
export class MetamodelIndex {
  readonly classes = new Map<string, MetaClass>();
  readonly enums = new Map<string, { id: string; name: string }>();
  readonly referenceOwner = new Map<string, MetaClass>();
  readonly references = new Map<string, Reference>();

  constructor(readonly model: MetaModel) {
    for (const c of model.classes) {
      this.classes.set(c.id, c);
      for (const r of c.references) {
        this.references.set(r.id, r);
        this.referenceOwner.set(r.id, c);
      }
    }
    for (const e of model.enums) this.enums.set(e.id, e);
  }

  /** All supertypes of `classId`, nearest first, without repeats; stops at cycles. */
  ancestors(classId: string): MetaClass[] {
    const out: MetaClass[] = [];
    const seen = new Set<string>([classId]);
    const queue = [...(this.classes.get(classId)?.supertypes ?? [])];
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const c = this.classes.get(id);
      if (!c) continue;
      out.push(c);
      queue.push(...c.supertypes);
    }
    return out;
  }

  /** True when `sub` is `sup` or inherits from it. */
  conformsTo(sub: string, sup: string): boolean {
    return sub === sup || this.ancestors(sub).some((c) => c.id === sup);
  }

  /** Classes that inherit (directly or not) from `classId`. */
  descendants(classId: string): MetaClass[] {
    return this.model.classes.filter((c) => c.id !== classId && this.conformsTo(c.id, classId));
  }

  /** Own and inherited features, own first; each feature appears once (diamonds are fine). */
  allFeatures(classId: string): Array<{ owner: MetaClass; feature: Attribute | Reference; kind: "attribute" | "reference" }> {
    const c = this.classes.get(classId);
    if (!c) return [];
    const out: Array<{ owner: MetaClass; feature: Attribute | Reference; kind: "attribute" | "reference" }> = [];
    for (const owner of [c, ...this.ancestors(classId)]) {
      for (const a of owner.attributes) out.push({ owner, feature: a, kind: "attribute" });
      for (const r of owner.references) out.push({ owner, feature: r, kind: "reference" });
    }
    return out;
  }
}
