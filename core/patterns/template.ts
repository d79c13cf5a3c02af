/**
 * The Liquid subset pattern templates are written in (SPEC.md §5): literal text, `{% raw %}` blocks and
 * output tags `{{ hole | filter | … }}` with the filters in `HOLE_FILTERS`. `renderPattern` renders that
 * subset without a Liquid engine (the engine checks every group with it); tests check it agrees with
 * LiquidJS and the registered filters on every group they produce.
 */
import { camel, constant, kebab, pascal, snake } from "../templates/case";
import { textMemo } from "../memo";
import { plural, singular } from "../templates/inflect";

/**
 * Identifier filters with their results remembered: the engine tries every filter chain on every hole's
 * values, the same few identifiers many times over.
 */
function memo(fn: (s: string) => string): (s: string) => string {
  const remember = textMemo<string>(2_000_000);
  return (s) => remember(s, fn);
}

export const HOLE_FILTERS = {
  camel: memo(camel),
  pascal: memo(pascal),
  snake: memo(snake),
  kebab: memo(kebab),
  constant: memo(constant),
  plural: memo(plural),
  singular: memo(singular),
  // Liquid's own, with LiquidJS's exact behaviour.
  downcase: (s: string) => s.toLowerCase(),
  upcase: (s: string) => s.toUpperCase(),
  capitalize: (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
} satisfies Record<string, (s: string) => string>;

export type HoleFilter = keyof typeof HOLE_FILTERS;

export type TemplatePart = { text: string } | { hole: string; filters: readonly HoleFilter[] };

/** Applies a filter chain. */
export function applyFilters(value: string, filters: readonly HoleFilter[]): string {
  let v = value;
  for (const f of filters) v = HOLE_FILTERS[f](v);
  return v;
}

const NEEDS_RAW = /\{\{|\{%|\{$/;

/** Literal text as Liquid: verbatim, or inside `{% raw %}` when it holds something Liquid would read. */
export function liquidLiteral(text: string): string {
  if (!NEEDS_RAW.test(text)) return text;
  // A raw block ends at the first `{% endraw`: split the text right after the `{` of any such sequence.
  const pieces: string[] = [];
  let rest = text;
  for (let m = ENDRAW.exec(rest); m; m = ENDRAW.exec(rest)) {
    pieces.push(rest.slice(0, m.index + 1));
    rest = rest.slice(m.index + 1);
  }
  pieces.push(rest);
  return pieces.map((piece) => (NEEDS_RAW.test(piece) ? `{% raw %}${piece}{% endraw %}` : piece)).join("");
}

const ENDRAW = /\{%-?\s*endraw/;

/** The Liquid text of a template. Adjacent literal parts are merged first. */
export function toLiquid(parts: readonly TemplatePart[]): string {
  let out = "";
  let literal = "";
  for (const p of parts) {
    if ("text" in p) {
      literal += p.text;
      continue;
    }
    out += liquidLiteral(literal);
    literal = "";
    out += `{{ ${[p.hole, ...p.filters].join(" | ")} }}`;
  }
  return out + liquidLiteral(literal);
}

const OUTPUT = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)((?:\s*\|\s*[a-z_]+)*)\s*\}\}/y;

/** Parses the subset back into parts; null when the text is outside the subset. */
export function parsePattern(liquid: string): TemplatePart[] | null {
  const parts: TemplatePart[] = [];
  let i = 0;
  let literal = "";
  while (i < liquid.length) {
    const open = liquid.indexOf("{", i);
    if (open < 0) {
      literal += liquid.slice(i);
      break;
    }
    literal += liquid.slice(i, open);
    if (liquid.startsWith("{% raw %}", open)) {
      const close = liquid.indexOf("{% endraw %}", open + 9);
      if (close < 0) return null;
      literal += liquid.slice(open + 9, close);
      i = close + 12;
      continue;
    }
    if (liquid.startsWith("{{", open)) {
      OUTPUT.lastIndex = open;
      const m = OUTPUT.exec(liquid);
      if (!m) return null;
      const filters = m[2]!
        .split("|")
        .map((s) => s.trim())
        .filter(Boolean);
      if (!filters.every((f): f is HoleFilter => f in HOLE_FILTERS)) return null;
      if (literal) parts.push({ text: literal });
      literal = "";
      parts.push({ hole: m[1]!, filters });
      i = open + m[0].length;
      continue;
    }
    if (liquid.startsWith("{%", open)) return null;
    literal += "{";
    i = open + 1;
  }
  if (literal) parts.push({ text: literal });
  return parts;
}

/** Renders a pattern template (the subset) with its bindings; null when it is outside the subset or a binding is missing. */
export function renderPattern(liquid: string, bindings: Readonly<Record<string, string>>): string | null {
  const parts = parsePattern(liquid);
  return parts && renderParts(parts, bindings);
}

/** Renders parsed parts (see `parsePattern`) with bindings; null when a binding is missing. */
export function renderParts(parts: readonly TemplatePart[], bindings: Readonly<Record<string, string>>): string | null {
  let out = "";
  for (const p of parts) {
    if ("text" in p) out += p.text;
    else {
      const v = Object.hasOwn(bindings, p.hole) ? bindings[p.hole] : undefined;
      if (v === undefined) return null;
      out += applyFilters(v, p.filters);
    }
  }
  return out;
}
