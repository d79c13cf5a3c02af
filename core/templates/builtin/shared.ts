import type { Partial } from "../schema";

/**
 * Partials used by more than one built-in (each template carries its own copy, since a template's
 * partials are part of it).
 */

/**
 * Finding an entity's relationships fast. Looping over every relationship for every entity is
 * quadratic, too slow for models of a thousand entities; instead a per-model template builds a
 * "map" once, a string `|<id>:<position>|<id>:<position>|` of each relationship's source or target
 * id and its position in the list, and finds an entity's relationships with `split` (native string
 * work):
 *
 *   capture incoming
 *     render "relationship-map", relationships: relationships, end: "target"
 *   endcapture
 *   ...
 *   assign key = "|" | append: entity._id | append: ":"
 *   assign parts = incoming | split: key          (then each part after the first starts with a position)
 *
 * Params: `relationships`, `end` ("source" or "target").
 */
export const relationshipMap: Partial = {
  name: "relationship-map",
  body: `{%- for relationship in relationships -%}|{{ relationship[end]._id }}:{{ forloop.index0 }}{%- endfor -%}|`,
};

/** Liquid lines: sets `found` to the positions (an array) of the relationships `map` lists for `entity`. */
export const findRelationships = (map: string) => `
  assign key = "|" | append: entity._id | append: ":"
  capture found
    if ${map} contains key
      assign parts = ${map} | split: key
      for part in parts offset: 1
        echo part | split: "|" | first | append: ","
      endfor
    endif
  endcapture
  assign found = found | split: ","`;

/** A JSDoc/Javadoc comment for `text`, on one line when the text has one line. Param: `text`. */
export const jsdoc = (name: string): Partial => ({
  name,
  body: `{%- liquid
  assign lines = text | strip | replace: "*/", "*\\\\/" | split: "\\n"
  if lines.size == 1
    echo "/** " | append: lines.first | append: " */"
  else
    echo "/**"
    for line in lines
      assign trimmed = line | rstrip
      echo "\\n *"
      if trimmed != blank
        echo " " | append: trimmed
      endif
    endfor
    echo "\\n */"
  endif
-%}`,
});

/**
 * Liquid lines: sets `a` to "a" or "an" for the word in `word` (by its first letters: "an order",
 * "a user", "a unit").
 */
export const articleOf = `
  assign initial = word | slice: 0 | downcase
  assign start = word | slice: 0, 3 | downcase
  if ",uni,use,usa,usu,uti,ure,uri,uro,eu,eul,eur,one," contains start
    assign a = "a"
  elsif "aeiou" contains initial
    assign a = "an"
  else
    assign a = "a"
  endif`;

/** The word with "a" or "an" before it. Param: `word`. */
export const article = (name: string): Partial => ({
  name,
  body: `{%- liquid${articleOf}
  echo a | append: " " | append: word
-%}`,
});

/** Liquid lines: sets `tidy` to the text in `text`, stripped, without spaces at the ends of its lines. */
export const tidyText = `
  assign lines = text | strip | split: "\\n"
  capture tidy
    for line in lines
      echo line | rstrip
      unless forloop.last
        echo "\\n"
      endunless
    endfor
  endcapture`;
