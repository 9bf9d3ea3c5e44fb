/**
 * What a terminal, a log or a reader acts on rather than shows, written out here on its
 * own (not taken from the command's escaping) so the tests check the command against an
 * independent list: C0 and C1 controls, DEL, U+2028/9, the bidi controls, and lone
 * surrogates (not characters; a UTF-8 stream turns them into U+FFFD). Built from
 * strings: a regular-expression literal with control characters reads as a mistake.
 */
const CONTROLS = "\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f";
const OTHERS = "\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";

/** Any acting character, the line feed included. */
export const ACTING = new RegExp(`[${CONTROLS}\\u000a${OTHERS}]|\\p{Cs}`, "u");

/** Any acting character but the line feed, for text made of lines. */
export const ACTING_IN_LINES = new RegExp(`[${CONTROLS}${OTHERS}]|\\p{Cs}`, "u");
