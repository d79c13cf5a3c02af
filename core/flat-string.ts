/**
 * The string, stored as one piece. V8 keeps a concatenation as a tree of its parts until the text is
 * first read, then copies it into one piece in place; reading one character does that now. Worth it
 * for text built from many small pieces that lives on: while the pieces are young they cost the
 * garbage collector little, and every later read (or concatenation into a larger text) sees one piece.
 */
export function flat(s: string): string {
  if (s.length > 0) s.charCodeAt(0);
  return s;
}
