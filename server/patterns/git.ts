import { spawn } from "node:child_process";
import { lookup } from "node:dns/promises";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AppError } from "../../core/errors";
import { checkFiles, checkGitUrl, formatBytes, isPrivateHost, normalizePath, PATTERN_LIMITS, type CheckedFiles } from "../../core/patterns/inputs";
import { decodeEntries, type RawEntry } from "./upload";

/**
 * Cloning a public repository to analyse it: HTTPS only, shallow (`--depth 1 --no-tags
 * --single-branch`), no prompts, no credentials, no redirects, no hooks, no submodules, symbolic links
 * checked out as plain files and then left out (from the index's modes), with a time limit and a size
 * limit watched during the clone and checked after. The temporary folder is always removed.
 *
 * Tests clone from a local `git http-backend` over plain HTTP on 127.0.0.1: that needs
 * `allowLocalHttp`, which the service passes only when METAFORGE_TEST_GIT_HTTP=1 and NODE_ENV is not
 * "production" (npm start always runs in production mode, so a deployment can never turn it on).
 */

export interface CloneOptions {
  ref?: string;
  timeoutMs?: number;
  maxBytes?: number;
  allowLocalHttp?: boolean;
  signal?: AbortSignal;
  /** Resolves a host name to its addresses (injected by tests). */
  resolve?: (host: string) => Promise<string[]>;
}

export interface ClonedFiles extends CheckedFiles {
  commit: string;
}

export class CloneError extends Error {}

/** The test-only allowance (see above). */
export const localHttpAllowed = () => process.env.METAFORGE_TEST_GIT_HTTP === "1" && process.env.NODE_ENV !== "production";

const defaultResolve = async (host: string) => (await lookup(host, { all: true })).map((a) => a.address);

/** Checks the URL and that its host resolves to public addresses only. Throws VALIDATION_FAILED. */
export async function checkRemote(url: string, options: Pick<CloneOptions, "allowLocalHttp" | "resolve"> = {}): Promise<string> {
  const checked = checkGitUrl(url, { allowLocalHttp: options.allowLocalHttp });
  if (!checked.ok) throw new AppError("VALIDATION_FAILED", checked.error, { url: [checked.error] });
  if (options.allowLocalHttp && checked.host === "127.0.0.1") return checked.url;
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? defaultResolve)(checked.host);
  } catch {
    const message = `The host "${checked.host}" could not be found. Check the URL.`;
    throw new AppError("VALIDATION_FAILED", message, { url: [message] });
  }
  if (addresses.length === 0 || addresses.some(isPrivateHost)) {
    const message = "This address points at a private or local network. Use a public repository URL.";
    throw new AppError("VALIDATION_FAILED", message, { url: [message] });
  }
  return checked.url;
}

function folderSize(dir: string): number {
  let total = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) {
        try {
          total += fs.lstatSync(p).size;
        } catch {
          // removed meanwhile (git's temporary files)
        }
      }
    }
  }
  return total;
}

function run(args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv; timeoutMs: number; signal?: AbortSignal; watch?: () => string | null }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let failure: string | null = null;
    const stop = (why: string) => {
      if (failure) return;
      failure = why;
      child.kill("SIGKILL");
    };
    child.stdout.on("data", (d: Buffer) => {
      if (stdout.length < 50_000_000) stdout += d.toString("utf8");
    });
    child.stderr.on("data", (d: Buffer) => {
      if (stderr.length < 20_000) stderr += d.toString("utf8");
    });
    const timer = setTimeout(() => stop(`The clone took longer than ${Math.round(options.timeoutMs / 1000)} s and was stopped. Try a smaller repository.`), options.timeoutMs);
    const watcher = options.watch
      ? setInterval(() => {
          const problem = options.watch!();
          if (problem) stop(problem);
        }, 500)
      : null;
    const onAbort = () => stop("cancelled");
    options.signal?.addEventListener("abort", onAbort);
    if (options.signal?.aborted) onAbort();
    child.on("error", (error) => {
      failure ??= `git could not be started (${error.message}). Is git installed on the server?`;
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (watcher) clearInterval(watcher);
      options.signal?.removeEventListener("abort", onAbort);
      if (failure) reject(new CloneError(failure));
      else if (code !== 0) reject(new CloneError(explain(stderr)));
      else resolve(stdout);
    });
  });
}

