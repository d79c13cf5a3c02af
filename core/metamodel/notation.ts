import { MANY, PRIMITIVE_TYPES, type Attribute, type DefaultValue, type MetaEnum, type PrimitiveType } from "./schema";

/**
 * The short text form of an attribute used for inline editing on the canvas, TypeScript-like:
 *   name: type          required
 *   name?: type         optional
 *   tags: string[]      many
 *   status: Status      an enum, by name
 *   qty: int = 1        with a default
 */

export type AttributeFields = Pick<Attribute, "name" | "type" | "required" | "many"> & { enumId?: string; default?: DefaultValue };

function formatDefault(value: DefaultValue, type: Attribute["type"]): string {
  if (value === null) return "null";
  if (typeof value === "string" && (type === "string" || type === "text" || type === "uuid" || type === "date" || type === "datetime" || type === "json")) {
    return JSON.stringify(value);
  }
  return String(value);
}

export function formatAttribute(a: Attribute, enums: Pick<MetaEnum, "id" | "name">[]): string {
  const typeName = a.type === "enum" ? (enums.find((e) => e.id === a.enumId)?.name ?? "?enum") : a.type;
  const def = a.default !== undefined && !a.many ? ` = ${formatDefault(a.default, a.type)}` : "";
  return `${a.name}${a.required ? "" : "?"}: ${typeName}${a.many ? "[]" : ""}${def}`;
}

const SHAPE = /^\s*([^\s?:=]*)\s*(\?)?\s*(?::\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\[\])?)?\s*(?:=\s*(.*?))?\s*$/;

function parseDefault(text: string, type: Attribute["type"]): { ok: true; value: DefaultValue } | { ok: false; error: string } {
  if (text === "null") return { ok: true, value: null };
  if (type === "int" || type === "float") {
    const n = Number(text);
    return Number.isFinite(n) && text !== "" ? { ok: true, value: n } : { ok: false, error: `The default "${text}" is not a number.` };
  }
  if (type === "bool") {
    if (text === "true" || text === "false") return { ok: true, value: text === "true" };
    return { ok: false, error: "A bool default is true or false." };
  }
  if (/^".*"$/.test(text)) {
    try {
      return { ok: true, value: JSON.parse(text) as string };
    } catch {
      return { ok: false, error: `The default ${text} is not a valid quoted string.` };
    }
  }
  return { ok: true, value: text };
}

export function parseAttribute(
  text: string,
  enums: Pick<MetaEnum, "id" | "name">[],
): { ok: true; value: AttributeFields } | { ok: false; error: string } {
  const m = SHAPE.exec(text);
  if (!m) return { ok: false, error: 'Write it as "name: type", e.g. "price: float" or "tags?: string[]".' };
  const [, name = "", optional, typeName, many, defaultText] = m;
  if (!name) return { ok: false, error: 'Start with the attribute name, e.g. "price: float".' };
  let type: Attribute["type"] = "string";
  let enumId: string | undefined;
  if (typeName) {
    if ((PRIMITIVE_TYPES as readonly string[]).includes(typeName)) type = typeName as PrimitiveType;
    else {
      const e = enums.find((x) => x.name === typeName);
      if (!e) return { ok: false, error: `Unknown type "${typeName}". Use ${PRIMITIVE_TYPES.join(", ")}, or an enum's name.` };
      type = "enum";
      enumId = e.id;
    }
  }
  const value: AttributeFields = { name, type, required: !optional, many: Boolean(many), ...(enumId ? { enumId } : {}) };
  if (defaultText !== undefined && defaultText !== "") {
    const parsed = parseDefault(defaultText, type);
    if (!parsed.ok) return parsed;
    value.default = parsed.value;
  }
  return { ok: true, value };
}

/** "0..1", "1", "*", "0..*", "1..*", "2..5" → bounds (upper -1 for *). */
export function parseMultiplicity(text: string): { lower: number; upper: number } | undefined {
  const t = text.trim();
  if (t === "*") return { lower: 0, upper: MANY };
  const single = /^(\d+)$/.exec(t);
  if (single) return { lower: Number(single[1]), upper: Number(single[1]) };
  const range = /^(\d+)\s*\.\.\s*(\d+|\*)$/.exec(t);
  if (!range) return undefined;
  return { lower: Number(range[1]), upper: range[2] === "*" ? MANY : Number(range[2]) };
}
