/**
 * bench/startup: how long `npm start` takes to serve a healthy app.
 *
 *   cold   no build and no data folder (a fresh clone's first start: initdb, migrations, seed, next build)
 *   fresh  a build exists, no data folder (initdb, migrations, seed)
 *   warm   build and data folder exist (the everyday start)
 *
 * Usage: npm run bench:startup [-- --runs 3]. It deletes .next for the cold run (and rebuilds it).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../db/embedded";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 3;

async function timeToHealthy(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: "ignore",
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.status === 200) return (performance.now() - started) / 1000;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mf-bench-startup-"));
fs.chmodSync(tmp, 0o755);
const results: Record<string, number[]> = { cold: [], fresh: [], warm: [] };
try {
  fs.rmSync(path.join(root, ".next"), { recursive: true, force: true });
  results.cold!.push(await timeToHealthy(path.join(tmp, "cold")));
  for (let i = 0; i < runs; i++) results.fresh!.push(await timeToHealthy(path.join(tmp, `fresh-${i}`)));
  for (let i = 0; i < runs; i++) results.warm!.push(await timeToHealthy(path.join(tmp, "fresh-0")));
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

console.log(`\nnpm start → healthy (${os.cpus().length} cores, Node ${process.version})`);
console.log("case    runs  median    min     max");
for (const [name, values] of Object.entries(results)) {
  const s = stats(values);
  console.log(`${name.padEnd(7)} ${String(values.length).padStart(4)}  ${s.median.toFixed(1).padStart(5)} s ${s.min.toFixed(1).padStart(5)} s ${s.max.toFixed(1).padStart(5)} s`);
}
