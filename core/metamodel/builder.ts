import {
  MANY,
  PRIMITIVE_TYPES,
  type Attribute,
  type DefaultValue,
  type MetaClass,
  type MetaEnum,
  type MetaModel,
  type PrimitiveType,
  type Reference,
} from "./schema";

/**
 * A compact way to write meta-models in code (the starters, tests, benchmarks). Names are resolved at
 * the end, so classes can point at classes defined later. Ids are derived from names, so the same
 * definition always gives the same meta-model.
 */

type Mult = "0..1" | "1" | "0..*" | "1..*" | `${number}..${number}` | `${number}..*`;

interface AttrOptions {
  required?: boolean;
  many?: boolean;
  unique?: boolean;
  default?: DefaultValue;
  description?: string;
}

interface RefOptions {
  mult?: Mult;
  containment?: boolean;
  /** Name of the reference on the target class that is this one's opposite. */
  opposite?: string;
  description?: string;
}

function slug(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toLowerCase();
}

function parseMult(mult: Mult): { lower: number; upper: number } {
  if (mult === "1") return { lower: 1, upper: 1 };
  const [lo, hi] = mult.split("..");
  return { lower: Number(lo), upper: hi === "*" ? MANY : Number(hi) };
}

export class ClassBuilder {
  readonly pendingRefs: Array<{ ref: Reference; targetName: string; oppositeName?: string }> = [];
  readonly pendingSupers: string[] = [];

  constructor(
    readonly cls: MetaClass,
    private readonly enumIdByName: (name: string) => string,
  ) {}

  /** `type` is a primitive or `enum:Name`. */
  attr(name: string, type: PrimitiveType | `enum:${string}`, options: AttrOptions = {}): this {
    const isEnum = type.startsWith("enum:");
    if (!isEnum && !(PRIMITIVE_TYPES as readonly string[]).includes(type)) throw new Error(`unknown type ${type}`);
    const attribute: Attribute = {
      id: `a_${slug(this.cls.name)}_${slug(name)}`,
      name,
      description: options.description ?? "",
      type: isEnum ? "enum" : (type as PrimitiveType),
      required: options.required ?? false,
      many: options.many ?? false,
      unique: options.unique ?? false,
      ...(isEnum ? { enumId: this.enumIdByName(type.slice(5)) } : {}),
      ...(options.default !== undefined ? { default: options.default } : {}),
    };
    this.cls.attributes.push(attribute);
    return this;
  }

  ref(name: string, targetName: string, options: RefOptions = {}): this {
    const ref: Reference = {
      id: `r_${slug(this.cls.name)}_${slug(name)}`,
      name,
      description: options.description ?? "",
      target: "",
      containment: options.containment ?? false,
      ...parseMult(options.mult ?? "0..1"),
    };
    this.cls.references.push(ref);
    this.pendingRefs.push({ ref, targetName, ...(options.opposite ? { oppositeName: options.opposite } : {}) });
    return this;
  }

  /** Contained children: `contains("lines", "OrderLine")` is a 0..* containment. */
  contains(name: string, targetName: string, options: Omit<RefOptions, "containment"> = {}): this {
    return this.ref(name, targetName, { mult: "0..*", ...options, containment: true });
  }
}

export class MetamodelBuilder {
  private readonly classes: ClassBuilder[] = [];
  private readonly enums: MetaEnum[] = [];

  enum(name: string, literals: string[], description = ""): this {
    this.enums.push({
      id: `e_${slug(name)}`,
      name,
      description,
      literals: literals.map((l) => ({ id: `l_${slug(name)}_${slug(l)}`, name: l })),
    });
    return this;
  }

  class(name: string, options: { abstract?: boolean; extends?: string[]; description?: string } = {}): ClassBuilder {
    const builder = new ClassBuilder(
      {
        id: `c_${slug(name)}`,
        name,
        description: options.description ?? "",
        abstract: options.abstract ?? false,
        supertypes: [],
        attributes: [],
        references: [],
      },
      (enumName) => `e_${slug(enumName)}`,
    );
    builder.pendingSupers.push(...(options.extends ?? []));
    this.classes.push(builder);
    return builder;
  }

  build(name: string, description = ""): MetaModel {
    const byName = new Map(this.classes.map((b) => [b.cls.name, b.cls]));
    const need = (n: string) => {
      const c = byName.get(n);
      if (!c) throw new Error(`unknown class ${n}`);
      return c;
    };
    for (const b of this.classes) {
      b.cls.supertypes = b.pendingSupers.map((s) => need(s).id).sort();
      for (const p of b.pendingRefs) p.ref.target = need(p.targetName).id;
    }
    for (const b of this.classes) {
      for (const p of b.pendingRefs) {
        if (!p.oppositeName) continue;
        const other = need(p.targetName).references.find((r) => r.name === p.oppositeName);
        if (!other) throw new Error(`unknown opposite ${p.targetName}.${p.oppositeName}`);
        p.ref.opposite = other.id;
      }
    }
    return { name, description, classes: this.classes.map((b) => b.cls), enums: this.enums };
  }
}

export function defineMetamodel(name: string, description: string, define: (m: MetamodelBuilder) => void): MetaModel {
  const m = new MetamodelBuilder();
  define(m);
  return m.build(name, description);
}
