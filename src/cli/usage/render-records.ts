import { csvRecord } from "./escape-csv.js";
import { safeJson } from "./escape-json.js";
import { type MetricField, uniqueNames } from "./metric-fields.js";
import { iso, metricValue, type UsageRow } from "./report.js";

/**
 * The formats with one record per window, which can be written as each window arrives:
 * CSV and NDJSON row by row, and JSON (the same objects in one array).
 */

/** The keys of a JSON record: `from`, `to`, then each metric's name (made unique if the spec reuses one). */
export function recordKeys(fields: readonly MetricField[]): string[] {
  return uniqueNames(["from", "to", ...fields]);
}

/** One window as a JSON object: ISO bounds (null for the API's default window), metrics or null. */
export function recordObject(row: UsageRow, fields: readonly MetricField[], keys: readonly string[]) {
  const values = [
    row.from ? iso(row.from) : null,
    row.to ? iso(row.to) : null,
    ...fields.map((field) => metricValue(row, field) ?? null),
  ];
  return Object.fromEntries(keys.map((key, index) => [key, values[index]]));
}

/** The CSV header record (RFC 4180 §2.3): `from,to` and the metric names as the spec gives them. */
export function csvHeader(fields: readonly MetricField[]): string {
  return csvRecord(["from", "to", ...fields]);
}

/** One window as a CSV record; a metric the answer lacks is an empty field. */
export function csvRow(row: UsageRow, fields: readonly MetricField[]): string {
  return csvRecord([
    row.from ? iso(row.from) : "",
    row.to ? iso(row.to) : "",
    ...fields.map((field) => metricValue(row, field) ?? ""),
  ]);
}

/** One window as an NDJSON line (one JSON object, then LF). */
export function ndjsonLine(row: UsageRow, fields: readonly MetricField[], keys: readonly string[]): string {
  return `${safeJson(recordObject(row, fields, keys))}\n`;
}

/** Every window as one JSON array, two-space indented. */
export function jsonDocument(rows: readonly UsageRow[], fields: readonly MetricField[]): string {
  const keys = recordKeys(fields);
  return `${safeJson(
    rows.map((row) => recordObject(row, fields, keys)),
    2,
  )}\n`;
}
