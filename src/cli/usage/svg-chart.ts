import { htmlText } from "./escape-html.js";

/** One bar: what it is called (its window) and its value; `undefined` is a window with no answer. */
export interface ChartBar {
  label: string;
  value: number | undefined;
}

/** Thousands separated, at most two decimals, the same on every machine. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(value);
}

const WIDTH = 720;
const HEIGHT = 180;
const MARGIN = { left: 64, right: 12, top: 14, bottom: 30 };

/**
 * An inline SVG bar chart of one metric over the windows: bars scaled from zero to the
 * largest value, a gridline at zero, half and the top with its value, the first and last
 * window named under the axis, and a `<title>` on each bar (a tooltip in a browser). A
 * window with no answer is a hatched bar, so a gap is never mistaken for zero. Every
 * label is escaped; `id` (unique in the page) names the hatch pattern; the chart draws itself with no script and no font of its own.
 */
export function barChart(title: string, bars: readonly ChartBar[], id: string): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = bars.map((bar) => bar.value).filter((value): value is number => value !== undefined);
  const top = Math.max(0, ...values) || 1;
  const slot = plotWidth / Math.max(1, bars.length);
  const barWidth = slot >= 3 ? slot * 0.8 : slot;
  const y = (value: number) => MARGIN.top + plotHeight - (Math.max(0, value) / top) * plotHeight;
  const number = (value: number) => Number(value.toFixed(2));
  const parts: string[] = [];
  for (const fraction of [0, 0.5, 1]) {
    const level = number(y(top * fraction));
    parts.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${level}" y2="${level}"/>`,
      `<text class="axis" x="${MARGIN.left - 6}" y="${level + 4}" text-anchor="end">${htmlText(formatNumber(top * fraction))}</text>`,
    );
  }
  bars.forEach((bar, index) => {
    const x = number(MARGIN.left + index * slot + (slot - barWidth) / 2);
    const width = number(barWidth);
    if (bar.value === undefined) {
      parts.push(
        `<rect class="missing" fill="url(#${id}-hatch)" x="${x}" y="${MARGIN.top}" width="${width}" height="${plotHeight}"><title>${htmlText(`${bar.label}: no answer`)}</title></rect>`,
      );
      return;
    }
    const height = number(Math.max(bar.value > 0 ? 1 : 0, MARGIN.top + plotHeight - y(bar.value)));
    parts.push(
      `<rect class="bar" x="${x}" y="${number(MARGIN.top + plotHeight - height)}" width="${width}" height="${height}"><title>${htmlText(`${bar.label}: ${formatNumber(bar.value)}`)}</title></rect>`,
    );
  });
  const first = bars[0]?.label ?? "";
  const last = bars.at(-1)?.label ?? "";
  const axisY = HEIGHT - 10;
  parts.push(`<text class="axis" x="${MARGIN.left}" y="${axisY}">${htmlText(first)}</text>`);
  if (bars.length > 1)
    parts.push(
      `<text class="axis" x="${WIDTH - MARGIN.right}" y="${axisY}" text-anchor="end">${htmlText(last)}</text>`,
    );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img">`,
    `<title>${htmlText(title)}</title>`,
    `<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" class="hatch"/></pattern></defs>`,
    ...parts,
    "</svg>",
  ].join("\n");
}
