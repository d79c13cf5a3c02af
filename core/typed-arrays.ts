/** A copy of a typed array twice as long (or `atLeast` long, if that is more), its contents kept. */
export function grown<T extends Int32Array | Uint8Array>(array: T, atLeast = 0): T {
  const copy = new (array.constructor as new (length: number) => T)(Math.max(array.length * 2, atLeast));
  copy.set(array);
  return copy;
}
