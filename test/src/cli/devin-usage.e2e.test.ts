import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type MetricField, metricLabel } from "../../../src/cli/usage/metric-fields.js";
import { type OutputFormat, renderUsage } from "../../../src/cli/usage/render.js";
import type { UsageRow } from "../../../src/cli/usage/report.js";
import { devinUsageCommand, runDevinUsage } from "../../support/devin-usage-cli.js";
import { startServer, type TestServer } from "../../support/http-server.js";
import { runProcess } from "../../support/run-process.js";
import { specMetricFields } from "../../support/spec-metrics.js";
import {
  DEFAULT_WINDOW_METRICS,
  expectedMetrics,
  startUsageServer,
  UNPRIVILEGED_KEY,
  USAGE_KEY,
} from "../../support/usage-server.js";

const NOW = "2026-11-26T12:00:00Z";
const seconds = (iso: string) => Date.parse(iso) / 1000;

let server: TestServer;
beforeAll(async () => {
  server = await startUsageServer();
});
afterAll(async () => {
  await server?.close();
});

/**
 * What the command should print for these rows. The columns are the numeric fields of
 * the spec this test runs on (read from its YAML, not from the command), and the server
 * answers every one of them, so a metric added upstream adds a column with values here
 * as it does in the command: only the window arithmetic and the values are this file's.
 */
function expected(rows: { from?: string; to?: string; metrics: Record<string, number> }[], format: OutputFormat) {
  const usageRows: UsageRow[] = rows.map((row) => ({
    from: row.from === undefined ? undefined : new Date(row.from),
    to: row.to === undefined ? undefined : new Date(row.to),
    metrics: row.metrics as unknown as UsageRow["metrics"],
  }));
  return renderUsage(
    {
      org: "org-abc",
      fields: specMetricFields() as MetricField[],
      windows: usageRows,
      rows: usageRows,
      missing: [],
      generatedAt: new Date(NOW),
      version: "",
    },
    format,
  );
}

/** Runs the command as a user would: a child process, key and org from the environment. */
function devinUsage(args: string[], env: Record<string, string | undefined> = {}) {
  return runDevinUsage(args, {
    DEVIN_API_KEY: USAGE_KEY,
    DEVIN_ORG_ID: "org-abc",
    DEVIN_API_BASE_URL: server.url,
    ...env,
  });
}

function expectNoKey(result: { stdout: string; stderr: string }) {
  for (const key of [USAGE_KEY, UNPRIVILEGED_KEY, "cog_wrong-key"]) {
    expect(result.stdout).not.toContain(key);
    expect(result.stderr).not.toContain(key);
  }
}

