import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { ReportWindow } from "../../../src/cli/usage/report.js";
import { runDevinUsage, startDevinUsage } from "../../support/devin-usage-cli.js";
import type { TestServer } from "../../support/http-server.js";
import { answered, dayWindows, expectedOutput } from "../../support/usage-expectations.js";
import { type Answer, startUsageServer, USAGE_KEY, type WindowCall } from "../../support/usage-server.js";

/** What a window's request is answered with, decided per test; `undefined` is the normal answer. */
let answer: (call: WindowCall) => Answer | undefined | Promise<Answer | undefined> = () => undefined;
let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startUsageServer({ answer: (call) => answer(call) });
  dir = await mkdtemp(join(tmpdir(), "devin-usage-partial-"));
});
afterEach(() => {
  answer = () => undefined;
});
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const env = () => ({ DEVIN_API_KEY: USAGE_KEY, DEVIN_ORG_ID: "org-abc", DEVIN_API_BASE_URL: server.url });
const days = (first: string, count: number) => {
  const windows = dayWindows(first, count);
  const until = new Date(Date.parse(`${first}T00:00:00Z`) + count * 86_400_000).toISOString();
  return { windows, args: ["--since", first, "--until", until, "--interval", "day"] };
};
/**
 * A run with `--resume file` against an API that answers every window: it must complete,
 * quietly, with every window's row. Returns the requests it made.
 */
async function resumeInFull(args: string[], file: string, windows: ReturnType<typeof dayWindows>) {
  answer = () => undefined;
  const before = server.requests.length;
  const run = await runDevinUsage([...args, "--format", "csv", "--resume", file], env());
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(expectedOutput(windows, "csv"));
  return server.requests.slice(before);
}
/** The day (0-based) a request is for, from its `time_after`. */
const dayOf = (call: WindowCall, first: string) =>
  call.after === undefined ? -1 : Math.round((call.after * 1000 - Date.parse(`${first}T00:00:00Z`)) / 86_400_000);
/** A 503 the client may retry at once (`retry-after-ms: 0`), so a test does not wait out the backoff. */
const unavailable: Answer = {
  status: 503,
  body: { detail: "Service Unavailable" },
  headers: { "retry-after-ms": "0" },
};

