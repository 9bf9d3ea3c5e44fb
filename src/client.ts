import createClient, { type Client, type HeadersOptions, type Middleware } from "openapi-fetch";
import type { paths } from "../generated/devin-v3.js";
import { assertSecureTransport, baseHeaders, resolveApiKey, secureTransportGuard } from "./auth.js";
import { heldText } from "./buffered-response.js";
import { callOperation } from "./call.js";
import { DevinApiError, DevinInvalidResponseError, DevinResponseValidationError } from "./errors.js";
import type {
  DevinResponse,
  HttpMethod,
  InitArgument,
  OperationAt,
  OperationError,
  PaginatedPaths,
  PathsWith,
  SuccessBody,
} from "./operation-types.js";
import { strictPathSerializer } from "./path-params.js";
import { RETRY_POLICY } from "./retry.js";
import { createTransport, type FetchLike, summarise, type TransportOptions } from "./transport.js";
import { assertTransportLimits } from "./transport-limits.js";

/** The production API; the spec's `servers` list is empty, so the address is ours to give. */
export const DEFAULT_BASE_URL = "https://api.devin.ai";

/** Per-try timeout when none is given. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Largest response body read when none is given: this API answers with a few hundred bytes. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * Every option may be given as `undefined` (`baseUrl: process.env.DEVIN_API_BASE_URL`) and
 * then takes its default, under `exactOptionalPropertyTypes` too.
 */
export interface DevinClientOptions {
  /**
   * A service user's API key (v3 keys start with `cog_`). Sent as `Authorization: Bearer`.
   * @default process.env.DEVIN_API_KEY
   */
  apiKey?: string | undefined;
  /**
   * Where the API is. Plain `http:` is refused except for loopback hosts.
   * @default "https://api.devin.ai"
   */
  baseUrl?: string | undefined;
  /**
   * The fetch to send requests with, e.g. one with a proxy agent or a test double.
   * @default globalThis.fetch
   */
  fetch?: FetchLike | undefined;
  /**
   * Headers added to every request.
   * @default {}
   */
  headers?: HeadersOptions | undefined;
  /**
   * Retries after the first try, for connection errors, timeouts, 408, 409, 429 and 5xx.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * How long one try may take, response body included.
   * @default 60000
   * @unit milliseconds
   */
  timeoutMs?: number | undefined;
  /**
   * Retry non-idempotent requests (POST, PATCH) too. Only safe when the server
   * de-duplicates them.
   * @default false
   */
  retryNonIdempotent?: boolean | undefined;
  /**
   * Largest response body to read, counted after decompression; a larger one stops the
   * read and throws `DevinResponseTooLargeError`.
   * @default 10485760
   * @unit bytes
   */
  maxResponseBytes?: number | undefined;
  /**
   * Check each successful JSON response against the spec's schema and throw
   * `DevinResponseValidationError` on a mismatch.
   * @default false
   */
  validateResponses?: boolean | undefined;
}

/**
 * Response validation, loaded with its schemas on the first response: a client that does
 * not validate never loads (or, bundled, ships) the validator.
 */
function lazyValidationMiddleware(apiKey: string): Middleware {
  let validator: Promise<Middleware> | undefined;
  return {
    async onResponse(params) {
      validator ??= import("./response-validation.js").then((module) =>
        module.responseValidationMiddleware(
          apiKey,
          heldText,
          summarise,
          DevinInvalidResponseError,
          DevinResponseValidationError,
        ),
      );
      return (await validator).onResponse?.(params);
    },
  };
}

type Upper = Uppercase<HttpMethod>;
type Operation<Paths, Method extends Upper, Path> = OperationAt<Paths, Lowercase<Method>, Path>;

/**
 * The Devin API client: openapi-fetch's client typed by the spec (`client.GET(path, …)`
 * answers `{ data, error, response }` as openapi-fetch does), and the same error model
 * for every operation of the spec through `call`, `callWithResponse` and `paginate`.
 * `Paths` is the spec's generated `paths` unless another document's are given.
 */
