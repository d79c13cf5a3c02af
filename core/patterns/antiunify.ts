/**
 * Anti-unification (SPEC.md §4): from instances that share one token shape, the template that keeps
 * what they have in common and turns each difference into a hole. Holes are unified across case and
 * number variants (`UserService`, `userRepo`, `/users`, `USER_TABLE` are one hole seen through filters)
 * and named from the values they hold.
 */
import { textMemo } from "../memo";
import { grown } from "../typed-arrays";
import { snake } from "../templates/case";
import { singular } from "../templates/inflect";
import { fnv, FNV_START } from "./files";
import { lcs } from "./lcs";
import { matchIndexes } from "./myers";
import { applyFilters, type HoleFilter, type TemplatePart } from "./template";

export type HoleType = "identifier" | "string" | "number" | "code";

/** One position where instances may differ: the text each instance has there. */
export interface Column {
  type: HoleType;
  values: string[];
  /** The column is a comment (documentation): its holes are reported apart, see `Extraction.codeValues`. */
  comment?: boolean;
  /** A name for its hole (otherwise named from its first value). */
  name?: string;
  /**
   * The column holds instances of other groups (a frame's, PA-19): reported apart like comments, see
   * `Extraction.codeValues`.
   */
  nested?: boolean;
}

/** A piece of the aligned instances: the same text in all, or a column of differing texts. */
export type Aligned = { text: string } | Column;

export interface Hole {
  name: string;
  type: HoleType;
  /** Its values are instances of other groups (a frame's hole, PA-19). */
  nested?: true;
}

export interface Extraction {
  parts: TemplatePart[];
  holes: Hole[];
  /** Per instance, the value of each hole (same order as `holes`). */
  values: string[][];
  /**
   * Per instance, the values of the holes used outside comments, each once (however many places it fills):
   * what is specific to the instance's code.
   */
  codeValues: string[];
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

const WORD = /^[\p{L}\p{N}_]+$/u;

/** Class of a code point: 1 a word character, 2 a space, 0 anything else (ASCII by table). */
const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, c) => (/[\p{L}\p{N}_]/u.test(String.fromCharCode(c)) ? 1 : /\s/.test(String.fromCharCode(c)) ? 2 : 0));
const otherClass = new Map<number, number>();
function classOf(cp: number): number {
  if (cp < 128) return ASCII_CLASS[cp]!;
  let k = otherClass.get(cp);
  if (k === undefined) {
    const c = String.fromCodePoint(cp);
    otherClass.set(cp, (k = /[\p{L}\p{N}]/u.test(c) ? 1 : /\s/u.test(c) ? 2 : 0));
  }
  return k;
}

/**
 * Pieces (runs of word characters, runs of space, single other characters) are interned: each distinct
 * piece is a number, its text and kind kept once, in a hash table probed with the text in place (only a
 * piece never seen is copied out). A text's pieces are remembered as numbers, so the comments met again
 * in every candidate that holds their code are split and numbered once.
 */
const pieceText: string[] = [];
/** Per piece: its class (1 a word, 2 a run of space, 0 a sign) and its hash. */
let pieceKind = new Uint8Array(1024);
let pieceHash = new Int32Array(1024);
/** Open addressing: piece number + 1 per slot, 0 for an empty slot. */
let slots = new Int32Array(4096);

function intern(text: string, from: number, to: number, h: number, kind: number): number {
  const len = to - from;
  let slot = h & (slots.length - 1);
  for (let id = slots[slot]! - 1; id >= 0; id = slots[slot]! - 1) {
    const piece = pieceText[id]!;
    if (pieceHash[id] === h && piece.length === len && text.startsWith(piece, from)) return id;
    slot = (slot + 1) & (slots.length - 1);
  }
  const id = pieceText.length;
  pieceText.push(text.slice(from, to));
  if (id >= pieceKind.length) {
    pieceKind = grown(pieceKind);
    pieceHash = grown(pieceHash);
  }
  pieceKind[id] = kind;
  pieceHash[id] = h;
  slots[slot] = id + 1;
  if (pieceText.length * 2 > slots.length) {
    slots = new Int32Array(slots.length * 2);
    for (let k = 0; k < pieceText.length; k++) {
      let at = pieceHash[k]! & (slots.length - 1);
      while (slots[at] !== 0) at = (at + 1) & (slots.length - 1);
      slots[at] = k + 1;
    }
  }
  return id;
}

