/**
 * Text from the spec (metric names) or from a server (error messages) on its way to a
 * terminal, a log line or any other sink that reads characters as commands.
 */

/**
 * The characters that act rather than read: C0 controls (ESC starts a terminal escape, CR
 * and LF start a new log line), DEL, C1 controls (U+009B is CSI on its own), the line and
 * paragraph separators, and the Unicode bidirectional controls that reorder what a reader
 * sees (CVE-2021-42574). A string, because a regular-expression literal holding control
 * characters reads as a mistake.
 */
export const ACTING_CHARACTERS =
  "\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";

const ACTING = new RegExp(`[${ACTING_CHARACTERS}]`, "g");

/**
 * Half of a surrogate pair standing alone (a JSON string may hold one as an escape): not a
 * character, and written to a UTF-8 stream as U+FFFD. Matched in `u` mode, where a
 * pair is one code point and only a lone half matches.
 */
export const LONE_SURROGATE = /\p{Cs}/gu;

/** `\u001b`: a character written as the escape a reader can see and a terminal ignores. */
export function visibleEscape(char: string): string {
  return `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`;
}

/** True when the text holds a character of `ACTING_CHARACTERS`. */
export function hasActingCharacters(text: string): boolean {
  ACTING.lastIndex = 0;
  LONE_SURROGATE.lastIndex = 0;
  return ACTING.test(text) || LONE_SURROGATE.test(text);
}

/**
 * Text safe for a terminal: every acting character written as a visible `\uXXXX` escape,
 * and backslashes doubled so that an escape we wrote is never confused with one the text
 * held. Nothing else changes, so an ordinary name reads as it is.
 */
export function terminalText(text: string): string {
  if (!hasActingCharacters(text) && !text.includes("\\")) return text;
  return text.replaceAll("\\", "\\\\").replace(ACTING, visibleEscape).replace(LONE_SURROGATE, visibleEscape);
}

/** Longest piece of server text quoted in one message line. */
export const MAX_QUOTED_LENGTH = 300;

/** Server text for a message line: `terminalText`, cut to `max` characters with the length said. */
export function quotedText(text: string, max = MAX_QUOTED_LENGTH): string {
  const safe = terminalText(text);
  return safe.length > max ? `${safe.slice(0, max)}…(${text.length} chars)` : safe;
}
