"use client";
import { useEffect, useRef } from "react";

/**
 * Escape closes a menu or dialog of ours even though the page's shortcuts (the canvas's and the model
 * editor's, registered earlier in the capture phase on window, with "escape" among them) stop the key
 * before Radix's own listener on the document sees it. The listener stays the same while `open`: the
 * page's own Escape handler re-renders us during the same key press, and a listener swapped then would
 * miss it.
 */
export function useEscapeCloses(open: boolean, close: () => void) {
  const latest = useRef(close);
  useEffect(() => {
    latest.current = close;
  });
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      // An open select inside (a version picker) closes first, on its own.
      if (event.key === "Escape" && !document.querySelector('[role="listbox"]')) latest.current();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [open]);
}
