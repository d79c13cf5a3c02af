import { Drop, filters as liquidFilters, Liquid, toValueSync, type Context } from "liquidjs";
import { describe, expect, it } from "vitest";
import { generate } from "../generate/generator";
import type { MetaModel } from "../metamodel/schema";
import { starterByKey } from "../metamodel/starters";
import { readFixture } from "./test-cases";
import { shopApiModel, shopModel } from "../model/fixtures";
import { BUILTIN_TEMPLATES } from "./builtin";
import { compileLiquid } from "./compile";
import { compileTemplate, createLiquid } from "./engine";
import { FAST_LIQUID_FILTERS } from "./liquid-filters";

/**
 * The compiled renderer must be indistinguishable from LiquidJS's: every case below is rendered both
 * ways and compared — the output, or the error's class, message and position.
 */

type Outcome = { output: string } | { error: string; name: string; position: number[] | undefined };

function outcome(render: () => unknown): Outcome {
  try {
    return { output: String(render()) };
  } catch (e) {
    const err = e as { message: string; name: string; token?: { getPosition(): number[] } };
    return { error: err.message, name: err.name, position: err.token?.getPosition() };
  }
}

function both(source: string, scope: () => object, liquid: Liquid = createLiquid([{ name: "item", body: "<{{ item.name | default: x }}{% if forloop %}{{ forloop.index }}{% endif %}>" }, { name: "self", body: "{{ n }}{% if n > 0 %}{% assign m = n | minus: 1 %}{% render 'self', n: m %}{% endif %}" }, { name: "forever", body: "{% render 'forever' %}" }])) {
  const parsed = liquid.parse(source);
  const compiled = compileLiquid(liquid, parsed);
  if (!compiled) throw new Error("not compiled");
  return { interpreted: outcome(() => liquid.renderSync(parsed, scope())), compiled: outcome(() => compiled(scope())) };
}

class Temperature extends Drop {
  constructor(private readonly degrees: number) {
    super();
  }
  celsius() {
    return this.degrees;
  }
  override valueOf() {
    return this.degrees;
  }
  override liquidMethodMissing(key: string) {
    return key === "kelvin" ? this.degrees + 273 : undefined;
  }
}

const data = () => ({
  name: "Order Line",
  count: 3,
  zero: 0,
  empty: "",
  blank: "   ",
  none: null,
  list: [3, 1, 2],
  words: ["alpha", "beta", "gamma"],
  nested: { a: { b: { c: "deep" } }, items: [{ name: "x", on: true, n: 2 }, { name: "y", on: false, n: 1 }, { name: "z", on: null, n: 3 }] },
  people: [
    { name: "Ada", role: { title: "admin" }, tags: ["a"] },
    { name: "Bob", role: { title: "user" }, tags: [] },
    { name: "Cy", role: null, tags: ["c", "d"] },
  ],
  temp: new Temperature(21),
  obj: { k1: 1, k2: 2 },
});

