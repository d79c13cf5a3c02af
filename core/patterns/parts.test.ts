import { describe, expect, it } from "vitest";
import { createLiquid } from "../templates/engine";
import { alignWords, extract, splitCommon, splitPieces } from "./antiunify";
import { languageOf, skipReason } from "./files";
import { tokenize, TokenKind } from "./lexer";
import { similarity, signature } from "./near";
import { tokenSyntax } from "./syntax";
import { liquidLiteral, parsePattern, renderPattern, toLiquid } from "./template";

const texts = (src: string, family: Parameters<typeof tokenize>[1]) => {
  const t = tokenize(src, family);
  return Array.from({ length: t.count }, (_, i) => [t.kind[i], src.slice(t.start[i], t.end[i])]);
};

describe("lexer (PA-4)", () => {
  it("reads JS strings, template literals with nested braces, regexes and comments as single tokens", () => {
    const src = "const a = `x ${ {b: '}'}.b } y`; // done\nconst r = /[/]+/g; /* c */ x / 2";
    const tokens = texts(src, "js");
    expect(tokens).toContainEqual([TokenKind.String, "`x ${ {b: '}'}.b } y`"]);
    expect(tokens).toContainEqual([TokenKind.Comment, "// done"]);
    expect(tokens).toContainEqual([TokenKind.String, "/[/]+/g"]);
    expect(tokens).toContainEqual([TokenKind.Comment, "/* c */"]);
    // `x / 2` is a division, not a regex.
    expect(tokens.slice(-3)).toEqual([
      [TokenKind.Ident, "x"],
      [TokenKind.Punct, "/"],
      [TokenKind.Number, "2"],
    ]);
  });

  it("reads Python triple-quoted strings and # comments; Rust lifetimes are not strings", () => {
    expect(texts('x = """a\n"b"\n""" # note', "python")).toEqual([
      [TokenKind.Ident, "x"],
      [TokenKind.Punct, "="],
      [TokenKind.String, '"""a\n"b"\n"""'],
      [TokenKind.Comment, "# note"],
    ]);
    expect(texts("fn f<'a>(x: &'a str) -> char { 'z' }", "c")).toContainEqual([TokenKind.String, "'z'"]);
    expect(texts("fn f<'a>(x: &'a str)", "c").filter(([k]) => k === TokenKind.String)).toEqual([]);
  });

  it("normalises identifiers, strings and numbers but keeps keywords", () => {
    const a = tokenize("if (userCount > 10) return 'a'", "js");
    const b = tokenize("if (orderTotal > 99) return 'zz'", "js");
    const c = tokenize("while (orderTotal > 99) return 'zz'", "js");
    expect(Array.from(a.norm)).toEqual(Array.from(b.norm));
    expect(Array.from(b.norm)).not.toEqual(Array.from(c.norm));
    expect(Array.from(a.exact)).not.toEqual(Array.from(b.exact));
    // A regular expression is a literal of its own kind: not a renamed string.
    const words = tokenize('const wide = ["january", "february"];', "js");
    const patterns = tokenize("const wide = [/^ja/i, /^f/i];", "js");
    const others = tokenize("const wide = [/^ma/i, /^ap/];", "js");
    expect(Array.from(words.norm)).not.toEqual(Array.from(patterns.norm));
    expect(Array.from(patterns.norm)).toEqual(Array.from(others.norm));
  });
});

describe("files (PA-2, PA-3)", () => {
  it("maps extensions to languages and unknown ones to text", () => {
    expect(["a.ts", "b.tsx", "c.py", "d.java", "e.go", "f.cs", "g.rs", "h.php", "i.rb", "j.weird", "Makefile"].map(languageOf)).toEqual([
      "typescript",
      "typescript",
      "python",
      "java",
      "go",
      "csharp",
      "rust",
      "php",
      "ruby",
      "text",
      "text",
    ]);
  });
  it("skips binary and minified text but not long ordinary files", () => {
    expect(skipReason("abc\u0000def")).toBe("binary");
    expect(skipReason(`x=${"a".repeat(5000)}`)).toBe("minified");
    expect(skipReason("const a = 1;\n".repeat(10_000))).toBeNull();
  });
});

