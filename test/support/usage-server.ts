import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson, startServer, type TestServer } from "./http-server.js";
import { specMetricFields } from "./spec-metrics.js";

export const USAGE_KEY = "cog_usage-cli-test-key-8d1f";
/** A key the server knows but whose service user lacks ViewAccountMetrics. */
export const UNPRIVILEGED_KEY = "cog_no-metrics-permission";
/** Ranges longer than this are rejected with a 422, as a real server might. */
export const MAX_RANGE_SECONDS = 400 * 86_400;

/** The four metrics the API has had from the start, with a count per window a test can check by hand. */
const KNOWN_RATES: Record<string, number> = {
  sessions_count: 3600, // one session per hour
  searches_count: 600, // one search per 10 minutes
  prs_created_count: 86_400, // one PR created per day
  prs_merged_count: 604_800, // one merged per week
};

/**
 * What the server answers for `[after, before)`: a value for every numeric metric of the
 * spec this test runs on, so that a metric added upstream has values in every output.
 * The four known ones count one event per fixed span (rounded down); any other gets its
 * own span, so its column differs from its neighbours'.
 */
export function expectedMetrics(after: number, before: number): Record<string, number> {
  const seconds = before - after;
  return Object.fromEntries(
    specMetricFields().map((field, index) => {
      // `Object.hasOwn`: a metric upstream calls `valueOf` or `constructor` is not one of ours.
      const span = Object.hasOwn(KNOWN_RATES, field) ? (KNOWN_RATES[field] as number) : 1800 * (index + 2);
      return [field, Math.floor(seconds / span)];
    }),
  );
}

/** What the server answers when no time is given (the API's default window): 11, 22, 33, … in spec order. */
export const DEFAULT_WINDOW_METRICS: Record<string, number> = Object.fromEntries(
  specMetricFields().map((field, index) => [field, 11 * (index + 1)]),
);

/** One request for a window, as the server's `answer` hook sees it. */
export interface WindowCall {
  after: number | undefined;
  before: number | undefined;
  /** 1 for the first request of this window, 2 for its first retry, … */
  attempt: number;
  /** Requests the server had received before this one. */
  index: number;
  request: IncomingMessage;
}

/** What to do instead of the normal answer. */
export type Answer =
  | { status: number; body?: unknown; text?: string; headers?: Record<string, string> }
  | "hang"
  | "reset";

export interface UsageServerOptions {
  /** Replaces the normal answer for some requests; `undefined` keeps it. */
  answer?: (call: WindowCall) => Answer | undefined | Promise<Answer | undefined>;
  /**
   * Waits this long before each answer.
   * @unit milliseconds
   */
  delayMs?: number;
}

function validationError(response: ServerResponse, name: string, input: string, msg: string, type: string) {
  sendJson(response, 422, { detail: [{ type, loc: ["query", name], msg, input }] });
}

/**
 * The usage-metrics operation as the spec describes it, on a real HTTP server, with a
 * hook that lets a test make any window fail, stall or answer strangely.
 */
export function startUsageServer(options: UsageServerOptions = {}): Promise<TestServer> {
  const attempts = new Map<string, number>();
  return startServer(async (request: IncomingMessage, response: ServerResponse, index: number) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const url = new URL(request.url ?? "/", "http://localhost");
    const match = /^\/v3\/organizations\/([^/]+)\/metrics\/usage$/.exec(url.pathname);
    if (request.method !== "GET" || !match) return sendJson(response, 404, { detail: "Not Found" });
    const auth = request.headers.authorization;
    if (auth === `Bearer ${UNPRIVILEGED_KEY}`) return sendJson(response, 403, { detail: "Missing ViewAccountMetrics" });
    if (auth !== `Bearer ${USAGE_KEY}`) return sendJson(response, 401, { detail: "Invalid credentials" });
    const times: Record<string, number | undefined> = {};
    for (const name of ["time_after", "time_before"]) {
      const value = url.searchParams.get(name);
      if (value === null) continue;
      if (!/^-?\d+$/.test(value)) {
        return validationError(
          response,
          name,
          value,
          "Input should be a valid integer, unable to parse string as an integer",
          "int_parsing",
        );
      }
      times[name] = Number(value);
    }
    const { time_after: after, time_before: before } = times;
    const key = `${match[1]}/${after}/${before}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const answer = await options.answer?.({ after, before, attempt, index, request });
    if (answer === "hang") return;
    if (answer === "reset") return void request.socket.destroy();
    if (answer !== undefined) {
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      return void response.end(answer.text ?? JSON.stringify(answer.body ?? {}));
    }
    if (after === undefined && before === undefined) return sendJson(response, 200, DEFAULT_WINDOW_METRICS);
    if (after === undefined || before === undefined) return sendJson(response, 422, { detail: "give both times" });
    if (before - after > MAX_RANGE_SECONDS) {
      return validationError(response, "time_after", String(after), "Range may span at most 400 days", "value_error");
    }
    sendJson(response, 200, expectedMetrics(after, before));
  });
}
