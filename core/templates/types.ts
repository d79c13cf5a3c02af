/**
 * Per-language type mapping for the template filters `type`, `optional_type` and `format`.
 *
 * Input: a type name (`"int"`, `"integer"`, `"enum:Status"`) or an object
 * `{ type, required?, nullable?, many?, enum?, enumType?: { name } }` (a model attribute).
 * Type names from two vocabularies are accepted: the Metaforge primitives and common synonyms; both
 * are normalised to one of `CANONICAL_TYPES` (case, `_`, `-` and spaces are ignored, so `dateTime`,
 * `date_time` and `date-time` are one name), then mapped with the language's table (`TYPE_TABLE`).
 *
 * - `typeFor` gives the plain type, or the language's list form when `many` is true. It never adds
 *   optional/nullable wrapping: templates decide (or use `optionalTypeFor`).
 * - `optionalTypeFor` wraps the type in the language's optional form (TypeScript `T | null`, Python
 *   `T | None`, Go `*T`, …) when the value may be missing or null: `nullable: true`, or `required`
 *   not true; `nullable: false` alone means required. For GraphQL it is the other way round: a
 *   required type gets `!`, an optional one stays as it is.
 * - `formatFor` gives the OpenAPI / JSON Schema `format` keyword ("date-time", "uuid", …) or "".
 *
 * An enum (type `enum`/`enumerated` with `enum: "Name"`, `enumType: { name }`, or the name form
 * `"enum:Name"`) maps to its name in PascalCase (snake_case for SQL, `camelEnum` for Drizzle's
 * `pgEnum` builder, `string` for OpenAPI / JSON Schema).
 *
 * Errors are plain `Error`s whose message starts with the filter's name (`type`, `optional_type`,
 * `format`); the template engine adds the file and position.
 */
import { camel, pascal, snake } from "./case";

export const CANONICAL_TYPES = [
  "string",
  "text",
  "int",
  "bigint",
  "float",
  "decimal",
  "bool",
  "date",
  "datetime",
  "time",
  "uuid",
  "json",
  "binary",
  "enum",
] as const;
export type CanonicalType = (typeof CANONICAL_TYPES)[number];
type ScalarType = Exclude<CanonicalType, "enum">;

/**
 * Synonyms → canonical type. Keys are normalised (lower-case, no `_`, `-` or spaces). The canonical
 * names map to themselves.
 */
export const TYPE_SYNONYMS: Readonly<Record<string, CanonicalType>> = {
  str: "string",
  varchar: "string",
  char: "string",
  integer: "int",
  int32: "int",
  long: "bigint",
  int64: "bigint",
  number: "float",
  double: "float",
  real: "float",
  float64: "float",
  numeric: "decimal",
  money: "decimal",
  boolean: "bool",
  timestamp: "datetime",
  timestamptz: "datetime",
  instant: "datetime",
  object: "json",
  array: "json",
  jsonb: "json",
  bytes: "binary",
  blob: "binary",
  bytea: "binary",
  enumerated: "enum",
  enumeration: "enum",
  id: "uuid",
  guid: "uuid",
};

export const TYPE_LANGUAGES = [
  "typescript",
  "javascript",
  "zod",
  "python",
  "java",
  "go",
  "csharp",
  "rust",
  "kotlin",
  "graphql",
  "postgres",
  "sql",
  "openapi",
  "jsonschema",
  "drizzle",
  "protobuf",
] as const;
export type TypeLanguage = (typeof TYPE_LANGUAGES)[number];

export const FORMAT_LANGUAGES = ["openapi", "jsonschema"] as const;
export type FormatLanguage = (typeof FORMAT_LANGUAGES)[number];

/**
 * Short or alternative language names accepted by every filter that takes a language (`type`,
 * `optional_type`, `format`, `quote`, `comment`). Keys are lower-case.
 */
export const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  ts: "typescript",
  js: "javascript",
  py: "python",
  cs: "csharp",
  "c#": "csharp",
  golang: "go",
  rs: "rust",
  kt: "kotlin",
  gql: "graphql",
  pg: "postgres",
  postgresql: "postgres",
  "json-schema": "jsonschema",
  json_schema: "jsonschema",
  proto: "protobuf",
  sh: "shell",
  bash: "shell",
  yml: "yaml",
  md: "markdown",
};

/**
 * The supported language `raw` names (aliases and case allowed), or an Error naming `filter` and
 * listing `supported`.
 */
