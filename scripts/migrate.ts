/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL. */
import { createDb, redactUrl } from "../db/client";
import { runMigrations } from "../db/migrate";
import { EnvError, parseEnv } from "../server/env";

try {
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL) {
    console.error("✖ DATABASE_URL is not set. `npm start` migrates the embedded database by itself; set DATABASE_URL to migrate another.");
    process.exit(1);
  }
  const handle = createDb(env.DATABASE_URL, { max: 1 });
  await runMigrations(handle.db);
  await handle.close();
  console.log(`Migrations applied to ${redactUrl(env.DATABASE_URL)}`);
} catch (error) {
  console.error(`✖ ${error instanceof EnvError ? error.message : (error as Error).message}`);
  process.exit(1);
}
