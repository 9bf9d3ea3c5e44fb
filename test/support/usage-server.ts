import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson, startServer, type TestServer } from "./http-server.js";

export const USAGE_KEY = "cog_usage-cli-test-key-8d1f";
/** A key the server knows but whose service user lacks ViewAccountMetrics. */
export const UNPRIVILEGED_KEY = "cog_no-metrics-permission";
/** Ranges longer than this are rejected with a 422, as a real server might. */
export const MAX_RANGE_SECONDS = 400 * 86_400;
/** What the server answers when no time is given (the API's default window). */
export const DEFAULT_WINDOW_METRICS = {
  sessions_count: 11,
  searches_count: 22,
  prs_created_count: 33,
  prs_merged_count: 44,
};

/**
 * Counts computed from the window, so every row and total can be checked exactly:
 * one session per hour, one search per 10 minutes, one PR created per day, and one
 * merged per week (rounded down).
 */
export function expectedMetrics(after: number, before: number) {
  const seconds = before - after;
  return {
    sessions_count: Math.floor(seconds / 3600),
    searches_count: Math.floor(seconds / 600),
    prs_created_count: Math.floor(seconds / 86_400),
    prs_merged_count: Math.floor(seconds / 604_800),
  };
}

function validationError(response: ServerResponse, name: string, input: string, msg: string, type: string) {
  sendJson(response, 422, { detail: [{ type, loc: ["query", name], msg, input }] });
}

/** The usage-metrics operation as the spec describes it, on a real HTTP server. */
export function startUsageServer(): Promise<TestServer> {
  return startServer((request: IncomingMessage, response: ServerResponse) => {
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
    if (after === undefined && before === undefined) return sendJson(response, 200, DEFAULT_WINDOW_METRICS);
    if (after === undefined || before === undefined) return sendJson(response, 422, { detail: "give both times" });
    if (before - after > MAX_RANGE_SECONDS) {
      return validationError(response, "time_after", String(after), "Range may span at most 400 days", "value_error");
    }
    sendJson(response, 200, expectedMetrics(after, before));
  });
}
