import {
  DevinAbortError,
  DevinConnectionError,
  DevinResponseTooLargeError,
  DevinTimeoutError,
  type RequestSummary,
} from "./errors.js";
import { readBodyCapped } from "./read-capped.js";
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

/** The whole body, within `maxResponseBytes` (`readBodyCapped`), or `DevinResponseTooLargeError`. */
async function readCapped(
  response: Response,
  request: Request,
  options: TransportOptions,
): Promise<Uint8Array<ArrayBuffer>> {
  const body = await readBodyCapped(response, options.maxResponseBytes);
  if (body !== undefined) return body;
  const { method, url } = summarise(request, 1);
  throw new DevinResponseTooLargeError(
    `${method} ${url} sent a response body over the ${options.maxResponseBytes}-byte limit (maxResponseBytes); the read was stopped`,
  );
}

/** The methods that read a Response's body; each is wrapped on a guarded response. */
const BODY_READERS = ["arrayBuffer", "blob", "bytes", "formData", "json", "text"] as const;

/** What a guarded response's readers do when they finish: stop the try's timer, and map a failure. */
interface Guard {
  release: () => void;
  fail: (error: unknown) => unknown;
}

const guardByResponse = new WeakMap<Response, Guard>();

/**
 * The prototype of a guarded response: `Response.prototype` (so `instanceof Response` and
 * every other member work as before) with each body reader and `clone` wrapped. One
 * prototype for all responses rather than seven wrappers set on each: that was measurable
 * on every call.
 */
const GUARDED_RESPONSE: object = (() => {
  const prototype: Record<string, unknown> = Object.create(Response.prototype);
  const original = Response.prototype as unknown as Record<string, (this: Response) => unknown>;
  for (const name of BODY_READERS) {
    const read = original[name];
    if (typeof read !== "function") continue;
    prototype[name] = async function (this: Response) {
      const guard = guardByResponse.get(this);
      try {
        return await read.call(this);
      } catch (error) {
        throw guard ? guard.fail(error) : error;
      } finally {
        guard?.release();
      }
    };
  }
  // A clone (response validation reads one) reads under the same timer and maps its failures alike.
  prototype.clone = function (this: Response) {
    const copy = Response.prototype.clone.call(this);
    const guard = guardByResponse.get(this);
    return guard ? guardBody(copy, guard) : copy;
  };
  return prototype;
})();

/**
 * Hands a response over with its body unread, the try's timer still running: each body
 * reader stops the timer when the body has arrived, and a read that fails becomes the
 * try's error (a stall past `timeoutMs` a `DevinTimeoutError`). No copy of the body and
 * no second Response are made, which is most of what buffering cost on every call
 * (docs/benchmarks.md).
 */
function guardBody(response: Response, guard: Guard): Response {
  Object.setPrototypeOf(response, GUARDED_RESPONSE);
  guardByResponse.set(response, guard);
  return response;
}

/**
 * One try: sends the request, and bounds it, body included, by `timeoutMs`, so a server
 * that sends headers and then stalls is a timeout too rather than a hang.
 *
 * A body whose length is declared (and not compressed) cannot exceed it, so when that
 * length is within `maxResponseBytes` the response is handed over unread (`guardBody`);
 * any other body is read here, counting bytes as they arrive (`readCapped`), and handed
 * over as a new Response.
 *
 * This is on every call's path, so it avoids the costly ways: the caller's signal is
 * linked to the try's controller by a listener (not `AbortSignal.any`), and a request
 * without a body is sent from its parts rather than as a copied Request.
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
  const release = () => {
    clearTimeout(timer);
    callerSignal.removeEventListener("abort", onCallerAbort);
  };
  const fail = (error: unknown) => {
    if (callerSignal.aborted) return callerAbort(callerSignal);
    if (error instanceof DevinResponseTooLargeError) return error;
    const { method, url } = summarise(request, 1);
    if (timedOut) return new DevinTimeoutError(`${method} ${url} timed out after ${options.timeoutMs} ms`);
    const reason = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = reason?.code ?? reason?.message ?? (error as Error).message;
    return new DevinConnectionError(`${method} ${url} failed: no response (${detail})`, { cause: error });
  };
  let handedOver = false;
  try {
    const { signal } = controller;
    const response = await (options.fetch
      ? options.fetch(new Request(request.body === null ? request : request.clone(), { signal }))
      : request.body === null
        ? // From its parts rather than `fetch(request, { signal })`, which copies the whole Request first.
          globalThis.fetch(request.url, { method: request.method, headers: request.headers, signal })
        : globalThis.fetch(request.clone(), { signal }));
    const length = response.headers.get("content-length");
    if (NULL_BODY_STATUSES.has(response.status) || request.method === "HEAD" || length === "0") return response;
    if (length !== null && !response.headers.has("content-encoding") && Number(length) <= options.maxResponseBytes) {
      handedOver = true;
      // A body nobody reads must not hold the process open until the timer fires.
      timer.unref();
      return guardBody(response, { release, fail });
    }
    const body = await readCapped(response, request, options);
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } catch (error) {
    throw fail(error);
  } finally {
    if (!handedOver) release();
  }
}

/** Lets go of a response that will not be read (a retried status): its body, its timer. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
  guardByResponse.get(response)?.release();
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
      if (response !== undefined) await discard(response);
      try {
        await sleep(retryDelayMs(tries, response?.headers), callerSignal);
      } catch {
        throw callerAbort(callerSignal);
      }
    }
  };
}