/** git's error output as one sentence with a next step. */
function explain(stderr: string): string {
  const line = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("fatal:") || l.startsWith("error:"))
    .pop();
  const detail = line?.replace(/^(fatal|error):\s*/, "") ?? stderr.trim().split("\n").pop() ?? "unknown error";
  if (/Remote branch .* not found|couldn't find remote ref/i.test(detail)) return `That branch or tag does not exist: ${detail}. Leave it empty for the default branch.`;
  if (/Authentication failed|could not read Username|terminal prompts disabled|401|403/i.test(detail)) return "The repository is private or does not exist. Only public repositories can be cloned.";
  if (/not found|404/i.test(detail)) return "No repository at this URL. Check the address.";
  return `git clone failed: ${detail.slice(0, 300)}`;
}

/** Clones `url` and returns its text files (binary files, symlinks and submodules left out). */
export async function cloneRepository(url: string, options: CloneOptions = {}): Promise<ClonedFiles> {
  const remote = await checkRemote(url, options);
  const maxBytes = options.maxBytes ?? PATTERN_LIMITS.maxCloneBytes;
  const timeoutMs = options.timeoutMs ?? PATTERN_LIMITS.gitTimeoutMs;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "metaforge-clone-"));
  const dir = path.join(tmp, "repo");
  const home = path.join(tmp, "home");
  fs.mkdirSync(home);
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "",
    SSH_ASKPASS: "",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_LFS_SKIP_SMUDGE: "1",
    LANG: "C",
  } as unknown as NodeJS.ProcessEnv;
  const local = options.allowLocalHttp === true && remote.startsWith("http://127.0.0.1");
  const config = [
    "core.symlinks=false",
    "protocol.allow=never",
    "protocol.https.allow=always",
    ...(local ? ["protocol.http.allow=always"] : []),
    "protocol.file.allow=never",
    "http.followRedirects=false",
    "credential.helper=",
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "submodule.recurse=false",
    "transfer.fsckObjects=true",
  ].flatMap((c) => ["-c", c]);
  try {
    const args = [...config, "clone", "--depth", "1", "--no-tags", "--single-branch", "--quiet"];
    if (options.ref) args.push("--branch", options.ref);
    args.push("--", remote, dir);
    const limit = `The repository is larger than ${formatBytes(maxBytes)}. Analyse a smaller repository, or upload a zip of the folder you want.`;
    await run(args, { env, timeoutMs, signal: options.signal, watch: () => (folderSize(tmp) > maxBytes ? limit : null) });
    if (folderSize(dir) > maxBytes) throw new CloneError(limit);
    const commit = (await run(["rev-parse", "HEAD"], { cwd: dir, env, timeoutMs: 10_000 })).trim();
    const listing = await run(["ls-files", "--stage", "-z"], { cwd: dir, env, timeoutMs: 30_000 });
    const ignored: CheckedFiles["ignored"] = [];
    const entries: RawEntry[] = [];
    let total = 0;
    for (const record of listing.split("\0")) {
      if (!record) continue;
      const tab = record.indexOf("\t");
      const mode = record.slice(0, 6);
      const file = record.slice(tab + 1);
      const checked = normalizePath(file);
      if (!checked.ok) {
        ignored.push({ path: file.slice(0, 200), reason: `unsafe path (${checked.reason})` });
        continue;
      }
      if (mode === "120000") ignored.push({ path: checked.path, reason: "symbolic link" });
      else if (mode === "160000") ignored.push({ path: checked.path, reason: "submodule" });
      else if (mode === "100644" || mode === "100755") {
        const abs = path.join(dir, ...checked.path.split("/"));
        const stat = fs.lstatSync(abs, { throwIfNoEntry: false });
        if (!stat?.isFile()) {
          ignored.push({ path: checked.path, reason: "not a regular file" });
          continue;
        }
        total += stat.size;
        if (total > PATTERN_LIMITS.maxTotalBytes) throw new CloneError(`The repository's files add up to more than ${formatBytes(PATTERN_LIMITS.maxTotalBytes)}. Upload a zip of the folder you want instead.`);
        entries.push({ path: checked.path, bytes: fs.readFileSync(abs) });
      }
    }
    const decoded = decodeEntries(entries);
    const result = checkFiles(decoded.files);
    if (!result.ok) throw new CloneError(result.error);
    const all = [...ignored, ...decoded.ignored, ...result.value.ignored].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { ...result.value, ignored: all, commit };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
