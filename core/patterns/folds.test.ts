import { describe, expect, it } from "vitest";
import { dataLists, foldsIn } from "./folds";
import { jsSyntax } from "../../server/patterns/syntax-js";
import { tokenize } from "./lexer";

/** The token ranges of the array and object literals the parser reports. */
function literals(text: string) {
  const tokens = tokenize(text, "js");
  const token = (offset: number) => tokens.start.findIndex((s) => s === offset);
  const out = jsSyntax({ path: "a.js", text, language: "javascript" })!.literals!.map((l) => [token(l.start), token(l.end - 1) + 1] as [number, number]);
  return { tokens, out };
}

const texts = (text: string, ranges: ArrayLike<number>) => {
  const { tokens } = literals(text);
  const out: string[] = [];
  for (let i = 0; i < ranges.length; i += 2) out.push(text.slice(tokens.start[ranges[i]!], tokens.end[ranges[i + 1]! - 1]));
  return out;
};

describe("lists of data (PA-20)", () => {
  it("are literals whose every element is a few tokens, outer lists first", () => {
    const text = `x = [1, n0, _A, { [_e]: _c }, [_m, _I], [0, () => Item], []];\ny = [async (ctx) => { await ctx.load(); return ctx.next("load"); }, 2];`;
    const { tokens, out } = literals(text);
    expect(texts(text, dataLists(text, tokens, out))).toEqual(["[1, n0, _A, { [_e]: _c }, [_m, _I], [0, () => Item], []]", "{ [_e]: _c }", "[_m, _I]", "[0, () => Item]", "[]"]);
    // An element of more than FOLD_ELEMENT_TOKENS tokens (the arrow function) makes `y`'s list code, not data.
    expect(texts(text, dataLists(text, tokens, out)).some((t) => t.startsWith("[async"))).toBe(false);
  });

  it("are folded outermost first, inner ones when the outer leave the unit too few tokens of its own", () => {
    const text = `export var Error$ = [-3, n0, _E, { [_e]: _c }, [_m], [0]];`;
    const { tokens, out } = literals(text);
    const lists = dataLists(text, tokens, out);
    const [a, b] = [0, tokens.count];
    // The whole array is data; folding it leaves `export var Error $ = … ;`: 6 tokens.
    expect(texts(text, foldsIn(lists, a, b, 5)!.flat())).toEqual(["[-3, n0, _E, { [_e]: _c }, [_m], [0]]"]);
    expect(texts(text, foldsIn(lists, a, b, 12)!.flat())).toEqual(["{ [_e]: _c }", "[_m]", "[0]"]);
    // A list that is the whole range is no fold; a range with no list has none.
    const whole = lists[1]! - lists[0]!;
    expect(foldsIn(lists, lists[0]!, lists[0]! + whole, 1)?.map((r) => r[1] - r[0])).not.toContain(whole);
    expect(foldsIn(lists, 0, 4, 1)).toBeNull();
  });
});
