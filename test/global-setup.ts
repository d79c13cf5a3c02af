import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import postgres from "postgres";
import { createDb } from "../db/client";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../db/embedded";
import { runMigrations } from "../db/migrate";

/**
 * Integration tests run against a real PostgreSQL: TEST_DATABASE_URL when set (CI sets it to the server
 * on 127.0.0.1:5432), else an embedded one started here in a temporary folder. Migrations are applied
 * once to a template database; each test file then gets its own fresh copy (test/db.ts), so files run
 * in parallel without sharing state.
 */

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
    runId: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const runId = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  let embedded: EmbeddedPostgresHandle | undefined;
  let tmp: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "metaforge-test-pg-"));
    fs.chmodSync(tmp, 0o755);
    embedded = await startEmbeddedPostgres({ dir: path.join(tmp, "pg"), database: "postgres" });
    adminUrl = embedded.url;
  }
  const templateDb = `mf_tpl_${runId}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${templateDb}"`);
  const template = createDb(withDatabase(adminUrl, templateDb), { max: 1 });
  await runMigrations(template.db);
  await template.close();

  console.log(`[integration] PostgreSQL: ${embedded ? "embedded (temporary)" : new URL(adminUrl).host}; template ${templateDb}`);
  project.provide("adminUrl", adminUrl);
  project.provide("templateDb", templateDb);
  project.provide("runId", runId);

  return async () => {
    const leftovers = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`mf_t_${runId}_%`} or datname = ${templateDb}`;
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end({ timeout: 5 });
    if (embedded) await embedded.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
}
