import { describe, expect, it } from "vitest";
import { createInvitationInput, invitationTokenSchema, slugify, slugSchema } from "./schemas";

describe("slugify", () => {
  it.each([
    ["Acme Platform Team", "acme-platform-team"],
    ["  Café   Crème!! ", "cafe-creme"],
    ["Über--Team", "uber-team"],
    ["X", "x-workspace"],
    ["!!!", "workspace"],
    ["Settings", "settings-workspace"],
    ["a".repeat(60), "a".repeat(40)],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(slugSchema.safeParse(slugify(name)).success).toBe(true);
  });
});

describe("slugSchema", () => {
  it.each(["ab", "acme-2", "a1-b2-c3"])("accepts %s", (s) => expect(slugSchema.safeParse(s).success).toBe(true));
  it.each(["a", "-acme", "acme-", "ac--me", "Acme", "ac me", "api", "x".repeat(49)])("refuses %s", (s) =>
    expect(slugSchema.safeParse(s).success).toBe(false),
  );
});

describe("createInvitationInput", () => {
  it("defaults to 7 days and allows an open link", () => {
    expect(createInvitationInput.parse({ role: "editor" })).toEqual({ role: "editor", expiresInDays: 7 });
  });
  it("refuses a bad email, an unknown role, and over-long expiry", () => {
    expect(createInvitationInput.safeParse({ role: "editor", email: "nope" }).success).toBe(false);
    expect(createInvitationInput.safeParse({ role: "god" }).success).toBe(false);
    expect(createInvitationInput.safeParse({ role: "viewer", expiresInDays: 31 }).success).toBe(false);
  });
  it("tokens must look like ours", () => {
    expect(invitationTokenSchema.safeParse("abc").success).toBe(false);
    expect(invitationTokenSchema.safeParse("A".repeat(32)).success).toBe(true);
    expect(invitationTokenSchema.safeParse("../../etc/passwd-xxxxxxxxxxxxxx").success).toBe(false);
  });
});
