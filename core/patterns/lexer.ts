/**
 * A fast, forgiving tokenizer shared by every language (SPEC.md §2). It never throws: text it does not
 * understand becomes one-character punctuation tokens. Whitespace is not a token; comments are.
 *
 * Tokens are stored column-wise in typed arrays so a 500k-line corpus stays a few arrays.
 */

export const TokenKind = { Ident: 0, Number: 1, String: 2, Comment: 3, Punct: 4, Keyword: 5 } as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export type LexFamily = "c" | "js" | "python" | "ruby" | "php" | "text";

export interface Tokens {
  count: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** Hash of the token with identifiers, strings, numbers and comments normalised to their kind. */
  norm: Int32Array;
  /** Hash of the token's exact text. */
  exact: Int32Array;
}

/**
 * Words that shape control flow or declarations in most languages: kept as themselves in normalised
 * tokens, so `if (x)` and `while (x)` are not clones. Words often used as names (`get`, `list`, `type`,
 * `delete`) are not here.
 */
const KEYWORDS = new Set(
  (
    "if else for while do return function class const let var new import export switch case break continue throw try " +
    "catch finally async await yield typeof instanceof void static extends implements interface enum public private " +
    "protected abstract def elif lambda pass raise struct func package defer chan fn impl pub mut unsafe throws foreach " +
    "elsif unless until rescue ensure namespace using goto"
  ).split(" "),
);

/** Which lexical family a language uses. */
export function lexFamily(language: string): LexFamily {
  switch (language) {
    case "typescript":
    case "javascript":
      return "js";
    case "python":
      return "python";
    case "ruby":
      return "ruby";
    case "php":
      return "php";
    case "java":
    case "go":
    case "csharp":
    case "rust":
    case "c":
    case "cpp":
    case "kotlin":
    case "swift":
    case "scala":
      return "c";
    default:
      return "text";
  }
}

// Character classes for ASCII; non-ASCII letters count as identifier characters.
const ID_START = new Uint8Array(128);
const ID_PART = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_$]/.test(ch)) ID_START[c] = 1;
  if (/[A-Za-z0-9_$]/.test(ch)) ID_PART[c] = 1;
}
const isIdStart = (c: number) => (c < 128 ? ID_START[c] === 1 : c > 0xa0 && c !== 0xfeff && c !== 0x2028 && c !== 0x2029);
const isIdPart = (c: number) => (c < 128 ? ID_PART[c] === 1 : c > 0xa0 && c !== 0xfeff && c !== 0x2028 && c !== 0x2029);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff;

/** FNV-1a over a slice of a string (UTF-16 units), as a signed 32-bit int. */
export function hashText(text: string, start: number, end: number, seed = 0x811c9dc5): number {
  let h = seed | 0;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

const NORM_IDENT = 0x1d1d1d1;
const NORM_NUMBER = 0x2e2e2e2;
const NORM_STRING = 0x3f3f3f3;
/** Regular expression literals are strings of their own kind: a pattern is not interchangeable with a text. */
const NORM_REGEX = 0x5e5e5e5;
const NORM_COMMENT = 0x4a4a4a4;

class TokenSink {
  count = 0;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  constructor(capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }
  push(kind: TokenKind, start: number, end: number) {
    if (this.count === this.kind.length) {
      const cap = this.count * 2 + 16;
      const k = new Uint8Array(cap);
      k.set(this.kind);
      const s = new Int32Array(cap);
      s.set(this.start);
      const e = new Int32Array(cap);
      e.set(this.end);
      this.kind = k;
      this.start = s;
      this.end = e;
    }
    this.kind[this.count] = kind;
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.count++;
  }
}

/** Where a quoted string starting at `i` (the quote) ends (exclusive); stops at a newline for single-line quotes. */
function skipQuoted(text: string, i: number, quote: number, multiline: boolean): number {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 92) {
      j += 2;
      continue;
    }
    if (c === quote) return j + 1;
    if (!multiline && c === 10) return j;
    j++;
  }
  return n;
}

/** A JS template literal from its backtick, with `${ … }` nesting (strings and templates inside). */
function skipTemplate(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 92) {
      j += 2;
      continue;
    }
    if (c === 96) return j + 1;
    if (c === 36 && text.charCodeAt(j + 1) === 123) {
      let depth = 1;
      j += 2;
      while (j < n && depth > 0) {
        const d = text.charCodeAt(j);
        if (d === 123) depth++;
        else if (d === 125) depth--;
        else if (d === 39 || d === 34) {
          j = skipQuoted(text, j, d, false);
          continue;
        } else if (d === 96) {
          j = skipTemplate(text, j);
          continue;
        }
        j++;
      }
      continue;
    }
    j++;
  }
  return n;
}

