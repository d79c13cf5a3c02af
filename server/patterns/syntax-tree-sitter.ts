import { createRequire } from "node:module";
import path from "node:path";
import { Language, Parser, type Node } from "web-tree-sitter";
import type { Syntax, SyntaxFile, SyntaxProvider, UnitKind } from "../../core/patterns/syntax";

/**
 * Syntax from tree-sitter grammars (the WASM builds VS Code ships in @vscode/tree-sitter-wasm). Offsets
 * from web-tree-sitter on a JS string are UTF-16 code units, as the engine wants.
 */

export const TREE_SITTER_LANGUAGES = ["python", "java", "go", "csharp", "rust", "php", "ruby", "cpp", "c"] as const;

const GRAMMAR: Record<string, string> = {
  python: "python",
  java: "java",
  go: "go",
  csharp: "c-sharp",
  rust: "rust",
  php: "php",
  ruby: "ruby",
  cpp: "cpp",
  c: "cpp",
};

const UNIT: Record<string, UnitKind> = {
  class_declaration: "class",
  class_definition: "class",
  class: "class",
  module: "class",
  interface_declaration: "class",
  enum_declaration: "class",
  record_declaration: "class",
  struct_declaration: "class",
  struct_item: "class",
  enum_item: "class",
  trait_item: "class",
  trait_declaration: "class",
  impl_item: "class",
  class_specifier: "class",
  struct_specifier: "class",
  function_declaration: "function",
  function_definition: "function",
  function_item: "function",
  method_declaration: "method",
  constructor_declaration: "method",
  method: "method",
  singleton_method: "method",
  type_declaration: "definition",
  decorated_definition: "definition",
};

const LISTS: Record<string, "statements" | "members"> = {
  module: "statements",
  program: "statements",
  source_file: "statements",
  compilation_unit: "statements",
  translation_unit: "statements",
  block: "statements",
  compound_statement: "statements",
  statement_block: "statements",
  body_statement: "statements",
  class_body: "members",
  interface_body: "members",
  enum_body: "members",
  declaration_list: "members",
  field_declaration_list: "members",
  enum_variant_list: "members",
};

const COMMENT = /comment/;

let init: Promise<void> | null = null;
const languages = new Map<string, Promise<Language>>();

function wasmPath(file: string): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("@vscode/tree-sitter-wasm/package.json")), "wasm", file);
}

/** Loads the grammars for `wanted` and returns a provider for them. */
export async function loadTreeSitter(wanted: readonly string[]): Promise<SyntaxProvider> {
  init ??= Parser.init();
  await init;
  const parsers = new Map<string, Parser>();
  for (const lang of wanted) {
    const grammar = GRAMMAR[lang];
    if (!grammar) continue;
    let loading = languages.get(grammar);
    if (!loading) languages.set(grammar, (loading = Language.load(wasmPath(`tree-sitter-${grammar}.wasm`))));
    const parser = new Parser();
    parser.setLanguage(await loading);
    parsers.set(lang, parser);
  }
  return (file: SyntaxFile) => {
    const parser = parsers.get(file.language);
    if (!parser) return null;
    const tree = parser.parse(file.text);
    if (!tree) return null;
    try {
      return collect(tree.rootNode);
    } finally {
      tree.delete();
    }
  };
}

function collect(root: Node): Syntax {
  const syntax: Syntax = { units: [], lists: [] };
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const kind = UNIT[node.type];
    if (kind && node !== root) syntax.units.push({ kind, start: node.startIndex, end: node.endIndex });
    const children = node.namedChildren.filter((c): c is Node => c !== null);
    const list = LISTS[node.type];
    if (list) {
      const items = children.filter((c) => !COMMENT.test(c.type) && !c.isError && !c.isMissing);
      if (items.length >= 2) syntax.lists.push({ kind: list, items: items.map((c) => ({ start: c.startIndex, end: c.endIndex })) });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return syntax;
}
