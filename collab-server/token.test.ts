import { describe, expect, it } from "vitest";
import { CollabAuthError, signCollabToken, verifyCollabToken } from "./token";

const SECRET = "unit-secret-".padEnd(40, "k");
const claims = { userId: "u1", name: "Ada", documentName: "metamodel:123", workspaceId: "w1", role: "editor" as const };

describe("collab tokens", () => {
  it("round-trip the claims for the right document", async () => {
    const token = await signCollabToken(SECRET, claims);
    expect(await verifyCollabToken(SECRET, token, "metamodel:123")).toMatchObject({ sub: "u1", role: "editor", name: "Ada" });
  });

  it.each([
    ["another document", async () => verifyCollabToken(SECRET, await signCollabToken(SECRET, claims), "metamodel:999"), /another document/],
    ["an expired token", async () => verifyCollabToken(SECRET, await signCollabToken(SECRET, claims, -5), "metamodel:123"), /expired/],
    ["a forged token", async () => verifyCollabToken(SECRET, await signCollabToken("x".repeat(40), claims), "metamodel:123"), /invalid/],
    ["garbage", async () => verifyCollabToken(SECRET, "a.b.c", "metamodel:123"), /invalid/],
  ])("refuses %s", async (_label, run, reason) => {
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollabAuthError);
    expect((error as Error).message).toMatch(reason);
  });
});
