/** How a range is cut: calendar days, ISO weeks (Monday to Monday) or calendar months, in UTC. */
export type Interval = "day" | "week" | "month";

export interface TimeWindow {
  /** Inclusive. */
  from: Date;
  /** Exclusive: windows are half-open, like the API's `time_after`/`time_before`. */
  to: Date;
}

/** The first boundary of `interval` strictly after `instant`. */
function nextBoundary(instant: Date, interval: Interval): Date {
  const year = instant.getUTCFullYear();
  const month = instant.getUTCMonth();
  const day = instant.getUTCDate();
  switch (interval) {
    case "day":
      return new Date(Date.UTC(year, month, day + 1));
    case "week": {
      // getUTCDay: Sunday 0 … Saturday 6; ISO weeks start on Monday.
      const daysToMonday = 7 - ((instant.getUTCDay() + 6) % 7);
      return new Date(Date.UTC(year, month, day + daysToMonday));
    }
    case "month":
      return new Date(Date.UTC(year, month + 1, 1));
  }
}

/** Most windows (one request each) devin-usage makes for one report. */
export const MAX_WINDOWS = 1000;

/**
 * Cuts `[since, until)` into consecutive calendar windows; the first and last are clipped
 * to the range, so a range shorter than one window gives one window. Stops after `limit`
 * windows, so a range of centuries costs no more than the check that refuses it.
 */
export function splitIntoWindows(
  since: Date,
  until: Date,
  interval: Interval,
  limit = Number.POSITIVE_INFINITY,
): TimeWindow[] {
  const windows: TimeWindow[] = [];
  let from = since;
  while (from < until && windows.length < limit) {
    const boundary = nextBoundary(from, interval);
    const to = boundary < until ? boundary : until;
    windows.push({ from, to });
    from = to;
  }
  return windows;
}
