/**
 * Syntactic units (SPEC.md §3): where instances may start and end. A parser (oxc-parser for
 * TypeScript/JavaScript, tree-sitter for the others — see server/patterns/) reports them as offset spans;
 * when there is none, or it fails, `tokenSyntax` derives them from the tokens alone (brackets for
 * C-like languages, indentation for the others), so an unknown language never crashes the engine.
 */
import { TokenKind, type LexFamily, type Tokens } from "./lexer";

export type UnitKind = "file" | "class" | "function" | "method" | "members" | "statements" | "block" | "definition";

export interface Span {
  start: number;
  end: number;
}

export interface Syntax {
  /** Whole units: classes, functions, methods, definitions (UTF-16 offsets). */
  units: (Span & { kind: UnitKind })[];
  /** Lists of siblings in source order: the statements of a block, the members of a class, the properties of an object. */
  lists: { kind: "statements" | "members"; items: Span[] }[];
  /** Array and object literals, brackets included, any number of elements (PA-20 folds the ones of data). */
  literals?: Span[];
}

export interface SyntaxFile {
  path: string;
  text: string;
  language: string;
}

/** Gives the syntax of a file, or null to fall back to the token-level path. Must not throw (errors mean null). */
export type SyntaxProvider = (file: SyntaxFile) => Syntax | null;

const OPEN = new Set([40, 91, 123]); // ( [ {
const CLOSE = new Set([41, 93, 125]);

/** Token-level syntax for brace languages: every `{ … }` holds a list of items split at `;` `,` and closing braces that end a line. */
function braceSyntax(text: string, tokens: Tokens): Syntax {
  const units: Syntax["units"] = [];
  const lists: Syntax["lists"] = [];
  interface Frame {
    items: Span[];
    itemStart: number;
    depth: number; // ( [ nesting inside this brace block
    open: number; // token index of the `{` (-1 for the file)
  }
  const stack: Frame[] = [{ items: [], itemStart: -1, depth: 0, open: -1 }];
  const endItem = (f: Frame, lastToken: number) => {
    if (f.itemStart >= 0 && lastToken >= f.itemStart) f.items.push({ start: tokens.start[f.itemStart]!, end: tokens.end[lastToken]! });
    f.itemStart = -1;
  };
  for (let t = 0; t < tokens.count; t++) {
    const f = stack[stack.length - 1]!;
    const kind = tokens.kind[t]!;
    const c = kind === TokenKind.Punct ? text.charCodeAt(tokens.start[t]!) : 0;
    if (f.itemStart < 0 && !(kind === TokenKind.Punct && (c === 59 || c === 44 || c === 125))) f.itemStart = t;
    if (kind !== TokenKind.Punct) continue;
    if (c === 123) {
      stack.push({ items: [], itemStart: -1, depth: 0, open: t });
      continue;
    }
    if (c === 125) {
      if (stack.length === 1) continue;
      endItem(f, t - 1);
      if (f.items.length >= 2) lists.push({ kind: "statements", items: f.items });
      stack.pop();
      const parent = stack[stack.length - 1]!;
      // A block spanning lines is a unit from the start of its item (e.g. `function f() {` … `}`).
      if (parent.itemStart >= 0) {
        const start = tokens.start[parent.itemStart]!;
        const end = tokens.end[t]!;
        if (text.lastIndexOf("\n", end) > start) units.push({ kind: "block", start, end });
        // The item ends here when the next token is on a later line (or is a separator).
        const next = t + 1 < tokens.count ? tokens.start[t + 1]! : text.length;
        const between = text.slice(end, next);
        if (parent.depth === 0 && (between.includes("\n") || t + 1 >= tokens.count)) endItem(parent, t);
      }
      continue;
    }
    if (OPEN.has(c)) f.depth++;
    else if (CLOSE.has(c)) f.depth = Math.max(0, f.depth - 1);
    else if ((c === 59 || c === 44) && f.depth === 0) endItem(f, t);
  }
  const file = stack[0]!;
  endItem(file, tokens.count - 1);
  if (file.items.length >= 2) lists.push({ kind: "statements", items: file.items });
  return { units, lists };
}

/** Token-level syntax for indentation languages (and plain text): an item is a line with the deeper-indented lines under it. */
function indentSyntax(text: string): Syntax {
  const units: Syntax["units"] = [];
  const lines: { start: number; end: number; indent: number }[] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      let k = s;
      while (k < i && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
      let e = i;
      while (e > k && (text.charCodeAt(e - 1) === 13 || text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
      if (e > k) lines.push({ start: k, end: e, indent: k - s });
      s = i + 1;
    }
  }
  const lists: Syntax["lists"] = [];
  // Items at one indentation under one parent form a list.
  const build = (from: number, to: number) => {
    const items: Span[] = [];
    let i = from;
    while (i < to) {
      const head = lines[i]!;
      let j = i + 1;
      while (j < to && lines[j]!.indent > head.indent) j++;
      items.push({ start: head.start, end: lines[j - 1]!.end });
      if (j - i > 1) {
        units.push({ kind: "block", start: head.start, end: lines[j - 1]!.end });
        build(i + 1, j);
      }
      i = j;
    }
    if (items.length >= 2) lists.push({ kind: "statements", items });
  };
  build(0, lines.length);
  return { units, lists };
}

/** The syntax the token-level path derives, by lexical family. */
export function tokenSyntax(text: string, tokens: Tokens, family: LexFamily): Syntax {
  return family === "python" || family === "ruby" || family === "text" ? indentSyntax(text) : braceSyntax(text, tokens);
}
