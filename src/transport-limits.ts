import { DevinConfigError } from "./errors.js";

/** The longest a timer can wait (2^31 − 1 ms, about 24.8 days); HTML timers and Node fire a longer one after 1 ms. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * Refuses the transport numbers that would quietly do something other than asked, before
 * any request: a `timeoutMs` no timer can wait (Infinity, over `MAX_TIMEOUT_MS`, zero,
 * negative or NaN all fire after 1 ms, so every call would time out), a `maxRetries` that
 * is not a whole number from 0 (NaN never reaches the last try: retried forever), a
 * `maxResponseBytes` that is NaN (no limit at all) or negative (every body too large).
 */
export function assertTransportLimits(limits: {
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  maxResponseBytes?: number | undefined;
}): void {
  const { timeoutMs, maxRetries, maxResponseBytes } = limits;
  if (timeoutMs !== undefined && !(timeoutMs >= 1 && timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new DevinConfigError(
      `timeoutMs must be milliseconds from 1 to ${MAX_TIMEOUT_MS} (about 24.8 days, the longest a timer waits), got ${String(timeoutMs)}`,
    );
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new DevinConfigError(`maxRetries must be a whole number from 0, got ${String(maxRetries)}`);
  }
  if (maxResponseBytes !== undefined && !(maxResponseBytes >= 0)) {
    throw new DevinConfigError(`maxResponseBytes must be a number of bytes from 0, got ${String(maxResponseBytes)}`);
  }
}
