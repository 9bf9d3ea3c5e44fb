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
  // Declared, not initialised: the constructor sets each (and a bundle carries no field list).
  declare readonly url: string;
  /** This call's own (openapi-fetch builds it for the one request): each try sets its signal on it. */
  declare readonly init: RequestInit;
  declare readonly method: string;
  /** The caller's signal, when there is one (a `Request` always has one; this only when given). */
  declare readonly signal: AbortSignal | undefined;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.init = init;
    this.method = init.method as string;
    this.signal = init.signal ?? undefined;
  }
}

/**
 * The init members `callOperation` may plan a request for: what openapi-fetch turns into
 * the URL, headers and body, and the caller's signal. Any other goes to a real `Request`:
 * cache, mode, keepalive… (which a `Request` checks when it is built); a `fetch` or
 * `middleware` of the caller's (which would be handed the request); a body serializer
 * (whose body, a stream say, may not be sendable again on a retry: openapi-fetch's own
 * gives text, or the caller's `FormData`, which fetch reads afresh each try).
 */
const PLANNABLE_KEY = /^(?:params|body|headers|signal|baseUrl|querySerializer|pathSerializer)$/;

/** True when an init holds only what a planned request carries through unchanged (see `PlannedRequest`). */
export function isPlannable(init: object): boolean {
  for (const key in init) {
    if (!PLANNABLE_KEY.test(key)) return false;
  }
  return true;
}
