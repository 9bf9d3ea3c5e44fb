import { ACTING_CHARACTERS, LONE_SURROGATE, visibleEscape } from "./escape-terminal.js";

const ACTING = new RegExp(`[${ACTING_CHARACTERS}]`, "g");
const HTML_SPECIAL: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text for HTML, in element content and in quoted attribute values alike (HTML Living
 * Standard §13.1.2.6, §13.2.4): `& < > " '` as character references, and the controls
 * and bidi characters (not allowed in HTML text, or reordering it) as visible `\uXXXX`.
 */
export function htmlText(text: string): string {
  return text
    .replace(ACTING, visibleEscape)
    .replace(LONE_SURROGATE, visibleEscape)
    .replace(/[&<>"']/g, (char) => HTML_SPECIAL[char] ?? char);
}
