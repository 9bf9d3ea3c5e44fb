import type { MetricField } from "../../src/cli/usage/metric-fields.js";
import { type OutputFormat, renderUsage } from "../../src/cli/usage/render.js";
import type { ReportWindow, UsageRow } from "../../src/cli/usage/report.js";
import { specMetricFields } from "./spec-metrics.js";
import { expectedMetrics } from "./usage-server.js";

/** `count` calendar days from `first` (an ISO date), as the command cuts `--interval day`. */
export function dayWindows(first: string, count: number): ReportWindow[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, day) => ({
    from: new Date(start + day * 86_400_000),
    to: new Date(start + (day + 1) * 86_400_000),
  }));
}

const seconds = (date: Date | undefined) => (date === undefined ? 0 : date.getTime() / 1000);

/** A window with the metrics the test server gives it (every metric of the spec this test runs on). */
export function answered(window: ReportWindow): UsageRow {
  return {
    ...window,
    metrics: expectedMetrics(seconds(window.from), seconds(window.to)) as unknown as UsageRow["metrics"],
  };
}

/**
 * What the command prints for `windows` of which those at `missingIndexes` have no answer:
 * rendered over the spec's metric fields read from its YAML, so that the expectation
 * follows the spec rather than the command.
 */
export function expectedOutput(
  windows: readonly ReportWindow[],
  format: OutputFormat,
  {
    missing = [],
    org = "org-abc",
    now = new Date(0),
    columns = 80,
  }: {
    missing?: readonly number[];
    org?: string;
    now?: Date;
    columns?: number;
  } = {},
): string {
  const rows = windows.filter((_, index) => !missing.includes(index)).map(answered);
  return renderUsage(
    {
      org,
      fields: specMetricFields() as MetricField[],
      windows,
      rows,
      missing: windows.filter((_, index) => missing.includes(index)),
      generatedAt: now,
      version: "",
    },
    format,
    { columns },
  );
}
