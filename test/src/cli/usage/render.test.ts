import { describe, expect, test } from "vitest";
import { componentSchemas } from "../../../../generated/devin-v3-schemas.js";
import { type MetricField, metricFields, metricLabel } from "../../../../src/cli/usage/metric-fields.js";
import { renderUsage, type UsageRow } from "../../../../src/cli/usage/render.js";
import { sparkline } from "../../../../src/cli/usage/sparkline.js";

/**
 * The columns these rendering tests use: fixed here, so the expected text is the test's own
 * and an upstream field added to the spec changes nothing (`metricFields()`, which reads
 * the spec, is tested on its own below).
 */
const fields = ["prs_created_count", "prs_merged_count", "searches_count", "sessions_count"] as MetricField[];
const row = (from: string, to: string, sessions: number): UsageRow => ({
  from: new Date(from),
  to: new Date(to),
  metrics: { sessions_count: sessions, searches_count: 2, prs_created_count: 3, prs_merged_count: 4 },
});

describe("rendering", () => {
  test("the metric columns are the spec's numeric response fields, in its order", () => {
    const properties = (componentSchemas.UsageMetrics as { properties: Record<string, { type: string }> }).properties;
    const numeric = Object.keys(properties).filter((name) =>
      ["integer", "number"].includes(properties[name]?.type ?? ""),
    );
    expect(metricFields()).toEqual(numeric);
    expect(metricFields()).toEqual(
      expect.arrayContaining(["prs_created_count", "prs_merged_count", "searches_count", "sessions_count"]),
    );
    expect(["prs_created_count", "searches_count"].map(metricLabel)).toEqual(["prs created", "searches"]);
  });

  test.each([
    [[1, 2, 3, 8], "▁▂▃█"],
    [[5, 5, 5], "▄▄▄"],
    [[0, 0], "▁▁"],
    [[], ""],
  ])("sparkline %j", (values, want) => {
    expect(sparkline(values)).toBe(want);
  });

  test("table: aligned columns, a total row and a sparkline per metric", () => {
    const text = renderUsage(
      [
        row("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", 10),
        row("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z", 200),
      ],
      fields,
      "table",
    );
    expect(text).toBe(
      [
        "from        to          prs created  prs merged  searches  sessions",
        "2026-11-01  2026-11-02            3           4         2        10",
        "2026-11-02  2026-11-03            3           4         2       200",
        "total                             6           8         4       210",
        "",
        "prs created  ▄▄",
        "prs merged   ▄▄",
        "searches     ▄▄",
        "sessions     ▁█",
        "",
      ].join("\n"),
    );
  });

  test("csv: header, CRLF, RFC 4180", () => {
    expect(renderUsage([row("2026-11-01T06:00:00Z", "2026-11-02T00:00:00Z", 1)], fields, "csv")).toBe(
      "from,to,prs_created_count,prs_merged_count,searches_count,sessions_count\r\n2026-11-01T06:00:00Z,2026-11-02T00:00:00Z,3,4,2,1\r\n",
    );
  });

  test("json: ISO times; the API's default window has null bounds", () => {
    const metrics = { sessions_count: 1, searches_count: 2, prs_created_count: 3, prs_merged_count: 4 };
    expect(JSON.parse(renderUsage([{ from: undefined, to: undefined, metrics }], fields, "json"))).toEqual([
      { from: null, to: null, ...metrics },
    ]);
  });
});

describe("a metric the spec marks optional", () => {
  test("absent from an answer: empty in table and csv, null in json, nothing in totals", () => {
    const partial = { sessions_count: 5, searches_count: 1, prs_created_count: 1 } as unknown as UsageRow["metrics"];
    const rows: UsageRow[] = [
      { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-02T00:00:00Z"), metrics: partial },
      row("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z", 1),
    ];
    expect(JSON.parse(renderUsage(rows, fields, "json"))[0].prs_merged_count).toBeNull();
    expect(renderUsage(rows, fields, "csv").split("\r\n")[1]).toBe("2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,1,,1,5");
    expect(renderUsage(rows, fields, "table").split("\n")[3]).toBe(
      "total                             4           4         3         6",
    );
  });
});
