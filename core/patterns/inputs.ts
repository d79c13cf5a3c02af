import { z } from "zod";
import { projectIdSchema } from "../project/schemas";
import { analysisOptionsSchema } from "./analysis";
import { utf8Length } from "./files";

/**
 * Inputs of the pattern-analysis procedures and the rules every way of bringing code in shares: path
 * normalisation (zip-slip refused), size and count limits, git URLs. Pure: the upload route, the git
 * clone and the paste procedure all call these.
 */

export const PATTERN_LIMITS = {
  /** Files in one analysis (after ignored folders and binary files are left out). */
  maxFiles: 20_000,
  /** Total size of the analysed files, uncompressed (bytes). */
  maxTotalBytes: 50 * 1024 * 1024,
  /** Size of one request body: a zip, or the files of a folder (bytes). */
  maxUploadBytes: 60 * 1024 * 1024,
  /** Length of a relative path. */
  maxPathLength: 1000,
  /** Pasted files: fewer and smaller (they travel as JSON). */
  maxPastedFiles: 200,
  maxPastedBytes: 5 * 1024 * 1024,
  /** A git clone: time allowed, and the size of the checkout (bytes, working tree and packs). */
  gitTimeoutMs: 120_000,
  maxCloneBytes: 200 * 1024 * 1024,
} as const;

/** Folders never analysed (version control, dependencies, build output, archive noise). */
export const IGNORED_SEGMENTS = new Set([".git", ".hg", ".svn", "node_modules", ".next", ".data", "__pycache__", ".venv", "target", ".gradle", "__MACOSX"]);
/** Files never analysed. */
export const IGNORED_FILES = new Set([".DS_Store", "Thumbs.db"]);

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * A relative path as stored: `/`-separated, no `.` or empty segments. Refused: absolute paths (`/x`,
 * `C:\x`, `~`), backslashes, `..` segments (zip-slip), control characters, over-long paths.
 */
export function normalizePath(raw: string): PathCheck {
  if (raw.length === 0) return { ok: false, reason: "an empty path" };
  if (raw.length > PATTERN_LIMITS.maxPathLength) return { ok: false, reason: `a path over ${PATTERN_LIMITS.maxPathLength} characters` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return { ok: false, reason: "a control character in the path" };
  if (raw.includes("\\")) return { ok: false, reason: "a backslash in the path" };
  if (raw.startsWith("/") || raw.startsWith("~") || /^[A-Za-z]:/.test(raw)) return { ok: false, reason: "an absolute path" };
  const segments = raw.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.some((s) => s === "..")) return { ok: false, reason: 'a ".." in the path (it would leave the folder)' };
  if (segments.length === 0) return { ok: false, reason: "an empty path" };
  if (segments.some((s) => s.trim() !== s || s.trim() === "")) return { ok: false, reason: "a path segment that starts or ends with a space" };
  return { ok: true, path: segments.join("/") };
}

/** Why a normalised path is left out (not an error): an ignored folder or file; null when it is kept. */
export function ignoredReason(path: string): string | null {
  const segments = path.split("/");
  const folder = segments.slice(0, -1).find((s) => IGNORED_SEGMENTS.has(s));
  if (folder) return `in ${folder}/`;
  if (IGNORED_FILES.has(segments[segments.length - 1]!)) return "system file";
  return null;
}

/**
 * When every path starts with the same folder (a zip of `project/`, a folder picked in the browser),
 * that folder is dropped: paths read as they do inside it.
 */
export function stripCommonRoot(paths: readonly string[]): { root: string | null; paths: string[] } {
  if (paths.length === 0) return { root: null, paths: [] };
  const first = paths[0]!.split("/")[0]!;
  const shared = paths.every((p) => p.includes("/") && p.split("/")[0] === first);
  if (!shared) return { root: null, paths: [...paths] };
  return { root: first, paths: paths.map((p) => p.slice(first.length + 1)) };
}

export interface IncomingFile {
  path: string;
  text: string;
}

export interface CheckedFiles {
  files: IncomingFile[];
  /** Left out, with why (ignored folders, duplicates after normalisation). */
  ignored: Array<{ path: string; reason: string }>;
  totalBytes: number;
}

export type FilesCheck = { ok: true; value: CheckedFiles } | { ok: false; error: string };

/**
 * The checks every source shares once files are text: paths normalised (an unsafe one refuses the
 * whole input, naming it), ignored folders left out, duplicates refused, count and total size limits.
 */
