/**
 * bench/collab: delivery latency of live edits through the real collab-server (a separate process,
 * with its Postgres persistence on), as clients on one document grow, and across many documents.
 *
 *   npm run bench:collab [-- --seconds 20 --only 100]
 *
 * Every client sends one update a second (a Yjs map entry stamped with the send time, at a random
 * phase). Delivery latency = time the update is applied in an observing client minus its stamp.
 * Observers are full HocuspocusProvider clients; the other clients speak the same protocol but do
 * not decode what they receive, so the driver process measures the server rather than itself.
 * Server CPU and RSS are sampled from /proc every 500 ms.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { signCollabToken } from "../collab-server/token";
import { createDb } from "../db/client";
import { freePort, startEmbeddedPostgres } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { insertDocument } from "../db/queries/collab";
import { insertMember } from "../db/queries/members";
import { insertWorkspace } from "../db/queries/workspaces";
import { user } from "../db/schema";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg("seconds", 20);
const ONLY = arg("only", 0);
const SECRET = "bench-secret-".padEnd(40, "b");
const now = () => performance.timeOrigin + performance.now();

interface Scenario {
  label: string;
  documents: number;
  clientsPerDocument: number;
  observersPerDocument: number;
}

const SCENARIOS: Scenario[] = [
  { label: "1 doc x 2 clients", documents: 1, clientsPerDocument: 2, observersPerDocument: 2 },
  { label: "1 doc x 20 clients", documents: 1, clientsPerDocument: 20, observersPerDocument: 10 },
  { label: "1 doc x 100 clients", documents: 1, clientsPerDocument: 100, observersPerDocument: 6 },
  { label: "1 doc x 300 clients", documents: 1, clientsPerDocument: 300, observersPerDocument: 6 },
  { label: "100 docs x 5 clients", documents: 100, clientsPerDocument: 5, observersPerDocument: 1 },
];

// --- the server under test ------------------------------------------------------------------------

function sampleProc(pid: number) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  return { ticks, rssKb };
}

/** Extra Node flags for the server process, e.g. SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
const serverNodeArgs = (process.env.SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);

async function startServer(databaseUrl: string) {
  const port = await freePort();
  const child = spawn(process.execPath, [...serverNodeArgs, "--import", "tsx", "collab-server/main.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, BETTER_AUTH_SECRET: SECRET, COLLAB_PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let i = 0; i < 200; i++) {
    try {
      await new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/collab`);
        ws.once("open", () => (ws.close(), resolve()));
        ws.once("error", reject);
      });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url: `ws://127.0.0.1:${port}/collab`, pid: child.pid!, stop: () => new Promise((r) => (child.once("exit", r), child.kill("SIGTERM"))) };
}

// --- clients ---------------------------------------------------------------------------------------

interface Client {
  send(): void;
  close(): void;
}

/** A full client that applies every update and records the latency of each stamped entry it sees. */
async function observer(url: string, documentName: string, token: string, key: string, latencies: number[], measuring: () => boolean): Promise<Client> {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket, delay: 200, minDelay: 200, maxDelay: 2000 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentName, token, document: doc });
  provider.attach();
  const map = doc.getMap<number>("bench");
  map.observe((event) => {
    if (event.transaction.local) return;
    const t = now();
    if (!measuring()) return;
    for (const k of event.keysChanged) {
      const stamp = map.get(k);
      if (typeof stamp === "number") latencies.push(t - stamp);
    }
  });
  await new Promise<void>((resolve) => provider.on("synced", () => resolve()));
  return {
    send: () => map.set(key, now()),
    close: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** A client that speaks the protocol, sends stamped updates, and does not decode what it receives. */
async function lite(url: string, documentName: string, token: string, key: string): Promise<Client> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const authenticated = new Promise<void>((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      decoding.readVarString(d);
      if (decoding.readVarUint(d) !== 2) return; // Auth
      const kind = decoding.readVarUint(d);
      ws.off("message", onMessage); // from now on, received messages are not even decoded
      if (kind === 2) resolve();
      else reject(new Error("permission denied"));
    };
    ws.on("message", onMessage);
  });
  const auth = encoding.createEncoder();
  encoding.writeVarString(auth, documentName);
  encoding.writeVarUint(auth, 2); // Auth
  encoding.writeVarUint(auth, 0); // Token
  encoding.writeVarString(auth, token);
  encoding.writeVarString(auth, "4.8.0");
  ws.send(encoding.toUint8Array(auth));
  await authenticated;
  const doc = new Y.Doc();
  const map = doc.getMap<number>("bench");
  doc.on("update", (update: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, documentName);
    encoding.writeVarUint(e, 0); // Sync
    encoding.writeVarUint(e, 2); // Update
    encoding.writeVarUint8Array(e, update);
    if (ws.readyState === WebSocket.OPEN) ws.send(encoding.toUint8Array(e));
  });
  return { send: () => map.set(key, now()), close: () => ws.close() };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(scenario: Scenario, url: string, documents: string[], pid: number) {
  const latencies: number[] = [];
  let measuring = false;
  const clients: Client[] = [];
  for (let d = 0; d < scenario.documents; d++) {
    const documentName = documents[d]!;
    const token = await signCollabToken(SECRET, { userId: "bench", name: "Bench", documentName, workspaceId: "bench", role: "editor" }, 3600);
    for (let c = 0; c < scenario.clientsPerDocument; c++) {
      const key = `c${c}`;
      clients.push(
        c < scenario.observersPerDocument
          ? await observer(url, documentName, token, key, latencies, () => measuring)
          : await lite(url, documentName, token, key),
      );
    }
  }
  // Each client sends once a second, at its own random phase.
  const timers: Array<ReturnType<typeof setInterval>> = [];
  const phases: Array<ReturnType<typeof setTimeout>> = [];
  for (const c of clients) {
    phases.push(setTimeout(() => timers.push(setInterval(() => c.send(), 1000)), Math.random() * 1000));
  }
  await new Promise((r) => setTimeout(r, 3000)); // warm-up
  const cpu0 = sampleProc(pid);
  const driver0 = process.cpuUsage();
  const t0 = Date.now();
  let rssMax = 0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, sampleProc(pid).rssKb)), 500);
  measuring = true;
  // Small scenarios see few deliveries a second: measure them longer, for a few hundred samples.
  const seconds = scenario.clientsPerDocument * scenario.documents < 10 ? SECONDS * 4 : SECONDS;
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  clearInterval(sampler);
  const cpu1 = sampleProc(pid);
  const driver1 = process.cpuUsage(driver0);
  const elapsed = (Date.now() - t0) / 1000;
  for (const t of phases) clearTimeout(t);
  for (const t of timers) clearInterval(t);
  for (const c of clients) c.close();
  await new Promise((r) => setTimeout(r, 500));
  const sorted = latencies.sort((a, b) => a - b);
  return {
    scenario: scenario.label,
    clients: clients.length,
    updatesPerSecond: clients.length,
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    // /proc counts CPU time in clock ticks of 1/100 s (CLK_TCK); 100% = one core busy.
    cpu: ((cpu1.ticks - cpu0.ticks) / 100 / elapsed) * 100,
    rssMb: Math.max(rssMax, cpu1.rssKb) / 1024,
    driverCpu: ((driver1.user + driver1.system) / 1e6 / elapsed) * 100,
  };
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mf-bench-collab-"));
  fs.chmodSync(tmp, 0o755);
  const pg = await startEmbeddedPostgres({ dir: path.join(tmp, "pg"), database: "bench" });
  const handle = createDb(pg.url, { max: 2 });
  await runMigrations(handle.db);
  await handle.db.insert(user).values({ id: "bench", name: "Bench", email: "bench@example.test" });
  const ws = await insertWorkspace(handle.db, { name: "Bench", slug: "bench", createdById: "bench" });
  await insertMember(handle.db, { workspaceId: ws.id, userId: "bench", role: "owner" });
  const empty = Y.encodeStateAsUpdate(new Y.Doc());

  const results = [];
  try {
    for (const [i, scenario] of SCENARIOS.entries()) {
      if (ONLY && scenario.clientsPerDocument !== ONLY) continue;
      // A fresh server per scenario, so one's load does not colour the next.
      const server = await startServer(pg.url);
      const docs = Array.from({ length: scenario.documents }, (_, j) => `metamodel:bench-${i}-${j}`);
      for (const name of docs) await insertDocument(handle.db, { name, workspaceId: ws.id, snapshot: empty });
      process.stdout.write(`running ${scenario.label} for ${SECONDS} s... `);
      const r = await run(scenario, server.url, docs, server.pid);
      console.log(`p99 ${r.p99.toFixed(1)} ms`);
      results.push(r);
      await server.stop();
    }
  } finally {
    await handle.close();
    await pg.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  console.log(`\nCollab delivery latency (${os.cpus().length} cores, Node ${process.version}, ${SECONDS} s per scenario, persistence on)`);
  console.log("scenario                 clients  upd/s  samples    p50 ms   p95 ms   p99 ms   max ms  server CPU  server RSS  driver CPU");
  for (const r of results) {
    console.log(
      `${r.scenario.padEnd(24)} ${String(r.clients).padStart(7)} ${String(r.updatesPerSecond).padStart(6)} ${String(r.samples).padStart(8)} ${r.p50.toFixed(1).padStart(9)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)} ${`${r.cpu.toFixed(0)}%`.padStart(11)} ${`${r.rssMb.toFixed(0)} MB`.padStart(11)} ${`${r.driverCpu.toFixed(0)}%`.padStart(11)}`,
    );
  }
  process.exit(0);
}

void main();
