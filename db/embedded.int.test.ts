import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { EmbeddedPostgresError, startEmbeddedPostgres } from "./embedded";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mf-embedded-"));
fs.chmodSync(tmp, 0o755);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function query(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from notes`;
    return row!.n;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

describe("embedded PostgreSQL", () => {
  it("keeps serving after its start-up timeout, stops cleanly, and keeps its data across restarts", async () => {
    const dir = path.join(tmp, "pg");
    const first = await startEmbeddedPostgres({ dir, database: "app", readyTimeoutMs: 400 });
    const sql = postgres(first.url, { max: 1, onnotice: () => {} });
    await sql`create table notes (body text)`;
    await sql`insert into notes values ('kept')`;
    await sql.end();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await query(first.url)).toBe(1);
    await first.stop();
    expect(await portOpen(first.port)).toBe(false);

    const second = await startEmbeddedPostgres({ dir, database: "app" });
    try {
      expect(await query(second.url)).toBe(1);
      expect(second.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/app$/);
    } finally {
      await second.stop();
    }
  });

  it("refuses a folder that is not a database folder, touching nothing", async () => {
    const dir = path.join(tmp, "not-a-db");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "precious.txt"), "mine");
    const error = await startEmbeddedPostgres({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect((error as Error).message).toMatch(/is not a database folder/);
    expect(fs.readFileSync(path.join(dir, "precious.txt"), "utf8")).toBe("mine");
  });
});
