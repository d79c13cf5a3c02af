/**
 * bench/canvas: is the meta-model canvas smooth with 300 classes on this machine?
 *
 *   npm run bench:canvas [-- --classes 300]
 *
 * Starts the real app (production build, embedded PostgreSQL, fresh data folder), creates a meta-model
 * of N generated classes, opens it in headless Chromium (software rendering, no GPU) and records frame
 * times with requestAnimationFrame while panning, zooming, dragging a node and typing a rename.
 * Prints time to open, frames per second and frame-time percentiles per interaction.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "@playwright/test";
import { exportMetamodelFile } from "../core/metamodel/json";
import { layoutMetamodel } from "../core/metamodel/layout";
import { freePort } from "../db/embedded";
import { CHROMIUM_ARGS, chromiumExecutable } from "../e2e/chromium";
import { syntheticMetamodel } from "./synthetic";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const i = process.argv.indexOf("--classes");
const CLASSES = i >= 0 ? Number(process.argv[i + 1]) : 300;

async function startApp() {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-bench-canvas-"));
  fs.chmodSync(dataDir, 0o755);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", AUTH_RATE_LIMIT: "false", DATABASE_URL: "" },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  for (let t = 0; t < 600; t++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    base,
    async stop() {
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((r) => child.once("exit", r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function trpc(page: Page, procedure: string, input: unknown, kind: "query" | "mutation") {
  return page.evaluate(
    async ({ procedure, input, kind }) => {
      const res =
        kind === "query"
          ? await fetch(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
          : await fetch(`/api/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: input }) });
      const body = await res.json();
      if (!res.ok) throw new Error(JSON.stringify(body));
      return body.result.data.json;
    },
    { procedure, input, kind },
  );
}

async function recordFrames(page: Page, action: () => Promise<void>) {
  // A string, not a function: the TypeScript loader would wrap a named inner function in a helper
  // that does not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    function tick(t) {
      window.__frames.push(t);
      if (window.__recording) requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  })()`);
  await action();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  const deltas = frames.slice(1).map((t, k) => t - frames[k]!).sort((a, b) => a - b);
  const seconds = (frames.at(-1)! - frames[0]!) / 1000;
  const pct = (p: number) => deltas[Math.min(deltas.length - 1, Math.floor((p / 100) * deltas.length))] ?? NaN;
  return { fps: (frames.length - 1) / seconds, p50: pct(50), p95: pct(95), max: deltas.at(-1) ?? NaN };
}

async function main() {
  const app = await startApp();
  const browser = await chromium.launch({ executablePath: await chromiumExecutable(), args: CHROMIUM_ARGS });
  const results: Array<{ name: string; fps: number; p50: number; p95: number; max: number }> = [];
  let openMs = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${app.base}/sign-in`);
    await page.fill("#email", "demo@metaforge.dev");
    await page.fill("#password", "metaforge-demo");
    await page.click("button[type=submit]");
    await page.waitForURL(/\/w\/demo$/);
    const ws = await trpc(page, "workspace.bySlug", { slug: "demo" }, "query");
    const projects = await trpc(page, "project.list", { workspaceId: ws.id }, "query");
    const mm = syntheticMetamodel(CLASSES);
    const file = exportMetamodelFile(mm, await layoutMetamodel(mm));
    const created = await trpc(page, "metamodel.create", { workspaceId: ws.id, projectId: projects[0].id, source: { kind: "file", content: file } }, "mutation");

    const started = Date.now();
    await page.goto(`${app.base}/w/demo/projects/${projects[0].id}/metamodels/${created.id}`);
    await page.waitForSelector("[data-testid=metamodel-canvas] .react-flow__node");
    await page.waitForFunction(() => !document.querySelector(".react-flow__node[style*='visibility: hidden']"));
    openMs = Date.now() - started;
    await page.waitForTimeout(1000);

    const pane = page.locator(".react-flow__pane");
    const box = (await pane.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;

    results.push({ name: "idle (no input)", ...(await recordFrames(page, () => page.waitForTimeout(2000))) });
    results.push({
      name: "pan (drag the canvas)",
      ...(await recordFrames(page, async () => {
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        for (let k = 0; k < 90; k++) {
          await page.mouse.move(cx + Math.sin(k / 10) * 300, cy + Math.cos(k / 12) * 200);
          await page.waitForTimeout(16);
        }
        await page.mouse.up();
      })),
    });
    results.push({
      name: "zoom (wheel)",
      ...(await recordFrames(page, async () => {
        await page.mouse.move(cx, cy);
        for (let k = 0; k < 60; k++) {
          await page.mouse.wheel(0, k < 30 ? -60 : 60);
          await page.waitForTimeout(16);
        }
      })),
    });
    await page.keyboard.press("f");
    await page.waitForTimeout(600);
    // The class nearest the centre (clear of the toolbar and panels).
    const centreId = await page.evaluate(`(() => {
      const cx = ${cx}, cy = ${cy};
      let best = null, bestD = Infinity;
      for (const el of document.querySelectorAll(".react-flow__node")) {
        const r = el.getBoundingClientRect();
        const d = Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy);
        if (d < bestD) { bestD = d; best = el.getAttribute("data-id"); }
      }
      return best;
    })()`);
    const first = page.locator(`.react-flow__node[data-id="${centreId}"]`);
    const nb = (await first.boundingBox())!;
    results.push({
      name: "drag a class",
      ...(await recordFrames(page, async () => {
        await page.mouse.move(nb.x + 20, nb.y + 10);
        await page.mouse.down();
        for (let k = 0; k < 90; k++) {
          await page.mouse.move(nb.x + 20 + k * 3, nb.y + 10 + Math.sin(k / 8) * 60);
          await page.waitForTimeout(16);
        }
        await page.mouse.up();
      })),
    });
    await first.click();
    const nameField = page.getByRole("textbox", { name: "Class name" });
    await nameField.click();
    results.push({
      name: "rename a class (typing)",
      ...(await recordFrames(page, async () => {
        for (const ch of "RenamedClassName") {
          await page.keyboard.type(ch);
          await page.waitForTimeout(60);
        }
      })),
    });
  } finally {
    await browser.close();
    await app.stop();
  }
  console.log(`\nCanvas with ${CLASSES} classes (headless Chromium, software rendering, ${os.cpus().length} cores)`);
  console.log(`open to all nodes visible: ${(openMs / 1000).toFixed(2)} s`);
  console.log("interaction                  fps   p50 frame   p95 frame   max frame");
  for (const r of results) {
    console.log(`${r.name.padEnd(26)} ${r.fps.toFixed(0).padStart(5)} ${r.p50.toFixed(1).padStart(8)} ms ${r.p95.toFixed(1).padStart(8)} ms ${r.max.toFixed(0).padStart(8)} ms`);
  }
  process.exit(0);
}

void main();
