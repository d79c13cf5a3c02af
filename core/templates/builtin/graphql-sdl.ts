import { defineBuiltin } from "./define";

/**
 * A GraphQL schema (SDL) for the entity-relational starter: an object type per entity with fields
 * for its columns and its relationships (the target gets the source, the source gets a list of
 * targets), an enum per enum type, create/update input types, and Query and Mutation types with
 * CRUD fields. Custom scalars are declared when used.
 *
 * The per-field logic is inlined Liquid (it runs for every field, and a partial costs a parse on
 * every render); the scalars are worked out while the types are written.
 */

/** Custom scalars the `type: "graphql"` filter may give, with their descriptions. */
const SCALARS: Record<string, string> = {
  BigInt: "An integer that may not fit in 32 bits.",
  Byte: "Binary data, base64-encoded.",
  Date: "A calendar date, as an ISO 8601 string (2024-05-17).",
  DateTime: "A point in time, as an ISO 8601 string with a time zone (2024-05-17T09:30:00Z).",
  JSON: "Any JSON value.",
  Time: "A time of day, as an ISO 8601 string (09:30:00).",
};
const SCALAR_LIST = `,${Object.keys(SCALARS).join(",")},`;

/** Liquid lines: sets `gqlType` to the named type of `field` (without `!`) and notes a custom scalar in `used`. */
const typeOf = `
  if field.type == "enumerated" and field.enumType == nil
    assign gqlType = "String"
  else
    assign gqlType = field | type: "graphql"
  endif
  assign key = "," | append: gqlType | append: ","
  if "${SCALAR_LIST}" contains key
    unless used contains key
      assign used = used | append: gqlType | append: ","
    endunless
  endif`;

