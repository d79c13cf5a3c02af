import { getDb } from "../db/client";
import { appUrl, getEnv } from "./env";
import { getLogger } from "./logger";
import type { AppDeps } from "./services/context";

/** The process-wide platform dependencies, from the validated environment. */
export function getAppDeps(): AppDeps {
  const env = getEnv();
  if (!env.BETTER_AUTH_SECRET) {
    throw new Error("BETTER_AUTH_SECRET is not set: start the app with `npm start`, which provides it.");
  }
  return { db: getDb(), log: getLogger(), appUrl: appUrl(env), authSecret: env.BETTER_AUTH_SECRET, collabUrl: env.COLLAB_URL ?? null };
}
