import { defineBuiltin } from "./define";
import { foreignKeysOf, tidyText } from "./shared";

/**
 * Go structs for the entity-relational starter: one models.go (gofmt-aligned) with a string type and
 * constants per enum type and a struct with json tags per entity. The package is the last part of
 * the schema's namespace, or the schema's name. Nullable columns are pointers (json.RawMessage
 * stays as it is) with `omitempty`; foreign keys and audit timestamps follow postgres-ddl's
 * conventions.
 *
 * The per-field logic is inlined Liquid (it runs for every field, and a partial costs a parse on
 * every render); the imports are worked out while the structs are written.
 */

/** Go's common initialisms (as golint spells them): a word that is one is written in capitals. */
const INITIALISMS = [
  "acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id", "ip", "json", "lhs", "qps", "ram", "rhs",
  "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl", "udp", "ui", "uid", "uuid", "uri", "url", "utf8", "vm", "xml", "xmpp",
  "xsrf", "xss", "sku",
];

/**
 * Liquid lines: sets `exported` to the exported Go name for the name in `name` (`customer_id` →
 * `CustomerID`). Names repeat (id, name, createdAt), so the first results are remembered in
 * `exportedCache`.
 */
const exportedOf = `
  assign cacheKey = "|" | append: name | append: "="
  if exportedCache contains cacheKey
    assign exported = exportedCache | split: cacheKey | last | split: "|" | first
  else
    assign words = name | snake | split: "_"
    assign exported = ""
    for word in words
      assign key = "," | append: word | append: ","
      if "${`,${INITIALISMS.join(",")},`}" contains key
        assign cased = word | upcase
      else
        assign cased = word | capitalize
      endif
      assign exported = exported | append: cased
    endfor
    if exportedCache.size < 400
      assign exportedCache = exportedCache | append: cacheKey | append: exported
    endif
  endif`;

/** Liquid lines: sets `goType` for `field` (a pointer when `nullable`), noting the package it needs in `needs`. */
const typeOf = `
  if field.type == "enumerated" and field.enumType == nil
    assign goType = "string"
  else
    assign goType = field | type: "go"
  endif
  case goType
    when "time.Time"
      unless needs contains ",time"
        assign needs = needs | append: ",time"
      endunless
    when "json.RawMessage"
      unless needs contains ",json"
        assign needs = needs | append: ",json"
      endunless
      assign nullable = false
  endcase
  if nullable
    assign goType = "*" | append: goType
  endif`;

/** Liquid lines: starts a block of aligned rows (see `addRow` and `alignedRows`). */
const startRows = `
  assign firstCells = ""
  assign secondCells = ""
  assign thirdCells = ""
  assign firstWidth = 0
  assign secondWidth = 0`;

/** Liquid lines: adds a row of the cells in `first`, `second` and `third` to the block. */
const addRow = `
  assign firstCells = firstCells | append: first | append: "\\n"
  assign secondCells = secondCells | append: second | append: "\\n"
  assign thirdCells = thirdCells | append: third | append: "\\n"
  if first.size > firstWidth
    assign firstWidth = first.size
  endif
  if second.size > secondWidth
    assign secondWidth = second.size
  endif`;

/**
 * Liquid lines: echoes the block's rows aligned like gofmt, each indented with a tab: the first two
 * cells are padded to their column's width plus one space.
 */
const alignedRows = `
  assign spaces = "                                                                                                                        "
  assign firstWidth = firstWidth | plus: 1
  assign secondWidth = secondWidth | plus: 1
  assign firstCells = firstCells | split: "\\n"
  assign secondCells = secondCells | split: "\\n"
  assign thirdCells = thirdCells | split: "\\n"
  for first in firstCells
    assign firstCell = first | append: spaces | slice: 0, firstWidth
    assign secondCell = secondCells[forloop.index0] | append: spaces | slice: 0, secondWidth
    echo "\\t" | append: firstCell | append: secondCell | append: thirdCells[forloop.index0] | append: "\\n"
  endfor`;

/** Liquid lines: sets `doc` to the doc comment "<name> is <description>" for `name` and `text`. */
const docOf = `${tidyText}
  assign text = tidy
  assign head = text | slice: 0
  assign next = text | slice: 1
  assign upper = next | upcase
  if next == blank or next != upper
    assign text = head | downcase | append: text | remove_first: head
  endif
  assign doc = name | append: " is " | append: text | comment: "go"`;

