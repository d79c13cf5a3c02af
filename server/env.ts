import { z } from "zod";

/**
 * The environment, validated once. Imported by next.config.mjs (so a bad variable fails the build), by
 * the start script (so it fails before anything starts) and by server code through `getEnv()`.
 * Every variable is documented in .env.example.
 */

const port = z.coerce
  .number({ message: "must be a port number" })
  .int("must be a whole number")
  .min(1, "must be between 1 and 65535")
  .max(65535, "must be between 1 and 65535");

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: 'must be "true" or "false"' })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, 'must look like "postgres://user:password@host:5432/database"');

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).optional(),
    PORT: port.default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    APP_URL: z.url({ message: 'must be a URL like "https://metaforge.example.com"' }).optional(),
    DATABASE_URL: postgresUrl.optional(),
    DATA_DIR: z.string().min(1).default(".data"),
    EMBEDDED_PG_PORT: port.optional(),
    BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
    GITHUB_CLIENT_ID: z.string().min(1).optional(),
    GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    SEED_DEMO: flag.default(true),
    AUTH_RATE_LIMIT: flag.default(true),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        message: "must be one of fatal, error, warn, info, debug, trace, silent",
      })
      .default("info"),
    LOG_FORMAT: z.enum(["pretty", "json"], { message: 'must be "pretty" or "json"' }).optional(),
    COLLAB_PORT: port.default(3001),
    /** Public WebSocket URL of a standalone collab-server; unset, the app serves /collab itself. */
    COLLAB_URL: z.string().regex(/^wss?:\/\/\S+$/, 'must look like "wss://collab.example.com/collab"').optional(),
  })
  .superRefine((env, ctx) => {
    for (const provider of ["GITHUB", "GOOGLE"] as const) {
      const id = env[`${provider}_CLIENT_ID`];
      const secret = env[`${provider}_CLIENT_SECRET`];
      if (Boolean(id) !== Boolean(secret)) {
        ctx.addIssue({
          code: "custom",
          path: [id ? `${provider}_CLIENT_SECRET` : `${provider}_CLIENT_ID`],
          message: `must be set together with ${id ? `${provider}_CLIENT_ID` : `${provider}_CLIENT_SECRET`}`,
        });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override readonly name = "EnvError";
}

/** Empty strings (common in .env files) count as unset. */
function withoutEmpty(source: Record<string, string | undefined>) {
  const out: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value.trim() !== "") out[key] = value;
  }
  return out;
}

/** Validates `source`; throws an `EnvError` whose message is one line saying what to fix. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = withoutEmpty(source);
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? "environment");
  const got = cleaned[name];
  const shown = got === undefined ? "" : ` (got "${got.length > 60 ? `${got.slice(0, 57)}...` : got}")`;
  throw new EnvError(
    `Invalid environment variable ${name}: ${issue.message}${shown}. Fix it in your shell or .env.local and run the command again.`,
  );
}

let cached: Env | undefined;

/** The validated process environment (memoised). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The public base URL of the app: APP_URL, or http://localhost:PORT. */
export function appUrl(env: Env = getEnv()): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

export function enabledOAuthProviders(env: Env = getEnv()): Array<"github" | "google"> {
  const providers: Array<"github" | "google"> = [];
  if (env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET) providers.push("github");
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) providers.push("google");
  return providers;
}