export function checkFiles(input: readonly IncomingFile[], limits: { maxFiles: number; maxTotalBytes: number } = PATTERN_LIMITS): FilesCheck {
  const files: IncomingFile[] = [];
  const ignored: CheckedFiles["ignored"] = [];
  const seen = new Set<string>();
  let totalBytes = 0;
  for (const f of input) {
    const checked = normalizePath(f.path);
    if (!checked.ok) return { ok: false, error: `"${f.path.slice(0, 200)}" is refused: ${checked.reason}. Only relative paths inside the folder are accepted.` };
    const why = ignoredReason(checked.path);
    if (why) {
      ignored.push({ path: checked.path, reason: why });
      continue;
    }
    if (seen.has(checked.path)) return { ok: false, error: `Two files have the path "${checked.path}". Give each file its own path.` };
    seen.add(checked.path);
    totalBytes += utf8Length(f.text);
    files.push({ path: checked.path, text: f.text });
  }
  if (files.length === 0) return { ok: false, error: "There are no files to analyse. Add source files (ignored folders such as node_modules/ and .git/ are left out)." };
  if (files.length > limits.maxFiles) {
    return { ok: false, error: `${files.length.toLocaleString("en")} files is over the limit of ${limits.maxFiles.toLocaleString("en")}. Analyse a sub-folder instead.` };
  }
  if (totalBytes > limits.maxTotalBytes) {
    return { ok: false, error: `The files add up to ${formatBytes(totalBytes)}, over the limit of ${formatBytes(limits.maxTotalBytes)}. Analyse a sub-folder, or leave out generated and vendored code.` };
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ok: true, value: { files, ignored, totalBytes } };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

// --- git URLs --------------------------------------------------------------------------------------

export type GitUrlCheck = { ok: true; url: string; host: string } | { ok: false; error: string };

const PRIVATE_V4 = [/^0\./, /^10\./, /^127\./, /^169\.254\./, /^172\.(1[6-9]|2\d|3[01])\./, /^192\.168\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./];

/** Is `host` (a name or an IP literal) a loopback, private or link-local address? */
export function isPrivateHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal")) return true;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h)) return PRIVATE_V4.some((r) => r.test(h));
  if (h.includes(":")) return h === "::1" || h === "::" || /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h.startsWith("::ffff:");
  return false;
}

/**
 * A repository URL the server may clone: HTTPS, no credentials, no private or loopback host.
 * `allowLocalHttp` (tests only: see server/patterns/git.ts) also accepts http://127.0.0.1:port.
 */
export function checkGitUrl(raw: string, options: { allowLocalHttp?: boolean } = {}): GitUrlCheck {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: "This is not a URL. Paste the repository's HTTPS address, e.g. https://github.com/owner/repo.git." };
  }
  const localHttp = options.allowLocalHttp === true && url.protocol === "http:" && url.hostname === "127.0.0.1";
  if (url.protocol !== "https:" && !localHttp) return { ok: false, error: "Only HTTPS repository URLs are cloned (not SSH, git:, file: or http:). Use the https:// address." };
  if (url.username || url.password) return { ok: false, error: "Remove the user name and password from the URL: only public repositories are cloned." };
  if (!localHttp && isPrivateHost(url.hostname)) return { ok: false, error: "This address points at a private or local network. Use a public repository URL." };
  if (url.search || url.hash) return { ok: false, error: "Remove the ?query or #fragment from the URL." };
  if (text.length > 2000) return { ok: false, error: "The URL is too long." };
  return { ok: true, url: url.toString(), host: url.hostname };
}

/** A branch or tag name git accepts (a conservative subset), or undefined. */
export const gitRefSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._/-]+(?<!\.lock)(?<![/.])$/, "Not a branch or tag name.");

// --- procedure inputs ------------------------------------------------------------------------------

export const analysisIdSchema = z.uuid("Not an analysis id.");
export const groupIdSchema = z.string().regex(/^g\d{1,7}$/, "Not a group id.");

/** Liquid keywords (and names the engine never gives a hole). */
const RESERVED_HOLE_NAMES = new Set(["empty", "blank", "nil", "null", "true", "false", "and", "or", "not", "contains", "in", "forloop", "tablerowloop", "with", "as", "for", "if", "else", "end"]);

export const holeNameSchema = z
  .string()
  .trim()
  .min(1, "Give the hole a name.")
  .max(64, "Keep hole names under 64 characters.")
  .regex(/^[a-z][a-z0-9_]*$/, "Use lowercase letters, digits and _, starting with a letter (e.g. entity_name).")
  .refine((n) => !RESERVED_HOLE_NAMES.has(n), "That is a Liquid keyword. Pick another name.");

const nameSchema = z.string().trim().max(120, "Keep the name under 120 characters.").optional();

export const analysisOptionsInput = analysisOptionsSchema.partial().optional();

export const createFromPasteInput = z.object({
  projectId: projectIdSchema,
  name: nameSchema,
  files: z
    .array(z.object({ path: z.string().min(1, "Give every file a path.").max(PATTERN_LIMITS.maxPathLength), text: z.string().max(PATTERN_LIMITS.maxPastedBytes) }))
    .min(1, "Paste at least one file.")
    .max(PATTERN_LIMITS.maxPastedFiles, `Paste at most ${PATTERN_LIMITS.maxPastedFiles} files; upload a zip for more.`),
  options: analysisOptionsInput,
});
export type CreateFromPasteInput = z.infer<typeof createFromPasteInput>;

export const createFromGitInput = z.object({
  projectId: projectIdSchema,
  name: nameSchema,
  url: z.string().trim().min(1, "Paste the repository URL.").max(2000),
  ref: gitRefSchema.optional(),
  options: analysisOptionsInput,
});
export type CreateFromGitInput = z.infer<typeof createFromGitInput>;

export const listAnalysesInput = z.object({ projectId: projectIdSchema });
export const analysisRefInput = z.object({ analysisId: analysisIdSchema });
export const groupRefInput = z.object({ analysisId: analysisIdSchema, groupId: groupIdSchema });
export const occurrenceInput = groupRefInput.extend({ index: z.int().min(0) });
export const renameHoleInput = groupRefInput.extend({ from: z.string().min(1).max(64), to: holeNameSchema });
export const promoteInput = groupRefInput.extend({ name: nameSchema });

export type AnalysisSourceKind = "upload" | "paste" | "git";
export const ANALYSIS_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];
export const isFinished = (s: string) => s === "done" || s === "failed" || s === "cancelled";
