/**
 * Text that comes from the upstream document (names, paths, ids, enum values) or from a
 * server is data. It reaches generated files, terminals, CI logs and pull-request bodies
 * only through these functions, each of which makes it inert where it lands.
 */

/**
 * Characters that change what surrounds them, or that a reader cannot see: C0 and C1
 * controls (terminal escapes, line breaks), U+2028/U+2029 (line terminators to
 * JavaScript), lone surrogates, and Unicode's default-ignorable code points
 * (DerivedCoreProperties.txt, `Default_Ignorable_Code_Point`): the bidirectional controls
 * (which reorder what a reviewer sees, CVE-2021-42574), zero-width characters (U+200B–U+200D,
 * U+2060, U+FEFF), the soft hyphen, variation selectors, Hangul fillers and the whole tag
 * block (U+E0000–U+E007F), with which two names that look the same are different names.
 */
const INVISIBLE = /[\p{Cc}\p{Cs}\u2028\u2029\p{Default_Ignorable_Code_Point}]/gu;
/** The same, and the backtick, which ends a Markdown code span. */
const UNSAFE_IN_MESSAGES = /[\p{Cc}\p{Cs}\u2028\u2029\p{Default_Ignorable_Code_Point}`]/gu;
/**
 * What JSON.stringify leaves raw that must not be raw in generated code: all of the above
 * but C0 and lone surrogates (JSON escapes those) and the backtick (harmless in a string).
 */
const RAW_AFTER_JSON = /[\u007f-\u009f\u2028\u2029\p{Default_Ignorable_Code_Point}]/gu;
/** Everything but the tab that would break, garble or reorder a comment line. */
const LINE_BREAKS_AND_CONTROLS = /[^\P{Cc}\t]|[\u2028\u2029\p{Default_Ignorable_Code_Point}]/gu;
/** Combining marks, shown escaped in text that is not in NFC (so `cafe\u0301` does not read as `café`). */
const COMBINING_MARK = /\p{M}/gu;

/** A character as JavaScript and JSON escapes of its UTF-16 units (U+E0041 is `\udb40\udc41`). */
function escapeChar(char: string): string {
  let escaped = "";
  for (let unit = 0; unit < char.length; unit++) escaped += `\\u${char.charCodeAt(unit).toString(16).padStart(4, "0")}`;
  return escaped;
}

/** Longest piece of untrusted text shown in one message; the rest is cut with its length. */
export const MAX_SHOWN_LENGTH = 200;

function cut(text: string): string {
  return text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH)}…(${text.length} chars)` : text;
}

/**
 * Untrusted text for a message (terminal, log, Markdown, annotation): every unsafe
 * character written as a `\uXXXX` escape (backslashes doubled, so an escape is never
 * ambiguous) and very long text cut, so it cannot move the cursor, start a new log line,
 * reorder a line or leave a code span.
 */
export function displayText(text: string): string {
  const shown = text.replaceAll("\\", "\\\\").replace(UNSAFE_IN_MESSAGES, escapeChar);
  // Two spellings of one word (NFC `é`, NFD `e` + U+0301) look alike: the decomposed one shows its marks.
  return cut(shown === shown.normalize("NFC") ? shown : shown.replace(COMBINING_MARK, escapeChar));
}

/** `displayText` inside a Markdown code span: `` `name` ``. */
export function code(text: string): string {
  return `\`${displayText(text)}\``;
}

/**
 * What Markdown, or GitHub's rendering of it, reads as syntax outside a code span: HTML tags
 * and entities (`<`, `&`), links and images (`[`, `!`), emphasis and strikethrough (`*`, `_`,
 * `~`), mentions (`@`), issue references (`#1`), math (`$`), escapes (`\`) and a stray
 * backtick. Escaping them with backslashes is not enough: GitHub finds mentions and
 * references in the text Markdown leaves, so such words go inside a code span, the one place
 * where nothing is read (GitHub Flavored Markdown spec, 6.1 and 6.11).
 */
const ACTIVE_IN_PROSE = /[<>&[\]!*_~@#$\\`^]/;
/** Words GitHub links without any syntax: URLs, `www.` hosts, `:emoji:`, commit hashes, `GH-1`. */
const AUTOLINKED = /:\/\/|www\.|:[\w+-]+:|^[(]?[0-9a-f]{7,40}\b|\bGH-\d/i;

/**
 * A message for a Markdown report (a table cell, a list item, a pull-request body, a
 * changelog): its code spans (`` `name` ``, as `code` writes them) are kept, and every word
 * outside them that Markdown or GitHub would read as syntax is put in a code span too, so
 * text from the document is inert wherever the differ placed it. One line, like `oneLine`.
 */
export function markdownInline(message: string): string {
  const parts = oneLine(message).split("`");
  // An even number of parts: the last backtick opens no span; it is text.
  if (parts.length % 2 === 0) {
    const rest = parts.pop() as string;
    parts.push(`${parts.pop() as string}\\u0060${rest}`);
  }
  const pieces = parts
    .flatMap((part, index) =>
      index % 2 === 1
        ? [{ code: true, text: part }]
        : part
            .split(/(\s+)/)
            .map((word) => ({ code: ACTIVE_IN_PROSE.test(word) || AUTOLINKED.test(word), text: word })),
    )
    .filter((piece) => piece.text !== "");
  // The space between two spans joins them, so `<img src=x>` reads as one span rather than two.
  pieces.forEach((piece, index) => {
    if (piece.text.trim() === "" && pieces[index - 1]?.code && pieces[index + 1]?.code) piece.code = true;
  });
  let markdown = "";
  pieces.forEach((piece, index) => {
    // Spans side by side are one span: two would touch as a run of two backticks.
    const opens = piece.code && !pieces[index - 1]?.code;
    const closes = piece.code && !pieces[index + 1]?.code;
    markdown += `${opens ? "`" : ""}${piece.text}${closes ? "`" : ""}`;
  });
  return markdown;
}

/**
 * Untrusted text as a double-quoted JSON string literal that is also safe inside a
 * JavaScript block comment (`*​/` written `*\/`, a JSON escape too) and free of line
 * terminators and bidi controls. Nothing is cut: the text survives a round trip through
 * `JSON.parse`.
 */
export function quoted(text: string): string {
  return JSON.stringify(text).replaceAll("*/", "*\\/").replace(RAW_AFTER_JSON, escapeChar);
}

/**
 * A line for a `/** … *​/` comment: whatever it holds, it cannot end the comment or the
 * line. Used on every banner line as the last guard, after `quoted` made its untrusted
 * parts readable.
 */
export function commentLine(text: string): string {
  return text.replaceAll("*/", "*\\/").replace(LINE_BREAKS_AND_CONTROLS, escapeChar);
}

/**
 * The last guard before a message reaches a terminal or a CI log: control characters,
 * line terminators and bidi controls escaped, so a message is always exactly one line
 * (a CI runner reads a line that starts with `::` as a command).
 */
export function oneLine(text: string): string {
  return text.replace(INVISIBLE, escapeChar);
}