export function resolveLanguage<L extends string>(filter: string, raw: unknown, supported: readonly L[]): L {
  // The hot path (a filter call per field of every output): a known name, as written.
  if (typeof raw === "string" && (supported as readonly string[]).includes(raw)) return raw as L;
  const list = supported.join(", ");
  if (raw === undefined || raw === null) {
    throw new Error(`${filter} needs a language, for example ${filter}: "${supported[0]}" (supported: ${list})`);
  }
  if (typeof raw !== "string") throw new Error(`${filter} expects the language as text, got ${describeValue(raw)} (supported: ${list})`);
  const key = raw.trim().toLowerCase();
  const name = Object.hasOwn(LANGUAGE_ALIASES, key) ? LANGUAGE_ALIASES[key]! : key;
  if ((supported as readonly string[]).includes(name)) return name as L;
  throw new Error(`${filter} does not know the language ${JSON.stringify(raw)} (supported: ${list})`);
}

/** "a string", "an object", "nil", … for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return "nil";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return "text";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "bigint":
      return "a bigint";
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    default:
      return "an object";
  }
}

const normaliseName = (name: string) => name.trim().toLowerCase().replace(/[\s_-]+/g, "");

/** The canonical type for a type name (`"Integer"` → `"int"`), or undefined when unknown. */
export function canonicalType(name: string): CanonicalType | undefined {
  const key = normaliseName(name);
  if ((CANONICAL_TYPES as readonly string[]).includes(key)) return key as CanonicalType;
  return Object.hasOwn(TYPE_SYNONYMS, key) ? TYPE_SYNONYMS[key] : undefined;
}

/** What the `type` filters accept besides a plain type name. */
export interface TypeInput {
  type: string;
  required?: boolean;
  nullable?: boolean;
  many?: boolean;
  enum?: string;
  enumType?: { name: string };
}

interface LanguageTypes {
  scalars: Readonly<Record<ScalarType, string>>;
  enumName: (name: string) => string;
  many: (t: string) => string;
  /** The optional form; `many` tells whether `t` is already a list. */
  optional: (t: string, many: boolean) => string;
  /** The required form (only GraphQL marks it). */
  required: (t: string) => string;
}

const same = (t: string) => t;

const TS_SCALARS: Record<ScalarType, string> = {
  string: "string",
  text: "string",
  int: "number",
  bigint: "number",
  float: "number",
  decimal: "string",
  bool: "boolean",
  date: "Date",
  datetime: "Date",
  time: "string",
  uuid: "string",
  json: "unknown",
  binary: "Uint8Array",
};

const TYPESCRIPT: LanguageTypes = {
  scalars: TS_SCALARS,
  enumName: pascal,
  many: (t) => `${t}[]`,
  optional: (t) => `${t} | null`,
  required: same,
};

const POSTGRES: LanguageTypes = {
  scalars: {
    string: "text",
    text: "text",
    int: "integer",
    bigint: "bigint",
    float: "double precision",
    decimal: "numeric",
    bool: "boolean",
    date: "date",
    datetime: "timestamptz",
    time: "time",
    uuid: "uuid",
    json: "jsonb",
    binary: "bytea",
  },
  enumName: snake,
  many: (t) => `${t}[]`,
  optional: same,
  required: same,
};

const SCHEMA_SCALARS: Record<ScalarType, string> = {
  string: "string",
  text: "string",
  int: "integer",
  bigint: "integer",
  float: "number",
  decimal: "string",
  bool: "boolean",
  date: "string",
  datetime: "string",
  time: "string",
  uuid: "string",
  json: "object",
  binary: "string",
};

const SCHEMA: LanguageTypes = {
  scalars: SCHEMA_SCALARS,
  enumName: () => "string",
  many: () => "array",
  optional: same,
  required: same,
};

