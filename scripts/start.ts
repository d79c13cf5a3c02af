/**
 * `npm start` (and `npm run dev` with --dev): validate the environment, make sure the port is free,
 * start the embedded PostgreSQL unless DATABASE_URL is set, apply migrations, seed the demo workspace on
 * the first start, build if the sources changed, then serve the app and the collab-server on one port.
 * Any failure prints one line saying what to do, and exits non-zero.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, redactUrl } from "../db/client";
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { DEMO_USER, seedDemo } from "../db/seed";
import { createAuth } from "../server/auth/auth";
import { appUrl, EnvError, parseEnv, type Env } from "../server/env";
import { createLogger } from "../server/logger";
import { buildIsCurrent, runBuild } from "../server/runtime/build";
import { startJobs } from "../server/jobs/queue";
import { startAppServer, type AppServer } from "../server/runtime/http-server";
import { acquireDataDirLock, checkDatabase, checkPortFree, StartupError } from "../server/runtime/preflight";
import { ensureSecret } from "../server/runtime/secret";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
const started = Date.now();

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

for (const file of [".env.local", ".env"]) {
  const full = path.join(root, file);
  if (fs.existsSync(full)) process.loadEnvFile(full);
}

let env: Env;
try {
  env = parseEnv(process.env);
} catch (error) {
  fail(error instanceof EnvError ? error.message : String(error));
}
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";

const log = createLogger();
const cleanups: Array<() => Promise<void> | void> = [];
let shuttingDown = false;

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  const force = setTimeout(() => process.exit(code), 10_000);
  force.unref();
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      log.warn({ err: error }, "cleanup step failed");
    }
  }
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log.info("Shutting down...");
    void shutdown(0);
  });
}

async function main() {
  const dataDir = path.resolve(root, env.DATA_DIR);
  await checkPortFree(env.HOST, env.PORT);
  const releaseLock = acquireDataDirLock(dataDir);
  cleanups.push(releaseLock);

  if (!env.BETTER_AUTH_SECRET) {
    const { secret, created } = ensureSecret(dataDir);
    if (created) log.info(`Generated an auth secret in ${path.relative(root, dataDir) || "."}/auth-secret`);
    process.env.BETTER_AUTH_SECRET = secret;
    env = { ...env, BETTER_AUTH_SECRET: secret };
  }

  let databaseUrl = env.DATABASE_URL;
  if (databaseUrl) {
    await checkDatabase(databaseUrl);
    log.info(`Database: ${redactUrl(databaseUrl)}`);
  } else {
    let embedded: EmbeddedPostgresHandle;
    try {
      embedded = await startEmbeddedPostgres({
        dir: path.join(dataDir, "pg"),
        port: env.EMBEDDED_PG_PORT,
        log: (m) => log.info(m),
      });
    } catch (error) {
      const detail = error instanceof EmbeddedPostgresError ? error.message : String(error);
      throw new StartupError(
        `The embedded database could not start. ${detail}. Set DATABASE_URL to use your own PostgreSQL instead.`,
      );
    }
    cleanups.push(() => embedded.stop());
    databaseUrl = embedded.url;
    log.info(`Database: embedded PostgreSQL at ${redactUrl(databaseUrl)} (files in ${path.relative(root, dataDir)}/pg)`);
  }
  process.env.DATABASE_URL = databaseUrl;
  env = { ...env, DATABASE_URL: databaseUrl };

  const handle = createDb(databaseUrl, { max: 4 });
  cleanups.push(() => handle.close());
  await runMigrations(handle.db);

  if (env.SEED_DEMO) {
    const seeded = await seedDemo({ db: handle.db, auth: createAuth(handle.db, env), log });
    if (seeded.seeded) log.info(`Demo workspace ready. Sign in as ${seeded.email} / ${seeded.password}`);
  }

  const jobs = await startJobs({ databaseUrl, db: handle.db, log });
  cleanups.push(() => jobs.stop());

  if (!dev && !buildIsCurrent(root)) {
    log.info("Building the app (first start, or the sources changed; this takes about a minute)...");
    const t = Date.now();
    await runBuild(root, (line) => log.debug(line));
    log.info(`Build finished in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }

  let app: AppServer;
  try {
    app = await startAppServer({
      root,
      dev,
      host: env.HOST,
      port: env.PORT,
      authSecret: env.BETTER_AUTH_SECRET!,
      databaseUrl,
      attachCollab: !env.COLLAB_URL,
      log,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new StartupError(`Port ${env.PORT} was taken while starting. Stop the program using it, or use PORT=${env.PORT + 1}.`);
    }
    throw error;
  }
  cleanups.push(() => app.close());

  const url = appUrl(env);
  log.info(`Metaforge is ready at ${url} (${dev ? "development" : "production"}, started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (env.SEED_DEMO) log.info(`Demo sign-in: ${DEMO_USER.email} / ${DEMO_USER.password}`);
}

main().catch(async (error: unknown) => {
  if (error instanceof StartupError) console.error(`✖ ${error.message}`);
  else {
    log.error({ err: error }, "Startup failed");
    console.error(`✖ Startup failed: ${(error as Error).message?.split("\n")[0] ?? String(error)}. See the log above.`);
  }
  await shutdown(1);
});
