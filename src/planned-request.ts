/**
 * What openapi-fetch builds in place of a `Request` (its `Request` option) for a call made
 * through `callOperation`: the URL and the init it worked out, kept as they are. Only the
 * transport sees it, and sends it with `fetch(url, init)`, so a try builds one `Request`
 * (fetch's own) where it would build two: openapi-fetch's (a URL parse, a header list and
 * an abort signal of its own) and then fetch's copy of it. That first one was about 5 % of
 * a call on loopback (docs/benchmarks.md, "Per call").
 *
 * Used only where nothing else could see the difference: a client without middleware (which
 * openapi-fetch hands the request to) and an init of nothing but what openapi-fetch turns
 * into the URL, headers and body, and the caller's signal (`isPlannable`); so the init
 * cannot hold a value a `Request` would refuse, and fetch meets the same one it would have.
 */
export class PlannedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
  /** The caller's signal, when there is one (a `Request` always has one; this only when given). */
  readonly signal: AbortSignal | undefined;
  readonly init: RequestInit;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.init = init;
    this.method = init.method as string;
    this.headers = init.headers as Headers;
    this.body = init.body ?? null;
    this.signal = init.signal ?? undefined;
  }

  /**
   * The init for one try: the call's, with the try's signal. The init is this call's own
   * (openapi-fetch builds it for the one request), so the signal is set on it rather than
   * on a copy; the caller's is kept in `signal`.
   */
  initFor(signal: AbortSignal): RequestInit {
    this.init.signal = signal;
    return this.init;
  }

  /**
   * Sendable as planned, try after try: a body that is text (openapi-fetch's JSON) or none.
   * Any other (a form, a blob, a stream from a body serializer of the caller's) goes as a
   * real `Request`, read afresh from a clone each try, as it would have been.
   */
  get resendable(): boolean {
    return this.body === null || typeof this.body === "string";
  }

  toRequest(): Request {
    return new Request(this.url, this.init);
  }
}

/** The init keys `callOperation` may plan a request for: the rest (cache, mode, keepalive…) go to a real `Request`. */
const PLANNABLE_KEYS = new Set([
  "params",
  "body",
  "headers",
  "signal",
  "baseUrl",
  "querySerializer",
  "bodySerializer",
  "pathSerializer",
]);

/** True when an init holds only what a planned request carries through unchanged (see `PlannedRequest`). */
export function isPlannable(init: object): boolean {
  for (const key in init) {
    if (!PLANNABLE_KEYS.has(key)) return false;
  }
  return true;
}
