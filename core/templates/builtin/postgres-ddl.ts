import { defineBuiltin } from "./define";
import { foreignKeysOf, tidyText } from "./shared";

/**
 * PostgreSQL DDL for the entity-relational starter: one schema.sql that applies to an empty schema.
 *
 * Conventions (shared by the other entity-relational built-ins): a table is named by the entity's
 * `tableName` or its name in snake_case, a column by the field's name in snake_case. A relationship
 * puts a foreign key `<relationship name>_id` on its target, referencing the source's primary key
 * (UNIQUE for oneToOne; a join table `<source>_<target>` for manyToMany). Auditable entities get
 * `created_at` and `updated_at`. A primary key without a default is generated: `gen_random_uuid()`
 * for uuid, an identity for integer and bigint.
 * Tables are created in dependency order (model order where it allows); foreign keys in a cycle are
 * added with ALTER TABLE at the end.
 */

/** PostgreSQL's reserved key words (appendix C), which must be quoted as identifiers. */
const RESERVED = [
  "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary", "both", "case", "cast",
  "check", "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date",
  "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct",
  "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike", "in",
  "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
  "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "placing",
  "primary", "references", "returning", "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
  "tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where",
  "window", "with",
];

const RESERVED_LIST = `,${RESERVED.join(",")},`;

/** An identifier, double-quoted when it is a reserved word or not lower-case letters, digits and _. Param: `name`. */
const ident = `{%- liquid
  assign key = "," | append: name | append: ","
  assign lower = name | downcase
  if "${RESERVED_LIST}" contains key or lower != name or name contains " " or name contains "-" or name contains "."
    echo '"' | append: name | append: '"'
  else
    echo name
  endif
-%}`;

/** A table's identifier. Param: `entity`. */
const table = `{%- liquid
  if entity.tableName == blank
    assign name = entity.name | snake
  else
    assign name = entity.tableName
  endif
  render "sql/ident", name: name
-%}`;

/** A column's type. Param: `field`. */
const columnType = `{%- liquid
  if field.type == "string" and field.length
    echo "varchar(" | append: field.length | append: ")"
  elsif field.type == "enumerated" and field.enumType
    assign name = field.enumType.name | snake
    render "sql/ident", name: name
  elsif field.type == "enumerated"
    echo "text"
  else
    echo field | type: "postgres"
  endif
-%}`;

/*
 * The per-field and per-relationship logic below is inlined into the body (Liquid lines for a
 * `{%- liquid %}` tag) rather than rendered as partials: it runs for every column, and a partial
 * costs a parse on every render.
 */

/** Liquid lines: double-quotes the identifier in variable `name` when PostgreSQL needs it. */
const quoteIdent = (name: string) => `
  assign lower = ${name} | downcase
  assign key = "," | append: ${name} | append: ","
  if "${RESERVED_LIST}" contains key or lower != ${name} or ${name} contains " " or ${name} contains "-" or ${name} contains "."
    assign ${name} = '"' | append: ${name} | append: '"'
  endif`;

/** Liquid lines: sets `type` to the column type of `field`. */
const typeOfField = `
  case field.type
    when "string"
      if field.length
        assign type = "varchar(" | append: field.length | append: ")"
      else
        assign type = "text"
      endif
    when "enumerated"
      if field.enumType
        assign type = field.enumType.name | snake${quoteIdent("type")}
      else
        assign type = "text"
      endif
    else
      assign type = field | type: "postgres"
  endcase`;

/** Liquid lines: sets `table` to the identifier of the table of the entity in variable `entity`. */
const tableOf = (entity: string) => `
  if ${entity}.tableName == blank
    assign table = ${entity}.name | snake
  else
    assign table = ${entity}.tableName
  endif${quoteIdent("table")}`;