const CASES: Record<string, string> = {
  text: "plain text only",
  output: "{{ name }} {{ count }} {{ list }} {{ none }} {{ nested.a.b.c }} {{ nested['a'].b['c'] }} {{ list[0] }}{{ list[-1] }} {{ list.size }}{{ name.size }}{{ obj.size }} {{ list.first }}{{ list.last }}",
  filters: "{{ name | snake }} {{ name | camel | append: 'X' | prepend: '<' }} {{ words | join: ', ' }} {{ list | sort | reverse | join }} {{ 'a,b' | split: ',' | last }} {{ name | indent: 2, first: false }}",
  operators:
    "{% if count > 2 and name contains 'Line' %}A{% endif %}{% if list contains 2 %}B{% endif %}{% if empty == empty %}C{% endif %}{% if blank == blank %}D{% endif %}{% if none == nil %}E{% endif %}{% if zero %}F{% endif %}{% if not none %}G{% endif %}{% if count >= 3 or false %}H{% endif %}{% if list == list %}I{% endif %}{% if temp > 20 %}J{% endif %}{% if empty == blank %}K{% endif %}{% if obj == empty %}L{% endif %}{% if count < 'x' %}M{% endif %}",
  unless: "{% unless count > 5 %}a{% elsif none %}b{% else %}c{% endunless %}{% unless count %}x{% elsif count %}y{% else %}z{% endunless %}",
  ifElse: "{% if none %}1{% elsif count == 2 %}2{% elsif count == 3 %}3{% else %}4{% endif %}",
  case: "{% case count %}{% when 1, 3 %}one-or-three{% when 3 or 4 %}also{% when 5 %}five{% else %}other{% endcase %}|{% case name %}{% when 'x' %}x{% else %}e{% endcase %}",
  forLoop:
    "{% for w in words %}{{ forloop.index }}/{{ forloop.length }}:{{ w }}{% if forloop.first %}F{% endif %}{% if forloop.last %}L{% endif %}{{ forloop.rindex0 }} {% endfor %}{% for x in none %}no{% else %}else{% endfor %}{% for i in (1..count) %}{{ i }}{% endfor %}",
  forModifiers: "{% for w in words limit: 2 %}{{ w }}{% endfor %}|{% for w in words offset: 1 %}{{ w }}{% endfor %}|{% for w in words reversed %}{{ w }}{% endfor %}|{% for w in words limit: 1 %}{{ w }}{% endfor %}{% for w in words offset: continue %}{{ w }}{% endfor %}",
  breakContinue: "{% for i in (1..6) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 5 %}{% break %}{% endif %}{{ i }}{% endfor %}after",
  objectLoop: "{% for pair in obj %}{{ pair[0] }}={{ pair[1] }};{% endfor %}",
  assignCapture: "{% assign a = name | upcase %}{% capture b %}[{{ a }}]{% endcapture %}{{ b }}{% assign c = count | plus: 1 %}{{ c }}{% for i in (1..2) %}{% assign last = i %}{% endfor %}{{ last }}",
  liquidTag: "{%- liquid\n  assign t = ''\n  for w in words\n    assign t = t | append: w\n  endfor\n  echo t\n  echo\n-%}",
  raw: "{% raw %}{{ not rendered }}{% endraw %}{% comment %}hidden {{ x }}{% endcomment %}{% # inline comment %}",
  render: "{% render 'item', item: people[0], x: 'X' %}{% render 'item' for people as item, x: 'Y' %}{% render 'item' with people[1] as item, x: 'Z' %}",
  recursion: "{% render 'self', n: 3 %}",
  fallbacks: "{% increment k %}{% increment k %}{% decrement j %}{% cycle 'a', 'b' %}{% cycle 'a', 'b' %}{% tablerow w in words cols: 2 %}{{ w }}{% endtablerow %}",
  where: "{{ people | where: 'role.title', 'admin' | map: 'name' | join }}|{{ nested.items | where: 'on' | map: 'name' | join }}|{{ nested.items | reject: 'on', true | map: 'name' | join }}|{{ people | map: 'role.title' | join: ',' }}|{{ nested.items | sort: 'n' | map: 'name' | join }}",
  drops: "{{ temp }} {{ temp.celsius }} {{ temp.kelvin }} {% if temp == 21 %}eq{% endif %}",
  whitespace: "a\n  {%- if true -%}\n  b\n  {%- endif -%}\n  c {{- name -}} d",
  defaultFilter: "{{ missing | default: 'fallback' }}{% if missing %}x{% else %}lenient{% endif %}{% assign y = missing %}{{ y }}",
  // Errors: the same class, message and position.
  undefinedVariable: "line one\n  {{ nested.a.missing.deeper }}",
  undefinedTop: "{{ nope }}",
  undefinedInFilterArg: "{{ name | append: nope }}",
  badFilterInput: "{{ list | pascal }}",
  whereMissing: "{{ people | where: 'nope', 1 | size }}",
  missingPartial: "{% render 'nowhere' %}",
  errorInLoop: "{% for p in people %}{{ p.name }}{% if p.tags.size > 1 %}{{ p.tags | pascal }}{% endif %}{% endfor %}",
};

describe("compiled rendering is LiquidJS's rendering", () => {
  for (const [name, source] of Object.entries(CASES)) {
    it(name, () => {
      const { interpreted, compiled } = both(source, data);
      expect(compiled).toEqual(interpreted);
    });
  }

  it("the cases render output, and the error cases fail (so the comparison is not between two errors)", () => {
    const errorCases = ["undefinedVariable", "undefinedTop", "undefinedInFilterArg", "badFilterInput", "whereMissing", "missingPartial", "errorInLoop"];
    for (const [name, source] of Object.entries(CASES)) {
      const { compiled } = both(source, data);
      expect([name, "error" in compiled ? `error: ${compiled.error}` : "output"]).toEqual([name, errorCases.includes(name) ? expect.stringMatching(/^error/) : "output"]);
    }
  });

  it("a partial that renders itself forever is an error in both (where the stack runs out may differ)", () => {
    const { interpreted, compiled } = both("{% render 'forever' %}", data);
    expect(compiled).toMatchObject({ name: "RenderError", error: expect.stringContaining("Maximum call stack size exceeded") });
    expect(interpreted).toMatchObject({ name: "RenderError", error: expect.stringContaining("Maximum call stack size exceeded") });
  });

  it("without strict variables, a missing variable is empty in both", () => {
    const liquid = new Liquid({ strictVariables: false });
    const { interpreted, compiled } = both("[{{ nope.deeper }}]{% if nope %}x{% endif %}", data, liquid);
    expect(compiled).toEqual({ output: "[]" });
    expect(compiled).toEqual(interpreted);
  });

  it("falls back to the interpreter for options it does not reproduce", () => {
    const liquid = new Liquid({ outputEscape: "escape" });
    expect(compileLiquid(liquid, liquid.parse("{{ x }}"))).toBeNull();
  });

  it("enforces the memory limit", () => {
    const liquid = new Liquid({ memoryLimit: 100 });
    const { interpreted, compiled } = both("{% for i in (1..1000) %}{{ i }}{% endfor %}", data, liquid);
    expect(compiled).toMatchObject({ error: expect.stringContaining("memory alloc limit exceeded") });
    expect(compiled).toEqual(interpreted);
  });
});

