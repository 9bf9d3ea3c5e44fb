import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type MetricField, metricFields, metricLabel } from "../../../../src/cli/usage/metric-fields.js";
import { renderUsage } from "../../../../src/cli/usage/render.js";
import { familyNames } from "../../../../src/cli/usage/render-openmetrics.js";
import type { UsageReport, UsageRow } from "../../../../src/cli/usage/report.js";
import { fitToWidth, sparkline } from "../../../../src/cli/usage/sparkline.js";
import { parseOpenMetrics } from "../../../support/openmetrics-parser.js";
import { specMetricFields } from "../../../support/spec-metrics.js";

/**
 * The columns these rendering tests use: fixed here, so the expected text is the test's own
 * and an upstream field added to the spec changes nothing (`metricFields()`, which reads
 * the spec, is checked against the spec below).
 */
const fields = ["prs_created_count", "prs_merged_count", "searches_count", "sessions_count"] as MetricField[];
const metrics = (sessions: number) =>
  ({
    sessions_count: sessions,
    searches_count: 2,
    prs_created_count: 3,
    prs_merged_count: 4,
  }) as unknown as UsageRow["metrics"];
const row = (from: string, to: string, sessions: number): UsageRow => ({
  from: new Date(from),
  to: new Date(to),
  metrics: metrics(sessions),
});
const report = (rows: UsageRow[], overrides: Partial<UsageReport> = {}): UsageReport => ({
  org: "org-abc",
  fields,
  windows: rows,
  rows,
  missing: [],
  generatedAt: new Date("2026-11-26T12:00:00Z"),
  version: "0.0.0-test",
  ...overrides,
});
const twoDays = [
  row("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", 10),
  row("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z", 200),
];

describe("the metric columns", () => {
  test("are the spec's numeric response fields, in its order", () => {
    expect(metricFields()).toEqual(specMetricFields());
    expect(["prs_created_count", "searches_count"].map(metricLabel)).toEqual(["prs created", "searches"]);
  });
});

describe("sparklines", () => {
  test.each([
    [[1, 2, 3, 8], "▁▂▃█"],
    [[5, 5, 5], "▄▄▄"],
    [[0, 0], "▁▁"],
    [[], ""],
  ])("sparkline %j", (values, want) => {
    expect(sparkline(values)).toBe(want);
  });

  test.each([
    [[1, 2, 3], 5, [1, 2, 3], 1],
    [[1, 3, 5, 7, 9], 2, [3, 8], 3],
    [[2, 4, 6, 8], 2, [3, 7], 2],
  ])("fitToWidth(%j, %i) averages runs", (values, width, want, perBar) => {
    expect(fitToWidth(values, width)).toEqual({ values: want, perBar });
  });

  test("a year of days fits the terminal: every sparkline line within the columns", () => {
    const days = Array.from({ length: 365 }, (_, day) =>
      row(new Date(Date.UTC(2026, 0, 1 + day)).toISOString(), new Date(Date.UTC(2026, 0, 2 + day)).toISOString(), day),
    );
    for (const columns of [40, 80, 200]) {
      const lines = renderUsage(report(days), "table", { columns }).split("\n");
      const sparklines = lines.filter((line) => /[▁▂▃▄▅▆▇█]/.test(line));
      expect(sparklines).toHaveLength(fields.length);
      for (const line of sparklines) expect([...line].length).toBeLessThanOrEqual(columns);
      expect(lines).toContain(
        `(each bar: the mean of ${Math.ceil(365 / (columns - "prs created".length - 2))} windows)`,
      );
    }
  });
});

/**
 * Columns a line takes on a terminal, counted independently of display-width.ts for the
 * names these tests use: a user-perceived character (a grapheme, so a combining accent
 * or a note of three code points is one) takes one column, a Han character or an emoji two.
 */
const terminalColumns = (line: string) =>
  [...new Intl.Segmenter().segment(line)].reduce(
    (sum, { segment }) => sum + (/\p{Script=Han}|\p{Extended_Pictographic}/u.test(segment) ? 2 : 1),
    0,
  );

