/**
 * Output paths come from templates anyone can write, so a rendered path is checked before anything is
 * written: it must stay inside the output folder, whatever the template says.
 */

export type PathCheck = { ok: true; path: string } | { ok: false; error: string };

const MAX_PATH = 1024;
const MAX_SEGMENT = 255;

export function checkOutputPath(rendered: string): PathCheck {
  const path = rendered.trim();
  if (path.length > MAX_PATH) return { ok: false, error: `The path is longer than ${MAX_PATH} characters.` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return { ok: false, error: "The path contains a control character (a line break?). Keep paths on one line." };
  if (path.includes("\\")) return { ok: false, error: `"${path}" contains a backslash. Separate folders with "/".` };
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path) || path.startsWith("~")) {
    return { ok: false, error: `"${path}" is absolute. Paths are relative to the output folder, e.g. "src/models/order.ts".` };
  }
  const segments = path.split("/").filter((s) => s !== ".");
  if (segments.some((s) => s === "..")) return { ok: false, error: `"${path}" leaves the output folder (".."). Paths must stay inside it.` };
  if (segments.some((s) => s === "")) return { ok: false, error: `"${path}" has an empty folder name ("//" or a trailing "/").` };
  if (segments.some((s) => s.length > MAX_SEGMENT)) return { ok: false, error: `A name in "${path}" is longer than ${MAX_SEGMENT} characters.` };
  if (segments.some((s) => /^\.git$/i.test(s))) return { ok: false, error: `"${path}" writes into a .git folder, which is not allowed.` };
  return { ok: true, path: segments.join("/") };
}
