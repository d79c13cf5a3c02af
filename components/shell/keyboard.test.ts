import { describe, expect, it } from "vitest";
import { matches, resolveKey, type Shortcut } from "./keyboard";

const key = (k: string, mods: Partial<Pick<KeyboardEvent, "ctrlKey" | "metaKey" | "shiftKey" | "altKey">> = {}) =>
  ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods }) as KeyboardEvent;

describe("matches", () => {
  it.each([
    ["mod+k", key("k", { ctrlKey: true }), true],
    ["mod+k", key("k", { metaKey: true }), true],
    ["mod+k", key("k"), false],
    ["mod+z", key("z", { ctrlKey: true, shiftKey: true }), false],
    ["mod+shift+z", key("Z", { ctrlKey: true, shiftKey: true }), true],
    ["c", key("c"), true],
    ["c", key("c", { ctrlKey: true }), false],
    ["c", key("C", { shiftKey: true }), false],
    ["?", key("?", { shiftKey: true }), true],
    ["escape", key("Escape"), true],
    ["delete", key("Delete"), true],
  ])("%s vs %j → %s", (combo, event, result) => expect(matches(combo, event)).toBe(result));
});

describe("resolveKey", () => {
  const shortcut = (keys: string, global = false): Shortcut => ({ keys, global, run: () => {} });
  const shortcuts = [shortcut("escape"), shortcut("mod+z"), shortcut("mod+k", true), shortcut("g p"), shortcut("n")];
  const page = { typing: false, overlay: false, pending: null };
  const names = (r: ReturnType<typeof resolveKey>) => ({ shortcut: r.shortcut?.keys ?? null, pending: r.pending });

  it("runs the page's keys on the page", () => {
    expect(names(resolveKey(shortcuts, key("Escape"), page))).toEqual({ shortcut: "escape", pending: null });
    expect(names(resolveKey(shortcuts, key("z", { ctrlKey: true }), page))).toEqual({ shortcut: "mod+z", pending: null });
    expect(names(resolveKey(shortcuts, key("g"), page))).toEqual({ shortcut: null, pending: "g" });
    expect(names(resolveKey(shortcuts, key("p"), { ...page, pending: "g" }))).toEqual({ shortcut: "g p", pending: null });
    expect(names(resolveKey(shortcuts, key("x"), { ...page, pending: "g" }))).toEqual({ shortcut: null, pending: null });
  });

  it("leaves keys inside an open menu or dialog to it, Escape included; global combos still run", () => {
    const overlay = { ...page, overlay: true };
    expect(names(resolveKey(shortcuts, key("Escape"), overlay))).toEqual({ shortcut: null, pending: null });
    expect(names(resolveKey(shortcuts, key("n"), overlay))).toEqual({ shortcut: null, pending: null });
    expect(names(resolveKey(shortcuts, key("z", { ctrlKey: true }), overlay))).toEqual({ shortcut: null, pending: null });
    expect(names(resolveKey(shortcuts, key("g"), overlay))).toEqual({ shortcut: null, pending: null });
    expect(names(resolveKey(shortcuts, key("p"), { ...overlay, pending: "g" }))).toEqual({ shortcut: null, pending: null });
    expect(names(resolveKey(shortcuts, key("k", { metaKey: true }), overlay))).toEqual({ shortcut: "mod+k", pending: null });
  });

  it("leaves keys typed in a field to it, except global combos", () => {
    const typing = { ...page, typing: true };
    expect(names(resolveKey(shortcuts, key("Escape"), typing))).toEqual({ shortcut: null, pending: null });
    expect(names(resolveKey(shortcuts, key("g"), typing))).toEqual({ shortcut: null, pending: null });
    expect(names(resolveKey(shortcuts, key("k", { ctrlKey: true }), typing))).toEqual({ shortcut: "mod+k", pending: null });
  });

});