/** The package clause's name. Param: `schema`. */
const packageName = `{%- liquid
  if schema.namespace != blank
    assign parts = schema.namespace | split: "."
    assign name = parts.last
  elsif schema.name != blank
    assign name = schema.name
  else
    assign name = "models"
  endif
  echo name | snake | remove: "_"
-%}`;

const body = `{%- liquid
  assign entities = model.all.Entity
  assign needs = ""
  assign exportedCache = "|"
  if model.all.Schema.size > 0
    capture package
      render "go/package", schema: model.all.Schema.first
    endcapture
  else
    assign package = "models"
  endif
  assign summary = "Package " | append: package | append: " holds the models of " | append: model.name | append: ". Generated by Metaforge."
-%}
{%- capture declarations -%}
{%- for enumType in model.all.EnumType -%}
{%- liquid
  assign enumName = enumType.name | pascal${startRows}
  for value in enumType.values
    assign first = value | pascal | prepend: enumName
    assign second = enumName
    assign third = value | quote: "go" | prepend: "= "${addRow}
  endfor
-%}

// {{ enumName }} is a value of the {{ enumType.name }} enum.
type {{ enumName }} string

// The values of {{ enumName }}.
const (
{% liquid${alignedRows}
%})
{%- endfor -%}
{%- for entity in entities -%}
{%- liquid
  assign names = entity.fields | map: "name"
  assign name = entity.name${exportedOf}
  assign structName = exported${foreignKeysOf}
  ${startRows}
-%}
{%- for field in entity.fields -%}
{%- liquid
  assign name = field.name${exportedOf}
  assign nullable = field.nullable${typeOf}
  assign first = exported
  assign second = goType
  if field.nullable
    assign third = field.name | camel | prepend: '\`json:"' | append: ',omitempty"\`'
  else
    assign third = field.name | camel | prepend: '\`json:"' | append: '"\`'
  endif${addRow}
-%}
{%- endfor -%}
{%- for relationship in foreignKeys -%}
{%- assign pks = relationship.source.fields | where: "primaryKey", true -%}
{%- if pks.size > 0 -%}
{%- liquid
  assign name = relationship.name | append: "_id"${exportedOf}
  assign field = pks.first
  if relationship.onDelete == "setNull"
    assign nullable = true
  else
    assign nullable = false
  endif${typeOf}
  assign tag = name | camel
  if nullable
    assign tag = tag | append: ",omitempty"
  endif
  assign first = exported
  assign second = goType
  assign third = '\`json:"' | append: tag | append: '"\`'${addRow}
-%}
{%- endif -%}
{%- endfor -%}
{%- if entity.auditable -%}
{%- unless needs contains ",time" -%}
{%- assign needs = needs | append: ",time" -%}
{%- endunless -%}
{%- liquid
  unless names contains "createdAt"
    assign first = "CreatedAt"
    assign second = "time.Time"
    assign third = '\`json:"createdAt"\`'${addRow}
  endunless
  unless names contains "updatedAt"
    assign first = "UpdatedAt"
    assign second = "time.Time"
    assign third = '\`json:"updatedAt"\`'${addRow}
  endunless
-%}
{%- endif -%}

{%- if entity.description != blank -%}
{%- liquid
  assign name = structName
  assign text = entity.description${docOf}
-%}
{{ doc }}
{%- else -%}
// {{ structName }} is a row of the {% if entity.tableName != blank %}{{ entity.tableName }}{% else %}{{ entity.name | snake }}{% endif %} table.
{%- endif -%}
type {{ structName }} struct {
{% liquid${alignedRows}
%}}
{%- endfor -%}
{%- endcapture -%}
{%- liquid
  assign imports = "" | split: ","
  if needs contains ",json"
    assign imports = imports | push: "encoding/json"
  endif
  if needs contains ",time"
    assign imports = imports | push: "time"
  endif
-%}
{{ summary | comment: "go" }}
package {{ package }}
{%- if imports.size == 1 -%}

import "{{ imports.first }}"
{%- elsif imports.size > 1 -%}

import (
{%- for import in imports -%}
	"{{ import }}"
{%- endfor -%}
)
{%- endif -%}
{{ declarations | rstrip }}
`;

export const goStructs = defineBuiltin({
  key: "go-structs",
  title: "Go structs",
  summary: "models.go: a struct with json tags per entity, a string type with constants per enum type.",
  starter: "entity-relational",
  language: "go",
  checks: [],
  files: [{ path: "models.go", body }],
  partials: [{ name: "go/package", body: packageName }],
});
