import { parseSync, visitorKeys } from "oxc-parser";
import type { Syntax, SyntaxFile, UnitKind } from "../../core/patterns/syntax";

/**
 * Syntax of TypeScript/JavaScript files from oxc-parser (offsets are UTF-16, as the engine wants).
 * A file that does not parse falls back to the token-level path (null).
 */

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const UNIT: Record<string, UnitKind> = {
  ClassDeclaration: "class",
  ClassExpression: "class",
  FunctionDeclaration: "function",
  FunctionExpression: "function",
  ArrowFunctionExpression: "function",
  MethodDefinition: "method",
  TSInterfaceDeclaration: "definition",
  TSTypeAliasDeclaration: "definition",
  TSEnumDeclaration: "definition",
  TSModuleDeclaration: "definition",
};

/** Node type → the property holding a list of siblings, and what they are. */
const LISTS: Record<string, [string, "statements" | "members"]> = {
  Program: ["body", "statements"],
  BlockStatement: ["body", "statements"],
  StaticBlock: ["body", "statements"],
  FunctionBody: ["body", "statements"],
  SwitchCase: ["consequent", "statements"],
  SwitchStatement: ["cases", "statements"],
  TSModuleBlock: ["body", "statements"],
  ClassBody: ["body", "members"],
  ObjectExpression: ["properties", "members"],
  ArrayExpression: ["elements", "members"],
  TSInterfaceBody: ["body", "members"],
  TSTypeLiteral: ["members", "members"],
  TSEnumBody: ["members", "members"],
};

/** Per node type, what the walk needs (one lookup per node). */
interface TypeInfo {
  unit?: UnitKind;
  /** An array or object literal (PA-20 folds the ones of data). */
  literal: boolean;
  list?: [string, "statements" | "members"];
  keys: readonly string[];
}
const infos = new Map<string, TypeInfo>();
const infoOf = (type: string): TypeInfo => {
  let info = infos.get(type);
  if (!info) infos.set(type, (info = { unit: UNIT[type], literal: type === "ArrayExpression" || type === "ObjectExpression", list: LISTS[type], keys: (visitorKeys as Record<string, readonly string[]>)[type] ?? [] }));
  return info;
};

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && typeof (v as Node).type === "string";

export function jsSyntax(file: SyntaxFile): Syntax | null {
  const lang = file.path.endsWith(".tsx") || file.path.endsWith(".jsx") ? "tsx" : file.language === "typescript" ? "ts" : "js";
  let program: Node;
  try {
    const result = parseSync(file.path, file.text, { lang, sourceType: "unambiguous", preserveParens: false });
    if (result.errors.some((e) => e.severity === "Error")) return null;
    program = result.program as unknown as Node;
  } catch {
    return null;
  }
  const syntax: Syntax = { units: [], lists: [], literals: [] };
  const walk = (node: Node, parent: Node | null) => {
    const info = infoOf(node.type);
    if (info.unit) {
      // `export function f` is a unit from `export` on.
      const outer = parent && (parent.type === "ExportNamedDeclaration" || parent.type === "ExportDefaultDeclaration") ? parent : node;
      const unitKind = info.unit === "function" && parent?.type === "MethodDefinition" ? null : info.unit;
      if (unitKind) syntax.units.push({ kind: unitKind, start: outer.start, end: outer.end });
    }
    if (info.literal) syntax.literals!.push({ start: node.start, end: node.end });
    if (info.list) {
      const items = (node[info.list[0]] as unknown[] | undefined)?.filter(isNode) ?? [];
      if (items.length >= 2) syntax.lists.push({ kind: info.list[1], items: items.map((n) => ({ start: n.start, end: n.end })) });
    }
    for (const key of info.keys) {
      const child = node[key];
      if (Array.isArray(child)) {
        for (const c of child) if (isNode(c)) walk(c, node);
      } else if (isNode(child)) walk(child, node);
    }
  };
  walk(program, null);
  return syntax;
}
