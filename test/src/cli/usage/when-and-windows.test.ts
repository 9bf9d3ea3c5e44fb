import { describe, expect, test } from "vitest";
import { parseWhen } from "../../../../src/cli/usage/when.js";
import { splitIntoWindows } from "../../../../src/cli/usage/windows.js";

const NOW = new Date("2026-11-26T12:30:00Z");
const iso = (date: Date) => date.toISOString();

describe("parseWhen", () => {
  test.each([
    ["2026-11-01", "2026-11-01T00:00:00.000Z"],
    ["2026-11-01T09:30", "2026-11-01T09:30:00.000Z"],
    ["2026-11-01T09:30:15Z", "2026-11-01T09:30:15.000Z"],
    ["2026-11-01T09:30:00+02:00", "2026-11-01T07:30:00.000Z"],
    ["2026-11-01T09:30:00.250-0500", "2026-11-01T14:30:00.250Z"],
    ["1793491200", "2026-11-01T00:00:00.000Z"],
    ["7d", "2026-11-19T12:30:00.000Z"],
    ["24h", "2026-11-25T12:30:00.000Z"],
    ["4w", "2026-10-29T12:30:00.000Z"],
    ["90m", "2026-11-26T11:00:00.000Z"],
  ])("%s → %s", (value, want) => {
    expect(iso(parseWhen(value, NOW, "--since"))).toBe(want);
  });

  test.each(["yesterday", "2026-13-01", "7 days", "-5", "2026/11/01", ""])(
    "%j is refused with the accepted forms",
    (value) => {
      expect(() => parseWhen(value, NOW, "--since")).toThrow(
        /--since takes an ISO 8601 date or date-time, Unix seconds, or a span/,
      );
    },
  );
});

describe("splitIntoWindows", () => {
  const windows = (since: string, until: string, interval: "day" | "week" | "month") =>
    splitIntoWindows(new Date(since), new Date(until), interval).map(({ from, to }) => [iso(from), iso(to)]);

  test("calendar months, clipped at both ends, across month ends of 31, 30 and 28 days", () => {
    expect(windows("2026-01-15T00:00:00Z", "2026-04-10T00:00:00Z", "month")).toEqual([
      ["2026-01-15T00:00:00.000Z", "2026-02-01T00:00:00.000Z"],
      ["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"],
      ["2026-03-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
      ["2026-04-01T00:00:00.000Z", "2026-04-10T00:00:00.000Z"],
    ]);
  });

  test("ISO weeks start on Monday", () => {
    // 2026-11-26 is a Thursday.
    expect(windows("2026-11-26T00:00:00Z", "2026-12-08T00:00:00Z", "week")).toEqual([
      ["2026-11-26T00:00:00.000Z", "2026-11-30T00:00:00.000Z"],
      ["2026-11-30T00:00:00.000Z", "2026-12-07T00:00:00.000Z"],
      ["2026-12-07T00:00:00.000Z", "2026-12-08T00:00:00.000Z"],
    ]);
  });

  test("a window starting on a Monday runs a whole week", () => {
    expect(windows("2026-11-30T00:00:00Z", "2026-12-14T00:00:00Z", "week")).toHaveLength(2);
  });

  test("days, from a time that is not midnight", () => {
    expect(windows("2026-11-01T18:00:00Z", "2026-11-03T06:00:00Z", "day")).toEqual([
      ["2026-11-01T18:00:00.000Z", "2026-11-02T00:00:00.000Z"],
      ["2026-11-02T00:00:00.000Z", "2026-11-03T00:00:00.000Z"],
      ["2026-11-03T00:00:00.000Z", "2026-11-03T06:00:00.000Z"],
    ]);
  });

  test("a range shorter than one window is one window", () => {
    expect(windows("2026-11-10T00:00:00Z", "2026-11-12T00:00:00Z", "month")).toEqual([
      ["2026-11-10T00:00:00.000Z", "2026-11-12T00:00:00.000Z"],
    ]);
  });

  test("a leap-year February", () => {
    expect(windows("2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z", "day")).toHaveLength(29);
  });
});