/** Every language's mapping; `TYPE_TABLE[language].scalars[type]` is the plain type. */
export const TYPE_TABLE: Readonly<Record<TypeLanguage, LanguageTypes>> = {
  typescript: TYPESCRIPT,
  javascript: TYPESCRIPT,
  zod: {
    scalars: {
      string: "z.string()",
      text: "z.string()",
      int: "z.number().int()",
      bigint: "z.number().int()",
      float: "z.number()",
      decimal: "z.string()",
      bool: "z.boolean()",
      date: "z.coerce.date()",
      datetime: "z.coerce.date()",
      time: "z.string()",
      uuid: "z.string().uuid()",
      json: "z.unknown()",
      binary: "z.instanceof(Uint8Array)",
    },
    enumName: pascal,
    many: (t) => `z.array(${t})`,
    optional: (t) => `${t}.nullable()`,
    required: same,
  },
  python: {
    scalars: {
      string: "str",
      text: "str",
      int: "int",
      bigint: "int",
      float: "float",
      decimal: "Decimal",
      bool: "bool",
      date: "date",
      datetime: "datetime",
      time: "time",
      uuid: "UUID",
      json: "Any",
      binary: "bytes",
    },
    enumName: pascal,
    many: (t) => `list[${t}]`,
    optional: (t) => `${t} | None`,
    required: same,
  },
  java: {
    scalars: {
      string: "String",
      text: "String",
      int: "Integer",
      bigint: "Long",
      float: "Double",
      decimal: "BigDecimal",
      bool: "Boolean",
      date: "LocalDate",
      datetime: "OffsetDateTime",
      time: "LocalTime",
      uuid: "UUID",
      json: "JsonNode",
      binary: "byte[]",
    },
    enumName: pascal,
    many: (t) => `List<${t}>`,
    optional: same,
    required: same,
  },
  go: {
    scalars: {
      string: "string",
      text: "string",
      int: "int32",
      bigint: "int64",
      float: "float64",
      decimal: "string",
      bool: "bool",
      date: "time.Time",
      datetime: "time.Time",
      time: "string",
      uuid: "string",
      json: "json.RawMessage",
      binary: "[]byte",
    },
    enumName: pascal,
    many: (t) => `[]${t}`,
    // Slices (and json.RawMessage, a []byte) are already nil-able.
    optional: (t, many) => (many || t.startsWith("[]") || t === "json.RawMessage" ? t : `*${t}`),
    required: same,
  },
  csharp: {
    scalars: {
      string: "string",
      text: "string",
      int: "int",
      bigint: "long",
      float: "double",
      decimal: "decimal",
      bool: "bool",
      date: "DateOnly",
      datetime: "DateTimeOffset",
      time: "TimeOnly",
      uuid: "Guid",
      json: "JsonElement",
      binary: "byte[]",
    },
    enumName: pascal,
    many: (t) => `List<${t}>`,
    optional: (t) => `${t}?`,
    required: same,
  },
  rust: {
    scalars: {
      string: "String",
      text: "String",
      int: "i32",
      bigint: "i64",
      float: "f64",
      decimal: "rust_decimal::Decimal",
      bool: "bool",
      date: "chrono::NaiveDate",
      datetime: "chrono::DateTime<chrono::Utc>",
      time: "chrono::NaiveTime",
      uuid: "uuid::Uuid",
      json: "serde_json::Value",
      binary: "Vec<u8>",
    },
    enumName: pascal,
    many: (t) => `Vec<${t}>`,
    optional: (t) => `Option<${t}>`,
    required: same,
  },
  kotlin: {
    scalars: {
      string: "String",
      text: "String",
      int: "Int",
      bigint: "Long",
      float: "Double",
      decimal: "BigDecimal",
      bool: "Boolean",
      date: "LocalDate",
      datetime: "OffsetDateTime",
      time: "LocalTime",
      uuid: "UUID",
      json: "JsonNode",
      binary: "ByteArray",
    },
    enumName: pascal,
    many: (t) => `List<${t}>`,
    optional: (t) => `${t}?`,
    required: same,
  },
  graphql: {
    // Custom scalars (declare them in the schema, e.g. from graphql-scalars):
    // BigInt, Date, DateTime, Time, JSON, Byte.
    scalars: {
      string: "String",
      text: "String",
      int: "Int",
      bigint: "BigInt",
      float: "Float",
      decimal: "String",
      bool: "Boolean",
      date: "Date",
      datetime: "DateTime",
      time: "Time",
      uuid: "ID",
      json: "JSON",
      binary: "Byte",
    },
    enumName: pascal,
    many: (t) => `[${t}!]`,
    optional: same,
    required: (t) => `${t}!`,
  },
  postgres: POSTGRES,
  sql: POSTGRES,
  openapi: SCHEMA,
  jsonschema: SCHEMA,
  drizzle: {
    scalars: {
      string: "text",
      text: "text",
      int: "integer",
      bigint: "bigint",
      float: "doublePrecision",
      decimal: "numeric",
      bool: "boolean",
      date: "date",
      datetime: "timestamp",
      time: "time",
      uuid: "uuid",
      json: "jsonb",
      binary: "bytea",
    },
    enumName: (name) => `${camel(name)}Enum`,
    // Drizzle lists are a modifier (`text().array()`), written by the template.
    many: same,
    optional: same,
    required: same,
  },
  protobuf: {
    scalars: {
      string: "string",
      text: "string",
      int: "int32",
      bigint: "int64",
      float: "double",
      decimal: "string",
      bool: "bool",
      date: "string",
      datetime: "google.protobuf.Timestamp",
      time: "string",
      uuid: "string",
      json: "google.protobuf.Value",
      binary: "bytes",
    },
    enumName: pascal,
    many: (t) => `repeated ${t}`,
    optional: (t, many) => (many ? t : `optional ${t}`),
    required: same,
  },
};

