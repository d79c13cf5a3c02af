/**
 * English plural and singular for identifiers (`plural`, `singular` filters), built on `pluralize`.
 *
 * Only the last word (as split by `words`, see `./case.ts`) changes; everything before and after it,
 * separators included, is kept byte for byte, so the input's case style survives:
 * `plural("OrderLine")` is "OrderLines", `plural("order_line")` is "order_lines",
 * `plural("ORDER_LINE")` is "ORDER_LINES", `plural("person")` is "people".
 *
 * The case of the changed word follows the original word: lower-case stays lower-case, Capitalised
 * stays Capitalised, ALL CAPS stays all caps ("USER" → "USERS"). An acronym inside mixed-case text
 * gets a lower-case suffix, so that the result still splits into the same words:
 * `plural("userID")` is "userIDs" and `singular("userIDs")` is "userID".
 *
 * Words that are already plural stay plural (`plural("users")` is "users"); uncountable words stay
 * as they are (`plural("data")`, `plural("news")`). A few words common in software, where
 * `pluralize` gives a Latin or odd answer, are fixed locally (see `PLURAL_FIXES`/`SINGULAR_FIXES`).
 */
import pluralize from "pluralize";
import { wordSpans } from "./case";

/** Local fixes (lower-case word → lower-case result); `pluralize`'s global rules are left untouched. */
const PLURAL_FIXES: ReadonlyMap<string, string> = new Map([
  ["schema", "schemas"],
  ["canvas", "canvases"],
  ["is", "is"],
]);
const SINGULAR_FIXES: ReadonlyMap<string, string> = new Map([
  ["data", "data"],
  ["metadata", "metadata"],
  ["axis", "axis"],
  ["axes", "axis"],
  ["cookies", "cookie"],
  ["canvas", "canvas"],
  ["canvases", "canvas"],
  ["us", "us"],
  ["os", "os"],
  ["is", "is"],
]);

const HAS_LOWER = /\p{Ll}/u;

function inflectLast(text: string, change: (lowerWord: string) => string): string {
  const spans = wordSpans(text);
  const last = spans[spans.length - 1];
  if (!last) return text;
  const word = text.slice(last.start, last.end);
  const changed = inflectWord(word, change, HAS_LOWER.test(text));
  return text.slice(0, last.start) + changed + text.slice(last.end);
}

function inflectWord(word: string, change: (lowerWord: string) => string, textHasLower: boolean): string {
  const lowerWord = word.toLowerCase();
  const result = change(lowerWord);
  if (result === "" || result === lowerWord) return word;
  const allCaps = !HAS_LOWER.test(word) && word !== lowerWord;

  // A suffix added (line → lines): keep the word as written, add the suffix in its case.
  if (result.startsWith(lowerWord)) {
    const suffix = result.slice(lowerWord.length);
    // An acronym inside mixed-case text gets a lower-case suffix (IDs), all-caps text stays all caps.
    return word + (allCaps && !textHasLower ? suffix.toUpperCase() : suffix);
  }
  // A suffix removed (lines → line): keep the rest as written.
  if (lowerWord.startsWith(result)) return word.slice(0, result.length);
  // Anything else (person → people, category → categories): redo the word's case.
  if (allCaps) return result.toUpperCase();
  const first = word.codePointAt(0)!;
  const firstChar = String.fromCodePoint(first);
  if (firstChar !== firstChar.toLowerCase()) {
    const resultFirst = String.fromCodePoint(result.codePointAt(0)!);
    return resultFirst.toUpperCase() + result.slice(resultFirst.length);
  }
  return result;
}

/** The plural of the last word of an identifier, keeping its case style: "OrderLine" → "OrderLines". */
export function plural(text: string): string {
  return inflectLast(text, (w) => PLURAL_FIXES.get(w) ?? pluralize.plural(w));
}

/** The singular of the last word of an identifier, keeping its case style: "order_lines" → "order_line". */
export function singular(text: string): string {
  return inflectLast(text, (w) => SINGULAR_FIXES.get(w) ?? pluralize.singular(w));
}
