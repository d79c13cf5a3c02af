import { describe, expect, it } from "vitest";
import { defineMetamodel } from "../metamodel/builder";
import { starterByKey } from "../metamodel/starters";
import { shopModel } from "../model/fixtures";
import { BUILTIN_TEMPLATES } from "../templates/builtin";
import { defineModel } from "../model/builder";
import type { Model } from "../model/schema";
import { compileTemplate } from "../templates/engine";
import type { Template } from "../templates/schema";
import { fromWire, generate, toWire } from "./generator";

const mm = defineMetamodel("Shop", "", (m) => {
  m.enum("Kind", ["physical", "digital"]);
  m.class("Catalog").attr("name", "string", { required: true }).contains("products", "Product");
  m.class("Named", { abstract: true }).attr("name", "string", { required: true });
  m.class("Product", { extends: ["Named"] })
    .attr("price", "float")
    .attr("kind", "enum:Kind", { default: "physical" })
    .attr("tags", "string", { many: true })
    .ref("related", "Product", { mult: "0..*" });
  m.class("Bundle", { extends: ["Product"] });
});
const cls = (name: string) => mm.classes.find((c) => c.name === name)!.id;

const model = defineModel(mm, "Shop", (m) => {
  const c = m.object("Catalog", { name: "Main" });
  const a = m.object("Product", { name: "Kettle", price: 20, tags: ["kitchen"] }, { in: [c, "products"] });
  const b = m.object("Product", { name: "Ebook", kind: "digital" }, { in: [c, "products"] });
  m.object("Bundle", { name: "Starter Pack", price: 25 }, { in: [c, "products"] });
  m.link(a, "related", b);
});

const template = (files: Array<Partial<Template["files"][number]> & { path: string; body: string }>, partials: Template["partials"] = []): Template => ({
  name: "t",
  description: "",
  files: files.map((f, i) => ({ id: `f${i}`, forEach: null, ...f })),
  partials,
  tests: [],
});

