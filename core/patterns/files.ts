/**
 * Which language a file is read as, and which files are skipped (SPEC.md §1).
 */

export const LANGUAGES = ["typescript", "javascript", "python", "java", "go", "csharp", "rust", "php", "ruby", "c", "cpp", "kotlin", "swift", "scala", "text"] as const;
export type Language = (typeof LANGUAGES)[number];

const BY_EXTENSION: Record<string, Language> = {
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  cts: "typescript",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  py: "python",
  pyi: "python",
  java: "java",
  go: "go",
  cs: "csharp",
  rs: "rust",
  php: "php",
  rb: "ruby",
  c: "c",
  h: "c",
  cc: "cpp",
  cpp: "cpp",
  cxx: "cpp",
  hpp: "cpp",
  hh: "cpp",
  kt: "kotlin",
  kts: "kotlin",
  swift: "swift",
  scala: "scala",
};

/** The language of a path by its extension; `text` (token-level path) when unknown. */
export function languageOf(path: string): Language {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return "text";
  return BY_EXTENSION[base.slice(dot + 1).toLowerCase()] ?? "text";
}

export type SkipReason = "binary" | "too-large" | "minified";

export interface FileLimits {
  /** Files larger than this (UTF-16 units) are skipped as `too-large`. */
  maxFileChars: number;
  /** A line longer than this in a file whose lines average over `minifiedAverage` means minified. */
  minifiedLine: number;
  minifiedAverage: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = { maxFileChars: 4_000_000, minifiedLine: 1000, minifiedAverage: 300 };

/** Why a file is not analysed, or null when it is. Binary: a NUL character or many control characters. */
export function skipReason(text: string, limits: FileLimits = DEFAULT_FILE_LIMITS): SkipReason | null {
  if (text.length > limits.maxFileChars) return "too-large";
  const probe = Math.min(text.length, 8192);
  let control = 0;
  for (let i = 0; i < probe; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return "binary";
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
    else if (c === 0xfffd) control++;
  }
  if (probe > 0 && control / probe > 0.1) return "binary";
  let lines = 0;
  let longest = 0;
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      lines++;
      if (i - lineStart > longest) longest = i - lineStart;
      lineStart = i + 1;
    }
  }
  if (longest > limits.minifiedLine && text.length / lines > limits.minifiedAverage) return "minified";
  return null;
}

/** Offsets where each line starts (line i is 0-based). */
export function lineStarts(text: string): Int32Array {
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  const starts = new Int32Array(count);
  let k = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts[k++] = i + 1;
  return starts;
}

/** The 0-based line holding `offset` (binary search in `starts`). */
export function lineAt(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Number of lines as people count them: a final line without a newline counts, an empty text has 0. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return text.charCodeAt(text.length - 1) === 10 ? lines : lines + 1;
}

/** Length of a text in UTF-8 bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** FNV-1a offset basis: the start of `fnv`. */
export const FNV_START = 0x811c9dc5 | 0;

/** FNV-1a hash of `text[from, to)` (UTF-16 code units), continuing from `h`. */
export function fnv(h: number, text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
