import { HighlightStyle, StreamLanguage, syntaxHighlighting, type StringStream } from "@codemirror/language";
import type { Extension } from "@codemirror/state";
import { tags as t } from "@lezer/highlight";

/**
 * Liquid for CodeMirror 6 (there is no Liquid mode in @codemirror/legacy-modes): `{{ }}` outputs and
 * `{% %}` tags with their strings, numbers, operators and filters (after `|`), `{% comment %}`,
 * `{% # inline %}` and `{% raw %}` blocks. Text outside the tags is the generated language and is
 * left plain, so the Liquid stands out. Also completes filter names after `|` and variable names.
 */

interface LiquidState {
  /** Inside `{{ }}` ("output") or `{% %}` ("tag"), else null. */
  inside: "output" | "tag" | null;
  /** The next word is a tag's name (`if`, `for`, `render`, ...). */
  expectTagName: boolean;
  /** The next word is a filter name. */
  afterPipe: boolean;
  /** Inside a `{% comment %}`, `{% raw %}` or an inline `{% # %}` comment. */
  block: "comment" | "raw" | "inline-comment" | null;
  /** Inside `{% liquid ... %}`: every line starts with a tag name. */
  liquidTag: boolean;
}

const KEYWORDS = new Set(["and", "or", "contains", "in", "with", "as", "for", "by", "reversed", "limit", "offset", "cols"]);
const ATOMS = new Set(["true", "false", "nil", "null", "empty", "blank"]);

const COMMENT_OPEN = /^\{%-?\s*comment\s*-?%\}/;
const COMMENT_CLOSE = /\{%-?\s*endcomment\s*-?%\}/;
const RAW_OPEN = /^\{%-?\s*raw\s*-?%\}/;
const RAW_CLOSE = /\{%-?\s*endraw\s*-?%\}/;

/** Consumes up to and including `close`, or the rest of the line. */
function skipPast(stream: StringStream, close: RegExp): boolean {
  const rest = stream.string.slice(stream.pos);
  const m = close.exec(rest);
  if (m) {
    stream.pos += m.index + m[0].length;
    return true;
  }
  stream.skipToEnd();
  return false;
}

function tokenInside(stream: StringStream, state: LiquidState): string | null {
  if (state.liquidTag && stream.sol()) {
    state.expectTagName = true;
    state.afterPipe = false;
  }
  if (stream.eatSpace()) return null;
  if (state.inside === "output" ? stream.match(/^-?\}\}/) : stream.match(/^-?%\}/)) {
    state.inside = null;
    state.afterPipe = false;
    state.expectTagName = false;
    state.liquidTag = false;
    return "meta";
  }
  if (state.expectTagName) {
    state.expectTagName = false;
    if (stream.match(/^#/)) {
      if (state.liquidTag) stream.skipToEnd();
      else state.block = "inline-comment";
      return "comment";
    }
    const name = stream.match(/^[A-Za-z_][\w-]*/) as RegExpMatchArray | null;
    if (name) {
      if (name[0] === "liquid") state.liquidTag = true;
      return "keyword";
    }
  }
  if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^'\\]|\\.)*'?/)) return "string";
  if (stream.match(/^-?\d+(\.\d+)?/)) return "number";
  if (stream.eat("|")) {
    state.afterPipe = true;
    return "operator";
  }
  if (stream.match(/^(==|!=|<>|<=|>=|<|>|=|\.\.)/)) return "operator";
  if (stream.match(/^[:,]/)) return "punctuation";
  if (stream.match(/^[[\]()]/)) return "bracket";
  if (stream.eat(".")) {
    if (stream.match(/^[A-Za-z_][\w-]*\??/)) return "propertyName";
    return "operator";
  }
  const word = stream.match(/^[A-Za-z_][\w-]*\??/) as RegExpMatchArray | null;
  if (word) {
    const w = word[0];
    if (state.afterPipe) {
      state.afterPipe = false;
      return "variableName.function";
    }
    if (KEYWORDS.has(w)) return "keyword";
    if (ATOMS.has(w)) return "atom";
    return "variableName";
  }
  stream.next();
  return null;
}

