const BARS = "▁▂▃▄▅▆▇█";

/** One bar per value, scaled from the smallest to the largest; equal values sit mid-height. */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return "";
  const low = Math.min(...values);
  const high = Math.max(...values);
  return values
    .map((value) => {
      if (high === low) return high === 0 ? BARS[0] : BARS[3];
      return BARS[Math.round(((value - low) / (high - low)) * (BARS.length - 1))];
    })
    .join("");
}

/**
 * Values brought down to at most `width` by averaging runs of `perBar` consecutive values
 * (the last run may be shorter; a mean, unlike a sum, keeps it comparable), so that a
 * year of days fits a terminal line instead of wrapping.
 */
export function fitToWidth(values: readonly number[], width: number): { values: number[]; perBar: number } {
  const columns = Math.max(1, Math.floor(width));
  if (values.length <= columns) return { values: [...values], perBar: 1 };
  const perBar = Math.ceil(values.length / columns);
  const fitted: number[] = [];
  for (let start = 0; start < values.length; start += perBar) {
    const run = values.slice(start, start + perBar);
    fitted.push(run.reduce((sum, value) => sum + value, 0) / run.length);
  }
  return { values: fitted, perBar };
}
