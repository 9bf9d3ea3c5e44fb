import { isRetryableStatus, RETRY_POLICY, serverRetryDelayMs } from "../../retry.js";
import type { FetchLike } from "../../transport.js";
import type { ReportWindow } from "./report.js";

/** What one try of a window's request came to. */
export interface TryReport {
  /** The window's key (`windowKey`). */
  key: string;
  /** 1 for the first try. */
  tries: number;
  /** The status the server answered with; undefined when no response came. */
  status: number | undefined;
  /** The server's headers, when it answered. */
  headers: Headers | undefined;
  /**
   * Set when the client will try again: the longest it will wait first (the server's
   * `Retry-After`, capped as the retry policy caps it, or the top of its backoff).
   * @unit milliseconds
   */
  retryInMs: number | undefined;
}

/** A window's request as the observer knows it: its `time_after`/`time_before` in Unix seconds. */
export function windowKey(window: ReportWindow): string {
  const seconds = (date: Date | undefined) => (date === undefined ? "" : String(Math.floor(date.getTime() / 1000)));
  return `${seconds(window.from)}/${seconds(window.to)}`;
}

function keyOfUrl(url: string): string {
  const query = new URL(url).searchParams;
  return `${query.get("time_after") ?? ""}/${query.get("time_before") ?? ""}`;
}

/** The longest wait the retry policy (src/retry.ts) may take before retry number `retry`. */
function longestWaitMs(retry: number, headers: Headers | undefined): number {
  const asked = serverRetryDelayMs(headers);
  if (asked !== undefined) return Math.min(asked, RETRY_POLICY.maxRetryAfterMs);
  return Math.min(RETRY_POLICY.initialDelayMs * 2 ** (retry - 1), RETRY_POLICY.maxBackoffMs);
}

export interface TryObserver {
  /** The fetch to give the client: it sends each try and reports it. */
  fetch: FetchLike;
  /** The last try of a window's request, to explain its failure (its status, how many tries). */
  last(window: ReportWindow): TryReport | undefined;
}

/**
 * Watches every try the client's transport sends, without changing it: the client keeps
 * its one retry policy, and the command learns what the policy is doing (a 429 and the
 * wait before the next try, a 503, a refused connection) to show it as progress, and what
 * the last answer was when a failure has to be explained.
 */
export function observeTries(options: {
  /** The client's `maxRetries`: after that many retries there is no next try. */
  maxRetries: number;
  onTry?: (report: TryReport) => void;
  /** Aborted when the run is interrupted: an aborted try is not retried. */
  interrupted?: AbortSignal;
  send?: FetchLike;
}): TryObserver {
  const send = options.send ?? ((request: Request) => globalThis.fetch(request));
  const tries = new Map<string, number>();
  const lastTry = new Map<string, TryReport>();
  const report = (key: string, response: Response | undefined) => {
    const count = (tries.get(key) ?? 0) + 1;
    const retryable = response === undefined || isRetryableStatus(response.status);
    const willRetry = retryable && count <= options.maxRetries && !options.interrupted?.aborted;
    const entry: TryReport = {
      key,
      tries: count,
      status: response?.status,
      headers: response?.headers,
      retryInMs: willRetry ? longestWaitMs(count, response?.headers) : undefined,
    };
    if (willRetry) tries.set(key, count);
    else tries.delete(key);
    lastTry.set(key, entry);
    options.onTry?.(entry);
  };
  return {
    async fetch(request) {
      const key = keyOfUrl(request.url);
      let response: Response;
      try {
        response = await send(request);
      } catch (error) {
        report(key, undefined);
        throw error;
      }
      report(key, response);
      return response;
    },
    last: (window) => lastTry.get(windowKey(window)),
  };
}
