import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle: query functions accept either a `Db` or a `Tx`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

export interface DbHandle {
  db: Db;
  sql: postgres.Sql;
  close(): Promise<void>;
}

export function createDb(url: string, options: { max?: number; connection?: Record<string, string> } = {}): DbHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
    idle_timeout: 30,
    ...(options.connection ? { connection: options.connection } : {}),
  });
  return { db: drizzle(sql, { schema }), sql, close: () => sql.end({ timeout: 5 }) };
}

const globalForDb = globalThis as unknown as { metaforgeDb?: DbHandle };

/** The process-wide database (from DATABASE_URL, which the start script sets for the embedded server too). */
export function getDb(): Db {
  if (!globalForDb.metaforgeDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides it.");
    globalForDb.metaforgeDb = createDb(url);
  }
  return globalForDb.metaforgeDb.db;
}

/** Hides the password of a connection URL for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}