/** OpenAPI / JSON Schema `format` per canonical type ("" when there is none). */
export const FORMAT_TABLE: Readonly<Record<FormatLanguage, Readonly<Record<CanonicalType, string>>>> = {
  openapi: {
    string: "",
    text: "",
    int: "int32",
    bigint: "int64",
    float: "double",
    decimal: "decimal",
    bool: "",
    date: "date",
    datetime: "date-time",
    time: "time",
    uuid: "uuid",
    json: "",
    binary: "byte",
    enum: "",
  },
  jsonschema: {
    string: "",
    text: "",
    int: "",
    bigint: "",
    float: "",
    decimal: "",
    bool: "",
    date: "date",
    datetime: "date-time",
    time: "time",
    uuid: "uuid",
    json: "",
    binary: "",
    enum: "",
  },
};

interface Resolved {
  canonical: CanonicalType;
  enumName: string;
  /** Whether `optional_type` applies the optional form (see `optionalTypeFor`). */
  optional: boolean;
  many: boolean;
}

function knownTypes(): string {
  return `${CANONICAL_TYPES.join(", ")}; synonyms: ${Object.keys(TYPE_SYNONYMS).join(", ")}`;
}

/** A boolean property, or undefined when absent (nil counts as absent). */
function flag(filter: string, input: Record<string, unknown>, key: string): boolean | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v;
  throw new Error(`${filter} expects \`${key}\` to be true or false, got ${describeValue(v)}`);
}

function resolve(filter: string, value: unknown): Resolved {
  let name: string;
  let input: Record<string, unknown> = {};
  if (typeof value === "string") {
    name = value;
  } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    input = value as Record<string, unknown>;
    if (typeof input.type !== "string") {
      throw new Error(`${filter} expects a type name or an object with a \`type\` text property, got an object whose \`type\` is ${describeValue(input.type)}`);
    }
    name = input.type;
  } else {
    throw new Error(`${filter} expects a type name or an object with a \`type\` text property, got ${describeValue(value)}`);
  }

  // "enum:Status" names its enum inline.
  let inlineEnum: string | undefined;
  const colon = name.indexOf(":");
  if (colon >= 0) {
    inlineEnum = name.slice(colon + 1).trim();
    name = name.slice(0, colon);
  }
  const canonical = canonicalType(name);
  if (!canonical || (inlineEnum !== undefined && canonical !== "enum")) {
    const shown = inlineEnum === undefined ? name : `${name}:${inlineEnum}`;
    throw new Error(`${filter} does not know the type ${JSON.stringify(shown)} (known: ${knownTypes()})`);
  }

  let enumName = "";
  if (canonical === "enum") {
    const enumType = input.enumType;
    const fromType =
      typeof enumType === "object" && enumType !== null && typeof (enumType as { name?: unknown }).name === "string"
        ? (enumType as { name: string }).name
        : undefined;
    const raw = inlineEnum || (typeof input.enum === "string" ? input.enum : undefined) || fromType;
    enumName = raw ? pascal(raw) : "";
    if (!enumName) {
      throw new Error(`${filter}: an enum type needs the enum's name: give \`enum: "Name"\`, \`enumType: { name }\`, or write the type as "enum:Name"`);
    }
  }
  const required = flag(filter, input, "required");
  const nullable = flag(filter, input, "nullable");
  return {
    canonical,
    enumName,
    // Optional when nullable, or not required; a field that only says `nullable: false` is required.
    optional: nullable === true || (required === undefined ? nullable !== false : !required),
    many: flag(filter, input, "many") ?? false,
  };
}

function plain(r: Resolved, lang: LanguageTypes): string {
  const base = r.canonical === "enum" ? lang.enumName(r.enumName) : lang.scalars[r.canonical];
  return r.many ? lang.many(base) : base;
}

/** The type of `value` in `language` (list form when `many`; no optional wrapping). */
export function typeFor(value: unknown, language: unknown): string {
  const lang = resolveLanguage("type", language, TYPE_LANGUAGES);
  return plain(resolve("type", value), TYPE_TABLE[lang]);
}

/**
 * The type in the language's optional form when the value may be missing or null: `nullable: true`,
 * or `required` not true (a plain type name is optional). A value with only `nullable: false` (as
 * model fields have it) counts as required. For GraphQL it is the other way round: a required type
 * gets `!`, an optional one stays as it is.
 */
export function optionalTypeFor(value: unknown, language: unknown): string {
  const lang = resolveLanguage("optional_type", language, TYPE_LANGUAGES);
  const r = resolve("optional_type", value);
  const table = TYPE_TABLE[lang];
  const t = plain(r, table);
  return r.optional ? table.optional(t, r.many) : table.required(t);
}

/** The OpenAPI / JSON Schema `format` for the value's type (of its items when `many`), or "". */
export function formatFor(value: unknown, language: unknown = "openapi"): string {
  const lang = resolveLanguage("format", language ?? "openapi", FORMAT_LANGUAGES);
  return FORMAT_TABLE[lang][resolve("format", value).canonical];
}
