import fc from "fast-check";
import { Liquid } from "liquidjs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { COMMENT_LANGUAGES, ESCAPE_TARGETS, FILTERS, QUOTE_LANGUAGES, commentFor, escapeFor, indentText, quoteFor, stableJson } from "./filters";

const f = (name: string) => {
  const filter = FILTERS[name];
  if (!filter) throw new Error(`no filter ${name}`);
  return filter;
};

/** Every UTF-16 code unit, lone surrogates included. */
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const nasty = 'a"b\'c\\d\n\r\t\0\x01\x1f\x7f\x85\u2028\u2029\uFEFF$x ${y} `z` é 😀 \\u000a end';

describe("FILTERS", () => {
  it("has exactly these filters", () => {
    expect(Object.keys(FILTERS).sort()).toEqual(
      ["camel", "comment", "constant", "dot", "escape_for", "format", "indent", "json", "kebab", "optional_type", "pascal", "plural", "quote", "singular", "snake", "title", "toposort", "type"].sort(),
    );
  });

  it("never throws anything but an Error, whatever the input and arguments", () => {
    const arg = fc.oneof(fc.anything(), fc.constantFrom<unknown>("typescript", "sql", "python", "html", "openapi", 2, true, ["first", false]));
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(FILTERS)), fc.anything(), fc.array(arg, { maxLength: 3 }), (name, value, args) => {
        let result: unknown;
        try {
          result = f(name)(value, ...args);
        } catch (e) {
          result = e;
        }
        // Text filters give text; toposort gives the list it sorted.
        expect(typeof result === "string" || result instanceof Error || (name === "toposort" && Array.isArray(result))).toBe(true);
      }),
    );
  });
});

describe("text filters (case and inflection)", () => {
  it.each([
    ["camel", "order line", "orderLine"],
    ["pascal", "order_line", "OrderLine"],
    ["snake", "OrderLine", "order_line"],
    ["kebab", "OrderLine", "order-line"],
    ["constant", "orderLine", "ORDER_LINE"],
    ["title", "orderLine", "Order Line"],
    ["dot", "OrderLine", "order.line"],
    ["plural", "OrderLine", "OrderLines"],
    ["singular", "order_lines", "order_line"],
    ["plural", "person", "people"],
    ["pascal", "HTTPServer", "HttpServer"],
    ["camel", "HTTPServer", "httpServer"],
  ])("%s(%j) = %j", (name, input, output) => {
    expect(f(name)(input)).toBe(output);
  });

  it("accept numbers and booleans as text", () => {
    expect(f("pascal")(42)).toBe("42");
    expect(f("snake")(true)).toBe("true");
    expect(f("plural")(1.5)).toBe("1.5s");
  });

  it.each(["camel", "pascal", "snake", "kebab", "constant", "title", "dot", "plural", "singular"])("%s refuses objects, arrays and nil", (name) => {
    expect(() => f(name)({ a: 1 })).toThrow(`${name} expects text, got an object`);
    expect(() => f(name)(["a"])).toThrow(`${name} expects text, got an array`);
    expect(() => f(name)(undefined)).toThrow(`${name} expects text, got nil`);
    expect(() => f(name)(null)).toThrow(`${name} expects text, got nil`);
  });

  it("take no arguments", () => {
    expect(() => f("pascal")("x", 1)).toThrow("pascal takes no arguments, got 1");
    expect(() => f("snake")("x", ["upper", true])).toThrow("snake takes no named arguments, got upper:");
  });
});

