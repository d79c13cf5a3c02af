import { defineBuiltin } from "./define";
import { jsdoc } from "./shared";

/**
 * Java 17 records for the entity-relational starter: one record per entity and one enum per enum
 * type, in the package named by the schema's namespace (or com.example.<schema name>). NOT NULL
 * numbers and booleans are primitives; foreign keys and audit timestamps follow postgres-ddl's
 * conventions. A JSON column is an Object (a Map, List, String, Number or Boolean, as JSON libraries
 * read it), so the records compile without dependencies.
 */

const KEYWORDS = [
  "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue", "default", "do", "double",
  "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
  "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
  "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false",
  "null", "record", "var", "yield",
];

/** The package of a schema's classes. Param: `schema` (may be nil). */
const javaPackage = `{%- liquid
  if schema.namespace != blank
    echo schema.namespace | strip
  elsif schema.name != blank
    assign name = schema.name | snake | remove: "_"
    echo "com.example." | append: name
  else
    echo "com.example"
  endif
-%}`;

/** A record component's name. Param: `name`. */
const component = `{%- liquid
  assign camel = name | camel
  assign key = "," | append: camel | append: ","
  if ",${KEYWORDS.join(",")}," contains key
    assign camel = camel | append: "_"
  endif
  echo camel
-%}`;

/** A field's Java type: a primitive when NOT NULL. Params: `field`, `nullable`. */
const javaType = `{%- liquid
  if field.type == "enumerated" and field.enumType == nil
    assign type = "String"
  elsif field.type == "json"
    assign type = "Object"
  else
    assign type = field | type: "java"
  endif
  if nullable == false
    case type
      when "Integer"
        assign type = "int"
      when "Long"
        assign type = "long"
      when "Boolean"
        assign type = "boolean"
      when "Double"
        assign type = "double"
    endcase
  endif
  echo type
-%}`;

const pathTemplate = `src/main/java/{% capture package %}{% render "java/package", schema: object._container %}{% endcapture %}{{ package | replace: ".", "/" }}/{{ object.name | pascal }}.java`;

const recordBody = `{%- liquid
  assign names = entity.fields | map: "name"
  assign foreignKeys = entity._incoming.target | where: "source" | reject: "cardinality", "manyToMany"
  capture components
    for field in entity.fields
      render "java/type", field: field, nullable: field.nullable
      echo " "
      render "java/component", name: field.name
      echo ",\\n"
    endfor
    for relationship in foreignKeys
      assign pks = relationship.source.fields | where: "primaryKey", true
      if pks.size > 0
        if relationship.onDelete == "setNull"
          assign nullable = true
        else
          assign nullable = false
        endif
        assign name = relationship.name | append: "Id"
        render "java/type", field: pks.first, nullable: nullable
        echo " "
        render "java/component", name: name
        echo ",\\n"
      endif
    endfor
    if entity.auditable
      unless names contains "createdAt"
        echo "OffsetDateTime createdAt,\\n"
      endunless
      unless names contains "updatedAt"
        echo "OffsetDateTime updatedAt,\\n"
      endunless
    endif
  endcapture
  assign components = components | rstrip | remove_last: ","
  assign imports = "" | split: ","
  if components contains "BigDecimal "
    assign imports = imports | push: "java.math.BigDecimal"
  endif
  if components contains "LocalDate "
    assign imports = imports | push: "java.time.LocalDate"
  endif
  if components contains "OffsetDateTime "
    assign imports = imports | push: "java.time.OffsetDateTime"
  endif
  if components contains "UUID "
    assign imports = imports | push: "java.util.UUID"
  endif
-%}
package {% render "java/package", schema: entity._container %};

{%- if imports.size > 0 -%}
{%- for import in imports -%}
import {{ import }};
{%- endfor -%}

{%- endif -%}
{%- if entity.description != blank -%}
{% render "java/doc", text: entity.description %}
{%- endif -%}
public record {{ entity.name | pascal }}(
{{ components | indent: 4 }}
) {}
`;

const enumBody = `package {% render "java/package", schema: enumType._container %};

/** The values of {{ enumType.name }}, each with its stored value. */
public enum {{ enumType.name | pascal }} {
{%- for value in enumType.values -%}
    {{ value | constant }}({{ value | quote: "java" }}){% if forloop.last %};{% else %},{% endif %}
{%- endfor -%}

    private final String value;

    {{ enumType.name | pascal }}(String value) {
        this.value = value;
    }

    /** The value as stored. */
    public String value() {
        return value;
    }
}
`;

export const javaRecords = defineBuiltin({
  key: "java-records",
  title: "Java records",
  summary: "A Java 17 record per entity and an enum per enum type, in the schema's package.",
  starter: "entity-relational",
  language: "java",
  checks: [],
  files: [
    { path: pathTemplate, body: recordBody, forEach: "Entity" },
    { path: pathTemplate, body: enumBody, forEach: "EnumType" },
  ],
  partials: [
    jsdoc("java/doc"),
    { name: "java/package", body: javaPackage },
    { name: "java/component", body: component },
    { name: "java/type", body: javaType },
  ],
});
