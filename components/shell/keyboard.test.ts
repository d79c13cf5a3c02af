import { describe, expect, it } from "vitest";
import { matches } from "./keyboard";

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
