import { describe, expect, test } from "vitest";
import {
  isIdempotentMethod,
  isRetryableStatus,
  RETRY_POLICY,
  retryDelayMs,
  serverRetryDelayMs,
} from "../../src/retry.js";

describe("retry policy", () => {
  test.each([
    [408, true],
    [409, true],
    [429, true],
    [500, true],
    [503, true],
    [599, true],
    [400, false],
    [401, false],
    [404, false],
    [422, false],
    [200, false],
  ])("status %i retryable: %s", (status, want) => {
    expect(isRetryableStatus(status)).toBe(want);
  });

  test.each([
    ["GET", true],
    ["head", true],
    ["PUT", true],
    ["DELETE", true],
    ["OPTIONS", true],
    ["POST", false],
    ["PATCH", false],
  ])("%s idempotent: %s", (method, want) => {
    expect(isIdempotentMethod(method)).toBe(want);
  });

  const now = Date.parse("2026-11-26T12:00:00Z");
  test.each([
    ["retry-after-ms wins over Retry-After", { "retry-after-ms": "250", "retry-after": "5" }, 250],
    ["Retry-After in seconds", { "retry-after": "2" }, 2000],
    ["Retry-After as an HTTP date", { "retry-after": "Thu, 26 Nov 2026 12:00:03 GMT" }, 3000],
    ["a date in the past is no wait", { "retry-after": "Thu, 26 Nov 2026 11:00:00 GMT" }, 0],
    ["unreadable", { "retry-after": "soon" }, undefined],
    ["absent", {}, undefined],
  ])("server delay: %s", (_name, headers, want) => {
    expect(serverRetryDelayMs(new Headers(headers), now)).toBe(want);
  });

  test("a server delay is capped", () => {
    expect(retryDelayMs(1, new Headers({ "retry-after": "3600" }))).toBe(RETRY_POLICY.maxRetryAfterMs);
  });

  test.each([
    [1, 0, 500],
    [2, 0, 1000],
    [3, 0, 2000],
    [5, 0, 8000],
    [9, 0, 8000],
    [1, 1, 375],
    [5, 1, 6000],
  ])("backoff for retry %i with random %d is %d ms", (retry, random, want) => {
    expect(retryDelayMs(retry, new Headers(), () => random)).toBe(want);
  });
});
