import { defineBuiltin } from "./define";
import { foreignKeysOf, jsdoc } from "./shared";

/**
 * A Drizzle ORM schema (drizzle-orm/pg-core) for the entity-relational starter: one schema.ts with a
 * pgEnum per enum type and a pgTable per entity, following postgres-ddl's conventions (snake_case
 * columns, `<relationship>_id` foreign keys on the target, audit timestamps, generated primary keys).
 * Tables are in model order; a reference to a table declared later (or to itself) is typed
 * `(): AnyPgColumn =>`, as Drizzle asks.
 *
 * The per-column logic is inlined Liquid (a `{%- liquid %}` tag in the field loop) rather than
 * partials: it runs for every column, and a partial costs a parse on every render.
 */

/** Names a table's variable must not take: JavaScript's reserved words and pg-core's builders. */
const TAKEN = [
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends",
  "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this",
  "throw", "true", "try", "typeof", "var", "void", "while", "with", "let", "static", "yield", "await", "implements", "interface",
  "package", "private", "protected", "public",
  "bigint", "boolean", "date", "doublePrecision", "index", "integer", "jsonb", "numeric", "pgEnum", "pgTable", "primaryKey", "text",
  "time", "timestamp", "uniqueIndex", "uuid", "varchar", "bytea", "AnyPgColumn",
];
const TAKEN_LIST = `,${TAKEN.join(",")},`;

/** Liquid lines: sets `variable` to the name of the table variable of the entity in variable `entity`. */
const variableOf = (entity: string) => `
  assign variable = ${entity}.name | camel
  assign key = "," | append: variable | append: ","
  if "${TAKEN_LIST}" contains key
    assign variable = variable | append: "Table"
  endif`;

/**
 * Liquid lines: sets `call` to the column builder call for `field` named `column` (e.g.
 * `varchar("sku", { length: 32 })`), and adds the builder to `imports` (a comma-separated list).
 */
const builderCall = `
  assign name = column | quote: "typescript"
  if field.type == "string" and field.length
    assign function = "varchar"
    assign call = 'varchar(' | append: name | append: ', { length: ' | append: field.length | append: " })"
  elsif field.type == "enumerated" and field.enumType
    assign function = ""
    assign call = field | type: "drizzle" | append: "(" | append: name | append: ")"
  elsif field.type == "enumerated"
    assign function = "text"
    assign call = 'text(' | append: name | append: ")"
  elsif field.type == "timestamp"
    assign function = "timestamp"
    assign call = 'timestamp(' | append: name | append: ', { withTimezone: true })'
  elsif field.type == "bigint"
    assign function = "bigint"
    assign call = 'bigint(' | append: name | append: ', { mode: "number" })'
  else
    assign function = field | type: "drizzle"
    assign call = function | append: "(" | append: name | append: ")"
  endif
  if function != blank
    assign key = "," | append: function | append: ","
    unless imports contains key
      assign imports = imports | append: function | append: ","
    endunless
  endif`;

/** A column of `field`: sets `line`. */
const columnLine = `{%- liquid
  assign column = field.name | snake${builderCall}
  assign property = field.name | camel
  assign line = "  " | append: property | append: ": " | append: call
  if field.primaryKey
    assign line = line | append: ".primaryKey()"
  elsif field.nullable == false
    assign line = line | append: ".notNull()"
  endif
  if field.unique and field.primaryKey == false
    assign line = line | append: ".unique()"
  endif
  assign value = field.defaultValue
  if value == blank
    if field.primaryKey and field.type == "uuid"
      assign line = line | append: ".defaultRandom()"
    elsif field.primaryKey and field.type == "integer"
      assign line = line | append: ".generatedByDefaultAsIdentity()"
    elsif field.primaryKey and field.type == "bigint"
      assign line = line | append: ".generatedByDefaultAsIdentity()"
    endif
  else
    case field.type
      when "timestamp", "date"
        if value == "now"
          assign line = line | append: ".defaultNow()"
        else
          assign value = value | quote: "typescript"
          assign line = line | append: ".default(" | append: value | append: ")"
        endif
      when "boolean"
        assign value = value | downcase
        assign line = line | append: ".default(" | append: value | append: ")"
      when "integer", "bigint", "json"
        assign line = line | append: ".default(" | append: value | append: ")"
      else
        assign value = value | quote: "typescript"
        assign line = line | append: ".default(" | append: value | append: ")"
    endcase
  endif
-%}`;

/** The foreign-key column of `relationship` (the source's primary key is `pk`): sets `line`. */
const foreignKeyLine = `{%- liquid
  assign field = pk
  assign column = relationship.name | append: "_id" | snake${builderCall}
  assign property = relationship.name | append: "Id" | camel
  assign line = "  " | append: property | append: ": " | append: call
  if relationship.onDelete != "setNull"
    assign line = line | append: ".notNull()"
  endif
  if relationship.cardinality == "oneToOne"
    assign line = line | append: ".unique()"
  endif
  assign key = "," | append: relationship.source._id | append: ","
  if declared contains key and relationship.source._id != entity._id
    assign line = line | append: ".references(() => "
  else
    assign line = line | append: ".references((): AnyPgColumn => "
    assign anyColumn = true
  endif${variableOf("relationship.source")}
  assign pkProperty = pk.name | camel
  assign line = line | append: variable | append: "." | append: pkProperty
  case relationship.onDelete
    when "cascade"
      assign line = line | append: ', { onDelete: "cascade" }'
    when "restrict"
      assign line = line | append: ', { onDelete: "restrict" }'
    when "setNull"
      assign line = line | append: ', { onDelete: "set null" }'
  endcase
  assign line = line | append: "),"
-%}`;

