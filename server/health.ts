import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

export interface HealthReport {
  status: "ok" | "degraded";
  app: { name: "metaforge"; version: string; uptimeSeconds: number };
  database: { status: "ok" | "down"; latencyMs: number | null; error?: string };
}

/** App and database status for GET /api/health. The database check times out after 2 s. */
export async function checkHealth(db: Db, version: string): Promise<HealthReport> {
  const started = performance.now();
  let database: HealthReport["database"];
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out after 2 s")), 2000).unref()),
    ]);
    database = { status: "ok", latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    database = { status: "down", latencyMs: null, error: error instanceof Error ? error.message : String(error) };
  }
  return {
    status: database.status === "ok" ? "ok" : "degraded",
    app: { name: "metaforge", version, uptimeSeconds: Math.round(process.uptime()) },
    database,
  };
}
