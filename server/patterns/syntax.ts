import type { Syntax, SyntaxFile, SyntaxProvider } from "../../core/patterns/syntax";
import { jsSyntax } from "./syntax-js";
import { loadTreeSitter, TREE_SITTER_LANGUAGES } from "./syntax-tree-sitter";

/**
 * The parsers behind the pattern engine: oxc-parser for TypeScript/JavaScript, tree-sitter (WASM) for
 * Python, Java, Go, C#, Rust, PHP and Ruby. Tree-sitter grammars load asynchronously, so the host loads
 * the ones the files need first; the provider itself is synchronous, as the engine wants.
 */
export async function loadSyntax(languages: Iterable<string>): Promise<SyntaxProvider> {
  const wanted = [...new Set(languages)].filter((l) => (TREE_SITTER_LANGUAGES as readonly string[]).includes(l));
  const treeSitter = wanted.length > 0 ? await loadTreeSitter(wanted) : null;
  return (file: SyntaxFile): Syntax | null => {
    if (file.language === "typescript" || file.language === "javascript") return jsSyntax(file);
    return treeSitter?.(file) ?? null;
  };
}