describe("indent", () => {
  it.each<[unknown, unknown[], string]>([
    ["a\nb", [], "  a\n  b"],
    ["a\nb", [4], "    a\n    b"],
    ["a\nb", [0], "a\nb"],
    ["a\n\nb\n", [2], "  a\n\n  b\n"],
    ["a\n   \nb", [2], "  a\n   \n  b"],
    ["a\r\nb\rc", [2], "  a\r\n  b\r  c"],
    ["a\nb", [4, false], "a\n    b"],
    ["a\nb", [4, ["first", false]], "a\n    b"],
    ["a\nb", [["width", 3], ["first", true]], "   a\n   b"],
    ["a\nb", [["first", false]], "a\n  b"],
    ["a\nb", ["\t"], "\ta\n\tb"],
    ["a\nb", ["> "], "> a\n> b"],
    ["", [4], ""],
    ["x", [2], "  x"],
    [7, [2], "  7"],
  ])("%j with %j → %j", (input, args, output) => {
    expect(f("indent")(input, ...args)).toBe(output);
  });

  it("refuses bad arguments", () => {
    expect(() => f("indent")("a", -1)).toThrow("indent expects a width from 0 to 100 spaces, got -1");
    expect(() => f("indent")("a", 1.5)).toThrow("indent expects a width from 0 to 100 spaces, got 1.5");
    expect(() => f("indent")("a", {})).toThrow("indent expects a width (a number of spaces, or the text to indent with), got an object");
    expect(() => f("indent")("a", 2, "no")).toThrow("indent expects `first` to be true or false, got text");
    expect(() => f("indent")("a", 2, true, 3)).toThrow("indent takes at most 2 arguments, got 3");
    expect(() => f("indent")("a", ["depth", 2])).toThrow("indent has no argument named depth: (its named arguments: width:, first:)");
    expect(() => f("indent")("a", 2, ["width", 2])).toThrow(/width twice/);
    expect(() => f("indent")({})).toThrow("indent expects text, got an object");
  });

  it("adds only the prefix, and only to non-blank lines", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("", "  ", "x", "ab c", " y"), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 8 }), (lines, n) => {
        const out = indentText(lines.join("\n"), n).split("\n");
        expect(out.map((l, i) => (lines[i]!.trim() === "" ? l : l.slice(n)))).toEqual(lines);
      }),
    );
  });
});

