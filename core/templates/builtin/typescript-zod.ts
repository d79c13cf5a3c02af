import { defineBuiltin } from "./define";
import { jsdoc } from "./shared";

/**
 * TypeScript types and zod 4 schemas for the entity-relational starter: one file per entity (an
 * interface for the row, a schema that satisfies it, and a schema for new rows), enums.ts for the
 * enum types and an index.ts. Foreign keys and audit columns follow postgres-ddl's conventions.
 */

/** The zod schema of a field's values (without nullability). Param: `field`. */
const zodType = `{%- liquid
  case field.type
    when "string"
      if field.name == "email"
        echo "z.email()"
      else
        echo "z.string()"
      endif
      if field.length
        echo ".max(" | append: field.length | append: ")"
      endif
    when "text"
      echo "z.string()"
    when "integer", "bigint"
      echo "z.number().int()"
    when "decimal"
      echo "z.string().regex(/^-?[0-9]+([.][0-9]+)?$/)"
    when "boolean"
      echo "z.boolean()"
    when "date", "timestamp"
      echo "z.coerce.date()"
    when "uuid"
      echo "z.uuid()"
    when "json"
      echo "z.json()"
    when "enumerated"
      if field.enumType
        echo field.enumType.name | camel | append: "Schema"
      else
        echo "z.string()"
      endif
    else
      echo field | type: "zod"
  endcase
-%}`;

/** The TypeScript type of a field (with `| null` when nullable). Param: `field`. */
const tsType = `{%- liquid
  if field.type == "enumerated" and field.enumType == nil
    assign type = "string"
  else
    assign type = field | type: "typescript"
  endif
  if field.nullable and type != "unknown"
    assign type = type | append: " | null"
  endif
  echo type
-%}`;

const entityBody = `{%- liquid
  assign names = entity.fields | map: "name"
  assign type = entity.name | pascal
  assign schema = entity.name | camel | append: "Schema"
  assign enumerated = entity.fields | where: "type", "enumerated" | where: "enumType"
  assign enumSchemas = ""
  for field in enumerated
    assign enumSchemas = enumSchemas | append: "," | append: field.enumType.name
  endfor
  assign enumSchemas = enumSchemas | remove_first: "," | split: "," | uniq | sort
  assign foreignKeys = entity._incoming.target | where: "source" | reject: "cardinality", "manyToMany"
  assign auditable = entity.auditable
  assign optional = ""
  for field in entity.fields
    assign generated = false
    if field.primaryKey
      if field.type == "uuid" or field.type == "integer" or field.type == "bigint"
        assign generated = true
      endif
    endif
    if generated or field.defaultValue != blank or field.nullable
      assign optional = optional | append: "," | append: field.name
    endif
  endfor
  for relationship in foreignKeys
    if relationship.onDelete == "setNull"
      assign pks = relationship.source.fields | where: "primaryKey", true
      if pks.size > 0
        assign optional = optional | append: "," | append: relationship.name | append: "Id"
      endif
    endif
  endfor
  if auditable
    unless names contains "createdAt"
      assign optional = optional | append: ",createdAt"
    endunless
    unless names contains "updatedAt"
      assign optional = optional | append: ",updatedAt"
    endunless
  endif
  assign optional = optional | remove_first: "," | split: ","
-%}
import { z } from "zod";
{%- if enumSchemas.size > 0 -%}
import { {% for name in enumSchemas %}{{ name | camel }}Schema, type {{ name | pascal }}{% unless forloop.last %}, {% endunless %}{% endfor %} } from "./enums.js";
{%- endif -%}

{%- if entity.description != blank -%}
{% render "ts/doc", text: entity.description %}
{%- endif -%}
export interface {{ type }} {
{%- for field in entity.fields -%}
  {{ field.name | camel }}: {% render "ts/type", field: field %};
{%- endfor -%}
{%- for relationship in foreignKeys -%}
{%- assign pks = relationship.source.fields | where: "primaryKey", true -%}
{%- if pks.size > 0 -%}
  {{ relationship.name | append: "Id" | camel }}: {% render "ts/type", field: pks.first %}{% if relationship.onDelete == "setNull" %} | null{% endif %};
{%- endif -%}
{%- endfor -%}
{%- if auditable -%}
{%- unless names contains "createdAt" -%}
  createdAt: Date;
{%- endunless -%}
{%- unless names contains "updatedAt" -%}
  updatedAt: Date;
{%- endunless -%}
{%- endif -%}
}

export const {{ schema }} = z.object({
{%- for field in entity.fields -%}
  {{ field.name | camel }}: {% render "zod/type", field: field %}{% if field.nullable %}.nullable(){% endif %},
{%- endfor -%}
{%- for relationship in foreignKeys -%}
{%- assign pks = relationship.source.fields | where: "primaryKey", true -%}
{%- if pks.size > 0 -%}
  {{ relationship.name | append: "Id" | camel }}: {% render "zod/type", field: pks.first %}{% if relationship.onDelete == "setNull" %}.nullable(){% endif %},
{%- endif -%}
{%- endfor -%}
{%- if auditable -%}
{%- unless names contains "createdAt" -%}
  createdAt: z.coerce.date(),
{%- endunless -%}
{%- unless names contains "updatedAt" -%}
  updatedAt: z.coerce.date(),
{%- endunless -%}
{%- endif -%}
}) satisfies z.ZodType<{{ type }}>;

{%- if optional.size > 0 -%}
/** A new {{ entity.name | title | downcase }}: generated, defaulted and nullable columns may be left out. */
export const new{{ type }}Schema = {{ schema }}.partial({ {% for name in optional %}{{ name | camel }}: true{% unless forloop.last %}, {% endunless %}{% endfor %} });
{%- else -%}
/** A new {{ entity.name | title | downcase }}. */
export const new{{ type }}Schema = {{ schema }};
{%- endif -%}
export type New{{ type }} = z.input<typeof new{{ type }}Schema>;
`;

const enumsBody = `import { z } from "zod";
{%- for enumType in model.all.EnumType -%}
{%- assign schema = enumType.name | camel | append: "Schema" -%}

export const {{ schema }} = z.enum([{% for value in enumType.values %}{{ value | quote: "typescript" }}{% unless forloop.last %}, {% endunless %}{% endfor %}]);
export type {{ enumType.name | pascal }} = z.infer<typeof {{ schema }}>;
{%- endfor -%}
`;

const indexBody = `{%- if model.all.EnumType.size > 0 -%}
export * from "./enums.js";
{%- endif -%}
{%- for entity in model.all.Entity -%}
export * from "./{{ entity.name | kebab }}.js";
{%- endfor -%}
`;

export const typescriptZod = defineBuiltin({
  key: "typescript-zod",
  title: "TypeScript types and zod schemas",
  summary: "An interface and a zod 4 schema per entity (plus one for new rows), enums and an index.ts.",
  starter: "entity-relational",
  language: "typescript",
  checks: ["typescript"],
  files: [
    { path: "{{ entity.name | kebab }}.ts", body: entityBody, forEach: "Entity" },
    { path: "{% if model.all.EnumType.size > 0 %}enums.ts{% endif %}", body: enumsBody },
    { path: "{% if model.all.Entity.size > 0 or model.all.EnumType.size > 0 %}index.ts{% endif %}", body: indexBody },
  ],
  partials: [
    jsdoc("ts/doc"),
    { name: "ts/type", body: tsType },
    { name: "zod/type", body: zodType },
  ],
});