describe("the built-in templates render the same compiled and interpreted", () => {
  const metamodels = new Map<string, MetaModel>();
  const metamodelOf = (starter: string) => metamodels.get(starter) ?? metamodels.set(starter, starterByKey(starter)!.build()).get(starter)!;
  for (const builtin of BUILTIN_TEMPLATES) {
    it(builtin.key, () => {
      const mm = metamodelOf(builtin.starter);
      const models = [builtin.starter === "rest-api" ? shopApiModel(mm) : shopModel(mm)];
      for (const c of builtin.cases) {
        const read = readFixture(mm, c.model);
        if (!read.ok) throw new Error(`${builtin.key} case ${c.name}: ${read.error}`);
        models.push(read.model);
      }
      expect(models.length).toBeGreaterThan(1);
      const interpreted = compileTemplate(builtin.template, { engine: "interpreted" });
      const compiled = compileTemplate(builtin.template);
      expect(compiled.files.every((f) => f.render !== null)).toBe(true);
      for (const model of models) {
        const a = generate(interpreted, mm, model);
        const b = generate(compiled, mm, model);
        expect(b.files.length).toBeGreaterThan(0);
        expect(b.files).toEqual(a.files);
        expect(b.problems).toEqual(a.problems);
        // The same reads are recorded, so incremental generation re-renders the same outputs.
        expect([...b.state.outputs.values()].map((o) => [...o.deps!].sort())).toEqual([...a.state.outputs.values()].map((o) => [...o.deps!].sort()));
        // A one-off run (no tracking: templates read the view itself) gives the same files.
        const untracked = generate(compiled, mm, model, undefined, { track: false });
        expect(untracked.files).toEqual(a.files);
        expect(untracked.problems).toEqual(a.problems);
        expect([...untracked.state.outputs.values()].every((o) => o.deps === null)).toBe(true);
      }
    });
  }
});

describe("LiquidJS's where, reject, map and replace, made fast", () => {
  const liquid = createLiquid();
  const run = (fn: (...args: unknown[]) => unknown, ...args: unknown[]) => outcome(() => JSON.stringify(toValueSync(fn.apply({ context: newContext(), liquid }, args))));
  /** A real render context with the engine's options (strict variables, own properties only). */
  const newContext = () => {
    let ctx: Context | undefined;
    const probe = createLiquid();
    probe.registerFilter("grab", function (this: { context: Context }, v: unknown) {
      ctx = this.context;
      return v;
    });
    probe.parseAndRenderSync("{{ 1 | grab }}");
    return ctx!;
  };
  const people = data().people;
  const inputs: Array<[string, unknown[]]> = [
    ["where", [people, "role.title", "admin"]],
    ["where", [people, "tags"]],
    ["where", [people, "name", "Bob"]],
    ["where", [people, "nope", 1]],
    ["where", [people, "", undefined]],
    ["where", [[1, "a", null], "size"]],
    ["reject", [people, "role", null]],
    ["reject", [data().nested.items, "on"]],
    ["map", [people, "name"]],
    ["map", [people, "role.title"]],
    ["map", [people, "tags.size"]],
    ["map", [null, "name"]],
    ["where", [people, "role['title']", "user"]],
    ["replace", ["a|b|c", "|", "\\|"]],
    ["replace", ["abc", "|", "\\|"]],
    ["replace", ["abc", "", "-"]],
    ["replace", ["", "", "-"]],
    ["replace", ["a$b", "$", "$&$'"]],
    ["replace", [null, "x", "y"]],
    ["replace", [12.5, ".", ","]],
    ["replace", ["aaa", "aa", "b"]],
    ["slice", ["hello", 1, 3]],
    ["slice", ["hello", 0]],
    ["slice", ["hello", -2, 5]],
    ["slice", ["hello", -9, 2]],
    ["slice", ["hello", 2, -1]],
    ["slice", ["hello", 4, 10]],
    ["slice", ["hello", 9, 2]],
    ["slice", ["h😀llo", 1, 2]],
    ["slice", ["hello", 1.5, 2]],
    ["slice", [[1, 2, 3], 1, 2]],
    ["slice", [null, 0, 1]],
    ["slice", [12345, 1, 2]],
  ];
  for (const [name, args] of inputs) {
    it(`${name} ${JSON.stringify(args.slice(1))}`, () => {
      const fast = run(FAST_LIQUID_FILTERS[name]! as never, ...args);
      const original = run((liquidFilters as Record<string, (...a: unknown[]) => unknown>)[name]!, ...args);
      expect(fast).toEqual(original);
    });
  }
});
