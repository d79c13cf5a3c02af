import { defineBuiltin } from "./define";
import { foreignKeysOf, tidyText } from "./shared";

/**
 * Pydantic v2 models for the entity-relational starter: one models.py with a str Enum per enum type
 * and a BaseModel per entity. Attributes are snake_case and (de)serialise as camelCase; foreign keys
 * and audit timestamps follow postgres-ddl's conventions. Needs Python 3.10+.
 *
 * The per-field logic is inlined Liquid (it runs for every field, and a partial costs a parse on
 * every render); the imports are worked out while the classes are written.
 */

/** Python's keywords: a field named like one gets a trailing underscore (PEP 8). */
const KEYWORDS = [
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
  "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
  "return", "try", "while", "with", "yield",
];

/** Liquid lines: sets `attribute` to the Python attribute for the name in `name`. */
const attributeOf = `
  assign attribute = name | snake
  assign key = "," | append: attribute | append: ","
  if "${`,${KEYWORDS.join(",")},`}" contains key
    assign attribute = attribute | append: "_"
  endif`;

/** Liquid lines: adds `needed` (one import name) to `needs` (",a,b,"). */
const need = `
  assign key = "," | append: needed | append: ","
  unless needs contains key
    assign needs = needs | append: needed | append: ","
  endunless`;

/** Liquid lines: sets `pyType` to the type of `field` (without `| None`) and records the import it needs. */
const typeOf = `
  if field.type == "enumerated" and field.enumType == nil
    assign pyType = "str"
  else
    assign pyType = field | type: "python"
  endif
  case pyType
    when "date", "datetime", "Decimal", "UUID", "Any"
      assign needed = pyType${need}
  endcase`;

/** One attribute line for `field`: sets `line`. */
const fieldLine = `{%- liquid
  assign name = field.name${attributeOf}${typeOf}
  if field.nullable
    assign pyType = pyType | append: " | None"
  endif
  assign value = field.defaultValue
  assign pyDefault = ""
  if value == blank
    if field.nullable
      assign pyDefault = "None"
    endif
  elsif value == "now" and field.type == "timestamp"
    assign pyDefault = "Field(default_factory=lambda: datetime.now(timezone.utc))"
    assign needed = "timezone"${need}
    assign needed = "Field"${need}
  elsif value == "now" and field.type == "date"
    assign pyDefault = "Field(default_factory=date.today)"
    assign needed = "Field"${need}
  else
    case field.type
      when "boolean"
        if value == "true"
          assign pyDefault = "True"
        else
          assign pyDefault = "False"
        endif
      when "integer", "bigint"
        assign pyDefault = value
      when "decimal"
        assign pyDefault = 'Decimal("' | append: value | append: '")'
      when "enumerated"
        if field.enumType
          assign member = value | constant
          assign pyDefault = field.enumType.name | pascal | append: "." | append: member
        else
          assign pyDefault = value | quote: "python"
        endif
      when "uuid"
        assign pyDefault = 'UUID("' | append: value | append: '")'
      when "string", "text"
        assign pyDefault = value | quote: "python"
    endcase
  endif
  if field.type == "string" and field.length
    assign needed = "Field"${need}
    if pyDefault == blank
      assign pyDefault = "Field(max_length=" | append: field.length | append: ")"
    elsif pyDefault contains "Field("
    else
      assign pyDefault = "Field(default=" | append: pyDefault | append: ", max_length=" | append: field.length | append: ")"
    endif
  endif
  assign line = "    " | append: attribute | append: ": " | append: pyType
  if pyDefault != blank
    assign line = line | append: " = " | append: pyDefault
  endif
-%}`;

const body = `{%- liquid
  assign entities = model.all.Entity
  assign needs = ","
-%}
{%- capture classes -%}
{%- for enumType in model.all.EnumType -%}


class {{ enumType.name | pascal }}(str, Enum):
{%- for value in enumType.values -%}
    {{ value | constant }} = {{ value | quote: "python" }}
{%- endfor -%}
{%- endfor -%}
{%- for entity in entities -%}
{%- liquid
  assign names = entity.fields | map: "name"${foreignKeysOf}
-%}


class {{ entity.name | pascal }}(BaseModel):
{%- if entity.description != blank -%}
{%- liquid
  assign text = entity.description${tidyText}
  assign lines = tidy | replace: '"""', '\\\\"\\\\"\\\\"' | split: "\\n"
-%}
{%- if lines.size == 1 -%}
    """{{ lines.first }}"""
{%- else -%}
    """{{ lines.first }}
{%- for line in lines offset: 1 -%}
{%- assign trimmed = line | rstrip -%}
{% if trimmed != blank %}    {{ trimmed }}{% endif %}
{%- endfor -%}
    """
{%- endif -%}

{%- endif -%}
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, from_attributes=True
    )

{%- for field in entity.fields -%}
${fieldLine}
{{ line }}
{%- endfor -%}
{%- for relationship in foreignKeys -%}
{%- assign pks = relationship.source.fields | where: "primaryKey", true -%}
{%- if pks.size > 0 -%}
{%- liquid
  assign name = relationship.name | append: "_id"${attributeOf}
  assign field = pks.first${typeOf}
  assign line = "    " | append: attribute | append: ": " | append: pyType
  if relationship.onDelete == "setNull"
    assign line = line | append: " | None = None"
  endif
-%}
{{ line }}
{%- endif -%}
{%- endfor -%}
{%- if entity.auditable -%}
{%- assign needed = "datetime" -%}
{%- liquid${need}
-%}
{%- unless names contains "createdAt" -%}
    created_at: datetime
{%- endunless -%}
{%- unless names contains "updatedAt" -%}
    updated_at: datetime
{%- endunless -%}
{%- endif -%}
{%- endfor -%}
{%- endcapture -%}
{%- liquid
  assign fromDatetime = "" | split: ","
  if needs contains ",date,"
    assign fromDatetime = fromDatetime | push: "date"
  endif
  if needs contains ",datetime,"
    assign fromDatetime = fromDatetime | push: "datetime"
  endif
  if needs contains ",timezone,"
    assign fromDatetime = fromDatetime | push: "timezone"
  endif
-%}
"""Pydantic models for {{ model.name }}. Generated by Metaforge."""

from __future__ import annotations

{%- if fromDatetime.size > 0 -%}
from datetime import {{ fromDatetime | join: ", " }}
{%- endif -%}
{%- if needs contains ",Decimal," -%}
from decimal import Decimal
{%- endif -%}
{%- if model.all.EnumType.size > 0 -%}
from enum import Enum
{%- endif -%}
{%- if needs contains ",Any," -%}
from typing import Any
{%- endif -%}
{%- if needs contains ",UUID," -%}
from uuid import UUID
{%- endif -%}

from pydantic import BaseModel, ConfigDict{% if needs contains ",Field," %}, Field{% endif %}
from pydantic.alias_generators import to_camel
{{ classes | rstrip }}
`;

export const pythonPydantic = defineBuiltin({
  key: "python-pydantic",
  title: "Python pydantic models",
  summary: "models.py: a pydantic v2 BaseModel per entity and a str Enum per enum type, camelCase aliases.",
  starter: "entity-relational",
  language: "python",
  checks: [],
  files: [{ path: "models.py", body }],
});
