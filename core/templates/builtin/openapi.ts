import { defineBuiltin } from "./define";
import { articleOf, foreignKeysOf } from "./shared";

/**
 * An OpenAPI 3.1 description (YAML) of CRUD endpoints for the entity-relational starter: a schema per
 * entity and enum type, and for each entity `/<plural>` (list, create) and `/<plural>/{id}` (get,
 * replace, delete) when it has a primary key. Property names are the fields' names in camelCase;
 * foreign keys and audit timestamps follow postgres-ddl's conventions.
 */

/**
 * Liquid lines: echoes the schema keywords of `field` as YAML lines, each prefixed with `pad` (the
 * first one too). Inlined where used: it runs for every field, and a partial costs a parse on every
 * render.
 */
const fieldSchema = `
  if field.type == "enumerated" and field.enumType
    assign name = field.enumType.name | pascal
    assign ref = '$ref: "#/components/schemas/' | append: name | append: '"'
    if field.nullable
      echo pad | append: "oneOf:\\n" | append: pad | append: "  - " | append: ref | append: "\\n" | append: pad | append: '  - type: "null"'
    else
      echo pad | append: ref
    endif
  elsif field.type == "json"
    echo pad | append: "description: Any JSON value."
  else
    if field.type == "enumerated"
      assign type = "string"
      assign format = ""
    else
      assign type = field | type: "openapi"
      assign format = field | format: "openapi"
    endif
    if field.nullable
      echo pad | append: 'type: ["' | append: type | append: '", "null"]'
    else
      echo pad | append: "type: " | append: type
    endif
    if format != blank
      echo "\\n" | append: pad | append: "format: " | append: format
    endif
    if field.type == "string" and field.length
      echo "\\n" | append: pad | append: "maxLength: " | append: field.length
    endif
  endif
  if field.primaryKey
    echo "\\n" | append: pad | append: "readOnly: true"
  endif
  assign value = field.defaultValue
  if value != blank and value != "now"
    case field.type
      when "integer", "bigint"
        echo "\\n" | append: pad | append: "default: " | append: value
      when "boolean"
        assign value = value | downcase
        echo "\\n" | append: pad | append: "default: " | append: value
      when "json"
      else
        assign value = value | quote: "yaml"
        echo "\\n" | append: pad | append: "default: " | append: value
    endcase
  endif`;

/** Liquid lines: echoes the schema of a key `pk` (its type and format, `nullable` or not), lines prefixed with `pad`. */
const keySchema = `
  assign type = pk | type: "openapi"
  if nullable
    echo pad | append: 'type: ["' | append: type | append: '", "null"]'
  else
    echo pad | append: "type: " | append: type
  endif
  assign format = pk | format: "openapi"
  if format != blank
    echo "\\n" | append: pad | append: "format: " | append: format
  endif`;