const parser = {
  name: "liquid",
  startState: (): LiquidState => ({ inside: null, expectTagName: false, afterPipe: false, block: null, liquidTag: false }),
  copyState: (s: LiquidState): LiquidState => ({ ...s }),
  token(stream: StringStream, state: LiquidState): string | null {
    if (state.block === "comment") {
      if (skipPast(stream, COMMENT_CLOSE)) state.block = null;
      return "comment";
    }
    if (state.block === "raw") {
      const rest = stream.string.slice(stream.pos);
      const m = RAW_CLOSE.exec(rest);
      if (m && m.index === 0) {
        stream.pos += m[0].length;
        state.block = null;
        return "meta";
      }
      if (m) stream.pos += m.index;
      else stream.skipToEnd();
      return null;
    }
    if (state.block === "inline-comment") {
      if (skipPast(stream, /-?%\}/)) {
        state.block = null;
        state.inside = null;
      }
      return "comment";
    }
    if (state.inside) return tokenInside(stream, state);
    if (stream.match(COMMENT_OPEN)) {
      state.block = "comment";
      return "comment";
    }
    if (stream.match(RAW_OPEN)) {
      state.block = "raw";
      return "meta";
    }
    if (stream.match(/^\{\{-?/)) {
      state.inside = "output";
      state.afterPipe = false;
      return "meta";
    }
    if (stream.match(/^\{%-?/)) {
      state.inside = "tag";
      state.expectTagName = true;
      state.afterPipe = false;
      return "meta";
    }
    // Plain text up to the next `{`.
    stream.next();
    while (!stream.eol() && stream.peek() !== "{") stream.next();
    return null;
  },
  languageData: { commentTokens: { block: { open: "{% comment %}", close: "{% endcomment %}" } } },
};

// --- completion (through basicSetup's autocompletion, fed by language data) --------------------------

/** LiquidJS's standard filters, plus ours (core/templates/filters.ts), for completion after `|`. */
const STANDARD_FILTERS = [
  "abs", "append", "at_least", "at_most", "capitalize", "ceil", "compact", "concat", "date", "default", "divided_by", "downcase",
  "escape", "first", "floor", "join", "last", "lstrip", "map", "minus", "modulo", "newline_to_br", "plus", "prepend", "remove",
  "remove_first", "replace", "replace_first", "reverse", "round", "rstrip", "size", "slice", "sort", "sort_natural", "split",
  "strip", "strip_newlines", "sum", "times", "truncate", "truncatewords", "uniq", "upcase", "where", "json",
];
const TAG_NAMES = ["if", "elsif", "else", "endif", "unless", "endunless", "for", "endfor", "case", "when", "endcase", "assign", "capture", "endcapture", "render", "comment", "endcomment", "raw", "endraw", "break", "continue", "liquid", "echo", "increment", "decrement", "cycle", "tablerow", "endtablerow"];

interface CompletionContextLike {
  pos: number;
  explicit: boolean;
  state: { sliceDoc(from: number, to: number): string };
  matchBefore(re: RegExp): { from: number; to: number; text: string } | null;
}

function completionSource(filters: string[], variables: () => string[]) {
  return (context: CompletionContextLike) => {
    const word = context.matchBefore(/[\w-]*/);
    if (!word) return null;
    const lineStart = Math.max(0, word.from - 200);
    const before = context.state.sliceDoc(lineStart, word.from);
    const open = Math.max(before.lastIndexOf("{{"), before.lastIndexOf("{%"));
    const close = Math.max(before.lastIndexOf("}}"), before.lastIndexOf("%}"));
    if (open < 0 || close > open) return null;
    if (word.from === word.to && !context.explicit && !/[|\s]$/.test(before)) return null;
    if (/\|\s*$/.test(before)) return { from: word.from, options: filters.map((label) => ({ label, type: "function" })), validFor: /^[\w-]*$/ };
    if (/\{%-?\s*$/.test(before)) return { from: word.from, options: TAG_NAMES.map((label) => ({ label, type: "keyword" })), validFor: /^[\w-]*$/ };
    if (/\.$/.test(before)) return null;
    return { from: word.from, options: variables().map((label) => ({ label, type: "variable" })), validFor: /^[\w-]*$/ };
  };
}

const highlight = HighlightStyle.define([
  { tag: t.meta, color: "var(--liquid-delim)", fontWeight: "600" },
  { tag: t.keyword, color: "var(--liquid-keyword)", fontWeight: "600" },
  { tag: t.string, color: "var(--liquid-string)" },
  { tag: t.number, color: "var(--liquid-number)" },
  { tag: t.atom, color: "var(--liquid-number)" },
  { tag: t.comment, color: "var(--muted-foreground)", fontStyle: "italic" },
  { tag: t.function(t.variableName), color: "var(--liquid-filter)" },
  { tag: t.variableName, color: "var(--liquid-variable)" },
  { tag: t.propertyName, color: "var(--liquid-property)" },
  { tag: [t.operator, t.punctuation, t.bracket], color: "var(--liquid-delim)" },
]);

/**
 * Liquid highlighting and completion. `filters` are the filter names to offer after `|`; `variables`
 * (read at completion time) the names to offer inside tags (model, object, the class alias, ...).
 */
export function liquid(options: { filters: string[]; variables: () => string[] }): Extension {
  const filters = [...new Set([...STANDARD_FILTERS, ...options.filters])].sort();
  const language = StreamLanguage.define({
    ...parser,
    languageData: { ...parser.languageData, autocomplete: completionSource(filters, options.variables) },
  });
  return [language, syntaxHighlighting(highlight)];
}
