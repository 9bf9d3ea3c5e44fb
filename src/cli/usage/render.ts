import type { UsageMetrics } from "../../usage-metrics.js";
import { type MetricField, metricLabel } from "./metric-fields.js";
import { sparkline } from "./sparkline.js";

export type OutputFormat = "table" | "json" | "csv";

/** One line of output: the metrics of `[from, to)`, or of the API's default window when unset. */
export interface UsageRow {
  from: Date | undefined;
  to: Date | undefined;
  metrics: UsageMetrics;
}

function isMidnight(date: Date | undefined): boolean {
  return date === undefined || date.getTime() % 86_400_000 === 0;
}

/** ISO 8601 in UTC, without milliseconds. */
function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** RFC 4180 §2: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A metric of a row. A field the spec marks optional may be absent from an answer: it
 * shows as empty (null in JSON) and counts as nothing in totals and sparklines.
 */
function metric(row: UsageRow, field: MetricField): number | undefined {
  const value: unknown = row.metrics[field];
  return typeof value === "number" ? value : undefined;
}

function total(rows: readonly UsageRow[], fields: readonly MetricField[]): Record<MetricField, number> {
  return Object.fromEntries(
    fields.map((field) => [field, rows.reduce((sum, row) => sum + (metric(row, field) ?? 0), 0)]),
  ) as Record<MetricField, number>;
}

function renderTable(rows: readonly UsageRow[], fields: readonly MetricField[]): string {
  const dateOnly = rows.every((row) => isMidnight(row.from) && isMidnight(row.to));
  const show = (date: Date | undefined) =>
    date === undefined ? "(API default)" : dateOnly ? iso(date).slice(0, 10) : iso(date);
  const header = ["from", "to", ...fields.map(metricLabel)];
  const body = rows.map((row) => [
    show(row.from),
    show(row.to),
    ...fields.map((field) => String(metric(row, field) ?? "")),
  ]);
  if (rows.length > 1) {
    const sums = total(rows, fields);
    body.push(["total", "", ...fields.map((field) => String(sums[field]))]);
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => cells[column]?.length ?? 0)),
  );
  // Times align left, numbers right.
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  const lines = [line(header), ...body.map(line)];
  if (rows.length > 1) {
    const labelWidth = Math.max(...fields.map((field) => metricLabel(field).length));
    lines.push(
      "",
      ...fields.map(
        (field) => `${metricLabel(field).padEnd(labelWidth)}  ${sparkline(rows.map((row) => metric(row, field) ?? 0))}`,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Renders the rows: `table` (aligned columns, a total row and a sparkline per metric when
 * there are several windows), `json` (an array of `{ from, to, ...metrics }` with ISO
 * times, one per window) or `csv` (a header row, then one row per window, RFC 4180).
 */
export function renderUsage(rows: readonly UsageRow[], fields: readonly MetricField[], format: OutputFormat): string {
  if (format === "json") {
    const objects = rows.map((row) => ({
      from: row.from ? iso(row.from) : null,
      to: row.to ? iso(row.to) : null,
      ...Object.fromEntries(fields.map((field) => [field, metric(row, field) ?? null])),
    }));
    return `${JSON.stringify(objects, null, 2)}\n`;
  }
  if (format === "csv") {
    const lines = [
      ["from", "to", ...fields].map(csvField).join(","),
      ...rows.map((row) =>
        [row.from ? iso(row.from) : "", row.to ? iso(row.to) : "", ...fields.map((field) => metric(row, field) ?? "")]
          .map(csvField)
          .join(","),
      ),
    ];
    return `${lines.join("\r\n")}\r\n`;
  }
  return renderTable(rows, fields);
}
