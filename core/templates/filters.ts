/**
 * The Metaforge template filters (`FILTERS`), registered by the template engine next to Liquid's
 * own (`upcase`, `downcase`, `escape`, …). Reference for template authors:
 * docs/reference/template-filters.md.
 *
 * Every filter is total: it returns a value for good input and throws a plain `Error` whose message
 * starts with the filter's name and says what it expected (`pascal expects text, got an object`);
 * the engine turns it into a template error with the file, line and column.
 *
 * Argument conventions:
 * - Arguments come positionally (`{{ s | quote: "python" }}`); LiquidJS hands named arguments
 *   (`{{ s | indent: 4, first: false }}`) over as `[name, value]` pairs. Only `indent` has named
 *   arguments (`width`, `first`); any other named argument, or one argument too many, is an error.
 * - Text arguments: strings are used as they are, numbers, booleans and bigints become their
 *   `String()`; nil, arrays and objects are refused.
 * - Language arguments are case-insensitive and take the aliases in `LANGUAGE_ALIASES`
 *   (`ts`, `py`, `c#`, `pg`, `sh`, …).
 *
 * This module replaces Liquid's built-in `json` filter with a stable one (sorted keys, 2-space
 * indent, cycles refused).
 */
import * as kase from "./case";
import * as inflect from "./inflect";
import { toposort } from "./toposort";
import { describeValue, formatFor, optionalTypeFor, resolveLanguage, typeFor } from "./types";

export type TemplateFilter = (value: unknown, ...args: unknown[]) => unknown;

// ---------------------------------------------------------------------------------------------
// Arguments

function text(filter: string, value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    default:
      throw new Error(`${filter} expects text, got ${describeValue(value)}`);
  }
}

interface Args {
  positional: unknown[];
  named: Map<string, unknown>;
}

/** Split LiquidJS arguments into positional ones and `[name, value]` pairs, checking both. */
function args(filter: string, raw: unknown[], maxPositional: number, namedAllowed: readonly string[] = []): Args {
  const positional: unknown[] = [];
  const named = new Map<string, unknown>();
  for (const arg of raw) {
    if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === "string") {
      const [name, value] = arg as [string, unknown];
      if (namedAllowed.length === 0) throw new Error(`${filter} takes no named arguments, got ${name}:`);
      if (!namedAllowed.includes(name)) {
        throw new Error(`${filter} has no argument named ${name}: (its named arguments: ${namedAllowed.map((n) => `${n}:`).join(", ")})`);
      }
      named.set(name, value);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length > maxPositional) {
    const takes = maxPositional === 0 ? "takes no arguments" : `takes at most ${maxPositional} argument${maxPositional === 1 ? "" : "s"}`;
    throw new Error(`${filter} ${takes}, got ${positional.length}`);
  }
  return { positional, named };
}

function textFilter(name: string, fn: (s: string) => string): TemplateFilter {
  const convert = memoize(fn);
  return (value, ...rest) => {
    if (rest.length) args(name, rest, 0);
    return convert(text(name, value));
  };
}

/**
 * Case and number conversions of names are pure and asked for again and again (every field name, in
 * every template, on every render): remembered, up to a bound so a huge model cannot grow it forever.
 */
function memoize(fn: (s: string) => string, limit = 50_000): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let out = cache.get(s);
    if (out === undefined) {
      if (cache.size >= limit) cache.clear();
      cache.set(s, (out = fn(s)));
    }
    return out;
  };
}

// ---------------------------------------------------------------------------------------------
// Shared character helpers

const hex = (code: number, width: number) => code.toString(16).toUpperCase().padStart(width, "0");
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Lone UTF-16 surrogates (which no UTF-8 file can hold) become U+FFFD. */
const wellFormed = (s: string) => s.replace(LONE_SURROGATE, "\uFFFD");
const isLoneSurrogate = (s: string) => s.length === 1 && s >= "\uD800" && s <= "\uDFFF";

/** Escape code points with `escape` (which returns undefined to keep the character). */
function mapChars(s: string, escape: (ch: string, code: number) => string | undefined): string {
  let out = "";
  for (const ch of s) out += escape(ch, ch.codePointAt(0)!) ?? ch;
  return out;
}

function refuseNul(filter: string, s: string, what: string): void {
  if (s.includes("\0")) throw new Error(`${filter}: ${what} cannot contain the NUL character (U+0000)`);
}

// ---------------------------------------------------------------------------------------------
// quote

export const QUOTE_LANGUAGES = [
  "typescript",
  "javascript",
  "json",
  "python",
  "java",
  "go",
  "csharp",
  "rust",
  "kotlin",
  "sql",
  "yaml",
  "graphql",
  "shell",
] as const;
export type QuoteLanguage = (typeof QUOTE_LANGUAGES)[number];

