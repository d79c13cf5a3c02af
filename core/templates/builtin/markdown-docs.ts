import { defineBuiltin } from "./define";
import { article, tidyText } from "./shared";

/**
 * Markdown documentation for the entity-relational starter: a README.md with tables of entities,
 * enum types and relationships, and a page per entity with its fields, relationships and indexes.
 * Table and column names follow postgres-ddl's conventions.
 */

/** Text made safe for one table cell (no line breaks, pipes escaped). Param: `text`. */
const cell = `{%- liquid
  assign text = text | default: "" | strip | replace: "\\r\\n", " " | replace: "\\n", " " | replace: "|", "\\\\|"
  echo text
-%}`;

/** An entity's table name. Param: `entity`. */
const table = `{%- liquid
  if entity.tableName == blank
    echo entity.name | snake
  else
    echo entity.tableName
  endif
-%}`;

/** A field's type as people read it: "string(32)", "enumerated (order_status)". Param: `field`. */
const fieldType = `{%- liquid
  echo field.type
  if field.type == "string" and field.length
    echo "(" | append: field.length | append: ")"
  endif
  if field.type == "enumerated" and field.enumType
    echo " (" | append: field.enumType.name | append: ")"
  endif
-%}`;

/** "one to many" for "oneToMany". Param: `value`. */
const words = `{{ value | snake | replace: "_", " " }}`;

const indexBody = `{%- liquid
  assign entities = model.all.Entity
  assign relationships = model.all.Relationship | where: "source" | where: "target"
-%}
# {{ model.name }}
{%- if model.description != blank -%}

{%- liquid
  assign text = model.description${tidyText}
-%}
{{ tidy }}
{%- endif -%}

## Entities

| Entity | Table | Fields | Description |
| --- | --- | --- | --- |
{%- for entity in entities -%}
| [{% render "md/cell", text: entity.name %}](entities/{{ entity.name | kebab }}.md) | \`{% render "md/table", entity: entity %}\` | {{ entity.fields.size }} | {% render "md/cell", text: entity.description %} |
{%- endfor -%}
{%- if model.all.EnumType.size > 0 -%}

## Enum types

| Enum type | Values |
| --- | --- |
{%- for enumType in model.all.EnumType -%}
| {% render "md/cell", text: enumType.name %} | {% for value in enumType.values %}\`{% render "md/cell", text: value %}\`{% unless forloop.last %}, {% endunless %}{% endfor %} |
{%- endfor -%}
{%- endif -%}
{%- if relationships.size > 0 -%}

## Relationships

| Relationship | From | To | Cardinality | On delete |
| --- | --- | --- | --- | --- |
{%- for relationship in relationships -%}
| {% render "md/cell", text: relationship.name %} | [{% render "md/cell", text: relationship.source.name %}](entities/{{ relationship.source.name | kebab }}.md) | [{% render "md/cell", text: relationship.target.name %}](entities/{{ relationship.target.name | kebab }}.md) | {% render "md/words", value: relationship.cardinality %} | {% render "md/words", value: relationship.onDelete %} |
{%- endfor -%}
{%- endif -%}
`;

