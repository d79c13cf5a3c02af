import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../db/embedded";

/**
 * `npm start` failing early and clearly: each case must end with exit code 1 and one line that says
 * what to do. (The happy path is exercised by the e2e suite, which starts the real app.)
 */

const root = path.resolve(import.meta.dirname, "..");
const tmpDirs: string[] = [];

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "metaforge-start-"));
  fs.chmodSync(dir, 0o755);
  tmpDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/root",
        LOG_LEVEL: "warn",
        SEED_DEMO: "false",
        ...env,
      } as unknown as NodeJS.ProcessEnv,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (code) => {
      clearTimeout(killer);
      resolve({ code, stderr, stdout });
    });
  });
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1) ?? "";
}

describe("npm start fails early with one clear line", () => {
  it("on a bad env var", async () => {
    const result = await start({ PORT: "abc", DATA_DIR: tempDataDir() });
    expect(result.code).toBe(1);
    expect(lastLine(result.stderr)).toMatch(/^✖ Invalid environment variable PORT: .*\(got "abc"\)\. Fix it/);
  });

  it("when the port is in use", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await start({ PORT: String(port), HOST: "127.0.0.1", DATA_DIR: tempDataDir() });
      expect(result.code).toBe(1);
      expect(lastLine(result.stderr)).toBe(
        `✖ Port ${port} is already in use. Stop the program using it, or pick another port: PORT=${port + 1} npm start`,
      );
    } finally {
      blocker.close();
    }
  });

  it("when DATABASE_URL cannot be reached", async () => {
    const result = await start({ PORT: String(await freePort()), HOST: "127.0.0.1", DATABASE_URL: "postgres://nobody:secret@127.0.0.1:1/none", DATA_DIR: tempDataDir() });
    expect(result.code).toBe(1);
    const line = lastLine(result.stderr);
    expect(line).toMatch(/^✖ Cannot connect to the database at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none \(ECONNREFUSED\)\. Check DATABASE_URL/);
    expect(line).not.toContain("secret");
  });

  it("when the embedded database cannot start (its port is taken)", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const pgPort = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await start({ PORT: String(await freePort()), HOST: "127.0.0.1", EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: tempDataDir() });
      expect(result.code).toBe(1);
      expect(lastLine(result.stderr)).toMatch(
        new RegExp(`^✖ The embedded database could not start\\. Could not start the embedded database on port ${pgPort}: .+ Set DATABASE_URL`),
      );
    } finally {
      blocker.close();
    }
  });

  it("when another instance runs on the same data folder", async () => {
    const dir = tempDataDir();
    fs.writeFileSync(path.join(dir, "app.pid"), String(process.pid));
    const result = await start({ PORT: String(await freePort()), HOST: "127.0.0.1", DATA_DIR: dir });
    expect(result.code).toBe(1);
    expect(lastLine(result.stderr)).toBe(
      `✖ Another Metaforge (pid ${process.pid}) is already running with the data folder ${dir}. Stop it first, or use another folder: DATA_DIR=.data-2 npm start`,
    );
  });
});
