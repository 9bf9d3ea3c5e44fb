import { renderHtml } from "./render-html.js";
import { renderOpenMetrics } from "./render-openmetrics.js";
import { csvHeader, csvRow, jsonDocument, ndjsonLine, recordKeys } from "./render-records.js";
import { renderTable, type TableOptions } from "./render-table.js";
import type { UsageReport, UsageRow } from "./report.js";

export const OUTPUT_FORMATS = ["table", "json", "ndjson", "csv", "openmetrics", "html"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * How a format is written while windows arrive: `start` before the first window, `row`
 * for each answered window in window order, `finish` once all are settled. CSV and NDJSON
 * are written row by row (a run cut short keeps what was answered); the others are whole
 * documents, written by `finish`.
 */
export interface OutputWriter {
  start(): string;
  row(row: UsageRow): string;
  finish(report: UsageReport): string;
}

export function createOutputWriter(
  format: OutputFormat,
  fields: UsageReport["fields"],
  options: TableOptions = {},
): OutputWriter {
  const keys = recordKeys(fields);
  const whole = (render: (report: UsageReport) => string): OutputWriter => ({
    start: () => "",
    row: () => "",
    finish: render,
  });
  switch (format) {
    case "csv":
      return { start: () => csvHeader(fields), row: (row) => csvRow(row, fields), finish: () => "" };
    case "ndjson":
      return { start: () => "", row: (row) => ndjsonLine(row, fields, keys), finish: () => "" };
    case "json":
      return whole((report) => jsonDocument(report.rows, report.fields));
    case "openmetrics":
      return whole(renderOpenMetrics);
    case "html":
      return whole(renderHtml);
    case "table":
      return whole((report) => renderTable(report, options));
  }
}

/** The whole output of a finished run in one string (what the writer writes, joined). */
export function renderUsage(report: UsageReport, format: OutputFormat, options: TableOptions = {}): string {
  const writer = createOutputWriter(format, report.fields, options);
  return writer.start() + report.rows.map((row) => writer.row(row)).join("") + writer.finish(report);
}
