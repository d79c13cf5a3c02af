import { describe, expect, it } from "vitest";
import { textMemo } from "./memo";

describe("textMemo", () => {
  it("computes a key's result once, null results included, and forgets past its bound", () => {
    const calls: string[] = [];
    const remember = textMemo<string | null>(10);
    const f = (t: string) =>
      remember(t, () => {
        calls.push(t);
        return t === "none" ? null : t.toUpperCase();
      });
    expect([f("abc"), f("abc"), f("none"), f("none")]).toEqual(["ABC", "ABC", null, null]);
    expect(calls).toEqual(["abc", "none"]);
    f("abcdefgh"); // 3 + 4 + 8 > 10: forgets abc and none
    f("abc");
    expect(calls).toEqual(["abc", "none", "abcdefgh", "abc"]);
  });
});