/**
 * A text's pieces, as numbers: runs of word characters (letters, digits, `_`), runs of space, and single
 * other characters, as `/[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu` would match them, by a scan of code
 * points (the regular expression took three times as long on effect-scale's comments).
 */
function splitInterned(text: string): Int32Array {
  const out: number[] = [];
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const k = classOf(cp);
    let j = i + (cp > 0xffff ? 2 : 1);
    if (k !== 0) {
      while (j < text.length) {
        const next = text.codePointAt(j)!;
        if (classOf(next) !== k) break;
        j += next > 0xffff ? 2 : 1;
      }
    }
    out.push(intern(text, i, j, fnv(FNV_START, text, i, j), k));
    i = j;
  }
  return Int32Array.from(out);
}
const rememberPieces = textMemo<Int32Array>(20_000_000);
const piecesOf = (text: string) => rememberPieces(text, splitInterned);

/** A text's pieces as texts (see `splitInterned`). */
export const splitPieces = (text: string): string[] => Array.from(piecesOf(text), (id) => pieceText[id]!);

const joinPieces = (p: Int32Array) => {
  let s = "";
  for (const id of p) s += pieceText[id]!;
  return s;
};
const isWordPiece = (id: number | undefined) => id !== undefined && pieceKind[id] === 1;

/** Counts per piece, kept between calls of `alignWords` (and left at zero after each). */
let pieceLeast = new Int32Array(1024);
let pieceCount = new Int32Array(1024);

/**
 * `alignWords` of comments, remembered: the same comments meet again in every candidate that holds their
 * code (a method, its class, the runs of members around it).
 */
const rememberWords = textMemo<readonly Aligned[] | null>(50_000_000);
const commentWords = (values: readonly string[]): readonly Aligned[] | null => {
  // Instances with the same text align alike: the distinct texts are aligned (and remembered), then
  // each column gets one value per instance again. Members of a group met again with others left out
  // mostly bring the same distinct texts.
  const distinct: string[] = [];
  const at = new Map<string, number>();
  const index = values.map((v) => {
    let i = at.get(v);
    if (i === undefined) {
      at.set(v, (i = distinct.length));
      distinct.push(v);
    }
    return i;
  });
  const aligned = rememberWords(distinct.join("\u0000"), () => alignWords(distinct));
  if (!aligned || distinct.length === values.length) return aligned;
  return aligned.map((a) => ("text" in a ? a : { ...a, values: index.map((i) => a.values[i]!) }));
};

/**
 * Aligns differing texts word by word (used for comments): the words every text shares, in order, stay
 * literal and the runs between them become columns. Null when the texts are too long to align cheaply.
 */
