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