/** Could a `/` at this point start a regular expression (JS)? Decided from the previous token. */
function regexAllowed(text: string, sink: TokenSink): boolean {
  if (sink.count === 0) return true;
  const k = sink.kind[sink.count - 1]!;
  if (k === TokenKind.Ident || k === TokenKind.Number || k === TokenKind.String) return false;
  if (k === TokenKind.Keyword) {
    const w = text.slice(sink.start[sink.count - 1], sink.end[sink.count - 1]);
    return w !== "this" && w !== "super" && w !== "null" && w !== "true" && w !== "false" && w !== "undefined";
  }
  if (k === TokenKind.Punct) {
    const c = text.charCodeAt(sink.start[sink.count - 1]!);
    return c !== 41 && c !== 93 && c !== 125; // ) ] }
  }
  return true;
}

function skipRegex(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  let inClass = false;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 10) return -1;
    if (c === 92) {
      j += 2;
      continue;
    }
    if (c === 91) inClass = true;
    else if (c === 93) inClass = false;
    else if (c === 47 && !inClass) {
      j++;
      while (j < n && isIdPart(text.charCodeAt(j))) j++;
      return j;
    }
    j++;
  }
  return -1;
}

/** Tokenizes `text` as `family`. Never throws. */
export function tokenize(text: string, family: LexFamily): Tokens {
  const n = text.length;
  const sink = new TokenSink(Math.max(16, n >> 2));
  const hashComments = family === "python" || family === "ruby" || family === "php";
  const slashComments = family === "c" || family === "js" || family === "php";
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    // Comments.
    if (slashComments && c === 47 && next === 47) {
      let j = i + 2;
      while (j < n && text.charCodeAt(j) !== 10) j++;
      sink.push(TokenKind.Comment, i, j);
      i = j;
      continue;
    }
    if (slashComments && c === 47 && next === 42) {
      const close = text.indexOf("*/", i + 2);
      const j = close < 0 ? n : close + 2;
      sink.push(TokenKind.Comment, i, j);
      i = j;
      continue;
    }
    if (hashComments && c === 35) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 10) j++;
      sink.push(TokenKind.Comment, i, j);
      i = j;
      continue;
    }
    // Strings.
    if (family === "python" && (c === 34 || c === 39) && next === c && text.charCodeAt(i + 2) === c) {
      const q = String.fromCharCode(c).repeat(3);
      const close = text.indexOf(q, i + 3);
      const j = close < 0 ? n : close + 3;
      sink.push(TokenKind.String, i, j);
      i = j;
      continue;
    }
    if (c === 34 || (c === 39 && family !== "text")) {
      // Rust lifetimes / labels ('a) are not strings: a quote followed by an identifier and no closing quote soon.
      if (c === 39 && family === "c" && isIdStart(next) && text.charCodeAt(i + 2) !== 39 && next !== 92) {
        sink.push(TokenKind.Punct, i, i + 1);
        i++;
        continue;
      }
      const j = skipQuoted(text, i, c, family === "python" ? false : family !== "c" && family !== "js");
      sink.push(TokenKind.String, i, j);
      i = j;
      continue;
    }
    if (c === 96 && (family === "js" || family === "c" || family === "ruby" || family === "php")) {
      const j = family === "js" ? skipTemplate(text, i) : skipQuoted(text, i, 96, true);
      sink.push(TokenKind.String, i, j);
      i = j;
      continue;
    }
    if (family === "js" && c === 47 && regexAllowed(text, sink)) {
      const j = skipRegex(text, i);
      if (j > 0) {
        sink.push(TokenKind.String, i, j);
        i = j;
        continue;
      }
    }
    // Numbers.
    if (isDigit(c) || (c === 46 && isDigit(next))) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isIdPart(d) || d === 46) j++;
        else if ((d === 43 || d === 45) && (text.charCodeAt(j - 1) | 32) === 101 && !/^0[xX]/.test(text.slice(i, i + 2))) j++;
        else break;
      }
      sink.push(TokenKind.Number, i, j);
      i = j;
      continue;
    }
    // Identifiers and keywords (PHP variables keep their `$`).
    if (isIdStart(c) || (c === 64 && isIdStart(next) && family !== "js")) {
      let j = i + 1;
      while (j < n && isIdPart(text.charCodeAt(j))) j++;
      const word = text.slice(i, j);
      sink.push(KEYWORDS.has(word) ? TokenKind.Keyword : TokenKind.Ident, i, j);
      i = j;
      continue;
    }
    // Everything else: one character of punctuation (a surrogate pair stays whole).
    const w = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    sink.push(TokenKind.Punct, i, i + w);
    i += w;
  }
  const count = sink.count;
  const norm = new Int32Array(count);
  const exact = new Int32Array(count);
  for (let t = 0; t < count; t++) {
    const k = sink.kind[t]!;
    const s = sink.start[t]!;
    const e = sink.end[t]!;
    const h = hashText(text, s, e, 0x811c9dc5 ^ k);
    exact[t] = h;
    norm[t] = k === TokenKind.Ident ? NORM_IDENT : k === TokenKind.Number ? NORM_NUMBER : k === TokenKind.String ? (text.charCodeAt(s) === 47 ? NORM_REGEX : NORM_STRING) : k === TokenKind.Comment ? NORM_COMMENT : h;
  }
  return { count, kind: sink.kind.subarray(0, count), start: sink.start.subarray(0, count), end: sink.end.subarray(0, count), norm, exact };
}
