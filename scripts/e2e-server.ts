/**
 * The app as the e2e suite runs it: `npm start` on a fresh data folder (.data/e2e), bound to 127.0.0.1.
 * Auth rate limiting is off here because the suite signs many users up from one address in seconds.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = path.join(root, ".data", "e2e");
fs.rmSync(dataDir, { recursive: true, force: true });

Object.assign(process.env, {
  DATA_DIR: dataDir,
  HOST: "127.0.0.1",
  APP_URL: `http://127.0.0.1:${process.env.PORT ?? 3210}`,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  AUTH_RATE_LIMIT: "false",
});
delete process.env.DATABASE_URL;

await import("./start");
