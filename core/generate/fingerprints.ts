/**
 * The fingerprints of a model's objects (id → text that changes when anything a template can read of
 * the object changes), as an immutable value. A model that differs from another in a few objects'
 * attribute values shares the other's fingerprints and keeps only its own changes apart, so deriving
 * one after an edit, and finding what changed between the two, costs the size of the edit rather than
 * the size of the model.
 */
export class Fingerprints {
  private constructor(
    private readonly base: ReadonlyMap<string, string>,
    /** Changed fingerprints of ids in `base` (never new ids). */
    private readonly changes: ReadonlyMap<string, string>,
  ) {}

  static of(entries: Iterable<readonly [string, string]>): Fingerprints {
    return new Fingerprints(new Map(entries), new Map());
  }

  /** Changes kept apart up to this many; beyond, they are folded into a new base (tests lower it). */
  static FOLD_AFTER = 256;

  get(id: string): string | undefined {
    return this.changes.get(id) ?? this.base.get(id);
  }

  get size(): number {
    return this.base.size;
  }

  /** These fingerprints with new ones for some existing ids (an edit of attribute values). */
  with(updates: Iterable<readonly [string, string]>): Fingerprints {
    const changes = new Map(this.changes);
    for (const [id, fp] of updates) {
      if (!this.base.has(id)) throw new Error(`Fingerprints.with: unknown id ${id}`);
      changes.set(id, fp);
    }
    if (changes.size <= Fingerprints.FOLD_AFTER) return new Fingerprints(this.base, changes);
    const base = new Map(this.base);
    for (const [id, fp] of changes) base.set(id, fp);
    return new Fingerprints(base, new Map());
  }

  /** The ids whose fingerprint differs from `previous`'s, added and removed ones included. */
  changedSince(previous: Fingerprints): Set<string> {
    const changed = new Set<string>();
    if (previous.base === this.base) {
      for (const id of this.changes.keys()) if (previous.get(id) !== this.get(id)) changed.add(id);
      for (const id of previous.changes.keys()) if (previous.get(id) !== this.get(id)) changed.add(id);
      return changed;
    }
    for (const id of this.base.keys()) if (previous.get(id) !== this.get(id)) changed.add(id);
    for (const id of previous.base.keys()) if (!this.base.has(id)) changed.add(id);
    return changed;
  }
}
