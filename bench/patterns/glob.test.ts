import { describe, expect, it } from "vitest";
import { globToRegExp, matchesGlobs } from "./glob";

describe("globToRegExp", () => {
  it("matches the corpus table's globs", () => {
    const m = (glob: string, path: string) => globToRegExp(glob).test(path);
    expect(m("esm/resources/**/*.js", "esm/resources/Accounts.js")).toBe(true);
    expect(m("esm/resources/**/*.js", "esm/resources/V2/Core/Accounts.js")).toBe(true);
    expect(m("esm/resources/**/*.js", "esm/resources.js")).toBe(false);
    expect(m("esm/resources/**/*.js", "esm/resources/Accounts.jsx")).toBe(false);
    expect(m("dist-types/commands/*.d.ts", "dist-types/commands/GetItemCommand.d.ts")).toBe(true);
    expect(m("dist-types/commands/*.d.ts", "dist-types/commands/sub/GetItemCommand.d.ts")).toBe(false);
    expect(m("locale/*/_lib/*.js", "locale/en-US/_lib/localize.js")).toBe(true);
    expect(m("locale/*/_lib/*.js", "locale/en-US/_lib/match/index.js")).toBe(false);
    expect(m("v4.ts", "v4.ts")).toBe(true);
    expect(m("v4.ts", "v4xts")).toBe(false);
    expect(m("src/http-api/internal/httpApi{Scalar,Swagger}.ts", "src/http-api/internal/httpApiSwagger.ts")).toBe(true);
    expect(m("src/http-api/internal/httpApi{Scalar,Swagger}.ts", "src/http-api/internal/httpApiOther.ts")).toBe(false);
    expect(m("**/tests/**", "src/v4/classic/tests/string.test.ts")).toBe(true);
    expect(m("**/tests/**", "tests/a.ts")).toBe(true);
    expect(m("**/tests/**", "src/v4/classic/schemas.ts")).toBe(false);
  });

  it("applies excludes", () => {
    expect(matchesGlobs("src/v4/core/api.ts", ["src/v4/**/*.ts"], ["**/tests/**"])).toBe(true);
    expect(matchesGlobs("src/v4/core/tests/api.ts", ["src/v4/**/*.ts"], ["**/tests/**"])).toBe(false);
    expect(matchesGlobs("src/v3/api.ts", ["src/v4/**/*.ts"])).toBe(false);
  });
});
