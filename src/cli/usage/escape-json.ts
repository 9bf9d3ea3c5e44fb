/**
 * Characters JSON.stringify leaves raw that act on a terminal or a reader: DEL, the C1
 * controls, line and paragraph separators, bidi controls. (It escapes C0 itself.)
 */
const RAW_AFTER_STRINGIFY = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `JSON.stringify`, with the acting characters it leaves raw written as `\uXXXX`: the same
 * JSON value (a parser reads back exactly the names the spec gave), and text that is safe
 * to print on a terminal.
 */
export function safeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    RAW_AFTER_STRINGIFY,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