describe("quote", () => {
  it.each<[string, string, string]>([
    ["typescript", 'say "hi"\n', '"say \\"hi\\"\\n"'],
    ["typescript", "a\u2028b", '"a\\u2028b"'],
    ["javascript", "it's", '"it\'s"'],
    ["json", "tab\there", '"tab\\there"'],
    ["json", "\u0001", '"\\u0001"'],
    ["python", 'C:\\path "x"', '"C:\\\\path \\"x\\""'],
    ["python", "é\n", '"é\\n"'],
    ["java", 'a"b\\c\n', '"a\\"b\\\\c\\n"'],
    ["java", "\0\x01\x7f", '"\\000\\001\\177"'],
    ["java", "\\u000a", '"\\\\u000a"'],
    ["go", "a\"b\n\x01", '"a\\"b\\n\\x01"'],
    ["go", "\uD800", '"\uFFFD"'],
    ["csharp", "a\u2028b\u0085", '"a\\u2028b\\u0085"'],
    ["csharp", 'x"\\', '"x\\"\\\\"'],
    ["rust", "a\"b\r\x7f", '"a\\"b\\r\\x7F"'],
    ["kotlin", "price: ${total} $x", '"price: \\${total} \\$x"'],
    ["kotlin", "\x01", '"\\u0001"'],
    ["sql", "it's", "'it''s'"],
    ["sql", "a\\b\nc", "'a\\b\nc'"],
    ["yaml", "key: value # no comment", '"key: value # no comment"'],
    ["yaml", "\u0085\u2028", '"\\u0085\\u2028"'],
    ["graphql", 'a "b"\n', '"a \\"b\\"\\n"'],
    ["shell", "it's $HOME", "'it'\\''s $HOME'"],
    ["shell", "", "''"],
    ["typescript", "", '""'],
    ["sql", "", "''"],
  ])("%s: %j → %s", (lang, input, output) => {
    expect(f("quote")(input, lang)).toBe(output);
  });

  it("accepts numbers, language aliases and any case", () => {
    expect(f("quote")(42, "ts")).toBe('"42"');
    expect(f("quote")("x", "Python")).toBe('"x"');
    expect(f("quote")("x", "sh")).toBe("'x'");
    expect(f("quote")("x", "yml")).toBe('"x"');
    expect(f("quote")("x", "C#")).toBe('"x"');
  });

  it("json output parses back to the input (JSON.parse)", () => {
    fc.assert(
      fc.property(anyUnits, (s) => {
        expect(JSON.parse(quoteFor(s, "json"))).toBe(s);
        expect(JSON.parse(quoteFor(s, "python"))).toBe(s);
      }),
    );
    expect(JSON.parse(quoteFor(nasty, "json"))).toBe(nasty);
  });

  /** The value of a TypeScript string literal, read by the TypeScript parser (no code is run). */
  const readTsLiteral = (literal: string): string => {
    const file = ts.createSourceFile("x.ts", `const x = ${literal};`, ts.ScriptTarget.Latest);
    const statement = file.statements[0];
    expect(file.statements).toHaveLength(1);
    if (!statement || !ts.isVariableStatement(statement)) throw new Error("not a variable statement");
    const init = statement.declarationList.declarations[0]?.initializer;
    if (!init || !ts.isStringLiteral(init)) throw new Error("not a string literal");
    expect(init.getText(file)).toBe(literal);
    return init.text;
  };

  it("typescript/javascript output is one string literal with the input's value (TypeScript parser)", () => {
    for (const s of [nasty, "", "\u2028\u2029", "\uD800x\uDC00", "</script>", "'\"`${a}`"]) {
      expect(readTsLiteral(quoteFor(s, "typescript"))).toBe(s);
    }
    fc.assert(
      fc.property(anyUnits, fc.constantFrom("typescript", "javascript"), (s, lang) => {
        const literal = quoteFor(s, lang);
        expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
        expect(readTsLiteral(literal)).toBe(s);
      }),
    );
  });

  it("sql and shell output reads back to the input", () => {
    const readSql = (q: string) => {
      expect(q).toMatch(/^'([^']|'')*'$/);
      return q.slice(1, -1).replace(/''/g, "'");
    };
    const readShell = (q: string) => {
      expect(q).toMatch(/^'[^']*'(\\''[^']*')*$/);
      return q
        .split("'\\''")
        .map((part) => part.replace(/^'|'$/g, ""))
        .join("'");
    };
    fc.assert(
      fc.property(anyUnits.filter((s) => !s.includes("\0")), (s) => {
        expect(readSql(quoteFor(s, "sql"))).toBe(s);
        expect(readShell(quoteFor(s, "shell"))).toBe(s);
      }),
    );
  });

  it("no literal has a raw line break, control character or lone surrogate where its language forbids one", () => {
    fc.assert(
      fc.property(anyUnits, (s) => {
        for (const lang of ["json", "typescript", "python", "java", "go", "csharp", "rust", "kotlin", "yaml", "graphql"] as const) {
          const q = quoteFor(s, lang);
          // eslint-disable-next-line no-control-regex
          expect(q).not.toMatch(/[\u0000-\u001f\u2028\u2029]/);
          if (["go", "rust", "yaml", "graphql"].includes(lang)) expect(q).not.toMatch(/[\uD800-\uDFFF](?<![\uD800-\uDBFF][\uDC00-\uDFFF])(?![\uDC00-\uDFFF])/);
          expect(q.startsWith('"') && q.endsWith('"') && q.length >= 2).toBe(true);
        }
      }),
      // The Unicode line and paragraph separators, which random strings rarely hold, every time.
      { examples: [["a\u2028b\u2029c"], ["\u0085\u2028"]] },
    );
  });

  it("refuses what a language cannot hold, and unknown languages", () => {
    expect(() => f("quote")("a\0b", "sql")).toThrow("quote: SQL text cannot contain the NUL character (U+0000)");
    expect(() => f("quote")("a\0b", "shell")).toThrow("quote: a shell word cannot contain the NUL character (U+0000)");
    expect(() => f("quote")("x", "cobol")).toThrow(`quote does not know the language "cobol" (supported: ${QUOTE_LANGUAGES.join(", ")})`);
    expect(() => f("quote")("x")).toThrow(/^quote needs a language, for example quote: "typescript"/);
    expect(() => f("quote")({}, "json")).toThrow("quote expects text, got an object");
    expect(() => f("quote")("x", "json", "extra")).toThrow("quote takes at most 1 argument, got 2");
  });
});