describe("templates (PA-12)", () => {
  it("wraps literal Liquid syntax in raw blocks, and LiquidJS renders it back verbatim", async () => {
    const liquid = createLiquid();
    for (const text of ["a {{ b }} c", "{% if %}", "ends with {", "x {% endraw %} y {%endraw%}", "plain } }} %}"]) {
      const lit = liquidLiteral(text);
      expect(await liquid.parseAndRender(lit, {})).toBe(text);
      expect(renderPattern(lit, {})).toBe(text);
    }
  });

  it("renders holes through filters; parsePattern reads back what toLiquid writes", () => {
    const parts = [{ text: "class " }, { hole: "user", filters: ["pascal"] as const }, { text: "Repo {" }, { hole: "user", filters: ["plural", "kebab"] as const }];
    const liquid = toLiquid(parts);
    expect(liquid).toBe("class {{ user | pascal }}{% raw %}Repo {{% endraw %}{{ user | plural | kebab }}");
    expect(parsePattern(liquid)).toEqual(parts.map((p) => ("text" in p ? p : { hole: p.hole, filters: [...p.filters] })));
    expect(renderPattern(liquid, { user: "order item" })).toBe("class OrderItemRepo {order-items");
    expect(renderPattern(liquid, {})).toBeNull();
    expect(renderPattern("{{ x | shout }}", { x: "a" })).toBeNull();
  });
});

