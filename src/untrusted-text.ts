/**
 * Text that comes from the upstream document (names, paths, ids, enum values) or from a
 * server is data. It reaches generated files, terminals, CI logs and pull-request bodies
 * only through these functions, each of which makes it inert where it lands.
 */

/**
 * Characters that change what surrounds them rather than read as text: C0 and C1 controls
 * (terminal escapes, line breaks), U+2028/U+2029 (line terminators to JavaScript) and the
 * Unicode bidirectional controls (which reorder what a reviewer sees, CVE-2021-42574).
 * Built from a string because a regular-expression literal with control characters reads
 * as a mistake.
 */
const INVISIBLE = "\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
const INVISIBLE_CHARS = new RegExp(`[${INVISIBLE}]`, "g");
/** The same, and the backtick, which ends a Markdown code span. */
const UNSAFE_IN_MESSAGES = new RegExp(`[${INVISIBLE}\`]`, "g");
/** What JSON.stringify leaves raw that must not be raw in generated code: all but C0 (JSON escapes those). */
const RAW_AFTER_JSON = new RegExp(`[${INVISIBLE.slice(INVISIBLE.indexOf("\\u007f"))}]`, "g");
/** Everything but the tab that would break or garble a comment line. */
const TAB_IS_FINE = "\\u0000-\\u0008\\u000a-\\u001f";
const LINE_BREAKS_AND_CONTROLS = new RegExp(`[${TAB_IS_FINE}\\u007f-\\u009f\\u2028\\u2029]`, "g");

const escapeChar = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

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
  return cut(text.replaceAll("\\", "\\\\").replace(UNSAFE_IN_MESSAGES, escapeChar));
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
  return text.replace(INVISIBLE_CHARS, escapeChar);
}
