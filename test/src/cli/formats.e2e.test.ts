import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { displayWidth } from "../../../src/cli/usage/display-width.js";
import type { MetricField } from "../../../src/cli/usage/metric-fields.js";
import { familyNames } from "../../../src/cli/usage/render-openmetrics.js";
import { recordKeys } from "../../../src/cli/usage/render-records.js";
import { devinUsageCommand, runDevinUsage } from "../../support/devin-usage-cli.js";
import type { TestServer } from "../../support/http-server.js";
import { parseOpenMetrics } from "../../support/openmetrics-parser.js";
import { REPO_ROOT } from "../../support/project-copy.js";
import { runProcess } from "../../support/run-process.js";
import { specMetricFields } from "../../support/spec-metrics.js";
import { dayWindows, expectedOutput } from "../../support/usage-expectations.js";
import { expectedMetrics, startUsageServer, USAGE_KEY } from "../../support/usage-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startUsageServer();
});
afterAll(async () => {
  await server?.close();
});

const env = () => ({ DEVIN_API_KEY: USAGE_KEY, DEVIN_ORG_ID: "org-abc", DEVIN_API_BASE_URL: server.url });
const windows = dayWindows("2026-11-01", 3);
const threeDays = ["--since", "2026-11-01", "--until", "2026-11-04", "--interval", "day"];
const seconds = (date: Date | undefined) => (date as Date).getTime() / 1000;

describe("formats for the tools dashboards use", () => {
  test("ndjson: one JSON object a line, from, to and every metric of the spec", async () => {
    const result = await runDevinUsage([...threeDays, "--format", "ndjson"], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expectedOutput(windows, "ndjson"));
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    const fields = specMetricFields();
    // The keys are `from`, `to` and the metrics (a metric the spec named `from` gets a key of its own).
    const keys = recordKeys(fields as MetricField[]);
    for (const [index, line] of lines.entries()) {
      const record = JSON.parse(line);
      expect(Object.keys(record)).toEqual(keys);
      const metrics = expectedMetrics(seconds(windows[index]?.from), seconds(windows[index]?.to));
      expect(fields.map((_, column) => record[keys[column + 2] as string])).toEqual(
        fields.map((field) => metrics[field]),
      );
    }
  });

  test("openmetrics: a valid exposition, one gauge per metric of the spec, a sample per window, # EOF", async () => {
    const result = await runDevinUsage([...threeDays, "--format", "openmetrics"], env());
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith("# EOF\n")).toBe(true);
    const families = parseOpenMetrics(result.stdout);
    expect(families).toHaveLength(specMetricFields().length);
    families.forEach((family, index) => {
      const field = specMetricFields()[index] as string;
      expect(family.type).toBe("gauge");
      expect(family.name).toBe(familyNames(specMetricFields() as MetricField[])[index]);
      expect(family.help).toMatch(/^Devin usage metric /);
      expect(family.samples).toEqual(
        windows.map((window) => ({
          name: family.name,
          labels: {
            org: "org-abc",
            window_start: (window.from as Date).toISOString().replace(".000", ""),
            window_end: (window.to as Date).toISOString().replace(".000", ""),
          },
          value: expectedMetrics(seconds(window.from), seconds(window.to))[field],
        })),
      );
    });
  });

  test("csv: a header of the spec's metric names and CRLF line ends (RFC 4180)", async () => {
    const result = await runDevinUsage([...threeDays, "--format", "csv"], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expectedOutput(windows, "csv"));
    expect(result.stdout.replaceAll("\r\n", "")).not.toContain("\n");
  });

  test("html: one page, a chart per metric of the spec, nothing it loads", async () => {
    const result = await runDevinUsage([...threeDays, "--format", "html"], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^<!DOCTYPE html>\n/);
    expect(result.stdout.match(/<svg /g)).toHaveLength(specMetricFields().length);
    expect(result.stdout).toContain(`content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;`);
    expect(result.stdout).not.toMatch(/<script|<link|@import|url\(http|src="http/i);
  });

  // Widths in terminal columns (display-width.ts, tested on its own in render.test.ts), not code points: a
  // metric name from the spec may hold characters of several code points that take one column.
  test("table: a year of days keeps each sparkline within $COLUMNS", async () => {
    const result = await runDevinUsage(
      ["--since", "2025-01-01", "--until", "2026-01-01", "--interval", "day", "--quiet"],
      { ...env(), COLUMNS: "50" },
    );
    expect(result.code).toBe(0);
    const sparklines = result.stdout.split("\n").filter((line) => /[▁▂▃▄▅▆▇█]{3}/.test(line));
    expect(sparklines).toHaveLength(specMetricFields().length);
    for (const line of sparklines) expect(displayWidth(line)).toBeLessThanOrEqual(50);
    expect(result.stdout).toMatch(/\(each bar: the mean of \d+ windows\)\n$/);
  });
});

test("table on a terminal: each sparkline within the terminal's own width", async () => {
  // script(1) runs the command on a pseudo-terminal, here 45 columns wide; $COLUMNS is not set.
  const command = [
    ...(await devinUsageCommand()),
    "--since",
    "2025-01-01",
    "--until",
    "2025-07-01",
    "--interval",
    "day",
    "--quiet",
  ]
    .map((word) => `'${word}'`)
    .join(" ");
  const result = await runProcess("script", ["-q", "-e", "-c", `stty cols 45; ${command}`, "/dev/null"], {
    env: { ...env(), COLUMNS: "" },
  });
  expect(result.code).toBe(0);
  const sparklines = result.stdout.split(/\r?\n/).filter((line) => /[▁▂▃▄▅▆▇█]{3}/.test(line));
  expect(sparklines).toHaveLength(specMetricFields().length);
  for (const line of sparklines) expect(displayWidth(line)).toBeLessThanOrEqual(45);
});

describe("the command about itself", () => {
  test("--version prints the package's version", async () => {
    const { version } = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8"));
    const result = await runDevinUsage(["--version"], {});
    expect(result).toEqual({ code: 0, stdout: `devin-usage ${version}\n`, stderr: "" });
  });

  test("--help says CSV lines end with CRLF and what each exit code means", async () => {
    const result = await runDevinUsage(["--help"], {});
    expect(result.stdout).toContain("every line ends\n                         with CRLF");
    for (const code of ["0  complete", "1  partial", "2  nothing written", "3  nothing written", "4  nothing written"])
      expect(result.stdout).toContain(code);
  });

  test.each([
    ["1793491200000", "milliseconds", "1793491200"],
    ["1793491200000000", "microseconds", "1793491200"],
  ])("a --since of %s is taken for %s, with the seconds it meant", async (value, unit, meant) => {
    const result = await runDevinUsage(["--since", value], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: --since ${value} looks like ${unit}; WHEN takes Unix seconds: did you mean --since ${meant}?\n`,
    );
  });
});