describe("table", () => {
  test("aligned columns, a total row and a sparkline per metric", () => {
    expect(renderUsage(report(twoDays), "table")).toBe(
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

  test("a partial run says so under the table: the total counts the windows it has", () => {
    const missing = [{ from: new Date("2026-11-03T00:00:00Z"), to: new Date("2026-11-04T00:00:00Z") }];
    const text = renderUsage(report(twoDays, { windows: [...twoDays, ...missing], missing }), "table");
    expect(text.split("\n")[3]).toMatch(/^total of 2\/3 +6 +8 +4 +210$/);
    expect(text).toContain("1 of 3 windows missing (failed or not fetched; named on stderr)");
  });

  test("columns line up in terminal columns whatever script a name is in", () => {
    const wide = ["会话数", "e\u0301vénements", "🚀_launches"] as unknown as MetricField[];
    const rows = twoDays.map((day) => ({ ...day, metrics: { 会话数: 1, "e\u0301vénements": 22, "🚀_launches": 333 } }));
    const lines = renderUsage(report(rows as unknown as UsageRow[], { fields: wide }), "table").split("\n");
    // Every row's last column ends in the same terminal column: CJK and emoji count two, a combining accent none.
    expect(new Set(lines.slice(0, 4).map(terminalColumns)).size).toBe(1);
  });

  test("a year of days fits the terminal in columns when a name's characters take several code points", () => {
    // A generated upstream name once held musical notes of three code points each (one column each).
    const note = "\u{1D158}\u{1D165}\u{1D16E}";
    const names = [`${note.repeat(6)}_count`, "e\u0301".repeat(8), "👩‍💻_count"] as unknown as MetricField[];
    const days = Array.from({ length: 365 }, (_, day) => ({
      ...row(
        new Date(Date.UTC(2026, 0, 1 + day)).toISOString(),
        new Date(Date.UTC(2026, 0, 2 + day)).toISOString(),
        day,
      ),
      metrics: Object.fromEntries(names.map((name) => [name, day])),
    }));
    const columns = 40;
    const lines = renderUsage(report(days as unknown as UsageRow[], { fields: names }), "table", { columns });
    const sparklines = lines.split("\n").filter((line) => /[▁▂▃▄▅▆▇█]{3}/.test(line));
    expect(sparklines).toHaveLength(names.length);
    for (const line of sparklines) {
      expect(terminalColumns(line)).toBeLessThanOrEqual(columns);
      expect(terminalColumns(line)).toBeGreaterThan(columns - 4);
    }
    // Counted in code points, the first line would not fit: why widths are never measured so.
    expect([...(sparklines[0] ?? "")].length).toBeGreaterThan(columns);
  });

  test("a name of a thousand characters is cut to a heading of 32 columns; csv and json keep it whole", () => {
    const long = `${"long_".repeat(200)}count` as MetricField;
    const rows = twoDays.map((day) => ({ ...day, metrics: { [long]: 7 } as unknown as UsageRow["metrics"] }));
    const lines = renderUsage(report(rows, { fields: [long] }), "table").split("\n");
    expect(lines[0]).toBe(`from        to          ${"long ".repeat(6)}l…`);
    expect(lines.at(-2)).toBe(`${"long ".repeat(6)}l…  ▄▄`);
    expect(renderUsage(report(rows, { fields: [long] }), "csv").split("\r\n")[0]).toBe(`from,to,${long}`);
    expect(Object.keys(JSON.parse(renderUsage(report(rows, { fields: [long] }), "json"))[0])).toContain(long);
  });
});

describe("records", () => {
  test("csv: header, CRLF line ends (RFC 4180), a record per window", () => {
    expect(renderUsage(report([row("2026-11-01T06:00:00Z", "2026-11-02T00:00:00Z", 1)]), "csv")).toBe(
      "from,to,prs_created_count,prs_merged_count,searches_count,sessions_count\r\n2026-11-01T06:00:00Z,2026-11-02T00:00:00Z,3,4,2,1\r\n",
    );
  });

  test("json and ndjson: the same objects; the API's default window has null bounds", () => {
    const rows = [{ from: undefined, to: undefined, metrics: metrics(1) }];
    const want = [
      { from: null, to: null, sessions_count: 1, searches_count: 2, prs_created_count: 3, prs_merged_count: 4 },
    ];
    expect(JSON.parse(renderUsage(report(rows), "json"))).toEqual(want);
    expect(
      renderUsage(report(twoDays), "ndjson")
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(JSON.parse(renderUsage(report(twoDays), "json")));
  });

  test("a metric the spec names `from` does not overwrite the window", () => {
    const clash = ["from", "sessions_count"] as MetricField[];
    const rows = [{ ...twoDays[0], metrics: { from: 5, sessions_count: 1 } } as unknown as UsageRow];
    expect(JSON.parse(renderUsage(report(rows, { fields: clash }), "json"))).toEqual([
      { from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z", "from (2)": 5, sessions_count: 1 },
    ]);
  });

  test("a metric absent from an answer: empty in table and csv, null in json, nothing in totals", () => {
    const partial = { sessions_count: 5, searches_count: 1, prs_created_count: 1 } as unknown as UsageRow["metrics"];
    const rows: UsageRow[] = [
      { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-02T00:00:00Z"), metrics: partial },
      row("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z", 1),
    ];
    expect(JSON.parse(renderUsage(report(rows), "json"))[0].prs_merged_count).toBeNull();
    expect(renderUsage(report(rows), "csv").split("\r\n")[1]).toBe("2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,1,,1,5");
    expect(renderUsage(report(rows), "table").split("\n")[3]).toBe(
      "total                             4           4         3         6",
    );
  });
});

describe("openmetrics", () => {
  test("a gauge family per metric, a sample per window labelled by org and window, # EOF", () => {
    const families = parseOpenMetrics(renderUsage(report(twoDays), "openmetrics"));
    expect(families.map((family) => [family.name, family.type])).toEqual(
      fields.map((field) => [`devin_usage_${field}`, "gauge"]),
    );
    expect(families[3]?.samples).toEqual([
      {
        name: "devin_usage_sessions_count",
        labels: { org: "org-abc", window_start: "2026-11-01T00:00:00Z", window_end: "2026-11-02T00:00:00Z" },
        value: 10,
      },
      {
        name: "devin_usage_sessions_count",
        labels: { org: "org-abc", window_start: "2026-11-02T00:00:00Z", window_end: "2026-11-03T00:00:00Z" },
        value: 200,
      },
    ]);
  });

  test("HELP lines hold no double quote, so Prometheus' 0.0.4 parsers read them too (node_exporter, the Pushgateway)", () => {
    // OpenMetrics writes a `"` in HELP as `\"`; the 0.0.4 text format defines only `\\` and
    // `\n` there, and its parser (prometheus/common expfmt, before its UTF-8 names) refuses
    // `\"` as "invalid escape sequence": a HELP line is read by both only without quotes.
    const hostile = [...fields, 'quote"d', "back\\slash", "\u001b[2J"] as MetricField[];
    const text = renderUsage(report(twoDays, { fields: hostile }), "openmetrics");
    const helps = text.split("\n").filter((line) => line.startsWith("# HELP "));
    expect(helps).toHaveLength(hostile.length);
    for (const line of helps) expect(line.replace(/\\[\\n]/g, "")).not.toMatch(/["\\]/);
    const help = parseOpenMetrics(text).map((family) => family.help);
    expect(help[3]).toBe(
      "Devin usage metric `sessions_count` of the organization in the window [window_start, window_end)",
    );
    // Each name still told apart: a quote, a backslash and a control are shown, not lost.
    expect(help.slice(4).map((line) => line?.split("`")[1])).toEqual(["quote\\u0022d", "back\\\\slash", "\\u001b[2J"]);
  });

  test("a very long name is cut, with a hash of the whole so that names alike at the start stay apart", () => {
    const [first, second] = familyNames([`${"a".repeat(500)}1`, `${"a".repeat(500)}2`] as unknown as MetricField[]);
    expect(first?.length).toBeLessThanOrEqual("devin_usage_".length + 72);
    expect(first).toMatch(/^devin_usage_a+_[0-9a-f]{8}$/);
    expect(first).not.toBe(second);
  });

  test("family names from any field name are valid and distinct", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: "grapheme", maxLength: 12 }), { maxLength: 6 }), (names) => {
        const families = familyNames(names as MetricField[]);
        expect(new Set(families).size).toBe(names.length);
        for (const name of families) expect(name).toMatch(/^devin_usage_[a-zA-Z0-9_]+$/);
      }),
    );
  });
});
