/**
 * Stable element ids: a prefix by kind and 10 random base-36 characters (Web Crypto, no I/O).
 * Meta-models: c(lass), a(ttribute), r(eference), e(num), l(iteral); models: o(bject); templates:
 * f(ile), p(artial).
 */

export type IdKind = "c" | "a" | "r" | "e" | "l" | "o" | "f" | "p";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

export function newId(kind: IdKind): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let out = `${kind}_`;
  for (const b of bytes) out += ALPHABET[b % 36];
  return out;
}