describe("escape_for", () => {
  it.each<[string, string, string]>([
    ["html", `<a href="x">Tom & 'Jerry'</a>`, "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"],
    ["xml", `<a b='c'>&</a>`, "&lt;a b=&apos;c&apos;&gt;&amp;&lt;/a&gt;"],
    ["markdown", "*bold* _it_ [link](url) #1 a|b", "\\*bold\\* \\_it\\_ \\[link\\]\\(url\\) \\#1 a\\|b"],
    ["markdown", "plain words", "plain words"],
    ["regex", "a.b*c?(d)[e]{f}|^$\\/+", "a\\.b\\*c\\?\\(d\\)\\[e\\]\\{f\\}\\|\\^\\$\\\\\\/\\+"],
    ["regex", "a-b", "a-b"],
    ["sql", "it's", "it''s"],
    ["json", 'say "hi"\n', 'say \\"hi\\"\\n'],
    ["js", "a\u2028\"b\"", 'a\\u2028\\"b\\"'],
    ["javascript", "\n", "\\n"],
    ["typescript", "\n", "\\n"],
    ["md", "#", "\\#"],
    ["regexp", ".", "\\."],
    ["HTML", "<", "&lt;"],
  ])("%s: %j → %j", (target, input, output) => {
    expect(f("escape_for")(input, target)).toBe(output);
  });

  it("regex output matches exactly the input, with and without the u flag", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii", maxLength: 30 }), (s) => {
        const escaped = escapeFor(s, "regex");
        expect(new RegExp(`^${escaped}$`).test(s)).toBe(true);
        expect(new RegExp(`^${escaped}$`, "u").test(s)).toBe(true);
      }),
    );
  });

  it("json/js output is a valid string body", () => {
    fc.assert(
      fc.property(anyUnits, (s) => {
        expect(JSON.parse(`"${escapeFor(s, "json")}"`)).toBe(s);
        expect(JSON.parse(`"${escapeFor(s, "js")}"`)).toBe(s);
      }),
    );
  });

  it("html output has no markup characters left", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const out = escapeFor(s, "html");
        expect(out).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/);
        const back = out.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
        expect(back).toBe(s);
      }),
    );
  });

  it("refuses what the target cannot hold, and unknown targets", () => {
    expect(() => f("escape_for")("a\u0001", "xml")).toThrow("escape_for: XML cannot contain the character U+0001");
    expect(() => f("escape_for")("\0", "sql")).toThrow("escape_for: SQL text cannot contain the NUL character (U+0000)");
    expect(() => f("escape_for")("x", "latex")).toThrow(`escape_for does not know the language "latex" (supported: ${ESCAPE_TARGETS.join(", ")})`);
    expect(() => f("escape_for")("x")).toThrow(/^escape_for needs a language/);
    expect(() => f("escape_for")([], "html")).toThrow("escape_for expects text, got an array");
  });
});

describe("type, optional_type and format (see types.test.ts for the tables)", () => {
  it("map through the filter record", () => {
    const field = { type: "int", required: true };
    expect(f("type")(field, "typescript")).toBe("number");
    expect(f("optional_type")(field, "graphql")).toBe("Int!");
    expect(f("optional_type")({ type: "int" }, "typescript")).toBe("number | null");
    expect(f("format")("datetime")).toBe("date-time");
    expect(f("format")("datetime", "jsonschema")).toBe("date-time");
  });

  it("check their arguments", () => {
    expect(() => f("type")("int")).toThrow(/^type needs a language/);
    expect(() => f("type")("int", "typescript", "extra")).toThrow("type takes at most 1 argument, got 2");
    expect(() => f("format")("int", ["lang", "openapi"])).toThrow("format takes no named arguments, got lang:");
  });
});

describe("comment", () => {
  it.each<[string, string, string]>([
    ["python", "Generated by Metaforge", "# Generated by Metaforge"],
    ["python", "line 1\nline 2", "# line 1\n# line 2"],
    ["typescript", "a\n\nb", "// a\n//\n// b"],
    ["go", "a\r\nb", "// a\n// b"],
    ["javascript", "a\u2028b", "// a\n// b"],
    ["sql", "Do not edit", "-- Do not edit"],
    ["postgres", "x", "-- x"],
    ["yaml", "x", "# x"],
    ["graphql", "x", "# x"],
    ["shell", "x", "# x"],
    ["rust", "/ not a doc comment", "// / not a doc comment"],
    ["java", "see \\u000a here", "// see \\\\u000a here"],
    ["java", "already \\\\u000a", "// already \\\\u000a"],
    ["kotlin", "\\u000a", "// \\u000a"],
    ["html", "Generated", "<!-- Generated -->"],
    ["xml", "a -- b\nc", "<!--\na - - b\nc\n-->"],
    ["markdown", "x---y", "<!-- x- - -y -->"],
    ["protobuf", "x", "// x"],
    ["py", "x", "# x"],
  ])("%s: %j → %j", (lang, input, output) => {
    expect(f("comment")(input, lang)).toBe(output);
  });

  it("every output line is a comment", () => {
    const prefixes: Record<string, string> = { python: "#", typescript: "//", sql: "--", java: "//", csharp: "//" };
    fc.assert(
      fc.property(anyUnits, fc.constantFrom(...Object.keys(prefixes)), (s, lang) => {
        for (const line of commentFor(s, lang).split("\n")) expect(line.startsWith(prefixes[lang]!)).toBe(true);
      }),
    );
  });

  it("html/xml comments never contain --", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("-", "a", " ", "\n"), maxLength: 20 }), (s) => {
        const out = commentFor(s, "xml");
        expect(out.slice(4, -3)).not.toContain("--");
      }),
    );
  });

  it("refuses unknown languages", () => {
    expect(() => f("comment")("x", "cobol")).toThrow(`comment does not know the language "cobol" (supported: ${COMMENT_LANGUAGES.join(", ")})`);
    expect(() => f("comment")(null, "python")).toThrow("comment expects text, got nil");
  });
});

