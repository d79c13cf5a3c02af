/**
 * Word splitting and case conversion for template filters (`camel`, `pascal`, `snake`, `kebab`,
 * `constant`, `title`, `dot`). Pure string functions; the filter wrappers in `./filters.ts` check
 * their input.
 *
 * How text is split into words (`words`):
 * - Any character that is not a letter, a digit or a combining mark separates words: `_`, `-`,
 *   spaces, `.`, `/`, `:` and so on. Separators are never part of a word.
 * - A capital after a lower-case letter or a digit starts a word: `userService` → user|Service,
 *   `v2Api` → v2|Api, `base64Encode` → base64|Encode.
 * - In a run of capitals, the last one starts a new word when a lower-case letter follows it:
 *   `HTTPServer` → HTTP|Server, `XMLHttpRequest` → XML|Http|Request. A run at the end stays whole:
 *   `userID` → user|ID.
 * - A plural acronym stays whole: a run of 2+ capitals followed by a lone `s` (`userIDs`, `APIs`) is
 *   one word (IDs, APIs), so that `plural("userID")` (= "userIDs") splits back into the same words.
 * - Digits stick to the letters before them and to lower-case letters after them (`v2`, `utf8`,
 *   `html5`, `2fa`); they never start a word on their own unless they follow a separator.
 * - Letters without case (CJK, …) behave like lower-case letters.
 *
 * Acronyms: the code cases (`camel`, `pascal`, `snake`, `kebab`, `constant`, `dot`) treat an acronym
 * as an ordinary word, so only its first letter can be a capital: `pascal("http server")` and
 * `pascal("HTTPServer")` are both "HttpServer", `camel("HTTPServer")` is "httpServer" and
 * `camel("userID")` is "userId". This makes every conversion round-trip through `words`.
 * `title` is for people, so it keeps acronyms from mixed-case input (`title("userID")` is "User ID",
 * `title("HTTPServer")` is "HTTP Server"); text with no lower-case letter at all (CONSTANT_CASE) is
 * treated as ordinary words (`title("USER_ID")` is "User Id").
 */

/** Where one word sits in the text: `text.slice(start, end)`. */
export interface WordSpan {
  start: number;
  end: number;
}

const Kind = { Upper: 0, Lower: 1, Digit: 2, Mark: 3, Separator: 4 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

const UPPER = /^\p{Lu}$|^\p{Lt}$/u;
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{N}$/u;
const MARK = /^\p{M}$/u;

function kindOf(ch: string): Kind {
  if (LETTER.test(ch)) return UPPER.test(ch) ? Kind.Upper : Kind.Lower;
  if (DIGIT.test(ch)) return Kind.Digit;
  if (MARK.test(ch)) return Kind.Mark;
  return Kind.Separator;
}

/** The words of `text`, as positions in it (see the module comment for the rules). */
export function wordSpans(text: string): WordSpan[] {
  // Work on code points (not UTF-16 units), remembering where each one starts.
  const chars: string[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const ch of text) {
    chars.push(ch);
    offsets.push(offset);
    offset += ch.length;
  }
  offsets.push(offset);

  // Combining marks take the kind of the character they sit on.
  const kinds: Kind[] = [];
  for (let i = 0; i < chars.length; i++) {
    const k = kindOf(chars[i]!);
    kinds.push(k === Kind.Mark ? (i > 0 ? kinds[i - 1]! : Kind.Separator) : k);
  }

  const spans: WordSpan[] = [];
  let start = -1;
  for (let i = 0; i < chars.length; i++) {
    const k = kinds[i]!;
    if (k === Kind.Separator) {
      if (start >= 0) spans.push({ start: offsets[start]!, end: offsets[i]! });
      start = -1;
      continue;
    }
    if (start < 0) {
      start = i;
      continue;
    }
    if (isBoundary(chars, kinds, i)) {
      spans.push({ start: offsets[start]!, end: offsets[i]! });
      start = i;
    }
  }
  if (start >= 0) spans.push({ start: offsets[start]!, end: offsets[chars.length]! });
  return spans;
}

/** Does a new word start at `i` (which is not the first character of a word)? */
function isBoundary(chars: string[], kinds: Kind[], i: number): boolean {
  const prev = kinds[i - 1]!;
  const cur = kinds[i]!;
  if (cur !== Kind.Upper) return false;
  if (prev === Kind.Lower || prev === Kind.Digit) return true;
  if (prev !== Kind.Upper) return false;
  // Inside a run of capitals: split before the last capital when a lower-case letter follows it
  // (HTTP|Server), except for a plural acronym: capitals + a lone "s" (IDs, APIs).
  if (kinds[i + 1] !== Kind.Lower) return false;
  const pluralAcronym = chars[i + 1] === "s" && kinds[i + 2] !== Kind.Lower;
  return !pluralAcronym;
}

/** The words of `text`: `words("HTTPServer")` is ["HTTP", "Server"], `words("v2Api")` is ["v2", "Api"]. */
export function words(text: string): string[] {
  return wordSpans(text).map((s) => text.slice(s.start, s.end));
}

/** First character upper-case, the rest lower-case: "hTTP" → "Http". */
export function capitalize(word: string): string {
  const code = word.codePointAt(0);
  if (code === undefined) return "";
  const first = String.fromCodePoint(code);
  return first.toUpperCase() + word.slice(first.length).toLowerCase();
}

const lower = (w: string) => w.toLowerCase();
const upper = (w: string) => w.toUpperCase();

/** userService */
export function camel(text: string): string {
  return words(text)
    .map((w, i) => (i === 0 ? lower(w) : capitalize(w)))
    .join("");
}

/** UserService */
export function pascal(text: string): string {
  return words(text).map(capitalize).join("");
}

/** user_service */
export function snake(text: string): string {
  return words(text).map(lower).join("_");
}

/** user-service */
export function kebab(text: string): string {
  return words(text).map(lower).join("-");
}

/** USER_SERVICE */
export function constant(text: string): string {
  return words(text).map(upper).join("_");
}

/** user.service */
export function dot(text: string): string {
  return words(text).map(lower).join(".");
}

const HAS_LOWER = /\p{Ll}/u;
const ACRONYM = /^[\p{Lu}\p{N}]*\p{Lu}[\p{Lu}\p{N}]*s?$/u;

/** User Service; keeps acronyms from mixed-case text ("userID" → "User ID"). */
export function title(text: string): string {
  const keepAcronyms = HAS_LOWER.test(text);
  return words(text)
    .map((w) => (keepAcronyms && w.length >= 2 && ACRONYM.test(w) ? w : capitalize(w)))
    .join(" ");
}