export function alignWords(values: readonly string[], byLines = true): Aligned[] | null {
  const pieces = values.map(piecesOf);
  const ref = pieces[0]!;
  // What all share at the start and the end needs no alignment.
  let head = ref.length;
  let tail = ref.length;
  for (const p of pieces) {
    let h = 0;
    const max = Math.min(head, p.length);
    while (h < max && p[h] === ref[h]) h++;
    head = h;
  }
  for (const p of pieces) {
    let t = 0;
    const max = Math.min(tail, p.length - head, ref.length - head);
    while (t < max && p[p.length - 1 - t] === ref[ref.length - 1 - t]) t++;
    tail = t;
  }
  const mids = pieces.map((p) => p.subarray(head, p.length - tail));
  const refMid = mids[0]!;
  const headText = () => joinPieces(ref.subarray(0, head));
  const tailText = () => joinPieces(ref.subarray(ref.length - tail));
  if (refMid.length > 400 || mids.some((p) => p.length * refMid.length > 160_000)) {
    if (!byLines) return null;
    const lined = alignLines(mids.map(joinPieces));
    if (!lined) return null;
    const out: Aligned[] = [];
    if (head > 0) out.push({ text: headText() });
    out.push(...lined);
    if (tail > 0) out.push({ text: tailText() });
    return out;
  }
  const keep = new Uint8Array(refMid.length).fill(1);
  const matches: Int32Array[] = [];
  let total = 0;
  for (const id of refMid) total += pieceText[id]!.length;
  if (refMid.length > 20) {
    // Pieces kept are in every member, so counting them (however ordered) bounds what is shared: when
    // even that is under a third, the middles are one hole (as below) without aligning them.
    if (pieceLeast.length < pieceText.length) {
      pieceLeast = new Int32Array(pieceText.length * 2);
      pieceCount = new Int32Array(pieceText.length * 2);
    }
    const least = pieceLeast;
    const count = pieceCount;
    for (const id of refMid) least[id]!++;
    for (let k = 1; k < mids.length; k++) {
      for (const id of mids[k]!) count[id]!++;
      for (const id of refMid) if (count[id]! < least[id]!) least[id] = count[id]!;
      for (const id of mids[k]!) count[id] = 0;
    }
    let bound = 0;
    for (const id of refMid) {
      if (least[id]! > 0) {
        least[id]!--;
        bound += pieceText[id]!.length;
      }
    }
    for (const id of refMid) least[id] = 0;
    if (bound * 3 < total) return oneHole(mids, head, tail, headText, tailText);
  }
  // Members with the same text share one alignment.
  const done = new Map<string, Int32Array>();
  for (let k = 1; k < mids.length; k++) {
    let m = done.get(values[k]!);
    if (!m) done.set(values[k]!, (m = lcs(refMid, mids[k]!)));
    matches.push(m);
    for (let i = 0; i < refMid.length; i++) if (m[i]! < 0) keep[i] = 0;
  }
  // Only runs of shared pieces with some words or signs in them are worth a break between holes (not a
  // lone space or `the`); when little of a longer middle is shared, the middles are one hole.
  let shared = 0;
  for (let i = 0; i < refMid.length; ) {
    if (!keep[i]) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < refMid.length && keep[j] && matches.every((m) => m[j] === m[j - 1]! + 1)) j++;
    let words = 0;
    let letters = 0;
    let chars = 0;
    let signs = 0;
    for (let k = i; k < j; k++) {
      const id = refMid[k]!;
      chars += pieceText[id]!.length;
      if (pieceKind[id] === 1) {
        words++;
        letters += pieceText[id]!.length;
      } else if (pieceKind[id] === 0) signs++;
    }
    // Signs alone hold between two differing words (`users — « user`), not between runs of prose.
    const between = (k: number, p: Int32Array) => k > 0 && isWordPiece(p[k - 1]) && (k - 2 < 0 || !isWordPiece(p[k - 2]));
    const after = (k: number, p: Int32Array) => k + 1 < p.length && isWordPiece(p[k + 1]) && (k + 2 >= p.length || !isWordPiece(p[k + 2]));
    const wordsAround =
      signs > 0 &&
      between(i, refMid) &&
      after(j - 1, refMid) &&
      matches.every((m, x) => between(m[i]!, mids[x + 1]!) && after(m[j - 1]!, mids[x + 1]!));
    if (words >= 2 || letters >= 4 || wordsAround) shared += chars;
    else for (let k = i; k < j; k++) keep[k] = 0;
    i = j;
  }
  if (refMid.length > 20 && shared * 3 < total) return oneHole(mids, head, tail, headText, tailText);
  const out: Aligned[] = [];
  if (head > 0) out.push({ text: headText() });
  const prev = new Array<number>(values.length).fill(0);
  const gap = (ends: number[]) => {
    const texts = mids.map((p, k) => joinPieces(p.subarray(prev[k], ends[k])));
    if (texts.every((t) => t === texts[0])) {
      if (texts[0]) out.push({ text: texts[0] });
    } else out.push({ type: texts.every((t) => WORD.test(t)) ? "identifier" : "code", values: texts });
  };
  for (let i = 0; i < refMid.length; i++) {
    if (!keep[i]) continue;
    const at = [i, ...matches.map((m) => m[i]!)];
    gap(at);
    out.push({ text: pieceText[refMid[i]!]! });
    for (let k = 0; k < at.length; k++) prev[k] = at[k]! + 1;
  }
  gap(mids.map((p) => p.length));
  if (tail > 0) out.push({ text: tailText() });
  return out;
}

/** Differing middles as one hole, between what all share at the start and the end. */
function oneHole(mids: readonly Int32Array[], head: number, tail: number, headText: () => string, tailText: () => string): Aligned[] {
  const out: Aligned[] = [];
  if (head > 0) out.push({ text: headText() });
  const texts = mids.map(joinPieces);
  out.push({ type: texts.every((t) => WORD.test(t)) ? "identifier" : "code", values: texts });
  if (tail > 0) out.push({ text: tailText() });
  return out;
}