describe("json", () => {
  it("sorts keys and indents by 2", () => {
    expect(f("json")({ b: 1, a: { d: [1, "x"], c: null } })).toBe('{\n  "a": {\n    "c": null,\n    "d": [\n      1,\n      "x"\n    ]\n  },\n  "b": 1\n}');
  });

  it("takes an indent (0 = one line)", () => {
    expect(f("json")({ b: 1, a: 2 }, 0)).toBe('{"a":2,"b":1}');
    expect(f("json")([1], 4)).toBe("[\n    1\n]");
    expect(() => f("json")(1, 11)).toThrow("json expects an indent from 0 to 10 spaces, got 11");
    expect(() => f("json")(1, "  ")).toThrow("json expects an indent from 0 to 10 spaces, got text");
  });

  it("follows JSON.stringify for the odd values", () => {
    expect(f("json")(undefined)).toBe("null");
    expect(f("json")(null)).toBe("null");
    expect(f("json")("x")).toBe('"x"');
    expect(f("json")(Number.NaN)).toBe("null");
    expect(f("json")({ a: undefined, b: () => 1 }, 0)).toBe("{}");
    expect(f("json")([undefined, () => 1], 0)).toBe("[null,null]");
    expect(f("json")({ d: new Date("2024-01-02T03:04:05.000Z") }, 0)).toBe('{"d":"2024-01-02T03:04:05.000Z"}');
    expect(f("json")(JSON.parse('{"__proto__": 1}'), 0)).toBe('{"__proto__":1}');
  });

  it("is stable: equal values in any key order give the same text", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const reordered = JSON.parse(JSON.stringify(v), (_k, x: unknown) =>
          x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x,
        ) as unknown;
        const out = stableJson(v);
        expect(stableJson(reordered)).toBe(out);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it("refuses cycles, with where", () => {
    const a: Record<string, unknown> = { name: "a", children: [] };
    (a.children as unknown[]).push({ parent: a });
    expect(() => f("json")(a)).toThrow("json: the value contains itself (a cycle at $.children[0].parent)");
    const shared = { x: 1 };
    expect(f("json")({ a: shared, b: shared }, 0)).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it("refuses bigints and very deep nesting", () => {
    expect(() => f("json")({ n: 1n })).toThrow("json cannot encode a bigint (at $.n)");
    let deep: unknown = 1;
    for (let i = 0; i < 1100; i++) deep = [deep];
    expect(() => f("json")(deep)).toThrow(/^json: the value is nested more than 1000 levels deep/);
  });
});

describe("in LiquidJS", () => {
  const liquid = new Liquid({ strictFilters: true, strictVariables: true });
  for (const [name, filter] of Object.entries(FILTERS)) liquid.registerFilter(name, filter);
  const render = (template: string, scope: Record<string, unknown> = {}) => liquid.parseAndRenderSync(template, scope);

  it("chains and takes positional and named arguments", () => {
    expect(render(`{{ name | plural | kebab }}`, { name: "OrderLine" })).toBe("order-lines");
    expect(render(`{{ name | constant }}`, { name: "orderLine" })).toBe("ORDER_LINE");
    expect(render(`{{ f | type: "typescript" }} {{ f | optional_type: "graphql" }}`, { f: { type: "integer", required: true } })).toBe("number Int!");
    expect(render(`{{ body | indent: 4, first: false }}`, { body: "a\nb" })).toBe("a\n    b");
    expect(render(`{{ s | quote: "sql" }}`, { s: "it's" })).toBe("'it''s'");
    expect(render(`{{ o | json: 0 }}`, { o: { b: 1, a: 2 } })).toBe('{"a":2,"b":1}');
  });

  it("reports filter errors with the filter's message", () => {
    expect(() => render(`{{ o | pascal }}`, { o: {} })).toThrow(/pascal expects text, got an object/);
    expect(() => render(`{{ "x" | quote: lang: "sql" }}`)).toThrow(/quote takes no named arguments, got lang:/);
  });
});
