import type { PatternGroup } from "./analysis";
import { utf8Length } from "./files";
import { holeNameSchema } from "./inputs";
import { applyFilters, parsePattern, renderPattern, type TemplatePart } from "./template";

/**
 * Working with a group's holes: where each hole lands in an occurrence's text (for highlighting), and
 * renaming a hole everywhere it appears (the template's output tags and every instance's bindings).
 */

/** A piece of a rendered occurrence: literal template text, or the text one hole produced. */
export interface RenderedPart {
  text: string;
  /** The hole that produced this text (absent for literal text). */
  hole?: string;
  filters?: readonly string[];
  /** UTF-16 offsets in the rendered text. */
  start: number;
  end: number;
}

/** The occurrence as parts, or null when the template is outside the pattern subset or a binding is missing. */
export function renderParts(template: string, bindings: Readonly<Record<string, string>>): RenderedPart[] | null {
  const parts = parsePattern(template);
  if (!parts) return null;
  const out: RenderedPart[] = [];
  let at = 0;
  for (const p of parts) {
    let text: string;
    if ("text" in p) text = p.text;
    else {
      const v = Object.hasOwn(bindings, p.hole) ? bindings[p.hole] : undefined;
      if (v === undefined) return null;
      text = applyFilters(v, p.filters);
    }
    const part: RenderedPart = { text, start: at, end: at + text.length };
    if (!("text" in p)) {
      part.hole = p.hole;
      part.filters = p.filters;
    }
    out.push(part);
    at += text.length;
  }
  return out;
}

/** The template as parts for display: literal text and hole chips (with their filters). */
export function templateParts(template: string): TemplatePart[] | null {
  return parsePattern(template);
}

const OUTPUT = /^\{\{(\s*)([A-Za-z_][A-Za-z0-9_]*)/;

/**
 * The template with every output tag of hole `from` naming `to` instead; everything else (literal
 * text, raw blocks, spacing, filters) stays byte for byte. Null when the text is outside the subset.
 */
export function renameInTemplate(liquid: string, from: string, to: string): string | null {
  if (!parsePattern(liquid)) return null;
  let out = "";
  let i = 0;
  while (i < liquid.length) {
    const open = liquid.indexOf("{", i);
    if (open < 0) break;
    out += liquid.slice(i, open);
    if (liquid.startsWith("{% raw %}", open)) {
      const close = liquid.indexOf("{% endraw %}", open + 9) + 12;
      out += liquid.slice(open, close);
      i = close;
      continue;
    }
    const m = liquid.startsWith("{{", open) ? OUTPUT.exec(liquid.slice(open)) : null;
    if (m) {
      out += `{{${m[1]}${m[2] === from ? to : m[2]}`;
      i = open + m[0].length;
      continue;
    }
    out += "{";
    i = open + 1;
  }
  return out + liquid.slice(i);
}

export type RenameResult = { ok: true; group: PatternGroup } | { ok: false; error: string };

/**
 * Renames hole `from` to `to` in the template's output tags, the hole list and every instance's
 * bindings (keeping key order). Refused when `to` is not a hole name, is taken by another hole, or when
 * the renamed template would not render every instance exactly as before.
 */
export function renameHole(group: PatternGroup, from: string, to: string): RenameResult {
  const parsedName = holeNameSchema.safeParse(to);
  if (!parsedName.success) return { ok: false, error: parsedName.error.issues[0]!.message };
  const name = parsedName.data;
  if (!group.holes.some((h) => h.name === from)) return { ok: false, error: `This group has no hole "${from}". Reload the page: someone may have renamed it.` };
  if (name === from) return { ok: true, group };
  if (group.holes.some((h) => h.name === name)) return { ok: false, error: `Another hole is already named "${name}". Pick a name no other hole of this group has.` };
  const template = renameInTemplate(group.template, from, name);
  if (template === null) return { ok: false, error: "The template is not in the pattern subset, so its holes cannot be renamed." };
  const rename = (bindings: Record<string, string>) => Object.fromEntries(Object.entries(bindings).map(([k, v]) => [k === from ? name : k, v]));
  const instances = group.instances.map((i) => ({ ...i, bindings: rename(i.bindings) }));
  for (let i = 0; i < instances.length; i++) {
    const before = renderPattern(group.template, group.instances[i]!.bindings);
    const after = renderPattern(template, instances[i]!.bindings);
    if (before === null || after !== before) return { ok: false, error: `After the rename, occurrence ${i + 1} would not render to its original text; nothing was changed.` };
  }
  const templateBytes = utf8Length(template);
  const { bindingBytes, originalBytes } = group.stats;
  const compression = originalBytes ? Math.round(((templateBytes + bindingBytes) / originalBytes) * 10_000) / 10_000 : group.stats.compression;
  return {
    ok: true,
    group: {
      ...group,
      template,
      holes: group.holes.map((h) => (h.name === from ? { ...h, name } : h)),
      instances,
      stats: { ...group.stats, templateBytes, compression },
    },
  };
}
