import type { Partial } from "../schema";

/**
 * Partials used by more than one built-in (each template carries its own copy, since a template's
 * partials are part of it).
 */

/**
 * Liquid lines: sets `foreignKeys` to the relationships that put a foreign key on `entity` (those
 * that target it, except manyToMany ones), through `_incoming` so that no template loops over every
 * relationship for every entity.
 */
export const foreignKeysOf = `
  assign foreignKeys = entity._incoming.target | where: "source" | reject: "cardinality", "manyToMany"`;

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
