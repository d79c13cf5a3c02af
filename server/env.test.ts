import { describe, expect, it } from "vitest";
import { appUrl, enabledOAuthProviders, EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies defaults to an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOST: "0.0.0.0", DATA_DIR: ".data", SEED_DEMO: true, LOG_LEVEL: "info" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(appUrl(env)).toBe("http://localhost:3000");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: " " }).PORT).toBe(3000);
  });

  it.each([
    [{ PORT: "abc" }, /^Invalid environment variable PORT: must be a port number \(got "abc"\)\. Fix it/],
    [{ PORT: "70000" }, /PORT: must be between 1 and 65535/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL: must look like "postgres:\/\//],
    [{ BETTER_AUTH_SECRET: "short" }, /BETTER_AUTH_SECRET: must be at least 32 characters/],
    [{ SEED_DEMO: "maybe" }, /SEED_DEMO: must be "true" or "false"/],
    [{ GITHUB_CLIENT_ID: "id" }, /GITHUB_CLIENT_SECRET: must be set together with GITHUB_CLIENT_ID/],
    [{ APP_URL: "not a url" }, /APP_URL: must be a URL/],
  ])("explains %j in one line", (source, message) => {
    let caught: unknown;
    try {
      parseEnv(source as Record<string, string>);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain("\n");
  });

  it("switches OAuth providers on only when both of their variables are set", () => {
    expect(enabledOAuthProviders(parseEnv({}))).toEqual([]);
    expect(
      enabledOAuthProviders(parseEnv({ GITHUB_CLIENT_ID: "a", GITHUB_CLIENT_SECRET: "b", GOOGLE_CLIENT_ID: "c", GOOGLE_CLIENT_SECRET: "d" })),
    ).toEqual(["github", "google"]);
  });

  it("APP_URL wins, without a trailing slash", () => {
    expect(appUrl(parseEnv({ APP_URL: "https://forge.example.com/", PORT: "8080" }))).toBe("https://forge.example.com");
  });
});
