import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { testDeps } from "../../test/fixtures";
import { createAuth } from "../auth/auth";
import { parseEnv } from "../env";
import { appRouter } from "./root";
import { contextFactory } from "./trpc";

/**
 * The HTTP surface as the browser sees it: better-auth's handler and the tRPC fetch handler, with real
 * cookies, against a real database. Checks sign-up/in/out, sessions in Postgres, and the error shape.
 */

let t: TestDatabase;
let auth: ReturnType<typeof createAuth>;
const BASE = "http://localhost:3000";

beforeAll(async () => {
  t = await createTestDatabase();
  auth = createAuth(t.db, parseEnv({ BETTER_AUTH_SECRET: "test-secret-".padEnd(40, "x"), PORT: "3000" }));
});
afterAll(async () => {
  await t.drop();
});

async function handle(req: Request, db = t.db): Promise<Response> {
  const url = new URL(req.url);
  if (url.pathname.startsWith("/api/auth")) return auth.handler(req);
  const createContext = contextFactory({ ...testDeps(db), appUrl: BASE, auth });
  return fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => createContext({ headers: req.headers }) });
}

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function authPost(path: string, body: unknown, cookie = "") {
  return handle(
    new Request(`${BASE}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, cookie },
      body: JSON.stringify(body),
    }),
  );
}

async function trpc(path: string, input: unknown, cookie: string, kind: "query" | "mutation", db = t.db) {
  const req =
    kind === "query"
      ? new Request(`${BASE}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: { cookie } })
      : new Request(`${BASE}/api/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({ json: input }),
        });
  const res = await handle(req, db);
  return { status: res.status, body: (await res.json()) as { result?: { data: { json: unknown } }; error?: { json: ErrorJson } } };
}

interface ErrorJson {
  message: string;
  data: { code: string; httpStatus: number; appCode: string | null; fieldErrors: Record<string, string[]> | null };
}

describe("sign-up, sessions and the tRPC API over HTTP", () => {
  let cookie = "";

  it("signs up with email and password and stores the session in Postgres", async () => {
    const res = await authPost("/sign-up/email", { name: "Hana", email: "hana@example.test", password: "correct-horse" });
    expect(res.status).toBe(200);
    cookie = cookiesOf(res);
    expect(cookie).toContain("better-auth.session_token=");
    const sessions = await t.sql`select s.user_id from session s join "user" u on u.id = s.user_id where u.email = 'hana@example.test'`;
    expect(sessions).toHaveLength(1);
  });

  it("refuses a short password and a taken email", async () => {
    const short = await authPost("/sign-up/email", { name: "X", email: "x@example.test", password: "short" });
    expect(short.status).toBe(400);
    const taken = await authPost("/sign-up/email", { name: "Hana 2", email: "hana@example.test", password: "another-pass" });
    expect(taken.status).toBeGreaterThanOrEqual(400);
    expect((await t.sql`select count(*)::int as n from "user" where email = 'hana@example.test'`)[0]!.n).toBe(1);
  });

  it("uses the session for tRPC calls: create a workspace and a project, then list them", async () => {
    const ws = await trpc("workspace.create", { name: "Hana's team" }, cookie, "mutation");
    expect(ws.status).toBe(200);
    const { id, slug } = ws.body.result!.data.json as { id: string; slug: string };
    expect(slug).toBe("hana-s-team");
    const created = await trpc("project.create", { workspaceId: id, name: "Shop" }, cookie, "mutation");
    expect(created.status).toBe(200);
    const list = await trpc("project.list", { workspaceId: id }, cookie, "query");
    expect((list.body.result!.data.json as Array<{ name: string }>).map((p) => p.name)).toEqual(["Shop"]);
  });

  it("returns zod errors flattened per field with a readable message", async () => {
    const ws = await trpc("workspace.create", { name: "   ", slug: "Bad Slug!" }, cookie, "mutation");
    expect(ws.status).toBe(400);
    const error = ws.body.error!.json;
    expect(error.data.code).toBe("BAD_REQUEST");
    expect(error.data.fieldErrors?.name).toEqual(["Give the workspace a name."]);
    expect(error.data.fieldErrors?.slug?.[0]).toMatch(/lowercase/);
    expect(error.message).toBe("name: Give the workspace a name.");
  });

  it("maps domain errors through the error table (code, HTTP status, fields)", async () => {
    const list = await trpc("workspace.list", undefined, cookie, "query");
    const { id } = (list.body.result!.data.json as Array<{ id: string }>)[0]!;
    const dup = await trpc("project.create", { workspaceId: id, name: "shop" }, cookie, "mutation");
    expect(dup.status).toBe(409);
    expect(dup.body.error!.json.data).toMatchObject({ code: "CONFLICT", appCode: "PROJECT_NAME_TAKEN" });
    expect(dup.body.error!.json.data.fieldErrors?.name?.[0]).toMatch(/already exists/);
    const leave = await trpc("workspace.leave", { workspaceId: id }, cookie, "mutation");
    expect(leave.status).toBe(409);
    expect(leave.body.error!.json.data.appCode).toBe("LAST_OWNER");
  });

  it("hides internal failures behind a generic message with a next step", async () => {
    const broken = createDb(t.url.replace(/\/[^/]+$/, "/database_that_does_not_exist"), { max: 1 });
    try {
      const res = await trpc("workspace.list", undefined, cookie, "query", broken.db);
      expect(res.status).toBe(500);
      expect(res.body.error!.json.message).toMatch(/Something went wrong on our side/);
      expect(res.body.error!.json.message).not.toMatch(/database_that_does_not_exist/);
    } finally {
      await broken.close();
    }
  });

  it("signs out (session deleted), then refuses the old cookie; signs in again", async () => {
    const out = await authPost("/sign-out", {}, cookie);
    expect(out.status).toBe(200);
    const after = await trpc("workspace.list", undefined, cookie, "query");
    expect(after.status).toBe(401);
    expect(after.body.error!.json.message).toBe("Sign in to continue.");

    const wrong = await authPost("/sign-in/email", { email: "hana@example.test", password: "wrong-password" });
    expect(wrong.status).toBe(401);
    const ok = await authPost("/sign-in/email", { email: "hana@example.test", password: "correct-horse" });
    expect(ok.status).toBe(200);
    const again = await trpc("workspace.list", undefined, cookiesOf(ok), "query");
    expect((again.body.result!.data.json as unknown[]).length).toBe(1);
  });
});

describe("OAuth providers", () => {
  it("are off without their env vars, and redirect to the provider when configured", async () => {
    const off = await authPost("/sign-in/social", { provider: "github", callbackURL: "/" });
    expect(off.status).toBeGreaterThanOrEqual(400);

    const withGithub = createAuth(
      t.db,
      parseEnv({ BETTER_AUTH_SECRET: "test-secret-".padEnd(40, "x"), GITHUB_CLIENT_ID: "gh-client-123", GITHUB_CLIENT_SECRET: "gh-secret" }),
    );
    const res = await withGithub.handler(
      new Request(`${BASE}/api/auth/sign-in/social`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE },
        body: JSON.stringify({ provider: "github", callbackURL: "/" }),
      }),
    );
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    const target = new URL(url);
    expect(target.origin + target.pathname).toBe("https://github.com/login/oauth/authorize");
    expect(target.searchParams.get("client_id")).toBe("gh-client-123");
    expect(target.searchParams.get("redirect_uri")).toBe(`${BASE}/api/auth/callback/github`);
  });
});
