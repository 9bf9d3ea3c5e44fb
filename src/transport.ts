import { holdBody } from "./buffered-response.js";
import {
  DevinAbortError,
  DevinConnectionError,
  DevinResponseTooLargeError,
  DevinTimeoutError,
  describeRequest,
  type RequestSummary,
} from "./errors.js";
import { PlannedRequest } from "./planned-request.js";
import { readBodyCapped } from "./read-capped.js";
import { isIdempotentMethod, isRetryableStatus, retryDelayMs } from "./retry.js";

/** What openapi-fetch calls to send a request. */
export type FetchLike = (input: Request) => Promise<Response>;

/** What the transport is handed: a `Request`, or the parts of one (`PlannedRequest`, from `callOperation`). */
type Outgoing = Request | PlannedRequest;

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

/**
 * Which request each response answers, and on which try: on the response under a symbol,
 * set as soon as the response arrives (before its body is held: see `holdBody`), not in
 * a WeakMap (whose entries cost the garbage collector on every call).
 */
const SENT = Symbol("devin-v3-client.sent");

type Sent = Response & { [SENT]?: { request: Outgoing; tries: number } };

/** The request's address without its query string, for messages. */
export function summarise(request: { method: string; url: string }, tries: number): RequestSummary {
  const url = new URL(request.url);
  return { method: request.method, url: `${url.origin}${url.pathname}`, tries };
}

/** The request behind a response this transport returned, for error messages. */
export function requestOf(response: Response): RequestSummary | undefined {
  const sent = (response as Sent)[SENT];
  return sent && summarise(sent.request, sent.tries);
}

/** Statuses whose responses cannot carry a body (Fetch standard, "null body status"). */
export const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function callerAbort(callerSignal: AbortSignal | undefined): DevinAbortError {
  return new DevinAbortError("The request was aborted by the caller", { cause: callerSignal?.reason });
}

/**
 * The whole body, within `maxResponseBytes`, held on the response. Every body is counted
 * as it arrives (`readBodyCapped`): with a reader of our own rather than fetch's `text()`,
 * whose body-consuming steps cost more per call even where a declared length makes a
 * count unneeded (docs/benchmarks.md, "Per call").
 */
async function readBody(response: Response, request: Outgoing, options: TransportOptions): Promise<Response> {
  const body = await readBodyCapped(response, options.maxResponseBytes);
  if (body !== undefined) return holdBody(response, body);
  throw new DevinResponseTooLargeError(
    `${describeRequest(summarise(request, 1))} sent a body over the ${options.maxResponseBytes}-byte limit (maxResponseBytes); the read was stopped`,
  );
}

/**
 * One try's request to fetch: a planned one from its parts (its init taking the try's
 * signal); a real one from its parts too, when it has no body and goes to the global fetch
 * (`fetch(request, { signal })` would copy the whole Request first), else as a copy (of a
 * clone, when it has a body to read afresh each try).
 */
function dispatch(request: Outgoing, options: TransportOptions, signal: AbortSignal): Promise<Response> {
  let input: RequestInfo = request.url;
  let init: RequestInit;
  if (request instanceof PlannedRequest) {
    init = request.init;
    init.signal = signal;
  } else if (request.body === null && !options.fetch) {
    init = { method: request.method, headers: request.headers, signal };
  } else {
    input = request.body === null ? request : request.clone();
    init = { signal };
  }
  return options.fetch ? options.fetch(new Request(input, init)) : globalThis.fetch(input, init);
}

/**
 * One try: sends the request and reads the response's body, both within `timeoutMs`. The
 * body is read here, inside the try, so a server that sends headers and then stalls is a
 * timeout like one that never answers, and retried like one; and the try's timer is
 * always stopped before the try ends (nothing is left to hold a process open). The body is
 * handed over with the response (`holdBody`), not as a second Response.
 *
 * On a try that is not the last, a retryable status lets its body go unread.
 *
 * This is on every call's path, so it avoids the costly ways: the caller's signal (when
 * there is one) is linked to the try's controller by a listener (not `AbortSignal.any`),
 * and a request is sent from its parts rather than as a copied Request (`dispatch`).
 */
async function sendOnce(
  request: Outgoing,
  options: TransportOptions,
  callerSignal: AbortSignal | undefined,
  tries: number,
  last: boolean,
): Promise<Response> {
  if (callerSignal?.aborted) throw callerAbort(callerSignal);
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error("timeout"));
  }, options.timeoutMs);
  try {
    const response = await dispatch(request, options, controller.signal);
    (response as Sent)[SENT] = { request, tries };
    if (NULL_BODY_STATUSES.has(response.status) || request.method === "HEAD") return response;
    if (!last && isRetryableStatus(response.status)) {
      await response.body?.cancel().catch(() => undefined);
      return response;
    }
    return await readBody(response, request, options);
  } catch (error) {
    if (callerSignal?.aborted) throw callerAbort(callerSignal);
    if (error instanceof DevinResponseTooLargeError) throw error;
    const where = describeRequest(summarise(request, 1));
    if (timedOut) throw new DevinTimeoutError(`${where} timed out after ${options.timeoutMs} ms`);
    const reason = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = String(reason?.code ?? reason?.message ?? (error as Error).message).slice(0, 200);
    // No cause: fetch's errors carry what the server sent (an HTTP parser error keeps the
    // unparsed bytes, which may echo the key); the code or reason above says what failed.
    throw new DevinConnectionError(`${where} failed: no response (${detail})`);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", onCallerAbort);
  }
}

/**
 * A fetch that adds the retry policy and a per-try timeout to the one it wraps. Connection
 * failures become `DevinConnectionError`, timeouts `DevinTimeoutError`, a caller abort
 * `DevinAbortError` (never retried). A retryable status is retried while tries remain;
 * the last response is returned as it is, for the caller to turn into an error.
 */
export function createTransport(options: TransportOptions): FetchLike {
  return async function send(request: Outgoing): Promise<Response> {
    options.checkUrl?.(request.url);
    const callerSignal = request.signal;
    const mayRetry = options.retryNonIdempotent || isIdempotentMethod(request.method);
    const maxTries = mayRetry ? options.maxRetries + 1 : 1;
    for (let tries = 1; ; tries++) {
      const last = tries >= maxTries;
      let response: Response | undefined;
      try {
        response = await sendOnce(request, options, callerSignal, tries, last);
      } catch (error) {
        if (error instanceof DevinAbortError || error instanceof DevinResponseTooLargeError || last) {
          if (error instanceof DevinConnectionError && tries > 1) error.message += ` (after ${tries} tries)`;
          throw error;
        }
      }
      if (response !== undefined && (last || !isRetryableStatus(response.status))) return response;
      try {
        await sleep(retryDelayMs(tries, response?.headers), callerSignal);
      } catch {
        throw callerAbort(callerSignal);
      }
    }
  };
}