describe("generate", () => {
  it("renders a per-model file once and a per-object file for every object of the class and its subclasses", () => {
    const t = template([
      { path: "index.md", body: "{% for p in model.all.Product %}- {{ p.name }} ({{ p._class }}){% endfor %}" },
      { path: "products/{{ product.name | kebab }}.txt", body: "{{ object.name }} {{ product.kind }} {{ product.price | default: 0 }} [{{ product.tags | join: ',' }}] in {{ object._container.name }}", forEach: cls("Product") },
    ]);
    const { files, problems } = generate(compileTemplate(t), mm, model);
    expect(problems).toEqual([]);
    expect(files.map((f) => f.path)).toEqual(["index.md", "products/ebook.txt", "products/kettle.txt", "products/starter-pack.txt"]);
    expect(files[0]!.content).toBe("- Kettle (Product)- Ebook (Product)- Starter Pack (Bundle)");
    expect(files.find((f) => f.path === "products/kettle.txt")!.content).toBe("Kettle physical 20 [kitchen] in Main");
    expect(files.find((f) => f.path === "products/ebook.txt")!.content).toBe("Ebook digital 0 [] in Main");
  });

  it("follows references and reads the meta-model", () => {
    const t = template([
      { path: "{{ object.name }}.txt", forEach: cls("Product"), body: "{% for r in object.related %}{{ r.name }}{% endfor %}" },
      { path: "classes.txt", body: "{% for c in metamodel.classes %}{{ c.name }}:{{ c.allAttributes.size }} {% endfor %}" },
    ]);
    const { files } = generate(compileTemplate(t), mm, model);
    expect(files.find((f) => f.path === "Kettle.txt")!.content).toBe("Ebook");
    expect(files.find((f) => f.path === "classes.txt")!.content).toBe("Catalog:1 Named:1 Product:4 Bundle:4 ");
  });

  it("skips an output whose path renders empty", () => {
    const t = template([{ path: "{% if object.price %}{{ object.name }}.txt{% endif %}", body: "x", forEach: cls("Product") }]);
    expect(generate(compileTemplate(t), mm, model).files.map((f) => f.path)).toEqual(["Kettle.txt", "Starter Pack.txt"]);
  });

  it("renders partials", () => {
    const t = template([{ path: "a.txt", body: "{% for p in model.all.Bundle %}{% render 'line', p: p %}{% endfor %}" }], [{ name: "line", body: "* {{ p.name | upcase }}" }]);
    expect(generate(compileTemplate(t), mm, model).files[0]!.content).toBe("* STARTER PACK");
  });

  it("locates errors: file, part, line, column, and the object being rendered", () => {
    const t = template([
      { path: "ok.txt", body: "fine" },
      { path: "{{ object.name }}.txt", forEach: cls("Product"), body: "line one\n  {{ object.nmae }}" },
      { path: "bad.txt", body: "{% for x in %}" },
      { path: "f.txt", body: "{{ 'a' | nosuchfilter }}" },
    ]);
    const { files, problems } = generate(compileTemplate(t), mm, model);
    expect(files.map((f) => f.path)).toEqual(["ok.txt"]);
    const undef = problems.filter((p) => p.fileId === "f1");
    expect(undef).toHaveLength(3);
    expect(undef[0]).toMatchObject({ part: "body", line: 2, column: 6, objectId: "o_2" });
    expect(undef[0]!.message).toContain('"object.nmae" does not exist');
    expect(problems.find((p) => p.fileId === "f2")).toMatchObject({ part: "body", line: 1 });
    expect(problems.find((p) => p.fileId === "f3")!.message).toContain('no filter "nosuchfilter"');
  });

  it("refuses paths that leave the output folder and outputs that collide", () => {
    const t = template([
      { path: "../{{ object.name }}.txt", forEach: cls("Product"), body: "x" },
      { path: "same.txt", forEach: cls("Product"), body: "x" },
    ]);
    const { files, problems } = generate(compileTemplate(t), mm, model);
    expect(files.map((f) => f.path)).toEqual(["same.txt"]);
    expect(problems.filter((p) => p.message.includes("leaves the output folder"))).toHaveLength(3);
    expect(problems.filter((p) => p.message.includes('Two outputs write "same.txt"'))).toHaveLength(2);
  });

  it("is safe: no JavaScript, no prototype access, bounded loops", () => {
    const t = template([
      { path: "a.txt", body: "{{ model.constructor }}" },
      { path: "b.txt", body: "{% for i in (1..100000000) %}{{ i }}{% endfor %}" },
    ]);
    const { files, problems } = generate(compileTemplate(t), mm, model);
    expect(files).toEqual([]);
    expect(problems[0]!.message).toContain("does not exist");
    expect(problems[1]!.message).toMatch(/loop/);
  });

  it("is deterministic", () => {
    const t = template([{ path: "{{ object.name }}.txt", forEach: cls("Product"), body: "{{ object | json }}" }]);
    const a = generate(compileTemplate(t), mm, model);
    const b = generate(compileTemplate(t), mm, structuredClone(model));
    expect(b.files).toEqual(a.files);
  });
});

