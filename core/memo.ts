/**
 * Results remembered by a text key, for pure work that meets the same texts again and again (the pattern
 * engine's filters and comment alignments): `remember(key, compute)` runs `compute(key)` the first time a
 * key is seen (it must not return undefined). Forgets everything once its keys hold more than `maxChars`
 * characters, so memory stays bounded.
 */
export function textMemo<T>(maxChars: number): (key: string, compute: (key: string) => T) => T {
  const known = new Map<string, T>();
  let chars = 0;
  return (key, compute) => {
    const found = known.get(key);
    if (found !== undefined) return found;
    const value = compute(key);
    if (chars + key.length > maxChars) {
      known.clear();
      chars = 0;
    }
    known.set(key, value);
    chars += key.length;
    return value;
  };
}
