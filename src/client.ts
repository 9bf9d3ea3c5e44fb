import createClient, { type Client, type HeadersOptions, type Middleware } from "openapi-fetch";
import type { paths } from "../generated/devin-v3.js";
import { assertSecureTransport, resolveApiKey, secureTransportGuard, withAuthorization } from "./auth.js";
import { strictPathSerializer } from "./path-params.js";
import { RETRY_POLICY } from "./retry.js";
import { createTransport, type FetchLike, type TransportOptions } from "./transport.js";

/** The production API; the spec's `servers` list is empty, so the address is ours to give. */
export const DEFAULT_BASE_URL = "https://api.devin.ai";

/** Per-try timeout when none is given. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Largest response body read when none is given: this API answers with a few hundred bytes. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export interface DevinClientOptions {
  /**
   * A service user's API key (v3 keys start with `cog_`). Sent as `Authorization: Bearer`.
   * @default process.env.DEVIN_API_KEY
   */
  apiKey?: string;
  /**
   * Where the API is. Plain `http:` is refused except for loopback hosts.
   * @default "https://api.devin.ai"
   */
  baseUrl?: string;
  /**
   * The fetch to send requests with, e.g. one with a proxy agent or a test double.
   * @default globalThis.fetch
   */
  fetch?: FetchLike;
  /**
   * Headers added to every request.
   * @default {}
   */
  headers?: HeadersOptions;
  /**
   * Retries after the first try, for connection errors, timeouts, 408, 409, 429 and 5xx.
   * @default 2
   */
  maxRetries?: number;
  /**
   * How long one try may take, response body included.
   * @default 60000
   * @unit milliseconds
   */
  timeoutMs?: number;
  /**
   * Retry non-idempotent requests (POST, PATCH) too. Only safe when the server
   * de-duplicates them.
   * @default false
   */
  retryNonIdempotent?: boolean;
  /**
   * Largest response body to read, counted after decompression; a larger one stops the
   * read and throws `DevinResponseTooLargeError`.
   * @default 10485760
   * @unit bytes
   */
  maxResponseBytes?: number;
  /**
   * Check each successful JSON response against the spec's schema and throw
   * `DevinResponseValidationError` on a mismatch.
   * @default false
   */
  validateResponses?: boolean;
}

/**
 * Response validation, loaded with its schemas on the first response: a client that does
 * not validate never loads (or, bundled, ships) the validator.
 */
function lazyValidationMiddleware(apiKey: string): Middleware {
  let validator: Promise<Middleware> | undefined;
  return {
    async onResponse(params) {
      validator ??= import("./response-validation.js").then((module) => module.responseValidationMiddleware(apiKey));
      return (await validator).onResponse?.(params);
    },
  };
}

/** An openapi-fetch client typed by the spec: `client.GET(path, …)` for every operation. */
export type DevinClient = Client<paths, `${string}/${string}`>;

/** What a call needs to know about its client that openapi-fetch does not keep. */
export interface ClientSettings {
  apiKey: string;
  baseUrl: string;
  transport: TransportOptions;
}

/** Kept off the client object, so inspecting or logging a client never shows the key. */
const settingsByClient = new WeakMap<DevinClient, ClientSettings>();

export function settingsOf(client: DevinClient): ClientSettings | undefined {
  return settingsByClient.get(client);
}

/**
 * Creates the Devin API client: openapi-fetch over the generated `paths`, with bearer
 * authentication, the retry policy, per-try timeouts and (opt-in) response validation.
 * Throws `DevinConfigError` at once when there is no key or the base URL is plain http
 * to another machine.
 */
export function createDevinClient(options: DevinClientOptions = {}): DevinClient {
  const apiKey = resolveApiKey(options.apiKey);
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  assertSecureTransport(baseUrl);
  const transport: TransportOptions = {
    fetch: options.fetch,
    maxRetries: options.maxRetries ?? RETRY_POLICY.maxRetries,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retryNonIdempotent: options.retryNonIdempotent ?? false,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    // Every request passes the transport, a per-request `baseUrl` too: the key cannot leave in clear text.
    checkUrl: secureTransportGuard(),
  };
  const client: DevinClient = createClient<paths>({
    baseUrl,
    headers: withAuthorization(options.headers, apiKey),
    fetch: createTransport(transport),
    pathSerializer: strictPathSerializer,
  });
  if (options.validateResponses) client.use(lazyValidationMiddleware(apiKey));
  settingsByClient.set(client, { apiKey, baseUrl, transport });
  return client;
}