/** A column definition for `field`, as the `line` variable. */
const columnLine = `{%- liquid
  assign column = field.name | snake${quoteIdent("column")}${typeOfField}
  assign value = field.defaultValue
  assign default = ""
  if value == blank
    if field.primaryKey and field.type == "uuid"
      assign default = "gen_random_uuid()"
    endif
  else
    case field.type
      when "boolean"
        assign default = value | downcase
      when "integer", "bigint", "decimal"
        assign default = value
      when "json"
        assign default = value | quote: "sql" | append: "::jsonb"
      when "timestamp"
        if value == "now"
          assign default = "now()"
        else
          assign default = value | quote: "sql"
        endif
      when "date"
        if value == "now"
          assign default = "CURRENT_DATE"
        else
          assign default = value | quote: "sql"
        endif
      else
        assign default = value | quote: "sql"
    endcase
  endif
  assign line = "  " | append: column | append: " " | append: type
  if field.primaryKey
    if default == blank
      if field.type == "integer" or field.type == "bigint"
        assign line = line | append: " GENERATED BY DEFAULT AS IDENTITY"
      endif
    endif
    assign line = line | append: " PRIMARY KEY"
  elsif field.nullable == false
    assign line = line | append: " NOT NULL"
  endif
  if field.unique and field.primaryKey == false
    assign line = line | append: " UNIQUE"
  endif
  if default != blank
    assign line = line | append: " DEFAULT " | append: default
  endif
-%}`;

/**
 * The foreign-key column of `relationship` (its source's primary key is `pk`), as the `line`
 * variable: with its REFERENCES clause when `inline`, and the clause alone as `references`.
 */
const foreignKeyLine = `{%- liquid
  assign column = relationship.name | append: "_id" | snake${quoteIdent("column")}
  assign field = pk${typeOfField}
  assign line = "  " | append: column | append: " " | append: type
  if relationship.onDelete != "setNull"
    assign line = line | append: " NOT NULL"
  endif
  if relationship.cardinality == "oneToOne"
    assign line = line | append: " UNIQUE"
  endif
  assign source = relationship.source${tableOf("source")}
  assign pkColumn = pk.name | snake${quoteIdent("pkColumn")}
  assign references = "REFERENCES " | append: table | append: " (" | append: pkColumn | append: ")"
  case relationship.onDelete
    when "cascade"
      assign references = references | append: " ON DELETE CASCADE"
    when "restrict"
      assign references = references | append: " ON DELETE RESTRICT"
    when "setNull"
      assign references = references | append: " ON DELETE SET NULL"
  endcase
-%}`;

