import { defineBuiltin } from "./define";

/**
 * JSON Schema 2020-12 for the entity-relational starter: one schemas/<entity>.schema.json per entity
 * describing its rows as JSON (camelCase properties, foreign keys and audit timestamps as in
 * postgres-ddl; enum values inline).
 */

/** A field's schema as a one-line JSON object. Param: `field`. */
const property = `{%- liquid
  assign parts = "" | split: ","
  if field.type == "json"
    assign parts = parts | push: '"description": "Any JSON value."'
  elsif field.type == "enumerated" and field.enumType
    if field.nullable
      assign parts = parts | push: '"type": ["string", "null"]'
    else
      assign parts = parts | push: '"type": "string"'
    endif
    assign values = ""
    for value in field.enumType.values
      assign quoted = value | quote: "json"
      assign values = values | append: quoted | append: ", "
    endfor
    if field.nullable
      assign values = values | append: "null"
    else
      assign values = values | remove_last: ", "
    endif
    assign part = '"enum": [' | append: values | append: "]"
    assign parts = parts | push: part
  else
    if field.type == "enumerated"
      assign type = "string"
      assign format = ""
    else
      assign type = field | type: "jsonschema"
      assign format = field | format: "jsonschema"
    endif
    if field.nullable
      assign part = '"type": ["' | append: type | append: '", "null"]'
      assign parts = parts | push: part
    else
      assign part = '"type": "' | append: type | append: '"'
      assign parts = parts | push: part
    endif
    if format != blank
      assign part = '"format": "' | append: format | append: '"'
      assign parts = parts | push: part
    endif
    if field.type == "decimal"
      assign parts = parts | push: '"pattern": "^-?[0-9]+([.][0-9]+)?$"'
    endif
    if field.type == "string" and field.length
      assign part = '"maxLength": ' | append: field.length
      assign parts = parts | push: part
    endif
  endif
  if field.primaryKey
    assign parts = parts | push: '"readOnly": true'
  endif
  assign value = field.defaultValue
  if value != blank and value != "now"
    case field.type
      when "integer", "bigint"
        assign part = '"default": ' | append: value
        assign parts = parts | push: part
      when "boolean"
        assign value = value | downcase
        assign part = '"default": ' | append: value
        assign parts = parts | push: part
      when "json"
      else
        assign value = value | quote: "json"
        assign part = '"default": ' | append: value
        assign parts = parts | push: part
    endcase
  endif
  assign inner = parts | join: ", "
  echo "{ " | append: inner | append: " }"
-%}`;

const body = `{%- liquid
  assign names = entity.fields | map: "name"
  assign required = entity.fields | where: "nullable", false | map: "name"
  assign foreignKeys = entity._incoming.target | where: "source" | reject: "cardinality", "manyToMany"
-%}
{%- capture properties -%}
{%- for field in entity.fields -%}
    {{ field.name | camel | quote: "json" }}: {% render "json-schema/property", field: field %},
{%- endfor -%}
{%- for relationship in foreignKeys -%}
{%- assign pks = relationship.source.fields | where: "primaryKey", true -%}
{%- if pks.size > 0 -%}
{%- assign key = relationship.name | append: "Id" | camel -%}
{%- assign type = pks.first | type: "jsonschema" -%}
{%- assign format = pks.first | format: "jsonschema" -%}
{%- if relationship.onDelete != "setNull" -%}
{%- assign required = required | push: key -%}
{%- endif -%}
    "{{ key }}": { {% if relationship.onDelete == "setNull" %}"type": ["{{ type }}", "null"]{% else %}"type": "{{ type }}"{% endif %}{% if format != blank %}, "format": "{{ format }}"{% endif %} },
{%- endif -%}
{%- endfor -%}
{%- if entity.auditable -%}
{%- unless names contains "createdAt" -%}
{%- assign required = required | push: "createdAt" -%}
    "createdAt": { "type": "string", "format": "date-time", "readOnly": true },
{%- endunless -%}
{%- unless names contains "updatedAt" -%}
{%- assign required = required | push: "updatedAt" -%}
    "updatedAt": { "type": "string", "format": "date-time", "readOnly": true },
{%- endunless -%}
{%- endif -%}
{%- endcapture -%}
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "{{ entity.name | kebab }}.schema.json",
  "title": {{ entity.name | pascal | quote: "json" }},
{%- if entity.description != blank -%}
  "description": {{ entity.description | quote: "json" }},
{%- endif -%}
  "type": "object",
  "properties": {
{{ properties | rstrip | remove_last: "," }}
  },
  "required": [{% for name in required %}{{ name | camel | quote: "json" }}{% unless forloop.last %}, {% endunless %}{% endfor %}],
  "additionalProperties": false
}
`;

export const jsonSchema = defineBuiltin({
  key: "json-schema",
  title: "JSON Schema",
  summary: "A JSON Schema (2020-12) per entity: typed, required and read-only properties, enums inline.",
  starter: "entity-relational",
  language: "json",
  checks: ["jsonschema"],
  files: [{ path: "schemas/{{ entity.name | kebab }}.schema.json", body, forEach: "Entity" }],
  partials: [{ name: "json-schema/property", body: property }],
});
