import { format } from "oxfmt";
import type { Formatter } from "@/core/generate/format";

/**
 * The formatter for generated files: oxfmt (native, Prettier-compatible output) for TypeScript,
 * JavaScript, JSON, CSS, Markdown, YAML, GraphQL, HTML and TOML.
 */
export const oxfmtFormatter: Formatter = async (path, content) => {
  const result = await format(path, content);
  const error = result.errors.find((e) => e.severity === "Error");
  if (error) throw new Error(error.message);
  return result.code;
};
