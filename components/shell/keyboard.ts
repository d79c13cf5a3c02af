"use client";
import { useEffect, useRef } from "react";

/** True when a key press belongs to a text field, not to the app's shortcuts. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export interface Shortcut {
  /** "mod+k", "c", "?", or a two-key sequence like "g p". */
  keys: string;
  run(): void;
  /** Also fires while typing in a field (only sensible for modifier combos). */
  global?: boolean;
}

/** Registers app shortcuts, including Linear-style sequences ("g" then "p"). */
export function useShortcuts(shortcuts: Shortcut[]) {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    let pending: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onKey = (event: KeyboardEvent) => {
      const key = event.key.toLowerCase();
      const mod = event.metaKey || event.ctrlKey;
      for (const s of latest.current) {
        if (s.keys.startsWith("mod+")) {
          if (mod && key === s.keys.slice(4) && (s.global || !isTyping(event))) {
            event.preventDefault();
            s.run();
            return;
          }
        }
      }
      if (mod || event.altKey || isTyping(event)) return;
      const typed = event.key === "?" ? "?" : key;
      if (pending) {
        const match = latest.current.find((s) => s.keys === `${pending} ${typed}`);
        pending = null;
        clearTimeout(timer);
        if (match) {
          event.preventDefault();
          match.run();
          return;
        }
      }
      if (latest.current.some((s) => s.keys.startsWith(`${typed} `))) {
        pending = typed;
        timer = setTimeout(() => (pending = null), 900);
        return;
      }
      const single = latest.current.find((s) => s.keys === typed);
      if (single) {
        event.preventDefault();
        single.run();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      clearTimeout(timer);
    };
  }, []);
}
