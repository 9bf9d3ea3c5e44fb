import { htmlText } from "./escape-html.js";
import { metricLabel } from "./metric-fields.js";
import {
  dateOnly,
  iso,
  metricTotal,
  metricValue,
  type ReportWindow,
  showBound,
  type UsageReport,
  type UsageRow,
  windowName,
} from "./report.js";
import { barChart, formatNumber } from "./svg-chart.js";

/**
 * Nothing may load: no script, no font, no image, no request at all, whatever a name from
 * the spec held. The page's own style is the one thing allowed.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 2rem auto; max-width: 960px; padding: 0 1rem; color: #1f2328; background: #ffffff; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.meta { color: #59636e; margin: 0 0 1.5rem; }
.warning { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: .6rem .9rem; }
figure { margin: 0 0 1.5rem; }
figcaption { font-weight: 600; margin-bottom: .25rem; overflow-wrap: anywhere; }
figcaption .field, td.field { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 400; color: #59636e; }
figcaption .total { font-weight: 400; color: #59636e; }
svg { max-width: 100%; height: auto; }
svg .bar { fill: #0969da; }
svg .missing { stroke: #bf8700; stroke-width: .5; }
svg .hatch { stroke: #d4a72c; stroke-width: 2; }
svg .grid { stroke: #d1d9e0; stroke-width: 1; }
svg .axis { fill: #59636e; font-size: 11px; font-family: inherit; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin-top: 1rem; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid #d1d9e0; }
th { text-align: left; overflow-wrap: anywhere; max-width: 16rem; }
td.number, th.number { text-align: right; }
tr.missing td { color: #9a6700; font-style: italic; }
footer { color: #59636e; font-size: .85rem; margin-top: 2rem; }
`;

/** The first few missing windows by name, and how many more. */
function listed(missing: readonly ReportWindow[], shown = 12): string {
  const names = missing.slice(0, shown).map(windowName).join(", ");
  return missing.length > shown ? `${names} and ${missing.length - shown} more` : names;
}

function key(window: ReportWindow): string {
  return `${window.from?.getTime() ?? ""}/${window.to?.getTime() ?? ""}`;
}

/**
 * A self-contained page: a heading with the organization and range, a warning naming any
 * missing window, an inline SVG bar chart per metric, the table of windows (missing ones
 * marked) with totals, and a footer. No external script, style sheet or font; a
 * Content-Security-Policy forbids loading anything; every name is HTML-escaped.
 */
export function renderHtml(report: UsageReport): string {
  const { fields, windows } = report;
  const short = dateOnly(windows);
  const byWindow = new Map<string, UsageRow>(report.rows.map((row) => [key(row), row]));
  const label = (window: ReportWindow) =>
    window.from === undefined && window.to === undefined ? "API default window" : showBound(window.from, short);
  const first = windows[0];
  const last = windows.at(-1);
  const range =
    first?.from && last?.to
      ? `${showBound(first.from, short)} to ${showBound(last.to, short)} (UTC, end exclusive), ${windows.length} window${windows.length === 1 ? "" : "s"}`
      : "the API's default window";
  const charts = fields.map((field, index) => {
    const bars = windows.map((window) => {
      const row = byWindow.get(key(window));
      return { label: label(window), value: row ? (metricValue(row, field) ?? undefined) : undefined };
    });
    return [
      "<figure>",
      `<figcaption>${htmlText(metricLabel(field))} <span class="field">${htmlText(field)}</span> <span class="total">· total ${htmlText(formatNumber(metricTotal(report.rows, field)))}</span></figcaption>`,
      barChart(metricLabel(field), bars, `chart-${index}`),
      "</figure>",
    ].join("\n");
  });
  const headerCells = fields.map((field) => `<th class="number">${htmlText(metricLabel(field))}</th>`).join("");
  const bodyRows = windows.map((window) => {
    const row = byWindow.get(key(window));
    const bounds = `<td>${htmlText(showBound(window.from, short))}</td><td>${htmlText(showBound(window.to, short))}</td>`;
    if (!row) return `<tr class="missing">${bounds}<td colspan="${fields.length}">no answer</td></tr>`;
    const cells = fields.map((field) => {
      const value = metricValue(row, field);
      return `<td class="number">${value === undefined ? "" : htmlText(formatNumber(value))}</td>`;
    });
    return `<tr>${bounds}${cells.join("")}</tr>`;
  });
  const totals = fields.map(
    (field) => `<td class="number">${htmlText(formatNumber(metricTotal(report.rows, field)))}</td>`,
  );
  const missing = report.missing.length
    ? `<p class="warning">${report.missing.length} of ${windows.length} windows have no answer (they failed or were not fetched): ${htmlText(listed(report.missing))}. Totals count only the answered windows.</p>`
    : "";
  const title = `Devin usage: ${report.org}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${htmlText(CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${htmlText(title)}</h1>
<p class="meta">${htmlText(range)}</p>
</header>
${missing}
<main>
${charts.join("\n")}
<table>
<thead><tr><th>from</th><th>to</th>${headerCells}</tr></thead>
<tbody>
${bodyRows.join("\n")}
</tbody>
<tfoot><tr><th>total</th><th></th>${totals.join("")}</tr></tfoot>
</table>
</main>
<footer>devin-usage ${htmlText(report.version)}, Devin API v3 usage metrics, made ${htmlText(iso(report.generatedAt))}</footer>
</body>
</html>
`;
}