const body = `{%- liquid
  assign entities = model.all.Entity
  assign used = ","
  assign noInput = ","
-%}
{%- capture types -%}
{%- for enumType in model.all.EnumType -%}

enum {{ enumType.name | pascal }} {
{%- for value in enumType.values -%}
  {{ value | constant }}
{%- endfor -%}
}
{%- endfor -%}
{%- for entity in entities -%}
{%- liquid
  assign typeName = entity.name | pascal
  assign taken = entity.fields | map: "name"
  assign incoming = entity._incoming.target | where: "source"
  assign outgoing = entity._incoming.source | where: "target"
-%}

{%- if entity.description != blank -%}
{{ entity.description | quote: "graphql" }}
{%- endif -%}
type {{ typeName }} {
{%- for field in entity.fields -%}
{%- liquid${typeOf}
-%}
  {{ field.name | camel }}: {{ gqlType }}{% unless field.nullable %}!{% endunless %}
{%- endfor -%}
{%- if entity.auditable -%}
{%- unless used contains ",DateTime," -%}
{%- assign used = used | append: "DateTime," -%}
{%- endunless -%}
{%- unless taken contains "createdAt" -%}
  createdAt: DateTime!
{%- endunless -%}
{%- unless taken contains "updatedAt" -%}
  updatedAt: DateTime!
{%- endunless -%}
{%- assign taken = taken | push: "createdAt" | push: "updatedAt" -%}
{%- endif -%}
{%- for relationship in incoming -%}
{%- if relationship.cardinality == "manyToMany" -%}
{%- assign name = relationship.source.name | plural | camel -%}
{%- else -%}
{%- assign name = relationship.name | camel -%}
{%- endif -%}
{%- unless taken contains name -%}
{%- assign taken = taken | push: name -%}
{%- if relationship.cardinality == "manyToMany" -%}
  {{ name }}: [{{ relationship.source.name | pascal }}!]!
{%- else -%}
  {{ name }}: {{ relationship.source.name | pascal }}{% if relationship.onDelete != "setNull" %}!{% endif %}
{%- endif -%}
{%- endunless -%}
{%- endfor -%}
{%- for relationship in outgoing -%}
{%- if relationship.cardinality == "oneToOne" -%}
{%- assign name = relationship.target.name | camel -%}
{%- else -%}
{%- assign name = relationship.target.name | plural | camel -%}
{%- endif -%}
{%- unless taken contains name -%}
{%- assign taken = taken | push: name -%}
{%- if relationship.cardinality == "oneToOne" -%}
  {{ name }}: {{ relationship.target.name | pascal }}
{%- else -%}
  {{ name }}: [{{ relationship.target.name | pascal }}!]!
{%- endif -%}
{%- endunless -%}
{%- endfor -%}
}
{%- capture inputFields -%}
{%- for field in entity.fields -%}
{%- assign generated = false -%}
{%- if field.primaryKey and field.defaultValue == blank -%}
{%- case field.type -%}
{%- when "uuid", "integer", "bigint" -%}
{%- assign generated = true -%}
{%- endcase -%}
{%- endif -%}
{%- unless generated -%}
{%- liquid${typeOf}
-%}
  {{ field.name | camel }}: {{ gqlType }}{% if field.nullable == false and field.defaultValue == blank %}!{% endif %}
{%- endunless -%}
{%- endfor -%}
{%- for relationship in incoming -%}
{%- if relationship.cardinality != "manyToMany" -%}
{%- assign pks = relationship.source.fields | where: "primaryKey", true -%}
{%- if pks.size > 0 -%}
{%- liquid
  assign field = pks.first${typeOf}
-%}
  {{ relationship.name | append: "Id" | camel }}: {{ gqlType }}{% if relationship.onDelete != "setNull" %}!{% endif %}
{%- endif -%}
{%- endif -%}
{%- endfor -%}
{%- endcapture -%}
{%- if inputFields == blank -%}
{%- assign noInput = noInput | append: entity._id | append: "," -%}
{%- else -%}

input Create{{ typeName }}Input {
{{ inputFields | rstrip }}
}

input Update{{ typeName }}Input {
{{ inputFields | rstrip | remove: "!" }}
}
{%- endif -%}
{%- endfor -%}

type Query {
{%- for entity in entities -%}
{%- assign typeName = entity.name | pascal -%}
{%- assign pks = entity.fields | where: "primaryKey", true -%}
{%- if pks.size > 0 -%}
{%- liquid
  assign field = pks.first${typeOf}
-%}
  {{ entity.name | camel }}({{ pks.first.name | camel }}: {{ gqlType }}!): {{ typeName }}
{%- endif -%}
  {{ entity.name | plural | camel }}(limit: Int = 100, offset: Int = 0): [{{ typeName }}!]!
{%- endfor -%}
}

type Mutation {
{%- for entity in entities -%}
{%- assign typeName = entity.name | pascal -%}
{%- assign pks = entity.fields | where: "primaryKey", true -%}
{%- assign entityKey = "," | append: entity._id | append: "," -%}
{%- if noInput contains entityKey -%}
  create{{ typeName }}: {{ typeName }}!
{%- else -%}
  create{{ typeName }}(input: Create{{ typeName }}Input!): {{ typeName }}!
{%- endif -%}
{%- if pks.size > 0 -%}
{%- liquid
  assign field = pks.first${typeOf}
  assign keyName = pks.first.name | camel
-%}
{%- unless noInput contains entityKey -%}
  update{{ typeName }}({{ keyName }}: {{ gqlType }}!, input: Update{{ typeName }}Input!): {{ typeName }}!
{%- endunless -%}
  delete{{ typeName }}({{ keyName }}: {{ gqlType }}!): Boolean!
{%- endif -%}
{%- endfor -%}
}
{%- endcapture -%}
{%- assign scalars = "${Object.keys(SCALARS).join(",")}" | split: "," -%}
{%- assign descriptions = "${Object.values(SCALARS).join("|")}" | split: "|" -%}
{{ "Generated by Metaforge from the model " | append: model.name | append: "." | comment: "graphql" }}
{%- for scalar in scalars -%}
{%- assign key = "," | append: scalar | append: "," -%}
{%- if used contains key -%}

{{ descriptions[forloop.index0] | quote: "graphql" }}
scalar {{ scalar }}
{%- endif -%}
{%- endfor -%}
{{ types | rstrip }}
`;

export const graphqlSdl = defineBuiltin({
  key: "graphql-sdl",
  title: "GraphQL schema",
  summary: "schema.graphql: object types with relationship fields, enums, inputs, Query and Mutation.",
  starter: "entity-relational",
  language: "graphql",
  checks: ["graphql"],
  files: [{ path: "schema.graphql", body }],
});
