import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";

/**
 * A git server for tests (there is no internet here): bare repositories under a temporary folder,
 * served over smart HTTP by `git http-backend` behind a tiny node HTTP server on 127.0.0.1. Cloning from
 * it needs the test-only allowance for http://127.0.0.1 (METAFORGE_TEST_GIT_HTTP=1, see server/patterns/git.ts).
 */

export interface GitHttpServer {
  /** http://127.0.0.1:port/<name>.git */
  url(name: string): string;
  /** Creates a bare repository `name` holding `files` (a string is text, a Buffer bytes, { symlink } a link) in one commit on `branch`. */
  addRepo(name: string, files: Record<string, string | Buffer | { symlink: string }>, branch?: string): void;
  /** Requests served so far. */
  requests: number;
  close(): Promise<void>;
}

const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "t@example.test", GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "t@example.test" };
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, env: GIT_ENV, stdio: ["ignore", "pipe", "pipe"] }).toString();

function backend(): string {
  const execPath = execFileSync("git", ["--exec-path"]).toString().trim();
  return path.join(execPath, "git-http-backend");
}

export async function startGitHttpServer(): Promise<GitHttpServer> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "metaforge-git-http-"));
  const repos = path.join(root, "repos");
  fs.mkdirSync(repos);
  const cgi = backend();
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests++;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const child = spawn(cgi, [], {
      env: {
        ...GIT_ENV,
        GIT_PROJECT_ROOT: repos,
        GIT_HTTP_EXPORT_ALL: "1",
        REQUEST_METHOD: req.method ?? "GET",
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers["content-type"] ?? "",
        ...(req.headers["content-encoding"] ? { HTTP_CONTENT_ENCODING: req.headers["content-encoding"] } : {}),
        ...(req.headers["git-protocol"] ? { GIT_PROTOCOL: String(req.headers["git-protocol"]) } : {}),
        REMOTE_ADDR: "127.0.0.1",
      },
    });
    req.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    child.stdout.on("data", (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString("latin1").split("\r\n")) {
        const colon = line.indexOf(":");
        const key = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (key.toLowerCase() === "status") status = Number(value.split(" ")[0]);
        else res.setHeader(key, value);
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    child.on("close", () => {
      if (!headersDone) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}.git`,
    get requests() {
      return state.requests;
    },
    addRepo(name, files, branch = "main") {
      const work = fs.mkdtempSync(path.join(root, "work-"));
      git(work, "init", "-q", "-b", branch);
      for (const [file, content] of Object.entries(files)) {
        const abs = path.join(work, file);
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        if (typeof content === "object" && !Buffer.isBuffer(content)) fs.symlinkSync(content.symlink, abs);
        else fs.writeFileSync(abs, content);
      }
      git(work, "add", "-A");
      git(work, "commit", "-q", "-m", "fixture");
      git(root, "clone", "-q", "--bare", work, path.join(repos, `${name}.git`));
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(root, { recursive: true, force: true });
    },
  } as GitHttpServer;
}
