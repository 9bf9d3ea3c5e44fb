import type { DiffReport } from "../change.js";

/**
 * The stable JSON shape of a report (documented in the README):
 * `{ summary: { breaking, warning, info, paths, operations, schemas }, changes: [{ id,
 * level, operation, location, message, usedBy? }] }`. Fields are only ever added.
 */
export function formatJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
