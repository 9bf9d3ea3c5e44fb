import { ACTING_CHARACTERS, LONE_SURROGATE, visibleEscape } from "./escape-terminal.js";

/**
 * What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): a first
 * character of `=`, `+`, `-`, `@`, tab or carriage return; ASVS 1.2.10 adds NUL. The
 * full-width forms are included because some spreadsheets fold them to ASCII, and leading
 * spaces are looked through because some trim them before deciding.
 */
const FORMULA_START = /^[ ]*[=+\-@\t\r\n\0\uff1d\uff0b\uff0d\uff20]/;

/** Controls and bidi characters other than the line breaks and tab, which RFC 4180 quoting carries. */
const ACTING = new RegExp(`[${ACTING_CHARACTERS}]`, "g");

/**
 * One CSV field (RFC 4180 §2): numbers as they are; text with every acting character
 * written as a visible `\uXXXX` escape (so the file is safe to `cat`, and a cell never
 * holds a line break), a leading `'` when it would start a formula (OWASP's advice: the
 * quote makes a spreadsheet show the cell as text), and quoted, quotes doubled, when it
 * holds a comma, a quote, a `'` we added or a leading or trailing space, or a semicolon:
 * a spreadsheet in a locale whose decimal mark is the comma splits CSV at `;`, and a
 * `;=HYPERLINK(…)` inside a name would start a cell of its own (OWASP: "take care of the
 * field separator").
 */
export function csvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const formula = FORMULA_START.test(value);
  const text = `${formula ? "'" : ""}${value.replace(ACTING, visibleEscape).replace(LONE_SURROGATE, visibleEscape)}`;
  return formula || /[",;]|^ | $/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record; RFC 4180 §2 ends each with CRLF. */
export function csvRecord(cells: readonly (string | number)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