const entityBody = `{%- liquid
  assign names = entity.fields | map: "name"
  assign outgoing = entity._incoming.source | where: "target"
  assign incoming = entity._incoming.target | where: "source"
  assign foreignKeys = incoming | reject: "cardinality", "manyToMany"
  assign others = incoming | reject: "source._id", entity._id
  assign related = outgoing | concat: others
-%}
# {{ entity.name }}
{%- if entity.description != blank -%}

{%- liquid
  assign text = entity.description${tidyText}
-%}
{{ tidy }}
{%- endif -%}

Table: \`{% render "md/table", entity: entity %}\`{% if entity.auditable %}, with \`created_at\` and \`updated_at\` timestamps{% endif %}.

## Fields

| Field | Column | Type | Null | Key | Default |
| --- | --- | --- | --- | --- | --- |
{%- for field in entity.fields -%}
| {% render "md/cell", text: field.name %} | \`{{ field.name | snake }}\` | {% render "md/type", field: field %} | {% if field.nullable %}yes{% else %}no{% endif %} | {% if field.primaryKey %}primary{% elsif field.unique %}unique{% endif %} | {% if field.defaultValue != blank %}\`{% render "md/cell", text: field.defaultValue %}\`{% endif %} |
{%- endfor -%}
{%- for relationship in foreignKeys -%}
| {% render "md/cell", text: relationship.name %} | \`{{ relationship.name | append: "_id" | snake }}\` | reference to [{% render "md/cell", text: relationship.source.name %}]({{ relationship.source.name | kebab }}.md) | {% if relationship.onDelete == "setNull" %}yes{% else %}no{% endif %} | foreign{% if relationship.cardinality == "oneToOne" %}, unique{% endif %} |  |
{%- endfor -%}
{%- if related.size > 0 -%}

## Relationships

{%- for relationship in related -%}
{%- assign column = relationship.name | append: "_id" | snake -%}
{%- assign source = relationship.source.name | title | downcase -%}
{%- assign targets = relationship.target.name | plural | title | downcase -%}
{%- if relationship.cardinality == "manyToMany" -%}
{%- capture joinTable %}{% render "md/table", entity: relationship.source %}_{% render "md/table", entity: relationship.target %}{% endcapture -%}
{%- endif -%}
{%- if relationship.source._id == entity._id -%}
{%- if relationship.cardinality == "manyToMany" -%}
- **{{ relationship.name }}**: many to many with [{{ relationship.target.name }}]({{ relationship.target.name | kebab }}.md), through the \`{{ joinTable }}\` table.
{%- else -%}
- **{{ relationship.name }}**: {% render "md/words", value: relationship.cardinality %} to [{{ relationship.target.name }}]({{ relationship.target.name | kebab }}.md). Each refers to its {{ source }} by \`{{ column }}\`; deleting {% render "md/a", word: source %} {% case relationship.onDelete %}{% when "cascade" %}deletes its {{ targets }}{% when "setNull" %}clears \`{{ column }}\` in its {{ targets }}{% else %}is refused while it has {{ targets }}{% endcase %}.
{%- endif -%}
{%- endif -%}
{%- if relationship.target._id == entity._id -%}
{%- if relationship.cardinality == "manyToMany" -%}
- **{{ relationship.name }}**: many to many with [{{ relationship.source.name }}]({{ relationship.source.name | kebab }}.md), through the \`{{ joinTable }}\` table.
{%- else -%}
- **{{ relationship.name }}**: refers to {% if relationship.onDelete == "setNull" %}an optional{% else %}one{% endif %} [{{ relationship.source.name }}]({{ relationship.source.name | kebab }}.md) by \`{{ column }}\`.
{%- endif -%}
{%- endif -%}
{%- endfor -%}
{%- endif -%}
{%- if entity.indexes.size > 0 -%}

## Indexes

| Index | Fields | Unique |
| --- | --- | --- |
{%- for index in entity.indexes -%}
| {% render "md/cell", text: index.name %} | {% for field in index.fields %}\`{{ field.name | snake }}\`{% unless forloop.last %}, {% endunless %}{% endfor %} | {% if index.unique %}yes{% else %}no{% endif %} |
{%- endfor -%}
{%- endif -%}

[Back to all entities](../README.md)
`;

export const markdownDocs = defineBuiltin({
  key: "markdown-docs",
  title: "Markdown documentation",
  summary: "A README.md with the entities, enum types and relationships, and a page per entity.",
  starter: "entity-relational",
  language: "markdown",
  checks: [],
  files: [
    { path: "README.md", body: indexBody },
    { path: "entities/{{ entity.name | kebab }}.md", body: entityBody, forEach: "Entity" },
  ],
  partials: [
    { name: "md/cell", body: cell },
    { name: "md/table", body: table },
    { name: "md/type", body: fieldType },
    { name: "md/words", body: words },
    article("md/a"),
  ],
});
