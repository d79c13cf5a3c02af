/**
 * Anti-unification (SPEC.md §4): from instances that share one token shape, the template that keeps
 * what they have in common and turns each difference into a hole. Holes are unified across case and
 * number variants (`UserService`, `userRepo`, `/users`, `USER_TABLE` are one hole seen through filters)
 * and named from the values they hold.
 */
import { snake } from "../templates/case";
import { singular } from "../templates/inflect";
import { applyFilters, type HoleFilter, type TemplatePart } from "./template";

export type HoleType = "identifier" | "string" | "number" | "code";

/** One position where instances may differ: the text each instance has there. */
export interface Column {
  type: HoleType;
  values: string[];
}

/** A piece of the aligned instances: the same text in all, or a column of differing texts. */
export type Aligned = { text: string } | Column;

export interface Hole {
  name: string;
  type: HoleType;
}

export interface Extraction {
  parts: TemplatePart[];
  holes: Hole[];
  /** Per instance, the value of each hole (same order as `holes`). */
  values: string[][];
}

/**
 * Filter chains tried, in order of preference, to derive a column from an existing hole. A chain is
 * accepted only when it maps the hole's value to the column's value in every instance.
 */
const CHAINS: readonly (readonly HoleFilter[])[] = (() => {
  const cases: HoleFilter[][] = [[], ["camel"], ["pascal"], ["snake"], ["kebab"], ["constant"], ["downcase"], ["upcase"], ["capitalize"]];
  const out: HoleFilter[][] = [...cases];
  for (const n of ["plural", "singular"] as const) for (const c of cases) out.push([n, ...c]);
  return out;
})();

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isUpper = (c: string | undefined) => c !== undefined && /\p{Lu}/u.test(c);
const isLowerOrDigit = (c: string | undefined) => c !== undefined && /[\p{Ll}\p{N}]/u.test(c);

/** Is there a word boundary before index `i` of `s`? */
function boundary(s: string, i: number): boolean {
  if (i <= 0 || i >= s.length) return true;
  const a = s[i - 1];
  const b = s[i];
  if (!isWordChar(a) || !isWordChar(b)) return true;
  return isLowerOrDigit(a) && isUpper(b);
}

/**
 * Splits differing values into a common prefix, the differing middles and a common suffix, cutting only
 * at word boundaries (so `accounts` / `account_sessions` differ as whole words, not as `s` / `_sessions`).
 */
export function splitCommon(values: readonly string[]): { prefix: string; middles: string[]; suffix: string } {
  const first = values[0]!;
  let p = first.length;
  for (const v of values) {
    let k = 0;
    const max = Math.min(p, v.length);
    while (k < max && v.charCodeAt(k) === first.charCodeAt(k)) k++;
    p = k;
  }
  while (p > 0 && !values.every((v) => boundary(v, p))) p--;
  let s = first.length - p;
  for (const v of values) {
    let k = 0;
    const max = Math.min(s, v.length - p);
    while (k < max && v.charCodeAt(v.length - 1 - k) === first.charCodeAt(first.length - 1 - k)) k++;
    s = k;
  }
  while (s > 0 && !values.every((v) => boundary(v, v.length - s))) s--;
  return { prefix: first.slice(0, p), middles: values.map((v) => v.slice(p, v.length - s)), suffix: first.slice(first.length - s) };
}

const RESERVED = new Set(["empty", "blank", "nil", "null", "true", "false", "and", "or", "contains", "in", "forloop", "tablerowloop", "with", "as", "for", "if", "else", "end"]);
const TYPE_NAMES: Record<HoleType, string> = { identifier: "name", string: "text", number: "n", code: "code" };

/** A hole name from the value it holds in the first instance: its snake-case singular, when that is a word. */
function holeName(value: string, type: HoleType, taken: Set<string>): string {
  let base = "";
  if (type !== "code" && value.length <= 40) {
    const s = snake(singular(value));
    if (/^[a-z][a-z0-9_]*$/.test(s) && s.length <= 32) base = s;
  }
  if (!base) base = TYPE_NAMES[type];
  if (RESERVED.has(base)) base = `${base}_value`;
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
  taken.add(name);
  return name;
}

/**
 * A cheap bucket for case and number variants of one word: `User`, `users`, `USER_` all start with
 * `use`. Only holes in the same bucket are tried with filter chains (irregular plurals are missed).
 */
function stem(value: string): string {
  return value.replace(/[^\p{L}\p{N}]/gu, "").toLowerCase().slice(0, 3);
}

const TYPE_RANK: Record<HoleType, number> = { identifier: 0, string: 1, number: 2, code: 3 };

/** Builds the template, holes and bindings from aligned instances. `aligned` columns must have one value per instance. */
export function extract(aligned: readonly Aligned[], instanceCount: number): Extraction {
  const parts: TemplatePart[] = [];
  interface HoleState {
    hole: Hole;
    values: string[];
  }
  const holes: HoleState[] = [];
  const exact = new Map<string, number>();
  const byStem = new Map<string, number[]>();
  const taken = new Set<string>();
  const key = (vs: readonly string[]) => vs.join("\u0000");

  /** An existing hole and filter chain that give exactly `middles` in every instance. */
  const derive = (middles: readonly string[]): { hole: number; chain: readonly HoleFilter[] } | null => {
    const same = exact.get(key(middles));
    if (same !== undefined) return { hole: same, chain: [] };
    for (const index of byStem.get(stem(middles[0]!)) ?? []) {
      const h = holes[index]!;
      for (const chain of CHAINS) {
        if (chain.length === 0) continue;
        try {
          if (applyFilters(h.values[0]!, chain) !== middles[0]) continue;
          if (h.values.every((v, i) => applyFilters(v, chain) === middles[i])) return { hole: index, chain };
        } catch {
          // A filter that refuses a value cannot derive the column.
        }
      }
    }
    return null;
  };

  const pushText = (text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && "text" in last) parts[parts.length - 1] = { text: last.text + text };
    else parts.push({ text });
  };

  for (const a of aligned) {
    if ("text" in a) {
      pushText(a.text);
      continue;
    }
    const { values } = a;
    if (values.every((v) => v === values[0])) {
      pushText(values[0]!);
      continue;
    }
    const { prefix, middles, suffix } = a.type === "code" ? { prefix: "", middles: values, suffix: "" } : splitCommon(values);
    pushText(prefix);
    const found = derive(middles);
    if (found) {
      const h = holes[found.hole]!.hole;
      if (TYPE_RANK[a.type] < TYPE_RANK[h.type]) h.type = a.type;
      parts.push({ hole: h.name, filters: found.chain });
    } else {
      const hole: Hole = { name: holeName(middles[0]!, a.type, taken), type: a.type };
      holes.push({ hole, values: middles });
      exact.set(key(middles), holes.length - 1);
      if (a.type !== "code") {
        const k = stem(middles[0]!);
        const list = byStem.get(k);
        if (list) list.push(holes.length - 1);
        else byStem.set(k, [holes.length - 1]);
      }
      parts.push({ hole: hole.name, filters: [] });
    }
    pushText(suffix);
  }
  const values: string[][] = [];
  for (let i = 0; i < instanceCount; i++) values.push(holes.map((h) => h.values[i]!));
  return { parts, holes: holes.map((h) => h.hole), values };
}
