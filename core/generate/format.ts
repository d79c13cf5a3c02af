import type { GeneratedFile } from "./generator";

/**
 * Formatting generated files. The formatter itself is injected (the Node one, oxfmt, is native code
 * and lives outside core); this module decides which files it gets and reuses earlier results, so a
 * regeneration formats only the files whose text changed.
 */

/** Formats `content` as the language of `path`; throws when the content does not parse. */
export type Formatter = (path: string, content: string) => Promise<string>;

export const FORMATTED_EXTENSIONS = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs", "json", "css", "scss", "less", "md", "yaml", "yml", "graphql", "gql", "html", "vue", "toml"];

export const isFormatted = (path: string) => FORMATTED_EXTENSIONS.includes(path.slice(path.lastIndexOf(".") + 1).toLowerCase());

export interface FormatWarning {
  path: string;
  message: string;
}

/** Raw text → formatted text, per path; pass the same cache to the next run. */
export type FormatCache = Map<string, { raw: string; formatted: string }>;

export async function formatFiles(
  files: GeneratedFile[],
  formatter: Formatter,
  cache: FormatCache = new Map(),
): Promise<{ files: GeneratedFile[]; warnings: FormatWarning[]; cache: FormatCache; formatted: number }> {
  const next: FormatCache = new Map();
  const warnings: FormatWarning[] = [];
  let formatted = 0;
  const out = await Promise.all(
    files.map(async (f) => {
      if (!isFormatted(f.path)) return f;
      const hit = cache.get(f.path);
      if (hit && hit.raw === f.content) {
        next.set(f.path, hit);
        return { ...f, content: hit.formatted };
      }
      try {
        const text = await formatter(f.path, f.content);
        formatted++;
        next.set(f.path, { raw: f.content, formatted: text });
        return { ...f, content: text };
      } catch (error) {
        // Usually a template bug: the file is kept as rendered and the reason shown.
        warnings.push({ path: f.path, message: `Not formatted: ${(error as Error).message.split("\n")[0]}` });
        return f;
      }
    }),
  );
  return { files: out, warnings, cache: next, formatted };
}
