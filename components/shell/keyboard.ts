"use client";
import { useEffect, useRef } from "react";

/** True when a key press belongs to a text field, not to the app's shortcuts. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export interface Shortcut {
  /** "mod+k", "mod+shift+z", "c", "?", "escape", or a two-key sequence like "g p". */
  keys: string;
  run(): void;
  /** Also fires while typing in a field (only sensible for modifier combos). */
  global?: boolean;
}

/** Does a single combo like "mod+shift+z" match the event? */
export function matches(combo: string, event: KeyboardEvent): boolean {
  const parts = combo.split("+");
  const key = parts.pop()!;
  const wantMod = parts.includes("mod");
  const wantShift = parts.includes("shift");
  if ((event.metaKey || event.ctrlKey) !== wantMod || event.altKey) return false;
  if (key === "?") return event.key === "?";
  if (/^[a-z]$/.test(key) && event.shiftKey !== wantShift) return false;
  return event.key.toLowerCase() === key;
}

/**
 * Registers shortcuts, including Linear-style sequences ("g" then "p"). With `capture`, they run
 * before (and, when one matches, instead of) shortcuts registered without it: a page's own keys win
 * over the app shell's.
 */
export function useShortcuts(shortcuts: Shortcut[], options: { capture?: boolean; enabled?: boolean } = {}) {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  const capture = options.capture ?? false;
  const enabled = options.enabled ?? true;
  useEffect(() => {
    if (!enabled) return;
    let pending: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fire = (event: KeyboardEvent, s: Shortcut) => {
      event.preventDefault();
      if (capture) event.stopPropagation();
      s.run();
    };
    const onKey = (event: KeyboardEvent) => {
      const typing = isTyping(event);
      const sequenced = latest.current.filter((s) => s.keys.includes(" "));
      if (pending && !typing) {
        const second = sequenced.find((s) => s.keys === `${pending} ${event.key.toLowerCase()}`);
        pending = null;
        clearTimeout(timer);
        if (second) return fire(event, second);
      }
      for (const s of latest.current) {
        if (s.keys.includes(" ")) continue;
        if ((!typing || s.global) && matches(s.keys, event)) return fire(event, s);
      }
      if (!typing && !event.metaKey && !event.ctrlKey && !event.altKey && sequenced.some((s) => s.keys.startsWith(`${event.key.toLowerCase()} `))) {
        pending = event.key.toLowerCase();
        timer = setTimeout(() => (pending = null), 900);
      }
    };
    window.addEventListener("keydown", onKey, capture);
    return () => {
      window.removeEventListener("keydown", onKey, capture);
      clearTimeout(timer);
    };
  }, [capture, enabled]);
}
