import { describe, expect, it } from "vitest";
import { starterByKey } from "../metamodel/starters";
import { readFixture } from "../templates/test-cases";
import { shopApiModel, shopModel } from "../model/fixtures";
import type { Model, ModelObject } from "../model/schema";
import { BUILTIN_TEMPLATES } from "../templates/builtin";
import { compileTemplate } from "../templates/engine";
import { generate } from "./generator";

/**
 * Incremental generation (outputs that read nothing edited are kept; one-file outputs replay the loop
 * iterations whose inputs did not change) must give exactly what a full generation gives. Random edits
 * to every built-in's models, each followed by both, compared file by file.
 */

function random(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function edit(model: Model, rnd: () => number, step: number): Model {
  const objects = model.objects;
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const target = pick(objects);
  const kind = rnd();
  let next: ModelObject;
  if (kind < 0.6) {
    const keys = Object.keys(target.attributes);
    if (!keys.length) return model;
    const key = pick(keys);
    const value = target.attributes[key];
    const changed = typeof value === "string" ? `${value}X${step}` : typeof value === "boolean" ? !value : typeof value === "number" ? value + 1 : value!;
    next = { ...target, attributes: { ...target.attributes, [key]: changed } };
  } else if (kind < 0.8) {
    // A reference loses or gains a target of the same kind.
    const refs = Object.entries(target.references).filter(([, ts]) => ts.length > 0);
    if (!refs.length) return model;
    const [ref, targets] = pick(refs);
    const sameClass = objects.filter((o) => o.classId === objects.find((x) => x.id === targets[0])?.classId);
    const add = pick(sameClass).id;
    next = { ...target, references: { ...target.references, [ref]: rnd() < 0.5 && targets.length > 1 ? targets.slice(1) : targets.includes(add) ? targets : [...targets, add] } };
    // Containment must stay a tree: only edit non-containment-like lists by dropping, which keeps it one.
    if (rnd() < 0.5) next = { ...target, references: { ...target.references, [ref]: targets.slice(0, Math.max(1, targets.length - 1)) } };
  } else {
    // An unset attribute: removed (as when a value is cleared).
    const keys = Object.keys(target.attributes);
    if (!keys.length) return model;
    const { [pick(keys)]: _gone, ...rest } = target.attributes;
    next = { ...target, attributes: rest };
  }
  return { ...model, objects: objects.map((o) => (o === target ? next : o)) };
}

describe("incremental generation gives what a full generation gives", () => {
  for (const builtin of BUILTIN_TEMPLATES) {
    it(builtin.key, () => {
      const mm = starterByKey(builtin.starter)!.build();
      const models = [builtin.starter === "rest-api" ? shopApiModel(mm) : shopModel(mm)];
      for (const c of builtin.cases) {
        const read = readFixture(mm, c.model);
        if (read.ok) models.push(read.model);
      }
      const compiled = compileTemplate(builtin.template);
      let reusedIterations = 0;
      models.forEach((start, m) => {
        const rnd = random(1000 + m);
        let model = start;
        let state = generate(compiled, mm, model, undefined, { remember: true }).state;
        for (let step = 0; step < 25; step++) {
          model = edit(model, rnd, step);
          const incremental = generate(compiled, mm, model, state, { remember: true });
          // Full generation alternates between tracked and one-off (untracked) runs: both must agree.
          const full = generate(compileTemplate(builtin.template), mm, model, undefined, { track: step % 2 === 0 });
          expect(incremental.files).toEqual(full.files);
          expect(incremental.problems).toEqual(full.problems);
          reusedIterations += incremental.stats.iterationsReused;
          state = incremental.state;
        }
      });
      // One-file outputs over the model replay iterations (per-object outputs have no such loops).
      if (["drizzle", "postgres-ddl", "openapi", "python-pydantic", "go-structs", "graphql-sdl"].includes(builtin.key)) expect(reusedIterations).toBeGreaterThan(0);
    });
  }
});
