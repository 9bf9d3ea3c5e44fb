import { CommandError } from "../command-error.js";

const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400, w: 604_800 } as const;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Unix seconds of 5138-11-16: a larger number is a time in finer units, not a date anyone means. */
const MAX_PLAUSIBLE_SECONDS = 99_999_999_999;

const FINER_UNITS = [
  { digits: 14, name: "milliseconds", per: 1_000n },
  { digits: 17, name: "microseconds", per: 1_000_000n },
  { digits: Number.POSITIVE_INFINITY, name: "nanoseconds", per: 1_000_000_000n },
];

/**
 * JavaScript's `Date.now()` and many tools give milliseconds, which read as seconds land
 * tens of thousands of years ahead. Such a number is refused with the seconds it
 * probably meant.
 */
function refuseFinerThanSeconds(text: string, flag: string): void {
  const digits = text.replace(/^0+/, "");
  if (digits === "" || BigInt(digits) <= BigInt(MAX_PLAUSIBLE_SECONDS)) return;
  const unit = FINER_UNITS.find((candidate) => digits.length <= candidate.digits) ?? FINER_UNITS[2];
  if (unit === undefined) return;
  const seconds = BigInt(digits) / unit.per;
  throw new CommandError(
    `${flag} ${text} looks like ${unit.name}; WHEN takes Unix seconds: did you mean ${flag} ${seconds}?`,
  );
}

/**
 * Reads a point in time as the command takes it:
 * - an ISO 8601 date (`2026-11-01`: midnight UTC at the start of that day),
 * - an ISO 8601 date-time (`2026-11-01T09:30`, UTC unless it carries an offset),
 * - Unix seconds (`1793491200`),
 * - a span back from `now` (`30m`, `24h`, `7d`, `4w`).
 */
export function parseWhen(value: string, now: Date, flag: string): Date {
  const text = value.trim();
  const relative = /^(\d+)([mhdw])$/.exec(text);
  let date: Date | undefined;
  if (relative) {
    const seconds = Number(relative[1]) * UNIT_SECONDS[relative[2] as keyof typeof UNIT_SECONDS];
    date = new Date(now.getTime() - seconds * 1000);
  } else if (/^\d+$/.test(text)) {
    refuseFinerThanSeconds(text, flag);
    date = new Date(Number(text) * 1000);
  } else if (DATE_ONLY.test(text)) {
    date = new Date(`${text}T00:00:00Z`);
  } else if (DATE_TIME.test(text)) {
    // ECMAScript reads a date-time without an offset as local time; ours is UTC.
    date = new Date(OFFSET.test(text) ? text : `${text}Z`);
  }
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new CommandError(
      `${flag} takes an ISO 8601 date or date-time, Unix seconds, or a span like 7d, 24h, 4w; got "${value}"`,
    );
  }
  // `new Date("2026-02-30")` is 2 March: a calendar date must name a day that exists.
  const calendarDate = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (calendarDate) {
    const [, year, month, day] = calendarDate.map(Number) as [number, number, number, number];
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCMonth() + 1 !== month || probe.getUTCDate() !== day) {
      throw new CommandError(`${flag}: ${text.slice(0, 10)} is not a date in the calendar`);
    }
  }
  // The API counts time in Unix seconds.
  if (date.getTime() < 0)
    throw new CommandError(`${flag} is before 1970-01-01, where the API's time begins; got "${value}"`);
  return date;
}