export interface DevinClient<Paths extends {} = paths> extends Client<Paths, `${string}/${string}`> {
  /**
   * Calls any operation of the spec and resolves to its 2xx body as the spec types it. A
   * non-2xx answer throws the `DevinApiError` subclass for its status (`isErrorOf` types
   * its body from the operation's error responses); a 2xx body that is not JSON throws
   * `DevinInvalidResponseError`. `init` takes the operation's `params` and `body`, a
   * `signal`, and `maxRetries` and `timeoutMs` for this call.
   */
  call<Method extends Upper, Path extends PathsWith<Paths, Lowercase<Method>>>(
    method: Method,
    path: Path,
    ...init: InitArgument<Operation<Paths, Method, Path>>
  ): Promise<SuccessBody<Operation<Paths, Method, Path>>>;
  /** `call`, resolving to the body with the status, headers and request id of the success. */
  callWithResponse<Method extends Upper, Path extends PathsWith<Paths, Lowercase<Method>>>(
    method: Method,
    path: Path,
    ...init: InitArgument<Operation<Paths, Method, Path>>
  ): Promise<DevinResponse<SuccessBody<Operation<Paths, Method, Path>>>>;
  /**
   * Every page of a cursor-paginated GET operation (one with an `after` query parameter
   * and `end_cursor`/`has_next_page` in its body, detected from the spec), each as the
   * spec types it, fetched as the loop asks for them.
   */
  paginate<Path extends PaginatedPaths<Paths>>(
    path: Path,
    ...init: InitArgument<Operation<Paths, "GET", Path>>
  ): AsyncGenerator<SuccessBody<Operation<Paths, "GET", Path>>, void, undefined>;
  /**
   * True when `error` is a `DevinApiError` that this client threw for the operation at
   * `method` and `path`; it is then typed `OperationError` of that operation, so
   * `instanceof UnprocessableEntityError` gives a `body` typed as the spec declares.
   */
  isErrorOf<Method extends Upper, Path extends PathsWith<Paths, Lowercase<Method>>>(
    error: unknown,
    method: Method,
    path: Path,
  ): error is OperationError<Operation<Paths, Method, Path>>;
}

/**
 * Creates the Devin API client: openapi-fetch over the generated `paths`, with bearer
 * authentication, the retry policy, per-try timeouts and (opt-in) response validation.
 * Throws `DevinConfigError` at once when there is no key, or the base URL is not a URL,
 * holds a user name or password, or is plain http to another machine, or a timeout, retry
 * count or size limit is one the transport cannot honour.
 */
export function createDevinClient<Paths extends {} = paths>(options: DevinClientOptions = {}): DevinClient<Paths> {
  const apiKey = resolveApiKey(options.apiKey);
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  assertSecureTransport(baseUrl);
  assertTransportLimits(options);
  const transport: TransportOptions = {
    fetch: options.fetch,
    maxRetries: options.maxRetries ?? RETRY_POLICY.maxRetries,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retryNonIdempotent: options.retryNonIdempotent ?? false,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    // Every request passes the transport, a per-request `baseUrl` too: the key cannot leave in clear text.
    checkUrl: secureTransportGuard(),
  };
  const client = createClient<Paths>({
    baseUrl,
    headers: baseHeaders(options.headers, apiKey),
    fetch: createTransport(transport),
    pathSerializer: strictPathSerializer,
  });
  // Kept in these closures, not on the client object, so inspecting or logging a client never shows the key.
  const settings = { baseUrl, transport, apiKey, hasMiddleware: false };
  const send = (method: string, path: string, init?: object) =>
    callOperation(client as Client<never>, settings, method, path, init);
  const use = client.use;
  const methods = {
    // openapi-fetch hands middleware the request: once there is any, calls build real ones (`PlannedRequest`).
    use: (...middleware: Middleware[]) => {
      settings.hasMiddleware = true;
      use(...middleware);
    },
    call: async (method: string, path: string, init?: object) => (await send(method, path, init)).data,
    callWithResponse: send,
    // Loaded when a loop first asks for a page, like validation: most clients never paginate.
    paginate: async function* (path: string, init?: object) {
      const { paginate } = await import("./paginate.js");
      yield* paginate(
        async (pageInit) => (await send("GET", path, pageInit)).data,
        `GET ${path}`,
        init,
        DevinInvalidResponseError,
      );
    },
    isErrorOf: (error: unknown, method: string, path: string) =>
      error instanceof DevinApiError && error.operation === `${method} ${path}`,
  };
  Object.assign(client, methods);
  if (options.validateResponses) client.use(lazyValidationMiddleware(apiKey));
  return client as unknown as DevinClient<Paths>;
}