describe("partial results", () => {
  test("a server that fails every other request: each window's retry answers, all 31 rows, exit 0", async () => {
    const { windows, args } = days("2026-10-01", 31);
    answer = (call) => (call.attempt % 2 === 1 ? unavailable : undefined);
    const result = await runDevinUsage([...args, "--format", "csv"], env());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expectedOutput(windows, "csv"));
  });

  test("windows that fail after their retries are named on stderr; the others are written in order; exit 1", async () => {
    const { windows, args } = days("2026-11-01", 10);
    answer = (call) => ([2, 6].includes(dayOf(call, "2026-11-01")) ? unavailable : undefined);
    for (const format of ["csv", "ndjson", "json"] as const) {
      const result = await runDevinUsage([...args, "--format", format], env());
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(expectedOutput(windows, format, { missing: [2, 6] }));
      expect(result.stderr.split("\n")).toEqual([
        "error: [2026-11-03, 2026-11-04) failed: the API failed (503 after 3 tries): Service Unavailable; the fault is on the API's side: try again later",
        "error: [2026-11-07, 2026-11-08) failed: the API failed (503 after 3 tries): Service Unavailable; the fault is on the API's side: try again later",
        "error: partial: 8 of 10 windows written; 2 failed (named above); with --resume FILE the next run fetches only what is missing",
        "",
      ]);
    }
  });

  test("rows are written as windows complete: the first ones are out while a later window is still pending", async () => {
    const { windows, args } = days("2026-11-01", 8);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    answer = async (call) => {
      if (dayOf(call, "2026-11-01") === 5) await held;
      return undefined;
    };
    const run = await startDevinUsage([...args, "--format", "csv"], env());
    try {
      // Header and the five days before the held one, while it is held.
      await run.waitFor(({ stdout }) => stdout.split("\r\n").length === 7);
      expect(run.stdout()).toBe(expectedOutput(windows.slice(0, 5), "csv"));
    } finally {
      release();
    }
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expectedOutput(windows, "csv"));
  });

  test("--resume: a run killed with SIGKILL loses no answer, and the next run fetches only the missing windows", async () => {
    const { windows, args } = days("2026-09-01", 12);
    const file = join(dir, "killed.state");
    answer = (call) => (dayOf(call, "2026-09-01") >= 5 ? "hang" : undefined);
    const first = await startDevinUsage([...args, "--format", "csv", "--resume", file], env());
    await first.waitFor(({ stdout }) => stdout.split("\r\n").length === 7);
    first.child.kill("SIGKILL");
    await first.done;
    // Header, then one record per answered window: the five days the API answered.
    expect((await readFile(file, "utf8")).trimEnd().split("\n")).toHaveLength(6);

    const before = server.requests.length;
    const asked = (await resumeInFull(args, file, windows)).map((request) =>
      new URL(request.url, server.url).searchParams.get("time_after"),
    );
    expect(asked.sort()).toEqual(windows.slice(5).map((window) => String((window.from as Date).getTime() / 1000)));

    // A write cut short leaves a torn last line: the next run drops it. And a third run has
    // everything: no request at all.
    await appendFile(file, '{"from":"2026-09-0');
    const third = await runDevinUsage([...args, "--format", "ndjson", "--resume", file], env());
    expect(third.code).toBe(0);
    expect(third.stdout).toBe(expectedOutput(windows, "ndjson"));
    expect(server.requests.length).toBe(before + 7);
    expect((await readFile(file, "utf8")).endsWith("}\n")).toBe(true);
  });

  test("a 200 whose JSON is not an object (null, a list, a string) fails its window and is kept out of --resume", async () => {
    const { windows, args } = days("2026-07-01", 5);
    const file = join(dir, "lying.state");
    const lies: Record<number, string> = { 1: "null", 2: "[]", 3: '"ok"' };
    answer = (call) => {
      const lie = lies[dayOf(call, "2026-07-01")];
      return lie === undefined ? undefined : { status: 200, text: lie };
    };
    const first = await runDevinUsage([...args, "--format", "csv", "--resume", file], env());
    expect(first.code).toBe(1);
    expect(first.stdout).toBe(expectedOutput(windows, "csv", { missing: [1, 2, 3] }));
    const lines = first.stderr.split("\n");
    expect(lines.slice(0, 3).map((line) => /^error: (\[[^)]*\)) failed: .*not an object/.exec(line)?.[1])).toEqual([
      "[2026-07-02, 2026-07-03)",
      "[2026-07-03, 2026-07-04)",
      "[2026-07-04, 2026-07-05)",
    ]);
    expect(lines[3]).toMatch(/^error: partial: 2 of 5 windows written; 3 failed/);
    expect(first.stderr).not.toContain("TypeError");

    // The file holds only real answers: the next run reads it and fetches just the three.
    expect(await resumeInFull(args, file, windows)).toHaveLength(3);
  });

  test("--resume never writes the key: an answer that echoes it is kept redacted", async () => {
    const { windows, args } = days("2026-06-01", 2);
    const file = join(dir, "echo.state");
    answer = (call) => ({
      status: 200,
      body: {
        ...answered(windows[dayOf(call, "2026-06-01")] as ReportWindow).metrics,
        debug: call.request.headers.authorization,
      },
    });
    const result = await runDevinUsage([...args, "--format", "csv", "--resume", file], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expectedOutput(windows, "csv"));
    const kept = await readFile(file, "utf8");
    expect(kept).not.toContain(USAGE_KEY);
    expect(kept).toContain('"debug":"Bearer [redacted]"');
  });

  test("--resume refuses a file of another organization and leaves it as it was", async () => {
    const file = join(dir, "other-org.state");
    const { args } = days("2026-08-01", 2);
    expect((await runDevinUsage([...args, "--resume", file], env())).code).toBe(0);
    const kept = await readFile(file, "utf8");
    const result = await runDevinUsage([...args, "--resume", file, "--org", "org-other"], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: --resume .*other-org\.state: holds answers for organization "org-abc" at http/,
    );
    expect(await readFile(file, "utf8")).toBe(kept);
  });

  test("--resume refuses a file of one line without a line break (not ours) and leaves it as it was", async () => {
    const { args } = days("2026-08-01", 2);
    for (const [name, text] of [
      ["settings.json", '{"theme":"dark","keys":["a","b"]}'],
      ["notes.txt", "remember the milk"],
    ]) {
      const file = join(dir, name as string);
      await writeFile(file, text as string);
      const result = await runDevinUsage([...args, "--resume", file], env());
      expect(result.code, name).toBe(2);
      expect(result.stderr).toMatch(/^error: --resume .*: not a file devin-usage wrote/);
      expect(await readFile(file, "utf8")).toBe(text);
    }
    // A header torn by a crash on the very first write is ours: dropped, and the run goes on.
    const torn = join(dir, "torn-header.state");
    await writeFile(torn, '{"format":"devin-usage resume f');
    const result = await runDevinUsage([...args, "--resume", torn], env());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect((await readFile(torn, "utf8")).split("\n")).toHaveLength(4);
  });

  test("SIGTERM (a scheduler's timeout) stops the run: what was answered is written, the rest named; exit 1", async () => {
    const { windows, args } = days("2026-11-01", 9);
    answer = (call) => (dayOf(call, "2026-11-01") >= 3 ? "hang" : undefined);
    const before = server.requests.length;
    const run = await startDevinUsage([...args, "--format", "table"], env());
    // Three days answered and four held in flight.
    await run.waitFor(() => server.requests.length - before >= 7);
    run.child.kill("SIGTERM");
    const result = await run.done;
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(expectedOutput(windows, "table", { missing: [3, 4, 5, 6, 7, 8] }));
    expect(result.stderr).toContain(
      "error: 6 windows from [2026-11-04, 2026-11-05) to [2026-11-09, 2026-11-10) not fetched: interrupted\n",
    );
    expect(result.stderr).toMatch(/error: partial: 3 of 9 windows written; 6 not fetched/);
  });

  test("a 429 after its retries stops new windows; the line says when to try again", async () => {
    const { args } = days("2026-11-01", 12);
    answer = (call) =>
      dayOf(call, "2026-11-01") === 2
        ? { status: 429, body: { detail: "Too Many Requests" }, headers: { "retry-after": "30" } }
        : undefined;
    const before = server.requests.length;
    const result = await runDevinUsage([...args, "--format", "csv", "--retries", "0"], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "error: [2026-11-03, 2026-11-04) failed: rate-limited (429): Too Many Requests; the API asks to wait 30 s (Retry-After) before running again\n",
    );
    expect(result.stderr).toMatch(/not fetched: the run stopped when \[2026-11-03, 2026-11-04\) failed\n/);
    expect(server.requests.length - before).toBeLessThan(12);
  });

  test("a rejected key stops the run at once: one line, exit 3, a few requests at most", async () => {
    const { args } = days("2026-01-01", 60);
    const before = server.requests.length;
    const result = await runDevinUsage(args, { ...env(), DEVIN_API_KEY: "cog_revoked" });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^error: the API key was rejected \(401\): check that DEVIN_API_KEY holds a current service-user key \(\d failed, \d+ not fetched\)\n$/,
    );
    expect(server.requests.length - before).toBeLessThanOrEqual(4);
  });

  test("nothing written, for more than one reason: the exit code is the one a person must act on (3 before 4)", async () => {
    const { args } = days("2026-11-01", 6);
    // The first window's API is down; the ones after it refuse the key.
    answer = (call) =>
      dayOf(call, "2026-11-01") === 0 ? unavailable : { status: 401, body: { detail: "Invalid API key" } };
    const result = await runDevinUsage([...args, "--retries", "0"], env());
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("error: nothing written");
    expect(result.code).toBe(3);
  });

  test("--resume passes over a blank line in the middle of its file", async () => {
    const { windows, args } = days("2026-08-01", 3);
    const file = join(dir, "blank-line.state");
    expect((await runDevinUsage([...args, "--format", "csv", "--resume", file], env())).code).toBe(0);
    const lines = (await readFile(file, "utf8")).split("\n");
    await writeFile(file, [lines[0], lines[1], "", ...lines.slice(2)].join("\n"));
    const before = server.requests.length;
    const again = await runDevinUsage([...args, "--format", "csv", "--resume", file], env());
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(expectedOutput(windows, "csv"));
    expect(server.requests.length).toBe(before);
  });

  test("an API failing every window: it stops after 10 in a row, nothing is written, exit 4 (try later)", async () => {
    const { args } = days("2026-11-01", 20);
    answer = () => unavailable;
    const result = await runDevinUsage([...args, "--retries", "0"], env());
    expect(result.code).toBe(4);
    expect(result.stdout).toBe("");
    const [line, ...rest] = result.stderr.split("\n");
    expect(rest).toEqual([""]);
    const counts = /^error: the API failed \(503\): Service Unavailable; .* \((\d+) failed, (\d+) not fetched\)$/.exec(
      line ?? "",
    );
    expect(counts, line).not.toBeNull();
    const [failed, notFetched] = [Number(counts?.[1]), Number(counts?.[2])];
    expect(failed).toBeGreaterThanOrEqual(10);
    expect(failed).toBeLessThan(14);
    expect(failed + notFetched).toBe(20);
  });
});