const body = `{%- liquid
  assign entities = model.all.Entity
  assign manyToMany = model.all.Relationship | where: "source" | where: "target" | where: "cardinality", "manyToMany"
  assign imports = ",pgTable,"
  if model.all.EnumType.size > 0
    assign imports = imports | append: "pgEnum,"
  endif
  if manyToMany.size > 0
    assign imports = imports | append: "primaryKey,"
  endif
  assign anyColumn = false
  assign declared = ","
-%}
{%- capture tables -%}
{%- for entity in entities -%}
{%- liquid
  assign names = entity.fields | map: "name"
  assign declared = declared | append: entity._id | append: ","
  if entity.tableName == blank
    assign table = entity.name | snake
  else
    assign table = entity.tableName
  endif${variableOf("entity")}${foreignKeysOf}
-%}

{%- if entity.description != blank -%}
{% render "jsdoc", text: entity.description %}
{%- endif -%}
export const {{ variable }} = pgTable({{ table | quote: "typescript" }}, {
{%- for field in entity.fields -%}
${columnLine}
{{ line }},
{%- endfor -%}
{%- for relationship in foreignKeys -%}
{%- assign pks = relationship.source.fields | where: "primaryKey", true -%}
{%- if pks.size > 0 -%}
{%- assign pk = pks.first -%}
${foreignKeyLine}
{{ line }}
{%- endif -%}
{%- endfor -%}
{%- if entity.auditable -%}
{%- unless imports contains ",timestamp," -%}
{%- assign imports = imports | append: "timestamp," -%}
{%- endunless -%}
{%- unless names contains "createdAt" -%}
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
{%- endunless -%}
{%- unless names contains "updatedAt" -%}
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
{%- endunless -%}
{%- endif -%}
{%- if entity.indexes.size > 0 -%}
}, (table) => [
{%- for index in entity.indexes -%}
{%- if index.unique -%}
{%- assign function = "uniqueIndex" -%}
{%- else -%}
{%- assign function = "index" -%}
{%- endif -%}
{%- assign key = "," | append: function | append: "," -%}
{%- unless imports contains key -%}
{%- assign imports = imports | append: function | append: "," -%}
{%- endunless -%}
  {{ function }}({{ index.name | quote: "typescript" }}).on({% for field in index.fields %}table.{{ field.name | camel }}{% unless forloop.last %}, {% endunless %}{% endfor %}),
{%- endfor -%}
]);
{%- else -%}
});
{%- endif -%}
{%- endfor -%}
{%- for relationship in manyToMany -%}
{%- assign sourcePks = relationship.source.fields | where: "primaryKey", true -%}
{%- assign targetPks = relationship.target.fields | where: "primaryKey", true -%}
{%- if sourcePks.size > 0 and targetPks.size > 0 -%}
{%- liquid
  assign sourceTable = relationship.source.tableName
  if sourceTable == blank
    assign sourceTable = relationship.source.name | snake
  endif
  assign targetTable = relationship.target.tableName
  if targetTable == blank
    assign targetTable = relationship.target.name | snake
  endif
  assign sourceKey = relationship.source.name | append: "Id" | camel
  assign targetKey = relationship.target.name | append: "Id" | camel
  if sourceKey == targetKey
    assign targetKey = relationship.name | append: "Id" | camel
  endif
  assign field = sourcePks.first
  assign column = sourceKey | snake${builderCall}
  assign sourceCall = call${variableOf("relationship.source")}
  assign sourceVariable = variable
  assign field = targetPks.first
  assign column = targetKey | snake${builderCall}
  assign targetCall = call${variableOf("relationship.target")}
  assign targetVariable = variable
-%}

export const {{ relationship.source.name | camel }}{{ relationship.target.name | pascal }} = pgTable({{ sourceTable | append: "_" | append: targetTable | quote: "typescript" }}, {
  {{ sourceKey }}: {{ sourceCall }}.notNull().references(() => {{ sourceVariable }}.{{ sourcePks.first.name | camel }}, { onDelete: "cascade" }),
  {{ targetKey }}: {{ targetCall }}.notNull().references(() => {{ targetVariable }}.{{ targetPks.first.name | camel }}, { onDelete: "cascade" }),
}, (table) => [primaryKey({ columns: [table.{{ sourceKey }}, table.{{ targetKey }}] })]);
{%- endif -%}
{%- endfor -%}
{%- endcapture -%}
{%- assign imports = imports | remove_first: "," | split: "," | sort -%}
{{ "Generated by Metaforge from the model " | append: model.name | append: "." | comment: "typescript" }}
import { {% if anyColumn %}type AnyPgColumn, {% endif %}{{ imports | join: ", " }} } from "drizzle-orm/pg-core";
{%- for enumType in model.all.EnumType -%}
{%- assign variable = enumType.name | camel | append: "Enum" -%}
{%- if forloop.first -%}

{%- endif -%}
export const {{ variable }} = pgEnum({{ enumType.name | snake | quote: "typescript" }}, [{% for value in enumType.values %}{{ value | quote: "typescript" }}{% unless forloop.last %}, {% endunless %}{% endfor %}]);
{%- endfor -%}
{{ tables | rstrip }}
`;

export const drizzle = defineBuiltin({
  key: "drizzle",
  title: "Drizzle ORM schema",
  summary: "A drizzle-orm/pg-core schema.ts: pgEnum per enum type, pgTable per entity with keys, defaults, foreign keys and indexes.",
  starter: "entity-relational",
  language: "typescript",
  checks: ["typescript"],
  files: [{ path: "schema.ts", body }],
  partials: [jsdoc("jsdoc")],
});
