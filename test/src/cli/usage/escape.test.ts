import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { describeErrorBody } from "../../../../src/cli/usage/error-body.js";
import { csvCell } from "../../../../src/cli/usage/escape-csv.js";
import { htmlText } from "../../../../src/cli/usage/escape-html.js";
import { safeJson } from "../../../../src/cli/usage/escape-json.js";
import { terminalText } from "../../../../src/cli/usage/escape-terminal.js";
import type { MetricField } from "../../../../src/cli/usage/metric-fields.js";
import { renderUsage } from "../../../../src/cli/usage/render.js";
import type { UsageRow } from "../../../../src/cli/usage/report.js";
import { ACTING, ACTING_IN_LINES } from "../../../support/acting-characters.js";
import { parseOpenMetrics } from "../../../support/openmetrics-parser.js";

/** What a spreadsheet reads as the start of a formula (OWASP "CSV Injection"). */
const FORMULA = /^[=+\-@\t\r]/;

/** Names a hostile or careless upstream could give a metric. */
const HOSTILE_NAMES = [
  "\u001b]0;pwned\u0007title",
  "\u001b[2Jcleared",
  '=HYPERLINK("http://evil.example","click")',
  "@SUM(A1:A9)",
  "+cmd|' /C calc'!A0",
  "-2+3",
  "\tTAB",
  "\rCR",
  "<img src=x onerror=alert(1)>",
  "</script><script>alert(1)</script>",
  "a\u202eevil\u202c",
  "line\u2028break",
  'quote"and,comma',
  "\u009b31mred",
];

/**
 * A minimal RFC 4180 reader: the cells of one record. `separator` is `;` where a spreadsheet
 * reads CSV as a locale whose decimal mark is the comma does (Excel in much of Europe).
 */
function csvCells(line: string, separator = ","): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      cells.push(cell);
      cell = "";
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

describe("escaping for each sink", () => {
  test("terminal: nothing that acts, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(terminalText(text)).not.toMatch(ACTING);
      }),
    );
    expect(terminalText("plain name_1")).toBe("plain name_1");
    expect(terminalText("\u001b[2J")).toBe("\\u001b[2J");
  });

  test("csv: one cell per value, never a formula, nothing that acts", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const cell = csvCell(text);
        expect(cell).not.toMatch(ACTING);
        // OWASP: a separator in the text must not start a new cell, with a formula at its start.
        for (const separator of [",", ";"]) {
          const [read] = csvCells(cell, separator);
          expect(csvCells(cell, separator)).toHaveLength(1);
          expect(read).not.toMatch(FORMULA);
        }
      }),
    );
    expect(csvCell("=1+1")).toBe(`"'=1+1"`);
    expect(csvCell("prs;=HYPERLINK(1)")).toBe(`"prs;=HYPERLINK(1)"`);
    expect(csvCell("sessions_count")).toBe("sessions_count");
    expect(csvCell(-5)).toBe("-5");
  });

  test("html: no markup and nothing that acts survives", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const html = htmlText(text);
        expect(html).not.toMatch(/[<>"']/);
        expect(html).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
        expect(html).not.toMatch(ACTING);
      }),
    );
  });

  test("json: the same value read back, and no raw character that acts", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: "binary" }), fc.string({ unit: "binary" })), (value) => {
        const text = safeJson(value);
        expect(JSON.parse(text)).toEqual(value);
        expect(text).not.toMatch(ACTING);
      }),
    );
  });
});

describe("hostile metric names from the spec, in every format", () => {
  const fields = HOSTILE_NAMES as unknown as MetricField[];
  const rows: UsageRow[] = [0, 1].map((day) => ({
    from: new Date(Date.UTC(2026, 10, 1 + day)),
    to: new Date(Date.UTC(2026, 10, 2 + day)),
    metrics: Object.fromEntries(
      HOSTILE_NAMES.map((name, index) => [name, index + day]),
    ) as unknown as UsageRow["metrics"],
  }));
  const report = {
    org: "org-<abc>",
    fields,
    windows: rows,
    rows,
    missing: [],
    generatedAt: new Date("2026-11-26T00:00:00Z"),
    version: "0",
  };

  test("table: no control or bidi character reaches the terminal", () => {
    expect(renderUsage(report, "table").replaceAll("\n", "")).not.toMatch(ACTING);
  });

  test("csv: every header cell is one cell, none a formula; rows end with CRLF", () => {
    const text = renderUsage(report, "csv");
    const lines = text.split("\r\n");
    expect(lines.at(-1)).toBe("");
    const header = csvCells(lines[0] as string);
    expect(header).toHaveLength(2 + HOSTILE_NAMES.length);
    for (const cell of header) expect(cell).not.toMatch(FORMULA);
    expect(text.replaceAll("\r\n", "")).not.toMatch(ACTING);
  });

  test("json and ndjson: the exact names as keys, no raw character that acts", () => {
    for (const format of ["json", "ndjson"] as const) {
      const text = renderUsage(report, format);
      expect(text.replaceAll("\n", "")).not.toMatch(ACTING);
      const first = format === "json" ? JSON.parse(text)[0] : JSON.parse(text.split("\n")[0] as string);
      expect(Object.keys(first)).toEqual(["from", "to", ...HOSTILE_NAMES]);
    }
  });

  test("openmetrics: a valid exposition whose HELP quotes each name", () => {
    const families = parseOpenMetrics(renderUsage(report, "openmetrics"));
    expect(families).toHaveLength(HOSTILE_NAMES.length);
    expect(families.every((family) => family.samples[0]?.labels.org === "org-<abc>")).toBe(true);
  });

  test("html: no tag or attribute from a name, no script at all", () => {
    const html = renderUsage(report, "html");
    expect(html).not.toMatch(/<script|<img/i);
    // Line feeds are the page's own; no other control or bidi character is left raw.
    expect(html).not.toMatch(ACTING_IN_LINES);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("error bodies: one line whatever their shape", () => {
  let deep: unknown = "bottom";
  for (let level = 0; level < 100_000; level++) deep = [deep];
  test.each([
    [
      "FastAPI's validation list",
      { detail: [{ loc: ["query", "time_after"], msg: "too old" }] },
      "query.time_after: too old",
    ],
    ["HTTPException's text", { detail: "Organization not found" }, "Organization not found"],
    ["a loc that is not a list", { detail: [{ loc: "query", msg: "m" }] }, "query: m"],
    ["a list with null", { detail: [null] }, "null"],
    ["a list of strings", { detail: ["a", "b"] }, '"a"; "b"'],
    ["an empty list", { detail: [] }, "no detail given"],
    ["a message field", { message: "slow down" }, "slow down"],
    ["plain text", "Bad Gateway", "Bad Gateway"],
    ["no body", undefined, "no detail given"],
    ["a deep structure", { error: deep }, '{"error":[[[[…]]]]}'],
    ["terminal escapes", { detail: "\u001b[2Jgone\nnext line" }, "\\u001b[2Jgone\\u000anext line"],
  ])("%s", (_name, body, want) => {
    const line = describeErrorBody(body);
    expect(line).toBe(want);
    expect(line).not.toMatch(ACTING);
  });
});
