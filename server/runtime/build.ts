import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * `npm start` builds what it needs: the production build is redone only when the sources it was built
 * from changed (a content hash of the app's source folders and config, stored beside the build).
 */

const SOURCE_DIRS = ["app", "components", "core", "server", "db", "collab-server", "public", "lib"];
const SOURCE_FILES = ["next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json"];
const STAMP = "metaforge-build.json";

function walk(dir: string, out: string[]) {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
}

export function sourceHash(root: string): string {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir), files);
  for (const file of SOURCE_FILES) if (fs.existsSync(path.join(root, file))) files.push(path.join(root, file));
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update("\0");
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

export function buildIsCurrent(root: string): boolean {
  const distDir = path.join(root, ".next");
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) return false;
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(distDir, STAMP), "utf8")) as { hash?: string };
    return stamp.hash === sourceHash(root);
  } catch {
    return false;
  }
}

/** Runs `next build`; rejects with the tail of its output when it fails. */
export async function runBuild(root: string, onLine: (line: string) => void = () => {}): Promise<void> {
  const hash = sourceHash(root);
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const tail: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 30) tail.shift();
        onLine(line);
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code}):\n${tail.join("\n")}`)),
    );
  });
  fs.writeFileSync(path.join(root, ".next", STAMP), JSON.stringify({ hash, builtAt: new Date().toISOString() }));
}
