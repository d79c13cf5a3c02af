import { describe, expect, it } from "vitest";
import { AppError, ERROR_TABLE, isAppError } from "./errors";

const TRPC_HTTP: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  INTERNAL_SERVER_ERROR: 500,
};

describe("the error table", () => {
  it("maps every code to a tRPC code whose HTTP status matches", () => {
    for (const [code, { trpc, http }] of Object.entries(ERROR_TABLE)) {
      expect(TRPC_HTTP[trpc], code).toBe(http);
    }
  });

  it("AppError carries its code, transport and field errors", () => {
    const error = new AppError("SLUG_TAKEN", "Taken", { slug: ["Taken"] });
    expect(isAppError(error)).toBe(true);
    expect(error.transport).toEqual({ trpc: "CONFLICT", http: 409 });
    expect(error.fieldErrors).toEqual({ slug: ["Taken"] });
    expect(isAppError(new Error("x"))).toBe(false);
  });
});
