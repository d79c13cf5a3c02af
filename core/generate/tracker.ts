/**
 * Records which model objects a render reads, so that after an edit only the outputs that read an
 * edited object are rendered again. Views are wrapped in read-only proxies for the duration of one
 * render; reading any property of an object view (one with an own `_id`) records that id, and reading
 * the model's object lists records STRUCTURE (objects added, removed or re-typed).
 */

export const STRUCTURE = "#structure";

export class ReadTracker {
  readonly deps = new Set<string>();
  private readonly proxies = new WeakMap<object, object>();

  constructor(private readonly structural: WeakSet<object>) {}

  wrap<T>(value: T): T {
    if (value === null || typeof value !== "object") return value;
    const target = value as object;
    const cached = this.proxies.get(target);
    if (cached) return cached as T;
    const id = Object.hasOwn(target, "_id") ? String((target as { _id: unknown })._id) : this.structural.has(target) ? STRUCTURE : null;
    const record = () => {
      if (id !== null) this.deps.add(id);
    };
    const proxy = new Proxy(target, {
      get: (t, key, receiver) => {
        record();
        return this.wrap(Reflect.get(t, key, receiver));
      },
      has: (t, key) => {
        record();
        return Reflect.has(t, key);
      },
      getOwnPropertyDescriptor: (t, key) => {
        record();
        return Reflect.getOwnPropertyDescriptor(t, key);
      },
      ownKeys: (t) => {
        record();
        return Reflect.ownKeys(t);
      },
      set: () => false,
      defineProperty: () => false,
      deleteProperty: () => false,
    });
    this.proxies.set(target, proxy);
    return proxy as T;
  }
}