describe("incremental generation", () => {
  const t = compileTemplate(
    template([
      { path: "{{ object.name }}.txt", forEach: cls("Product"), body: "{{ object.name }} {{ object.price }}{% for r in object.related %} -> {{ r.name }}{% endfor %}" },
      { path: "catalog.txt", body: "{% for p in model.roots %}{{ p.name }}{% endfor %}" },
      { path: "count.txt", body: "{{ model.objects.size }}" },
    ]),
  );
  const edit = (m: Model, id: string, change: (o: Model["objects"][number]) => void): Model => ({
    ...m,
    objects: m.objects.map((o) => {
      if (o.id !== id) return o;
      const copy = structuredClone(o);
      change(copy);
      return copy;
    }),
  });
  const price = mm.classes.find((c) => c.name === "Product")!.attributes.find((a) => a.name === "price")!.id;
  const name = mm.classes.find((c) => c.name === "Named")!.attributes[0]!.id;

  it("renders again only what read the edited object, and gives the same files as a full run", () => {
    const first = generate(t, mm, model);
    expect(first.stats).toMatchObject({ rendered: 5, reused: 0 });
    const edited = edit(model, "o_4", (o) => (o.attributes[price] = 30)); // the bundle's price
    const second = generate(t, mm, edited, first.state);
    expect(second.stats).toMatchObject({ outputs: 5, rendered: 1, reused: 4 });
    expect(second.files).toEqual(generate(t, mm, edited).files);
    expect(second.files.find((f) => f.path === "Starter Pack.txt")!.content).toBe("Starter Pack 30");
  });

  it("an edit to a referenced object re-renders the outputs that followed the reference", () => {
    const first = generate(t, mm, model);
    const edited = edit(model, "o_3", (o) => (o.attributes[name] = "E-book")); // Ebook, related from Kettle
    const second = generate(t, mm, edited, first.state);
    // Ebook's own file and Kettle's (it follows `related`); the catalog reads the root only.
    expect(second.stats.rendered).toBe(2);
    expect(second.files).toEqual(generate(t, mm, edited).files);
    expect(second.files.map((f) => f.path)).toContain("E-book.txt");
  });

  it("adding an object re-renders what lists objects", () => {
    const first = generate(t, mm, model);
    const added: Model = { ...model, objects: [...model.objects, { id: "o_9", classId: cls("Product"), attributes: { [name]: "Mug" }, references: {} }] };
    const second = generate(t, mm, added, first.state);
    expect(second.files).toEqual(generate(t, mm, added).files);
    expect(second.files.find((f) => f.path === "count.txt")!.content).toBe("5");
    expect(second.stats.rendered).toBeLessThan(second.stats.outputs);
  });

  it("_incoming lists who points here, and a new pointer re-renders the target's outputs", () => {
    const t2 = compileTemplate(template([{ path: "{{ object.name }}.txt", forEach: cls("Product"), body: "{% for r in object._incoming.related %}{{ r.name }};{% endfor %}" }]));
    const first = generate(t2, mm, model);
    expect(first.files.find((f) => f.path === "Ebook.txt")!.content).toBe("Kettle;");
    const related = mm.classes.find((c) => c.name === "Product")!.references[0]!.id;
    const edited = edit(model, "o_4", (o) => (o.references[related] = ["o_3"])); // the bundle now points at Ebook
    const second = generate(t2, mm, edited, first.state);
    expect(second.files.find((f) => f.path === "Ebook.txt")!.content).toBe("Kettle;Starter Pack;");
    expect(second.files).toEqual(generate(t2, mm, edited).files);
  });

  it("reads through _incoming are tracked, and toposort orders by stand-ins", () => {
    const t3 = compileTemplate(
      template([
        { path: "{{ object.name }}.txt", forEach: cls("Product"), body: "{% for r in object._incoming.related %}{{ r.name }}={{ r.price }};{% endfor %}" },
        { path: "order.txt", body: "{% assign ps = model.all.Product | toposort: 'related' %}{% for p in ps %}{{ p.name }};{% endfor %}" },
      ]),
    );
    const first = generate(t3, mm, model);
    expect(first.files.find((f) => f.path === "Ebook.txt")!.content).toBe("Kettle=20;");
    // Kettle depends on Ebook (Kettle.related = Ebook), so Ebook comes first.
    expect(first.files.find((f) => f.path === "order.txt")!.content).toBe("Ebook;Kettle;Starter Pack;");
    const edited = edit(model, "o_2", (o) => (o.attributes[price] = 99)); // Kettle's price
    const second = generate(t3, mm, edited, first.state);
    expect(second.files.find((f) => f.path === "Ebook.txt")!.content).toBe("Kettle=99;");
    expect(second.files).toEqual(generate(t3, mm, edited).files);
  });

  it("replays loop iterations by item and position, also when items repeat or move", () => {
    // Loops over kinds (repeated strings) and over products (objects), reading the position.
    const t = template([
      { path: "all.txt", body: "{% assign kinds = model.all.Product | map: 'kind' %}{% for k in kinds %}{{ forloop.index }}:{{ k }} {% endfor %}|{% for p in model.all.Product %}{{ forloop.index }}/{{ forloop.length }} {{ p.name }} {% endfor %}" },
    ]);
    const compiled = compileTemplate(t);
    const products = model.objects.filter((o) => o.classId !== cls("Catalog"));
    const withKind = (m: Model, id: string, kind: string): Model => ({ ...m, objects: m.objects.map((o) => (o.id === id ? { ...o, attributes: { ...o.attributes, kind } } : o)) });
    let state = generate(compiled, mm, model, undefined, { remember: true }).state;
    const edits: Model[] = [];
    let current = model;
    for (const [i, kind] of ["digital", "physical", "digital", "digital", "physical"].entries()) edits.push((current = withKind(current, products[i % products.length]!.id, kind)));
    // Moving an object to the front changes every position after it.
    edits.push((current = { ...current, objects: [current.objects[0]!, current.objects[3]!, current.objects[1]!, current.objects[2]!] }));
    let replayed = 0;
    for (const next of edits) {
      const incremental = generate(compiled, mm, next, state, { remember: true });
      expect(incremental.files).toEqual(generate(compileTemplate(t), mm, next).files);
      replayed += incremental.stats.iterationsReused;
      state = incremental.state;
    }
    expect(replayed).toBeGreaterThan(0);
  });

  it("a one-off run's result, used as the previous one, renders everything again", () => {
    const t = template([{ path: "{{ object.name }}.txt", forEach: cls("Product"), body: "{{ object.name }} {{ object.price }}" }]);
    const compiled = compileTemplate(t);
    const oneOff = generate(compiled, mm, model, undefined, { track: false });
    const kettle = model.objects.find((o) => o.attributes[Object.keys(o.attributes)[0]!] === "Kettle")!;
    const edited: Model = { ...model, objects: model.objects.map((o) => (o === kettle ? { ...o, attributes: { ...o.attributes, [Object.keys(o.attributes)[1]!]: 21 } } : o)) };
    const next = generate(compiled, mm, edited, oneOff.state);
    expect(next.stats.rendered).toBe(next.stats.outputs);
    expect(next.files).toEqual(generate(compiled, mm, edited).files);
    expect(next.files.find((f) => f.path === "Kettle.txt")!.content).toBe("Kettle 21");
  });

  it("a changed template or meta-model renders everything", () => {
    const first = generate(t, mm, model);
    const again = generate(compileTemplate(t.template), mm, model, first.state);
    expect(again.stats.reused).toBe(0);
  });
});

