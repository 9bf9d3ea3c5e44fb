import { oneLine } from "../../../src/untrusted-text.js";

/** Something a document does that the specification does not allow but that endangers nothing. */
export interface DocumentWarning {
  message: string;
  /** JSON pointer of the place, as `#/…`. */
  pointer: string;
}

/** Warning lines shown at the most for one document; the rest are counted. */
export const MAX_WARNINGS_SHOWN = 20;

/**
 * The lines a command prints for a document's warnings: each distinct warning once, with
 * its pointer, at most `max` of them, then one line counting the rest.
 */
export function warningLines(origin: string, warnings: readonly DocumentWarning[], max = MAX_WARNINGS_SHOWN): string[] {
  const distinct = [...new Set(warnings.map(({ message, pointer }) => `${message} at ${pointer}`))];
  const lines = distinct.slice(0, max).map((text) => `warning: ${oneLine(origin)}: ${oneLine(text)}`);
  const more = distinct.length - lines.length;
  if (more > 0) lines.push(`warning: ${oneLine(origin)}: … and ${more} more warnings (${distinct.length} in all)`);
  return lines;
}