describe("devin-usage", () => {
  test("one call, one row: the API's default window", async () => {
    const result = await devinUsage(["--format", "json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected([{ metrics: DEFAULT_WINDOW_METRICS }], "json"));
    expect(server.requests.at(-1)?.url).toBe("/v3/organizations/org-abc/metrics/usage");
  });

  test("a relative --since with a fixed clock: [now − 7d, now)", async () => {
    const result = await devinUsage(["--since", "7d", "--now", NOW, "--format", "json", "--org", "org-xyz"]);
    expect(result.code).toBe(0);
    const from = "2026-11-19T12:00:00Z";
    expect(result.stdout).toBe(
      expected([{ from, to: NOW, metrics: expectedMetrics(seconds(from), seconds(NOW)) }], "json"),
    );
    expect(server.requests.at(-1)?.url).toBe(
      `/v3/organizations/org-xyz/metrics/usage?time_after=${seconds("2026-11-19T12:00:00Z")}&time_before=${seconds(NOW)}`,
    );
  });

  test("--interval month: calendar months clipped to the range, one row each, as JSON", async () => {
    const result = await devinUsage([
      "--since",
      "2026-01-15",
      "--until",
      "2026-04-10",
      "--interval",
      "month",
      "--format",
      "json",
    ]);
    expect(result.code).toBe(0);
    const bounds = [
      ["2026-01-15", "2026-02-01"],
      ["2026-02-01", "2026-03-01"],
      ["2026-03-01", "2026-04-01"],
      ["2026-04-01", "2026-04-10"],
    ];
    const rows = bounds.map(([from, to]) => ({
      from: `${from}T00:00:00Z`,
      to: `${to}T00:00:00Z`,
      metrics: expectedMetrics(seconds(`${from}T00:00:00Z`), seconds(`${to}T00:00:00Z`)),
    }));
    expect(result.stdout).toBe(expected(rows, "json"));
    // The window arithmetic, by hand: the server counts 1 session per hour of the window.
    expect(JSON.parse(result.stdout).map((row: { sessions_count: number }) => row.sessions_count)).toEqual([
      408, 672, 744, 216,
    ]);
  });

  test("--interval week as a table: a row per ISO week, the exact total and sparklines", async () => {
    const result = await devinUsage(["--since", "2026-11-26", "--until", "2026-12-08", "--interval", "week"]);
    expect(result.code).toBe(0);
    const weeks = [
      ["2026-11-26", "2026-11-30"],
      ["2026-11-30", "2026-12-07"],
      ["2026-12-07", "2026-12-08"],
    ].map(([from, to]) => ({
      from: `${from}T00:00:00Z`,
      to: `${to}T00:00:00Z`,
      metrics: expectedMetrics(seconds(`${from}T00:00:00Z`), seconds(`${to}T00:00:00Z`)),
    }));
    expect(result.stdout).toBe(expected(weeks, "table"));
    expect(weeks.map((week) => week.metrics.sessions_count)).toEqual([96, 168, 24]);
    // The sparkline beside the sessions label, however wide the spec's labels make that column.
    const label = metricLabel("sessions_count").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    expect(result.stdout).toMatch(new RegExp(`^${label} +▅█▁$`, "m"));
  });

  test("--interval day as CSV, with a range shorter than one window", async () => {
    const result = await devinUsage([
      "--since",
      "2026-11-10T06:00",
      "--until",
      "2026-11-10T18:00",
      "--interval",
      "day",
      "--format",
      "csv",
    ]);
    expect(result.code).toBe(0);
    const [from, to] = ["2026-11-10T06:00:00Z", "2026-11-10T18:00:00Z"];
    expect(result.stdout).toBe(expected([{ from, to, metrics: expectedMetrics(seconds(from), seconds(to)) }], "csv"));
    expect(expectedMetrics(seconds(from), seconds(to))).toMatchObject({ sessions_count: 12, searches_count: 72 });
  });

  test("progress on stderr for a long run only when stderr is a terminal", async () => {
    const args = ["--since", "2026-11-01", "--until", "2026-11-11", "--interval", "day", "--format", "csv"];
    const piped = await devinUsage(args);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe("");
    // script(1) runs the command on a pseudo-terminal; its output is the terminal's.
    const command = [...(await devinUsageCommand()), ...args].map((word) => `'${word}'`).join(" ");
    const terminal = await runProcess("script", ["-q", "-e", "-c", command, "/dev/null"], {
      env: { DEVIN_API_KEY: USAGE_KEY, DEVIN_ORG_ID: "org-abc", DEVIN_API_BASE_URL: server.url },
    });
    expect(terminal.code).toBe(0);
    // A line redrawn in place (carriage return, erase to the end of the line), ending on the total.
    expect(terminal.stdout).toContain("\r\u001b[Kfetched 10/10 windows");
    expect(terminal.stdout).toContain("2026-11-10T00:00:00Z,2026-11-11T00:00:00Z");
  });

  test("--help shows usage and examples; exit 0, no request", async () => {
    const before = server.requests.length;
    const result = await devinUsage(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: devin-usage \[--org ORG\]/);
    expect(result.stdout).toContain("Examples:");
    expect(server.requests.length).toBe(before);
  });

  test.each([
    [["--bogus"], /^error: Unknown option '--bogus'.*\nusage: devin-usage/s],
    [["--since", "yesterday"], /^error: --since takes an ISO 8601 date or date-time/],
    [
      ["--interval", "year", "--since", "7d"],
      /^error: --interval takes one of day, week, month; got "year"\nusage: devin-usage/,
    ],
    [["--format", "xml"], /^error: --format takes one of table, json, ndjson, csv, openmetrics, html; got "xml"/],
    [["--interval", "day"], /^error: --interval needs --since/],
    [
      ["--since", "2026-11-02", "--until", "2026-11-01"],
      /^error: --since \(2026-11-02T00:00:00.000Z\) must be before --until/,
    ],
    [["--timeout-ms", "0"], /^error: --timeout-ms takes a whole number from 1 to 2147483647, got "0"\n$/],
    // Past setTimeout's range a timer fires at once: refused, not silently a 1 ms timeout.
    [["--timeout-ms", "9007199254740991"], /^error: --timeout-ms takes a whole number from 1 to 2147483647/],
    [
      ["--since", "2006-01-01", "--until", "2026-01-01", "--interval", "day"],
      /^error: that range has more than 1000 days, one request each; use --interval week or month or narrow/,
    ],
    [["--since", "99999999d", "--interval", "week"], /^error: --since is before 1970-01-01/],
    [["--since", "2026-02-30"], /^error: --since: 2026-02-30 is not a date in the calendar\n$/],
    [["--since", "2026-13-01T00:00Z"], /^error: --since/],
    [
      ["--base-url", "::garbage::"],
      /^error: The base URL "::garbage::" is not a URL; give one like https:\/\/api\.devin\.ai\n$/,
    ],
  ])("%j fails before any request, with exit 2", async (args, message) => {
    const before = server.requests.length;
    const result = await devinUsage(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(server.requests.length).toBe(before);
  });

  test("a reader that closes early (| head -1) ends the command quietly", async () => {
    const result = await runProcess(
      "sh",
      [
        "-c",
        `${(await devinUsageCommand()).map((word) => `"${word}"`).join(" ")} --since 2026-01-01 --until 2026-11-01 --interval week | head -1`,
      ],
      { env: { DEVIN_API_KEY: USAGE_KEY, DEVIN_ORG_ID: "org-abc", DEVIN_API_BASE_URL: server.url, DEBUG: "" } },
    );
    expect(result.stdout).toMatch(/^from\s+to\s+/);
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toBe("");
  });

  test("output that cannot be written (a full disk) is one line and exit 2, not a stack and exit 1 ('partial')", async () => {
    const result = await runProcess(
      "sh",
      [
        "-c",
        `${(await devinUsageCommand()).map((word) => `"${word}"`).join(" ")} --since 2026-01-01 --until 2026-01-08 --interval day --format csv > /dev/full`,
      ],
      { env: { DEVIN_API_KEY: USAGE_KEY, DEVIN_ORG_ID: "org-abc", DEVIN_API_BASE_URL: server.url, DEBUG: "" } },
    );
    expect(result.stderr).toBe("error: cannot write the output: ENOSPC (no space left on device)\n");
    expect(result.code).toBe(2);
  });

  test.each([
    [
      "no org",
      [],
      { DEVIN_ORG_ID: "" },
      /^error: no organization: pass --org ORG or set DEVIN_ORG_ID\nusage: devin-usage/,
      2,
    ],
    ["no key", [], { DEVIN_API_KEY: "" }, /^error: no API key: set DEVIN_API_KEY/, 2],
    [
      "a rejected key (401)",
      [],
      { DEVIN_API_KEY: "cog_wrong-key" },
      /^error: the API key was rejected \(401\): check that DEVIN_API_KEY/,
      3,
    ],
    [
      "a missing permission (403)",
      [],
      { DEVIN_API_KEY: UNPRIVILEGED_KEY },
      /^error: permission denied \(403\): the service user needs the ViewAccountMetrics permission/,
      3,
    ],
    [
      "a 422 with the server's detail",
      ["--since", "2024-01-01", "--until", "2026-01-01"],
      {},
      /^error: the server rejected the request \(422\): query\.time_after: Range may span at most 400 days\n$/,
      2,
    ],
    [
      "a URL nothing listens on",
      ["--base-url", "http://127.0.0.1:9"],
      {},
      /^error: could not reach http:\/\/127\.0\.0\.1:9: .*check --base-url or DEVIN_API_BASE_URL/,
      4,
    ],
  ] as const)(
    "%s: nothing written, one line saying what to do, the exit code of its cause, and no key",
    async (_name, args, env, message, code) => {
      const result = await devinUsage([...args], env);
      expect(result.code).toBe(code);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(message);
      // One line saying what to do (a usage error repeats the usage line under it).
      expect(
        result.stderr
          .trim()
          .split("\n")
          .filter((line) => !line.startsWith("usage: ")),
      ).toHaveLength(1);
      expectNoKey(result);
    },
  );

  test("a server that never answers: exit 4 (try later) naming the URL tried", async () => {
    const silent = await startServer(() => undefined);
    try {
      const result = await devinUsage(["--timeout-ms", "100"], { DEVIN_API_BASE_URL: silent.url });
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(
        new RegExp(
          `^error: ${silent.url} did not answer in time \\(GET ${silent.url}/v3/organizations/org-abc/metrics/usage timed out after 100 ms \\(after 3 tries\\)\\); check --base-url`,
        ),
      );
    } finally {
      await silent.close();
    }
  });

  test("DEBUG shows the stack, still without the key", async () => {
    const result = await devinUsage([], { DEVIN_API_KEY: "cog_wrong-key", DEBUG: "1" });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/\n\s+at /);
    expectNoKey(result);
  });

  test("successful output never contains the key", async () => {
    for (const format of ["table", "json", "ndjson", "csv", "openmetrics", "html"]) {
      expectNoKey(await devinUsage(["--since", "3d", "--interval", "day", "--format", format]));
    }
  });
});
