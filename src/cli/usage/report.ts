import type { UsageMetrics } from "../../usage-metrics.js";
import type { MetricField } from "./metric-fields.js";

/** `[from, to)`; both unset for the API's own default window (a call without times). */
export interface ReportWindow {
  /** Inclusive. */
  from: Date | undefined;
  /** Exclusive. */
  to: Date | undefined;
}

/** One answered window: the metrics the API gave for it. */
export interface UsageRow extends ReportWindow {
  metrics: UsageMetrics;
}

/** Everything a format needs to render a run, complete or not. */
export interface UsageReport {
  /** The organization asked about. */
  org: string;
  /** The metric columns: the spec's numeric fields, in its order. */
  fields: readonly MetricField[];
  /** Every window of the run, in order. */
  windows: readonly ReportWindow[];
  /** The windows the API answered (or a resume file held), in window order. */
  rows: readonly UsageRow[];
  /** The windows that failed or were not fetched, in window order. */
  missing: readonly ReportWindow[];
  /** When the report was made (`--now`, else the clock). */
  generatedAt: Date;
  /** This package's version, for the page's footer. */
  version: string;
}

/**
 * A metric of a row. A field the spec marks optional may be absent from an answer, and a
 * server may send something that is not a number: either shows as empty (null in JSON)
 * and counts as nothing in totals and charts.
 */
export function metricValue(row: UsageRow, field: MetricField): number | undefined {
  const value: unknown = row.metrics[field];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The sum of a metric over the rows. */
export function metricTotal(rows: readonly UsageRow[], field: MetricField): number {
  return rows.reduce((sum, row) => sum + (metricValue(row, field) ?? 0), 0);
}

/** ISO 8601 in UTC, without milliseconds. */
export function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function isMidnight(date: Date | undefined): boolean {
  return date === undefined || date.getTime() % 86_400_000 === 0;
}

/** True when every bound falls on midnight UTC, so dates alone name the windows. */
export function dateOnly(windows: readonly ReportWindow[]): boolean {
  return windows.every((window) => isMidnight(window.from) && isMidnight(window.to));
}

/** A bound as a person reads it: the date alone when `short`, else the ISO time. */
export function showBound(date: Date | undefined, short: boolean): string {
  if (date === undefined) return "(API default)";
  return short ? iso(date).slice(0, 10) : iso(date);
}

/** `[2026-11-03, 2026-11-04)`: a window in messages, half-open as the API counts it. */
export function windowName(window: ReportWindow): string {
  if (window.from === undefined && window.to === undefined) return "the API's default window";
  const short = dateOnly([window]);
  return `[${showBound(window.from, short)}, ${showBound(window.to, short)})`;
}
