import fs from "node:fs";
import path from "node:path";
import type { SourceFile } from "../../core/patterns/engine";

/** Folders never read: version control, dependencies and build output. */
export const IGNORED_FOLDERS = new Set([".git", ".hg", ".svn", "node_modules", ".next", ".data", "__pycache__", ".venv", "target", ".gradle"]);

export interface ReadFolderOptions {
  /** Read files that large at most (bytes); larger ones are still listed, with empty text, and skipped as too large. */
  maxFileBytes?: number;
}

/**
 * The files under `root`, with `/`-separated relative paths. Symbolic links are not followed (a link
 * could point outside the folder), and ignored folders are not entered.
 */
export function readFolder(root: string, options: ReadFolderOptions = {}): { files: SourceFile[]; tooLarge: string[] } {
  const maxBytes = options.maxFileBytes ?? 8 * 1024 * 1024;
  const files: SourceFile[] = [];
  const tooLarge: string[] = [];
  const walk = (dir: string, rel: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!IGNORED_FOLDERS.has(e.name)) walk(abs, relPath);
      } else if (e.isFile()) {
        const size = fs.statSync(abs).size;
        if (size > maxBytes) tooLarge.push(relPath);
        else files.push({ path: relPath, text: fs.readFileSync(abs, "utf8") });
      }
    }
  };
  walk(root, "");
  return { files, tooLarge };
}
