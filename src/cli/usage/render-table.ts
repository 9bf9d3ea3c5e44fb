import { cutToColumns, displayWidth, padColumns } from "./display-width.js";
import { terminalText } from "./escape-terminal.js";
import { metricLabel } from "./metric-fields.js";
import { dateOnly, metricTotal, metricValue, showBound, type UsageReport } from "./report.js";
import { fitToWidth, sparkline } from "./sparkline.js";

/** Fewest bars a sparkline keeps, however long the labels beside it. */
const MIN_SPARKLINE_BARS = 10;

/** Widest a metric's heading gets; a longer name from the spec is cut with `…` (json, ndjson and csv keep it whole). */
export const MAX_LABEL_COLUMNS = 32;

export interface TableOptions {
  /**
   * Terminal columns a sparkline line may take (label, two spaces, bars).
   * @default 80
   */
  columns?: number;
}

/**
 * The table for people: aligned columns (times left, numbers right, measured in terminal
 * columns so any script lines up), a total row and a sparkline per metric when there are
 * several windows, each sparkline within `columns`. Every spec-derived name is escaped for
 * the terminal and cut to `MAX_LABEL_COLUMNS`.
 */
export function renderTable(report: UsageReport, { columns = 80 }: TableOptions = {}): string {
  const { rows, fields } = report;
  const short = dateOnly(rows);
  const labels = fields.map((field) => cutToColumns(terminalText(metricLabel(field)), MAX_LABEL_COLUMNS));
  const header = ["from", "to", ...labels];
  const body = rows.map((row) => [
    showBound(row.from, short),
    showBound(row.to, short),
    ...fields.map((field) => String(metricValue(row, field) ?? "")),
  ]);
  const partial = report.missing.length > 0;
  if (rows.length > 1 || (partial && rows.length > 0)) {
    const label = partial ? `total of ${rows.length}/${report.windows.length}` : "total";
    body.push([label, "", ...fields.map((field) => String(metricTotal(rows, field)))]);
  }
  const widths = header.map((title, column) =>
    Math.max(displayWidth(title), ...body.map((cells) => displayWidth(cells[column] ?? ""))),
  );
  // Times align left, numbers right.
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => padColumns(cell, widths[column] ?? 0, column < 2 ? "end" : "start"))
      .join("  ")
      .trimEnd();
  const lines = [line(header), ...body.map(line)];
  if (partial) {
    lines.push(
      `${report.missing.length} of ${report.windows.length} windows missing (failed or not fetched; named on stderr)`,
    );
  }
  if (rows.length > 1) {
    const labelWidth = Math.max(...labels.map(displayWidth));
    const room = Math.max(MIN_SPARKLINE_BARS, columns - labelWidth - 2);
    let perBar = 1;
    const sparklines = fields.map((field, index) => {
      const fitted = fitToWidth(
        rows.map((row) => metricValue(row, field) ?? 0),
        room,
      );
      perBar = fitted.perBar;
      return `${padColumns(labels[index] ?? "", labelWidth, "end")}  ${sparkline(fitted.values)}`;
    });
    lines.push("", ...sparklines);
    if (perBar > 1) lines.push(`(each bar: the mean of ${perBar} windows)`);
  }
  return `${lines.join("\n")}\n`;
}