const LINE = /[^\n]*\n|[^\n]+/g;

/**
 * Aligns long texts line by line (a diff of each against the first): lines every text has, in order,
 * stay literal; the runs of lines between them are aligned word by word when short enough, else they
 * become one column.
 */
function alignLines(values: readonly string[]): Aligned[] | null {
  const lines = values.map((v) => v.match(LINE) ?? []);
  const ref = lines[0]!;
  // Only lines every text has can be kept: the diffs run on those alone (short, so cheap).
  let shared = new Set(ref);
  for (let m = 1; m < lines.length && shared.size > 0; m++) {
    const own = new Set(lines[m]!);
    shared = new Set([...shared].filter((l) => own.has(l)));
  }
  const pick = (ls: readonly string[]) => {
    const at: number[] = [];
    ls.forEach((l, i) => shared.has(l) && at.push(i));
    return at;
  };
  const refAt = pick(ref);
  // Lines compared as numbers.
  const lineIds = new Map<string, number>();
  for (const l of shared) lineIds.set(l, lineIds.size);
  const refShared = refAt.map((i) => lineIds.get(ref[i]!)!);
  const keep = new Uint8Array(ref.length);
  for (const i of refAt) keep[i] = 1;
  const maps: Int32Array[] = [Int32Array.from(ref, (_, i) => i)];
  for (let m = 1; m < lines.length; m++) {
    const own = lines[m]!;
    const ownAt = pick(own);
    const matched = matchIndexes(refShared, ownAt.map((i) => lineIds.get(own[i]!)!), 2000);
    if (!matched) return null;
    const map = new Int32Array(ref.length).fill(-1);
    matched.forEach((j, i) => {
      if (j >= 0) map[refAt[i]!] = ownAt[j]!;
    });
    for (let k = 0; k < ref.length; k++) if (map[k]! < 0) keep[k] = 0;
    maps.push(map);
  }
  const out: Aligned[] = [];
  const prev = new Array<number>(values.length).fill(0);
  const gap = (ends: number[]) => {
    const texts = lines.map((l, m) => l.slice(prev[m], ends[m]).join(""));
    if (texts.every((t) => t === texts[0])) {
      if (texts[0]) out.push({ text: texts[0] });
      return;
    }
    const words = alignWords(texts, false);
    if (words) out.push(...words);
    else out.push({ type: "code", values: texts });
  };
  for (let i = 0; i < ref.length; i++) {
    if (!keep[i]) continue;
    const at = maps.map((m) => m[i]!);
    gap(at);
    out.push({ text: ref[i]! });
    for (let m = 0; m < at.length; m++) prev[m] = at[m]! + 1;
  }
  gap(lines.map((l) => l.length));
  return out;
}

const RESERVED = new Set(["empty", "blank", "nil", "null", "true", "false", "and", "or", "not", "contains", "in", "forloop", "tablerowloop", "with", "as", "for", "if", "else", "end"]);
const TYPE_NAMES: Record<HoleType, string> = { identifier: "name", string: "text", number: "n", code: "code" };

/** A value's snake-case singular when that is a word, else "" (remembered: the same values name many holes). */
const rememberWord = textMemo<string>(2_000_000);
const wordOf = (value: string) =>
  rememberWord(value, () => {
    const s = snake(singular(value));
    return /^[a-z][a-z0-9_]*$/.test(s) && s.length <= 32 ? s : "";
  });

/** A hole name from the value it holds in the first instance: its snake-case singular, when that is a word. */
function holeName(value: string, type: HoleType, taken: Set<string>): string {
  let base = type !== "code" && value.length <= 40 ? wordOf(value) : "";
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
  // ASCII by hand (the common case); the first other character sends the value to the general rule.
  let out = "";
  for (let i = 0; i < value.length && out.length < 3; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) return value.replace(/[^\p{L}\p{N}]/gu, "").toLowerCase().slice(0, 3);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) out += value[i];
    else if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
  }
  return out;
}

const TYPE_RANK: Record<HoleType, number> = { identifier: 0, string: 1, number: 2, code: 3 };