describe("results sent between threads", () => {
  it("a result as plain data, made whole again, is the same result and regenerates incrementally the same", () => {
    const mm = starterByKey("entity-relational")!.build();
    const model = shopModel(mm);
    let renderedAgain = 0;
    for (const builtin of BUILTIN_TEMPLATES.filter((b) => b.starter === "entity-relational")) {
      const compiled = compileTemplate(builtin.template);
      const local = generate(compiled, mm, model);
      const wire = structuredClone(toWire(generate(compileTemplate(builtin.template), mm, model)));
      const remote = fromWire(compiled, mm, model, wire);
      expect(remote.files).toEqual(local.files);
      expect(remote.problems).toEqual(local.problems);
      // (Recorded loop iterations stay in the thread that made them: a result from elsewhere has none.)
      const plain = (outputs: typeof local.state.outputs) => [...outputs].map(([key, { memo: _memo, ...o }]) => [key, o]);
      expect(plain(remote.state.outputs)).toEqual(plain(local.state.outputs));
      // After an edit, both states lead to the same outputs rendered again.
      const edited = { ...model, objects: model.objects.map((o, i) => (i === 1 ? { ...o, attributes: { ...o.attributes } } : o)) };
      const target = edited.objects[1]!;
      const nameAttr = Object.keys(target.attributes).find((k) => typeof target.attributes[k] === "string")!;
      target.attributes[nameAttr] = "renamedThing";
      const fromLocal = generate(compiled, mm, edited, local.state);
      const fromRemote = generate(compiled, mm, edited, remote.state);
      expect(fromRemote.stats.rendered).toBe(fromLocal.stats.rendered);
      expect(fromRemote.files).toEqual(fromLocal.files);
      renderedAgain += fromRemote.stats.rendered;
    }
    expect(renderedAgain).toBeGreaterThan(0);
  });
});
