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

type KeyPress = Pick<KeyboardEvent, "key" | "metaKey" | "ctrlKey" | "shiftKey" | "altKey">;

/** Does a single combo like "mod+shift+z" match the event? */
export function matches(combo: string, event: KeyPress): boolean {
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
 * Open menus, dialogs, list boxes and popovers (Radix's, cmdk's) handle their own keys: Escape closes
 * them, arrows and letters move in them. A key press inside one is left to it.
 */
const OVERLAY = '[role="menu"],[role="dialog"],[role="alertdialog"],[role="listbox"],[data-radix-popper-content-wrapper]';

/** True when a key press happens inside an open menu, dialog, list box or popover. */
export function inOverlay(event: KeyboardEvent): boolean {
  const target = event.target;
  return typeof Element !== "undefined" && target instanceof Element && target.closest(OVERLAY) !== null;
}

/**
 * Which shortcut a key press runs (if any), and the first key of a sequence it leaves pending. Only
 * `global` shortcuts reach past a text field or an open menu or dialog; everything else, Escape
 * included, is theirs.
 */
export function resolveKey(
  shortcuts: Shortcut[],
  event: KeyPress,
  state: { typing: boolean; overlay: boolean; pending: string | null },
): { shortcut: Shortcut | null; pending: string | null } {
  const local = !state.typing && !state.overlay;
  const key = event.key.toLowerCase();
  if (state.pending && local) {
    const second = shortcuts.find((s) => s.keys === `${state.pending} ${key}`);
    if (second) return { shortcut: second, pending: null };
  }
  for (const s of shortcuts) {
    if (s.keys.includes(" ")) continue;
    if ((local || s.global) && matches(s.keys, event)) return { shortcut: s, pending: null };
  }
  const startsSequence = shortcuts.some((s) => s.keys.includes(" ") && s.keys.startsWith(`${key} `));
  if (local && !event.metaKey && !event.ctrlKey && !event.altKey && startsSequence) return { shortcut: null, pending: key };
  return { shortcut: null, pending: null };
}

/**
 * Registers shortcuts, including Linear-style sequences ("g" then "p"). With `capture`, they run
 * before (and, when one matches, instead of) shortcuts registered without it: a page's own keys win
 * over the app shell's. Keys pressed inside an open menu or dialog are left to it (see `resolveKey`),
 * so a page's Escape does not keep the header's menus from closing.
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
    const onKey = (event: KeyboardEvent) => {
      const resolved = resolveKey(latest.current, event, { typing: isTyping(event), overlay: inOverlay(event), pending });
      clearTimeout(timer);
      pending = resolved.pending;
      if (pending) timer = setTimeout(() => (pending = null), 900);
      if (!resolved.shortcut) return;
      event.preventDefault();
      if (capture) event.stopPropagation();
      resolved.shortcut.run();
    };
    window.addEventListener("keydown", onKey, capture);
    return () => {
      window.removeEventListener("keydown", onKey, capture);
      clearTimeout(timer);
    };
  }, [capture, enabled]);
}
