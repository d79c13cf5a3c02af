import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CANONICAL_TYPES,
  FORMAT_LANGUAGES,
  FORMAT_TABLE,
  TYPE_LANGUAGES,
  TYPE_SYNONYMS,
  TYPE_TABLE,
  canonicalType,
  formatFor,
  optionalTypeFor,
  resolveLanguage,
  typeFor,
} from "./types";

const enumOf = (name: string, extra: Record<string, unknown> = {}) => ({ type: "enum", enum: name, ...extra });

describe("canonical types and synonyms", () => {
  it.each([
    ["string", "string"],
    ["text", "text"],
    ["int", "int"],
    ["integer", "int"],
    ["Integer", "int"],
    ["INT32", "int"],
    ["bigint", "bigint"],
    ["long", "bigint"],
    ["int64", "bigint"],
    ["float", "float"],
    ["number", "float"],
    ["double", "float"],
    ["decimal", "decimal"],
    ["numeric", "decimal"],
    ["bool", "bool"],
    ["boolean", "bool"],
    ["Boolean", "bool"],
    ["date", "date"],
    ["datetime", "datetime"],
    ["dateTime", "datetime"],
    ["date-time", "datetime"],
    ["date_time", "datetime"],
    ["timestamp", "datetime"],
    ["time", "time"],
    ["uuid", "uuid"],
    ["UUID", "uuid"],
    ["id", "uuid"],
    ["json", "json"],
    ["object", "json"],
    ["array", "json"],
    ["binary", "binary"],
    ["bytes", "binary"],
    ["enum", "enum"],
    ["enumerated", "enum"],
    ["  string ", "string"],
  ])("%j → %j", (name, canonical) => {
    expect(canonicalType(name)).toBe(canonical);
  });

  it("knows nothing else", () => {
    for (const name of ["strng", "", "Customer", "constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect(canonicalType(name)).toBeUndefined();
    }
  });

  it("every synonym points at a canonical type", () => {
    for (const target of Object.values(TYPE_SYNONYMS)) expect(CANONICAL_TYPES).toContain(target);
  });
});

describe("every canonical type has a mapping in every language", () => {
  it.each(TYPE_LANGUAGES.flatMap((lang) => CANONICAL_TYPES.map((t) => [lang, t] as const)))("%s × %s", (lang, t) => {
    const input = t === "enum" ? enumOf("OrderStatus") : t;
    for (const many of [false, true]) {
      for (const required of [false, true]) {
        const value = typeof input === "string" ? { type: input, many, required } : { ...input, many, required };
        const plain = typeFor(value, lang);
        const optional = optionalTypeFor(value, lang);
        expect(typeof plain).toBe("string");
        expect(plain).not.toBe("");
        expect(plain).not.toMatch(/undefined|null/);
        expect(optional).not.toMatch(/undefined/);
      }
    }
  });

  it("the table is complete (no undefined)", () => {
    for (const lang of TYPE_LANGUAGES) {
      for (const t of CANONICAL_TYPES) {
        if (t === "enum") continue;
        expect(TYPE_TABLE[lang].scalars[t], `${lang} × ${t}`).toEqual(expect.any(String));
      }
    }
    for (const lang of FORMAT_LANGUAGES) {
      for (const t of CANONICAL_TYPES) expect(FORMAT_TABLE[lang][t]).toEqual(expect.any(String));
    }
  });
});

describe("type", () => {
  // canonical type → expected per language, in TYPE_LANGUAGES order
  const expected: Record<string, Record<(typeof TYPE_LANGUAGES)[number], string>> = {
    string: {
      typescript: "string",
      javascript: "string",
      zod: "z.string()",
      python: "str",
      java: "String",
      go: "string",
      csharp: "string",
      rust: "String",
      kotlin: "String",
      graphql: "String",
      postgres: "text",
      sql: "text",
      openapi: "string",
      jsonschema: "string",
      drizzle: "text",
      protobuf: "string",
    },
    int: {
      typescript: "number",
      javascript: "number",
      zod: "z.number().int()",
      python: "int",
      java: "Integer",
      go: "int32",
      csharp: "int",
      rust: "i32",
      kotlin: "Int",
      graphql: "Int",
      postgres: "integer",
      sql: "integer",
      openapi: "integer",
      jsonschema: "integer",
      drizzle: "integer",
      protobuf: "int32",
    },
    bigint: {
      typescript: "number",
      javascript: "number",
      zod: "z.number().int()",
      python: "int",
      java: "Long",
      go: "int64",
      csharp: "long",
      rust: "i64",
      kotlin: "Long",
      graphql: "BigInt",
      postgres: "bigint",
      sql: "bigint",
      openapi: "integer",
      jsonschema: "integer",
      drizzle: "bigint",
      protobuf: "int64",
    },
    float: {
      typescript: "number",
      javascript: "number",
      zod: "z.number()",
      python: "float",
      java: "Double",
      go: "float64",
      csharp: "double",
      rust: "f64",
      kotlin: "Double",
      graphql: "Float",
      postgres: "double precision",
      sql: "double precision",
      openapi: "number",
      jsonschema: "number",
      drizzle: "doublePrecision",
      protobuf: "double",
    },
    decimal: {
      typescript: "string",
      javascript: "string",
      zod: "z.string()",
      python: "Decimal",
      java: "BigDecimal",
      go: "string",
      csharp: "decimal",
      rust: "rust_decimal::Decimal",
      kotlin: "BigDecimal",
      graphql: "String",
      postgres: "numeric",
      sql: "numeric",
      openapi: "string",
      jsonschema: "string",
      drizzle: "numeric",
      protobuf: "string",
    },
    bool: {
      typescript: "boolean",
      javascript: "boolean",
      zod: "z.boolean()",
      python: "bool",
      java: "Boolean",
      go: "bool",
      csharp: "bool",
      rust: "bool",
      kotlin: "Boolean",
      graphql: "Boolean",
      postgres: "boolean",
      sql: "boolean",
      openapi: "boolean",
      jsonschema: "boolean",
      drizzle: "boolean",
      protobuf: "bool",
    },
    date: {
      typescript: "Date",
      javascript: "Date",
      zod: "z.coerce.date()",
      python: "date",
      java: "LocalDate",
      go: "time.Time",
      csharp: "DateOnly",
      rust: "chrono::NaiveDate",
      kotlin: "LocalDate",
      graphql: "Date",
      postgres: "date",
      sql: "date",
      openapi: "string",
      jsonschema: "string",
      drizzle: "date",
      protobuf: "string",
    },
    datetime: {
      typescript: "Date",
      javascript: "Date",
      zod: "z.coerce.date()",
      python: "datetime",
      java: "OffsetDateTime",
      go: "time.Time",
      csharp: "DateTimeOffset",
      rust: "chrono::DateTime<chrono::Utc>",
      kotlin: "OffsetDateTime",
      graphql: "DateTime",
      postgres: "timestamptz",
      sql: "timestamptz",
      openapi: "string",
      jsonschema: "string",
      drizzle: "timestamp",
      protobuf: "google.protobuf.Timestamp",
    },
    uuid: {
      typescript: "string",
      javascript: "string",
      zod: "z.string().uuid()",
      python: "UUID",
      java: "UUID",
      go: "string",
      csharp: "Guid",
      rust: "uuid::Uuid",
      kotlin: "UUID",
      graphql: "ID",
      postgres: "uuid",
      sql: "uuid",
      openapi: "string",
      jsonschema: "string",
      drizzle: "uuid",
      protobuf: "string",
    },
    json: {
      typescript: "unknown",
      javascript: "unknown",
      zod: "z.unknown()",
      python: "Any",
      java: "JsonNode",
      go: "json.RawMessage",
      csharp: "JsonElement",
      rust: "serde_json::Value",
      kotlin: "JsonNode",
      graphql: "JSON",
      postgres: "jsonb",
      sql: "jsonb",
      openapi: "object",
      jsonschema: "object",
      drizzle: "jsonb",
      protobuf: "google.protobuf.Value",
    },
    binary: {
      typescript: "Uint8Array",
      javascript: "Uint8Array",
      zod: "z.instanceof(Uint8Array)",
      python: "bytes",
      java: "byte[]",
      go: "[]byte",
      csharp: "byte[]",
      rust: "Vec<u8>",
      kotlin: "ByteArray",
      graphql: "Byte",
      postgres: "bytea",
      sql: "bytea",
      openapi: "string",
      jsonschema: "string",
      drizzle: "bytea",
      protobuf: "bytes",
    },
  };
  it.each(Object.entries(expected).flatMap(([t, byLang]) => Object.entries(byLang).map(([lang, out]) => [t, lang, out])))(
    "%s in %s is %s",
    (t, lang, out) => {
      expect(typeFor(t, lang)).toBe(out);
      expect(typeFor({ type: t }, lang)).toBe(out);
    },
  );

  it("synonyms map like their canonical type", () => {
    for (const lang of TYPE_LANGUAGES) {
      for (const [synonym, canonical] of Object.entries(TYPE_SYNONYMS)) {
        if (canonical === "enum") continue;
        expect(typeFor(synonym, lang)).toBe(typeFor(canonical, lang));
      }
    }
  });

  it.each([
    ["typescript", "string[]", "OrderStatus[]"],
    ["javascript", "string[]", "OrderStatus[]"],
    ["zod", "z.array(z.string())", "z.array(OrderStatus)"],
    ["python", "list[str]", "list[OrderStatus]"],
    ["java", "List<String>", "List<OrderStatus>"],
    ["go", "[]string", "[]OrderStatus"],
    ["csharp", "List<string>", "List<OrderStatus>"],
    ["rust", "Vec<String>", "Vec<OrderStatus>"],
    ["kotlin", "List<String>", "List<OrderStatus>"],
    ["graphql", "[String!]", "[OrderStatus!]"],
    ["postgres", "text[]", "order_status[]"],
    ["sql", "text[]", "order_status[]"],
    ["openapi", "array", "array"],
    ["jsonschema", "array", "array"],
    ["drizzle", "text", "orderStatusEnum"],
    ["protobuf", "repeated string", "repeated OrderStatus"],
  ])("many in %s: %s, %s", (lang, strings, statuses) => {
    expect(typeFor({ type: "string", many: true }, lang)).toBe(strings);
    expect(typeFor(enumOf("order_status", { many: true }), lang)).toBe(statuses);
  });

  it.each([
    ["typescript", "OrderStatus"],
    ["zod", "OrderStatus"],
    ["python", "OrderStatus"],
    ["graphql", "OrderStatus"],
    ["protobuf", "OrderStatus"],
    ["postgres", "order_status"],
    ["sql", "order_status"],
    ["drizzle", "orderStatusEnum"],
    ["openapi", "string"],
  ])("an enum in %s is %s", (lang, out) => {
    expect(typeFor({ type: "enum", enum: "OrderStatus" }, lang)).toBe(out);
    expect(typeFor({ type: "enumerated", enumType: { name: "order status" } }, lang)).toBe(out);
    expect(typeFor("enum:orderStatus", lang)).toBe(out);
    expect(typeFor({ type: "enum:OrderStatus" }, lang)).toBe(out);
  });

  it("ignores optional and nullable", () => {
    expect(typeFor({ type: "int", required: false, nullable: true }, "typescript")).toBe("number");
    expect(typeFor({ type: "int", required: true }, "graphql")).toBe("Int");
  });

  it("takes language aliases in any case", () => {
    expect(typeFor("int", "TS")).toBe("number");
    expect(typeFor("int", "TypeScript")).toBe("number");
    expect(typeFor("int", "py")).toBe("int");
    expect(typeFor("int", "pg")).toBe("integer");
    expect(typeFor("int", "PostgreSQL")).toBe("integer");
    expect(typeFor("int", "C#")).toBe("int");
    expect(typeFor("int", "golang")).toBe("int32");
    expect(typeFor("int", "json-schema")).toBe("integer");
  });

  it("works with model fields as the built-in templates pass them", () => {
    expect(typeFor({ name: "createdAt", type: "timestamp", nullable: false, primaryKey: false }, "postgres")).toBe("timestamptz");
    expect(typeFor({ name: "status", type: "enumerated", enumType: { name: "OrderStatus", values: ["a"] } }, "typescript")).toBe("OrderStatus");
  });
});

describe("optional_type", () => {
  it.each([
    ["typescript", "string | null", "string", "string[] | null"],
    ["javascript", "string | null", "string", "string[] | null"],
    ["zod", "z.string().nullable()", "z.string()", "z.array(z.string()).nullable()"],
    ["python", "str | None", "str", "list[str] | None"],
    ["java", "String", "String", "List<String>"],
    ["go", "*string", "string", "[]string"],
    ["csharp", "string?", "string", "List<string>?"],
    ["rust", "Option<String>", "String", "Option<Vec<String>>"],
    ["kotlin", "String?", "String", "List<String>?"],
    ["graphql", "String", "String!", "[String!]"],
    ["postgres", "text", "text", "text[]"],
    ["openapi", "string", "string", "array"],
    ["drizzle", "text", "text", "text"],
    ["protobuf", "optional string", "string", "repeated string"],
  ])("%s: optional %s, required %s, optional list %s", (lang, optional, required, optionalList) => {
    expect(optionalTypeFor("string", lang)).toBe(optional);
    expect(optionalTypeFor({ type: "string" }, lang)).toBe(optional);
    expect(optionalTypeFor({ type: "string", required: false }, lang)).toBe(optional);
    expect(optionalTypeFor({ type: "string", required: true }, lang)).toBe(required);
    expect(optionalTypeFor({ type: "string", required: true, nullable: true }, lang)).toBe(optional);
    expect(optionalTypeFor({ type: "string", many: true }, lang)).toBe(optionalList);
  });

  it.each<[Record<string, unknown>, boolean]>([
    [{}, true],
    [{ required: true }, false],
    [{ required: false }, true],
    [{ nullable: true }, true],
    [{ nullable: false }, false],
    [{ required: true, nullable: true }, true],
    [{ required: true, nullable: false }, false],
    [{ required: false, nullable: false }, true],
    [{ required: null, nullable: null }, true],
  ])("%j is optional: %s", (flags, optional) => {
    expect(optionalTypeFor({ type: "int", ...flags }, "typescript")).toBe(optional ? "number | null" : "number");
    expect(optionalTypeFor({ type: "int", ...flags }, "graphql")).toBe(optional ? "Int" : "Int!");
  });

  it("graphql: a required list is [T!]!", () => {
    expect(optionalTypeFor({ type: "uuid", many: true, required: true }, "graphql")).toBe("[ID!]!");
  });

  it("go keeps slices and json.RawMessage as they are", () => {
    expect(optionalTypeFor("binary", "go")).toBe("[]byte");
    expect(optionalTypeFor("json", "go")).toBe("json.RawMessage");
    expect(optionalTypeFor("datetime", "go")).toBe("*time.Time");
  });
});

describe("format", () => {
  it.each([
    ["string", "", ""],
    ["int", "int32", ""],
    ["bigint", "int64", ""],
    ["float", "double", ""],
    ["decimal", "decimal", ""],
    ["bool", "", ""],
    ["date", "date", "date"],
    ["datetime", "date-time", "date-time"],
    ["timestamp", "date-time", "date-time"],
    ["time", "time", "time"],
    ["uuid", "uuid", "uuid"],
    ["id", "uuid", "uuid"],
    ["json", "", ""],
    ["binary", "byte", ""],
  ])("%s: openapi %j, jsonschema %j", (t, openapi, jsonschema) => {
    expect(formatFor(t)).toBe(openapi);
    expect(formatFor(t, "openapi")).toBe(openapi);
    expect(formatFor(t, "jsonschema")).toBe(jsonschema);
  });

  it("of a list is its items' format; of an enum is empty", () => {
    expect(formatFor({ type: "uuid", many: true })).toBe("uuid");
    expect(formatFor(enumOf("Status"))).toBe("");
  });

  it("only for openapi and jsonschema", () => {
    expect(() => formatFor("uuid", "typescript")).toThrow('format does not know the language "typescript" (supported: openapi, jsonschema)');
  });
});

describe("errors", () => {
  it("unknown language lists the supported ones", () => {
    expect(() => typeFor("int", "cobol")).toThrow(/^type does not know the language "cobol" \(supported: typescript, javascript, zod, python, java, go, csharp, rust, kotlin, graphql, postgres, sql, openapi, jsonschema, drizzle, protobuf\)$/);
    expect(() => optionalTypeFor("int", "cobol")).toThrow(/^optional_type does not know the language "cobol"/);
  });

  it("missing language", () => {
    expect(() => typeFor("int", undefined)).toThrow(/^type needs a language, for example type: "typescript"/);
    expect(() => typeFor("int", 3)).toThrow(/^type expects the language as text, got a number/);
  });

  it("unknown type lists the known ones", () => {
    expect(() => typeFor("strng", "typescript")).toThrow(/^type does not know the type "strng" \(known: string, text, int, bigint, float, decimal, bool, date, datetime, time, uuid, json, binary, enum; synonyms: .*integer.*\)$/);
    expect(() => typeFor({ type: "Customer" }, "typescript")).toThrow(/does not know the type "Customer"/);
    expect(() => typeFor("int:Foo", "typescript")).toThrow(/does not know the type "int:Foo"/);
    expect(() => typeFor("constructor", "typescript")).toThrow(/does not know the type/);
  });

  it("an enum without a name", () => {
    expect(() => typeFor("enum", "typescript")).toThrow(/^type: an enum type needs the enum's name/);
    expect(() => typeFor({ type: "enumerated", enumType: null }, "typescript")).toThrow(/needs the enum's name/);
    expect(() => typeFor({ type: "enum", enum: "__" }, "typescript")).toThrow(/needs the enum's name/);
  });

  it("bad input shapes", () => {
    expect(() => typeFor(undefined, "typescript")).toThrow("type expects a type name or an object with a `type` text property, got nil");
    expect(() => typeFor(["int"], "typescript")).toThrow(/got an array$/);
    expect(() => typeFor(42, "typescript")).toThrow(/got a number$/);
    expect(() => typeFor({}, "typescript")).toThrow(/got an object whose `type` is nil$/);
    expect(() => typeFor({ type: 1 }, "typescript")).toThrow(/`type` is a number$/);
    expect(() => typeFor({ type: "int", many: "yes" }, "typescript")).toThrow("type expects `many` to be true or false, got text");
    expect(() => optionalTypeFor({ type: "int", required: 1 }, "typescript")).toThrow("optional_type expects `required` to be true or false, got a number");
  });

  it("never throws anything but an Error, on any input", () => {
    fc.assert(
      fc.property(fc.anything(), fc.oneof(fc.constantFrom<unknown>(...TYPE_LANGUAGES), fc.anything()), (value, lang) => {
        for (const f of [typeFor, optionalTypeFor, formatFor]) {
          let result: unknown;
          try {
            result = f(value, lang);
          } catch (e) {
            result = e;
          }
          expect(typeof result === "string" || result instanceof Error).toBe(true);
        }
      }),
    );
  });

  it("resolveLanguage does not read inherited properties", () => {
    expect(() => resolveLanguage("type", "constructor", TYPE_LANGUAGES)).toThrow(/does not know the language "constructor"/);
  });
});