/** JSON's quoting with the Unicode line and paragraph separators escaped too (editors and some tools break lines there). */
const jsString = (s: string) => JSON.stringify(s).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
const isLineSeparator = (c: number) => c === 0x2028 || c === 0x2029;

const QUOTERS: Record<QuoteLanguage, (s: string) => string> = {
  json: jsString,
  typescript: jsString,
  javascript: jsString,
  // JSON's escapes (\" \\ \b \f \n \r \t \uXXXX) mean the same in Python.
  python: jsString,
  // Java turns \uXXXX into characters before parsing, so \u000A would end the literal: control
  // characters use octal escapes instead.
  java: (s) =>
    `"${mapChars(s, (ch, c) => {
      if (ch === '"') return '\\"';
      if (ch === "\\") return "\\\\";
      if (ch === "\n") return "\\n";
      if (ch === "\r") return "\\r";
      if (ch === "\t") return "\\t";
      if (c < 0x20 || c === 0x7f) return `\\${c.toString(8).padStart(3, "0")}`;
      if (isLoneSurrogate(ch) || c === 0xfeff || isLineSeparator(c)) return `\\u${hex(c, 4)}`;
      return undefined;
    })}"`,
  kotlin: (s) =>
    `"${mapChars(s, (ch, c) => {
      if (ch === '"') return '\\"';
      if (ch === "\\") return "\\\\";
      if (ch === "$") return "\\$";
      if (ch === "\n") return "\\n";
      if (ch === "\r") return "\\r";
      if (ch === "\t") return "\\t";
      if (c < 0x20 || c === 0x7f || c === 0xfeff || isLineSeparator(c) || isLoneSurrogate(ch)) return `\\u${hex(c, 4)}`;
      return undefined;
    })}"`,
  // C# treats U+0085, U+2028 and U+2029 as new lines, which a regular literal cannot contain.
  csharp: (s) =>
    `"${mapChars(s, (ch, c) => {
      if (ch === '"') return '\\"';
      if (ch === "\\") return "\\\\";
      if (ch === "\n") return "\\n";
      if (ch === "\r") return "\\r";
      if (ch === "\t") return "\\t";
      if (c < 0x20 || c === 0x7f || c === 0x85 || isLineSeparator(c) || c === 0xfeff || isLoneSurrogate(ch)) {
        return `\\u${hex(c, 4)}`;
      }
      return undefined;
    })}"`,
  go: (s) =>
    `"${mapChars(wellFormed(s), (ch, c) => {
      if (ch === '"') return '\\"';
      if (ch === "\\") return "\\\\";
      if (ch === "\n") return "\\n";
      if (ch === "\r") return "\\r";
      if (ch === "\t") return "\\t";
      if (c < 0x20 || c === 0x7f) return `\\x${hex(c, 2)}`;
      if (c === 0xfeff || isLineSeparator(c)) return `\\u${hex(c, 4)}`;
      return undefined;
    })}"`,
  rust: (s) =>
    `"${mapChars(wellFormed(s), (ch, c) => {
      if (ch === '"') return '\\"';
      if (ch === "\\") return "\\\\";
      if (ch === "\n") return "\\n";
      if (ch === "\r") return "\\r";
      if (ch === "\t") return "\\t";
      if (c < 0x20 || c === 0x7f) return `\\x${hex(c, 2)}`;
      if (c === 0xfeff || isLineSeparator(c)) return `\\u{${hex(c, 4)}}`;
      return undefined;
    })}"`,
  sql: (s) => {
    refuseNul("quote", s, "SQL text");
    return `'${s.replace(/'/g, "''")}'`;
  },
  // JSON is YAML; YAML also wants non-printable characters (DEL, C1 controls) and the Unicode line
  // separators escaped.
  yaml: (s) =>
    JSON.stringify(wellFormed(s)).replace(/[\u007F-\u009F\u2028\u2029\uFEFF]/g, (ch) => `\\u${hex(ch.charCodeAt(0), 4)}`),
  graphql: (s) => jsString(wellFormed(s)),
  shell: (s) => {
    refuseNul("quote", s, "a shell word");
    return `'${s.replace(/'/g, "'\\''")}'`;
  },
};

/** `s` as a string literal of `language` (with the quotes). */
export function quoteFor(s: string, language: unknown): string {
  return QUOTERS[resolveLanguage("quote", language, QUOTE_LANGUAGES)](s);
}

// ---------------------------------------------------------------------------------------------
// escape_for

export const ESCAPE_TARGETS = ["html", "xml", "markdown", "regex", "sql", "json", "js"] as const;
export type EscapeTarget = (typeof ESCAPE_TARGETS)[number];
const ESCAPE_ALIASES: Readonly<Record<string, EscapeTarget>> = {
  javascript: "js",
  typescript: "js",
  ts: "js",
  regexp: "regex",
  md: "markdown",
};