const body = `{%- liquid
  assign entities = model.all.Entity
-%}
openapi: 3.1.0
info:
  title: {{ model.name | quote: "yaml" }}
  version: 1.0.0
{%- if model.description != blank -%}
  description: {{ model.description | quote: "yaml" }}
{%- endif -%}
tags:
{%- for entity in entities -%}
  - name: {{ entity.name | pascal }}
{%- if entity.description != blank -%}
    description: {{ entity.description | quote: "yaml" }}
{%- endif -%}
{%- endfor -%}
paths:
{%- for entity in entities -%}
{%- assign schemaName = entity.name | pascal -%}
{%- assign plural = entity.name | plural | pascal -%}
{%- assign label = entity.name | title | downcase -%}
{%- liquid
  assign word = label${articleOf}
-%}
{%- assign labels = entity.name | plural | title | downcase -%}
{%- assign schemaRef = '"#/components/schemas/' | append: schemaName | append: '"' -%}
{%- assign pks = entity.fields | where: "primaryKey", true -%}
  /{{ entity.name | plural | kebab }}:
    get:
      operationId: list{{ plural }}
      summary: List {{ labels }}
      tags: [{{ schemaName }}]
      parameters:
        - $ref: "#/components/parameters/limit"
        - $ref: "#/components/parameters/offset"
      responses:
        "200":
          description: A page of {{ labels }}.
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: {{ schemaRef }}
    post:
      operationId: create{{ schemaName }}
      summary: Create {{ a }} {{ label }}
      tags: [{{ schemaName }}]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: {{ schemaRef }}
      responses:
        "201":
          description: The new {{ label }}.
          content:
            application/json:
              schema:
                $ref: {{ schemaRef }}
        "400":
          $ref: "#/components/responses/BadRequest"
{%- if pks.size > 0 -%}
{%- assign pk = pks.first -%}
  /{{ entity.name | plural | kebab }}/{{ "{" }}{{ pk.name | camel }}{{ "}" }}:
    parameters:
      - name: {{ pk.name | camel }}
        in: path
        required: true
        schema:
{% liquid
  assign pad = "          "
  assign nullable = false${keySchema}
%}
    get:
      operationId: get{{ schemaName }}
      summary: Get {{ a }} {{ label }}
      tags: [{{ schemaName }}]
      responses:
        "200":
          description: The {{ label }}.
          content:
            application/json:
              schema:
                $ref: {{ schemaRef }}
        "404":
          $ref: "#/components/responses/NotFound"
    put:
      operationId: replace{{ schemaName }}
      summary: Replace {{ a }} {{ label }}
      tags: [{{ schemaName }}]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: {{ schemaRef }}
      responses:
        "200":
          description: The updated {{ label }}.
          content:
            application/json:
              schema:
                $ref: {{ schemaRef }}
        "400":
          $ref: "#/components/responses/BadRequest"
        "404":
          $ref: "#/components/responses/NotFound"
    delete:
      operationId: delete{{ schemaName }}
      summary: Delete {{ a }} {{ label }}
      tags: [{{ schemaName }}]
      responses:
        "204":
          description: The {{ label }} was deleted.
        "404":
          $ref: "#/components/responses/NotFound"
{%- endif -%}
{%- endfor -%}
components:
  parameters:
    limit:
      name: limit
      in: query
      description: How many items to return at most.
      schema:
        type: integer
        minimum: 1
        maximum: 1000
        default: 100
    offset:
      name: offset
      in: query
      description: How many items to skip.
      schema:
        type: integer
        minimum: 0
        default: 0
  responses:
    BadRequest:
      description: The request body is not valid.
    NotFound:
      description: There is nothing with this id.
  schemas:
{%- for enumType in model.all.EnumType -%}
    {{ enumType.name | pascal }}:
      type: string
      enum:
{%- for value in enumType.values -%}
        - {{ value | quote: "yaml" }}
{%- endfor -%}
{%- endfor -%}
{%- for entity in entities -%}
{%- liquid
  assign names = entity.fields | map: "name"
  assign required = entity.fields | where: "nullable", false | map: "name"${foreignKeysOf}
-%}
    {{ entity.name | pascal }}:
      type: object
{%- if entity.description != blank -%}
      description: {{ entity.description | quote: "yaml" }}
{%- endif -%}
      properties:
{%- for field in entity.fields -%}
        {{ field.name | camel }}:
{% liquid
  assign pad = "          "${fieldSchema}
%}
{%- endfor -%}
{%- for relationship in foreignKeys -%}
{%- assign pks = relationship.source.fields | where: "primaryKey", true -%}
{%- if pks.size > 0 -%}
{%- assign key = relationship.name | append: "Id" | camel -%}
{%- if relationship.onDelete == "setNull" -%}
{%- assign nullable = true -%}
{%- else -%}
{%- assign nullable = false -%}
{%- assign required = required | push: key -%}
{%- endif -%}
        {{ key }}:
{% liquid
  assign pk = pks.first
  assign pad = "          "${keySchema}
%}
{%- endif -%}
{%- endfor -%}
{%- if entity.auditable -%}
{%- unless names contains "createdAt" -%}
{%- assign required = required | push: "createdAt" -%}
        createdAt:
          type: string
          format: date-time
          readOnly: true
{%- endunless -%}
{%- unless names contains "updatedAt" -%}
{%- assign required = required | push: "updatedAt" -%}
        updatedAt:
          type: string
          format: date-time
          readOnly: true
{%- endunless -%}
{%- endif -%}
{%- if required.size > 0 -%}
      required:
{%- for name in required -%}
        - {{ name | camel }}
{%- endfor -%}
{%- endif -%}
{%- endfor -%}
`;

export const openapi = defineBuiltin({
  key: "openapi",
  title: "OpenAPI 3.1 CRUD description",
  summary: "openapi.yaml: a schema per entity and enum type, list/create/get/replace/delete paths per entity.",
  starter: "entity-relational",
  language: "yaml",
  checks: ["openapi"],
  files: [{ path: "openapi.yaml", body }],
});