/** Builds the template, holes and bindings from aligned instances. `aligned` columns must have one value per instance. */
export function extract(aligned: readonly Aligned[], instanceCount: number): Extraction {
  const parts: TemplatePart[] = [];
  interface HoleState {
    hole: Hole;
    values: string[];
    /** What each filter chain makes of the first value: value → indexes of the chains giving it, in order. */
    variants?: Map<string, number[]>;
  }
  const variantsOf = (h: HoleState) => {
    if (!h.variants) {
      h.variants = new Map();
      for (let c = 1; c < CHAINS.length; c++) {
        let v: string;
        try {
          v = applyFilters(h.values[0]!, CHAINS[c]!);
        } catch {
          continue; // A filter that refuses a value cannot derive the column.
        }
        const list = h.variants.get(v);
        if (list) list.push(c);
        else h.variants.set(v, [c]);
      }
    }
    return h.variants;
  };
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
      for (const c of variantsOf(h).get(middles[0]!) ?? []) {
        const chain = CHAINS[c]!;
        try {
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

  // Pass 1: flatten into literal text and differing columns (comments word by word).
  type Item =
    | { text: string }
    | { type: HoleType; middles: string[]; prefix: string; suffix: string; inComment: boolean; comment: boolean; nested?: boolean; name?: string; resolved?: { hole: number; chain: readonly HoleFilter[] } };
  const items: Item[] = [];
  const flatten = (a: Aligned, inWords: boolean, comment: boolean) => {
    if ("text" in a) {
      items.push(a);
      return;
    }
    const { values } = a;
    if (values.every((v) => v === values[0])) {
      items.push({ text: values[0]! });
      return;
    }
    if (a.type === "code" && !inWords && !a.name) {
      // A differing comment: only the words that differ become holes.
      const words = commentWords(values);
      if (words) {
        for (const w of words) flatten(w, true, comment || a.comment === true);
        return;
      }
    }
    const split = a.type === "code" ? { prefix: "", middles: values, suffix: "" } : splitCommon(values);
    items.push({ type: a.type, ...split, inComment: inWords, comment: comment || a.comment === true || a.nested === true, ...(a.nested ? { nested: true } : {}), ...(a.name ? { name: a.name } : {}) });
  };
  for (const a of aligned) flatten(a, false, false);

  // Pass 2: holes, in order of type (a hole takes its base value from code before comments), each column
  // derived from an existing hole when a filter chain gives it.
  const columns = items.filter((i): i is Extract<Item, { middles: string[] }> => "middles" in i);
  const byRank = [...columns].sort((x, y) => Number(x.inComment) - Number(y.inComment) || TYPE_RANK[x.type] - TYPE_RANK[y.type]);
  for (const c of byRank) {
    const found = c.nested ? null : derive(c.middles);
    if (found) {
      const h = holes[found.hole]!.hole;
      if (TYPE_RANK[c.type] < TYPE_RANK[h.type]) h.type = c.type;
      c.resolved = found;
      continue;
    }
    holes.push({ hole: c.nested ? { name: "", type: c.type, nested: true } : { name: "", type: c.type }, values: c.middles });
    const index = holes.length - 1;
    exact.set(key(c.middles), index);
    if (c.type !== "code") {
      const k = stem(c.middles[0]!);
      const list = byStem.get(k);
      if (list) list.push(index);
      else byStem.set(k, [index]);
    }
    c.resolved = { hole: index, chain: [] };
  }
  // Names, and the order holes are listed in: their first appearance in the template.
  const appearance: HoleState[] = [];
  for (const c of columns) {
    const h = holes[c.resolved!.hole]!;
    if (h.hole.name) continue;
    h.hole.name = c.name ? holeName(c.name, "identifier", taken) : holeName(h.values[0]!, h.hole.type, taken);
    appearance.push(h);
  }

  // Pass 3: the template.
  for (const item of items) {
    if ("text" in item) {
      pushText(item.text);
      continue;
    }
    pushText(item.prefix);
    parts.push({ hole: holes[item.resolved!.hole]!.hole.name, filters: item.resolved!.chain });
    pushText(item.suffix);
  }
  const values: string[][] = [];
  for (let i = 0; i < instanceCount; i++) values.push(appearance.map((h) => h.values[i]!));
  const inCode = new Set<HoleState>();
  for (const c of columns) if (!c.comment) inCode.add(holes[c.resolved!.hole]!);
  const codeValues: string[] = [];
  for (let i = 0; i < instanceCount; i++) codeValues.push(appearance.filter((h) => inCode.has(h)).map((h) => h.values[i]!).join(""));
  return { parts, holes: appearance.map((h) => h.hole), values, codeValues };
}
