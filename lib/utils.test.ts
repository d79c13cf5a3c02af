import { describe, expect, it } from "vitest";
import { initials, safeNextPath, timeAgo } from "./utils";

describe("safeNextPath", () => {
  it.each([
    ["/w/acme", "/w/acme"],
    ["/invite/abc?x=1", "/invite/abc?x=1"],
    [null, "/"],
    ["https://evil.example", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["w/acme", "/"],
  ])("%s → %s", (input, expected) => expect(safeNextPath(input)).toBe(expected));
});

describe("timeAgo", () => {
  const now = new Date("2026-11-24T12:00:00Z");
  it.each([
    ["2026-11-24T11:59:30Z", "just now"],
    ["2026-11-24T11:55:00Z", "5 minutes ago"],
    ["2026-11-23T12:00:00Z", "yesterday"],
    ["2026-12-01T12:00:00Z", "next week"],
  ])("%s → %s", (date, text) => expect(timeAgo(new Date(date), now)).toBe(text));
});

describe("initials", () => {
  it.each([
    ["Ada Lovelace", "AL"],
    ["grace", "G"],
    ["Jean Luc Picard", "JP"],
    ["  ", "?"],
  ])("%s → %s", (name, out) => expect(initials(name)).toBe(out));
});
