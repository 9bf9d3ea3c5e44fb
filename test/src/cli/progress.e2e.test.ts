import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runDevinUsage } from "../../support/devin-usage-cli.js";
import type { TestServer } from "../../support/http-server.js";
import { startUsageServer, USAGE_KEY } from "../../support/usage-server.js";

let slow: TestServer;
let limited: TestServer;
beforeAll(async () => {
  // Each answer takes 150 ms: eight windows, four at a time, about 300 ms of requests.
  slow = await startUsageServer({ delayMs: 150 });
  // The first request of each window is rate-limited for a second.
  limited = await startUsageServer({
    answer: ({ attempt }) =>
      attempt === 1 ? { status: 429, body: { detail: "slow down" }, headers: { "retry-after": "1" } } : undefined,
  });
});
afterAll(async () => {
  await slow?.close();
  await limited?.close();
});

const env = (server: TestServer) => ({
  DEVIN_API_KEY: USAGE_KEY,
  DEVIN_ORG_ID: "org-abc",
  DEVIN_API_BASE_URL: server.url,
});
const eightDays = ["--since", "2026-11-01", "--until", "2026-11-09", "--interval", "day", "--format", "csv"];

describe("progress on stderr when it is not a terminal (cron, CI)", () => {
  test("a line now and then with the windows done and left, and a last line when done", async () => {
    const result = await runDevinUsage([...eightDays, "--progress-every", "0.1"], env(slow));
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^progress: [0-8]\/8 windows \([0-8] left\)/);
    expect(lines.at(-1)).toBe("progress: done, 8/8 windows");
  });

  test("--quiet: no progress at all", async () => {
    const result = await runDevinUsage([...eightDays, "--progress-every", "0.1", "--quiet"], env(slow));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
  });

  test("a retry wait is said, with its reason and how long", async () => {
    const result = await runDevinUsage(["--progress-every", "0.2"], env(limited));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^progress: 0\/1 windows \(1 left\), waiting to retry 1 window \(429 rate-limited; next try within [01] s\)$/m,
    );
    expect(result.stderr.trimEnd().split("\n").at(-1)).toBe("progress: done, 1/1 windows");
  });

  test("--progress-every takes seconds from 0.1 to 3600", async () => {
    const result = await runDevinUsage(["--progress-every", "0"], env(slow));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --progress-every takes a number of seconds from 0.1 to 3600, got "0"\n');
  });
});