const body = `{{ "Generated by Metaforge from the model " | append: model.name | append: "." | comment: "sql" }}
{%- liquid
  assign entities = model.all.Entity
  assign linked = model.all.Relationship | where: "source" | where: "target"
  assign relationships = linked | reject: "cardinality", "manyToMany"
  assign manyToMany = linked | where: "cardinality", "manyToMany"
  comment
    Dependency order: a table comes after the sources of the relationships that point at it, so after
    the tables its foreign keys point to (toposort keeps model order otherwise; tables in a cycle come
    last). Foreign keys to tables created later (in a cycle) are added with ALTER TABLE at the end.
  endcomment
  assign ordered = entities | toposort: "_incoming.target.source"
  assign created = ","
  assign deferred = ""
-%}
{%- for enumType in model.all.EnumType -%}
{%- assign name = enumType.name | snake -%}

CREATE TYPE {% render "sql/ident", name: name %} AS ENUM ({% for value in enumType.values %}{{ value | quote: "sql" }}{% unless forloop.last %}, {% endunless %}{% endfor %});
{%- endfor -%}
{%- for entity in ordered -%}
{%- liquid
  assign names = entity.fields | map: "name"${foreignKeysOf}
-%}
{%- capture columns -%}
{%- liquid${tableOf("entity")}
  assign entityTable = table
-%}
{%- for field in entity.fields -%}
${columnLine}
{{ line }},
{%- endfor -%}
{%- for relationship in foreignKeys -%}
{%- assign pks = relationship.source.fields | where: "primaryKey", true -%}
{%- assign sourceKey = "," | append: relationship.source._id | append: "," -%}
{%- if pks.size == 0 -%}
{%- else -%}
{%- assign pk = pks.first -%}
${foreignKeyLine}
{%- if created contains sourceKey or relationship.source._id == entity._id -%}
{{ line }} {{ references }},
{%- else -%}
{%- assign deferred = deferred | append: relationship._id | append: "," -%}
{{ line }},
{%- endif -%}
{%- endif -%}
{%- endfor -%}
{%- if entity.auditable -%}
{%- unless names contains "createdAt" -%}
  created_at timestamptz NOT NULL DEFAULT now(),
{%- endunless -%}
{%- unless names contains "updatedAt" -%}
  updated_at timestamptz NOT NULL DEFAULT now(),
{%- endunless -%}
{%- endif -%}
{%- endcapture -%}
{%- assign table = entityTable -%}
{%- assign created = created | append: entity._id | append: "," -%}

{%- for relationship in foreignKeys -%}
{%- assign pks = relationship.source.fields | where: "primaryKey", true -%}
{%- if pks.size == 0 -%}
{{ "Relationship " | append: relationship.name | append: ": " | append: relationship.source.name | append: " has no primary key, so there is no foreign key." | comment: "sql" }}
{%- endif -%}
{%- endfor -%}
CREATE TABLE {{ table }} (
{{ columns | rstrip | remove_last: "," }}
);
{%- if entity.description != blank -%}

{%- liquid
  assign text = entity.description${tidyText}
-%}
COMMENT ON TABLE {{ table }} IS {{ tidy | quote: "sql" }};
{%- endif -%}
{%- if entity.indexes.size > 0 %}
{% endif -%}
{%- for index in entity.indexes -%}
{%- liquid
  assign name = index.name${quoteIdent("name")}
  capture columns
    for field in index.fields
      assign column = field.name | snake${quoteIdent("column")}
      echo column
      unless forloop.last
        echo ", "
      endunless
    endfor
  endcapture
-%}
CREATE {% if index.unique %}UNIQUE {% endif %}INDEX {{ name }} ON {{ table }} ({{ columns }});
{%- endfor -%}
{%- endfor -%}
{%- for relationship in manyToMany -%}
{%- assign sourcePks = relationship.source.fields | where: "primaryKey", true -%}
{%- assign targetPks = relationship.target.fields | where: "primaryKey", true -%}
{%- if sourcePks.size > 0 and targetPks.size > 0 -%}
{%- capture tableName %}{% render "sql/table", entity: relationship.source %}_{% render "sql/table", entity: relationship.target %}{% endcapture -%}
{%- assign tableName = tableName | remove: '"' -%}
{%- assign sourceColumn = relationship.source.name | append: "_id" | snake -%}
{%- assign targetColumn = relationship.target.name | append: "_id" | snake -%}
{%- if sourceColumn == targetColumn -%}
{%- assign targetColumn = relationship.name | append: "_id" | snake -%}
{%- endif -%}
{%- assign sourcePk = sourcePks.first.name | snake -%}
{%- assign targetPk = targetPks.first.name | snake -%}

CREATE TABLE {% render "sql/ident", name: tableName %} (
  {% render "sql/ident", name: sourceColumn %} {% render "sql/type", field: sourcePks.first %} NOT NULL REFERENCES {% render "sql/table", entity: relationship.source %} ({% render "sql/ident", name: sourcePk %}) ON DELETE CASCADE,
  {% render "sql/ident", name: targetColumn %} {% render "sql/type", field: targetPks.first %} NOT NULL REFERENCES {% render "sql/table", entity: relationship.target %} ({% render "sql/ident", name: targetPk %}) ON DELETE CASCADE,
  PRIMARY KEY ({% render "sql/ident", name: sourceColumn %}, {% render "sql/ident", name: targetColumn %})
);
{%- endif -%}
{%- endfor -%}
{%- assign deferred = "," | append: deferred -%}
{%- for relationship in relationships -%}
{%- assign key = "," | append: relationship._id | append: "," -%}
{%- if deferred contains key -%}
{%- assign pks = relationship.source.fields | where: "primaryKey", true -%}
{%- assign pk = pks.first -%}
${foreignKeyLine}
{%- liquid${tableOf("relationship.target")}
-%}

ALTER TABLE {{ table }}
  ADD FOREIGN KEY ({{ column }}) {{ references }};
{%- endif -%}
{%- endfor -%}
`;

export const postgresDdl = defineBuiltin({
  key: "postgres-ddl",
  title: "PostgreSQL DDL",
  summary: "One schema.sql: enum types, tables with keys, constraints and defaults, foreign keys, indexes.",
  starter: "entity-relational",
  language: "sql",
  checks: ["postgres"],
  files: [{ path: "schema.sql", body }],
  partials: [
    { name: "sql/ident", body: ident },
    { name: "sql/table", body: table },
    { name: "sql/type", body: columnType },
  ],
});
