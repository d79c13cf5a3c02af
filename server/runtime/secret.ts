import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** BETTER_AUTH_SECRET when unset: generated once into the data folder (never committed), then reused. */

const FILE = "auth-secret";

export function readSecret(dataDir: string): string | undefined {
  try {
    const value = fs.readFileSync(path.join(dataDir, FILE), "utf8").trim();
    return value.length >= 32 ? value : undefined;
  } catch {
    return undefined;
  }
}

export function ensureSecret(dataDir: string): { secret: string; created: boolean } {
  const existing = readSecret(dataDir);
  if (existing) return { secret: existing, created: false };
  const secret = randomBytes(32).toString("base64url");
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, FILE), `${secret}\n`, { mode: 0o600 });
  return { secret, created: true };
}