const HTML_ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const XML_ENTITIES: Readonly<Record<string, string>> = { ...HTML_ENTITIES, "'": "&apos;" };
/** The first character XML 1.0 cannot hold at all, not even as a character reference. */
function xmlInvalid(s: string): string | undefined {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff || isLoneSurrogate(ch)) return ch;
  }
  return undefined;
}

const ESCAPERS: Record<EscapeTarget, (s: string) => string> = {
  html: (s) => s.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]!),
  xml: (s) => {
    const bad = xmlInvalid(s);
    if (bad !== undefined) throw new Error(`escape_for: XML cannot contain the character U+${hex(bad.charCodeAt(0), 4)}`);
    return s.replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch]!);
  },
  markdown: (s) => s.replace(/[\\`*_{}[\]()<>#+\-.!|~&=]/g, "\\$&"),
  regex: (s) => s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&"),
  sql: (s) => {
    refuseNul("escape_for", s, "SQL text");
    return s.replace(/'/g, "''");
  },
  json: (s) => JSON.stringify(s).slice(1, -1),
  js: (s) => jsString(s).slice(1, -1),
};

/** `s` escaped for use inside `target` text (no quotes added). */
export function escapeFor(s: string, target: unknown): string {
  if (typeof target === "string") {
    const key = target.trim().toLowerCase();
    if ((ESCAPE_TARGETS as readonly string[]).includes(key)) return ESCAPERS[key as EscapeTarget](s);
    if (Object.hasOwn(ESCAPE_ALIASES, key)) return ESCAPERS[ESCAPE_ALIASES[key]!](s);
  }
  return ESCAPERS[resolveLanguage("escape_for", target, ESCAPE_TARGETS)](s);
}

// ---------------------------------------------------------------------------------------------
// comment

const SLASH = ["typescript", "javascript", "java", "go", "csharp", "rust", "kotlin", "protobuf", "swift", "dart", "scala", "c", "cpp"] as const;
const HASH = ["python", "shell", "yaml", "graphql", "ruby", "toml"] as const;
const DASH = ["sql", "postgres"] as const;
const MARKUP = ["html", "xml", "markdown"] as const;
export const COMMENT_LANGUAGES = [...SLASH, ...HASH, ...DASH, ...MARKUP] as const;
export type CommentLanguage = (typeof COMMENT_LANGUAGES)[number];

const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/;

/** Java (and Scala 2) read \uXXXX even in comments: double a backslash that would start one. */
const defuseUnicodeEscapes = (line: string) => line.replace(/(\\+)u/g, (m, slashes: string) => (slashes.length % 2 === 1 ? `\\${m}` : m));

/** `s` as comment lines of `language`: each line prefixed with `// `, `# ` or `-- `; HTML/XML/Markdown get one `<!-- … -->`. */
export function commentFor(s: string, language: unknown): string {
  const lang = resolveLanguage("comment", language, COMMENT_LANGUAGES);
  const lines = s.split(LINE_BREAK);
  if ((MARKUP as readonly string[]).includes(lang)) {
    // "--" may not appear inside an XML/HTML comment.
    const safe = lines.map((l) => {
      while (l.includes("--")) l = l.replace(/--/g, "- -");
      return l;
    });
    return safe.length === 1 ? `<!-- ${safe[0]} -->` : `<!--\n${safe.join("\n")}\n-->`;
  }
  const prefix = (SLASH as readonly string[]).includes(lang) ? "//" : (HASH as readonly string[]).includes(lang) ? "#" : "--";
  const fix = lang === "java" || lang === "scala" ? defuseUnicodeEscapes : (l: string) => l;
  return lines.map((l) => (l === "" ? prefix : `${prefix} ${fix(l)}`)).join("\n");
}

// ---------------------------------------------------------------------------------------------
// indent

/**
 * Every non-blank line of `s` prefixed with `width` spaces (or with `width` itself when it is text);
 * with `first` false the first line is left alone (for text placed after an indented tag).
 * Blank lines (empty or only spaces/tabs) are not touched, so no trailing whitespace appears.
 */
export function indentText(s: string, width: number | string = 2, first = true): string {
  const pad = typeof width === "string" ? width : " ".repeat(width);
  const parts = s.split(/(\r\n|\n|\r)/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return part; // a line break
      if (i === 0 && !first) return part;
      return /^[ \t]*$/.test(part) ? part : pad + part;
    })
    .join("");
}

function indentFilter(value: unknown, ...rest: unknown[]): string {
  const s = text("indent", value);
  const { positional, named } = args("indent", rest, 2, ["width", "first"]);
  if (positional.length >= 1 && named.has("width")) throw new Error("indent got the width twice (positionally and as width:)");
  if (positional.length >= 2 && named.has("first")) throw new Error("indent got `first` twice (positionally and as first:)");
  const width = named.has("width") ? named.get("width") : positional[0];
  const first = named.has("first") ? named.get("first") : positional[1];
  let w: number | string = 2;
  if (typeof width === "number") {
    if (!Number.isInteger(width) || width < 0 || width > 100) throw new Error(`indent expects a width from 0 to 100 spaces, got ${width}`);
    w = width;
  } else if (typeof width === "string") {
    w = width;
  } else if (width !== undefined && width !== null) {
    throw new Error(`indent expects a width (a number of spaces, or the text to indent with), got ${describeValue(width)}`);
  }
  if (first !== undefined && first !== null && typeof first !== "boolean") {
    throw new Error(`indent expects \`first\` to be true or false, got ${describeValue(first)}`);
  }
  return indentText(s, w, first ?? true);
}

// ---------------------------------------------------------------------------------------------
// json

const MAX_DEPTH = 1000;

/**
 * Deterministic JSON: object keys sorted, `indent` spaces (0 = one line). Follows JSON.stringify
 * otherwise (toJSON is used, undefined/functions/symbols are dropped from objects and are null in
 * arrays, non-finite numbers are null, nil is null). Refuses cycles and bigints.
 */
export function stableJson(value: unknown, indent = 2): string {
  const ancestors = new Set<object>();
  const walk = (v: unknown, path: string, key: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new Error(`json: the value is nested more than ${MAX_DEPTH} levels deep (at ${path})`);
    if (typeof v === "object" && v !== null && typeof (v as { toJSON?: unknown }).toJSON === "function") {
      v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
    }
    if (typeof v === "bigint") throw new Error(`json cannot encode a bigint (at ${path})`);
    if (typeof v !== "object" || v === null) return v;
    if (ancestors.has(v)) throw new Error(`json: the value contains itself (a cycle at ${path})`);
    ancestors.add(v);
    try {
      if (Array.isArray(v)) {
        return v.map((item, i) => {
          const out = walk(item, `${path}[${i}]`, String(i), depth + 1);
          return out === undefined || typeof out === "function" || typeof out === "symbol" ? null : out;
        });
      }
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const item = walk((v as Record<string, unknown>)[k], `${path}.${k}`, k, depth + 1);
        if (item !== undefined && typeof item !== "function" && typeof item !== "symbol") {
          Object.defineProperty(out, k, { value: item, enumerable: true, writable: true, configurable: true });
        }
      }
      return out;
    } finally {
      ancestors.delete(v);
    }
  };
  const normalised = walk(value, "$", "", 0);
  return JSON.stringify(normalised, null, indent) ?? "null";
}

