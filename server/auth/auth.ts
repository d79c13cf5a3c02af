import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { PASSWORD_MAX, PASSWORD_MIN } from "../../core/auth/schemas";
import { getDb, type Db } from "../../db/client";
import * as schema from "../../db/schema";
import { appUrl, getEnv, type Env } from "../env";

/**
 * better-auth: email + password, sessions in Postgres through the Drizzle adapter, and GitHub/Google
 * sign-in when their env vars are set. Workspaces, members and roles are our own (server/services),
 * so authorization lives in one place.
 */


/** Set by the app's HTTP server from the socket address; never trusted from the client. */
export const CLIENT_IP_HEADER = "x-metaforge-client-ip";

export function createAuth(db: Db, env: Env) {
  const base = appUrl(env);
  return betterAuth({
    appName: "Metaforge",
    baseURL: base,
    secret: env.BETTER_AUTH_SECRET,
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: schema.user, session: schema.session, account: schema.account, verification: schema.verification },
    }),
    trustedOrigins: [base, `http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`],
    emailAndPassword: { enabled: true, minPasswordLength: PASSWORD_MIN, maxPasswordLength: PASSWORD_MAX, autoSignIn: true },
    socialProviders: {
      ...(env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET
        ? { github: { clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET } }
        : {}),
      ...(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
        ? { google: { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET } }
        : {}),
    },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
      // No cookie cache: every request checks the session row, so signing out takes effect at once.
      cookieCache: { enabled: false },
    },
    // Rate limits key on the client address the app server puts in CLIENT_IP_HEADER (replacing any
    // value a client sent), so one person's retries do not lock out everyone else.
    rateLimit: { enabled: env.AUTH_RATE_LIMIT },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      database: { generateId: () => crypto.randomUUID() },
      useSecureCookies: base.startsWith("https://"),
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
export type SessionUser = Auth["$Infer"]["Session"]["user"];

const globalForAuth = globalThis as unknown as { metaforgeAuth?: Auth };

/** The process-wide auth instance. */
export function getAuth(): Auth {
  globalForAuth.metaforgeAuth ??= createAuth(getDb(), getEnv());
  return globalForAuth.metaforgeAuth;
}
