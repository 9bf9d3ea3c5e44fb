import { afterAll, beforeAll, expect, test } from "vitest";
import { startDevinUsage } from "../support/devin-usage-cli.js";
import type { TestServer } from "../support/http-server.js";
import { dayWindows, expectedOutput } from "../support/usage-expectations.js";
import { startUsageServer, USAGE_KEY } from "../support/usage-server.js";

/**
 * The run of the issue: 365 daily windows against a server that takes 200 ms an answer,
 * under cron (stderr not a terminal). It lasts about 20 s; progress must show it is alive,
 * at most one line per 5 s (the default), and every row must arrive.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startUsageServer({ delayMs: 200 });
});
afterAll(async () => {
  await server?.close();
});

test("a year of days against a slow API: every row, and a progress line at most every 5 s", async () => {
  const started = Date.now();
  const run = await startDevinUsage(
    ["--since", "2025-01-01", "--until", "2026-01-01", "--interval", "day", "--format", "ndjson"],
    {
      DEVIN_API_KEY: USAGE_KEY,
      DEVIN_ORG_ID: "org-abc",
      DEVIN_API_BASE_URL: server.url,
    },
  );
  const result = await run.done;
  const elapsed = Date.now() - started;
  expect(result.code).toBe(0);
  expect(result.stdout).toBe(expectedOutput(dayWindows("2025-01-01", 365), "ndjson"));
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines.at(-1)).toBe("progress: done, 365/365 windows");
  const updates = lines.slice(0, -1);
  for (const line of updates) expect(line).toMatch(/^progress: \d+\/365 windows \(\d+ left\)$/);
  // Some line in a run this long, and never more than one per 5 s (plus the last): a bound
  // measured against this run's own length, which a slow machine only makes looser.
  expect(updates.length).toBeGreaterThan(0);
  expect(updates.length).toBeLessThanOrEqual(Math.ceil(elapsed / 5000));
  // The counts only grow.
  const done = updates.map((line) => Number(/(\d+)\/365/.exec(line)?.[1]));
  expect(done).toEqual([...done].sort((a, b) => a - b));
});