function jsonFilter(value: unknown, ...rest: unknown[]): string {
  const { positional } = args("json", rest, 1);
  const indent = positional[0] ?? 2;
  if (typeof indent !== "number" || !Number.isInteger(indent) || indent < 0 || indent > 10) {
    throw new Error(`json expects an indent from 0 to 10 spaces, got ${typeof indent === "number" ? indent : describeValue(indent)}`);
  }
  return stableJson(value, indent);
}

// ---------------------------------------------------------------------------------------------
// The filter record

export const FILTERS: Record<string, TemplateFilter> = {
  camel: textFilter("camel", kase.camel),
  pascal: textFilter("pascal", kase.pascal),
  snake: textFilter("snake", kase.snake),
  kebab: textFilter("kebab", kase.kebab),
  constant: textFilter("constant", kase.constant),
  title: textFilter("title", kase.title),
  dot: textFilter("dot", kase.dot),
  plural: textFilter("plural", inflect.plural),
  singular: textFilter("singular", inflect.singular),
  indent: indentFilter,
  quote: (value, ...rest) => {
    const s = text("quote", value);
    const { positional } = args("quote", rest, 1);
    return quoteFor(s, positional[0]);
  },
  escape_for: (value, ...rest) => {
    const s = text("escape_for", value);
    const { positional } = args("escape_for", rest, 1);
    return escapeFor(s, positional[0]);
  },
  type: (value, ...rest) => typeFor(value, args("type", rest, 1).positional[0]),
  optional_type: (value, ...rest) => optionalTypeFor(value, args("optional_type", rest, 1).positional[0]),
  format: (value, ...rest) => formatFor(value, args("format", rest, 1).positional[0] ?? "openapi"),
  comment: (value, ...rest) => {
    const s = text("comment", value);
    const { positional } = args("comment", rest, 1);
    return commentFor(s, positional[0]);
  },
  json: jsonFilter,
  toposort: (value, ...rest) => toposort(value, args("toposort", rest, 1).positional[0]),
};
