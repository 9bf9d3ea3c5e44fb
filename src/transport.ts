import {
  DevinAbortError,
  DevinConnectionError,
  DevinResponseTooLargeError,
  DevinTimeoutError,
  type RequestSummary,
} from "./errors.js";
import { isIdempotentMethod, isRetryableStatus, retryDelayMs } from "./retry.js";

/** What openapi-fetch calls to send a request. */
export type FetchLike = (input: Request) => Promise<Response>;

export interface TransportOptions {
  /** A fetch of the caller's; undefined sends with the global fetch. */
  fetch: FetchLike | undefined;
  maxRetries: number;
  timeoutMs: number;
  /** Retry POST and PATCH too; only safe when the server de-duplicates them. */
  retryNonIdempotent: boolean;
  /** Called with each request's URL before it is sent; throws to refuse it. */
  checkUrl?: (url: string) => void;
  /** A body larger than this (after decompression) stops the read with `DevinResponseTooLargeError`. */
  maxResponseBytes: number;
}

/** Which request each returned response answers, and after how many tries. */
const requestByResponse = new WeakMap<Response, { request: Request; tries: number }>();

/** The request's address without its query string, for messages. */
export function summarise(request: Request, tries: number): RequestSummary {
  const url = new URL(request.url);
  return { method: request.method, url: `${url.origin}${url.pathname}`, tries };
}

/** The request behind a response this transport returned, for error messages. */
export function requestOf(response: Response): RequestSummary | undefined {
  const sent = requestByResponse.get(response);
  return sent && summarise(sent.request, sent.tries);
}

/** Statuses whose responses cannot carry a body (Fetch standard, "null body status"). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function callerAbort(callerSignal: AbortSignal): DevinAbortError {
  return new DevinAbortError("The request was aborted by the caller", { cause: callerSignal.reason });
}

/**
 * The whole body, stopped as soon as it passes `maxResponseBytes`: fetch decompresses as
 * it reads, so the count is of what would be held in memory, and neither an endless body
 * nor a small gzip bomb can grow the process. A declared length over the cap (of an
 * unencoded body) is refused before reading.
 */
async function readCapped(
  response: Response,
  request: Request,
  options: TransportOptions,
): Promise<Uint8Array<ArrayBuffer>> {
  const limit = options.maxResponseBytes;
  const tooLarge = () => {
    const { method, url } = summarise(request, 1);
    return new DevinResponseTooLargeError(
      `${method} ${url} sent a response body over the ${limit}-byte limit (maxResponseBytes); the read was stopped`,
    );
  };
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > limit && !response.headers.has("content-encoding")) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array(0);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * One try: sends the request and reads the whole body, both within `timeoutMs`, so a
 * server that sends headers and then stalls is a timeout too rather than a hang. The
 * body is small JSON for this API; buffering it also lets a failed read be retried.
 *
 * This is on every call's path, so it avoids the costly ways: the caller's signal is
 * linked to the try's controller by a listener (not `AbortSignal.any`), a request without
 * a body is sent as it is (not cloned), and the global fetch gets the signal as `init`
 * rather than a second Request.
 */
async function sendOnce(request: Request, options: TransportOptions, callerSignal: AbortSignal): Promise<Response> {
  if (callerSignal.aborted) throw callerAbort(callerSignal);
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(callerSignal.reason);
  callerSignal.addEventListener("abort", onCallerAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error("timeout"));
  }, options.timeoutMs);
  try {
    const attempt = request.body === null ? request : request.clone();
    const { signal } = controller;
    const response = await (options.fetch
      ? options.fetch(new Request(attempt, { signal }))
      : globalThis.fetch(attempt, { signal }));
    const body = NULL_BODY_STATUSES.has(response.status) ? null : await readCapped(response, request, options);
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } catch (error) {
    if (callerSignal.aborted) throw callerAbort(callerSignal);
    if (error instanceof DevinResponseTooLargeError) throw error;
    const { method, url } = summarise(request, 1);
    if (timedOut) throw new DevinTimeoutError(`${method} ${url} timed out after ${options.timeoutMs} ms`);
    const reason = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = reason?.code ?? reason?.message ?? (error as Error).message;
    throw new DevinConnectionError(`${method} ${url} failed: no response (${detail})`, { cause: error });
  } finally {
    clearTimeout(timer);
    callerSignal.removeEventListener("abort", onCallerAbort);
  }
}

/**
 * A fetch that adds the retry policy and a per-try timeout to the one it wraps. Connection
 * failures become `DevinConnectionError`, timeouts `DevinTimeoutError`, a caller abort
 * `DevinAbortError` (never retried). A retryable status is retried while tries remain;
 * the last response is returned as it is, for the caller to turn into an error.
 */
export function createTransport(options: TransportOptions): FetchLike {
  return async function send(request: Request): Promise<Response> {
    options.checkUrl?.(request.url);
    const callerSignal = request.signal;
    const mayRetry = options.retryNonIdempotent || isIdempotentMethod(request.method);
    const maxTries = mayRetry ? options.maxRetries + 1 : 1;
    for (let tries = 1; ; tries++) {
      let response: Response | undefined;
      try {
        response = await sendOnce(request, options, callerSignal);
      } catch (error) {
        if (error instanceof DevinAbortError || error instanceof DevinResponseTooLargeError || tries >= maxTries) {
          if (error instanceof DevinConnectionError && tries > 1) error.message += ` (after ${tries} tries)`;
          throw error;
        }
      }
      if (response !== undefined && (!isRetryableStatus(response.status) || tries >= maxTries)) {
        requestByResponse.set(response, { request, tries });
        return response;
      }
      try {
        await sleep(retryDelayMs(tries, response?.headers), callerSignal);
      } catch {
        throw callerAbort(callerSignal);
      }
    }
  };
}
