/**
 * The one retry policy of this package, after the Stainless-generated SDKs (openai-node,
 * anthropic-sdk-typescript): what is retried, and how long to wait before the next try.
 */
export const RETRY_POLICY = {
  /** Retries after the first try, unless the client or the call says otherwise. */
  maxRetries: 2,
  /** First backoff delay; it doubles each retry. */
  initialDelayMs: 500,
  /** Longest backoff delay. */
  maxBackoffMs: 8_000,
  /** A server-asked delay (Retry-After) longer than this is cut to it. */
  maxRetryAfterMs: 60_000,
} as const;

/**
 * 408 Request Timeout, 409 Conflict (a lock held by a concurrent request), 429 Too Many
 * Requests and every 5xx are worth another try; other statuses would fail the same way.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** RFC 9110 §9.2.2: repeating these has the same effect as sending them once. */
const IDEMPOTENT_METHOD = /^(?:GET|HEAD|PUT|DELETE|OPTIONS)$/i;

export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHOD.test(method);
}

/**
 * The delay the server asked for: `retry-after-ms` (milliseconds, a de-facto header), else
 * `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when absent or
 * unreadable.
 */
export function serverRetryDelayMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const retryAfter = headers?.get("retry-after")?.trim();
  if (!retryAfter) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before retry number `retry` (1 for the first retry): the server's
 * delay capped at `maxRetryAfterMs`, else exponential backoff from 0.5 s to 8 s with up
 * to 25% jitter downwards, so that many clients do not retry in step.
 */
export function retryDelayMs(retry: number, headers?: Headers, random: () => number = Math.random): number {
  const asked = serverRetryDelayMs(headers);
  if (asked !== undefined) return Math.min(asked, RETRY_POLICY.maxRetryAfterMs);
  const backoff = Math.min(RETRY_POLICY.initialDelayMs * 2 ** (retry - 1), RETRY_POLICY.maxBackoffMs);
  return backoff * (1 - random() * 0.25);
}