describe("anti-unification (PA-9, PA-10, PA-11)", () => {
  it("splits common prefix and suffix at word boundaries only", () => {
    expect(splitCommon(["'/v1/accounts'", "'/v1/account_sessions'"])).toEqual({ prefix: "'/v1/", middles: ["accounts", "account_sessions"], suffix: "'" });
    expect(splitCommon(["UserService", "OrderService"])).toEqual({ prefix: "", middles: ["User", "Order"], suffix: "Service" });
    expect(splitCommon(["getUserById", "getOrderById"])).toEqual({ prefix: "get", middles: ["User", "Order"], suffix: "ById" });
  });

  it("splits comments into words, spaces and single signs as the Unicode regular expression would", () => {
    const texts = ["/** Lists the users_2 of a team. */", "  // Größe\u00a0\u3000naïve — «x» 😀 e\u0301 \ud800 tab\tend\r\n", "", "__init__(a, b)=>{}"];
    for (const t of texts) expect(splitPieces(t)).toEqual(t.match(/[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu) ?? []);
    expect(splitPieces("a 😀b")).toEqual(["a", " ", "😀", "b"]);
  });

  it("aligns comments word by word", () => {
    const aligned = alignWords(["/** Lists the users of a team. */", "/** Lists the orders of a shop. */"])!;
    expect(aligned.filter((a) => !("text" in a))).toEqual([
      { type: "identifier", values: ["users", "orders"] },
      { type: "identifier", values: ["team", "shop"] },
    ]);
  });

  it("keeps only anchors with words, or signs between two differing words; unrelated prose is one hole", () => {
    const aligned = alignWords(["/** Reads customers — « customer » records. */", "/** Reads invoices — « invoice » records. */"])!;
    expect(aligned.filter((a) => !("text" in a))).toEqual([
      { type: "identifier", values: ["customers", "invoices"] },
      { type: "identifier", values: ["customer", "invoice"] },
    ]);
    const prose = alignWords([
      "/** It is the first value that the source emits, and it is kept as is. */",
      "/** Waits for the other one to complete before it emits, then it is done. */",
    ])!;
    expect(prose.filter((a) => !("text" in a))).toHaveLength(1);
  });

  it("aligns long comments line by line, then the differing runs word by word", () => {
    const doc = (name: string, lines: string[]) =>
      ["/**", ...lines.map((l) => ` * ${l}`), " * @example", ` * const command = new ${name}Command(input);`, " * const response = await client.send(command);", " */"].join("\n");
    const long = (word: string, n: number) => Array.from({ length: n }, (_, i) => `${word} ${i} is described at length here, with words.`);
    const values = [doc("ListTables", long("table", 30)), doc("GetItem", long("item", 20)), doc("DeleteBackup", long("backup", 45))];
    expect(values[0]!.match(/[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu)!.length).toBeGreaterThan(400);
    const aligned = alignWords(values)!;
    expect(aligned).not.toBeNull();
    const literal = aligned.filter((a): a is { text: string } => "text" in a).map((a) => a.text).join("");
    expect(literal).toContain(" * @example\n * const command = new ");
    expect(literal).toContain("(input);\n * const response = await client.send(command);\n */");
    const ex = extract([{ type: "code", values, comment: true }], values.length);
    expect(ex.holes.some((h) => h.type === "identifier")).toBe(true);
    values.forEach((v, i) => {
      const bindings = Object.fromEntries(ex.holes.map((h, k) => [h.name, ex.values[i]![k]!]));
      expect(renderPattern(toLiquid(ex.parts), bindings)).toBe(v);
      // Every hole lies in the comment: none is specific to code.
      expect(ex.codeValues[i]).toBe("");
    });
  });

  it("unifies case and number variants into one hole and avoids reserved names", () => {
    const ex = extract(
      [
        { type: "identifier", values: ["UserService", "OrderService"] },
        { text: " " },
        { type: "string", values: ['"/users"', '"/orders"'] },
        { text: " " },
        { type: "identifier", values: ["USER_TABLE", "ORDER_TABLE"] },
        { text: " " },
        { type: "number", values: ["1", "2"] },
        { text: " " },
        { type: "identifier", values: ["empty", "full"] },
      ],
      2,
    );
    expect(ex.holes).toEqual([
      { name: "user", type: "identifier" },
      { name: "n", type: "number" },
      { name: "empty_value", type: "identifier" },
    ]);
    expect(toLiquid(ex.parts)).toBe('{{ user }}Service "/{{ user | plural | camel }}" {{ user | constant }}_TABLE {{ n }} {{ empty_value }}');
    expect(ex.values).toEqual([
      ["User", "1", "empty"],
      ["Order", "2", "full"],
    ]);
  });
});

describe("token-level syntax (PA-5)", () => {
  it("finds blocks and statement lists from braces", () => {
    const src = "fn a() {\n  x;\n  y;\n}\nfn b() {\n  z;\n}\n";
    const syntax = tokenSyntax(src, tokenize(src, "c"), "c");
    expect(syntax.units.map((u) => src.slice(u.start, u.end))).toEqual(["fn a() {\n  x;\n  y;\n}", "fn b() {\n  z;\n}"]);
    expect(syntax.lists.map((l) => l.items.map((i) => src.slice(i.start, i.end)))).toContainEqual(["x;", "y;"]);
  });

  it("finds indented blocks", () => {
    const src = "def a():\n    x = 1\n    return x\n\ndef b():\n    pass\n";
    const syntax = tokenSyntax(src, tokenize(src, "python"), "python");
    expect(syntax.lists[syntax.lists.length - 1]!.items.map((i) => src.slice(i.start, i.end))).toEqual(["def a():\n    x = 1\n    return x", "def b():\n    pass"]);
  });
});

describe("near-miss signatures (PA-17)", () => {
  it("estimates similarity: equal sequences 1, unrelated ones low", () => {
    const seq = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.imul(i + seed, 2654435761) | 0);
    const a = seq(200, 1);
    const b = [...a.slice(0, 100), 42, ...a.slice(100)];
    const c = seq(200, 99_999);
    const sig = (xs: number[]) => signature((t) => xs[t]! ^ Math.imul(xs[t + 1]!, 31) ^ Math.imul(xs[t + 2]!, 17), 0, xs.length - 2);
    expect(similarity(sig(a), sig(a))).toBe(1);
    expect(similarity(sig(a), sig(b))).toBeGreaterThanOrEqual(0.75);
    expect(similarity(sig(a), sig(c))).toBeLessThan(0.3);
  });
});
